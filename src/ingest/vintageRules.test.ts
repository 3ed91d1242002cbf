import { describe, expect, it } from "vitest";
import { IngestError } from "../errors.js";
import type { SourceRecord, VintageCoverage } from "../store/TradeStore.js";
import { checkNewVintage, VintageShrinkError } from "./vintageRules.js";

function vintage(fileName: string, rowsStored: number, years: number[], extra: Partial<SourceRecord> = {}): VintageCoverage {
  const source: SourceRecord = {
    sourceId: fileName.padEnd(64, "0"), fileName, adapter: "published-figures", dataset: "published-figures", datasetKey: "published-figures:published_figures",
    vintage: "v1", vintageNumber: 1, superseded: false, withdrawn: false, reportedBy: "publisher", loadedAt: "", rowsRead: rowsStored, rowsStored, rowsRejected: 0, rowsSkipped: 0, notes: [], ...extra,
  };
  return { source, years };
}

const tenYears = [1990, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2023];

describe("vintage rules", () => {
  it("a file with a header and no rows is refused, naming the vintage that stays current", () => {
    const empty = vintage("brent-year.csv", 0, [], { rowsRead: 0 });
    expect(() => checkNewVintage(empty, vintage("old.csv", 39, [1987, 2025]))).toThrow(/no data rows .* the loaded vintage .*\(old\.csv: 39 rows over 2 years, 1987–2025\) stays current/);
  });

  it("a file none of whose rows could be stored is refused with the first reject", () => {
    const none = { ...vintage("brent-year.csv", 0, [], { rowsRead: 39, rowsRejected: 39 }), rejected: [{ line: 2, field: "Price", reason: 'price "18,53" is not a number' }] };
    expect(() => checkNewVintage(none, undefined)).toThrow(/none of the 39 rows of brent-year\.csv could be stored \(39 rejected, 0 skipped — first: line 2, field Price: price "18,53"/);
  });

  it("a code list (checked, not stored) is no failure for storing nothing", () => {
    expect(() => checkNewVintage({ ...vintage("country_codes.csv", 0, [], { rowsRead: 238, rowsSkipped: 238 }), checkOnly: true }, undefined)).not.toThrow();
  });

  it("16 of 22 rows (a unit typo in 6) would hide 27 % of the current vintage: refused with both figures, unless allowed", () => {
    const current = vintage("published_figures.csv", 22, tenYears);
    const smaller = vintage("published_figures.csv", 16, tenYears, { rowsRejected: 6 });
    let error: unknown;
    try {
      checkNewVintage(smaller, current);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(VintageShrinkError);
    expect(error).toBeInstanceOf(IngestError);
    // 1 − 16/22 = 0.2727 → "27 % fewer rows"
    expect((error as Error).message).toMatch(/with 16 rows over 10 years, 1990–2023 \(6 rows rejected\): 27 % fewer rows\. Refused, nothing stored.*--allow-shrink/);
    expect((error as Error).message).toMatch(/published_figures\.csv: 22 rows over 10 years/);
    expect(() => checkNewVintage(smaller, current, { allowShrink: true })).not.toThrow();
  });

  it("losing more than a tenth of the years is refused even with most rows kept, and lists the years", () => {
    const current = vintage("DOTS_106.xlsx", 1000, tenYears);
    const fewerYears = vintage("DOTS_106.xlsx", 990, [2016, 2017, 2018, 2019, 2020, 2023]);
    expect(() => checkNewVintage(fewerYears, current)).toThrow(/4 years no longer covered \(1990, 2013, 2014, 2015\)/);
  });

  it("a vintage keeping ≥ 90 % of rows and years replaces the current one", () => {
    expect(() => checkNewVintage(vintage("x.csv", 20, tenYears), vintage("x.csv", 22, tenYears))).not.toThrow();
  });
});
