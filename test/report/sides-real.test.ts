/**
 * Whose figures a report reads, on the bundled sample (real IMF DOTS workbooks): the mirror
 * fallback when A has no reports of its own (the sample has no United States workbook, China's
 * has the United States as a partner) and the wording for IMF estimates (every North Korea figure).
 * Expected values read from the workbooks with a second reader (Python zipfile + XML).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReport } from "../../src/report/buildReport.js";
import { sentenceText, type ReportDocument } from "../../src/report/document.js";
import { pairSeries } from "../../src/query/pair.js";
import type { DuckDbTradeStore } from "../../src/store/DuckDbTradeStore.js";
import { openSampleStore } from "../sampleStore.js";

let store: DuckDbTradeStore;
beforeAll(async () => {
  store = await openSampleStore();
});
afterAll(async () => store?.close());

const allText = (d: ReportDocument) =>
  [d.headline, ...d.lead.sentences.map(sentenceText), ...d.sections.flatMap((s) => [s.title, ...s.paragraphs.flatMap((p) => p.sentences.map(sentenceText)), ...s.items.map(sentenceText), ...s.charts.map((c) => sentenceText(c.caption)), ...s.tables.map((t) => t.note ?? "")]), ...d.footnotes.map((f) => f.text)].join("\n");

describe("mirror fallback: United States–China with only China's workbook loaded", () => {
  it("takes China's reports as the pair's figures, labelled mirror", async () => {
    const s = await pairSeries(store, "USA", "CHN");
    expect(s.basis).toBe("mirror");
    const y2020 = s.years.find((y) => y.year === 2020)!;
    // DOTS_40.xlsx (China), 2020: exports FOB to the United States 452,832.22287, imports CIF from it 136,122.54676 (USD m).
    expect(y2020.exports! / 1e6).toBeCloseTo(136122.54676, 3);
    expect(y2020.imports! / 1e6).toBeCloseTo(452832.22287, 3);
    expect(y2020.sources.filter((x) => x.figure === "exports" || x.figure === "imports").every((x) => x.basis === "mirror" && x.reporter === "CHN")).toBe(true);
    // A pair with its own reports keeps them.
    expect((await pairSeries(store, "CHN", "USA")).basis).toBe("own");
  });

  it("the report says so, and its footnotes name China's reports as the mirror side", async () => {
    const d = await buildReport(store, "USA", "CHN");
    const text = allText(d);
    expect(text).toMatch(/The United States has no reports of its own of this trade loaded, so every figure here is China's report of the same flows \(mirror\)/);
    expect(text).not.toMatch(/the United States' reports/);
    expect(text).not.toMatch(/United States's/);
    const table = d.sections.find((x) => x.id === "data")!.tables[0]!;
    // 2020 total = 136,122.5 + 452,832.2 = 588,954.8 (USD m).
    expect(table.rows.find((r) => r[0] === "2020")![4]).toBe("588,954.8");
    expect(d.sources.filter((x) => x.file === "DOTS_40.xlsx").map((x) => x.side)).toContain("mirror");
    const growthNote = d.footnotes.find((f) => /^Growth over/.test(f.text))!;
    expect(growthNote.sources.map((x) => `${x.file}:${x.side}`)).toEqual(["DOTS_40.xlsx:mirror"]);
  });
});

describe("IMF estimates are called estimates: North Korea", () => {
  it("North Korea–South Korea: every North Korea figure is an estimate, never 'North Korea's reports'", async () => {
    const d = await buildReport(store, "PRK", "KOR");
    const text = allText(d);
    expect(text).toMatch(/Every figure given for North Korea is an IMF estimate built from its partners' reports/);
    expect(text).toMatch(/IMF estimates for North Korea \(built from partner data\)/);
    expect(text).not.toMatch(/North Korea's reports/);
    // DOTS_147.xlsx (North Korea), 1997: imports from Korea 5.28 e, exports 1.09 e: both estimates.
    const row = d.sections.find((x) => x.id === "data")!.tables[0]!.rows.find((r) => r[0] === "1997")!;
    expect(row[2]).toBe("1.1 e");
    expect(row[3]).toBe("5.3 e");
    // An estimate derived from the partner's figure is no second opinion: no mirror-gap sentence on it.
    expect(text).not.toMatch(/Both sides report the same trade differently/);
  });
});
