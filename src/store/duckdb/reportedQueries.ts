/**
 * Queries over reported data (trade, bilateral series, prices, published product points), each row with its provenance.
 * What each query selects and how its rows read is in ../reportedRows.ts, shared with the ClickHouse store.
 * @module
 */
import {
  priceFilter,
  priceRowFrom,
  productPointFilter,
  productPointFrom,
  seriesFilter,
  seriesRowFrom,
  tradeFilter,
  tradeRowFrom,
  type RowFilter,
  type LoadProvenance,
  type StoredRow,
} from "../reportedRows.js";
import type { SeriesQuery, StoredPriceRow, StoredProductPoint, StoredSeriesRow, StoredTradeRow, TradeQuery, TradeTotalRow, TradeTotalsQuery } from "../TradeStore.js";
import { SORTED_TRADE_FLOWS, totalColumnsFrom, totalRows, type TradeTotalColumns } from "../tradeTotalColumns.js";
import { ENTITY_KINDS } from "../../reference/countries.js";
import type { Params, StoreDb } from "./connection.js";
import { provenanceOf, sourceCatalog } from "./sources.js";
import { hasRows, type RowTable } from "./occupancy.js";
import { addIn, addRange, whereSql } from "./sqlParts.js";

/** Entity columns hold codes here. */
const code = (v: unknown) => String(v);

/** `WHERE …` for a filter over the table aliased `alias`, joined to its load `s`; binds into `params`. */
function filterSql(f: RowFilter, alias: string, params: Params): string {
  const where: string[] = [];
  for (const [column, values] of [...f.entities, ...(f.values ?? [])]) addIn(where, params, `${alias}.${column}`, column, values);
  addIn(where, params, "s.dataset", "ds", f.datasets);
  addRange(where, params, `${alias}.year`, f.years?.from, f.years?.to);
  return whereSql(where);
}

/** Runs the statement `select` writes around the filter's `WHERE` and maps each row with its provenance. */
async function readCurrent<T>(
  db: StoreDb,
  table: RowTable,
  f: RowFilter,
  alias: string,
  select: (where: string) => string,
  toRow: (r: StoredRow, p: LoadProvenance) => T,
): Promise<T[]> {
  if (!(await hasRows(db, table))) return [];
  const params: Params = {};
  const statement = select(filterSql(f, alias, params));
  const catalogP = sourceCatalog(db);
  const { names, columns, rowCount } = await db.readColumns(statement, params);
  const catalog = await catalogP;
  // One row object, refilled for each row: the mappers copy what they need out of it, so a read
  // of 20,000 rows allocates its 20,000 results and nothing in between.
  const row: StoredRow = {};
  const out: T[] = new Array(rowCount);
  for (let i = 0; i < rowCount; i++) {
    for (let c = 0; c < names.length; c++) row[names[c]!] = columns[c]![i];
    out[i] = toRow(row, provenanceOf(catalog, row.source_key));
  }
  return out;
}

export function tradeRows(db: StoreDb, q: TradeQuery): Promise<StoredTradeRow[]> {
  return readCurrent(
    db,
    "trade_reported",
    tradeFilter(q),
    "t",
    (where) => `SELECT t.year::INTEGER AS year, t.reporter, t.partner, t.partner_kind, t.flow, t.product_code, t.classification,
            t.value_usd::DOUBLE AS value_usd, t.valuation, t.estimated, t.line::INTEGER AS line, t.cell, t.source_key
     FROM trade_reported t JOIN sources s ON s.source_key = t.source_key AND s.is_current
     ${where}
     ORDER BY t.year, t.reporter, t.partner, t.flow, s.dataset, s.source_key, t.line, t.cell`,
    (r, p) => tradeRowFrom(r, p, code),
  );
}

/** A closed set of stored texts as an ENUM in the result: the client decodes each value once, not once per row. */
const enumOf = (values: readonly string[]) => `ENUM(${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(", ")})`;

/**
 * Ordered by integers and codes only (no dataset or cell text in the sort): it is the cost of this
 * read. Entity codes, kinds and flows come back as their enum codes (small integers, the
 * {@link TradeTotalColumns} indexes) and are sorted by them: the codes are in the texts' own
 * order, so the rows' order is the texts'. Every column is a fixed-width number, copied off the
 * result vectors in bulk.
 */
