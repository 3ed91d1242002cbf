/**
 * Shared shapes for the indicator library.
 *
 * Conventions for every function in `src/indicators/`:
 * - Pure: no I/O, no store or ingest imports; the same inputs always give the same outputs.
 * - Units pass through: a `YearValue.value` keeps whatever unit the caller gave it (USD, persons,
 *   USD million). Shares and growth rates are fractions (0.223, not 22.3).
 * - Input order does not matter: yearly series are sorted by year before use.
 * - Three kinds of "cannot compute":
 *   1. the statistic is undefined for these numbers (too few observations, a zero denominator,
 *      a non-positive base for a ratio) → the function returns `undefined`, never NaN/Infinity;
 *   2. the caller asked for a specific year or key that the input does not have →
 *      `MissingDataError` naming it;
 *   3. the input is malformed (duplicate years, non-finite numbers, reversed ranges) →
 *      `UsageError` saying what is wrong.
 * @module
 */

/** One observation of a yearly series. `value` is in the caller's unit. */
export interface YearValue {
  year: number;
  value: number;
}

/** A keyed amount, e.g. a partner's imports (`key` = entity code) or a product's exports (`key` = HS code). */
export interface KeyValue {
  key: string;
  value: number;
}

/** A keyed amount with its share of a total; `share` is a fraction (0..1 when parts are non-negative). */
export interface KeyShare extends KeyValue {
  share: number;
}

/** Year-on-year growth into `year`: value(year) / value(year − 1) − 1, a fraction (0.1 = +10 %). */
export interface YearGrowth {
  year: number;
  growth: number;
}

/** A result that is `undefined` when the statistic does not exist for the input (see module notes). */
export type Undefinedable<T> = T | undefined;
