/**
 * Data-quality screening of a bilateral yearly series, run before any statistic: which years a
 * statistic should leave out, and why. A statistic that leaves a year out says so; a report can
 * give the figure with the year as a sensitivity ("without 1992: …").
 *
 * Three screens, each with its threshold in {@link SCREENING_THRESHOLDS}:
 * - **split transition year**: in the year a country's partner changed (USSR → Russian Federation),
 *   the reporter booked part of the year's trade under the old entity and part under the new one
 *   (Korea 1992: $192 m with "Russian Federation", $859 m with "USSR"). The chosen entity's figure
 *   is then a fraction of the year's trade.
 * - **own-vs-mirror outlier**: the reporter's total is off the partner's mirror total by more than a
 *   factor (default 2) beyond the pair's usual ratio (the median over the years both report, so a
 *   pair with a steady CIF/FOB or re-export gap is not flagged). A partial year — one side booking
 *   only some months — shows up here (DOTS annual figures carry no month count).
 * - **one-year spike or dip**: a year whose log change in and out are both at least ln 2 with opposite
 *   signs (halved and doubled back, or doubled and halved back): a break in recording more often
 *   than an economic event.
 *
 * Which flags exclude a year: a split transition year and a spike or dip always; an own-vs-mirror
 * outlier only in the series' last year when the reporter's figure is the low one (the signature
 * of a partial year, whose rebound cannot be seen yet). Elsewhere a mirror disagreement says one
 * side is off but not which — a run of such years is a difference in coverage (Russia's customs
 * in the 1990s) — so it is reported as a caveat and the reporter's figures are kept.
 *
 * Breaks where the partner entity changes are not "suspect years" (the year itself is fine) but
 * growth across them compares two countries; {@link growthBreakYears} lists them for the caller.
 * @module
 */
import { medianOf, requireFinite, sortByYear } from "./series.js";
import type { YearValue } from "./types.js";

export const SCREENING_THRESHOLDS = {
  /** Share of a year's trade booked under another entity of the partner that makes it a split year (0.1 = 10 %). */
  splitOtherEntityShare: 0.1,
  /** Factor by which own/mirror may stray from the pair's median ratio before the year is an outlier. */
  mirrorOutlierFactor: 2,
  /** Years with both sides reported needed to estimate the pair's usual own/mirror ratio. */
  mirrorMinYears: 5,
  /** Minimum absolute log change in and out of a year (with opposite signs) for a spike or dip; ln 2. */
  spikeLogChange: Math.LN2,
} as const;

export type ScreenReason = "split-transition" | "mirror-outlier" | "spike-or-dip";

/** A year a statistic should leave out, with the evidence. Values in the series' unit (USD). */
export interface SuspectYear {
  year: number;
  reason: ScreenReason;
  /** Whether statistics leave the year out for this flag (see the module comment); otherwise a caveat. */
  excluded: boolean;
  /** split-transition: the chosen entity's figure and what was booked under the other entity. */
  chosenValue?: number;
  otherValue?: number;
  otherEntity?: string;
  /** mirror-outlier: own / mirror this year, and the pair's median ratio. */
  ratio?: number;
  medianRatio?: number;
  /** spike-or-dip: log change into and out of the year. */
  logChangeIn?: number;
  logChangeOut?: number;
}

/** The same flows booked under another entity of the partner in one year (e.g. KOR→USSR in 1992). */
export interface OtherEntityValue {
  year: number;
  entity: string;
  value: number;
}

export interface ScreeningInput {
  /** The series statistics are computed on (e.g. the reporter's total trade with the partner). */
  own: readonly YearValue[];
  /** The partner's reports of the same total (mirror), when loaded. */
  mirror?: readonly YearValue[];
  /** Trade with another entity of the partner in the same years, not included in `own`. */
  otherEntity?: readonly OtherEntityValue[];
}

export interface ScreeningOptions {
  splitOtherEntityShare?: number;
  mirrorOutlierFactor?: number;
  mirrorMinYears?: number;
  spikeLogChange?: number;
}

export interface ScreeningResult {
  /** Every flag, sorted by year then reason (a year may have several). */
  suspect: SuspectYear[];
  /** The distinct years at least one excluding flag leaves out, ascending. */
  excludedYears: number[];
}

/**
 * Flags the years of `own` that a statistic should not rest on (see the module comment).
 * @throws UsageError when a series is malformed (see `sortByYear`) or a threshold is not finite.
 */
