/**
 * "What is the trade between A and B, year by year": A's own reports, B's mirror reports and,
 * when loaded, reconciled (BACI) flows — side by side, never mixed, each figure with its source.
 *
 * Precedence when several rows could give one figure (documented in README, "Source precedence"):
 *   1. the entity valid in that year (Russian Federation from 1992, USSR to 1991) — a predecessor
 *      is used only for years its successor does not cover, and is labelled (`entity_b`); a
 *      figure booked under a successor for a year before it began names the state the successor
 *      continues (IMF DOTS "Germany" before 1991 is West Germany; the GDR is another country);
 *   2. a reported value over an estimate (IMF DOTS " e" cells are built from partner data);
 *   3. dataset rank: UN Comtrade (national customs declarations) before IMF DOTS;
 *   4. the latest vintage of a dataset (older vintages are already filtered out by the store).
 * The other candidates are listed under `alternatives`; nothing is summed across sources.
 *
 * Mirror fallback: when A has no reports of its own with B in the whole range but B reports the
 * pair, `exports`/`imports` are B's figures (B's imports from A as A's exports, B's exports to A as
 * A's imports) for every year, `basis` is "mirror" and each of those figures' sources says so. The
 * two sides are still never mixed: a series is either all A's reports or all B's.
 * @module
 */
import { UsageError } from "../errors.js";
import type { EntityCode, TradeFlow } from "../model.js";
import { CountryRegistry, type CountryEntity } from "../reference/countries.js";
import type { StoredTradeRow, TradeStore } from "../store/TradeStore.js";

export const DATASET_RANK: Record<string, number> = { "un-comtrade": 0, "imf-dots": 1 };

/** Steps 2–3 of the precedence rule: a reported value before an estimate, then the dataset rank. Lower wins. */
export function sourceRank(r: Pick<StoredTradeRow, "estimated" | "dataset">): number {
  return (r.estimated ? 10 : 0) + (DATASET_RANK[r.dataset] ?? 9);
}

/** One row per key under {@link sourceRank}: the same flow loaded from two datasets is never added up. */
export function bestRowPerKey<R extends Pick<StoredTradeRow, "estimated" | "dataset">>(rows: readonly R[], keyOf: (r: R) => string): R[] {
  const best = new Map<string, R>();
  for (const r of rows) {
    const key = keyOf(r);
    const cur = best.get(key);
    if (!cur || sourceRank(r) < sourceRank(cur)) best.set(key, r);
  }
  return [...best.values()];
}

export interface FigureSource {
  figure: "exports" | "imports" | "mirror.exports" | "mirror.imports" | "reconciled.exports" | "reconciled.imports";
  dataset: string;
  vintage: string;
  file: string;
  source_id: string;
  reported_by: string;
  reporter: EntityCode;
  partner: EntityCode;
  flow: TradeFlow;
  valuation: string;
  estimated: boolean;
  location: string;
  alternatives: Array<{ dataset: string; vintage: string; value_usd: number; estimated: boolean; reporter: EntityCode; partner: EntityCode }>;
  /** "mirror" when an `exports`/`imports` figure is B's report standing in for A's (mirror fallback). */
  basis?: "mirror";
}

export interface PairYear {
  year: number;
  /** A's reported exports to B (FOB), USD. */
  exports: number | null;
  /** A's reported imports from B (CIF), USD. */
  imports: number | null;
  total: number | null;
  balance: number | null;
  /** B's reports: `exports` = B's imports from A (CIF), `imports` = B's exports to A (FOB). */
  mirror: { exports: number | null; imports: number | null };
  /** Reconciled exporter→importer flows (CEPII BACI), when loaded. */
  reconciled?: { exports: number | null; imports: number | null };
  estimated: { exports: boolean; imports: boolean; mirror_exports: boolean; mirror_imports: boolean };
  entity_a: string;
  entity_b: string;
  entity_a_code: EntityCode;
  entity_b_code: EntityCode;
  sources: FigureSource[];
}

export interface PairSeries {
  a: EntityCode;
  b: EntityCode;
  a_name: string;
  b_name: string;
  unit: "USD";
  /** "own": `exports`/`imports` are A's reports; "mirror": A has none in the range, they are B's (see the module comment). */
  basis: "own" | "mirror";
  /** Entities whose years are included under the successor's name (USSR for Russia). */
  predecessors_b: EntityCode[];
  predecessors_a: EntityCode[];
  years: PairYear[];
  precedence: string;
  /**
   * Rows left out because they are dated after a side's own entity ceased to exist (Korea's
   * "Yugoslavia" line in 2016 for Serbia and Montenegro, which ended in 2006): a reporter's
   * residual line, not the trade of that state. Empty when none.
   */
  after_end: AfterEndRows[];
}

export interface AfterEndRows {
  entity: EntityCode;
  entity_name: string;
  /** The entity's last year. */
  ended: number;
  rows: number;
  from_year: number;
  to_year: number;
}

export const PRECEDENCE_RULE =
  "entity valid in the year (predecessors only where the successor has no data) > reported over estimated > UN Comtrade over IMF DOTS > latest vintage; alternatives listed, never summed";

