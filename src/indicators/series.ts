/**
 * Helpers for yearly series: validation, sorting, lookup and alignment of two series.
 * @module
 */
import { UsageError } from "../errors.js";
import type { YearValue } from "./types.js";

/**
 * Checks a yearly series and returns a copy sorted by ascending year.
 *
 * Why validate here: every indicator starts from this function, and a duplicated year (two
 * sources mixed) or a NaN would otherwise turn into a silently wrong figure.
 *
 * @param series observations in any order; gaps (missing years) are allowed and kept as gaps.
 * @returns a new array; the input is not modified.
 * @throws UsageError when a year is not an integer, a year appears twice, or a value is not finite.
 */
export function sortByYear<T extends YearValue>(series: readonly T[]): T[] {
  const seen = new Set<number>();
  for (const point of series) {
    if (!Number.isInteger(point.year)) {
      throw new UsageError(`Series year ${String(point.year)} is not a whole year`);
    }
    if (seen.has(point.year)) {
      throw new UsageError(`Series has two values for ${point.year}; pass one value per year`);
    }
    if (!Number.isFinite(point.value)) {
      throw new UsageError(`Series value for ${point.year} is not a finite number (${String(point.value)})`);
    }
    seen.add(point.year);
  }
  return [...series].sort((a, b) => a.year - b.year);
}

/**
 * Year → value lookup table for a series (validated as in {@link sortByYear}).
 * @throws UsageError as {@link sortByYear}.
 */
export function toYearMap(series: readonly YearValue[]): Map<number, number> {
  return new Map(sortByYear(series).map((p) => [p.year, p.value]));
}

/**
 * The value observed for `year`, or `undefined` when the series has no observation for it
 * (a gap is not read as zero).
 * @throws UsageError as {@link sortByYear}.
 */
export function valueAt(series: readonly YearValue[], year: number): number | undefined {
  return toYearMap(series).get(year);
}

/** One year of two aligned series: `a` observed at `year`, `b` observed at `year − lagYears`. */
export interface AlignedPair {
  year: number;
  a: number;
  b: number;
}

/**
 * Pairs two series by year: `a` at year t with `b` at year t − `lagYears` (lag 1 pairs a's 2015
 * with b's 2014, i.e. b leads a). Only years where both values exist are returned (an inner join),
 * so gaps in either series drop that year; the result is sorted by a's year.
 *
 * @param lagYears whole number of years, may be negative (b lags a).
 * @throws UsageError when `lagYears` is not an integer, or as {@link sortByYear}.
 */
export function alignByYear(a: readonly YearValue[], b: readonly YearValue[], lagYears = 0): AlignedPair[] {
  if (!Number.isInteger(lagYears)) throw new UsageError(`Lag must be a whole number of years, got ${lagYears}`);
  const bByYear = toYearMap(b);
  const out: AlignedPair[] = [];
  for (const p of sortByYear(a)) {
    const bv = bByYear.get(p.year - lagYears);
    if (bv !== undefined) out.push({ year: p.year, a: p.value, b: bv });
  }
  return out;
}

/** Throws UsageError unless `x` is a finite number; `what` names the argument for the message. */
export function requireFinite(x: number, what: string): void {
  if (!Number.isFinite(x)) throw new UsageError(`${what} must be a finite number, got ${String(x)}`);
}

/**
 * `x` when it is a finite number, else `undefined`. Used on every division result so that
 * extreme inputs (denormals, values near Number.MAX_VALUE) yield "no figure" instead of NaN or Infinity.
 */
export function finiteOrUndefined(x: number): number | undefined {
  return Number.isFinite(x) ? x : undefined;
}

/** Median of a non-empty list (mean of the two middle values for an even count). */
export function medianOf(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
