import { describe, expect, it } from "vitest";
import { IngestError } from "../errors.js";
import type { ParsedFile } from "../model.js";
import { parsePeriod, seriesAdapter } from "./series.js";
import { writeKtoAnnualAsSeries } from "../../test/fixtures/series/ktoAnnualAsSeries.js";

const SAMPLE = writeKtoAnnualAsSeries();
const BAD = "test/fixtures/bad/csv";

function accounted(p: ParsedFile): number {
  return p.series.length + p.trade.length + p.prices.length + p.products.length + p.rejected.length + p.skipped.reduce((s, k) => s + k.count, 0);
}

describe("bilateral-series: the KTO example file", () => {
  // Values read by hand from <data folder>/tourism/kto/kto_russia_annual.csv (PROVENANCE §9),
  // which the example file copies: 11 years × 6 breakdowns = 66 rows.
  it("reads all 66 rows", async () => {
    const p = await seriesAdapter.parse(SAMPLE);
    expect(p.rowsRead).toBe(66);
    expect(p.series).toHaveLength(66);
    expect(accounted(p)).toBe(66);
    expect(p.rejected).toEqual([]);
  });

  it("gives Russia → Korea visitor arrivals for 2019 (343,057; tourism 250,571)", async () => {
    const p = await seriesAdapter.parse(SAMPLE);
    const y2019 = p.series.filter((r) => r.year === 2019);
    expect(y2019.find((r) => r.breakdown === "total")).toMatchObject({
      period: "2019",
      from: { scheme: "iso3", code: "RUS" },
      to: { scheme: "iso3", code: "KOR" },
      metric: "visitor_arrivals",
      value: 343_057,
      unit: "persons",
      publishedPoint: false,
      approximate: false,
    });
    expect(y2019.find((r) => r.breakdown === "tourism")!.value).toBe(250_571);
    expect(y2019.find((r) => r.breakdown === "total")!.month).toBeUndefined();
  });

  it("labels 2020 as a five-month period with a note", async () => {
    const p = await seriesAdapter.parse(SAMPLE);
    const total2020 = p.series.find((r) => r.year === 2020 && r.breakdown === "total")!;
    expect(total2020).toMatchObject({ period: "2020-01..2020-05", value: 59_264 });
    expect(total2020.note).toMatch(/5 months only/);
  });
});

describe("bilateral-series: bad input (test/fixtures/bad/csv, synthetic)", () => {
  it("wrong-header.csv names the missing columns and shows the expected header", async () => {
    const e = await seriesAdapter.parse(`${BAD}/wrong-header.csv`).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(IngestError);
    expect((e as IngestError).message).toContain('missing columns "year", "value"');
    expect((e as IngestError).message).toContain("Expected header: year,from,to,metric,value,unit,source");
    expect((e as IngestError).at).toMatchObject({ line: 1, field: "year" });
  });

  it("empty.csv is an IngestError", async () => {
    await expect(seriesAdapter.parse(`${BAD}/empty.csv`)).rejects.toBeInstanceOf(IngestError);
  });

  it("text-in-value.csv rejects 'n/a' (line 3) and '270,427' (line 4) in value", async () => {
    const p = await seriesAdapter.parse(`${BAD}/text-in-value.csv`);
    expect(p.series.map((r) => r.value)).toEqual([302_542]);
    expect(p.rejected.map((r) => [r.line, r.field])).toEqual([
      [3, "value"],
      [4, "value"],
    ]);
    expect(p.rejected[0]!.reason).toContain('"n/a"');
    expect(accounted(p)).toBe(p.rowsRead);
  });

  it("unknown-country.csv passes XYZ through for the resolver to reject", async () => {
    const p = await seriesAdapter.parse(`${BAD}/unknown-country.csv`);
    expect(p.series.map((r) => r.from)).toEqual([
      { scheme: "iso3", code: "RUS" },
      { scheme: "iso3", code: "XYZ" },
    ]);
  });

  it("duplicate-rows.csv rejects the repeat on line 4, pointing at line 3", async () => {
    const p = await seriesAdapter.parse(`${BAD}/duplicate-rows.csv`);
    expect(p.series).toHaveLength(2);
    expect(p.rejected).toEqual([{ line: 4, reason: expect.stringMatching(/^duplicate of line 3/) }]);
    expect(accounted(p)).toBe(3);
  });

  it("bom.csv reads like a file without BOM", async () => {
    const p = await seriesAdapter.parse(`${BAD}/bom.csv`);
    expect(p.series).toEqual([expect.objectContaining({ line: 2, year: 2019, value: 343_057 })]);
  });

  it("too-few-fields.csv rejects line 3 and keeps the others", async () => {
    const p = await seriesAdapter.parse(`${BAD}/too-few-fields.csv`);
    expect(p.series.map((r) => r.line)).toEqual([2, 4]);
    expect(p.rejected.map((r) => r.line)).toEqual([3]);
    expect(p.rowsRead).toBe(3);
  });

  it("unknown-unit.csv rejects the row, naming the unit", async () => {
    const p = await seriesAdapter.parse(`${BAD}/unknown-unit.csv`);
    expect(p.rejected).toEqual([{ line: 3, field: "unit", reason: expect.stringContaining('"EUR million"') }]);
  });

  it("multiline-quoted.csv reports the physical line after a two-line note", async () => {
    const p = await seriesAdapter.parse(`${BAD}/multiline-quoted.csv`);
    expect(p.series[0]).toMatchObject({ line: 2, note: "a note\nspanning two lines" });
    expect(p.rejected.map((r) => r.line)).toEqual([4]);
  });
});

describe("parsePeriod", () => {
  it.each([
    ["1990", { year: 1990 }],
    ["2018-09", { year: 2018, month: 9 }],
    ["2014Q1", { year: 2014 }],
    ["2013-01..2013-11", { year: 2013 }],
    ["2019-01..09", { year: 2019 }],
    ["2019-11..2020-02", { year: 2020 }],
    ["1990-2019", { year: 2019 }],
  ])("%s", (text, expected) => expect(parsePeriod(text)).toEqual(expected));

  it.each(["2018-13", "2014Q5", "19", "2019-05..03", "2019-2018", "soon"])("refuses %s", (text) => expect(parsePeriod(text)).toBeUndefined());
});
