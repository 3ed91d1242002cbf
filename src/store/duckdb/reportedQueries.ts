/**
 * Queries over reported data (trade, bilateral series, prices, published product points), each row with its provenance.
 * @module
 */
import type { SeriesQuery, StoredPriceRow, StoredProductPoint, StoredSeriesRow, StoredTradeRow, TradeQuery } from "../TradeStore.js";
import type { Params, StoreDb } from "./connection.js";
import { provenanceOf, sourceCatalog } from "./sources.js";
import { addIn, addRange, optText, provenance, whereSql } from "./sqlParts.js";

export async function tradeRows(db: StoreDb, q: TradeQuery): Promise<StoredTradeRow[]> {
  const where: string[] = [];
  const params: Params = {};
  addIn(where, params, "t.reporter", "rep", q.reporters);
  addIn(where, params, "t.partner", "par", q.partners);
  addIn(where, params, "t.flow", "flow", q.flows);
  addIn(where, params, "t.product_code", "prod", q.productCodes ?? ["TOTAL"]);
  addIn(where, params, "s.dataset", "ds", q.datasets);
  addRange(where, params, "t.year", q.fromYear, q.toYear);
  const catalogP = sourceCatalog(db);
  const rows = await db.read(
    `SELECT t.year::INTEGER AS year, t.reporter, t.partner, t.partner_kind, t.flow, t.product_code, t.classification,
            t.value_usd::DOUBLE AS value_usd, t.valuation, t.estimated, t.line::INTEGER AS line, t.cell, t.source_key
     FROM trade_reported t JOIN sources s ON s.source_key = t.source_key AND s.is_current
     ${whereSql(where)}
     ORDER BY t.year, t.reporter, t.partner, t.flow, s.dataset, s.source_key, t.line, t.cell`,
    params,
  );
  const catalog = await catalogP;
  const out: StoredTradeRow[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const p = provenanceOf(catalog, r.source_key);
    // One object literal with every field in one order: V8 gives all rows one hidden class
    // (a spread of the provenance made each row a slow copy, ~20 µs a row on the world store).
    out[i] = {
      sourceId: p.sourceId,
      fileName: p.fileName,
      dataset: p.dataset,
      vintage: p.vintage,
      adapter: p.adapter,
      reportedBy: p.reportedBy,
      line: Number(r.line),
      cell: optText(r.cell),
      year: Number(r.year),
      reporter: String(r.reporter),
      partner: String(r.partner),
      partnerKind: String(r.partner_kind),
      flow: r.flow as StoredTradeRow["flow"],
      productCode: String(r.product_code),
      classification: String(r.classification),
      valueUsd: Number(r.value_usd),
      valuation: r.valuation as StoredTradeRow["valuation"],
      estimated: Boolean(r.estimated),
    };
  }
  return out;
}

export async function seriesRows(db: StoreDb, q: SeriesQuery): Promise<StoredSeriesRow[]> {
  const where: string[] = [];
  const params: Params = {};
  addIn(where, params, "b.from_entity", "fr", q.from);
  addIn(where, params, "b.to_entity", "to", q.to);
  addIn(where, params, "b.metric", "met", q.metrics);
  addRange(where, params, "b.year", q.fromYear, q.toYear);
  const catalogP = sourceCatalog(db);
  const rows = await db.read(
    `SELECT b.period, b.year::INTEGER AS year, b.month::INTEGER AS month, b.from_entity, b.to_entity, b.metric, b.breakdown,
            b.value::DOUBLE AS value, b.unit, b.published_point, b.approximate, b.publisher, b.source_url, b.published, b.note,
            b.line::INTEGER AS line, b.cell, b.source_key
     FROM bilateral_series b JOIN sources s ON s.source_key = b.source_key AND s.is_current
     ${whereSql(where)}
     ORDER BY b.year, b.month NULLS FIRST, b.period, b.metric, b.breakdown, s.dataset, s.source_key, b.line, b.cell`,
    params,
  );
  const catalog = await catalogP;
  return rows.map((r) => ({
    ...provenance(provenanceOf(catalog, r.source_key), r),
    period: String(r.period),
    year: Number(r.year),
    month: r.month === null ? undefined : Number(r.month),
    from: String(r.from_entity),
    to: String(r.to_entity),
    metric: String(r.metric),
    breakdown: String(r.breakdown),
    value: Number(r.value),
    unit: String(r.unit),
    publishedPoint: Boolean(r.published_point),
    approximate: Boolean(r.approximate),
    publisher: optText(r.publisher),
    sourceUrl: optText(r.source_url),
    published: optText(r.published),
    note: optText(r.note),
  }));
}

export async function priceRows(db: StoreDb, series: string, frequency?: "annual" | "monthly"): Promise<StoredPriceRow[]> {
  const params: Params = { series };
  let filter = "p.series = $series";
  if (frequency) {
    filter += " AND p.frequency = $freq";
    params.freq = frequency;
  }
  const catalogP = sourceCatalog(db);
  const rows = await db.read(
    `SELECT p.series, p.date, p.year::INTEGER AS year, p.month::INTEGER AS month, p.frequency, p.value::DOUBLE AS value, p.unit,
            p.line::INTEGER AS line, p.source_key
     FROM price_series p JOIN sources s ON s.source_key = p.source_key AND s.is_current WHERE ${filter} ORDER BY p.date, s.source_key, p.line`,
    params,
  );
  const catalog = await catalogP;
  return rows.map((r) => ({
    ...provenance(provenanceOf(catalog, r.source_key), r),
    series: String(r.series),
    date: String(r.date),
    year: Number(r.year),
    month: r.month === null ? undefined : Number(r.month),
    frequency: r.frequency as "annual" | "monthly",
    value: Number(r.value),
    unit: String(r.unit),
  }));
}

export async function productPoints(db: StoreDb, q: { reporters?: string[]; partners?: string[] }): Promise<StoredProductPoint[]> {
  const where: string[] = [];
  const params: Params = {};
  addIn(where, params, "p.reporter", "rep", q.reporters);
  addIn(where, params, "p.partner", "par", q.partners);
  const catalogP = sourceCatalog(db);
  const rows = await db.read(
    `SELECT p.period, p.year::INTEGER AS year, p.reporter, p.partner, p.flow, p.classification, p.code, p.product,
            p.value_usd::DOUBLE AS value_usd, p.share::DOUBLE AS share, p.publisher, p.source_url, p.published, p.note,
            p.line::INTEGER AS line, p.source_key
     FROM published_products p JOIN sources s ON s.source_key = p.source_key AND s.is_current
     ${whereSql(where)} ORDER BY p.year, p.flow, p.code, s.source_key, p.line`,
    params,
  );
  const catalog = await catalogP;
  return rows.map((r) => ({
    ...provenance(provenanceOf(catalog, r.source_key), r),
    period: String(r.period),
    year: Number(r.year),
    reporter: String(r.reporter),
    partner: String(r.partner),
    flow: String(r.flow),
    classification: String(r.classification),
    code: String(r.code),
    product: String(r.product),
    valueUsd: r.value_usd === null ? undefined : Number(r.value_usd),
    share: r.share === null ? undefined : Number(r.share),
    publisher: optText(r.publisher),
    sourceUrl: optText(r.source_url),
    published: optText(r.published),
    note: optText(r.note),
  }));
}
