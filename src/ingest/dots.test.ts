import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { IngestError } from "../errors.js";
import type { ParsedFile, RawTradeRecord } from "../model.js";
import { dotsAdapter, parseDots } from "./dots.js";
import { ktoAdapter } from "./kto.js";
import { columnLetter, columnNumber, parseNumberText } from "./xlsx.js";
import { dataFile } from "../dataFolder.js";

const sample = (p: string) => dataFile(`${p}`);
const bad = (p: string) => fileURLToPath(new URL(`../../test/fixtures/bad/xlsx/${p}`, import.meta.url));
const dots = (n: number) => sample(`trade/imf-dots/DOTS_${n}.xlsx`);

function skippedTotal(p: ParsedFile): number {
  return p.skipped.reduce((s, k) => s + k.count, 0);
}
function expectAddsUp(p: ParsedFile): void {
  expect(p.rowsRead).toBe(p.trade.length + p.series.length + p.prices.length + p.products.length + p.rejected.length + skippedTotal(p));
}
async function rejection(promise: Promise<unknown>): Promise<IngestError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(IngestError);
  return err as IngestError;
}

interface CsvRow {
  reporter: string;
  flow: "exports_fob" | "imports_cif";
  partner: string;
  year: string;
  value_usd_millions: string;
  estimated: string;
  memo_group: string;
}

/** The independent long-format conversion of DOTS_106, DOTS_162 and DOTS_203 (PROVENANCE §1). */
const longCsv: CsvRow[] = Papa.parse<CsvRow>(readFileSync(sample("trade/imf-dots/dots_kor_rus_ussr_by_partner_long.csv"), "utf8"), {
  header: true,
  skipEmptyLines: true,
}).data;

const key = (flow: string, partner: string, year: number | string) => `${flow}|${partner}|${year}`;
const ourFlow = (r: RawTradeRecord) => (r.flow === "export" ? "exports_fob" : "imports_cif");

const parsed = new Map<number, ParsedFile>();
beforeAll(async () => {
  for (const n of [106, 162, 203, 40, 147]) parsed.set(n, await parseDots(dots(n)));
});

describe("IMF DOTS workbooks against the independent long CSV", () => {
  it("the CSV is what PROVENANCE says it is (30,930 rows, three reporters)", () => {
    expect(longCsv.length).toBe(30_930);
    expect(new Set(longCsv.map((r) => r.reporter))).toEqual(new Set(["Korea, Rep. of", "Russian Federation", "USSR"]));
  });

  for (const [n, reporter] of [
    [106, "Korea, Rep. of"],
    [162, "Russian Federation"],
    [203, "USSR"],
  ] as const) {
    it(`DOTS_${n} (${reporter}): every CSV value, estimate flag and count matches`, () => {
      const p = parsed.get(n)!;
      const csv = longCsv.filter((r) => r.reporter === reporter);
      expect(csv.length).toBeGreaterThan(1000);

      // The CSV keeps the duplicated "Australia" row of every sheet; the copies are identical.
      const csvByKey = new Map<string, CsvRow>();
      let csvDuplicates = 0;
      for (const r of csv) {
        const k = key(r.flow, r.partner, r.year);
        const before = csvByKey.get(k);
        if (before) {
          csvDuplicates += 1;
          expect(r.value_usd_millions).toBe(before.value_usd_millions);
          expect(r.estimated).toBe(before.estimated);
        } else csvByKey.set(k, r);
      }

      const ours = new Map<string, RawTradeRecord>();
      for (const t of p.trade) {
        expect(t.reporter).toEqual({ scheme: "imf-dots-name", code: reporter });
        const k = key(ourFlow(t), t.partner.code, t.year);
        expect(ours.has(k), `duplicate record ${k}`).toBe(false);
        ours.set(k, t);
      }

      // Same keys both ways, same number of values.
      expect(ours.size).toBe(csvByKey.size);
      for (const [k, r] of csvByKey) {
        const t = ours.get(k);
        expect(t, `missing ${k}`).toBeDefined();
        const expected = Number(r.value_usd_millions) * 1e6;
        // Within 1e-6 relative, or half a dollar: the CSV rounds millions to 6 decimals (1 USD).
        expect(Math.abs(t!.valueUsd - expected), k).toBeLessThanOrEqual(Math.max(Math.abs(expected) * 1e-6, 0.5));
        expect(t!.estimated, k).toBe(r.estimated === "e");
      }
      // The duplicated rows are skipped cell by cell, so records + duplicates = CSV rows.
      const dupSkipped = p.skipped.find((s) => s.reason.startsWith("duplicate partner row"))?.count ?? 0;
      expect(dupSkipped).toBe(csvDuplicates);
      expect(p.trade.length + dupSkipped).toBe(csv.length);
      expect(p.rejected).toEqual([]);
    });
  }

  it("keeps the Memorandum Items aggregates as records and says so in notes", () => {
    const p = parsed.get(106)!;
    const memoPartners = new Set(longCsv.filter((r) => r.reporter === "Korea, Rep. of" && r.memo_group === "memo").map((r) => r.partner));
    expect(memoPartners.size).toBeGreaterThan(0);
    for (const partner of memoPartners) expect(p.trade.some((t) => t.partner.code === partner)).toBe(true);
    expect(p.notes.some((n) => n.includes("Memorandum Items") && n.includes("European Union"))).toBe(true);
    expect(p.skipped.find((s) => s.reason.includes("Memorandum Items"))?.count).toBe(2); // one heading per sheet
  });
});

