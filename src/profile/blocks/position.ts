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
import { ENTITY_KINDS } from "../../reference/countries.js";
import type { TradeStore, TradeTotalsQuery } from "../../store/TradeStore.js";
import { SORTED_TRADE_FLOWS, type TradeTotalColumns } from "../../store/tradeTotalColumns.js";
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
 * every profile of a reporter the same columns, and the ~20,000 rows are then summarised once, not
 * once per partner asked. Columns no longer held by the store's memo take their side with them.
 */
const builtSides = new WeakMap<TradeTotalColumns, SideTrade>();

/**
 * `reporters` is the side's entity first, then its predecessors: a predecessor's reports are used
 * only in years the entity itself does not report (the pair table's precedence rule).
 */
export async function sideTrade(store: TradeStore, reporters: EntityCode[], range: { fromYear?: number; toYear?: number }): Promise<SideTrade> {
  const columns = await store.tradeTotalColumns(sideQuery(reporters, range));
  let side = builtSides.get(columns);
  if (!side) builtSides.set(columns, (side = sideFromColumns(columns, reporters)));
  return side;
}

/** The read a side is built from: the reporter's (and its predecessors') trade with every partner, both flows. */
export function sideQuery(reporters: EntityCode[], range: { fromYear?: number; toYear?: number }): TradeTotalsQuery {
  return { reporters, flows: ["export", "import"], ...range };
}

/** One (partner, year) of a side: its flows, and the rank and load of the row each flow was taken from. */
interface Slot {
  flows: PartnerYearFlows;
  exportRank: number;
  importRank: number;
  exportLoad: number;
  importLoad: number;
}

/**
 * `c` answers the query for `reporters`, ordered by year first. One value per (partner, year,
 * flow) under the pair precedence (the year's first reporter of `reporters`, then sourceRank, the
 * first row on a tie, as bestRowPerKey), read off the columns without a row object.
 */
function sideFromColumns(c: TradeTotalColumns, reporters: EntityCode[]): SideTrade {
  const precedenceOf = Int32Array.from(c.entities, (e) => {
    const p = reporters.indexOf(e);
    return p < 0 ? reporters.length : p;
  });
  const world = c.entities.indexOf(WORLD);
  const ranked = Uint8Array.from(ENTITY_KINDS, (k) => (RANKED_KINDS.has(k) ? 1 : 0));
  const exportFlow = SORTED_TRADE_FLOWS.indexOf("export");
  const importFlow = SORTED_TRADE_FLOWS.indexOf("import");
  const loadRank = c.loads.map((l) => sourceRank({ estimated: false, dataset: l.dataset }));
  // Partners in the order they first appear (year, then the store's order), each with its years in order.
  const slotsOf: (Slot[] | undefined)[] = new Array(c.entities.length);
  const partnerOrder: number[] = [];
  for (let start = 0; start < c.rowCount; ) {
    const year = c.year[start]!;
    let end = start;
    let first = reporters.length;
    for (; end < c.rowCount && c.year[end] === year; end++) first = Math.min(first, precedenceOf[c.reporter[end]!]!);
    for (let i = start; i < end; i++) {
      if (precedenceOf[c.reporter[i]!] !== first) continue;
      const partner = c.partner[i]!;
      if (partner !== world && !ranked[c.partnerKind[i]!]) continue;
      const flow = c.flow[i]!;
      if (flow !== exportFlow && flow !== importFlow) continue;
      let slots = slotsOf[partner];
      if (!slots) {
        slotsOf[partner] = slots = [];
        partnerOrder.push(partner);
      }
      let slot = slots[slots.length - 1];
      if (!slot || slot.flows.year !== year) {
        slot = { flows: { year, partner: c.entities[partner]!, exports: undefined, imports: undefined }, exportRank: Infinity, importRank: Infinity, exportLoad: -1, importLoad: -1 };
        slots.push(slot);
      }
      const rank = (c.estimated[i] ? 10 : 0) + loadRank[c.load[i]!]!;
      if (flow === exportFlow && rank < slot.exportRank) {
        slot.exportRank = rank;
        slot.exportLoad = c.load[i]!;
        slot.flows.exports = c.valueUsd[i]!;
      } else if (flow === importFlow && rank < slot.importRank) {
        slot.importRank = rank;
        slot.importLoad = c.load[i]!;
        slot.flows.imports = c.valueUsd[i]!;
      }
    }
    start = end;
  }
  const flows: PartnerYearFlows[] = [];
  let worldFlows: WorldYearFlows[] = [];
  // One footnote source per file: ~20,000 rows come from a handful of files.
  const used = new Set<number>();
  for (const partner of partnerOrder) {
    const slots = slotsOf[partner]!;
    for (const slot of slots) for (const load of [slot.exportLoad, slot.importLoad]) if (load >= 0) used.add(load);
    if (partner === world) worldFlows = slots.map(({ flows: { year, exports, imports } }) => ({ year, exports, imports }));
    else for (const slot of slots) flows.push(slot.flows);
  }
  return { reporter: reporters[0]!, flows, world: worldFlows, refs: uniqueRefs([...used].map((load) => ref(c.loads[load]!, "reporter"))) };
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
