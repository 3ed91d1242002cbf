/**
 * The renderers on the real Korea–Russia document built from the bundled sample (with the sample
 * context file): what a reader gets from `tradeties report KOR RUS`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReport } from "../../src/report/buildReport.js";
import type { ReportDocument } from "../../src/report/document.js";
import { CHROMIUM_PATH, PdfPrinter, renderCharts, renderReport, toHtml, toMarkdown } from "../../src/report/render/index.js";
import type { DuckDbTradeStore } from "../../src/store/DuckDbTradeStore.js";
import { unsourcedFigureSentences } from "../fixtures/report/proseFigures.js";
import { openSampleStore } from "../sampleStore.js";

let store: DuckDbTradeStore;
let doc: ReportDocument;
let drawn: ReportDocument;

beforeAll(async () => {
  store = await openSampleStore();
  doc = await buildReport(store, "KOR", "RUS", { contextFile: "data/context/kor-rus.yaml" });
  drawn = await renderCharts(doc);
});
afterAll(async () => store?.close());

describe("Korea–Russia report, rendered", () => {
  it("every sentence of the Markdown that states a figure carries a footnote", () => {
    expect(unsourcedFigureSentences(toMarkdown(drawn))).toEqual([]);
  });

  it("Markdown and HTML are byte-identical across runs", async () => {
    const again = await renderCharts(await buildReport(store, "KOR", "RUS", { contextFile: "data/context/kor-rus.yaml" }));
    expect(toMarkdown(again, { chartPath: (c) => `x.${c.id}.svg` })).toBe(toMarkdown(drawn, { chartPath: (c) => `x.${c.id}.svg` }));
    expect(toHtml(again)).toBe(toHtml(drawn));
  });

  it("prints every footnote once, numbered 1…n in reading order, the lead first", () => {
    const md = toMarkdown(drawn);
    const defs = [...md.matchAll(/^\[\^(\d+)\]:/gm)].map((m) => Number(m[1]));
    expect(defs).toEqual(doc.footnotes.map((_, i) => i + 1));
    const lead = md.split("\n").find((l) => l.startsWith("Trade between South Korea and Russia grew 25 times"))!;
    expect(lead).toMatch(/between 1990 and 2019\[\^1\], and the number of tourists 26 times \(1990–2019\)\[\^2\]/);
  });

  it("keeps the user's prospects under the user's heading, once", () => {
    const md = toMarkdown(drawn);
    expect(md.match(/^## Prospects \(the user's text, not computed from data\)$/gm)).toHaveLength(1);
    const at = md.indexOf("## Prospects");
    expect(md.indexOf("Korea–Eurasian Economic Union (EAEU) free trade agreement")).toBeGreaterThan(at);
  });

  it("HTML: all six charts inline, every in-page link resolves, no external resource", () => {
    const html = toHtml(drawn);
    expect(html.match(/<figure\b/g)).toHaveLength(6);
    expect(html.match(/<svg\b/g)).toHaveLength(6);
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of html.matchAll(/\shref="#([^"]+)"/g)) expect(ids).toContain(m[1]);
    expect(html).not.toMatch(/<script|<link|<img|\ssrc="/);
  });

  it("Markdown comes with one SVG file per chart; JSON carries the specs but no SVG", async () => {
    const md = await renderReport(doc, "md", { name: "kor-rus" });
    expect(md.files!.map((f) => f.name)).toEqual(doc.sections.flatMap((s) => s.charts.map((c) => `kor-rus.${c.id}.svg`)));
    for (const f of md.files!) expect(String(md.body)).toContain(`](${f.name})`);
    const json = await renderReport(drawn, "json");
    expect(String(json.body)).not.toContain("<svg");
    const parsed = JSON.parse(String(json.body)) as ReportDocument;
    expect(parsed.headline).toBe(doc.headline);
    expect(parsed.sections[0]!.charts[0]!.spec).toEqual(doc.sections[0]!.charts[0]!.spec);
  });

  it.skipIf(!existsSync(CHROMIUM_PATH) || !existsSync("/usr/bin/pdftotext"))("PDF: A4 pages with the headline, the notes and page numbers", async () => {
    const printer = await PdfPrinter.launch();
    const dir = mkdtempSync(join(tmpdir(), "tradeties-real-pdf-"));
    try {
      const pdf = await renderReport(drawn, "pdf", { printer });
      const file = join(dir, "kor-rus.pdf");
      writeFileSync(file, pdf.body);
      const pages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))![1]);
      // Eight sections with six charts, a 30-row table, 33 notes and the methodology.
      expect(pages).toBeGreaterThanOrEqual(6);
      expect(pages).toBeLessThanOrEqual(20);
      const text = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
      expect(text).toContain("Trade and tourist numbers grew 25-fold in three decades");
      expect(text).toContain("Notes");
      expect(text).toMatch(new RegExp(`\\b${pages}\\s*/\\s*${pages}\\b`));
    } finally {
      await printer.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
