/**
 * Competition in the partner's market: B's imports by supplier as B reports them, shares and shifts.
 * @module
 */
import type { EntityCode } from "../../model.js";
import { bestRowPerKey, type PairSeries } from "../../query/pair.js";
import { CountryRegistry } from "../../reference/countries.js";
import type { TradeStore, TradeTotalRow } from "../../store/TradeStore.js";
import { ref, uniqueRefs } from "../sources.js";
import type { CompetitionBlock } from "../types.js";

/** `period` bounds every year used (the user's --from/--to): shifts run inside it, never from an earlier base. */
export async function competitionBlock(store: TradeStore, pair: PairSeries, referenceYear: number | undefined, extra: EntityCode[], period: { from?: number; to?: number } = {}): Promise<CompetitionBlock | undefined> {
  const registry = CountryRegistry.load();
  // B's World total first, then only the two years that rank suppliers, then only the chosen
  // suppliers' history: a partner reports imports from ~230 suppliers over decades.
  const range = { fromYear: period.from, toYear: period.to };
  const world = await store.tradeTotals({ reporters: [pair.b], partners: ["WLD"], flows: ["import"], ...range });
  if (!world.length) return undefined;
  const pick = (rs: readonly TradeTotalRow[]) => bestRowPerKey(rs, (r) => `${r.partner}|${r.year}`);
  const worldByYear = new Map(pick(world).map((r) => [r.year, r.valueUsd] as const));
  const years = [...worldByYear.keys()].sort((x, y) => x - y);
  const refYear = referenceYear !== undefined && worldByYear.has(referenceYear) ? referenceYear : years[years.length - 1]!;
  const baseYear = years[0]!;
  const inYear = (year: number) => store.tradeTotals({ reporters: [pair.b], flows: ["import"], fromYear: year, toYear: year }).then((rs) => pick(rs.filter((r) => r.partnerKind === "country")));
  const [refRows, baseRows] = await Promise.all([inYear(refYear), inYear(baseYear)]);
  const top = refRows
    .filter((r) => r.year === refYear)
    .sort((x, y) => y.valueUsd - x.valueUsd)
    .slice(0, 6)
    .map((r) => r.partner);
  const candidates = [...new Set([...top, pair.a, ...extra])];
  const suppliersRows = pick((await store.tradeTotals({ reporters: [pair.b], partners: candidates, flows: ["import"], ...range })).filter((r) => r.partnerKind === "country"));
  const chosen = candidates.filter((c) => suppliersRows.some((r) => r.partner === c));
  const shares = suppliersRows
    .filter((r) => chosen.includes(r.partner) && worldByYear.get(r.year))
    .map((r) => ({ year: r.year, supplier: r.partner, value: r.valueUsd, share: r.valueUsd / worldByYear.get(r.year)! }))
    .sort((x, y) => x.year - y.year || x.supplier.localeCompare(y.supplier));
  // A supplier above B's World total (Curaçao's imports from Mexico in 2010, its first year) means
  // that year's World total is not the whole of B's imports: no share of that year is stated.
  const inconsistent = shares.filter((s) => s.share > 1).map((s) => ({ year: s.year, supplier: s.supplier, supplier_name: registry.displayName(s.supplier), value_usd: s.value, world_usd: worldByYear.get(s.year)! }));
  const badYears = new Set(inconsistent.map((s) => s.year));
  const series = badYears.size ? shares.filter((s) => !badYears.has(s.year)) : shares;
  const rankIn = (year: number, supplier: EntityCode) => {
    const ordered = (year === refYear ? refRows : year === baseYear ? baseRows : []).slice().sort((x, y) => y.valueUsd - x.valueUsd);
    const i = ordered.findIndex((r) => r.partner === supplier);
    return i >= 0 ? i + 1 : undefined;
  };
  const shifts = chosen.map((supplier) => {
    const own = series.filter((s) => s.supplier === supplier && s.year <= refYear);
    const low = [...own].sort((x, y) => x.share - y.share || x.year - y.year)[0];
    const high = [...own].sort((x, y) => y.share - x.share || x.year - y.year)[0];
    const from = own.find((s) => s.year === baseYear);
    const to = own.find((s) => s.year === refYear);
    return {
      supplier,
      name: registry.displayName(supplier),
      from_year: baseYear,
      to_year: refYear,
      from_share: from?.share,
      to_share: to?.share,
      change: from && to ? to.share - from.share : undefined,
      rank_from: rankIn(baseYear, supplier),
      rank_to: rankIn(refYear, supplier),
      low: low ? { year: low.year, share: low.share } : undefined,
      high: high ? { year: high.year, share: high.share } : undefined,
    };
  });
  const refs = uniqueRefs([...world, ...suppliersRows.filter((r) => chosen.includes(r.partner))].map((r) => ref(r, "reporter", `${pair.b} reports imports CIF by supplier`)));
  return {
    partner: pair.b,
    partner_name: pair.b_name,
    partner_import_shares: { suppliers: chosen.map((s) => ({ supplier: s, name: registry.displayName(s) })), years: series, shifts },
    ...(inconsistent.length ? { world_below_supplier: inconsistent } : {}),
    formula: `share = ${pair.b}'s imports CIF from the supplier / ${pair.b}'s imports CIF from the World, as ${pair.b} reports them; shifts run from the first year with a World total to the reference year; each supplier's low and high up to the reference year are given`,
    sources: refs,
  };
}
