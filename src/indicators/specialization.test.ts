import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MissingDataError, UsageError } from "../errors.js";
import { complementarity, exportSimilarity, rca, rcaByProduct, tradeIntensity } from "./specialization.js";

describe("rca", () => {
  it("reproduces Brazil's soybean RCA (2008)", () => {
    // Soybeans: 7.8 % of Brazil's exports, 0.35 % of world exports → 0.078 / 0.0035 = 22.29.
    expect(rca(7.8, 100, 0.35, 100)).toBeCloseTo(22.29, 2);
  });
  it("is undefined for zero denominators and rejects negatives", () => {
    expect(rca(1, 0, 1, 1)).toBeUndefined();
    expect(rca(1, 1, 0, 1)).toBeUndefined();
    expect(() => rca(-1, 1, 1, 1)).toThrow(UsageError);
  });
  it("is never negative (property)", () => {
    const v = fc.double({ min: 0, max: 1e12, noNaN: true });
    fc.assert(
      fc.property(v, v, v, v, (a, b, c, d) => {
        const r = rca(a, b, c, d);
        if (r !== undefined) expect(r).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe("rcaByProduct", () => {
  it("computes RCA per product with totals from the maps", () => {
    const country = new Map([
      ["27", 80],
      ["87", 20],
    ]);
    const world = new Map([
      ["27", 100],
      ["87", 300],
      ["85", 600],
    ]);
    // Country total 100, world 1000. 27: 0.8 / 0.1 = 8; 87: 0.2 / 0.3 = 0.6667; 85: 0 / 0.6 = 0.
    const r = rcaByProduct(country, world);
    expect(r.map((x) => x.product)).toEqual(["27", "87", "85"]);
    expect(r[0].rca).toBeCloseTo(8, 12);
    expect(r[1].rca).toBeCloseTo(2 / 3, 12);
    expect(r[2].rca).toBe(0);
    // With official totals 200 and 2000 the shares halve on both sides: same RCA.
    expect(rcaByProduct(country, world, { countryTotalExports: 200, worldTotalExports: 2000 })[0].rca).toBeCloseTo(8, 12);
  });
  it("refuses a country product the world lacks", () => {
    expect(() => rcaByProduct(new Map([["99", 1]]), new Map([["27", 1]]))).toThrow(MissingDataError);
  });
});

describe("complementarity and export similarity", () => {
  const importer = new Map([
    ["A", 0.5],
    ["B", 0.3],
    ["C", 0.2],
  ]);
  const exporter = new Map([
    ["A", 0.2],
    ["B", 0.3],
    ["D", 0.5],
  ]);
  it("computes the WITS TCI on 0–100", () => {
    // |0.5−0.2| + |0.3−0.3| + |0.2−0| + |0−0.5| = 1.0 → 100·(1 − 1.0/2) = 50
    expect(complementarity(importer, exporter)).toBeCloseTo(50, 10);
    expect(complementarity(importer, importer)).toBeCloseTo(100, 10);
    expect(complementarity(new Map([["A", 1]]), new Map([["B", 1]]))).toBeCloseTo(0, 10);
  });
  it("computes Finger–Kreinin similarity as a fraction", () => {
    // min: A 0.2, B 0.3, C 0, D 0 → 0.5
    expect(exportSimilarity(importer, exporter)).toBeCloseTo(0.5, 12);
    expect(exportSimilarity(new Map(), new Map())).toBeUndefined();
    expect(() => exportSimilarity(new Map([["A", 30]]), importer)).toThrow(UsageError);
  });
});

describe("tradeIntensity", () => {
  it("divides i's export share to j by j's share of world imports", () => {
    // 10/100 = 0.1 of i's exports go to j; j takes 50/1000 = 0.05 of world imports → 0.1/0.05 = 2.
    expect(tradeIntensity(10, 100, 50, 1000)).toBeCloseTo(2, 12);
    expect(tradeIntensity(10, 100, 0, 1000)).toBeUndefined();
  });
});
