import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { IngestError, UsageError } from "../errors.js";
import type { ParsedFile, RawSeriesRecord } from "../model.js";
import { dotsAdapter } from "./dots.js";
import { annualTotals, ktoAdapter, parseKto } from "./kto.js";
import { dataFile } from "../dataFolder.js";

const kto = (name: string) => dataFile(`tourism/kto/${name}`);
const bad = (p: string) => fileURLToPath(new URL(`../../test/fixtures/bad/xlsx/${p}`, import.meta.url));

function expectAddsUp(p: ParsedFile): void {
  const skipped = p.skipped.reduce((s, k) => s + k.count, 0);
  expect(p.rowsRead).toBe(p.trade.length + p.series.length + p.prices.length + p.products.length + p.rejected.length + skipped);
}
async function rejection(promise: Promise<unknown>): Promise<IngestError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(IngestError);
  return err as IngestError;
}

/** Typed here from the PROVENANCE §9 description, not from the adapter. */
const SUBTOTALS_AND_FOOTERS = ["아시아주", "미주", "구주", "대양주", "아프리카주", "기타대륙", "교포소계", "계", "전년동기", "성장률(%)", "구성비(%)"];
const BREAKDOWNS = ["tourism", "business", "official", "study_training", "other", "total"];
const MONTHS_2019 = Array.from({ length: 12 }, (_, i) => `kto_2019${String(i + 1).padStart(2, "0")}.xlsx`);
const RUSSIA = "러시아";

interface AnnualRow {
  year: string;
  months: string;
  tourism: string;
  business: string;
  official: string;
  study_training: string;
  other: string;
  total: string;
  all_nationalities_total: string;
  russia_share_pct: string;
}
/** The independent yearly derivation from kto_total.xlsx (PROVENANCE §9). */
const annualCsv = Papa.parse<AnnualRow>(readFileSync(kto("kto_russia_annual.csv"), "utf8"), { header: true, skipEmptyLines: true }).data;

let total: ParsedFile;
let slice: ParsedFile;
const monthly = new Map<string, ParsedFile>();
beforeAll(async () => {
  total = await parseKto(kto("kto_total.xlsx"));
  slice = await parseKto(kto("kto_russia_slice_2010_2020.xlsx"));
  for (const f of [...MONTHS_2019, "kto_201001.xlsx", "kto_202005.xlsx"]) monthly.set(f, await parseKto(kto(f)));
});

const russia = (records: RawSeriesRecord[]) => records.filter((r) => r.from.code === RUSSIA);
const pick = (records: RawSeriesRecord[]) => records.map((r) => `${r.period}|${r.breakdown}|${r.value}`).sort();

describe("KTO long table (kto_total.xlsx) against kto_russia_annual.csv", () => {
  it("the annual CSV has the 11 years PROVENANCE describes", () => {
    expect(annualCsv.map((r) => r.year)).toEqual(["2010", "2011", "2012", "2013", "2014", "2015", "2016", "2017", "2018", "2019", "2020"]);
  });

  it("every year and column of the CSV equals annualTotals over kto_total.xlsx", () => {
    const sums = annualTotals(total.series);
    for (const row of annualCsv) {
      const year = Number(row.year);
      for (const b of BREAKDOWNS) {
        const t = sums.find((s) => s.from.code === RUSSIA && s.breakdown === b && s.year === year);
        expect(t, `${year} ${b}`).toBeDefined();
        expect(t!.value, `${year} ${b}`).toBe(Number(row[b as keyof AnnualRow]));
        expect(t!.months, `${year} ${b}`).toBe(Number(row.months));
        expect(t!.complete).toBe(row.months === "12");
      }
      const all = sums.filter((s) => s.breakdown === "total" && s.year === year).reduce((s, t) => s + t.value, 0);
      expect(all, `${year} all nationalities`).toBe(Number(row.all_nationalities_total));
      const russiaTotal = Number(row.total);
      expect(Math.round((russiaTotal / all) * 10_000) / 100).toBeCloseTo(Number(row.russia_share_pct), 2);
    }
  });

  it("published checks: Russia 2010 = 150,730 (tourism 57,285), 2019 = 343,057 (tourism 250,571)", () => {
    const sums = annualTotals(russia(total.series));
    const get = (year: number, b: string) => sums.find((s) => s.year === year && s.breakdown === b)!;
    expect(get(2010, "total").value).toBe(150_730);
    expect(get(2010, "tourism").value).toBe(57_285);
    expect(get(2019, "total").value).toBe(343_057);
    expect(get(2019, "tourism").value).toBe(250_571);
    expect(get(2013, "total").value).toBe(175_360);
    expect(get(2019, "total").complete).toBe(true);
  });

  it("2020 has 5 months and is not complete (59,264 Jan–May; May 1,693)", () => {
    const t2020 = annualTotals(russia(total.series)).find((s) => s.year === 2020 && s.breakdown === "total")!;
    expect(t2020).toMatchObject({ months: 5, complete: false, value: 59_264 });
    const may = total.series.find((r) => r.from.code === RUSSIA && r.period === "2020-05" && r.breakdown === "total")!;
    expect(may.value).toBe(1_693);
    const sep2018 = total.series.find((r) => r.from.code === RUSSIA && r.period === "2018-09" && r.breakdown === "total")!;
    expect(sep2018.value).toBe(23_388);
  });

  it("has 60 nationalities × 125 months × 6 breakdowns, adds up, and records are well formed", () => {
    expect(new Set(total.series.map((r) => r.from.code)).size).toBe(60);
    expect(new Set(total.series.map((r) => r.period)).size).toBe(125);
    expect(total.series.length).toBe(7_500 * 6);
    expectAddsUp(total);
    expect(total.series[0]).toEqual({
      line: 2,
      cell: "Sheet1!B2",
      period: "2010-01",
      year: 2010,
      month: 1,
      from: { scheme: "kto-korean-name", code: "일본" },
      to: { scheme: "iso3", code: "KOR" },
      metric: "visitor_arrivals",
      breakdown: "tourism",
      value: 202_825,
      unit: "persons",
      publishedPoint: false,
      approximate: false,
      publisher: "Korea Tourism Organization",
    });
  });

  it("the Russia slice file gives exactly the Russia rows of kto_total.xlsx", () => {
    expect(pick(slice.series)).toEqual(pick(russia(total.series)));
    expect(slice.datasetKey).not.toBe(total.datasetKey);
    expectAddsUp(slice);
  });
});

