/**
 * Volatility of yearly series: standard deviation of log growth, coefficient of variation, a
 * series' volatility relative to peers, and shock years (sharp falls).
 * @module
 */
import { finiteOrUndefined, medianOf, sortByYear, requireFinite } from "./series.js";
import { yearOnYear } from "./growth.js";
import type { YearValue } from "./types.js";

/** Sample standard deviation (n − 1 denominator), in the values' unit; `undefined` for fewer than 2
 * values or when the sum of squares overflows. @throws UsageError when a value is not finite. */
export function sampleStandardDeviation(values: readonly number[]): number | undefined {
  values.forEach((v, i) => requireFinite(v, `Value #${i + 1}`));
  const n = values.length;
  if (n < 2) return undefined;
  const mean = values.reduce((s, v) => s + v / n, 0);
  const ss = values.reduce((s, v) => s + (v - mean) ** 2, 0);
  return finiteOrUndefined(Math.sqrt(ss / (n - 1)));
}

/**
 * Volatility as the sample standard deviation (n − 1) of log growth rates
 * g_t = ln(v_t / v_{t−1}) over consecutive years. Log growth is used because it is symmetric
 * (a halving and a doubling have the same size) and is the usual measure of trade-flow
 * volatility in the trade literature. Unitless (natural-log units per year; 0.2 ≈ 20 %).
 *
 * Gaps: a growth observation needs both t and t − 1; pairs across a gap are skipped. Pairs with a
 * value ≤ 0 on either side are skipped (log undefined).
 *
 * @returns `undefined` with fewer than 3 growth observations (a standard deviation of 1–2 rates
 * says nothing).
 * @throws UsageError when the series is malformed (see `sortByYear`).
 */
export function logGrowthVolatility(series: readonly YearValue[]): number | undefined {
  const logGrowths = logGrowthsOf(series).map((g) => g.logGrowth);
  if (logGrowths.length < 3) return undefined;
  return sampleStandardDeviation(logGrowths);
}

function logGrowthsOf(series: readonly YearValue[]): { year: number; logGrowth: number }[] {
  const sorted = sortByYear(series);
  const out: { year: number; logGrowth: number }[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (cur.year - prev.year !== 1 || prev.value <= 0 || cur.value <= 0) continue;
    // Difference of logs, not log of the ratio: the ratio of a huge and a denormal value overflows.
    out.push({ year: cur.year, logGrowth: Math.log(cur.value) - Math.log(prev.value) });
  }
  return out;
}

/**
 * Coefficient of variation: sample standard deviation (n − 1) / mean. Unitless.
 *
 * @returns `undefined` for fewer than 2 values or a mean ≤ 0 (a CV relative to a zero or negative
 * mean is meaningless, e.g. for balances around zero).
 * @throws UsageError when a value is not finite.
 */
export function coefficientOfVariation(values: readonly number[]): number | undefined {
  const sd = sampleStandardDeviation(values);
  if (sd === undefined) return undefined;
  const mean = values.reduce((s, v) => s + v / values.length, 0);
  return mean > 0 ? finiteOrUndefined(sd / mean) : undefined;
}

/** A named series among peers (e.g. key = partner entity code). */
export interface PeerSeries {
  key: string;
  series: readonly YearValue[];
}

export interface RelativeVolatility {
  /** {@link logGrowthVolatility} of the target. */
  targetVolatility: number;
  /** Every peer with its volatility; `undefined` where the peer has too few growth observations. */
  peers: { key: string; volatility: number | undefined }[];
  /** Number of peers with a defined volatility (those used below). */
  peersCompared: number;
  /**
   * Mid-rank percentile of the target among peers, a fraction in [0, 1]:
   * (peers below + ½ · peers equal) / peersCompared. 0.9 = more volatile than 90 % of peers.
   */
  percentileRank: number;
  /** Median of the defined peer volatilities. */
  peerMedianVolatility: number;
  /** targetVolatility / peerMedianVolatility; `undefined` when the median is 0. */
  ratioToPeerMedian: number | undefined;
}

