/**
 * All-product trade totals as columns: the rows {@link TradeStore.tradeTotals} returns, in its
 * order, one typed array per field and each text (entity code, kind, flow, load) as an index into
 * a short list. A profile reads each side's trade with every partner (~31,000 rows for Korea and
 * Russia on the world DOTS store) and keeps a few hundred of them: building an object per row was
 * two thirds of a profile's main-thread time (mapping, garbage collection, the side summary's
 * maps). Rows are built here only for the ones a caller keeps ({@link totalRowAt}).
 *
 * Shared by both backends: DuckDB fills the arrays from its result vectors, ClickHouse from its rows.
 * @module
 */
import { TRADE_FLOWS, type EntityCode } from "../model.js";
import { ENTITY_KINDS } from "../reference/countries.js";
import type { LoadProvenance, TradeTotalRow, TradeTotalsQuery } from "./TradeStore.js";

/** Flows in text order: an engine that sorts by a flow's index sorts as by its text. */
export const SORTED_TRADE_FLOWS = [...TRADE_FLOWS].sort();

/** Read-only by contract (typed arrays cannot be frozen): a store may give every caller the same columns. */
export interface TradeTotalColumns {
  readonly rowCount: number;
  /** The codes `reporter` and `partner` index. */
  readonly entities: readonly EntityCode[];
  readonly year: Int32Array;
  readonly reporter: Uint16Array;
  readonly partner: Uint16Array;
  /** Index into {@link ENTITY_KINDS}. */
  readonly partnerKind: Uint8Array;
  /** Index into {@link SORTED_TRADE_FLOWS}. */
  readonly flow: Uint8Array;
  readonly valueUsd: Float64Array;
  /** 1 = an estimate. */
  readonly estimated: Uint8Array;
  /** Index into `loads`. */
  readonly load: Int32Array;
  readonly loads: readonly LoadProvenance[];
}

/** Row `i` as the store's row object. */
export function totalRowAt(c: TradeTotalColumns, i: number): TradeTotalRow {
  const p = c.loads[c.load[i]!]!;
  return {
    sourceId: p.sourceId,
    fileName: p.fileName,
    dataset: p.dataset,
    vintage: p.vintage,
    adapter: p.adapter,
    reportedBy: p.reportedBy,
    year: c.year[i]!,
    reporter: c.entities[c.reporter[i]!]!,
    partner: c.entities[c.partner[i]!]!,
    partnerKind: ENTITY_KINDS[c.partnerKind[i]!]!,
    flow: SORTED_TRADE_FLOWS[c.flow[i]!]!,
    valueUsd: c.valueUsd[i]!,
    estimated: c.estimated[i] === 1,
  };
}

/** Every row, in order. */
export function totalRows(c: TradeTotalColumns): TradeTotalRow[] {
  const rows: TradeTotalRow[] = new Array(c.rowCount);
  for (let i = 0; i < c.rowCount; i++) rows[i] = totalRowAt(c, i);
  return rows;
}

/** Columns holding `rows`, in their order (a backend that reads rows; tests). */
export function totalColumnsFrom(rows: readonly TradeTotalRow[]): TradeTotalColumns {
  const n = rows.length;
  const entities: EntityCode[] = [];
  const entityIndex = new Map<EntityCode, number>();
  const indexOf = (code: EntityCode) => {
    let i = entityIndex.get(code);
    if (i === undefined) entityIndex.set(code, (i = entities.push(code) - 1));
    return i;
  };
  const loads: LoadProvenance[] = [];
  const loadIndex = new Map<string, number>();
  const columns = emptyColumns(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    let load = loadIndex.get(r.sourceId);
    if (load === undefined) {
      loadIndex.set(r.sourceId, (load = loads.length));
      loads.push({ sourceId: r.sourceId, fileName: r.fileName, dataset: r.dataset, vintage: r.vintage, adapter: r.adapter, reportedBy: r.reportedBy });
    }
    columns.year[i] = r.year;
    columns.reporter[i] = indexOf(r.reporter);
    columns.partner[i] = indexOf(r.partner);
    columns.partnerKind[i] = kindIndex(r.partnerKind);
    columns.flow[i] = flowIndex(r.flow);
    columns.valueUsd[i] = r.valueUsd;
    columns.estimated[i] = r.estimated ? 1 : 0;
    columns.load[i] = load;
  }
  return { rowCount: n, entities, loads, ...columns };
}

type ValueColumns = Omit<TradeTotalColumns, "rowCount" | "entities" | "loads">;

