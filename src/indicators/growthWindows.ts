/**
 * Growth windows that mean something. A multiple compares two years; it says something about the
 * relationship only when the base year already carried real trade. The rule (documented in the
 * README and the methodology appendix):
 *
 * - the window lies inside one unbroken run of years with one partner entity (no gap, no change
 *   of entity such as USSR → Russia in between): the caller passes that run;
 * - the base is at least `minBaseFraction` of the end value (default 2 %: no multiple above 50);
 *   the long-run window starts at the first year of the run that meets it.
 *
 * Standard windows (10, 20, 30 years ending at the reference year) make pairs comparable with each
 * other and with each side's total trade; they are reported with a `meaningful` flag instead of
 * being moved.
 * @module
 */
import { cagr, growthMultiple } from "./growth.js";
import { sortByYear } from "./series.js";
import type { YearValue } from "./types.js";

/** The base must be at least this fraction of the end value for a multiple to be stated. */
export const MIN_BASE_FRACTION = 0.02;
/** The comparable windows, in years before the reference year. */
export const STANDARD_WINDOW_YEARS = [10, 20, 30] as const;

export interface GrowthWindow {
  from_year: number;
  to_year: number;
  from_value: number;
  to_value: number;
  multiple: number | undefined;
  cagr: number | undefined;
}

/** True when `base` is positive and at least `minBaseFraction` of `end`. */
export function meaningfulBase(base: number, end: number, minBaseFraction = MIN_BASE_FRACTION): boolean {
  return base > 0 && end >= 0 && base >= minBaseFraction * end;
}

function windowOf(from: YearValue, to: YearValue): GrowthWindow {
  return { from_year: from.year, to_year: to.year, from_value: from.value, to_value: to.value, multiple: growthMultiple(from.value, to.value), cagr: cagr(from.value, to.value, to.year - from.year) };
}

/**
 * The longest window ending at `endYear` whose base is meaningful, inside `run` (one unbroken,
 * same-entity run of years). `moved` says the window starts later than the run because earlier
 * bases were too small. Undefined when `endYear` is not in the run or no earlier year qualifies.
 */
export function longestMeaningfulWindow(run: readonly YearValue[], endYear: number, minBaseFraction = MIN_BASE_FRACTION): (GrowthWindow & { moved: boolean }) | undefined {
  const sorted = sortByYear(run).filter((p) => p.year <= endYear);
  const end = sorted[sorted.length - 1];
  if (!end || end.year !== endYear) return undefined;
  const start = sorted.find((p) => p.year < endYear && meaningfulBase(p.value, end.value, minBaseFraction));
  if (!start) return undefined;
  return { ...windowOf(start, end), moved: start.year !== sorted[0]!.year };
}

export interface StandardWindow extends GrowthWindow {
  years: number;
  /** The base passes {@link meaningfulBase}. */
  meaningful: boolean;
}

/**
 * The pair's growth over each standard window ending at `endYear`, for the windows whose start
 * year is in `run` (an unbroken, same-entity run; windows reaching before it are left out).
 */
export function standardWindows(run: readonly YearValue[], endYear: number, lengths: readonly number[] = STANDARD_WINDOW_YEARS, minBaseFraction = MIN_BASE_FRACTION): StandardWindow[] {
  const byYear = new Map(run.map((p) => [p.year, p] as const));
  const end = byYear.get(endYear);
  if (!end) return [];
  const out: StandardWindow[] = [];
  for (const years of lengths) {
    const start = byYear.get(endYear - years);
    if (!start) continue;
    out.push({ years, ...windowOf(start, end), meaningful: meaningfulBase(start.value, end.value, minBaseFraction) });
  }
  return out;
}

export interface ShareChange {
  from_year: number;
  to_year: number;
  /** The pair's value / the side's total, at each end. */
  from_share: number | undefined;
  to_share: number | undefined;
  /** to_share − from_share (a fraction: 0.05 = 5 percentage points). */
  change: number | undefined;
  /** Multiple of the side's total over the window. */
  total_multiple: number | undefined;
  total_cagr: number | undefined;
}

/**
 * The pair's share of one side's total trade at both ends of a window, and that total's growth:
 * the pair gains share when it grows faster than the side's trade with the world.
 * Undefined when the side's total is missing at either end.
 */
export function shareChange(pair: readonly YearValue[], sideTotal: readonly YearValue[], fromYear: number, toYear: number): ShareChange | undefined {
  const at = (s: readonly YearValue[], y: number) => s.find((p) => p.year === y)?.value;
  const t0 = at(sideTotal, fromYear);
  const t1 = at(sideTotal, toYear);
  if (t0 === undefined || t1 === undefined) return undefined;
  const p0 = at(pair, fromYear);
  const p1 = at(pair, toYear);
  const share = (p: number | undefined, t: number) => (p !== undefined && t > 0 ? p / t : undefined);
  const s0 = share(p0, t0);
  const s1 = share(p1, t1);
  return {
    from_year: fromYear,
    to_year: toYear,
    from_share: s0,
    to_share: s1,
    change: s0 !== undefined && s1 !== undefined ? s1 - s0 : undefined,
    total_multiple: growthMultiple(t0, t1),
    total_cagr: cagr(t0, t1, toYear - fromYear),
  };
}