describe("IMF DOTS hand-read values", () => {
  const find = (n: number, flow: string, partner: string, year: number) =>
    parsed.get(n)!.trade.find((t) => t.flow === flow && t.partner.code === partner && t.year === year);

  it("Korea → Russian Federation 2019: exports 7,789.791 M (BJ103), imports 14,531.534 M", () => {
    const x = find(106, "export", "Russian Federation", 2019)!;
    expect(x).toMatchObject({ cell: "Exports, FOB!BJ103", line: 103, valuation: "fob", estimated: false, productCode: "TOTAL", classification: "TOTAL" });
    expect(x.valueUsd).toBeCloseTo(7_789_791_000, 0);
    const m = find(106, "import", "Russian Federation", 2019)!;
    expect(m).toMatchObject({ cell: "Imports, CIF!BJ103", valuation: "cif" });
    expect(m.valueUsd).toBeCloseTo(14_531_534_000, 0);
    // PROVENANCE §1: total trade 2019 = 22,321.3 M
    expect((x.valueUsd + m.valueUsd) / 1e6).toBeCloseTo(22_321.3, 1);
  });

  it("Korea–USSR 1991 is present (exports 625.2 M, imports 577.2 M)", () => {
    expect(find(106, "export", "USSR", 1991)!.valueUsd).toBeCloseTo(625_200_000, 0);
    expect(find(106, "import", "USSR", 1991)!.valueUsd).toBeCloseTo(577_200_000, 0);
  });

  it("Korea's balance with Russia: deficit every year 2009–2020 (PROVENANCE §1 values)", () => {
    const balance = (y: number) => (find(106, "export", "Russian Federation", y)!.valueUsd - find(106, "import", "Russian Federation", y)!.valueUsd) / 1e6;
    for (let y = 2009; y <= 2020; y++) expect(balance(y), String(y)).toBeLessThan(0);
    for (const y of [2006, 2007, 2008]) expect(balance(y), String(y)).toBeGreaterThan(0);
    expect(balance(2009)).toBeCloseTo(-1_594.7, 1);
    expect(balance(2018)).toBeCloseTo(-9_982.5, 1);
    expect(balance(2020)).toBeCloseTo(-3_777.7, 1);
  });

  it("Russia's 2019 CIF imports from China, P.R.: Mainland = 54,066.4 M; 1995 = 864.5 M", () => {
    expect(find(162, "import", "China, P.R.: Mainland", 2019)!.valueUsd / 1e6).toBeCloseTo(54_066.4, 1);
    expect(find(162, "import", "China, P.R.: Mainland", 1995)!.valueUsd / 1e6).toBeCloseTo(864.5, 1);
    // Mirror: Russia reports exports to Korea of 16,377.1 M in 2019.
    expect(find(162, "export", "Korea, Rep. of", 2019)!.valueUsd / 1e6).toBeCloseTo(16_377.1, 1);
  });

  it('reads text estimates such as "1,182.45 e" (USSR → Austria 1981, F12) as estimated', () => {
    const t = parsed.get(203)!.trade.find((r) => r.cell === "Exports, FOB!F12")!;
    expect(t).toMatchObject({ year: 1981, partner: { code: "Austria" }, estimated: true });
    expect(t.valueUsd).toBeCloseTo(1_182_450_000, 0);
  });
});

