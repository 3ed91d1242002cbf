/**
 * DuckDB implementation of {@link TradeStore}. This folder is the only importer of
 * `@duckdb/node-api`; integers come back as BigInt from the engine, so every query casts in SQL
 * (DOUBLE, INTEGER) and rows are converted to plain objects here, once.
 * @module
 */
import { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { IngestError, TradetiesError, UsageError } from "../errors.js";
import type { RejectedRow } from "../model.js";
import { CountryRegistry } from "../reference/countries.js";
import { SCHEMA_SQL, SCHEMA_VERSION } from "./schema.js";
import type {
  BaciLoadOptions,
  FileIdentity,
  ReconciledFlowQuery,
  ReconciledProductRow,
  ReconciledTotalRow,
  ResolvedFile,
  SeriesQuery,
  SourceRecord,
  StoredPriceRow,
  StoredProductPoint,
  StoredSeriesRow,
  StoredTradeRow,
  StoreResult,
  TradeQuery,
  TradeStore,
} from "./TradeStore.js";

type Params = Record<string, string | number | boolean | null>;
type SqlRow = Record<string, unknown>;

/** How many rejected rows a source keeps for `tradeties sources --rejects`; the count is always exact. */
const REJECT_SAMPLE_LIMIT = 200;

export interface OpenOptions {
  readOnly?: boolean;
  /** DuckDB's memory cap, e.g. "2GB"; keeps world-scale ingest flat. */
  memoryLimit?: string;
  threads?: number;
}

export class DuckDbTradeStore implements TradeStore {
  private constructor(
    readonly location: string,
    readonly readOnly: boolean,
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
  ) {}

  /** Opens (creating when writable) a store file; ":memory:" for a throwaway store. */
  static async open(location: string, options: OpenOptions = {}): Promise<DuckDbTradeStore> {
    const readOnly = options.readOnly ?? false;
    const config: Record<string, string> = {};
    if (readOnly && location !== ":memory:") config.access_mode = "READ_ONLY";
    if (options.memoryLimit) config.memory_limit = options.memoryLimit;
    if (options.threads) config.threads = String(options.threads);
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(location, config);
    } catch (cause) {
      const text = String((cause as Error).message ?? cause);
      if (/lock/i.test(text)) {
        throw new TradetiesError(
          `the store ${location} is open for writing in another process (an ingest or a server run without --read-only); wait for it to finish or stop it, then retry`,
          { file: location },
          { cause },
        );
      }
      if (readOnly && /does not exist|No such file/i.test(text)) {
        throw new UsageError(`no store at ${location}; load data first with 'tradeties ingest <file>' or pass --store`, { file: location }, { cause });
      }
      throw new TradetiesError(`cannot open the store ${location}: ${text}`, { file: location }, { cause });
    }
    const conn = await instance.connect();
    const store = new DuckDbTradeStore(location, readOnly, instance, conn);
    if (!readOnly) await store.migrate();
    else await store.checkSchema();
    return store;
  }

  private async migrate(): Promise<void> {
    await this.conn.run(SCHEMA_SQL);
    await this.conn.run("INSERT OR REPLACE INTO meta VALUES ('schema_version', $v)", { v: String(SCHEMA_VERSION) });
  }

  private async checkSchema(): Promise<void> {
    const rows = await this.all("SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_name = 'sources'");
    if (Number(rows[0]?.n) === 0) {
      throw new UsageError(`${this.location} is not a tradeties store (no sources table); load data with 'tradeties ingest'`, { file: this.location });
    }
  }

  private async all(sql: string, params?: Params): Promise<SqlRow[]> {
    const reader = await this.conn.runAndReadAll(sql, params as never);
    return reader.getRowObjectsJS() as SqlRow[];
  }

  private assertWritable(): void {
    if (this.readOnly) throw new UsageError(`the store ${this.location} is open read-only; ingest with 'tradeties ingest' while no server holds it`);
  }

  async findSource(sourceId: string): Promise<SourceRecord | undefined> {
    const rows = await this.all(`${SOURCE_SELECT} WHERE s.source_id = $id`, { id: sourceId });
    return rows[0] ? toSource(rows[0]) : undefined;
  }

  async listSources(): Promise<SourceRecord[]> {
    return (await this.all(`${SOURCE_SELECT} ORDER BY s.load_seq`)).map(toSource);
  }

  async contentVersion(): Promise<string> {
    const rows = await this.all("SELECT coalesce(string_agg(source_id, ',' ORDER BY load_seq), '') AS ids FROM sources");
    const { createHash } = await import("node:crypto");
    return createHash("sha256").update(String(rows[0]?.ids ?? "")).digest("hex").slice(0, 16);
  }

  /** Registers the source row; returns vintage bookkeeping. Caller holds the transaction. */
  private async insertSource(identity: FileIdentity, file: Omit<ResolvedFile, "trade" | "series" | "prices" | "products">, rowsStored: number): Promise<void> {
    const prior = await this.all("SELECT count(*)::INTEGER AS n FROM sources WHERE dataset_key = $k", { k: file.datasetKey });
    const vintageNumber = Number(prior[0]?.n ?? 0) + 1;
    const rowsSkipped = file.skipped.reduce((sum, s) => sum + s.count, 0);
    await this.conn.run(
      `INSERT INTO sources VALUES ($id, $file, $adapter, $dataset, $key, $vintage, $vn, nextval('load_seq'), $by, $at, $read, $stored, $rejected, $skipped, $notes, $rejects)`,
      {
        id: identity.sourceId,
        file: identity.fileName,
        adapter: file.adapter,
        dataset: file.dataset,
        key: file.datasetKey,
        vintage: file.vintageLabel ?? `v${vintageNumber}`,
        vn: vintageNumber,
        by: file.reportedBy,
        at: new Date().toISOString(),
        read: file.rowsRead,
        stored: rowsStored,
        rejected: file.rejected.length,
        skipped: rowsSkipped,
        notes: JSON.stringify(file.notes),
        rejects: JSON.stringify(file.rejected.slice(0, REJECT_SAMPLE_LIMIT)),
      },
    );
  }

  private async inTransaction<T>(work: () => Promise<T>): Promise<T> {
    await this.conn.run("BEGIN TRANSACTION");
    try {
      const result = await work();
      await this.conn.run("COMMIT");
      return result;
    } catch (error) {
      await this.conn.run("ROLLBACK");
      throw error;
    }
  }

  async storeFile(identity: FileIdentity, file: ResolvedFile): Promise<StoreResult> {
    this.assertWritable();
    const existing = await this.findSource(identity.sourceId);
    if (existing) return { source: existing, changed: false, rejected: [], rejectedCount: 0, skipped: [] };
    const stored = file.trade.length + file.series.length + file.prices.length + file.products.length;
    await this.inTransaction(async () => {
      await this.insertSource(identity, file, stored);
      const id = identity.sourceId;
      if (file.trade.length) {
        const ap = await this.conn.createAppender("trade_reported");
        for (const r of file.trade) {
          ap.appendVarchar(id);
          ap.appendInteger(r.line);
          appendText(ap, r.cell);
          ap.appendInteger(r.year);
          ap.appendVarchar(r.reporter);
          ap.appendVarchar(r.partner);
          ap.appendVarchar(r.partnerKind);
          ap.appendVarchar(r.flow);
          ap.appendVarchar(r.productCode);
          ap.appendVarchar(r.classification);
          ap.appendDouble(r.valueUsd);
          ap.appendVarchar(r.valuation);
          ap.appendBoolean(r.estimated);
          appendNumber(ap, r.quantity);
          appendText(ap, r.quantityUnit);
          ap.endRow();
        }
        ap.closeSync();
      }
      if (file.series.length) {
        const ap = await this.conn.createAppender("bilateral_series");
        for (const r of file.series) {
          ap.appendVarchar(id);
          ap.appendInteger(r.line);
          appendText(ap, r.cell);
          ap.appendVarchar(r.period);
          ap.appendInteger(r.year);
          appendInt(ap, r.month);
          ap.appendVarchar(r.from);
          ap.appendVarchar(r.to);
          ap.appendVarchar(r.metric);
          ap.appendVarchar(r.breakdown);
          ap.appendDouble(r.value);
          ap.appendVarchar(r.unit);
          ap.appendBoolean(r.publishedPoint);
          ap.appendBoolean(r.approximate);
          appendText(ap, r.publisher);
          appendText(ap, r.sourceUrl);
          appendText(ap, r.published);
          appendText(ap, r.note);
          ap.endRow();
        }
        ap.closeSync();
      }
      if (file.prices.length) {
        const ap = await this.conn.createAppender("price_series");
        for (const r of file.prices) {
          ap.appendVarchar(id);
          ap.appendInteger(r.line);
          ap.appendVarchar(r.series);
          ap.appendVarchar(r.date);
          ap.appendInteger(r.year);
          appendInt(ap, r.month);
          ap.appendVarchar(r.frequency);
          ap.appendDouble(r.value);
          ap.appendVarchar(r.unit);
          ap.endRow();
        }
        ap.closeSync();
      }
      if (file.products.length) {
        const ap = await this.conn.createAppender("published_products");
        for (const r of file.products) {
          ap.appendVarchar(id);
          ap.appendInteger(r.line);
          ap.appendVarchar(r.period);
          ap.appendInteger(r.year);
          ap.appendVarchar(r.reporter);
          ap.appendVarchar(r.partner);
          ap.appendVarchar(r.flow);
          ap.appendVarchar(r.classification);
          ap.appendVarchar(r.code);
          ap.appendVarchar(r.product);
          appendNumber(ap, r.valueUsd);
          appendNumber(ap, r.share);
          appendText(ap, r.publisher);
          appendText(ap, r.sourceUrl);
          appendText(ap, r.published);
          appendText(ap, r.note);
          ap.endRow();
        }
        ap.closeSync();
      }
    });
    const source = await this.findSource(identity.sourceId);
    if (!source) throw new TradetiesError(`source ${identity.fileName} vanished after commit`);
    return { source, changed: true, rejected: file.rejected, rejectedCount: file.rejected.length, skipped: file.skipped };
  }

  async storeBaciFile(options: BaciLoadOptions): Promise<StoreResult> {
    this.assertWritable();
    const { identity, filePath } = options;
    const existing = await this.findSource(identity.sourceId);
    if (existing) return { source: existing, changed: false, rejected: [], rejectedCount: 0, skipped: [] };
    const progress = options.onProgress ?? (() => {});
    const codes = CountryRegistry.load().codesFor("baci");
    return this.inTransaction(async () => {
      progress(0, "reading");
      await this.conn.run("CREATE OR REPLACE TEMP TABLE baci_codes (code VARCHAR, entity VARCHAR)");
      const ap = await this.conn.createAppender("baci_codes", "main", "temp");
      for (const c of codes) {
        ap.appendVarchar(String(Number(c.code)));
        ap.appendVarchar(c.entity);
        ap.endRow();
      }
      ap.closeSync();
      // Everything as text first (comtradr's habit): a bad cell becomes a counted reject, not a failed cast.
      try {
        await this.conn.run(
          `CREATE OR REPLACE TEMP TABLE baci_raw AS
           SELECT row_number() OVER () + 1 AS line, * FROM read_csv($path, header = true, all_varchar = true,
             columns = {'t': 'VARCHAR', 'i': 'VARCHAR', 'j': 'VARCHAR', 'k': 'VARCHAR', 'v': 'VARCHAR', 'q': 'VARCHAR'},
             quote = '"', strict_mode = false, null_padding = true)`,
          { path: filePath },
        );
      } catch (cause) {
        throw new IngestError(`cannot read ${identity.fileName} as a BACI CSV (t,i,j,k,v,q): ${(cause as Error).message}`, { file: identity.fileName }, { cause });
      }
      progress(0.4, "validating");
      await this.conn.run(
        `CREATE OR REPLACE TEMP TABLE baci_checked AS
         SELECT r.line,
           TRY_CAST(trim(r.t) AS INTEGER) AS year,
           ce.entity AS exporter, ci.entity AS importer,
           trim(r.i) AS i_raw, trim(r.j) AS j_raw, trim(r.k) AS k_raw,
           lpad(trim(r.k), 6, '0') AS hs6,
           TRY_CAST(trim(r.v) AS DOUBLE) * 1000 AS value_usd,
           TRY_CAST(nullif(trim(r.q), 'NA') AS DOUBLE) AS quantity_tonnes,
           CASE
             WHEN TRY_CAST(trim(r.t) AS INTEGER) IS NULL THEN 'year (t) is not a number: ' || coalesce(r.t, '(empty)')
             WHEN ce.entity IS NULL THEN 'unknown exporter code (i): ' || coalesce(r.i, '(empty)')
             WHEN ci.entity IS NULL THEN 'unknown importer code (j): ' || coalesce(r.j, '(empty)')
             WHEN NOT regexp_full_match(coalesce(trim(r.k), ''), '[0-9]{4,6}') THEN 'product code (k) is not a 4–6 digit HS code: ' || coalesce(r.k, '(empty)')
             WHEN TRY_CAST(trim(r.v) AS DOUBLE) IS NULL THEN 'value (v) is not a number: ' || coalesce(r.v, '(empty)')
             WHEN TRY_CAST(trim(r.v) AS DOUBLE) < 0 THEN 'value (v) is negative: ' || r.v
             WHEN trim(r.q) <> 'NA' AND trim(r.q) <> '' AND TRY_CAST(trim(r.q) AS DOUBLE) IS NULL THEN 'quantity (q) is not a number: ' || r.q
             ELSE NULL END AS reject_reason
         FROM baci_raw r
         LEFT JOIN baci_codes ce ON ce.code = CAST(TRY_CAST(trim(r.i) AS INTEGER) AS VARCHAR)
         LEFT JOIN baci_codes ci ON ci.code = CAST(TRY_CAST(trim(r.j) AS INTEGER) AS VARCHAR)`,
      );
      // A repeated (t,i,j,k) key keeps its first line; later ones are rejected as duplicates.
      await this.conn.run(
        `UPDATE baci_checked SET reject_reason = 'duplicate of line ' || d.first_line || ' (same t,i,j,k)'
         FROM (SELECT line, min(line) OVER (PARTITION BY year, exporter, importer, hs6) AS first_line FROM baci_checked WHERE reject_reason IS NULL) d
         WHERE baci_checked.line = d.line AND d.line <> d.first_line`,
      );
      const counts = await this.all(
        `SELECT count(*)::BIGINT::DOUBLE AS read, count(*) FILTER (WHERE reject_reason IS NULL)::DOUBLE AS ok FROM baci_checked`,
      );
      const rowsRead = Number(counts[0]?.read ?? 0);
      const rowsStored = Number(counts[0]?.ok ?? 0);
      if (rowsRead === 0) throw new IngestError(`${identity.fileName} has a header but no data rows`, { file: identity.fileName });
      const rejectRows = await this.all(
        `SELECT line::INTEGER AS line, reject_reason FROM baci_checked WHERE reject_reason IS NOT NULL ORDER BY line LIMIT ${REJECT_SAMPLE_LIMIT}`,
      );
      const rejected: RejectedRow[] = rejectRows.map((r) => ({ line: Number(r.line), reason: String(r.reject_reason) }));
      const rejectedCount = rowsRead - rowsStored;
      const years = await this.all(`SELECT DISTINCT year FROM baci_checked WHERE reject_reason IS NULL ORDER BY year`);
      progress(0.6, "storing");
      await this.conn.run(
        `INSERT INTO baci_flows SELECT $id, year, exporter, importer, hs6, value_usd, quantity_tonnes FROM baci_checked WHERE reject_reason IS NULL`,
        { id: identity.sourceId },
      );
      progress(0.85, "rollups");
      await this.conn.run(
        `INSERT INTO baci_pair_year SELECT $id, year, exporter, importer, sum(value_usd), count(*)::INTEGER FROM baci_checked WHERE reject_reason IS NULL GROUP BY ALL`,
        { id: identity.sourceId },
      );
      const notes = [`years: ${years.map((y) => y.year).join(", ")}`, "values converted from thousand USD (v) to USD; quantities in tonnes (q)"];
      const file = {
        adapter: "cepii-baci",
        dataset: "cepii-baci",
        datasetKey: options.datasetKey,
        vintageLabel: options.vintageLabel,
        reportedBy: "reconciled" as const,
        rowsRead,
        rejected,
        skipped: [],
        notes,
      };
      await this.insertSource(identity, file, rowsStored);
      await this.conn.run("UPDATE sources SET rows_rejected = $n WHERE source_id = $id", { n: rejectedCount, id: identity.sourceId });
      await this.conn.run("DROP TABLE baci_raw; DROP TABLE baci_checked; DROP TABLE baci_codes");
      progress(1, "done");
      const source = await this.findSource(identity.sourceId);
      if (!source) throw new TradetiesError(`source ${identity.fileName} vanished`);
      return { source, changed: true, rejected, rejectedCount, skipped: [] };
    });
  }

  async tradeRows(q: TradeQuery): Promise<StoredTradeRow[]> {
    const where: string[] = [];
    const params: Params = {};
    addIn(where, params, "t.reporter", "rep", q.reporters);
    addIn(where, params, "t.partner", "par", q.partners);
    addIn(where, params, "t.flow", "flow", q.flows);
    addIn(where, params, "t.product_code", "prod", q.productCodes ?? ["TOTAL"]);
    addIn(where, params, "s.dataset", "ds", q.datasets);
    addRange(where, params, "t.year", q.fromYear, q.toYear);
    const rows = await this.all(
      `SELECT t.year::INTEGER AS year, t.reporter, t.partner, t.partner_kind, t.flow, t.product_code, t.classification,
              t.value_usd::DOUBLE AS value_usd, t.valuation, t.estimated, t.line::INTEGER AS line, t.cell,
              s.source_id, s.file_name, s.dataset, s.vintage, s.adapter, s.reported_by
       FROM trade_reported t JOIN current_sources s USING (source_id)
       ${where.length ? "WHERE " + where.join(" AND ") : ""}
       ORDER BY t.year, t.reporter, t.partner, t.flow, s.dataset`,
      params,
    );
    return rows.map((r) => ({
      ...provenance(r),
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
    }));
  }

  async seriesRows(q: SeriesQuery): Promise<StoredSeriesRow[]> {
    const where: string[] = [];
    const params: Params = {};
    addIn(where, params, "b.from_entity", "fr", q.from);
    addIn(where, params, "b.to_entity", "to", q.to);
    addIn(where, params, "b.metric", "met", q.metrics);
    addRange(where, params, "b.year", q.fromYear, q.toYear);
    const rows = await this.all(
      `SELECT b.period, b.year::INTEGER AS year, b.month::INTEGER AS month, b.from_entity, b.to_entity, b.metric, b.breakdown,
              b.value::DOUBLE AS value, b.unit, b.published_point, b.approximate, b.publisher, b.source_url, b.published, b.note,
              b.line::INTEGER AS line, b.cell, s.source_id, s.file_name, s.dataset, s.vintage, s.adapter, s.reported_by
       FROM bilateral_series b JOIN current_sources s USING (source_id)
       ${where.length ? "WHERE " + where.join(" AND ") : ""}
       ORDER BY b.year, b.month NULLS FIRST, b.period, b.metric, b.breakdown, s.dataset`,
      params,
    );
    return rows.map((r) => ({
      ...provenance(r),
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

  async priceRows(series: string, frequency?: "annual" | "monthly"): Promise<StoredPriceRow[]> {
    const params: Params = { series };
    let filter = "p.series = $series";
    if (frequency) {
      filter += " AND p.frequency = $freq";
      params.freq = frequency;
    }
    const rows = await this.all(
      `SELECT p.series, p.date, p.year::INTEGER AS year, p.month::INTEGER AS month, p.frequency, p.value::DOUBLE AS value, p.unit,
              p.line::INTEGER AS line, s.source_id, s.file_name, s.dataset, s.vintage, s.adapter, s.reported_by
       FROM price_series p JOIN current_sources s USING (source_id) WHERE ${filter} ORDER BY p.date`,
      params,
    );
    return rows.map((r) => ({
      ...provenance(r),
      series: String(r.series),
      date: String(r.date),
      year: Number(r.year),
      month: r.month === null ? undefined : Number(r.month),
      frequency: r.frequency as "annual" | "monthly",
      value: Number(r.value),
      unit: String(r.unit),
    }));
  }

  async productPoints(q: { reporters?: string[]; partners?: string[] }): Promise<StoredProductPoint[]> {
    const where: string[] = [];
    const params: Params = {};
    addIn(where, params, "p.reporter", "rep", q.reporters);
    addIn(where, params, "p.partner", "par", q.partners);
    const rows = await this.all(
      `SELECT p.period, p.year::INTEGER AS year, p.reporter, p.partner, p.flow, p.classification, p.code, p.product,
              p.value_usd::DOUBLE AS value_usd, p.share::DOUBLE AS share, p.publisher, p.source_url, p.published, p.note,
              p.line::INTEGER AS line, s.source_id, s.file_name, s.dataset, s.vintage, s.adapter, s.reported_by
       FROM published_products p JOIN current_sources s USING (source_id)
       ${where.length ? "WHERE " + where.join(" AND ") : ""} ORDER BY p.year, p.flow, p.code`,
      params,
    );
    return rows.map((r) => ({
      ...provenance(r),
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

  async reconciledTotals(q: ReconciledFlowQuery): Promise<ReconciledTotalRow[]> {
    const where: string[] = [];
    const params: Params = {};
    addIn(where, params, "b.exporter", "ex", q.exporters);
    addIn(where, params, "b.importer", "im", q.importers);
    addRange(where, params, "b.year", q.fromYear, q.toYear);
    const rows = await this.all(
      `SELECT b.year::INTEGER AS year, b.exporter, b.importer, sum(b.value_usd)::DOUBLE AS value_usd, sum(b.products)::INTEGER AS products,
              list(DISTINCT b.source_id ORDER BY b.source_id) AS source_ids
       FROM baci_pair_year b JOIN current_sources s USING (source_id)
       ${where.length ? "WHERE " + where.join(" AND ") : ""} GROUP BY ALL ORDER BY year, exporter, importer`,
      params,
    );
    return rows.map((r) => ({
      year: Number(r.year),
      exporter: String(r.exporter),
      importer: String(r.importer),
      valueUsd: Number(r.value_usd),
      products: Number(r.products),
      sourceIds: (r.source_ids as string[]) ?? [],
    }));
  }

  async reconciledProducts(q: ReconciledFlowQuery): Promise<ReconciledProductRow[]> {
    const where: string[] = [];
    const params: Params = {};
    addIn(where, params, "b.exporter", "ex", q.exporters);
    addIn(where, params, "b.importer", "im", q.importers);
    addRange(where, params, "b.year", q.fromYear, q.toYear);
    const rows = await this.all(
      `SELECT b.year::INTEGER AS year, b.exporter, b.importer, b.hs6, b.value_usd::DOUBLE AS value_usd, b.quantity_tonnes::DOUBLE AS q
       FROM baci_flows b JOIN current_sources s USING (source_id)
       ${where.length ? "WHERE " + where.join(" AND ") : ""} ORDER BY year, exporter, importer, hs6`,
      params,
    );
    return rows.map((r) => ({
      year: Number(r.year),
      exporter: String(r.exporter),
      importer: String(r.importer),
      hs6: String(r.hs6),
      valueUsd: Number(r.value_usd),
      quantityTonnes: r.q === null ? null : Number(r.q),
    }));
  }

  async close(): Promise<void> {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

const SOURCE_SELECT = `SELECT s.source_id, s.file_name, s.adapter, s.dataset, s.dataset_key, s.vintage, s.vintage_number::INTEGER AS vintage_number,
  s.reported_by, s.loaded_at, s.rows_read::DOUBLE AS rows_read, s.rows_stored::DOUBLE AS rows_stored,
  s.rows_rejected::DOUBLE AS rows_rejected, s.rows_skipped::DOUBLE AS rows_skipped, s.notes,
  (s.source_id NOT IN (SELECT source_id FROM current_sources)) AS superseded
  FROM sources s`;

function toSource(r: SqlRow): SourceRecord {
  return {
    sourceId: String(r.source_id),
    fileName: String(r.file_name),
    adapter: String(r.adapter),
    dataset: String(r.dataset),
    datasetKey: String(r.dataset_key),
    vintage: String(r.vintage),
    vintageNumber: Number(r.vintage_number),
    superseded: Boolean(r.superseded),
    reportedBy: r.reported_by as SourceRecord["reportedBy"],
    loadedAt: String(r.loaded_at),
    rowsRead: Number(r.rows_read),
    rowsStored: Number(r.rows_stored),
    rowsRejected: Number(r.rows_rejected),
    rowsSkipped: Number(r.rows_skipped),
    notes: JSON.parse(String(r.notes)) as string[],
  };
}

function provenance(r: SqlRow) {
  return {
    sourceId: String(r.source_id),
    fileName: String(r.file_name),
    dataset: String(r.dataset),
    vintage: String(r.vintage),
    adapter: String(r.adapter),
    reportedBy: String(r.reported_by),
    line: Number(r.line),
    cell: optText(r.cell),
  };
}

function optText(v: unknown): string | undefined {
  return v === null || v === undefined ? undefined : String(v);
}

/** Adds `column IN ($p0, $p1, …)` with bound parameters; nothing is concatenated into SQL but placeholders. */
function addIn(where: string[], params: Params, column: string, prefix: string, values: readonly string[] | undefined): void {
  if (!values) return;
  if (values.length === 0) {
    where.push("FALSE");
    return;
  }
  const names = values.map((v, i) => {
    params[`${prefix}${i}`] = v;
    return `$${prefix}${i}`;
  });
  where.push(`${column} IN (${names.join(", ")})`);
}

function addRange(where: string[], params: Params, column: string, from?: number, to?: number): void {
  if (from !== undefined) {
    where.push(`${column} >= $fromYear`);
    params.fromYear = from;
  }
  if (to !== undefined) {
    where.push(`${column} <= $toYear`);
    params.toYear = to;
  }
}

type Appender = Awaited<ReturnType<DuckDBConnection["createAppender"]>>;
function appendText(ap: Appender, v: string | undefined): void {
  if (v === undefined) ap.appendNull();
  else ap.appendVarchar(v);
}
function appendNumber(ap: Appender, v: number | undefined): void {
  if (v === undefined || !Number.isFinite(v)) ap.appendNull();
  else ap.appendDouble(v);
}
function appendInt(ap: Appender, v: number | undefined): void {
  if (v === undefined) ap.appendNull();
  else ap.appendInteger(v);
}

