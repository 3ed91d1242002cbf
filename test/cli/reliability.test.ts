/**
 * Reliability as a user meets it on the command line: exit codes for each kind of failure, files
 * that fail without stopping the others, vintages that can be listed and undone, and a command
 * that exits after its error even when the store is damaged. Price and published files here are
 * real (data folder); the broken variants are synthetic, written by the test.
 */
import { execFile, spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, writeSync, closeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const DATA = process.env.TRADETIES_DATA ?? join(process.cwd(), "../shared/data");
const BRENT = join(DATA, "oil/brent-year.csv");
const PUBLISHED = join(DATA, "indicators/published_figures.csv");
const DOTS = join(DATA, "trade/imf-dots/DOTS_106.xlsx");

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run("node", ["bin/tradeties.js", ...args], { timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string; killed?: boolean; signal?: string };
    return { code: err.killed ? -1 : err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "tradeties-cli-rel-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("exit codes", () => {
  it("--format nope is bad usage: exit 2, as the README says, before any file is read", async () => {
    const r = await cli("ingest", BRENT, "--format", "nope", "--store", join(dir, "format.duckdb"));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown format "nope"; choose one of: .*price-series/);
  });

  it("a missing file is exit 66 and says 'file not found'", async () => {
    const r = await cli("ingest", join(dir, "nope.csv"), "--store", join(dir, "missing.duckdb"));
    expect(r.code).toBe(66);
    expect(r.stdout).toMatch(/FAILED — .*file not found: .*nope\.csv/);
  });

  it("a header-only file fails (exit 1, nothing stored) without stopping the good file after it", async () => {
    const store = join(dir, "mixed.duckdb");
    const headerOnly = join(dir, "brent-year.csv");
    writeFileSync(headerOnly, "Date,Price\n");
    const r = await cli("ingest", headerOnly, BRENT, "--store", store);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/brent-year\.csv: FAILED — .*has no data rows/);
    expect(r.stdout).toMatch(/rows read 39 = stored 39/);
    expect(r.stdout).toMatch(/1 of 2 files failed/);
    const sources = JSON.parse((await cli("sources", "--json", "--store", store)).stdout).sources;
    expect(sources.map((s: { rowsStored: number }) => s.rowsStored)).toEqual([39]);
  });
});

describe("vintages on the command line", () => {
  it("refuses a shrunken published_figures.csv with the figures, takes it with --allow-shrink, lists the history, restores and drops", async () => {
    const store = join(dir, "vintages.duckdb");
    expect((await cli("ingest", PUBLISHED, "--store", store)).code).toBe(0);
    // Synthetic edit of the real file: the unit of 6 of its 22 rows misspelt.
    const lines = readFileSync(PUBLISHED, "utf8").split("\n");
    let typos = 0;
    const edited = lines.map((l, i) => (i > 0 && typos < 6 && /,USD million,/.test(l) ? (typos++, l.replace(",USD million,", ",USD milion,")) : l));
    const persons = edited.map((l, i) => (i > 0 && typos < 6 && /,persons,/.test(l) ? (typos++, l.replace(",persons,", ",persns,")) : l));
    expect(typos).toBe(6);
    const shrunk = join(dir, "published_figures.csv");
    writeFileSync(shrunk, persons.join("\n"));
    const refused = await cli("ingest", shrunk, "--store", store);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/would replace published-figures:published_figures v1 \(published_figures\.csv: 22 rows over \d+ years, 1990–\d{4}\) with 16 rows .*\(6 rows rejected\): 27 % fewer rows/);
    expect(refused.stdout).toMatch(/--allow-shrink/);

    const allowed = await cli("ingest", shrunk, "--allow-shrink", "--store", store);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toMatch(/rows read 22 = stored 16 \+ rejected 6/);

    const history = await cli("sources", "--history", "--store", store);
    expect(history.stdout).toMatch(/v1\s+superseded\s+published_figures\.csv/);
    expect(history.stdout).toMatch(/v2\s+current\s+published_figures\.csv/);
    expect(history.stdout).toMatch(/tradeties restore-vintage "published-figures:published_figures"/);

    const restored = await cli("restore-vintage", "published-figures:published_figures", "--store", store);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/withdrew published_figures\.csv .*16 rows.*; v1 \(published_figures\.csv, 22 rows\) is the current vintage/);
    const after = JSON.parse((await cli("sources", "--json", "--store", store)).stdout).sources;
    expect(after.map((s: { vintage: string; withdrawn: boolean; superseded: boolean }) => [s.vintage, s.withdrawn, s.superseded])).toEqual([
      ["v1", false, false],
      ["v2", true, false],
    ]);

    const v2 = after[1].sourceId.slice(0, 12);
    const dropped = await cli("drop-source", v2, "--store", store);
    expect(dropped.code).toBe(0);
    expect(dropped.stdout).toMatch(/dropped published_figures\.csv/);
    expect(JSON.parse((await cli("sources", "--json", "--store", store)).stdout).sources).toHaveLength(1);
    expect((await cli("drop-source", "ffffffffffff", "--store", store)).code).toBe(1);
  });
});