describe("KTO monthly tables", () => {
  it("the 12 raw 2019 files give the same Russia rows as kto_total.xlsx", () => {
    const fromMonthly = MONTHS_2019.flatMap((f) => russia(monthly.get(f)!.series));
    const fromTotal = russia(total.series).filter((r) => r.year === 2019);
    expect(fromMonthly.length).toBe(72);
    expect(pick(fromMonthly)).toEqual(pick(fromTotal));
  });

  it("계 over all nationalities in the 2019 files sums to 17,502,756", () => {
    const sum = MONTHS_2019.flatMap((f) => monthly.get(f)!.series)
      .filter((r) => r.breakdown === "total")
      .reduce((s, r) => s + r.value, 0);
    expect(sum).toBe(17_502_756);
  });

  it("hand-read cells: 2019-01 러시아 (row 53) 관광 17,260, 계 25,194", () => {
    const jan = monthly.get("kto_201901.xlsx")!;
    const b53 = jan.series.find((r) => r.cell === "kto_201901!B53")!;
    expect(b53).toMatchObject({ from: { code: RUSSIA }, breakdown: "tourism", value: 17_260, period: "2019-01", year: 2019, month: 1, line: 53 });
    expect(jan.series.find((r) => r.cell === "kto_201901!G53")).toMatchObject({ breakdown: "total", value: 25_194 });
    expect(jan.datasetKey).toBe("kto-arrivals:2019-01");
  });

  it("subtotals and footers are never emitted; each file has 60 nationalities × 6; rowsRead adds up", () => {
    for (const [name, p] of monthly) {
      const labels = new Set(p.series.map((r) => r.from.code));
      for (const s of SUBTOTALS_AND_FOOTERS) expect(labels.has(s), `${name} emits ${s}`).toBe(false);
      expect(labels.size, name).toBe(60);
      expect(p.series.length, name).toBe(360);
      expect(p.rejected, name).toEqual([]);
      // 7 subtotal rows and 4 footer rows of 6 purpose cells each
      expect(p.skipped.reduce((s, k) => s + k.count, 0), name).toBe(11 * 6);
      expectAddsUp(p);
    }
  });

  it("checks the nationality rows against the footer 계 and notes it (2019-01: 1,104,803)", () => {
    const jan = monthly.get("kto_201901.xlsx")!;
    expect(jan.notes.some((n) => n.includes("add up to the footer 계") && n.includes("1104803"))).toBe(true);
    for (const p of monthly.values()) expect(p.notes.some((n) => n.includes("CHECK FAILED"))).toBe(false);
  });

  it("the 2010-01 file (sheet kto_purpose_201001) matches kto_total.xlsx for 2010-01", () => {
    const jan2010 = monthly.get("kto_201001.xlsx")!;
    expect(pick(jan2010.series)).toEqual(pick(total.series.filter((r) => r.period === "2010-01")));
  });
});