/**
 * How volatile a series is compared with peers ("trade with Russia is highly volatile"), using
 * {@link logGrowthVolatility} for all series. Peers should cover the same years as the target,
 * otherwise the comparison mixes periods (the function does not trim them).
 *
 * @returns `undefined` when the target's volatility is undefined or no peer has one.
 * @throws UsageError when a series is malformed (see `sortByYear`).
 */
export function relativeVolatility(
  target: readonly YearValue[],
  peers: readonly PeerSeries[],
): RelativeVolatility | undefined {
  const targetVolatility = logGrowthVolatility(target);
  const peerVols = peers.map((p) => ({ key: p.key, volatility: logGrowthVolatility(p.series) }));
  const defined = peerVols.map((p) => p.volatility).filter((v): v is number => v !== undefined);
  if (targetVolatility === undefined || defined.length === 0) return undefined;
  const below = defined.filter((v) => v < targetVolatility).length;
  const equal = defined.filter((v) => v === targetVolatility).length;
  const median = medianOf(defined);
  return {
    targetVolatility,
    peers: peerVols,
    peersCompared: defined.length,
    percentileRank: (below + 0.5 * equal) / defined.length,
    peerMedianVolatility: median,
    ratioToPeerMedian: median > 0 ? targetVolatility / median : undefined,
  };
}

/** The target's ratio to the peer median with one growth year left out (target and peers alike). */
export interface LeaveOneOutRatio {
  /** The growth observation (into this year) that was left out. */
  year: number;
  ratio: number;
}

/**
 * {@link relativeVolatility}'s ratio recomputed once per growth year of the target, leaving that
 * year's growth out of the target and of every peer: how much the judgement rests on one year.
 * A grade that holds for the smallest of these ratios does not rest on any single year.
 *
 * @returns one entry per growth year where the ratio stays defined (≥ 3 growths left and a
 * positive peer median), sorted by year; empty when none.
 * @throws UsageError when a series is malformed (see `sortByYear`).
 */
export function volatilityRatioLeaveOneOut(target: readonly YearValue[], peers: readonly PeerSeries[]): LeaveOneOutRatio[] {
  const targetGrowths = logGrowthsOf(target);
  const peerGrowths = peers.map((p) => logGrowthsOf(p.series));
  const sdWithout = (growths: { year: number; logGrowth: number }[], year: number) => {
    const rest = growths.filter((g) => g.year !== year).map((g) => g.logGrowth);
    return rest.length >= 3 ? sampleStandardDeviation(rest) : undefined;
  };
  const out: LeaveOneOutRatio[] = [];
  for (const { year } of targetGrowths) {
    const t = sdWithout(targetGrowths, year);
    const defined = peerGrowths.map((g) => sdWithout(g, year)).filter((v): v is number => v !== undefined);
    if (t === undefined || !defined.length) continue;
    const median = medianOf(defined);
    if (median > 0) out.push({ year, ratio: t / median });
  }
  return out;
}


/** A year whose value fell sharply from the year before. */
export interface ShockYear {
  year: number;
  /** Year-on-year growth into `year`, a fraction (−0.52 = fell by 52 %). */
  growth: number;
  /** Value in year − 1 and in year, in the series' unit. */
  fromValue: number;
  toValue: number;
}

/**
 * Years where year-on-year growth ≤ `thresholdFall` (default −0.15, a fall of 15 % or more),
 * e.g. 2009 and 2015 in Korea–Russia trade. Growth as in `yearOnYear`: only consecutive years,
 * never across a gap, and not from a base ≤ 0.
 *
 * @param options.thresholdFall a fraction, normally negative (−0.15 = −15 %).
 * @returns shocks sorted by year; empty when none.
 * @throws UsageError when the series is malformed or the threshold is not finite.
 */
export function shockYears(series: readonly YearValue[], options: { thresholdFall?: number } = {}): ShockYear[] {
  const thresholdFall = options.thresholdFall ?? -0.15;
  requireFinite(thresholdFall, "Shock threshold");
  const byYear = new Map(sortByYear(series).map((p) => [p.year, p.value]));
  return yearOnYear(series)
    .filter((g) => g.growth <= thresholdFall)
    .map((g) => ({
      year: g.year,
      growth: g.growth,
      fromValue: byYear.get(g.year - 1) as number,
      toValue: byYear.get(g.year) as number,
    }));
}
