/**
 * `tradeties report` on the bundled sample store: single reports in every format, the PDF
 * fallback without Chromium, and the batch over South Korea's largest partners.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { rankPartners, report, writeBatch } from "../../src/cli/commands/report.js";
import { TradetiesError, UsageError } from "../../src/errors.js";
import { CHROMIUM_PATH, ChromiumMissingError } from "../../src/report/render/index.js";
import type { DuckDbTradeStore } from "../../src/store/DuckDbTradeStore.js";
import { openSampleStore } from "../sampleStore.js";

let dir: string;
const store = () => inject("sampleStorePath");
function capture(): { lines: string[]; log: (l: string) => void } {
  const lines: string[] = [];
  return { lines, log: (l) => lines.push(l) };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "tradeties-report-cmd-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("tradeties report A B", () => {
  it("writes Markdown to stdout by default, without chart images", async () => {
    const out = capture();
    await report("KOR", "RUS", { store: store() }, out.log);
    expect(out.lines).toHaveLength(1);
    // Without the context file the reference year is the data's last (2020), hence not 25-fold;
    // twentyfold since 1990 but flat since 2010, and the headline says both.
    expect(out.lines[0]).toMatch(/^# Trade grew \d+-fold in three decades, but was about flat \([+−][\d.]+ %\) in the last ten years\n/);
    expect(out.lines[0]).toContain("\n## Notes\n");
    expect(out.lines[0]).not.toContain("![");
  });

  it("writes Markdown to a file with its charts beside it", async () => {
    const out = capture();
    const file = join(dir, "md", "korea-russia.md");
    await report("KOR", "RUS", { store: store(), out: file, format: "md" }, out.log);
    const svgs = readdirSync(join(dir, "md")).filter((f) => f.endsWith(".svg")).sort();
    expect(svgs).toEqual(["korea-russia.balance.svg", "korea-russia.composition.svg", "korea-russia.import-shares.svg", "korea-russia.people-flows.svg", "korea-russia.trade-volume.svg", "korea-russia.trade-vs-price.svg"]);
    expect(readFileSync(file, "utf8")).toContain("](korea-russia.trade-volume.svg)");
    expect(out.lines).toEqual([`wrote ${file} (+ 6 chart files beside it)`]);
  });

  it("writes HTML to the named file, with the context file and timestamp", async () => {
    const file = join(dir, "kor-rus.html");
    await report("KOR", "RUS", { store: store(), out: file, format: "html", context: "data/context/kor-rus.yaml", generatedAt: "2020-09-07T00:00:00Z" }, () => {});
    const html = readFileSync(file, "utf8");
    expect(html).toContain("<title>South Korea and Russia: 30 years of economic relations</title>");
    expect(html).toContain("Generated 2020-09-07T00:00:00Z.");
    expect(html).toContain("Prospects (the user&#39;s text, not computed from data)");
  });

  it("writes JSON without SVG to stdout", async () => {
    const out = capture();
    await report("KOR", "RUS", { store: store(), format: "json", to: "2019" }, out.log);
    const doc = JSON.parse(out.lines[0]!);
    expect(doc.a).toBe("KOR");
    expect(doc.period.to).toBe(2019);
    expect(out.lines[0]).not.toContain("<svg");
  });

  it("without Chromium, writes the HTML and Markdown next to the PDF's path and says how to install it", async () => {
    const before = process.env["TRADETIES_CHROMIUM"];
    process.env["TRADETIES_CHROMIUM"] = "/nonexistent/chromium";
    try {
      const file = join(dir, "nochrome", "kor-rus.pdf");
      const error = await report("KOR", "RUS", { store: store(), out: file, format: "pdf" }, () => {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ChromiumMissingError);
      expect((error as TradetiesError).exitCode).toBe(1);
      expect((error as Error).message).toMatch(/apt-get install -y chromium.*the HTML and Markdown were written/);
      expect(existsSync(file)).toBe(false);
      expect(readFileSync(join(dir, "nochrome", "kor-rus.html"), "utf8")).toMatch(/<h1>Trade grew \d+-fold in three decades, but was about flat \([+−][\d.]+ %\) in the last ten years<\/h1>/);
      expect(readFileSync(join(dir, "nochrome", "kor-rus.md"), "utf8")).toContain("](kor-rus.trade-volume.svg)");
      expect(existsSync(join(dir, "nochrome", "kor-rus.trade-volume.svg"))).toBe(true);
    } finally {
      if (before === undefined) delete process.env["TRADETIES_CHROMIUM"];
      else process.env["TRADETIES_CHROMIUM"] = before;
    }
  });

  it.skipIf(!existsSync(CHROMIUM_PATH))("writes a PDF", async () => {
    const file = join(dir, "pdf", "kor-rus.pdf");
    const out = capture();
    await report("KOR", "RUS", { store: store(), out: file, format: "pdf" }, out.log);
    expect(readFileSync(file).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(out.lines).toEqual([`wrote ${file}`]);
  });

  it("refuses unclear requests with a usage error that says what to do", async () => {
    await expect(report("KOR", undefined, { store: store() })).rejects.toThrow(/name the partner .* or ask for a batch with --partners all or --partners top:N/);
    await expect(report("KOR", "RUS", { store: store(), format: "docx" })).rejects.toThrow(UsageError);
    await expect(report("KOR", "RUS", { store: store(), from: "90" })).rejects.toThrow(/--from takes a four-digit year/);
    await expect(report("KOR", undefined, { store: store(), partners: "best" , out: dir })).rejects.toThrow(/--partners takes "all" or "top:N"/);
    await expect(report("KOR", undefined, { store: store(), partners: "top:3" })).rejects.toThrow(/name a folder with --out/);
    await expect(report("KOR", "RUS", { store: store(), partners: "top:3", out: dir })).rejects.toThrow(/either a partner .* or --partners/);
  });
});

describe("tradeties report A --partners", () => {
  let db: DuckDbTradeStore;
  beforeAll(async () => {
    db = await openSampleStore();
  });
  afterAll(async () => db?.close());

  it("ranks South Korea's country partners by total trade in the last year", async () => {
    // IMF DOTS, South Korea's reports for 2020: China, then the US, then Japan.
    const top = await rankPartners(db, "KOR", { top: 3 });
    expect(top.map((p) => p.code)).toEqual(["CHN", "USA", "JPN"]);
    expect(top.every((p) => p.year === 2020)).toBe(true);
    expect(top[0]!.total).toBeGreaterThan(top[1]!.total);
  });

  it("writes one report per partner and an index ranking them, with links", async () => {
    const out = join(dir, "batch");
    const lines: string[] = [];
    await report("KOR", undefined, { store: store(), partners: "top:3", out, format: "html" }, (l) => lines.push(l));
    expect(readdirSync(out).sort()).toEqual(["index.html", "index.md", "kor-chn.html", "kor-jpn.html", "kor-usa.html"]);
    const index = readFileSync(join(out, "index.html"), "utf8");
    const links = [...index.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => m[1]);
    expect(links.slice(0, 3)).toEqual(["kor-chn.html", "kor-usa.html", "kor-jpn.html"]);
    const md = readFileSync(join(out, "index.md"), "utf8");
    expect(md).toMatch(/^\| 1 \| \[China\]\(kor-chn\.html\) \| \$[\d.]+ billion \| -?[\d.]+ % \(\d{4}–2020\) \|/m);
    expect(md).toContain("## Most volatile");
    expect(lines.at(-1)).toBe(`wrote ${join(out, "index.html")} and index.md: 3 reports`);
  });

  it("writes the same files and entries with worker threads as on the main thread, failures included", async () => {
    const partners = [...(await rankPartners(db, "KOR", { top: 4 })), { code: "ZZZ", name: "Nowhere", total: 0, year: 2020 }];
    const run = async (workers: string, out: string) => {
      const before = process.env.TRADETIES_BATCH_WORKERS;
      process.env.TRADETIES_BATCH_WORKERS = workers;
      const lines: string[] = [];
      try {
        const entries = await writeBatch(db, "KOR", partners, { format: "md", dir: out, reportOptions: {} }, (l) => lines.push(l));
        const files = Object.fromEntries(readdirSync(out).sort().map((f) => [f, readFileSync(join(out, f), "utf8")]));
        return { entries, files, lines: lines.sort() };
      } finally {
        if (before === undefined) delete process.env.TRADETIES_BATCH_WORKERS;
        else process.env.TRADETIES_BATCH_WORKERS = before;
      }
    };
    const inline = await run("0", join(dir, "batch-inline"));
    const threaded = await run("2", join(dir, "batch-threads"));
    expect(Object.keys(inline.files)).toContain("kor-chn.md");
    expect(inline.entries.map((e) => e.partner.code)).toEqual(["CHN", "USA", "JPN", "VNM", "ZZZ"].slice(0, inline.entries.length));
    expect(threaded.entries).toEqual(inline.entries);
    expect(threaded.files).toEqual(inline.files);
    expect(threaded.lines).toEqual(inline.lines.map((l) => l.replace("batch-inline", "batch-threads")).sort());
  });

  it("lists a partner whose report fails, with the reason, and goes on", async () => {
    const out = join(dir, "batch-fail");
    const partners = [
      { code: "ZZZ", name: "Nowhere", total: 5, year: 2020 },
      { code: "RUS", name: "Russia", total: 1, year: 2020 },
    ];
    const entries = await writeBatch(db, "KOR", partners, { format: "md", dir: out, reportOptions: {} }, () => {});
    expect(entries.map((e) => [e.partner.code, e.file, e.error === undefined])).toEqual([
      ["ZZZ", undefined, false],
      ["RUS", "kor-rus.md", true],
    ]);
    expect(existsSync(join(out, "kor-rus.trade-volume.svg"))).toBe(true);
    const md = readFileSync(join(out, "index.md"), "utf8");
    expect(md).toContain("## Reports that could not be written");
    expect(md).toMatch(/^- Nowhere: .*ZZZ/m);
    expect(readFileSync(join(out, "index.html"), "utf8")).toContain("<li>Nowhere: ");
  });
});
