/**
 * Where the partner stands in each side's trade: its rank and share among the reporter's partners
 * in the reference year, each side from its own reports (A's rank of B from A's reports; B's rank
 * of A from B's), and each side's trade with the World by year (the denominator of the shares and
 * of "gaining or losing share").
 * @module
 */
import { partnerRank, type PartnerRank, type PartnerYearFlows, type WorldYearFlows, type YearValue } from "../../indicators/index.js";
import type { EntityCode } from "../../model.js";
import { sourceRank } from "../../query/pair.js";
import { CountryRegistry } from "../../reference/countries.js";
import type { TradeStore, TradeTotalRow, TradeTotalsQuery } from "../../store/TradeStore.js";
import { ref, uniqueRefs } from "../sources.js";
import type { PositionSide, SourceRef } from "../types.js";

/** Partner kinds that are ranked: countries and former countries; aggregates, the World row and "not specified" areas are not partners. */
const RANKED_KINDS = new Set(["country", "historical"]);
const WORLD = "WLD";

/** One reporter's trade by partner and with the World, from its own reports, one reporter entity per year. Shared: never changed once built. */
export interface SideTrade {
  readonly reporter: EntityCode;
  readonly flows: readonly Readonly<PartnerYearFlows>[];
  readonly world: readonly Readonly<WorldYearFlows>[];
  readonly refs: readonly Readonly<SourceRef>[];
}

/**
 * Sides already built, by the read they were built from: a store that remembers its reads gives
 * every profile of a reporter the same array, and the ~20,000 rows are then summarised once, not
 * once per partner asked. An array no longer held by the store's memo takes its side with it.
 */
const builtSides = new WeakMap<readonly TradeTotalRow[], SideTrade>();

/**
 * `reporters` is the side's entity first, then its predecessors: a predecessor's reports are used
 * only in years the entity itself does not report (the pair table's precedence rule).
 */
export async function sideTrade(store: TradeStore, reporters: EntityCode[], range: { fromYear?: number; toYear?: number }): Promise<SideTrade> {
  const rows = await store.tradeTotals(sideQuery(reporters, range));
  let side = builtSides.get(rows);
  if (!side) builtSides.set(rows, (side = sideFromRows(rows, reporters)));
  return side;
}

/** The read a side is built from: the reporter's (and its predecessors') trade with every partner, both flows. */
export function sideQuery(reporters: EntityCode[], range: { fromYear?: number; toYear?: number }): TradeTotalsQuery {
  return { reporters, flows: ["export", "import"], ...range };
}

/** `rows` are the answer to the query for `reporters`: an array comes from one query, so it alone keys {@link builtSides}. */
function sideFromRows(rows: readonly TradeTotalRow[], reporters: EntityCode[]): SideTrade {
  const precedence = new Map(reporters.map((r, i) => [r, i]));
  const reporterOfYear = new Map<number, number>();
  for (const r of rows) {
    const p = precedence.get(r.reporter)!;
    const cur = reporterOfYear.get(r.year);
    if (cur === undefined || p < cur) reporterOfYear.set(r.year, p);
  }
  // One value per (partner, year, flow) under the pair precedence (sourceRank, first row on a tie,
  // as bestRowPerKey), kept in nested maps: a key string per row was a third of this block's time.
  interface Slot {
    flows: PartnerYearFlows;
    exportRow?: TradeTotalRow;
    importRow?: TradeTotalRow;
  }
  const byPartner = new Map<EntityCode, Map<number, Slot>>();
  for (const r of rows) {
    if (precedence.get(r.reporter) !== reporterOfYear.get(r.year)) continue;
    if (r.partner !== WORLD && !RANKED_KINDS.has(r.partnerKind)) continue;
    let years = byPartner.get(r.partner);
    if (!years) byPartner.set(r.partner, (years = new Map()));
    let slot = years.get(r.year);
    if (!slot) years.set(r.year, (slot = { flows: { year: r.year, partner: r.partner, exports: undefined, imports: undefined } }));
    const held = r.flow === "export" ? slot.exportRow : slot.importRow;
    if (held && sourceRank(r) >= sourceRank(held)) continue;
    if (r.flow === "export") {
      slot.exportRow = r;
      slot.flows.exports = r.valueUsd;
    } else {
      slot.importRow = r;
      slot.flows.imports = r.valueUsd;
    }
  }
  const flows: PartnerYearFlows[] = [];
  let world: WorldYearFlows[] = [];
  // One footnote source per file: ~20,000 rows come from a handful of files.
  const used = new Map<string, TradeTotalRow>();
  for (const [partner, years] of byPartner) {
    for (const slot of years.values()) for (const r of [slot.exportRow, slot.importRow]) if (r && !used.has(r.sourceId)) used.set(r.sourceId, r);
    const values = [...years.values()].map((slot) => slot.flows);
    if (partner === WORLD) world = values.map(({ year, exports, imports }) => ({ year, exports, imports })).sort((x, y) => x.year - y.year);
    else flows.push(...values);
  }
  return { reporter: reporters[0]!, flows, world, refs: uniqueRefs([...used.values()].map((r) => ref(r, "reporter"))) };
}

