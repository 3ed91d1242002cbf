/**
 * The query half of the ClickHouse store. Every query names the visible, current source keys of
 * the reader's snapshot (so partitions of other sources are pruned and a half-loaded file is never
 * read), filters on integer entity ids, and returns rows in the DuckDB store's order: ClickHouse
 * holds ids, so the order by code is applied here, after mapping ids back to codes, with the
 * source's load order and line as the final tie-break.
 * @module
 */
import type { EntityCode } from "../../model.js";
import type {
  Provenance,
  ReconciledChapterRow,
  ReconciledChapterWorldQuery,
  ReconciledChapterWorldRow,
  ReconciledFlowQuery,
  ReconciledProductExportQuery,
  ReconciledProductExportRow,
  ReconciledProductRow,
  ReconciledTotalRow,
  ReconciledWorldQuery,
  ReconciledWorldTotalRow,
  SeriesQuery,
  StoredPriceRow,
  StoredProductPoint,
  StoredSeriesRow,
  StoredTradeRow,
  TradeQuery,
} from "../TradeStore.js";
import type { ClickHouseTradeStore, Snapshot } from "./ClickHouseTradeStore.js";
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

function optText(v: unknown): string | undefined {
  return v === null || v === undefined ? undefined : String(v);
}

/** Sorts after every string, as SQL NULLS LAST. */
const NULLS_LAST = "\u{10FFFF}";

const hs6Text = (n: unknown) => String(n).padStart(6, "0");

export class ClickHouseReads {
  constructor(private readonly store: ClickHouseTradeStore) {}

  /** Current source keys (optionally of some datasets); undefined when none: the answer is empty. */
  private scope(snap: Snapshot, datasets?: string[]): SqlFragment | undefined {
    const keys = snap.current.filter((k) => !datasets || datasets.includes(snap.byKey.get(k)!.dataset));
    return keys.length ? sql`source_key IN ${list(keys.map((k) => int(k)))}` : undefined;
  }

  /** Conditions for the filters; undefined when a filter can match nothing (no visible source, or no known entity). */
  private conditions(
    snap: Snapshot,
    entities: [string, EntityCode[] | undefined][],
    range: [string, number | undefined, number | undefined] | undefined,
    datasets?: string[],
  ): SqlFragment[] | undefined {
    const scope = this.scope(snap, datasets);
    if (!scope) return undefined;
    const out = [scope];
    for (const [column, codes] of entities) {
      if (!codes) continue;
      const ids = codes.map((c) => snap.entityId.get(c)).filter((n): n is number => n !== undefined);
      if (ids.length === 0) return undefined;
      out.push(sql`${columnName(column)} IN ${list(ids.map((n) => int(n, 16)))}`);
    }
    if (range) {
      const [column, from, to] = range;
      if (from !== undefined) out.push(sql`${columnName(column)} >= ${int(from)}`);
      if (to !== undefined) out.push(sql`${columnName(column)} <= ${int(to)}`);
    }
    return out;
  }

  private code(snap: Snapshot, id: unknown): string {
    const code = snap.entityCode.get(Number(id));
    if (code === undefined) throw new Error(`entity id ${String(id)} has no code in ${this.store.location}`);
    return code;
  }

  private provenance(snap: Snapshot, r: Row): Provenance {
    const s = snap.byKey.get(Number(r.source_key))!;
    return {
      sourceId: s.sourceId,
      fileName: s.fileName,
      dataset: s.dataset,
      vintage: s.vintage,
      adapter: s.adapter,
      reportedBy: s.reportedBy,
      line: Number(r.line),
      cell: optText(r.cell),
    };
  }

  private rows(statement: SqlFragment): Promise<Row[]> {
    return this.store.home.rows(statement);
  }

