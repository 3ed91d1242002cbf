import { describe, expect, it } from "vitest";
import type { CommodityBlock, VolatilityBlock } from "../profile/types.js";
import { priceLinkGrade, shareGain, shocksGrade, volatilityGrade } from "./grades.js";

// Synthetic blocks: only the fields the grades read are meaningful.
const corr = (r: number, pValue: number, n = 28) => ({ n, r, pValue, years: [1993, 2020] as [number, number] });
const commodity = (levels: ReturnType<typeof corr>, growth?: ReturnType<typeof corr>, peerMedianR?: number): CommodityBlock =>
  ({
    price_series: "brent",
    price_unit: "USD",
    years: [],
    levels: { pearson: levels },
    growth: { pearson: growth },
    excluded_years: [],
    ...(peerMedianR !== undefined ? { peers_growth: { median_r: peerMedianR, peers: [] } } : {}),
    formula: "",
    sources: [],
  }) as CommodityBlock;
const volatility = (ratio: number, percentileRank: number, looMin?: number): VolatilityBlock =>
  ({
    relative: { targetVolatility: 0.3, peers: [], peersCompared: 10, percentileRank, peerMedianVolatility: 0.3 / ratio, ratioToPeerMedian: ratio },
    excluded_years: [],
    ...(looMin !== undefined ? { leave_one_out: { min_ratio: looMin, min_year: 2009, max_ratio: ratio + 0.2, max_year: 1998 } } : {}),
  }) as unknown as VolatilityBlock;

describe("price-link grade", () => {
  it("is no risk when only levels correlate (the shared trend: levels r = 0.88, growth r = 0.02)", () => {
    expect(priceLinkGrade(commodity(corr(0.88, 1e-9), corr(0.02, 0.91)))).toBeUndefined();
  });
  it("is high when growth co-moves strongly, levels too and well above the peers; medium on a moderate or peerless link", () => {
    expect(priceLinkGrade(commodity(corr(0.88, 1e-9), corr(0.72, 2e-5), 0.3))).toBe("high");
    // Without peers there is nothing to tell a specific link from the common cycle: at most medium.
    expect(priceLinkGrade(commodity(corr(0.88, 1e-9), corr(0.72, 2e-5)))).toBe("medium");
    expect(priceLinkGrade(commodity(corr(0.2, 0.3), corr(0.72, 2e-5), 0.3))).toBe("medium");
    expect(priceLinkGrade(commodity(corr(0.88, 1e-9), corr(0.4, 0.03)))).toBe("medium");
    // Korea–Russia screened: r = 0.72 but Korea's other partners' median is 0.65: a common cycle, no grade.
    expect(priceLinkGrade(commodity(corr(0.88, 1e-9), corr(0.72, 2e-5), 0.65))).toBeUndefined();
    // r = 0.4 but p = 0.2 (few years): not evidence.
    expect(priceLinkGrade(commodity(corr(0.88, 1e-9), corr(0.4, 0.2, 10)))).toBeUndefined();
  });
});

describe("volatility grade", () => {
  it("needs the ratio, the percentile and the leave-one-out minimum", () => {
    expect(volatilityGrade(volatility(2.9, 1, 2.1))).toBe("high");
    // Korea–Russia screened: 1.75×, above every peer, 1.60× at worst without one year → medium.
    expect(volatilityGrade(volatility(1.75, 1, 1.6))).toBe("medium");
    // 2.9× with all years but 1.4× without one year: rests on that year → no grade.
    expect(volatilityGrade(volatility(2.9, 1, 1.4))).toBeUndefined();
    // 1.6× but above only 70 % of peers → no grade.
    expect(volatilityGrade(volatility(1.6, 0.7, 1.55))).toBeUndefined();
  });
});

describe("share gain", () => {
  it("surged at ≥ 0.5 pp a year, rose when slower, nothing below 10 pp", () => {
    // China in Russia's imports: 1.9 % (1995) → 22.3 % (2019): 20.4 pp over 24 years = 0.85 pp a year.
    expect(shareGain({ low: { year: 1995, share: 0.019 }, to_share: 0.223, to_year: 2019 })).toBe("surged");
    // 0.0 % (1965) → 18.6 % (2020): 18.6 pp over 55 years = 0.34 pp a year.
    expect(shareGain({ low: { year: 1965, share: 0 }, to_share: 0.186, to_year: 2020 })).toBe("rose");
    expect(shareGain({ low: { year: 2000, share: 0.05 }, to_share: 0.14, to_year: 2005 })).toBeUndefined();
  });
});

describe("shocks grade", () => {
  const shocks = (n: number, growthYears: number, peerMedianRate?: number, percentileRank = 1): VolatilityBlock =>
    ({
      shocks: Array.from({ length: n }, (_, i) => ({ year: 2000 + i, growth: -0.2, fromValue: 1, toValue: 0.8 })),
      ...(peerMedianRate !== undefined ? { shock_frequency: { shocks: n, growthYears, rate: n / growthYears, peers: [], peersCompared: 10, peerMedianRate, peerMedianShocks: peerMedianRate * growthYears, percentileRank, peerGrowthInShockYears: [] } } : {}),
    }) as unknown as VolatilityBlock;
  it("does not grade a dozen falls over sixty years when the reporter's other trade falls as often", () => {
    // 12 of 60 = 0.2 a year against a peer median of 0.18: 1.1 times.
    expect(shocksGrade(shocks(12, 60, 0.18, 0.6))).toBeUndefined();
  });
  it("grades by the ratio to the peers' median and the share of peers exceeded", () => {
    expect(shocksGrade(shocks(5, 27, 2.5 / 27, 0.95))).toBe("high");
    expect(shocksGrade(shocks(2, 27, 1 / 27, 0.95))).toBe("medium"); // twice the median but only 2 falls
    expect(shocksGrade(shocks(5, 27, 3 / 27, 0.95))).toBe("medium"); // 1.7 times
    expect(shocksGrade(shocks(5, 27, 2.5 / 27, 0.7))).toBeUndefined(); // above too few peers
    expect(shocksGrade(shocks(0, 27, 0.1))).toBeUndefined();
  });
  it("is at most medium without peers", () => {
    expect(shocksGrade(shocks(8, 40))).toBe("medium");
  });
});