export interface PairOptions {
  from?: number;
  to?: number;
}

export function checkYearRange(options: PairOptions): void {
  for (const [name, y] of [["--from", options.from], ["--to", options.to]] as const) {
    if (y !== undefined && (!Number.isInteger(y) || y < 1900 || y > 2100)) throw new UsageError(`${name} must be a year between 1900 and 2100, got ${y}`, { field: name });
  }
  if (options.from !== undefined && options.to !== undefined && options.from > options.to) {
    throw new UsageError(`--from ${options.from} is after --to ${options.to}; swap them`, { field: "--from" });
  }
}

function validIn(entity: CountryEntity, year: number): boolean {
  return (entity.validFrom ?? -Infinity) <= year && year <= (entity.validTo ?? Infinity);
}

/** Picks one row per figure under the precedence rule; returns it with the rejected candidates. */
export function pickByPrecedence(rows: StoredTradeRow[], preferredEntities: { reporter: EntityCode; partner: EntityCode }, year: number, registry: CountryRegistry): { chosen?: StoredTradeRow; others: StoredTradeRow[] } {
  const score = (r: StoredTradeRow): number[] => {
    const rep = registry.get(r.reporter);
    const par = registry.get(r.partner);
    const entityFit =
      (r.reporter === preferredEntities.reporter ? 0 : rep && validIn(rep, year) ? 1 : 2) +
      (r.partner === preferredEntities.partner ? 0 : par && validIn(par, year) ? 1 : 2);
    return [entityFit, sourceRank(r), r.line];
  };
  const sorted = [...rows].sort((x, y) => {
    const a = score(x);
    const b = score(y);
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return 0;
  });
  return { chosen: sorted[0], others: sorted.slice(1) };
}

/**
 * The two sides of a pair as codes (a user's "Korea" or "KOR") and each side's series: its entity
 * first, then the predecessors whose years it continues (Russia, then the USSR). Known before any
 * read, so a caller can start the sides' reads beside the pair's own.
 */
export function pairEntities(a: string, b: string): { entityA: CountryEntity; entityB: CountryEntity; setA: EntityCode[]; setB: EntityCode[] } {
  const registry = CountryRegistry.load();
  const entityA = registry.lookup(a);
  const entityB = registry.lookup(b);
  if (entityA.entity === entityB.entity) throw new UsageError(`a pair needs two different countries; got ${entityA.entity} twice`);
  const setA = [entityA.entity, ...registry.seriesPredecessors(entityA.entity).map((e) => e.entity)];
  const setB = [entityB.entity, ...registry.seriesPredecessors(entityB.entity).map((e) => e.entity)];
  return { entityA, entityB, setA, setB };
}

