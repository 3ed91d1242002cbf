/**
 * Growth of a yearly series: multiples ("25 times"), compound annual growth, year-on-year growth,
 * record highs/lows and decade summaries. Growth rates are fractions (0.1176 = 11.76 % a year).
 * @module
 */
import { MissingDataError, UsageError } from "../errors.js";
import { finiteOrUndefined, requireFinite, sortByYear, toYearMap } from "./series.js";
import type { YearGrowth, YearValue } from "./types.js";

/**
 * How many times a value grew: endValue / startValue (KITA: trade "increased 25 times" from
 * 888.8 to 22,340 USD million = 25.1×). Unitless; both values must share one unit.
 *
 * @returns `undefined` when startValue ≤ 0 or endValue < 0, where a multiple has no meaning.
 * @throws UsageError when an argument is not finite.
 */
export function growthMultiple(startValue: number, endValue: number): number | undefined {
  requireFinite(startValue, "Start value");
  requireFinite(endValue, "End value");
  if (startValue <= 0 || endValue < 0) return undefined;
  return finiteOrUndefined(endValue / startValue);
}

/**
 * Compound annual growth rate: (endValue / startValue)^(1 / years) − 1, the constant yearly rate
 * that turns startValue into endValue in `years` years (standard definition, e.g. OECD glossary).
 * A fraction per year; endValue = 0 gives −1 (total collapse).
 *
 * @param years elapsed years (endYear − startYear), not the number of observations; may be fractional.
 * @returns `undefined` when years ≤ 0, startValue ≤ 0 or endValue < 0.
 * @throws UsageError when an argument is not finite.
 */
export function cagr(startValue: number, endValue: number, years: number): number | undefined {
  requireFinite(years, "Number of years");
  const multiple = growthMultiple(startValue, endValue);
  if (multiple === undefined || years <= 0) return undefined;
  return finiteOrUndefined(Math.pow(multiple, 1 / years) - 1);
}

/**
 * CAGR between two observed years of a series: {@link cagr}(v(fromYear), v(toYear), toYear − fromYear).
 * Years in between are ignored, so gaps inside the range do not matter; only the two endpoints must exist.
 *
 * @returns `undefined` when fromYear = toYear, or the endpoints are unsuitable as in {@link cagr}.
 * @throws MissingDataError when the series has no value for fromYear or toYear.
 * @throws UsageError when fromYear > toYear, or the series is malformed (see `sortByYear`).
 */
export function cagrBetween(series: readonly YearValue[], fromYear: number, toYear: number): number | undefined {
  if (fromYear > toYear) throw new UsageError(`CAGR range is reversed: ${fromYear} is after ${toYear}`);
  const byYear = toYearMap(series);
  const start = byYear.get(fromYear);
  const end = byYear.get(toYear);
  const missing = [start === undefined ? fromYear : undefined, end === undefined ? toYear : undefined].filter(
    (y): y is number => y !== undefined,
  );
  if (missing.length > 0) {
    throw new MissingDataError(`No value for ${missing.join(" and ")} in the series; CAGR needs both end years`);
  }
  return cagr(start as number, end as number, toYear - fromYear);
}

/**
 * Year-on-year growth: growth(t) = v(t) / v(t − 1) − 1, a fraction.
 *
 * Gaps: a year is included only when the calendar year before it is present too; growth is never
 * computed across a gap (2003 → 2005 is not a yearly rate). Years whose previous value is ≤ 0 are
 * skipped because growth from a zero or negative base (e.g. a balance) has no meaning; so are
 * growths that overflow (a denormal base).
 *
 * @returns growth entries sorted by year; empty when no consecutive pair qualifies.
 * @throws UsageError when the series is malformed (see `sortByYear`).
 */
export function yearOnYear(series: readonly YearValue[]): YearGrowth[] {
  const sorted = sortByYear(series);
  const out: YearGrowth[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (cur.year - prev.year !== 1 || prev.value <= 0) continue;
    const growth = finiteOrUndefined(cur.value / prev.value - 1);
    if (growth !== undefined) out.push({ year: cur.year, growth });
  }
  return out;
}

/** Highest and lowest observation of a series, and whether the latest year set a new high. */
export interface SeriesRecords {
  /** The highest value; on ties, the earliest year reaching it. */
  high: YearValue;
  /** The lowest value; on ties, the earliest year reaching it. */
  low: YearValue;
  /** True when the last observed year is strictly above every earlier year (a new record, not a tie). */
  lastIsRecordHigh: boolean;
}

/**
 * Record high and low of a series (values in the caller's unit), e.g. "a record high of 770,000
 * last year". Gaps are irrelevant: only observed years compete.
 *
 * `lastIsRecordHigh` is false for a one-year series, because a single observation is not a record
 * in any sense a report should claim.
 *
 * @returns `undefined` for an empty series.
 * @throws UsageError when the series is malformed (see `sortByYear`).
 */
export function records(series: readonly YearValue[]): SeriesRecords | undefined {
  const sorted = sortByYear(series);
  if (sorted.length === 0) return undefined;
  let high = sorted[0];
  let low = sorted[0];
  for (const p of sorted) {
    if (p.value > high.value) high = p;
    if (p.value < low.value) low = p;
  }
  const last = sorted[sorted.length - 1];
  const earlierMax = Math.max(...sorted.slice(0, -1).map((p) => p.value));
  return {
    high: { year: high.year, value: high.value },
    low: { year: low.year, value: low.value },
    lastIsRecordHigh: sorted.length > 1 && last.value > earlierMax,
  };
}

/** Summary of the observations within one calendar decade. */
export interface DecadeSummary {
  /** First year of the decade: 1990 for the 1990s (1990–1999). */
  decade: number;
  /** First and last observed years of the decade (not necessarily 1990 and 1999). */
  firstYear: number;
  lastYear: number;
  /** Number of observed years in the decade. */
  observations: number;
  /** Arithmetic mean of the observed values, in the series' unit. */
  meanValue: number;
  /** {@link cagr} from firstYear to lastYear; `undefined` with one observation or a non-positive start. */
  cagr: number | undefined;
}

/**
 * Per-decade summaries (1990s = 1990–1999, by calendar decade) of a series, sorted by decade.
 *
 * The CAGR stays inside the decade (first to last observed year of the decade), so the step from
 * 1999 to 2000 belongs to no decade; this keeps each decade's figure computable from its own rows.
 * Gaps reduce `observations` and shift firstYear/lastYear; decades without observations are omitted.
 *
 * @throws UsageError when the series is malformed (see `sortByYear`).
 */
export function decadeSummaries(series: readonly YearValue[]): DecadeSummary[] {
  const byDecade = new Map<number, YearValue[]>();
  for (const p of sortByYear(series)) {
    const decade = Math.floor(p.year / 10) * 10;
    const list = byDecade.get(decade) ?? [];
    list.push(p);
    byDecade.set(decade, list);
  }
  return [...byDecade.entries()]
    .sort(([a], [b]) => a - b)
    .map(([decade, points]) => {
      const first = points[0];
      const last = points[points.length - 1];
      return {
        decade,
        firstYear: first.year,
        lastYear: last.year,
        observations: points.length,
        meanValue: points.reduce((s, p) => s + p.value / points.length, 0),
        cagr: cagr(first.value, last.value, last.year - first.year),
      };
    });
}
