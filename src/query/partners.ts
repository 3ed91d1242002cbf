/**
 * "Who does A trade with": every partner of one country ranked by total trade (exports +
 * imports) in a reference year, with its share, its rank at the start of a common growth
 * window, the growth over that window, the balance and a yearly series for a sparkline.
 *
 * Side: A's own reports when A reports to any loaded dataset; otherwise the partners' reports of
 * their trade with A (mirror figures), labelled as such. The two are never mixed in one answer.
 * Precedence between datasets is the pair rule ({@link bestRowPerKey}); a partner's predecessor
 * (USSR for Russia) is counted under the successor only in years the successor has no figure.
 * @module
 */
import { MissingDataError, UsageError } from "../errors.js";
import type { EntityCode } from "../model.js";
import { CountryRegistry } from "../reference/countries.js";
import type { TradeTotalRow, TradeStore } from "../store/TradeStore.js";
import { describeYears } from "../reference/yearRuns.js";
import { bestRowPerKey, checkYearRange } from "./pair.js";

/** Years of the common growth window ending in the reference year; defaults to 5 (e.g. 2015–2020). */
export const DEFAULT_GROWTH_WINDOW_YEARS = 5;
/** Years of the per-partner series shown as a sparkline, ending in the reference year. */
export const SPARKLINE_YEARS = 20;
/**
 * The default reference year is the latest year in which A's figures cover at least this
 * fraction of the partners of its best-covered year: a latest year half filled in would
 * otherwise rank partners by what happens to be reported so far.
 */
export const REFERENCE_YEAR_COVERAGE = 0.8;

export interface PartnerOptions {
  /** Ranking year; default: the latest well-covered year (see {@link REFERENCE_YEAR_COVERAGE}). */
  referenceYear?: number;
  /** Length of the growth window in years; default {@link DEFAULT_GROWTH_WINDOW_YEARS}. */
  growthYears?: number;
}

export interface PartnerSource {
  dataset: string;
  vintage: string;
  file: string;
  source_id: string;
}

export interface PartnerRow {
  partner: EntityCode;
  name: string;
  /** ISO 3166 numeric, three digits ("410"), for the map; absent for entities without one. */
  iso_numeric?: string;
  kind: string;
  rank: number;
  /** Rank among the partners with a total in the window's first year; absent when the partner had none. */
  rank_start?: number;
  /** rank_start − rank: positive = moved up. */
  rank_change?: number;
  exports_usd: number | null;
  imports_usd: number | null;
  total_usd: number;
  balance_usd: number | null;
  /** total_usd / A's total with all partners in the reference year (a fraction). */
  share: number;
  /** Total in the window's first year, USD. */
  start_total_usd?: number;
  /** CAGR of total trade over the growth window, a fraction per year; absent without a start value. */
  growth_cagr?: number;
  /** Total trade per year over the sparkline years; null where a year has no complete figure. */
  series: Array<{ year: number; total_usd: number | null }>;
  estimated: boolean;
}

export interface CountryPartners {
  a: EntityCode;
  a_name: string;
  unit: "USD";
  /** "reporter": A's own reports; "mirror": each partner's reports of its trade with A. */
  side: "reporter" | "mirror";
  reference_year: number;
  growth_window: { from_year: number; to_year: number; years: number };
  /** Years with any figure for A, ascending: the dashboard offers them as the year choice. */
  years: number[];
  /** Σ of the partners' totals in the reference year: the denominator of `share`. */
  total_usd: number;
  partners: PartnerRow[];
  measure: string;
  formula: string;
  sources: PartnerSource[];
}

const KEPT_KINDS = new Set(["country", "historical"]);

/**
 * A's partners ranked by total trade. Throws MissingDataError when no loaded dataset has a
 * figure for A, or none for the requested reference year.
 */
