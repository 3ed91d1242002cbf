/**
 * Growth of the pair's total trade over the run of years ending at the reference year (a gap of up to two years does not break it),
 * the published long span and the checks against published figures.
 * @module
 */
import { MIN_BASE_FRACTION, cagr, meaningfulBase, decadeSummaries, growthMultiple, longestMeaningfulWindow, records, shareChange, standardWindows, yearOnYear, type YearValue } from "../../indicators/index.js";
import type { EntityCode } from "../../model.js";
import type { PairSeries } from "../../query/pair.js";
import { CountryRegistry } from "../../reference/countries.js";
import type { StoredSeriesRow, TradeStore } from "../../store/TradeStore.js";
import { ref } from "../sources.js";
import type { GrowthBlock, GrowthWindows, SourceRef } from "../types.js";

/**
 * Consecutive missing years a series may have and still be one series. A year or two missing from
 * a reporter's figures for a partner is a report not filed (South Korea has no 2002 figure for New
 * Zealand, between 38 years before and 18 after), not a stop in trade: ending the series there made
 * a 1967–2020 relationship a 2003–2020 one. A longer gap ends it (trade stopped, or the series
 * before is not comparable). The statistics never span a gap: growth terms need consecutive years.
 */
export const MAX_GAP_YEARS = 2;

/** The run of years ending at `endYear` that no gap longer than {@link MAX_GAP_YEARS} breaks. */
export function runEndingAt(series: YearValue[], endYear: number): YearValue[] {
  const upTo = series.filter((s) => s.year <= endYear).sort((x, y) => x.year - y.year);
  let start = upTo.length - 1;
  while (start > 0 && upTo[start]!.year - upTo[start - 1]!.year - 1 <= MAX_GAP_YEARS) start--;
  return upTo.slice(Math.max(start, 0));
}

/** Years missing inside `run` (between its first and last year). */
export function gapYears(run: readonly YearValue[]): number[] {
  const have = new Set(run.map((r) => r.year));
  const out: number[] = [];
  for (let y = run[0]?.year ?? 0; y < (run[run.length - 1]?.year ?? 0); y++) if (!have.has(y)) out.push(y);
  return out;
}

/** The runs of years the time-series blocks are computed over. */
export interface SeriesWindows {
  /** The run ending at the reference year, gaps of up to {@link MAX_GAP_YEARS} inside it (growth's window). */
  upTo: YearValue[];
  /** From the start of that run to the last year loaded. */
  seriesRun: YearValue[];
  /** `seriesRun` from the last change of entity on and from the first year that is a meaningful base (≥ 2 % of the reference year's trade, the growth-window rule): volatility, shocks, price link. */
  sameEntityRun: YearValue[];
  /** Years in which either side became another country (USSR 1991 → Russia 1992): growth into them is not like-for-like. */
  entityChangeYears: number[];
  /** Years in which a side's name changed but its series continue (West Germany 1990 → Germany 1991): windows may cross them, labelled. */
  entityContinuationYears: number[];
  /** Years without a total inside `upTo` (at most {@link MAX_GAP_YEARS} in a row). */
  gapYears: number[];
}

/** The years in which a side's entity changed from the year before, split into new countries and continued series. */
export function entityChanges(pair: PairSeries): { breaks: number[]; continuations: number[] } {
  const registry = CountryRegistry.load();
  const breaks: number[] = [];
  const continuations: number[] = [];
  pair.years.forEach((y, i) => {
    const prev = pair.years[i - 1];
    if (!prev || prev.year !== y.year - 1) return;
    const changed = ([[prev.entity_a_code, y.entity_a_code], [prev.entity_b_code, y.entity_b_code]] as const).filter(([was, is]) => was !== is);
    if (!changed.length) return;
    if (changed.every(([was, is]) => registry.continuesFrom(is, was))) continuations.push(y.year);
    else breaks.push(y.year);
  });
  return { breaks, continuations };
}