export async function pairSeries(store: TradeStore, a: EntityCode, b: EntityCode, options: PairOptions = {}): Promise<PairSeries> {
  checkYearRange(options);
  const registry = CountryRegistry.load();
  const { entityA, entityB, setA, setB } = pairEntities(a, b);
  const range = { fromYear: options.from, toYear: options.to };
  const [ownRead, mirrorRead, recAB, recBA] = await Promise.all([
    store.tradeRows({ reporters: setA, partners: setB, flows: ["export", "import"], ...range }),
    store.tradeRows({ reporters: setB, partners: setA, flows: ["export", "import"], ...range }),
    store.reconciledTotals({ exporters: setA, importers: setB, ...range }),
    store.reconciledTotals({ exporters: setB, importers: setA, ...range }),
  ]);
  const afterEnd = rowsAfterEnd([entityA, entityB], [...ownRead, ...mirrorRead]);
  const inLife = (r: StoredTradeRow) => !afterEnd.some((e) => r.year > e.ended);
  const own = afterEnd.length ? ownRead.filter(inLife) : ownRead;
  const mirror = afterEnd.length ? mirrorRead.filter(inLife) : mirrorRead;
  const years = new Set<number>([...own, ...mirror].map((r) => r.year));
  for (const r of [...recAB, ...recBA]) years.add(r.year);
  const hasReconciled = recAB.length + recBA.length > 0;
  // BACI rollup rows carry source ids only; the file names and vintages come from the source list.
  const baciFiles = new Map(hasReconciled ? (await store.listSources()).map((s) => [s.sourceId, s] as const) : []);

  const out: PairYear[] = [];
  for (const year of [...years].sort((x, y) => x - y)) {
    const sources: FigureSource[] = [];
    const figure = (rows: StoredTradeRow[], flow: TradeFlow, reporterPref: EntityCode, partnerPref: EntityCode, name: FigureSource["figure"]) => {
      const candidates = rows.filter((r) => r.year === year && r.flow === flow);
      const { chosen, others } = pickByPrecedence(candidates, { reporter: reporterPref, partner: partnerPref }, year, registry);
      if (!chosen) return undefined;
      sources.push({
        figure: name,
        dataset: chosen.dataset,
        vintage: chosen.vintage,
        file: chosen.fileName,
        source_id: chosen.sourceId,
        reported_by: chosen.reporter,
        reporter: chosen.reporter,
        partner: chosen.partner,
        flow: chosen.flow,
        valuation: chosen.valuation,
        estimated: chosen.estimated,
        location: chosen.cell ?? `line ${chosen.line}`,
        alternatives: others.map((o) => ({ dataset: o.dataset, vintage: o.vintage, value_usd: o.valueUsd, estimated: o.estimated, reporter: o.reporter, partner: o.partner })),
      });
      return chosen;
    };
    const ex = figure(own, "export", entityA.entity, entityB.entity, "exports");
    const im = figure(own, "import", entityA.entity, entityB.entity, "imports");
    const mex = figure(mirror, "import", entityB.entity, entityA.entity, "mirror.exports");
    const mim = figure(mirror, "export", entityB.entity, entityA.entity, "mirror.imports");
    const exports = ex?.valueUsd ?? null;
    const imports = im?.valueUsd ?? null;
    // A figure booked under a successor before it began describes the state it continues (DOTS "Germany" in 1985: West Germany).
    const bCode = registry.entityIn(ex?.partner ?? im?.partner ?? mex?.reporter ?? mim?.reporter ?? entityB.entity, year);
    const aCode = registry.entityIn(ex?.reporter ?? im?.reporter ?? mex?.partner ?? mim?.partner ?? entityA.entity, year);
    const row: PairYear = {
      year,
      exports,
      imports,
      total: exports !== null && imports !== null ? exports + imports : null,
      balance: exports !== null && imports !== null ? exports - imports : null,
      mirror: { exports: mex?.valueUsd ?? null, imports: mim?.valueUsd ?? null },
      estimated: { exports: ex?.estimated ?? false, imports: im?.estimated ?? false, mirror_exports: mex?.estimated ?? false, mirror_imports: mim?.estimated ?? false },
      entity_a: registry.displayName(aCode),
      entity_b: registry.displayName(bCode),
      entity_a_code: aCode,
      entity_b_code: bCode,
      sources,
    };
    if (hasReconciled) {
      const inYear = (rows: typeof recAB) => rows.filter((r) => r.year === year);
      const sum = (rows: typeof recAB) => (rows.length ? rows.reduce((s, r) => s + r.valueUsd, 0) : null);
      row.reconciled = { exports: sum(inYear(recAB)), imports: sum(inYear(recBA)) };
      for (const [name, rows] of [["reconciled.exports", inYear(recAB)], ["reconciled.imports", inYear(recBA)]] as const) {
        for (const r of rows) {
          for (const id of r.sourceIds) {
            const file = baciFiles.get(id);
            sources.push({
              figure: name,
              dataset: file?.dataset ?? "cepii-baci",
              vintage: file?.vintage ?? "",
              file: file?.fileName ?? "",
              source_id: id,
              reported_by: "reconciled",
              reporter: r.exporter,
              partner: r.importer,
              flow: "export",
              valuation: "fob",
              estimated: false,
              location: `${r.products} HS6 rows`,
              alternatives: [],
            });
          }
        }
      }
    }
    out.push(row);
  }
  const basis = out.some((y) => y.exports !== null || y.imports !== null) || !out.some((y) => y.mirror.exports !== null || y.mirror.imports !== null) ? "own" : "mirror";
  if (basis === "mirror") out.forEach(useMirrorFigures);
  return {
    a: entityA.entity,
    b: entityB.entity,
    a_name: registry.displayName(entityA.entity),
    b_name: registry.displayName(entityB.entity),
    unit: "USD",
    basis,
    predecessors_a: setA.slice(1),
    predecessors_b: setB.slice(1),
    years: out,
    precedence: PRECEDENCE_RULE,
    after_end: afterEnd,
  };
}

/** For each side whose entity has ended, the rows dated after its last year, if any. */
function rowsAfterEnd(entities: CountryEntity[], rows: readonly StoredTradeRow[]): AfterEndRows[] {
  const registry = CountryRegistry.load();
  const out: AfterEndRows[] = [];
  for (const e of entities) {
    if (e.validTo === undefined) continue;
    const late = rows.filter((r) => r.year > e.validTo!).map((r) => r.year);
    if (late.length) out.push({ entity: e.entity, entity_name: registry.displayName(e.entity), ended: e.validTo, rows: late.length, from_year: Math.min(...late), to_year: Math.max(...late) });
  }
  return out;
}

/** Mirror fallback for one year: B's reports stand in for A's own, with sources marked as B's. */
function useMirrorFigures(y: PairYear): void {
  y.exports = y.mirror.exports;
  y.imports = y.mirror.imports;
  y.total = y.exports !== null && y.imports !== null ? y.exports + y.imports : null;
  y.balance = y.exports !== null && y.imports !== null ? y.exports - y.imports : null;
  y.estimated = { ...y.estimated, exports: y.estimated.mirror_exports, imports: y.estimated.mirror_imports };
  const standIns = y.sources
    .filter((s) => s.figure === "mirror.exports" || s.figure === "mirror.imports")
    .map((s) => ({ ...s, figure: s.figure === "mirror.exports" ? ("exports" as const) : ("imports" as const), basis: "mirror" as const }));
  y.sources.push(...standIns);
}