  async tradeRows(q: TradeQuery): Promise<StoredTradeRow[]> {
    const snap = await this.store.snapshot();
    const c = this.conditions(snap, [["reporter", q.reporters], ["partner", q.partners]], ["year", q.fromYear, q.toYear], q.datasets);
    if (!c) return [];
    if (q.flows) c.push(sql`flow IN ${list(q.flows.map(str))}`);
    c.push(sql`product_code IN ${list((q.productCodes ?? ["TOTAL"]).map(str))}`);
    const rows = await this.rows(
      sql`SELECT source_key, line, cell, year, reporter, partner, partner_kind, flow, product_code, classification, value_usd, valuation, estimated
          FROM ${this.store.table("trade_reported")} ${where(c)}`,
    );
    const out = rows.map((r): StoredTradeRow & { key: number } => ({
      ...this.provenance(snap, r),
      key: Number(r.source_key),
      year: Number(r.year),
      reporter: this.code(snap, r.reporter),
      partner: this.code(snap, r.partner),
      partnerKind: String(r.partner_kind),
      flow: r.flow as StoredTradeRow["flow"],
      productCode: String(r.product_code),
      classification: String(r.classification),
      valueUsd: Number(r.value_usd),
      valuation: r.valuation as StoredTradeRow["valuation"],
      estimated: Number(r.estimated) === 1,
    }));
    return sortBy(out, (r) => [r.year, r.reporter, r.partner, r.flow, r.dataset, r.key, r.line, r.cell ?? NULLS_LAST]).map(({ key: _key, ...r }) => r);
  }

  async seriesRows(q: SeriesQuery): Promise<StoredSeriesRow[]> {
    const snap = await this.store.snapshot();
    const c = this.conditions(snap, [["from_entity", q.from], ["to_entity", q.to]], ["year", q.fromYear, q.toYear]);
    if (!c) return [];
    if (q.metrics) c.push(sql`metric IN ${list(q.metrics.map(str))}`);
    const rows = await this.rows(
      sql`SELECT source_key, line, cell, period, year, month, from_entity, to_entity, metric, breakdown, value, unit, published_point, approximate,
                 publisher, source_url, published, note
          FROM ${this.store.table("bilateral_series")} ${where(c)}`,
    );
    const out = rows.map((r): StoredSeriesRow & { key: number } => ({
      ...this.provenance(snap, r),
      key: Number(r.source_key),
      period: String(r.period),
      year: Number(r.year),
      month: r.month === null ? undefined : Number(r.month),
      from: this.code(snap, r.from_entity),
      to: this.code(snap, r.to_entity),
      metric: String(r.metric),
      breakdown: String(r.breakdown),
      value: Number(r.value),
      unit: String(r.unit),
      publishedPoint: Number(r.published_point) === 1,
      approximate: Number(r.approximate) === 1,
      publisher: optText(r.publisher),
      sourceUrl: optText(r.source_url),
      published: optText(r.published),
      note: optText(r.note),
    }));
    return sortBy(out, (r) => [r.year, r.month ?? -Infinity, r.period, r.metric, r.breakdown, r.dataset, r.key, r.line, r.cell ?? NULLS_LAST]).map(({ key: _key, ...r }) => r);
  }

  async priceRows(series: string, frequency?: "annual" | "monthly"): Promise<StoredPriceRow[]> {
    const snap = await this.store.snapshot();
    const c = this.conditions(snap, [], undefined);
    if (!c) return [];
    c.push(sql`series = ${str(series)}`);
    if (frequency) c.push(sql`frequency = ${str(frequency)}`);
    const rows = await this.rows(
      sql`SELECT source_key, line, series, date, year, month, frequency, value, unit FROM ${this.store.table("price_series")} ${where(c)}`,
    );
    const out = rows.map((r): StoredPriceRow & { key: number } => ({
      ...this.provenance(snap, r),
      key: Number(r.source_key),
      series: String(r.series),
      date: String(r.date),
      year: Number(r.year),
      month: r.month === null ? undefined : Number(r.month),
      frequency: r.frequency as "annual" | "monthly",
      value: Number(r.value),
      unit: String(r.unit),
    }));
    return sortBy(out, (r) => [r.date, r.key, r.line]).map(({ key: _key, ...r }) => r);
  }