describe("annualTotals", () => {
  const rec = (month: number, value: number, breakdown = "total"): RawSeriesRecord => ({
    line: month,
    period: `2019-${String(month).padStart(2, "0")}`,
    year: 2019,
    month,
    from: { scheme: "kto-korean-name", code: RUSSIA },
    to: { scheme: "iso3", code: "KOR" },
    metric: "visitor_arrivals",
    breakdown,
    value,
    unit: "persons",
    publishedPoint: false,
    approximate: false,
  });

  it("sums per series and year, counting months", () => {
    const out = annualTotals([rec(1, 10), rec(2, 5), rec(1, 3, "tourism")]);
    expect(out.map((t) => [t.breakdown, t.year, t.value, t.months, t.complete])).toEqual([
      ["total", 2019, 15, 2, false],
      ["tourism", 2019, 3, 1, false],
    ]);
  });

  it("refuses the same month twice (overlapping files)", () => {
    expect(() => annualTotals([rec(1, 10), rec(1, 10)])).toThrow(UsageError);
  });
});

describe("KTO bad inputs (synthetic fixtures)", () => {
  it("wrong header → IngestError naming the header cell and the expected header", async () => {
    const err = await rejection(parseKto(bad("kto_wrong_header.xlsx")));
    expect(err.at.cell).toBe("kto!C2");
    expect(err.message).toContain('"상용객"');
    expect(err.message).toContain('expected "상용"');
    expect(err.message).toContain("국적, 관광, 상용, 공용, 유학/연수, 기타, 계");
  });

  it("title month ≠ file-name month → IngestError", async () => {
    const err = await rejection(parseKto(bad("title-mismatch/kto_201902.xlsx")));
    expect(err.at.cell).toBe("kto!A1");
    expect(err.message).toContain("2019-01");
    expect(err.message).toContain("2019-02");
  });

  it("empty file → IngestError saying empty", async () => {
    const err = await rejection(parseKto(bad("empty.xlsx")));
    expect(err.message).toMatch(/empty/);
  });

  it("a text value is rejected with its cell, the footer check fails loudly, and rowsRead adds up", async () => {
    const p = await parseKto(bad("kto_bad_values.xlsx"));
    expect(p.rejected).toEqual([{ line: 5, cell: "kto!B5", field: "관광", reason: expect.stringContaining('"abc"') }]);
    expect(p.notes.some((n) => n.includes("CHECK FAILED") && n.includes("관광"))).toBe(true);
    expect(new Set(p.series.map((r) => r.from.code))).toEqual(new Set([RUSSIA, "영국", "교포"]));
    expect(p.skipped.find((s) => s.reason === "row with a label but no purpose values")?.count).toBe(1);
    // Hand count: 9 rows of 6 purpose cells (구주, 러시아, 영국, 교포소계, 교포, 4 footers) + 1 value-less row.
    expect(p.rowsRead).toBe(55);
    expectAddsUp(p);
  });

  it("long layout: a bad 기준년월 and a duplicated nationality-month are rejected per cell", async () => {
    const p = await parseKto(bad("kto_long_bad_period.xlsx"));
    expect(p.rejected.filter((r) => r.line === 3).map((r) => r.cell)).toEqual(["Sheet1!B3", "Sheet1!C3", "Sheet1!D3", "Sheet1!E3", "Sheet1!F3", "Sheet1!G3"]);
    expect(p.rejected.find((r) => r.line === 3)!.reason).toContain("Jan 2019");
    expect(p.rejected.filter((r) => r.line === 4)).toHaveLength(6);
    expect(p.series.map((r) => r.period)).toEqual([...Array(6).fill("2019-01"), ...Array(6).fill("2019-02")]);
    expectAddsUp(p);
  });
});

describe("detect", () => {
  const head = (path: string) => readFileSync(path).subarray(0, 64 * 1024);
  it("claims every KTO workbook; DOTS never does; the CSV is not claimed", () => {
    for (const f of [...MONTHS_2019, "kto_201001.xlsx", "kto_202005.xlsx", "kto_total.xlsx", "kto_russia_slice_2010_2020.xlsx"]) {
      expect(ktoAdapter.detect(f, head(kto(f))), f).toBe(true);
      expect(dotsAdapter.detect(f, head(kto(f))), f).toBe(false);
    }
    expect(ktoAdapter.detect("kto_russia_annual.csv", head(kto("kto_russia_annual.csv")))).toBe(false);
  });
  it("recognises small KTO workbooks by content under any name (the slice's original name)", () => {
    expect(ktoAdapter.detect("[국적별 관광객 데이터] 러시아.xlsx", head(kto("kto_russia_slice_2010_2020.xlsx")))).toBe(true);
    expect(ktoAdapter.detect("arrivals.xlsx", head(kto("kto_201905.xlsx")))).toBe(true);
  });
});