describe("IMF DOTS file facts", () => {
  it("rowsRead adds up for every sample workbook", () => {
    for (const p of parsed.values()) expectAddsUp(p);
  });

  it("dataset, key and reporter come from the workbook", () => {
    expect(parsed.get(106)).toMatchObject({ adapter: "imf-dots", dataset: "imf-dots", datasetKey: "imf-dots:Korea, Rep. of", reportedBy: "reporter" });
    expect(parsed.get(40)!.datasetKey).toBe("imf-dots:China, P.R.: Mainland");
    expect(parsed.get(106)!.vintageLabel).toBeUndefined(); // rows 1–6 carry no edition
  });

  it("each sheet has its own year columns (USSR: 1960–1962 then 1981–1991)", () => {
    const years = new Set(parsed.get(203)!.trade.map((t) => t.year));
    expect([...years].sort()).toEqual([1960, 1961, 1962, 1981, 1982, 1983, 1984, 1985, 1986, 1987, 1988, 1989, 1990, 1991]);
  });

});

describe("IMF DOTS bad inputs (synthetic fixtures)", () => {
  it("truncated xlsx → IngestError naming the file", async () => {
    const err = await rejection(parseDots(bad("dots_truncated.xlsx")));
    expect(err.message).toContain("dots_truncated.xlsx");
    expect(err.message).toMatch(/truncated/);
    expect(err.at.file).toBe(bad("dots_truncated.xlsx"));
  });

  it("empty file → IngestError saying empty", async () => {
    const err = await rejection(parseDots(bad("empty.xlsx")));
    expect(err.message).toMatch(/empty/);
  });

  it("CSV text under an .xlsx name → IngestError saying it is not an xlsx", async () => {
    const err = await rejection(parseDots(bad("not_a_zip.xlsx")));
    expect(err.message).toMatch(/not an xlsx/);
  });

  it("missing Imports sheet → IngestError naming the sheet", async () => {
    const err = await rejection(parseDots(bad("dots_missing_imports.xlsx")));
    expect(err.message).toContain("Imports, CIF from Partner Countries");
    expect(err.message).toContain('"Exports, FOB"'); // lists what was found
  });

  it("wrong unit → IngestError naming the cell", async () => {
    const err = await rejection(parseDots(bad("dots_wrong_unit.xlsx")));
    expect(err.at.cell).toBe("Imports, CIF!B5");
    expect(err.message).toContain("Imports, CIF!B5");
    expect(err.message).toContain("Euros, Millions");
  });

  it("US Dollars, Billions is converted (× 1e9)", async () => {
    const p = await parseDots(bad("dots_billions.xlsx"));
    expect(p.trade.map((t) => [t.cell, t.valueUsd, t.estimated])).toEqual([
      ["Exports, FOB!C8", 1.5e9, false],
      ["Exports, FOB!E8", 2.25e9, true],
      ["Imports, CIF!C8", 0.5e9, false],
    ]);
    expectAddsUp(p);
  });

  it("text in value cells becomes rejected entries with their cells; everything adds up", async () => {
    const p = await parseDots(bad("dots_bad_values.xlsx"));
    expect(p.rejected.map((r) => r.cell).sort()).toEqual(["Exports, FOB!C10", "Exports, FOB!C13", "Exports, FOB!D10", "Exports, FOB!D9", "Imports, CIF!E8"]);
    const abc = p.rejected.find((r) => r.cell === "Exports, FOB!D9")!;
    expect(abc).toMatchObject({ line: 9, field: "2019" });
    expect(abc.reason).toContain('"abc"');
    expect(p.rejected.find((r) => r.cell === "Exports, FOB!D10")!.reason).toContain('"12x"');
    expect(p.rejected.find((r) => r.cell === "Exports, FOB!C13")!.reason).toMatch(/partner label/);
    expect(p.rejected.find((r) => r.cell === "Imports, CIF!E8")!.reason).toMatch(/no year/);

    const world2020 = p.trade.find((t) => t.cell === "Exports, FOB!E9")!;
    expect(world2020).toMatchObject({ year: 2020, estimated: true, valueUsd: 1_234_560_000 });
    // Australia: row 8 is an identical copy of row 11 → 2 cells skipped, 2 records from row 11.
    expect(p.trade.filter((t) => t.partner.code === "Australia").map((t) => t.line)).toEqual([11, 11]);
    expect(p.skipped).toEqual(
      expect.arrayContaining([
        { reason: expect.stringMatching(/^duplicate partner row/), count: 2 },
        { reason: "partner row without any values", count: 1 },
        { reason: expect.stringContaining("Memorandum Items"), count: 1 },
      ]),
    );
    // 10 records + 5 rejected + 4 skipped = 19 (hand count of the fixture's non-empty value cells + 2 value-less rows)
    expect(p.trade.length).toBe(10);
    expect(p.rowsRead).toBe(19);
    expectAddsUp(p);
  });
});