  async productPoints(q: { reporters?: string[]; partners?: string[] }): Promise<StoredProductPoint[]> {
    const snap = await this.store.snapshot();
    const c = this.conditions(snap, [["reporter", q.reporters], ["partner", q.partners]], undefined);
    if (!c) return [];
    const rows = await this.rows(
      sql`SELECT source_key, line, period, year, reporter, partner, flow, classification, code, product, value_usd, share, publisher, source_url, published, note
          FROM ${this.store.table("published_products")} ${where(c)}`,
    );
    const out = rows.map((r): StoredProductPoint & { key: number } => ({
      ...this.provenance(snap, r),
      key: Number(r.source_key),
      period: String(r.period),
      year: Number(r.year),
      reporter: this.code(snap, r.reporter),
      partner: this.code(snap, r.partner),
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
    return sortBy(out, (r) => [r.year, r.flow, r.code, r.key, r.line]).map(({ key: _key, ...r }) => r);
  }

  private sourceIds(snap: Snapshot, keys: unknown): string[] {
    return (keys as (number | string)[]).map((k) => snap.byKey.get(Number(k))!.sourceId).sort();
  }

  private flowConditions(snap: Snapshot, q: ReconciledFlowQuery): SqlFragment[] | undefined {
    return this.conditions(snap, [["exporter", q.exporters], ["importer", q.importers]], ["year", q.fromYear, q.toYear]);
  }

  async reconciledTotals(q: ReconciledFlowQuery): Promise<ReconciledTotalRow[]> {
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

  async reconciledProducts(q: ReconciledFlowQuery): Promise<ReconciledProductRow[]> {
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

  async reconciledChapterTotals(q: ReconciledFlowQuery): Promise<ReconciledChapterRow[]> {
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

  async reconciledWorldTotals(q: ReconciledWorldQuery): Promise<ReconciledWorldTotalRow[]> {
    const snap = await this.store.snapshot();
    const range: [string, number | undefined, number | undefined] = ["year", q.fromYear, q.toYear];
    const world = this.conditions(snap, [], range);
    if (!world) return [];
    const ex = this.conditions(snap, [["exporter", q.entities]], range);
    const im = this.conditions(snap, [["importer", q.entities]], range);
    const table = (name: string) => this.store.table(name);
    const [exports, imports, totals] = await Promise.all([
      ex ? this.rows(sql`SELECT year, exporter AS entity, sum(value_usd) AS v FROM ${table("baci_exporter_year")} ${where(ex)} GROUP BY year, entity`) : [],
      im ? this.rows(sql`SELECT year, importer AS entity, sum(value_usd) AS v FROM ${table("baci_importer_year")} ${where(im)} GROUP BY year, entity`) : [],
      this.rows(sql`SELECT year, sum(value_usd) AS v FROM ${table("baci_exporter_year")} ${where(world)} GROUP BY year`),
    ]);
    const byKey = new Map<string, ReconciledWorldTotalRow>();
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

  async reconciledChapterWorld(q: ReconciledChapterWorldQuery): Promise<ReconciledChapterWorldRow[]> {
    const snap = await this.store.snapshot();
    const [table, column] = q.side === "exports" ? ["baci_exporter_chapter_year", "exporter"] : ["baci_importer_chapter_year", "importer"];
    const c = this.conditions(snap, [[column, q.entities]], ["year", q.fromYear, q.toYear]);
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

  async reconciledProductExports(q: ReconciledProductExportQuery): Promise<ReconciledProductExportRow[]> {
    const snap = await this.store.snapshot();
    const c = this.conditions(snap, [["exporter", q.exporters]], ["year", q.fromYear, q.toYear]);
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
const COLUMNS = new Set(["reporter", "partner", "from_entity", "to_entity", "exporter", "importer", "year"]);
function columnName(name: string): SqlFragment {
  if (!COLUMNS.has(name)) throw new TypeError(`unexpected filter column ${name}`);
  return ident(name);
}
