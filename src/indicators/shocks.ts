/**
 * How often a series falls sharply, against peers over the same years: a pair with eight falls of
 * 15 % or more in 45 years is unusual only if the reporter's trade with its other large partners
 * falls less often (2009 and 2015 hit nearly every partner of a commodity exporter).
 * @module
 */
import { yearOnYear } from "./growth.js";
import { medianOf } from "./series.js";
import type { YearValue } from "./types.js";
import { shockYears, type PeerSeries, type ShockYear } from "./volatility.js";

export interface ShockFrequency {
  /** Shock years of the target and its year-on-year growth observations (the denominator). */
  shocks: number;
  growthYears: number;
  /** shocks / growthYears. */
  rate: number;
  /** Each peer's count over the same years; peers with fewer than 3 growth observations are not compared. */
  peers: { key: string; shocks: number; growthYears: number }[];
  peersCompared: number;
  /** Median of the compared peers' rates, and of their counts. */
  peerMedianRate: number;
  peerMedianShocks: number;
  /** Mid-rank percentile of the target's rate among the compared peers: (below + ½ · equal) / compared. */
  percentileRank: number;
  /** For each shock year of the target, the compared peers' median year-on-year growth that year (context: a common fall or the pair's own). */
  peerGrowthInShockYears: { year: number; median: number; peers: number }[];
}

/**
 * The target's shock years (falls ≤ `thresholdFall`, as {@link shockYears}) per year-on-year
 * observation against the same count for each peer. Peers should cover the target's years.
 * @returns `undefined` when the target has fewer than 3 growth observations or no peer can be compared.
 */
export function shockFrequency(target: readonly YearValue[], peers: readonly PeerSeries[], thresholdFall: number): ShockFrequency | undefined {
  const growthYears = yearOnYear(target).length;
  if (growthYears < 3) return undefined;
  const shocks: ShockYear[] = shockYears(target, { thresholdFall });
  const rate = shocks.length / growthYears;
  const counted = peers.map((p) => ({ key: p.key, shocks: shockYears(p.series, { thresholdFall }).length, growthYears: yearOnYear(p.series).length, growth: yearOnYear(p.series) }));
  const compared = counted.filter((p) => p.growthYears >= 3);
  if (!compared.length) return undefined;
  const rates = compared.map((p) => p.shocks / p.growthYears);
  const below = rates.filter((r) => r < rate).length;
  const equal = rates.filter((r) => r === rate).length;
  return {
    shocks: shocks.length,
    growthYears,
    rate,
    peers: counted.map(({ key, shocks: n, growthYears: g }) => ({ key, shocks: n, growthYears: g })),
    peersCompared: compared.length,
    peerMedianRate: medianOf(rates),
    peerMedianShocks: medianOf(compared.map((p) => p.shocks)),
    percentileRank: (below + 0.5 * equal) / compared.length,
    peerGrowthInShockYears: shocks.flatMap((s) => {
      const that = compared.map((p) => p.growth.find((g) => g.year === s.year)?.growth).filter((g): g is number => g !== undefined);
      return that.length ? [{ year: s.year, median: medianOf(that), peers: that.length }] : [];
    }),
  };
}
