/**
 * Correlation of two samples or two yearly series (Pearson, Spearman) with a two-sided p-value
 * from Student's t distribution. The special functions (log-gamma, regularized incomplete beta)
 * are implemented here so the library has no numerical dependency.
 * @module
 */
import { UsageError } from "../errors.js";
import { alignByYear, requireFinite } from "./series.js";
import { yearOnYear } from "./growth.js";
import type { YearValue } from "./types.js";

// Lanczos approximation, g = 7, n = 9 (coefficients as published by Godfrey / Numerical Recipes 3rd ed.
// discussion); relative error below 1e-15 for positive arguments, more than enough for p-values.
const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/**
 * Natural log of the gamma function, ln Γ(x), for x > 0 (Lanczos approximation, g = 7; reflection
 * formula Γ(x)Γ(1 − x) = π / sin(πx) below 0.5).
 * @returns `undefined` for x ≤ 0 (not needed here, and Γ has poles at 0, −1, …).
 */
export function lnGamma(x: number): number | undefined {
  if (!(x > 0) || !Number.isFinite(x)) return undefined;
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - (lnGamma(1 - x) as number);
  const z = x - 1;
  let a = LANCZOS_COEFFICIENTS[0];
  for (let i = 1; i < LANCZOS_COEFFICIENTS.length; i++) a += LANCZOS_COEFFICIENTS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction for I_x(a, b), evaluated with the modified Lentz method (Numerical Recipes, betacf). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const MAX_ITERATIONS = 300;
  const EPSILON = 1e-15;
  const TINY = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return h;
}

/**
 * Regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b), the CDF of the Beta(a, b)
 * distribution at x. Numerical Recipes (Press et al., 3rd ed., §6.4): continued fraction, using the
 * symmetry I_x(a, b) = 1 − I_{1−x}(b, a) where the fraction converges faster.
 *
 * @returns a value in [0, 1]; `undefined` when a ≤ 0, b ≤ 0 or x outside [0, 1].
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number | undefined {
  if (!(a > 0) || !(b > 0) || !(x >= 0 && x <= 1) || !Number.isFinite(a) || !Number.isFinite(b)) return undefined;
  if (x === 0) return 0;
  if (x === 1) return 1;
  const lnFront =
    (lnGamma(a + b) as number) - (lnGamma(a) as number) - (lnGamma(b) as number) + a * Math.log(x) + b * Math.log1p(-x);
  const front = Math.exp(lnFront);
  const value =
    x < (a + 1) / (a + b + 2)
      ? (front * betaContinuedFraction(a, b, x)) / a
      : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
  return Math.min(1, Math.max(0, value));
}

/**
 * Two-sided p-value of Student's t statistic with `df` degrees of freedom:
 * P(|T| ≥ |t|) = I_{df/(df + t²)}(df/2, 1/2) (Abramowitz & Stegun 26.7.1 / 26.5.27).
 * Examples: t = 2.0, df = 10 → 0.0734; t = 2.228, df = 10 → 0.0500.
 *
 * @returns a value in [0, 1]; `undefined` when df ≤ 0 or t is NaN. |t| = ∞ gives 0.
 */
