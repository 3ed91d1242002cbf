/**
 * The CLI as a user meets it: help texts, exit codes, JSON that parses, errors that say what to do.
 * Runs the real entry point (bin/tradeties.js) against the sample store.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";

const run = promisify(execFile);
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run("node", ["bin/tradeties.js", ...args], { env: { ...process.env, TRADETIES_STORE: inject("sampleStorePath") } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe("tradeties CLI", () => {
  it("--help lists every command with a description and examples", async () => {
    const { code, stdout } = await cli("--help");
    expect(code).toBe(0);
    for (const c of ["ingest", "sources", "countries", "pair", "profile", "report", "demo"]) expect(stdout).toMatch(new RegExp(`\\n  ${c}\\b.*\\S`));
    expect(stdout).toMatch(/Examples:/);
  });

  for (const command of ["ingest", "sources", "countries", "pair", "profile", "report"]) {
    it(`${command} --help explains its arguments and shows an example`, async () => {
      const { code, stdout } = await cli(command, "--help");
      expect(code).toBe(0);
      expect(stdout).toMatch(/Usage: tradeties /);
      expect(stdout).toMatch(/\$ tradeties /);
    });
  }

  it("pair --json is valid JSON with the documented shape", async () => {
    const { code, stdout } = await cli("pair", "KOR", "RUS", "--from", "2018", "--to", "2019", "--json");
    expect(code).toBe(0);
    const body = JSON.parse(stdout);
    expect(body).toMatchObject({ a: "KOR", b: "RUS", unit: "USD" });
    expect(body.years.map((y: { year: number }) => y.year)).toEqual([2018, 2019]);
    expect(Object.keys(body.years[0])).toEqual(expect.arrayContaining(["year", "exports", "imports", "total", "balance", "mirror", "entity_b", "sources"]));
  });

  it("sources --json lists the loaded files", async () => {
    const { stdout } = await cli("sources", "--json");
    const names = JSON.parse(stdout).sources.map((s: { fileName: string }) => s.fileName);
    expect(names).toContain("DOTS_106.xlsx");
  });

  it("an unknown country exits 1 and suggests the closest matches", async () => {
    const { code, stderr } = await cli("pair", "KOR", "Rusia");
    expect(code).toBe(1);
    expect(stderr).toMatch(/Rusia/);
    expect(stderr).toMatch(/RUS/);
    expect(stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it("a bad year is a usage error (exit 2) naming the flag", async () => {
    const { code, stderr } = await cli("pair", "KOR", "RUS", "--from", "19x0");
    expect(code).toBe(2);
    expect(stderr).toMatch(/--from/);
  });

  it("--from after --to is a usage error that says to swap them", async () => {
    const { code, stderr } = await cli("pair", "KOR", "RUS", "--from", "2020", "--to", "2010");
    expect(code).toBe(2);
    expect(stderr).toMatch(/swap/);
  });

  it("countries finds the USSR by its historical code", async () => {
    const { stdout } = await cli("countries", "810", "--json");
    expect(JSON.parse(stdout).matches[0]).toMatchObject({ entity: "SUN", validTo: 1991 });
  });

  it("a missing store is explained", async () => {
    const { code, stderr } = await cli("sources", "--store", "/nonexistent/x.duckdb");
    expect(code).toBe(2);
    expect(stderr).toMatch(/no store at/);
  });

  it("the bundled CLI starts worker threads on the compiled modules and reads the package's files: a batch with 2 workers writes what the main thread writes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tradeties-cli-batch-"));
    try {
      const write = async (workers: string, out: string) => {
        const { stdout, stderr } = await run("node", ["bin/tradeties.js", "report", "KOR", "--partners", "top:3", "--format", "md", "--out", out], {
          env: { ...process.env, TRADETIES_STORE: inject("sampleStorePath"), TRADETIES_BATCH_WORKERS: workers },
        });
        expect(stderr).toBe("");
        expect(stdout).toMatch(/: 3 reports$/m);
        return Object.fromEntries(readdirSync(out).sort().map((f) => [f, readFileSync(join(out, f), "utf8")]));
      };
      const inline = await write("0", join(dir, "inline"));
      const threaded = await write("2", join(dir, "threads"));
      expect(Object.keys(inline)).toEqual(expect.arrayContaining(["index.md", "kor-chn.md", "kor-usa.md", "kor-jpn.md"]));
      expect(threaded).toEqual(inline);
      // The milestone catalogue (data/reference/milestone-codes.csv, read from the package root) is in the reports.
      expect(inline["kor-chn.md"]).toMatch(/WTO/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