export async function tradeTotalColumns(db: StoreDb, q: TradeTotalsQuery): Promise<TradeTotalColumns> {
  const known = await tradeCodes(db);
  if (!known.length || !(await hasRows(db, "trade_reported"))) return totalColumnsFrom([]);
  const codes = enumOf(known);
  const params: Params = {};
  const where = filterSql(tradeFilter(q), "t", params);
  const catalogP = sourceCatalog(db);
  const read = await db.readTypedColumns(
    `SELECT t.year::INTEGER AS year, enum_code(t.reporter::${codes}) AS reporter, enum_code(t.partner::${codes}) AS partner,
            enum_code(t.partner_kind::${enumOf(ENTITY_KINDS)}) AS partnerKind, enum_code(t.flow::${enumOf(SORTED_TRADE_FLOWS)}) AS flow,
            t.value_usd::DOUBLE AS valueUsd, t.estimated::UTINYINT AS estimated, t.source_key AS load
     FROM trade_reported t JOIN sources s ON s.source_key = t.source_key AND s.is_current
     ${where}
     ORDER BY year, reporter, partner, flow, t.source_key, t.line`,
    params,
    { year: Int32Array, reporter: Uint16Array, partner: Uint16Array, partnerKind: Uint8Array, flow: Uint8Array, valueUsd: Float64Array, estimated: Uint8Array, load: Int32Array },
  );
  // source_key → an index into the loads these rows name (a handful of files for ~20,000 rows).
  const catalog = await catalogP;
  const loads: LoadProvenance[] = [];
  const loadIndex = new Map<number, number>();
  const load = read.load;
  for (let i = 0; i < read.rowCount; i++) {
    const key = load[i]!;
    let index = loadIndex.get(key);
    if (index === undefined) {
      loadIndex.set(key, (index = loads.length));
      loads.push(provenanceOf(catalog, key));
    }
    load[i] = index;
  }
  return { ...read, entities: known, loads };
}

/** {@link tradeTotalColumns} as row objects: the same read, one object per row. */
export async function tradeTotals(db: StoreDb, q: TradeTotalsQuery): Promise<TradeTotalRow[]> {
  return totalRows(await tradeTotalColumns(db, q));
}

export function seriesRows(db: StoreDb, q: SeriesQuery): Promise<StoredSeriesRow[]> {
  return readCurrent(
    db,
    "bilateral_series",
    seriesFilter(q),
    "b",
    (where) => `SELECT b.period, b.year::INTEGER AS year, b.month::INTEGER AS month, b.from_entity, b.to_entity, b.metric, b.breakdown,
            b.value::DOUBLE AS value, b.unit, b.published_point, b.approximate, b.publisher, b.source_url, b.published, b.note,
            b.line::INTEGER AS line, b.cell, b.source_key
     FROM bilateral_series b JOIN sources s ON s.source_key = b.source_key AND s.is_current
     ${where}
     ORDER BY b.year, b.month NULLS FIRST, b.period, b.metric, b.breakdown, s.dataset, s.source_key, b.line, b.cell`,
    (r, p) => seriesRowFrom(r, p, code),
  );
}

export function priceRows(db: StoreDb, series: string, frequency?: "annual" | "monthly"): Promise<StoredPriceRow[]> {
  return readCurrent(
    db,
    "price_series",
    priceFilter(series, frequency),
    "p",
    (where) => `SELECT p.series, p.date, p.year::INTEGER AS year, p.month::INTEGER AS month, p.frequency, p.value::DOUBLE AS value, p.unit,
            p.line::INTEGER AS line, p.source_key
     FROM price_series p JOIN sources s ON s.source_key = p.source_key AND s.is_current ${where} ORDER BY p.date, s.source_key, p.line`,
    priceRowFrom,
  );
}

export function productPoints(db: StoreDb, q: { reporters?: string[]; partners?: string[] }): Promise<StoredProductPoint[]> {
  return readCurrent(
    db,
    "published_products",
    productPointFilter(q),
    "p",
    (where) => `SELECT p.period, p.year::INTEGER AS year, p.reporter, p.partner, p.flow, p.classification, p.code, p.product,
            p.value_usd::DOUBLE AS value_usd, p.share::DOUBLE AS share, p.publisher, p.source_url, p.published, p.note,
            p.line::INTEGER AS line, p.source_key
     FROM published_products p JOIN sources s ON s.source_key = p.source_key AND s.is_current
     ${where} ORDER BY p.year, p.flow, p.code, s.source_key, p.line`,
    (r, p) => productPointFrom(r, p, code),
  );
}

/** Every entity code in the trade table, in the engine's own text order (an enum of them sorts as the texts do). */
function tradeCodes(db: StoreDb): Promise<string[]> {
  return db.cached("trade_codes", async () => (await db.read("SELECT code FROM (SELECT DISTINCT reporter AS code FROM trade_reported UNION SELECT DISTINCT partner FROM trade_reported) ORDER BY code")).map((r) => String(r.code)));
}