export function screenSeries(input: ScreeningInput, options: ScreeningOptions = {}): ScreeningResult {
  const t = { ...SCREENING_THRESHOLDS, ...options };
  for (const [name, v] of Object.entries(t)) requireFinite(v, `Screening threshold ${name}`);
  const own = sortByYear(input.own);
  const suspect: SuspectYear[] = [...splitYears(own, input.otherEntity ?? [], t.splitOtherEntityShare), ...mirrorOutliers(own, input.mirror ?? [], t.mirrorOutlierFactor, t.mirrorMinYears), ...spikes(own, t.spikeLogChange)];
  suspect.sort((x, y) => x.year - y.year || x.reason.localeCompare(y.reason));
  return { suspect, excludedYears: [...new Set(suspect.filter((s) => s.excluded).map((s) => s.year))].sort((x, y) => x - y) };
}

function splitYears(own: YearValue[], other: readonly OtherEntityValue[], minShare: number): SuspectYear[] {
  const out: SuspectYear[] = [];
  const byYear = new Map<number, { value: number; entities: Set<string> }>();
  for (const o of other) {
    requireFinite(o.value, `Other-entity value for ${o.year}`);
    const cur = byYear.get(o.year) ?? { value: 0, entities: new Set<string>() };
    cur.value += o.value;
    cur.entities.add(o.entity);
    byYear.set(o.year, cur);
  }
  for (const p of own) {
    const o = byYear.get(p.year);
    if (!o || o.value <= 0) continue;
    const whole = p.value + o.value;
    if (whole > 0 && o.value / whole >= minShare) out.push({ year: p.year, reason: "split-transition", excluded: true, chosenValue: p.value, otherValue: o.value, otherEntity: [...o.entities].sort().join("+") });
  }
  return out;
}

function mirrorOutliers(own: YearValue[], mirror: readonly YearValue[], factor: number, minYears: number): SuspectYear[] {
  const mirrorByYear = new Map(sortByYear(mirror).map((m) => [m.year, m.value]));
  const both = own.filter((p) => p.value > 0 && (mirrorByYear.get(p.year) ?? 0) > 0).map((p) => ({ year: p.year, logRatio: Math.log(p.value) - Math.log(mirrorByYear.get(p.year)!) }));
  if (both.length < minYears) return [];
  const median = medianOf(both.map((b) => b.logRatio));
  const limit = Math.log(factor);
  const lastYear = own[own.length - 1]?.year;
  return both
    .filter((b) => Math.abs(b.logRatio - median) > limit)
    .map((b) => ({ year: b.year, reason: "mirror-outlier" as const, excluded: b.year === lastYear && b.logRatio < median, ratio: Math.exp(b.logRatio), medianRatio: Math.exp(median) }));
}

function spikes(own: YearValue[], minLogChange: number): SuspectYear[] {
  const out: SuspectYear[] = [];
  for (let i = 1; i + 1 < own.length; i++) {
    const [prev, cur, next] = [own[i - 1]!, own[i]!, own[i + 1]!];
    if (cur.year - prev.year !== 1 || next.year - cur.year !== 1 || prev.value <= 0 || cur.value <= 0 || next.value <= 0) continue;
    const into = Math.log(cur.value) - Math.log(prev.value);
    const out_ = Math.log(next.value) - Math.log(cur.value);
    if (Math.sign(into) !== Math.sign(out_) && Math.min(Math.abs(into), Math.abs(out_)) >= minLogChange) out.push({ year: cur.year, reason: "spike-or-dip", excluded: true, logChangeIn: into, logChangeOut: out_ });
  }
  return out;
}

/**
 * Years whose growth from the year before compares two entities: the partner (or reporter) entity
 * in `year` differs from the one in `year − 1` (USSR 1991 → Russia 1992).
 * @param entityByYear the entity code the figures of each year describe.
 */
export function growthBreakYears(entityByYear: readonly { year: number; entity: string }[]): number[] {
  const sorted = [...entityByYear].sort((x, y) => x.year - y.year);
  return sorted.filter((e, i) => i > 0 && e.year - sorted[i - 1]!.year === 1 && e.entity !== sorted[i - 1]!.entity).map((e) => e.year);
}

/** The series without the given years: growth into and out of a removed year disappears with it. */
export function withoutYears<T extends YearValue>(series: readonly T[], years: readonly number[]): T[] {
  const drop = new Set(years);
  return series.filter((p) => !drop.has(p.year));
}