export async function countryPartners(store: TradeStore, a: EntityCode, options: PartnerOptions = {}): Promise<CountryPartners> {
  if (options.referenceYear !== undefined) checkYearRange({ from: options.referenceYear });
  const growthYears = options.growthYears ?? DEFAULT_GROWTH_WINDOW_YEARS;
  if (!Number.isInteger(growthYears) || growthYears < 1 || growthYears > 50) throw new UsageError(`the growth window must be 1–50 years, got ${growthYears}`, { field: "growth_years" });
  const registry = CountryRegistry.load();
  const entityA = registry.lookup(a);
  const own = await store.tradeTotals({ reporters: [entityA.entity], flows: ["export", "import"] });
  let side: CountryPartners["side"] = "reporter";
  let rows: Array<{ year: number; partner: EntityCode; kind: string; flow: "export" | "import"; row: TradeTotalRow }> = own
    .filter((r) => KEPT_KINDS.has(r.partnerKind) && r.partner !== entityA.entity)
    .map((r) => ({ year: r.year, partner: r.partner, kind: r.partnerKind, flow: r.flow as "export" | "import", row: r }));
  if (rows.length === 0) {
    // A reports nothing: its partners' reports, flipped (their imports from A are A's exports).
    side = "mirror";
    const mirror = await store.tradeTotals({ partners: [entityA.entity], flows: ["export", "import"] });
    rows = mirror
      .filter((r) => r.reporter !== entityA.entity && KEPT_KINDS.has(registry.get(r.reporter)?.kind ?? ""))
      .map((r) => ({ year: r.year, partner: r.reporter, kind: registry.get(r.reporter)?.kind ?? "country", flow: r.flow === "import" ? "export" : "import", row: r }));
  }
  if (rows.length === 0) throw new MissingDataError(`the loaded data has no trade figures for ${registry.displayName(entityA.entity)}, neither its own reports nor its partners'`);

  const best = bestRowPerKey(
    rows.map((r) => r.row),
    (r) => `${r.year}|${side === "reporter" ? r.partner : r.reporter}|${r.flow}`,
  );
  const picked = new Set(best);

  // A predecessor folds into the successor that continues it, the first the registry lists
  // (USSR → Russia, not the other 14 republics), where that successor has no figure that year.
  const continuing = new Map<EntityCode, EntityCode>();
  const targetOf = (p: EntityCode): EntityCode => {
    if (continuing.has(p)) return continuing.get(p)!;
    const e = registry.get(p);
    const heir = e && e.kind === "historical" ? e.successors[0] : undefined;
    const target = heir && registry.predecessors(heir).some((x) => x.entity === p) ? heir : p;
    continuing.set(p, target);
    return target;
  };
  const byPartnerYear = new Map<string, { exports: number | null; imports: number | null; estimated: boolean; rows: TradeTotalRow[]; direct: boolean }>();
  const partnersSeen = new Set<EntityCode>();
  const yearsSeen = new Set<number>();
  for (const r of rows) {
    if (!picked.has(r.row)) continue;
    yearsSeen.add(r.year);
    const target = targetOf(r.partner);
    const key = `${r.year}|${target}`;
    const direct = target === r.partner;
    const cur = byPartnerYear.get(key);
    if (cur && cur.direct && !direct) continue;
    const entry = cur && cur.direct === direct ? cur : { exports: null, imports: null, estimated: false, rows: [], direct };
    if (r.flow === "export") entry.exports = r.row.valueUsd;
    else entry.imports = r.row.valueUsd;
    entry.estimated ||= r.row.estimated;
    entry.rows.push(r.row);
    byPartnerYear.set(key, entry);
    partnersSeen.add(target);
  }
  const years = [...yearsSeen].sort((x, y) => x - y);
  const totalIn = (partner: EntityCode, year: number): number | null => {
    const e = byPartnerYear.get(`${year}|${partner}`);
    return e && e.exports !== null && e.imports !== null ? e.exports + e.imports : null;
  };

  const referenceYear = options.referenceYear ?? defaultReferenceYear(years, partnersSeen, totalIn);
  if (!years.includes(referenceYear)) {
    throw new MissingDataError(`the loaded data has no trade figures for ${registry.displayName(entityA.entity)} in ${referenceYear}; it has ${describeYears(years)}`, { field: "reference_year" });
  }
  const startYear = referenceYear - growthYears;
  const ranked = (year: number) =>
    [...partnersSeen]
      .map((p) => ({ p, total: totalIn(p, year) }))
      .filter((x): x is { p: EntityCode; total: number } => x.total !== null && x.total > 0)
      .sort((x, y) => y.total - x.total || x.p.localeCompare(y.p));
  const now = ranked(referenceYear);
  if (now.length === 0) throw new MissingDataError(`no partner of ${registry.displayName(entityA.entity)} has both exports and imports in ${referenceYear}`, { field: "reference_year" });
  const startRanks = new Map(ranked(startYear).map((x, i) => [x.p, i + 1]));
  const total = now.reduce((s, x) => s + x.total, 0);
  const sourceIds = new Map<string, PartnerSource>();

  const partners: PartnerRow[] = now.map((x, i) => {
    const e = byPartnerYear.get(`${referenceYear}|${x.p}`)!;
    for (const r of e.rows) sourceIds.set(r.sourceId, { dataset: r.dataset, vintage: r.vintage, file: r.fileName, source_id: r.sourceId });
    const entity = registry.get(x.p);
    const start = totalIn(x.p, startYear);
    const rankStart = startRanks.get(x.p);
    const series: PartnerRow["series"] = [];
    for (let y = referenceYear - SPARKLINE_YEARS + 1; y <= referenceYear; y++) if (y >= years[0]!) series.push({ year: y, total_usd: totalIn(x.p, y) });
    return {
      partner: x.p,
      name: registry.displayName(x.p),
      ...(entity?.isoNumeric ? { iso_numeric: entity.isoNumeric } : {}),
      kind: entity?.kind ?? "country",
      rank: i + 1,
      ...(rankStart !== undefined ? { rank_start: rankStart, rank_change: rankStart - (i + 1) } : {}),
      exports_usd: e.exports,
      imports_usd: e.imports,
      total_usd: x.total,
      balance_usd: e.exports !== null && e.imports !== null ? e.exports - e.imports : null,
      share: x.total / total,
      ...(start !== null && start > 0 ? { start_total_usd: start, growth_cagr: (x.total / start) ** (1 / growthYears) - 1 } : {}),
      series,
      estimated: e.estimated,
    };
  });

  return {
    a: entityA.entity,
    a_name: registry.displayName(entityA.entity),
    unit: "USD",
    side,
    reference_year: referenceYear,
    growth_window: { from_year: startYear, to_year: referenceYear, years: growthYears },
    years,
    total_usd: total,
    partners,
    measure:
      side === "reporter"
        ? `total trade (exports FOB + imports CIF) as ${registry.displayName(entityA.entity)} reports it, USD`
        : `total trade as each partner reports its trade with ${registry.displayName(entityA.entity)} (mirror figures: ${registry.displayName(entityA.entity)} reports none), USD`,
    formula: "share = partner total / Σ partner totals in the reference year; growth = (total_ref / total_start)^(1/years) − 1; rank change = rank at the window's start − rank now",
    sources: [...sourceIds.values()].sort((x, y) => x.file.localeCompare(y.file)),
  };
}

function defaultReferenceYear(years: number[], partners: Set<EntityCode>, totalIn: (p: EntityCode, y: number) => number | null): number {
  const covered = years.map((y) => ({ y, n: [...partners].filter((p) => (totalIn(p, y) ?? 0) > 0).length }));
  const most = Math.max(...covered.map((c) => c.n));
  const well = covered.filter((c) => c.n >= most * REFERENCE_YEAR_COVERAGE);
  return well[well.length - 1]!.y;
}
