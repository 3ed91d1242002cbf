/**
 * The query half of the ClickHouse store. Every query names the visible, current source keys of
 * the reader's snapshot (so partitions of other sources are pruned and a half-loaded file is never
 * read), filters on integer entity ids, and returns rows in the DuckDB store's order: ClickHouse
 * holds ids, so the order by code is applied here, after mapping ids back to codes, with the
 * source's load order and line as the final tie-break.
 * @module
 */
import * as reported from "../reportedRows.js";
import type * as Q from "../TradeStore.js";
import type { ClickHouseTradeStore } from "./ClickHouseTradeStore.js";
import type { Snapshot } from "./snapshot.js";
import type { Row } from "./connection.js";
import { ident, int, list, sql, str, where, type SqlFragment } from "./sql.js";

type Key = (string | number)[];

/** Orders like SQL ORDER BY over the key tuples (numbers numerically, strings by code unit; NULLS FIRST as -Infinity). */
function sortBy<T>(items: T[], key: (item: T) => Key): T[] {
  const keyed = items.map((item) => ({ item, k: key(item) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.k.length; i++) {
      const x = a.k[i]!;
      const y = b.k[i]!;
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return 0;
  });
  return keyed.map((e) => e.item);
}

/** Sorts after every string, as SQL NULLS LAST. */
const NULLS_LAST = "\u{10FFFF}";

const hs6Text = (n: unknown) => String(n).padStart(6, "0");

export class ClickHouseReads {
  constructor(private readonly store: ClickHouseTradeStore) {}

  /** Current source keys (optionally of some datasets); undefined when none: the answer is empty. */
  private scope(snap: Snapshot, datasets?: readonly string[]): SqlFragment | undefined {
    const keys = snap.current.filter((k) => !datasets || datasets.includes(snap.byKey.get(k)!.dataset));
    return keys.length ? sql`source_key IN ${list(keys.map((k) => int(k)))}` : undefined;
  }

  /** Conditions for a filter; undefined when it can match nothing (no visible source, no known entity, an empty list). */
  private conditions(snap: Snapshot, f: reported.RowFilter): SqlFragment[] | undefined {
    const scope = this.scope(snap, f.datasets);
    if (!scope) return undefined;
    const out = [scope];
    for (const [column, codes] of f.entities) {
      if (!codes) continue;
      const ids = codes.map((c) => snap.entityId.get(c)).filter((n): n is number => n !== undefined);
      if (ids.length === 0) return undefined;
      out.push(sql`${columnName(column)} IN ${list(ids.map((n) => int(n, 16)))}`);
    }
    for (const [column, values] of f.values ?? []) {
      if (!values) continue;
      if (values.length === 0) return undefined;
      out.push(sql`${columnName(column)} IN ${list(values.map(str))}`);
    }
    if (f.years?.from !== undefined) out.push(sql`year >= ${int(f.years.from)}`);
    if (f.years?.to !== undefined) out.push(sql`year <= ${int(f.years.to)}`);
    return out;
  }

  private code(snap: Snapshot, id: unknown): string {
    const code = snap.entityCode.get(Number(id));
    if (code === undefined) throw new Error(`entity id ${String(id)} has no code in ${this.store.location}`);
    return code;
  }

  /**
   * The rows of `table` the filter selects among the snapshot's current loads, mapped with their
   * provenance and put in the DuckDB store's order by `order` (the load's key breaks the last ties).
   */
  private async reported<T>(
    table: string,
    columns: SqlFragment,
    f: reported.RowFilter,
    toRow: (r: Row, p: reported.LoadProvenance, entity: reported.EntityOf) => T,
    order: (row: T, key: number, line: number) => Key,
  ): Promise<T[]> {
    const snap = await this.store.snapshot();
    const c = this.conditions(snap, f);
    if (!c) return [];
    const rows = await this.rows(sql`SELECT source_key, line, ${columns} FROM ${this.store.table(table)} ${where(c)}`);
    const entity = (id: unknown) => this.code(snap, id);
    const out = rows.map((r) => {
      const key = Number(r.source_key);
      return { key, line: Number(r.line), row: toRow(r, snap.byKey.get(key)!, entity) };
    });
    return sortBy(out, (e) => order(e.row, e.key, e.line)).map((e) => e.row);
  }

  private rows(statement: SqlFragment): Promise<Row[]> {
    return this.store.home.rows(statement);
  }

  tradeRows(q: Q.TradeQuery): Promise<Q.StoredTradeRow[]> {
    return this.reported(
      "trade_reported",
      sql`cell, year, reporter, partner, partner_kind, flow, product_code, classification, value_usd, valuation, estimated`,
      reported.tradeFilter(q),
      reported.tradeRowFrom,
      (r, key) => [r.year, r.reporter, r.partner, r.flow, r.dataset, key, r.line, r.cell ?? NULLS_LAST],
    );
  }

  tradeTotals(q: Q.TradeTotalsQuery): Promise<Q.TradeTotalRow[]> {
    return this.reported(
      "trade_reported",
      sql`year, reporter, partner, partner_kind, flow, value_usd, estimated`,
      reported.tradeFilter(q),
      reported.tradeTotalFrom,
      (r, key, line) => [r.year, r.reporter, r.partner, r.flow, key, line],
    );
  }

  seriesRows(q: Q.SeriesQuery): Promise<Q.StoredSeriesRow[]> {
    return this.reported(
      "bilateral_series",
      sql`cell, period, year, month, from_entity, to_entity, metric, breakdown, value, unit, published_point, approximate, publisher, source_url, published, note`,
      reported.seriesFilter(q),
      reported.seriesRowFrom,
      (r, key) => [r.year, r.month ?? -Infinity, r.period, r.metric, r.breakdown, r.dataset, key, r.line, r.cell ?? NULLS_LAST],
    );
  }

  priceRows(series: string, frequency?: "annual" | "monthly"): Promise<Q.StoredPriceRow[]> {
    return this.reported(
      "price_series",
      sql`series, date, year, month, frequency, value, unit`,
      reported.priceFilter(series, frequency),
      reported.priceRowFrom,
      (r, key) => [r.date, key, r.line],
    );
  }

  productPoints(q: { reporters?: string[]; partners?: string[] }): Promise<Q.StoredProductPoint[]> {
    return this.reported(
      "published_products",
      sql`period, year, reporter, partner, flow, classification, code, product, value_usd, share, publisher, source_url, published, note`,
      reported.productPointFilter(q),
      reported.productPointFrom,
      (r, key) => [r.year, r.flow, r.code, key, r.line],
    );
  }

  private sourceIds(snap: Snapshot, keys: unknown): string[] {
    return (keys as (number | string)[]).map((k) => snap.byKey.get(Number(k))!.sourceId).sort();
  }

  private flowConditions(snap: Snapshot, q: Q.ReconciledFlowQuery): SqlFragment[] | undefined {
    return this.conditions(snap, { entities: [["exporter", q.exporters], ["importer", q.importers]], years: { from: q.fromYear, to: q.toYear } });
  }

  async reconciledTotals(q: Q.ReconciledFlowQuery): Promise<Q.ReconciledTotalRow[]> {
    const snap = await this.store.snapshot();
    const c = this.flowConditions(snap, q);
    if (!c) return [];
    const rows = await this.rows(
      sql`SELECT year, exporter, importer, sum(value_usd) AS value_usd, toUInt32(sum(products)) AS products,
                 sum(value_sq_usd) AS value_sq_usd, sum(intra_usd) AS intra_usd, groupUniqArray(source_key) AS keys
          FROM ${this.store.table("baci_pair_year")} ${where(c)} GROUP BY year, exporter, importer`,
    );
    const out = rows.map((r) => ({
      year: Number(r.year),
      exporter: this.code(snap, r.exporter),
      importer: this.code(snap, r.importer),
      valueUsd: Number(r.value_usd),
      products: Number(r.products),
      sourceIds: this.sourceIds(snap, r.keys),
      valueSqUsd: Number(r.value_sq_usd),
      intraUsd: Number(r.intra_usd),
    }));
    return sortBy(out, (r) => [r.year, r.exporter, r.importer]);
  }

  async reconciledProducts(q: Q.ReconciledFlowQuery): Promise<Q.ReconciledProductRow[]> {
    const snap = await this.store.snapshot();
    const c = this.flowConditions(snap, q);
    if (!c) return [];
    const rows = await this.rows(
      sql`SELECT year, exporter, importer, hs6, value_usd, quantity_tonnes FROM ${this.store.table("baci_flows")} ${where(c)}`,
    );
    const out = rows.map((r) => ({
      year: Number(r.year),
      exporter: this.code(snap, r.exporter),
      importer: this.code(snap, r.importer),
      hs6: hs6Text(r.hs6),
      valueUsd: Number(r.value_usd),
      quantityTonnes: r.quantity_tonnes === null ? null : Number(r.quantity_tonnes),
    }));
    return sortBy(out, (r) => [r.year, r.exporter, r.importer, r.hs6]);
  }

  async reconciledChapterTotals(q: Q.ReconciledFlowQuery): Promise<Q.ReconciledChapterRow[]> {
    const snap = await this.store.snapshot();
    const c = this.flowConditions(snap, q);
    if (!c) return [];
    const rows = await this.rows(
      sql`SELECT year, exporter, importer, chapter, sum(value_usd) AS value_usd, toUInt32(sum(products)) AS products,
                 sum(value_sq_usd) AS value_sq_usd, sum(intra_usd) AS intra_usd, groupUniqArray(source_key) AS keys
          FROM ${this.store.table("baci_pair_chapter_year")} ${where(c)} GROUP BY year, exporter, importer, chapter`,
    );
    const out = rows.map((r) => ({
      year: Number(r.year),
      exporter: this.code(snap, r.exporter),
      importer: this.code(snap, r.importer),
      chapter: String(r.chapter).padStart(2, "0"),
      valueUsd: Number(r.value_usd),
      products: Number(r.products),
      valueSqUsd: Number(r.value_sq_usd),
      intraUsd: Number(r.intra_usd),
      sourceIds: this.sourceIds(snap, r.keys),
    }));
    return sortBy(out, (r) => [r.year, r.exporter, r.importer, r.chapter]);
  }

  async reconciledWorldTotals(q: Q.ReconciledWorldQuery): Promise<Q.ReconciledWorldTotalRow[]> {
    const snap = await this.store.snapshot();
    const years = { from: q.fromYear, to: q.toYear };
    const world = this.conditions(snap, { entities: [], years });
    if (!world) return [];
    const ex = this.conditions(snap, { entities: [["exporter", q.entities]], years });
    const im = this.conditions(snap, { entities: [["importer", q.entities]], years });
    const table = (name: string) => this.store.table(name);
    const [exports, imports, totals] = await Promise.all([
      ex ? this.rows(sql`SELECT year, exporter AS entity, sum(value_usd) AS v FROM ${table("baci_exporter_year")} ${where(ex)} GROUP BY year, entity`) : [],
      im ? this.rows(sql`SELECT year, importer AS entity, sum(value_usd) AS v FROM ${table("baci_importer_year")} ${where(im)} GROUP BY year, entity`) : [],
      this.rows(sql`SELECT year, sum(value_usd) AS v FROM ${table("baci_exporter_year")} ${where(world)} GROUP BY year`),
    ]);
    const byKey = new Map<string, Q.ReconciledWorldTotalRow>();
    const entry = (year: number, entity: string) => {
      const k = `${year}|${entity}`;
      let e = byKey.get(k);
      if (!e) byKey.set(k, (e = { year, entity, exportsUsd: 0, importsUsd: 0 }));
      return e;
    };
    for (const r of exports) entry(Number(r.year), this.code(snap, r.entity)).exportsUsd = Number(r.v);
    for (const r of imports) entry(Number(r.year), this.code(snap, r.entity)).importsUsd = Number(r.v);
    const out = [...byKey.values()];
    for (const r of totals) out.push({ year: Number(r.year), entity: "WLD", exportsUsd: Number(r.v), importsUsd: Number(r.v) });
    return sortBy(out, (r) => [r.year, r.entity]);
  }

  async reconciledChapterWorld(q: Q.ReconciledChapterWorldQuery): Promise<Q.ReconciledChapterWorldRow[]> {
    const snap = await this.store.snapshot();
    const [table, column] = q.side === "exports" ? ["baci_exporter_chapter_year", "exporter"] : ["baci_importer_chapter_year", "importer"];
    const c = this.conditions(snap, { entities: [[column, q.entities]], years: { from: q.fromYear, to: q.toYear } });
    if (!c) return [];
    const from = this.store.table(table);
    const rows = q.entities
      ? await this.rows(sql`SELECT year, ${columnName(column)} AS entity, chapter, sum(value_usd) AS value_usd FROM ${from} ${where(c)} GROUP BY year, entity, chapter`)
      : await this.rows(sql`SELECT year, chapter, sum(value_usd) AS value_usd FROM ${from} ${where(c)} GROUP BY year, chapter`);
    const out = rows.map((r) => ({
      year: Number(r.year),
      entity: q.entities ? this.code(snap, r.entity) : "WLD",
      chapter: String(r.chapter).padStart(2, "0"),
      valueUsd: Number(r.value_usd),
    }));
    return sortBy(out, (r) => [r.year, r.entity, r.chapter]);
  }

  async reconciledProductExports(q: Q.ReconciledProductExportQuery): Promise<Q.ReconciledProductExportRow[]> {
    const snap = await this.store.snapshot();
    const c = this.conditions(snap, { entities: [["exporter", q.exporters]], years: { from: q.fromYear, to: q.toYear } });
    if (!c) return [];
    if (q.products) {
      const codes = q.products.filter((k) => /^\d{6}$/.test(k)).map((k) => int(Number(k), 32));
      if (codes.length === 0) return [];
      c.push(sql`hs6 IN ${list(codes)}`);
    }
    const table = this.store.table("baci_exporter_hs6_year");
    const rows = q.exporters
      ? await this.rows(sql`SELECT year, exporter, hs6, sum(value_usd) AS value_usd FROM ${table} ${where(c)} GROUP BY year, exporter, hs6`)
      : await this.rows(sql`SELECT year, hs6, sum(value_usd) AS value_usd FROM ${table} ${where(c)} GROUP BY year, hs6`);
    const out = rows.map((r) => ({
      year: Number(r.year),
      exporter: q.exporters ? this.code(snap, r.exporter) : "WLD",
      hs6: hs6Text(r.hs6),
      valueUsd: Number(r.value_usd),
    }));
    return sortBy(out, (r) => [r.year, r.exporter, r.hs6]);
  }
}

/** Column names used in filters are constants of this module. */
const COLUMNS = new Set(["reporter", "partner", "from_entity", "to_entity", "exporter", "importer", "flow", "product_code", "metric", "series", "frequency"]);
function columnName(name: string): SqlFragment {
  if (!COLUMNS.has(name)) throw new TypeError(`unexpected filter column ${name}`);
  return ident(name);
}