describe("detect", () => {
  const head = (path: string) => readFileSync(path).subarray(0, 64 * 1024);
  it("claims the DOTS workbooks and nothing else; KTO never claims them", () => {
    for (const n of [106, 162, 203, 40, 147]) {
      expect(dotsAdapter.detect(`DOTS_${n}.xlsx`, head(dots(n)))).toBe(true);
      expect(ktoAdapter.detect(`DOTS_${n}.xlsx`, head(dots(n)))).toBe(false);
    }
    expect(dotsAdapter.detect("dots_kor_rus_ussr_by_partner_long.csv", head(sample("trade/imf-dots/dots_kor_rus_ussr_by_partner_long.csv")))).toBe(false);
    expect(dotsAdapter.detect("kto_201901.xlsx", head(sample("tourism/kto/kto_201901.xlsx")))).toBe(false);
    expect(dotsAdapter.detect("kto_total.xlsx", head(sample("tourism/kto/kto_total.xlsx")))).toBe(false);
  });
  it("recognises a DOTS workbook by content when its strings are within the head (DOTS_203), whatever its name", () => {
    expect(dotsAdapter.detect("export.xlsx", head(dots(203)))).toBe(true);
  });
});

describe("xlsx helpers", () => {
  it("column letters", () => {
    expect(columnLetter(1)).toBe("A");
    expect(columnLetter(26)).toBe("Z");
    expect(columnLetter(27)).toBe("AA");
    expect(columnLetter(62)).toBe("BJ"); // DOTS_106's 2019 column (C = 1960)
    expect(columnNumber("BJ")).toBe(62);
    expect(columnNumber("aa")).toBe(27);
  });
  it("numbers written as text", () => {
    expect(parseNumberText("1,234.56")).toBe(1234.56);
    expect(parseNumberText("-0.2")).toBe(-0.2);
    expect(parseNumberText("12x")).toBeUndefined();
    expect(parseNumberText("1,2,3")).toBeUndefined();
    expect(parseNumberText("n/a")).toBeUndefined();
    expect(parseNumberText("")).toBeUndefined();
  });
});

describe("scaleDecimal", () => {
  it("converts millions to dollars without binary noise (4.1 × 1e6 in floating point is 4,099,999.9999999995)", async () => {
    const { scaleDecimal } = await import("./dots.js");
    expect(4.1 * 1e6).not.toBe(4_100_000);
    expect(scaleDecimal(4.1, 1e6)).toBe(4_100_000);
    expect(scaleDecimal(7789.791, 1e6)).toBe(7_789_791_000);
    expect(scaleDecimal(1e-7, 1e6)).toBeCloseTo(0.1, 12);
  });
});