/** `totals` needs at least two years. */
export function seriesWindows(pair: PairSeries, totals: YearValue[], referenceYear: number | undefined): SeriesWindows {
  // A multiple across a long stretch with no data is not growth: use the run of years that ends at the reference year.
  const run = runEndingAt(totals, referenceYear ?? totals[totals.length - 1]!.year);
  const upTo = run.length >= 2 ? run : totals.filter((t) => referenceYear === undefined || t.year <= referenceYear);
  const runStart = upTo[0]!.year;
  const seriesRun = totals.filter((t) => t.year >= runStart);
  // Growth across a change of entity (USSR 1991 → Russia 1992) compares different countries: kept out of volatility and shocks.
  const { breaks: entityChangeYears, continuations: entityContinuationYears } = entityChanges(pair);
  // Only changes up to the run's last year count: a side booked again under a predecessor after it
  // (Panama's reports of Moldova as "USSR" in 1997 and 1999) must not leave the statistics no year.
  const endYear = upTo[upTo.length - 1]!.year;
  const lastChange = Math.max(-Infinity, ...entityChangeYears.filter((y) => y > runStart && y <= endYear));
  const afterChange = seriesRun.filter((t) => t.year >= lastChange || !Number.isFinite(lastChange));
  const sameEntity = afterChange.length ? afterChange : upTo.slice(-1);
  // The statistics start where a growth window could: log changes from a near-zero base (USA–China
  // 1972: $96 m against $560 bn in 2020) are noise that would swamp the volatility and the price link.
  const endValue = upTo[upTo.length - 1]!.value;
  const base = sameEntity.find((t) => meaningfulBase(t.value, endValue));
  const sameEntityRun = base && sameEntity.filter((t) => t.year >= base.year).length >= 2 ? sameEntity.filter((t) => t.year >= base.year) : sameEntity;
  return { upTo, seriesRun, sameEntityRun, entityChangeYears, entityContinuationYears, gapYears: gapYears(upTo) };
}

export async function publishedTradePoints(store: TradeStore, setA: EntityCode[], setB: EntityCode[]): Promise<StoredSeriesRow[]> {
  const both = [...setA, ...setB];
  const rows = await store.seriesRows({ from: both, to: both, metrics: ["bilateral_trade_total"] });
  return rows.filter((r) => r.publishedPoint && !r.approximate && ((setA.includes(r.from) && setB.includes(r.to)) || (setB.includes(r.from) && setA.includes(r.to))) && r.unit === "USD");
}

export interface GrowthInput {
  pair: PairSeries;
  totals: YearValue[];
  windows: SeriesWindows;
  published: StoredSeriesRow[];
  pairRefs: SourceRef[];
  /** The user's first year: a published starting point before it is not used. */
  from: number | undefined;
}

