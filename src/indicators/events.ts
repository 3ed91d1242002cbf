/**
 * Milestones in a bilateral relationship and a simple before/after comparison of growth around them.
 * @module
 */
import { UsageError } from "../errors.js";
import { yearOnYear } from "./growth.js";
import type { YearValue } from "./types.js";

/** A dated event that may explain a break in a series. */
export interface Milestone {
  year: number;
  /** ISO date (yyyy-mm-dd) when the day is known. */
  date?: string;
  label: string;
  kind: "diplomatic" | "policy" | "sanctions" | "crisis" | "other";
  /** Where the date comes from, as a short citation. */
  source?: string;
}

/**
 * Default milestones for the Korea–Russia sample (data folder). They are a default for that sample
 * only: other pairs need their own list, and reports should say where each came from.
 * Dates are the commonly cited ones; the KITA press release (2020-09-07) is the source the sample
 * report itself relies on for 1990 and 2014.
 */
export const DEFAULT_KOR_RUS_MILESTONES: readonly Milestone[] = Object.freeze([
  {
    year: 1990,
    date: "1990-09-30",
    label: "Diplomatic relations between the Republic of Korea and the USSR",
    kind: "diplomatic",
    source: "KITA press release, 2020-09-07 (30th anniversary of Korea–Russia ties)",
  },
  {
    year: 1991,
    date: "1991-12-26",
    label: "Dissolution of the USSR; the Russian Federation continues its relations",
    kind: "diplomatic",
  },
  { year: 1998, date: "1998-08-17", label: "Russian financial crisis (rouble devaluation and default)", kind: "crisis" },
  { year: 2008, label: "Global financial crisis", kind: "crisis" },
  {
    year: 2014,
    date: "2014-01-01",
    label: "Korea–Russia visa waiver agreement in force",
    kind: "policy",
    source: "KITA press release, 2020-09-07; KTO arrivals (<data folder>/tourism)",
  },
  { year: 2014, label: "Western sanctions on Russia", kind: "sanctions" },
  { year: 2020, label: "COVID-19 pandemic", kind: "crisis" },
] satisfies Milestone[]);

/** Mean growth before and after an event year. Growth rates are fractions. */
export interface BeforeAfter {
  eventYear: number;
  windowYears: number;
  /** Mean year-on-year growth into years eventYear − N … eventYear − 1; `undefined` when none observed. */
  meanGrowthBefore: number | undefined;
  /** Mean year-on-year growth into years eventYear … eventYear + N − 1; `undefined` when none observed. */
  meanGrowthAfter: number | undefined;
  /** meanGrowthAfter − meanGrowthBefore; `undefined` when either is undefined. */
  difference: number | undefined;
  /** Number of growth observations behind each mean (≤ windowYears). */
  nBefore: number;
  nAfter: number;
}

/**
 * Compares average year-on-year growth in the N years before an event with the N years from it.
 *
 * Windows (N = windowYears), with growth into year t = v(t) / v(t − 1) − 1:
 * - before: growth into years eventYear − N … eventYear − 1 (uses values from eventYear − N − 1);
 * - after: growth into years eventYear … eventYear + N − 1 (the event year's own growth counts as
 *   "after", since the event acts within its year: e.g. the 2014 sanctions and 2014 trade).
 * Means are arithmetic means of the growth rates. Gaps: growth exists only where both t and t − 1
 * are observed (see `yearOnYear`); missing growth years shrink nBefore/nAfter rather than failing.
 * This is a descriptive comparison, not a causal estimate.
 *
 * @throws UsageError when windowYears is not a positive whole number, or the series is malformed.
 */
export function beforeAfter(series: readonly YearValue[], eventYear: number, windowYears: number): BeforeAfter {
  if (!Number.isInteger(windowYears) || windowYears < 1) {
    throw new UsageError(`Window must be a positive whole number of years, got ${windowYears}`);
  }
  const growth = yearOnYear(series);
  const before = growth.filter((g) => g.year >= eventYear - windowYears && g.year <= eventYear - 1).map((g) => g.growth);
  const after = growth.filter((g) => g.year >= eventYear && g.year <= eventYear + windowYears - 1).map((g) => g.growth);
  const meanGrowthBefore = mean(before);
  const meanGrowthAfter = mean(after);
  return {
    eventYear,
    windowYears,
    meanGrowthBefore,
    meanGrowthAfter,
    difference:
      meanGrowthBefore === undefined || meanGrowthAfter === undefined ? undefined : meanGrowthAfter - meanGrowthBefore,
    nBefore: before.length,
    nAfter: after.length,
  };
}

function mean(xs: readonly number[]): number | undefined {
  return xs.length === 0 ? undefined : xs.reduce((s, x) => s + x, 0) / xs.length;
}
