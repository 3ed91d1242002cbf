/**
 * A partner's rank and share in one reporter's trade: "China is Japan's largest trading partner,
 * 23.9 % of its trade in 2020, first since 2007". Inputs are the reporter's own figures by
 * partner (aggregates and the World row already removed by the caller) and the reporter's World
 * total; the share's denominator is that World total, so it matches what the reporter publishes.
 * @module
 */
import type { EntityCode } from "../model.js";

export type RankMeasure = "total" | "exports" | "imports";

/** One reporter's flows with one partner in one year, in one unit (USD). */
export interface PartnerYearFlows {
  year: number;
  partner: EntityCode;
  exports: number | undefined;
  imports: number | undefined;
}

export interface WorldYearFlows {
  year: number;
  exports: number | undefined;
  imports: number | undefined;
}

export interface PartnerRank {
  measure: RankMeasure;
  year: number;
  /** 1 = largest. */
  rank: number;
  /** Partners with a positive value that year. */
  partners_ranked: number;
  value: number;
  /** value / the World total of the same measure; undefined without a World total, or when the value exceeds it. */
  share: number | undefined;
  /** First year of the unbroken run of years ending in `year` with the same rank. */
  since: number;
  /** The rank the year before `since`, when that year has data. */
  previous_rank?: number;
}

export function measureOf(f: { exports: number | undefined; imports: number | undefined }, measure: RankMeasure): number | undefined {
  if (measure === "exports") return f.exports;
  if (measure === "imports") return f.imports;
  return f.exports !== undefined && f.imports !== undefined ? f.exports + f.imports : undefined;
}

/**
 * Partners ranked by value in one year, largest first; ties by code so the order is stable.
 * Remembered per (year's flows, measure): a reporter's flows are ranked for every partner asked
 * about, and the flows are read-only, so the same array always ranks the same way.
 */
function rankedIn(flows: readonly PartnerYearFlows[], measure: RankMeasure): Array<{ partner: EntityCode; value: number }> {
  let byMeasure = rankings.get(flows);
  if (!byMeasure) rankings.set(flows, (byMeasure = new Map()));
  let ranked = byMeasure.get(measure);
  if (!ranked) {
    ranked = flows
      .map((f) => ({ partner: f.partner, value: measureOf(f, measure) }))
      .filter((x): x is { partner: EntityCode; value: number } => x.value !== undefined && x.value > 0)
      .sort((x, y) => y.value - x.value || x.partner.localeCompare(y.partner));
    byMeasure.set(measure, ranked);
  }
  return ranked;
}

const rankings = new WeakMap<readonly PartnerYearFlows[], Map<RankMeasure, Array<{ partner: EntityCode; value: number }>>>();
const yearGroups = new WeakMap<readonly PartnerYearFlows[], Map<number, PartnerYearFlows[]>>();

/** `flows` by year, once per array (see {@link rankedIn}). */
function byYearOf(flows: readonly PartnerYearFlows[]): Map<number, PartnerYearFlows[]> {
  let byYear = yearGroups.get(flows);
  if (!byYear) {
    byYear = new Map();
    for (const f of flows) {
      const list = byYear.get(f.year);
      if (list) list.push(f);
      else byYear.set(f.year, [f]);
    }
    yearGroups.set(flows, byYear);
  }
  return byYear;
}

/**
 * The target's rank in `year`; `targetIn(year)` names the target's entity that year (a successor or
 * its predecessor, e.g. USSR before 1992). `since` walks back while the rank stays the same.
 * Undefined when the target has no positive value in `year`. `flows` must not change after a call.
 */
export function partnerRank(flows: readonly PartnerYearFlows[], world: readonly WorldYearFlows[], targetIn: (year: number) => EntityCode | undefined, year: number, measure: RankMeasure): PartnerRank | undefined {
  const byYear = byYearOf(flows);
  const rankAt = (y: number) => {
    const target = targetIn(y);
    if (target === undefined) return undefined;
    const ranked = rankedIn(byYear.get(y) ?? [], measure);
    const i = ranked.findIndex((r) => r.partner === target);
    return i >= 0 ? { rank: i + 1, value: ranked[i]!.value, of: ranked.length } : undefined;
  };
  const now = rankAt(year);
  if (!now) return undefined;
  let since = year;
  let previous: number | undefined;
  for (let y = year - 1; ; y--) {
    const r = rankAt(y);
    if (!r) break;
    if (r.rank !== now.rank) {
      previous = r.rank;
      break;
    }
    since = y;
  }
  const w = world.find((x) => x.year === year);
  const total = w ? measureOf(w, measure) : undefined;
  return {
    measure,
    year,
    rank: now.rank,
    partners_ranked: now.of,
    value: now.value,
    // A partner above the World total (Sint Maarten's exports to Montserrat in 2010, its first year) means the World figure is incomplete: no share.
    share: total !== undefined && total > 0 && now.value <= total ? now.value / total : undefined,
    since,
    ...(previous !== undefined ? { previous_rank: previous } : {}),
  };
}
