/**
 * The backend-neutral half of the reported-data queries (trade, bilateral series, prices,
 * published product points): what each query filters on, how a stored row becomes the
 * interface's row, and the provenance every row carries. Each backend renders a {@link RowFilter}
 * in its own SQL and reads the columns named here; DuckDB stores entity codes, ClickHouse integer
 * ids, so the mappers take the backend's way back to a code, and the provenance of the row's load.
 * @module
 */
import type { EntityKind } from "../reference/countries.js";
import type { LoadProvenance, Provenance, SeriesQuery, StoredPriceRow, StoredProductPoint, StoredSeriesRow, StoredTradeRow, TradeQuery, TradeTotalRow } from "./TradeStore.js";

/** A stored row as the engine returns it: column name → value. */
export type StoredRow = Record<string, unknown>;

export type { LoadProvenance } from "./TradeStore.js";

/** The entity code a stored entity column stands for (DuckDB: the code itself; ClickHouse: an id). */
export type EntityOf = (stored: unknown) => string;

/**
 * What a query selects, in column names both schemas share. An undefined list means "any"; an
 * empty list matches nothing.
 */
export interface RowFilter {
  /** Columns holding an entity, with the codes asked for. */
  entities: [column: string, codes: readonly string[] | undefined][];
  /** Text columns, with the values asked for. */
  values?: [column: string, values: readonly string[] | undefined][];
  /** Inclusive bounds on the `year` column. */
  years?: { from?: number; to?: number };
  /** Only rows of loads of these datasets. */
  datasets?: readonly string[];
}

export function optText(v: unknown): string | undefined {
  return v === null || v === undefined ? undefined : String(v);
}

/** A stored flag: DuckDB BOOLEAN or ClickHouse UInt8. */
function flag(v: unknown): boolean {
  return Number(v) === 1;
}

function optNumber(v: unknown): number | undefined {
  return v === null || v === undefined ? undefined : Number(v);
}

/** A row's provenance: the shared strings of its load plus its own line and cell. */
function provenanceFrom(p: LoadProvenance, r: StoredRow): Provenance {
  return {
    sourceId: p.sourceId,
    fileName: p.fileName,
    dataset: p.dataset,
    vintage: p.vintage,
    adapter: p.adapter,
    reportedBy: p.reportedBy,
    line: Number(r.line),
    cell: optText(r.cell),
  };
}

/** Reported trade: totals unless product codes are named. */
export function tradeFilter(q: TradeQuery): RowFilter {
  return {
    entities: [["reporter", q.reporters], ["partner", q.partners]],
    values: [["flow", q.flows], ["product_code", q.productCodes ?? ["TOTAL"]]],
    years: { from: q.fromYear, to: q.toYear },
    datasets: q.datasets,
  };
}

export function seriesFilter(q: SeriesQuery): RowFilter {
  return { entities: [["from_entity", q.from], ["to_entity", q.to]], values: [["metric", q.metrics]], years: { from: q.fromYear, to: q.toYear } };
}

export function priceFilter(series: string, frequency?: "annual" | "monthly"): RowFilter {
  return { entities: [], values: [["series", [series]], ["frequency", frequency && [frequency]]] };
}

export function productPointFilter(q: { reporters?: string[]; partners?: string[] }): RowFilter {
  return { entities: [["reporter", q.reporters], ["partner", q.partners]] };
}

export function tradeRowFrom(r: StoredRow, p: LoadProvenance, entity: EntityOf): StoredTradeRow {
  // One object literal with every field in one order: V8 gives all rows one hidden class (a
  // spread of the provenance made each row a slow copy, ~20 µs a row on the world store).
  return {
    sourceId: p.sourceId,
    fileName: p.fileName,
    dataset: p.dataset,
    vintage: p.vintage,
    adapter: p.adapter,
    reportedBy: p.reportedBy,
    line: Number(r.line),
    cell: optText(r.cell),
    year: Number(r.year),
    reporter: entity(r.reporter),
    partner: entity(r.partner),
    partnerKind: String(r.partner_kind),
    flow: r.flow as StoredTradeRow["flow"],
    productCode: String(r.product_code),
    classification: String(r.classification),
    valueUsd: Number(r.value_usd),
    valuation: r.valuation as StoredTradeRow["valuation"],
    estimated: flag(r.estimated),
  };
}

/** The lean row of `tradeTotals`: the load's shared strings, no line or cell (see {@link tradeRowFrom} for why one literal). */
export function tradeTotalFrom(r: StoredRow, p: LoadProvenance, entity: EntityOf): TradeTotalRow {
  return {
    sourceId: p.sourceId,
    fileName: p.fileName,
    dataset: p.dataset,
    vintage: p.vintage,
    adapter: p.adapter,
    reportedBy: p.reportedBy,
    year: Number(r.year),
    reporter: entity(r.reporter),
    partner: entity(r.partner),
    partnerKind: r.partner_kind as EntityKind,
    flow: r.flow as TradeTotalRow["flow"],
    valueUsd: Number(r.value_usd),
    estimated: flag(r.estimated),
  };
}

/** The fields a published figure carries about where it was published. */
function publication(r: StoredRow) {
  return { publisher: optText(r.publisher), sourceUrl: optText(r.source_url), published: optText(r.published), note: optText(r.note) };
}

export function seriesRowFrom(r: StoredRow, p: LoadProvenance, entity: EntityOf): StoredSeriesRow {
  return {
    ...provenanceFrom(p, r),
    period: String(r.period),
    year: Number(r.year),
    month: optNumber(r.month),
    from: entity(r.from_entity),
    to: entity(r.to_entity),
    metric: String(r.metric),
    breakdown: String(r.breakdown),
    value: Number(r.value),
    unit: String(r.unit),
    publishedPoint: flag(r.published_point),
    approximate: flag(r.approximate),
    ...publication(r),
  };
}

export function priceRowFrom(r: StoredRow, p: LoadProvenance): StoredPriceRow {
  return {
    ...provenanceFrom(p, r),
    series: String(r.series),
    date: String(r.date),
    year: Number(r.year),
    month: optNumber(r.month),
    frequency: r.frequency as StoredPriceRow["frequency"],
    value: Number(r.value),
    unit: String(r.unit),
  };
}

export function productPointFrom(r: StoredRow, p: LoadProvenance, entity: EntityOf): StoredProductPoint {
  return {
    ...provenanceFrom(p, r),
    period: String(r.period),
    year: Number(r.year),
    reporter: entity(r.reporter),
    partner: entity(r.partner),
    flow: String(r.flow),
    classification: String(r.classification),
    code: String(r.code),
    product: String(r.product),
    valueUsd: optNumber(r.value_usd),
    share: optNumber(r.share),
    ...publication(r),
  };
}
