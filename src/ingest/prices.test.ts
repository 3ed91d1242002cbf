import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { IngestError } from "../errors.js";
import type { RawPriceRecord } from "../model.js";
import { annualAverage, pricesAdapter } from "./prices.js";
import { dataFile } from "../dataFolder.js";

async function tempFile(name: string, content: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "tradeties-prices-"));
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

// Values read by hand from <data folder>/oil/*.csv and <data folder>/natural-gas/monthly.csv (PROVENANCE §6).
describe("price series", () => {
  it("brent-year.csv: 39 annual values, Brent 1990 = 23.76 USD per barrel", async () => {
    const p = await pricesAdapter.parse(dataFile("oil/brent-year.csv"));
    expect(p.rowsRead).toBe(39);
    expect(p.prices).toHaveLength(39);
    const y1990 = p.prices.find((r) => r.year === 1990)!;
    expect(y1990).toEqual({ line: 5, series: "brent", date: "1990-06-30", year: 1990, frequency: "annual", value: 23.76, unit: "USD per barrel" });
    expect(p.datasetKey).toBe("price-series:brent:annual");
  });

  it("wti-year.csv: 40 annual values from 1986", async () => {
    const p = await pricesAdapter.parse(dataFile("oil/wti-year.csv"));
    expect(p.prices).toHaveLength(40);
    expect(p.prices[0]).toMatchObject({ series: "wti", year: 1986, value: 15.05, frequency: "annual" });
  });

  it("brent-monthly.csv: 471 monthly values with months; partial years are noted", async () => {
    const p = await pricesAdapter.parse(dataFile("oil/brent-monthly.csv"));
    expect(p.prices).toHaveLength(471);
    expect(p.prices[0]).toMatchObject({ date: "1987-05-15", year: 1987, month: 5, frequency: "monthly", value: 18.58 });
    expect(p.notes.join()).toContain("1987 has 8 of 12 months");
  });

  it("natural-gas/monthly.csv (Month,Price): Henry Hub in USD per MMBtu", async () => {
    const p = await pricesAdapter.parse(dataFile("natural-gas/monthly.csv"));
    expect(p.prices).toHaveLength(355);
    expect(p.prices[0]).toEqual({ line: 2, series: "henry-hub", date: "1997-01", year: 1997, month: 1, frequency: "monthly", value: 3.45, unit: "USD per MMBtu" });
  });

  it("annualAverage of the 12 Brent months of 1990 equals the hand-computed mean", async () => {
    const p = await pricesAdapter.parse(dataFile("oil/brent-monthly.csv"));
    const avg = annualAverage(p.prices).find((a) => a.series === "brent" && a.year === 1990)!;
    // brent-monthly.csv, 1990-01-15 … 1990-12-15:
    // 21.25 + 19.81 + 18.39 + 16.61 + 16.35 + 15.10 + 17.17 + 27.17 + 34.90 + 36.02 + 33.07 + 28.27 = 284.11
    // 284.11 / 12 = 23.675833…  (EIA's annual file says 23.76: a mean of daily prices, not of months)
    expect(avg.value).toBeCloseTo(284.11 / 12, 10);
    expect(avg.value).toBeCloseTo(23.6758, 4);
    expect(avg).toMatchObject({ months: 12, complete: true, unit: "USD per barrel" });
    const first = annualAverage(p.prices).find((a) => a.year === 1987)!;
    expect(first).toMatchObject({ months: 8, complete: false });
  });

  it("annualAverage ignores annual records and refuses two prices for one month", () => {
    const rec = (over: Partial<RawPriceRecord>): RawPriceRecord => ({ line: 2, series: "x", date: "2000-01", year: 2000, month: 1, frequency: "monthly", value: 1, unit: "u", ...over });
    expect(annualAverage([rec({ frequency: "annual", month: undefined })])).toEqual([]);
    expect(() => annualAverage([rec({}), rec({ value: 2 })])).toThrow(/two monthly/);
  });

  it("rejects text prices, impossible dates and repeated dates; rowsRead = records + rejected", async () => {
    const path = await tempFile("brent-monthly.csv", "Date,Price\n2000-01-15,25.5\n2000-02-15,n/a\n2000-02-30,20\n2000-01-15,25.5\n2000-03-15,27\n");
    const p = await pricesAdapter.parse(path);
    expect(p.prices.map((r) => r.line)).toEqual([2, 6]);
    expect(p.rejected.map((r) => [r.line, r.field])).toEqual([
      [3, "Price"],
      [4, "Date"],
      [5, "Date"],
    ]);
    expect(p.rejected[2]!.reason).toMatch(/duplicate of line 2/);
    expect(p.rowsRead).toBe(5);
  });

  it("needs a series name it can recognise, or one given", async () => {
    const path = await tempFile("prices.csv", "Date,Price\n2000-06-30,25.5\n");
    await expect(pricesAdapter.parse(path)).rejects.toBeInstanceOf(IngestError);
    const p = await pricesAdapter.parse(path, { series: "wti" });
    expect(p.prices[0]).toMatchObject({ series: "wti", frequency: "annual", unit: "USD per barrel" });
  });
});
