import { afterEach, describe, expect, it } from "vitest";
import { PART_ROWS, pairParts } from "./rollups.js";

const before = process.env.TRADETIES_INGEST_PART_ROWS;
afterEach(() => {
  if (before === undefined) delete process.env.TRADETIES_INGEST_PART_ROWS;
  else process.env.TRADETIES_INGEST_PART_ROWS = before;
});

describe("pairParts", () => {
  it("splits a load into ceil(rows / part size) parts by the unordered pair, one part when it fits", () => {
    delete process.env.TRADETIES_INGEST_PART_ROWS;
    expect(pairParts(PART_ROWS)).toEqual(["true"]);
    expect(pairParts(2 * PART_ROWS + 1, "x")).toEqual([0, 1, 2].map((p) => `least(x.exporter, x.importer) % 3 = ${p}`));
    process.env.TRADETIES_INGEST_PART_ROWS = "10";
    expect(pairParts(25)).toHaveLength(3);
  });

  it("refuses a part size that is not a whole number of rows, naming the variable", () => {
    for (const bad of ["0", "-5", "2.5", "lots"]) {
      process.env.TRADETIES_INGEST_PART_ROWS = bad;
      expect(() => pairParts(100)).toThrow(`TRADETIES_INGEST_PART_ROWS must be a whole number of rows, 1 or more; got "${bad}"`);
    }
  });
});
