import { describe, expect, it } from "vitest";
import { emptyParsedFile, type RawSeriesRecord, type RawTradeRecord } from "../model.js";
import { resolveParsedFile } from "./pipeline.js";

// Synthetic records (not real figures): they exercise resolution and the duplicate rule only.
function trade(line: number, partner: RawTradeRecord["partner"], valueUsd: number): RawTradeRecord {
  return { line, year: 2019, reporter: { scheme: "iso3", code: "KOR" }, partner, flow: "export", productCode: "TOTAL", classification: "TOTAL", valueUsd, valuation: "fob", estimated: false };
}
function series(line: number, value: number): RawSeriesRecord {
  return { line, period: "2019", year: 2019, from: { scheme: "iso3", code: "RUS" }, to: { scheme: "iso3", code: "KOR" }, metric: "visitor_arrivals", breakdown: "total", value, unit: "persons", publishedPoint: false, approximate: false, publisher: "synthetic" };
}

describe("resolveParsedFile", () => {
  it("rejects a second row for the same figure even when it names the country another way", () => {
    const parsed = { ...emptyParsedFile({ adapter: "t", dataset: "t", datasetKey: "t", reportedBy: "reporter" }), rowsRead: 2 };
    parsed.trade.push(trade(2, { scheme: "iso3", code: "RUS" }, 1), trade(3, { scheme: "imf-dots-name", code: "Russian Federation" }, 2));
    const resolved = resolveParsedFile(parsed);
    expect(resolved.trade.map((r) => r.line)).toEqual([2]);
    expect(resolved.rejected).toEqual([{ line: 3, cell: undefined, reason: expect.stringMatching(/duplicate of line 2/) }]);
  });

  it("rejects the same series key with a different value instead of keeping both", () => {
    const parsed = { ...emptyParsedFile({ adapter: "t", dataset: "t", datasetKey: "t", reportedBy: "source" }), rowsRead: 2 };
    parsed.series.push(series(2, 100), series(3, 120));
    const resolved = resolveParsedFile(parsed);
    expect(resolved.series).toHaveLength(1);
    expect(resolved.rejected[0]).toMatchObject({ line: 3 });
  });

  it("names an unknown country, its code list and the line", () => {
    const parsed = { ...emptyParsedFile({ adapter: "t", dataset: "t", datasetKey: "t", reportedBy: "reporter" }), rowsRead: 1 };
    parsed.trade.push(trade(7, { scheme: "imf-dots-name", code: "Atlantis" }, 1));
    const resolved = resolveParsedFile(parsed);
    expect(resolved.rejected[0]).toMatchObject({ line: 7, field: "partner" });
    expect(resolved.rejected[0]!.reason).toMatch(/"Atlantis" \(imf-dots-name/);
  });
});
