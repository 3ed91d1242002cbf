/**
 * Milestones in a bilateral relationship and a simple before/after comparison of growth around them.
 * @module
 */
import { UsageError } from "../errors.js";
import { yearOnYear } from "./growth.js";
import type { YearValue } from "./types.js";

/** What a milestone is about. */
export type MilestoneKind = "diplomatic" | "policy" | "agreement" | "accession" | "sanctions" | "crisis" | "state" | "other";

/** Where a milestone's fact comes from: a dataset, its file in the data folder and the data row. */
export interface MilestoneSource {
  dataset: string;
  vintage: string;
  /** Relative to the data folder. */
  file: string;
  /** 1-based data row (header excluded). */
  row: number;
  /** The record's key in the dataset ("RTA ID 122"). */
  record: string;
}

/** A dated event that may explain a break in a series. */
export interface Milestone {
  /** Stable key ("wto-rta:122"); a context-file entry with the same id replaces this one. */
  id?: string;
  year: number;
  /** yyyy-mm-dd when the day is known, yyyy-mm when only the month is. */
  date?: string;
  label: string;
  /** ≲ 26 characters, for a chart rule; charts cut `label` otherwise. */
  shortLabel?: string;
  kind: MilestoneKind;
  /** Where the date comes from, as a short citation. */
  source?: string;
  /** The dataset rows behind it (catalogue milestones). */
  provenance?: MilestoneSource[];
  /** yyyy-mm-dd or yyyy when it ended (an agreement superseded, sanctions lifted). */
  until?: string;
  /** The selection rule that put it in the report (src/milestones/select.ts). */
  rule?: string;
}

/**
 * Milestones of the seed article for Korea–Russia that no dataset of the milestone catalogue holds
 * (diplomatic ties, the visa waiver) or that the article names in its own words (the 1998 crisis,
 * the 2008 crisis, Western sanctions in 2014, COVID-19). They are added to the catalogue's list for
 * that pair and replace a catalogue entry of the same kind and year (overlayMilestones in src/milestones/select.ts); the
 * dissolution of the USSR now comes from the catalogue (COW state list).
 * Dates are the commonly cited ones; the KITA press release (2020-09-07) is the source the sample
 * report itself relies on for 1990 and 2014.
 */
export const DEFAULT_KOR_RUS_MILESTONES: readonly Milestone[] = Object.freeze([
  {
    id: "kor-rus:diplomatic-relations",
    year: 1990,
    date: "1990-09-30",
    label: "Diplomatic relations between the Republic of Korea and the USSR",
    kind: "diplomatic",
    source: "KITA press release, 2020-09-07 (30th anniversary of Korea–Russia ties)",
  },
  { id: "kor-rus:russian-crisis-1998", year: 1998, date: "1998-08-17", label: "Russian financial crisis (rouble devaluation and default)", kind: "crisis" },
  { id: "kor-rus:global-financial-crisis", year: 2008, label: "Global financial crisis", kind: "crisis" },
  {
    id: "kor-rus:visa-waiver",
    year: 2014,
    date: "2014-01-01",
    label: "Korea–Russia visa waiver agreement in force",
    kind: "policy",
    source: "KITA press release, 2020-09-07; KTO arrivals (<data folder>/tourism)",
  },
  { id: "kor-rus:western-sanctions", year: 2014, label: "Western sanctions on Russia", kind: "sanctions" },
  { id: "kor-rus:covid-19", year: 2020, label: "COVID-19 pandemic", kind: "crisis" },
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