/** The side's total trade (exports + imports) with the World by year. */
export function worldTotals(side: SideTrade): YearValue[] {
  return side.world.filter((w) => w.exports !== undefined && w.imports !== undefined).map((w) => ({ year: w.year, value: w.exports! + w.imports! }));
}

/**
 * The partner's rank in the side's trade in `year`. `partnerSet` is the partner entity first, then
 * its predecessors: in each year the partner is the first of them the side reports trade with.
 */
export function positionSide(side: SideTrade, partnerSet: EntityCode[], year: number): PositionSide | undefined {
  const registry = CountryRegistry.load();
  const present = new Map<number, Set<EntityCode>>();
  for (const f of side.flows) {
    if (!partnerSet.includes(f.partner)) continue;
    const s = present.get(f.year) ?? new Set<EntityCode>();
    s.add(f.partner);
    present.set(f.year, s);
  }
  const targetIn = (y: number) => partnerSet.find((p) => present.get(y)?.has(p));
  const total = partnerRank(side.flows, side.world, targetIn, year, "total");
  if (!total) return undefined;
  const withName = (r: PartnerRank | undefined) => (r ? { ...r, partner_in_since_year: registry.displayName(targetIn(r.since)!) } : undefined);
  return {
    reporter: side.reporter,
    reporter_name: registry.displayName(side.reporter),
    partner: partnerSet[0]!,
    partner_name: registry.displayName(partnerSet[0]!),
    total: withName(total)!,
    exports: withName(partnerRank(side.flows, side.world, targetIn, year, "exports")),
    imports: withName(partnerRank(side.flows, side.world, targetIn, year, "imports")),
    formula: `rank among ${registry.displayName(side.reporter)}'s partners (countries and former countries; aggregates, the World row and unallocated areas excluded) by the value ${registry.displayName(side.reporter)} reports; share = that value / ${registry.displayName(side.reporter)}'s reported trade with the World; since = first year of the unbroken run of years with the same rank (a predecessor such as the USSR counts for its successor in its own years)`,
    sources: [...side.refs],
  };
}

/** How many years before the reference year a side's rank may come from when it reports nothing for the partner that year. */
export const POSITION_LOOKBACK_YEARS = 3;

/**
 * The side's rank in `year`, else in the latest of the {@link POSITION_LOOKBACK_YEARS} years before
 * it (not before `earliestYear`) in which it reports the partner: a reporter that has not yet
 * published the partner's last year still gets its rank, stated with the year it is from.
 */
export function latestPositionSide(side: SideTrade, partnerSet: EntityCode[], year: number, earliestYear: number): PositionSide | undefined {
  for (let y = year; y >= Math.max(earliestYear, year - POSITION_LOOKBACK_YEARS); y--) {
    const found = positionSide(side, partnerSet, y);
    if (found) return found;
  }
  return undefined;
}