describe("a damaged store", () => {
  it("pair and profile print what is wrong and exit, whichever block is damaged, never as 'a bug' — before, some never exited", { timeout: 300_000 }, async () => {
    const store = join(dir, "healthy.duckdb");
    expect((await cli("ingest", BRENT, DOTS, "--store", store)).code).toBe(0);
    const size = statSync(store).size;
    const BLOCK = 256 * 1024;
    const codes: number[] = [];
    // Damage one 256 KiB block at a time (bytes in its middle), past the file header.
    for (let offset = BLOCK + BLOCK / 2, n = 0; offset < size && n < 8; offset += BLOCK, n++) {
      const damaged = join(dir, `damaged-${n}.duckdb`);
      copyFileSync(store, damaged);
      const fd = openSync(damaged, "r+");
      writeSync(fd, Buffer.alloc(256, 0x5a), 0, 256, offset);
      closeSync(fd);
      for (const command of ["pair", "profile"]) {
        const r = await cli(command, "KOR", "RUS", "--store", damaged);
        expect(r.code, `${command} on a store damaged at byte ${offset}: ${r.stderr.slice(0, 200)}`).not.toBe(-1);
        expect([0, 65]).toContain(r.code);
        expect(r.stderr).not.toMatch(/internal error|this is a bug/);
        if (r.code === 65) expect(r.stderr).toMatch(/the store is damaged and cannot be read .*rebuild it/);
        codes.push(r.code);
      }
    }
    expect(codes).toContain(65);
  });

  it("a truncated store is damaged (65) for reading and for ingest, wherever it was cut — before, exit 1 'cannot open' or 70 'a bug'", { timeout: 300_000 }, async () => {
    const store = join(dir, "whole.duckdb");
    expect((await cli("ingest", BRENT, DOTS, "--store", store)).code).toBe(0);
    const size = statSync(store).size;
    // Cut inside the header, inside the first data blocks, and short of the last block.
    for (const length of [1000, 300_000, size - 300_000, size - 1000]) {
      const cut = join(dir, `cut-${length}.duckdb`);
      copyFileSync(store, cut);
      truncateSync(cut, length);
      for (const args of [["pair", "KOR", "RUS"], ["ingest", PUBLISHED]]) {
        const r = await cli(...args, "--store", cut);
        const what = `${args[0]} on a store cut to ${length} of ${size} bytes: ${r.stderr.slice(0, 300)}`;
        // An ingest may never touch the missing blocks; then it succeeds and the damage shows on the next read.
        if (args[0] === "ingest" && r.code === 0) continue;
        expect(r.code, what).toBe(65);
        expect(r.stderr, what).toMatch(/the store is damaged and cannot be read \(the file is truncated: .*rebuild it/);
      }
    }
  });
});

describe("a store another process holds", () => {
  /** A second process that opens the store like an ingest (or a reader) and holds it until killed. */
  async function holder(store: string, readOnly: boolean) {
    const script = `const { DuckDBInstance } = require("@duckdb/node-api");
      DuckDBInstance.create(${JSON.stringify(store)}, ${readOnly ? '{ access_mode: "READ_ONLY" }' : "{}"}).then(async (i) => { await i.connect(); console.log("held"); setInterval(() => {}, 1000); });`;
    const child = spawn("node", ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("held") && resolve());
      child.on("exit", (code) => reject(new Error(`the holder exited with ${code}`)));
    });
    return child;
  }

  it("a real concurrent writer is the 'in use' message naming its process (exit 1), never 'damaged'", { timeout: 120_000 }, async () => {
    const store = join(dir, "held.duckdb");
    expect((await cli("ingest", BRENT, "--store", store)).code).toBe(0);
    const writer = await holder(store, false);
    try {
      for (const args of [["pair", "KOR", "RUS"], ["ingest", PUBLISHED]]) {
        const r = await cli(...args, "--store", store);
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(new RegExp(`the store .*held\\.duckdb is in use: process ${writer.pid} \\(.*node\\) has it open for writing .*wait for it to finish or stop it`));
        expect(r.stderr).not.toMatch(/damaged/);
      }
    } finally {
      writer.kill();
    }
    const reader = await holder(store, true);
    try {
      const r = await cli("ingest", PUBLISHED, "--store", store);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`is in use: process ${reader.pid} \\(.*\\) has it open for reading`));
      // Readers share the store: a second reader is not refused.
      expect((await cli("sources", "--store", store)).code).toBe(0);
    } finally {
      reader.kill();
    }
  });
});