/** Arrays for `n` rows, to be filled in place. */
export function emptyColumns(n: number): { -readonly [K in keyof ValueColumns]: ValueColumns[K] } {
  return {
    year: new Int32Array(n),
    reporter: new Uint16Array(n),
    partner: new Uint16Array(n),
    partnerKind: new Uint8Array(n),
    flow: new Uint8Array(n),
    valueUsd: new Float64Array(n),
    estimated: new Uint8Array(n),
    load: new Int32Array(n),
  };
}

function kindIndex(kind: string): number {
  const i = (ENTITY_KINDS as readonly string[]).indexOf(kind);
  if (i < 0) throw new Error(`store inconsistency: partner kind "${kind}" is not one of ${ENTITY_KINDS.join(", ")}`);
  return i;
}

function flowIndex(flow: string): number {
  const i = SORTED_TRADE_FLOWS.indexOf(flow as (typeof SORTED_TRADE_FLOWS)[number]);
  if (i < 0) throw new Error(`store inconsistency: flow "${flow}" is not one of ${SORTED_TRADE_FLOWS.join(", ")}`);
  return i;
}

/**
 * The store's filter of a totals query on columns already read: the indexes of the rows it keeps,
 * in order. Totals come ordered by year first, so a year range is a contiguous run.
 */
export function indexesMatching(c: TradeTotalColumns, q: TradeTotalsQuery): Int32Array {
  const first = q.fromYear === undefined ? 0 : firstIndexFrom(c.year, q.fromYear);
  const end = q.toYear === undefined ? c.rowCount : firstIndexFrom(c.year, q.toYear + 1);
  const entityMask = (codes: readonly string[] | undefined) => {
    if (!codes) return undefined;
    const wanted = new Set(codes);
    return Uint8Array.from(c.entities, (e) => (wanted.has(e) ? 1 : 0));
  };
  const reporters = entityMask(q.reporters);
  const partners = entityMask(q.partners);
  const flows = q.flows ? Uint8Array.from(SORTED_TRADE_FLOWS, (f) => ((q.flows as readonly string[]).includes(f) ? 1 : 0)) : undefined;
  const loads = q.datasets ? Uint8Array.from(c.loads, (l) => (q.datasets!.includes(l.dataset) ? 1 : 0)) : undefined;
  const kept = new Int32Array(Math.max(0, end - first));
  let n = 0;
  for (let i = first; i < end; i++) {
    if ((!reporters || reporters[c.reporter[i]!]) && (!partners || partners[c.partner[i]!]) && (!flows || flows[c.flow[i]!]) && (!loads || loads[c.load[i]!])) kept[n++] = i;
  }
  return kept.subarray(0, n);
}

/** The rows of `c` that `q` asks for, in order. */
export function totalRowsMatching(c: TradeTotalColumns, q: TradeTotalsQuery): TradeTotalRow[] {
  const kept = indexesMatching(c, q);
  const rows: TradeTotalRow[] = new Array(kept.length);
  for (let k = 0; k < kept.length; k++) rows[k] = totalRowAt(c, kept[k]!);
  return rows;
}

/** The columns of the rows of `c` that `q` asks for; `c` itself when that is every row. A year range alone is a view, not a copy. */
export function totalColumnsMatching(c: TradeTotalColumns, q: TradeTotalsQuery): TradeTotalColumns {
  const kept = indexesMatching(c, q);
  if (kept.length === c.rowCount) return c;
  const shared = { entities: c.entities, loads: c.loads, rowCount: kept.length };
  const contiguous = kept.length === 0 || kept[kept.length - 1]! - kept[0]! === kept.length - 1;
  if (contiguous) {
    const from = kept[0] ?? 0;
    const to = from + kept.length;
    return {
      ...shared,
      year: c.year.subarray(from, to),
      reporter: c.reporter.subarray(from, to),
      partner: c.partner.subarray(from, to),
      partnerKind: c.partnerKind.subarray(from, to),
      flow: c.flow.subarray(from, to),
      valueUsd: c.valueUsd.subarray(from, to),
      estimated: c.estimated.subarray(from, to),
      load: c.load.subarray(from, to),
    };
  }
  const out = emptyColumns(kept.length);
  for (const key of Object.keys(out) as (keyof ValueColumns)[]) {
    const source = c[key];
    const target = out[key];
    for (let k = 0; k < kept.length; k++) target[k] = source[kept[k]!]!;
  }
  return { ...shared, ...out };
}

/** The first index whose year is at least `year` in years in ascending order. */
function firstIndexFrom(years: Int32Array, year: number): number {
  let lo = 0;
  let hi = years.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (years[mid]! < year) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
