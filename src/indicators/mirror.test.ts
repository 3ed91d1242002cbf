import { describe, expect, it } from "vitest";
import { UsageError } from "../errors.js";
import { mirrorGap, mirrorSeries } from "./mirror.js";

describe("mirrorGap", () => {
  // OTS API, 2002: Chile's exports to Argentina 191,070,218 USD; Argentina's imports from Chile 142,974,825 USD.
  it("reproduces the Chile–Argentina 2002 gap", () => {
    const g = mirrorGap(191070218, 142974825);
    // 191,070,218 − 142,974,825 = 48,095,393; 191,070,218 / 142,974,825 = 1.336391
    expect(g.gapUsd).toBe(48095393);
    expect(g.ratio).toBeCloseTo(1.336391, 6);
    expect(g.adjustedGap).toBe(48095393);
  });
  it("deflates the CIF side by the factor", () => {
    // Partner (Argentina) reports CIF imports: 191,070,218 − 142,974,825 / 1.1 = 191,070,218 − 129,977,113.64 = 61,093,104.36
    expect(mirrorGap(191070218, 142974825, { cifFobFactor: 1.1, cifSide: "partner" }).adjustedGap).toBeCloseTo(61093104.36, 2);
    // Reporter CIF imports 110 vs partner FOB exports 100 at factor 1.1: 110/1.1 − 100 = 0.
    expect(mirrorGap(110, 100, { cifFobFactor: 1.1 }).adjustedGap).toBeCloseTo(0, 9);
  });
  it("has no ratio against a zero partner and rejects a bad factor", () => {
    expect(mirrorGap(5, 0).ratio).toBeUndefined();
    expect(() => mirrorGap(5, 1, { cifFobFactor: 0 })).toThrow(UsageError);
  });
});

describe("mirrorSeries", () => {
  it("pairs years reported by both sides", () => {
    // DOTS 2019 (USD million): Russia's exports to Korea 16,377.066137 vs Korea's imports from Russia 14,531.534.
    // Korea as reporter: 14,531.534 − 16,377.066137 = −1,845.532137.
    const s = mirrorSeries(
      [
        { year: 2019, value: 14531.534 },
        { year: 2018, value: 1 },
      ],
      [{ year: 2019, value: 16377.066137 }],
    );
    expect(s).toHaveLength(1);
    expect(s[0].year).toBe(2019);
    expect(s[0].gapUsd).toBeCloseTo(-1845.532137, 6);
  });
});