export function studentTTwoSidedPValue(t: number, df: number): number | undefined {
  if (Number.isNaN(t) || !(df > 0) || !Number.isFinite(df)) return undefined;
  if (!Number.isFinite(t)) return 0;
  return regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/** A correlation coefficient with its significance. */
export interface CorrelationResult {
  /** Number of pairs. */
  n: number;
  /** Correlation coefficient in [−1, 1]. */
  r: number;
  /** t = r·√((n − 2)/(1 − r²)); `undefined` when |r| = 1 (t is infinite). */
  tStatistic: number | undefined;
  /** Two-sided p-value from Student's t with n − 2 df; 0 when |r| = 1. */
  pValue: number;
}

function checkPairs(xs: readonly number[], ys: readonly number[]): void {
  if (xs.length !== ys.length) {
    throw new UsageError(`Correlation needs pairs: got ${xs.length} x values and ${ys.length} y values`);
  }
  xs.forEach((v, i) => requireFinite(v, `x #${i + 1}`));
  ys.forEach((v, i) => requireFinite(v, `y #${i + 1}`));
}

function pearsonUnchecked(xs: readonly number[], ys: readonly number[]): CorrelationResult | undefined {
  const n = xs.length;
  if (n < 3) return undefined;
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - mx;
    const dy = ys[i] - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  if (sxx === 0 || syy === 0) return undefined;
  const product = sxx * syy;
  const rawR = sxy / (Number.isFinite(product) ? Math.sqrt(product) : Math.sqrt(sxx) * Math.sqrt(syy));
  // Sums of squares can overflow for values near Number.MAX_VALUE; then no r can be given.
  if (!Number.isFinite(rawR)) return undefined;
  const r = Math.max(-1, Math.min(1, rawR));
  const df = n - 2;
  if (Math.abs(r) === 1) return { n, r, tStatistic: undefined, pValue: 0 };
  const t = r * Math.sqrt(df / (1 - r * r));
  return { n, r, tStatistic: t, pValue: studentTTwoSidedPValue(t, df) as number };
}

/**
 * Pearson's product-moment correlation r = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² Σ(y − ȳ)²), with
 * t = r√((n − 2)/(1 − r²)) and a two-sided p-value from Student's t with n − 2 degrees of freedom
 * (the standard test of H0: ρ = 0 under bivariate normality). Unit-free.
 *
 * @returns `undefined` when n < 3 (no degrees of freedom), either sample is constant (r undefined)
 *   or the sums of squares overflow.
 * @throws UsageError when the samples differ in length or contain non-finite numbers.
 */
export function pearson(xs: readonly number[], ys: readonly number[]): CorrelationResult | undefined {
  checkPairs(xs, ys);
  return pearsonUnchecked(xs, ys);
}

/**
 * Ranks 1..n in ascending order; tied values share the average of the ranks they span
 * (values 10, 20, 20, 30 → 1, 2.5, 2.5, 4).
 */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const ranks = new Array<number>(values.length);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && order[end + 1].v === order[start].v) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k].i] = rank;
    start = end + 1;
  }
  return ranks;
}

/**
 * Spearman's rank correlation: Pearson's r on the ranks, with tied values given average ranks (so
 * it stays exact with ties, unlike the 1 − 6Σd²/(n(n²−1)) shortcut). The p-value uses the same
 * Student t approximation with n − 2 df, which is the usual large-sample approximation and only
 * rough for n below about 10. Ties are exact equality: computed numbers that are equal on paper
 * (two growth rates of −10 %) may differ in the last bit and then get distinct ranks.
 *
 * @returns `undefined` when n < 3 or either sample is constant.
 * @throws UsageError when the samples differ in length or contain non-finite numbers.
 */
export function spearman(xs: readonly number[], ys: readonly number[]): CorrelationResult | undefined {
  checkPairs(xs, ys);
  return pearsonUnchecked(averageRanks(xs), averageRanks(ys));
}

export interface SeriesCorrelationOptions {
  /** Default "pearson". */
  method?: "pearson" | "spearman";
  /** Correlate the values themselves or their year-on-year growth rates. Default "levels". */
  on?: "levels" | "growth";
  /** Pair a at year t with b at year t − lagYears (lag 1: b leads a by a year). Default 0. */
  lagYears?: number;
}

export interface SeriesCorrelation {
  n: number;
  r: number;
  pValue: number;
  /** First and last year of `a` among the pairs used. */
  years: [number, number];
}

/**
 * Correlation of two yearly series after aligning them on years (`alignByYear`): a at year t is
 * paired with b at year t − lagYears; years missing in either series are dropped (inner join).
 * With `on: "growth"` each series is first turned into year-on-year growth (`yearOnYear`: no growth
 * across gaps or from a base ≤ 0), which removes the common upward trend that makes levels of
 * nominal trade series correlate spuriously.
 *
 * @returns `undefined` when fewer than 3 pairs remain or either side is constant.
 * @throws UsageError when a series is malformed or lagYears is not a whole number.
 */
export function seriesCorrelation(
  a: readonly YearValue[],
  b: readonly YearValue[],
  options: SeriesCorrelationOptions = {},
): SeriesCorrelation | undefined {
  const { method = "pearson", on = "levels", lagYears = 0 } = options;
  const toSeries = (s: readonly YearValue[]): YearValue[] =>
    on === "growth" ? yearOnYear(s).map((g) => ({ year: g.year, value: g.growth })) : [...s];
  const pairs = alignByYear(toSeries(a), toSeries(b), lagYears);
  if (pairs.length < 3) return undefined;
  const xs = pairs.map((p) => p.a);
  const ys = pairs.map((p) => p.b);
  const result = method === "spearman" ? spearman(xs, ys) : pearson(xs, ys);
  if (result === undefined) return undefined;
  return { n: result.n, r: result.r, pValue: result.pValue, years: [pairs[0].year, pairs[pairs.length - 1].year] };
}