export function growthBlock(input: GrowthInput): GrowthBlock {
  const registry = CountryRegistry.load();
  const { pair, totals, published, pairRefs } = input;
  const { upTo, seriesRun, entityChangeYears, entityContinuationYears, gapYears: gaps } = input.windows;
  const first = upTo[0]!;
  const last = upTo[upTo.length - 1]!;
  const rec = records(upTo)!;
  const checks = published
    .map((p) => {
      const ours = totals.find((t) => t.year === p.year && String(p.year) === p.period);
      return ours ? { year: p.year, published_value: p.value, our_value: ours.value, difference_ratio: ours.value / p.value - 1, publisher: p.publisher, source: ref(p, "publisher") } : undefined;
    })
    .filter((x): x is NonNullable<typeof x> => x !== undefined);
  const growth: GrowthBlock = {
    measure: "total trade (exports + imports), USD, reporter-side",
    from_year: first.year,
    to_year: last.year,
    from_value: first.value,
    to_value: last.value,
    multiple: growthMultiple(first.value, last.value),
    cagr: cagr(first.value, last.value, last.year - first.year),
    record_high: rec.high,
    record_low: rec.low,
    last_is_record_high: rec.lastIsRecordHigh,
    year_on_year: yearOnYear(seriesRun),
    decades: decadeSummaries(seriesRun),
    entity_changes: entityChangeYears,
    entity_continuations: entityContinuationYears,
    gap_years: gaps,
    formula: "multiple = total(to) / total(from); CAGR = multiple^(1/(to − from)) − 1; total = exports FOB + imports CIF as the reporter declares them",
    sources: pairRefs,
    published_checks: checks,
  };
  const start = published.filter((p) => p.year < first.year && String(p.year) === p.period && (input.from === undefined || p.year >= input.from)).sort((x, y) => x.year - y.year)[0];
  if (start) {
    // End where the same publisher's own headline ends, so the multiple is comparable with theirs.
    const samePublisherEnd = published.filter((p) => p.publisher === start.publisher && p.year > start.year && p.year <= last.year && totals.some((t) => t.year === p.year)).sort((x, y) => y.year - x.year)[0];
    const endYear = samePublisherEnd?.year ?? last.year;
    const end = totals.find((t) => t.year === endYear)!;
    const fromRef = { ...ref(start, "publisher"), publisher: start.publisher, source_url: start.sourceUrl, entity: start.to === pair.a ? start.from : start.to };
    growth.published_span = {
      from_year: start.year,
      from_value: start.value,
      from_source: fromRef,
      to_year: end.year,
      to_value: end.value,
      to_source: pairRefs,
      multiple: growthMultiple(start.value, end.value),
      cagr: cagr(start.value, end.value, end.year - start.year),
      note: `${start.year} is a published point (${start.publisher ?? start.dataset}, ${registry.displayName(fromRef.entity)}); ${end.year} is the reporter-side data. Mixed sources: read as an order of magnitude.`,
      formula: "multiple = total(end) / published total(start); CAGR = multiple^(1/years) − 1",
    };
  }
  return growth;
}

export const GROWTH_WINDOW_RULE = `a multiple or CAGR is stated only over a window inside one run of years with one entity on each side (no gap longer than two years, no change such as USSR → Russia; a state continued by its successor, West Germany → Germany in 1991, is one series and a window may cross it, named in the sentence) whose base year is at least ${MIN_BASE_FRACTION * 100} % of the end year's value (no multiple above ${Math.round(1 / MIN_BASE_FRACTION)}); the long-run window starts at the first year of the run that meets it; the standard windows are 10, 20 and 30 years ending at the reference year`;

export interface WindowsInput {
  pair: PairSeries;
  windows: SeriesWindows;
  /** A's total trade with the World by year (A's reports). */
  aWorld: YearValue[];
  /** B's total trade with the World by year (B's reports). */
  bWorld: YearValue[];
}

export function growthWindows(input: WindowsInput): GrowthWindows {
  const { upTo, entityChangeYears } = input.windows;
  const end = upTo[upTo.length - 1]!.year;
  const lastChange = Math.max(-Infinity, ...entityChangeYears.filter((y) => y <= end));
  const sameEntity = upTo.filter((t) => t.year >= lastChange);
  const aPair = upTo;
  const bPair: YearValue[] = input.pair.years
    .filter((y) => y.mirror.exports !== null && y.mirror.imports !== null)
    .map((y) => ({ year: y.year, value: y.mirror.exports! + y.mirror.imports! }));
  return {
    rule: GROWTH_WINDOW_RULE,
    min_base_fraction: MIN_BASE_FRACTION,
    long_run: longestMeaningfulWindow(sameEntity, end),
    standard: standardWindows(upTo, end).map((w) => {
      const crosses = entityChangeYears.some((y) => y > w.from_year && y <= w.to_year);
      return {
        ...w,
        meaningful: w.meaningful && !crosses,
        crosses_entity_change: crosses,
        share_of_a: shareChange(aPair, input.aWorld, w.from_year, w.to_year),
        share_of_b: shareChange(bPair, input.bWorld, w.from_year, w.to_year),
      };
    }),
    formula: "multiple = total(to) / total(from); CAGR = multiple^(1/(to − from)) − 1; share of A = the pair's total in A's reports / A's trade with the World in A's reports; share of B the same from B's reports",
  };
}
