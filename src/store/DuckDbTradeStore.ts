/**
 * DuckDB implementation of {@link TradeStore}. This folder is the only importer of
 * `@duckdb/node-api`; integers come back as BigInt from the engine, so every query casts in SQL
 * (DOUBLE, INTEGER) and rows are converted to plain objects here, once.
 * @module
 */
import { createHash } from "node:crypto";
import { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { IngestError, TradetiesError, UsageError } from "../errors.js";
import type { RejectedRow } from "../model.js";
import { CountryRegistry } from "../reference/countries.js";
import { BACI_ROLLUP_TABLES, SCHEMA_SQL, SCHEMA_VERSION } from "./schema.js";
import type {
  BaciLoadOptions,
  FileIdentity,
  ReconciledChapterRow,
  ReconciledFlowQuery,
  ReconciledProductExportQuery,
  ReconciledProductExportRow,
  ReconciledProductRow,
  ReconciledTotalRow,
  ReconciledWorldQuery,
  ReconciledWorldTotalRow,
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

/** DuckDB memory cap for writable stores unless the caller or TRADETIES_DUCKDB_MEMORY says otherwise. */
export const DEFAULT_WRITER_MEMORY_LIMIT = "2GB";

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

  /** A second connection for {@link engineMemoryBytes}, opened on first use. */
  private probe: DuckDBConnection | undefined;

  /**
   * Connections for the query methods, opened on first use. One connection runs one statement at
   * a time; a profile issues ~15 small independent queries, so a few connections let them overlap.
   * Writes and everything inside a transaction stay on `conn`.
   */
  private readers: Promise<DuckDBConnection[]> | undefined;
  private nextReader = 0;
  private static readonly READER_CONNECTIONS = 3;

  /** Opens (creating when writable) a store file; ":memory:" for a throwaway store. */
  static async open(location: string, options: OpenOptions = {}): Promise<DuckDbTradeStore> {
    const readOnly = options.readOnly ?? false;
    const config: Record<string, string> = {};
    if (readOnly && location !== ":memory:") config.access_mode = "READ_ONLY";
    // A cap keeps world-scale ingest flat: past it DuckDB spills to `<store>.tmp/` instead of growing.
    const memoryLimit = options.memoryLimit ?? process.env.TRADETIES_DUCKDB_MEMORY ?? (readOnly ? undefined : DEFAULT_WRITER_MEMORY_LIMIT);
    if (memoryLimit) config.memory_limit = memoryLimit;
    if (options.threads) config.threads = String(options.threads);
    // Every query here says ORDER BY where order matters; this lets scans and inserts run in parallel unordered.
    config.preserve_insertion_order = "false";
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
    const before = await this.schemaVersion();
    await this.conn.run(SCHEMA_SQL);
    // Version 1 kept only baci_pair_year (no Σv², no overlap): rebuild every rollup from the detail once.
    if (before !== undefined && before < 2) await this.rebuildAllRollups();
    await this.conn.run("INSERT OR REPLACE INTO meta VALUES ('schema_version', $v)", { v: String(SCHEMA_VERSION) });
  }

  /** The stored schema version; undefined for a new, empty file. */
  private async schemaVersion(): Promise<number | undefined> {
    const t = await this.all("SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_name = 'meta'");
    if (Number(t[0]?.n) === 0) return undefined;
    const rows = await this.all("SELECT value FROM meta WHERE key = 'schema_version'");
    return rows[0] ? Number(rows[0].value) : undefined;
  }

  private async checkSchema(): Promise<void> {
    const rows = await this.all("SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_name = 'sources'");
    if (Number(rows[0]?.n) === 0) {
      throw new UsageError(`${this.location} is not a tradeties store (no sources table); load data with 'tradeties ingest'`, { file: this.location });
    }
    const version = await this.schemaVersion();
    if (version !== undefined && version < SCHEMA_VERSION) {
      throw new UsageError(
        `${this.location} was written by an older tradeties (schema ${version}, need ${SCHEMA_VERSION}); open it once for writing (e.g. 'tradeties ingest' of any file) to migrate it`,
        { file: this.location },
      );
    }
  }

  private async all(sql: string, params?: Params): Promise<SqlRow[]> {
    return this.runOn(this.conn, sql, params);
  }

  /** A read for the query methods, on the next pooled connection (committed data only). */
  private async read(sql: string, params?: Params): Promise<SqlRow[]> {
    // The pool is a promise so that concurrent first calls share one set of connections.
    this.readers ??= Promise.all(Array.from({ length: DuckDbTradeStore.READER_CONNECTIONS }, () => this.instance.connect()));
    const readers = await this.readers;
    const conn = readers[this.nextReader++ % readers.length]!;
    return this.runOn(conn, sql, params);
  }

  private async runOn(conn: DuckDBConnection, sql: string, params?: Params): Promise<SqlRow[]> {
    const reader = await conn.runAndReadAll(sql, params as never);
    // Column-wise conversion then zipping is ~6× faster than getRowObjectsJS on 20k rows.
    const names = reader.columnNames();
    const columns = reader.getColumnsJS();
    const rows: SqlRow[] = new Array(reader.currentRowCount);
    for (let i = 0; i < rows.length; i++) {
      const row: SqlRow = {};
      for (let c = 0; c < names.length; c++) row[names[c]!] = columns[c]![i];
      rows[i] = row;
    }
    return rows;
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
    return createHash("sha256").update(String(rows[0]?.ids ?? "")).digest("hex").slice(0, 16);
  }

  /** Registers the source row; returns vintage bookkeeping. Caller holds the transaction. */
  private async insertSource(identity: FileIdentity, file: Omit<ResolvedFile, "trade" | "series" | "prices" | "products">, rowsStored: number, rowsRejected: number): Promise<void> {
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
        rejected: rowsRejected,
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

  /** Appends rows to `table`; `columns` lists, in table order, each column's type and how to read it (undefined → NULL). */
  private async appendRows<T>(table: string, rows: readonly T[], columns: ReadonlyArray<readonly [ColumnKind, (row: T) => string | number | boolean | undefined]>): Promise<void> {
    if (!rows.length) return;
    const ap = await this.conn.createAppender(table);
    for (const row of rows) {
      for (const [kind, read] of columns) {
        const v = read(row);
        if (v === undefined || (typeof v === "number" && !Number.isFinite(v))) ap.appendNull();
        else if (kind === "text") ap.appendVarchar(String(v));
        else if (kind === "int") ap.appendInteger(v as number);
        else if (kind === "double") ap.appendDouble(v as number);
        else ap.appendBoolean(v as boolean);
      }
      ap.endRow();
    }
    ap.closeSync();
  }

  async storeFile(identity: FileIdentity, file: ResolvedFile): Promise<StoreResult> {
    this.assertWritable();
    const existing = await this.findSource(identity.sourceId);
    if (existing) return { source: existing, changed: false, rejected: [], rejectedCount: 0, skipped: [] };
    const stored = file.trade.length + file.series.length + file.prices.length + file.products.length;
    await this.inTransaction(async () => {
      await this.insertSource(identity, file, stored, file.rejected.length);
      const id = identity.sourceId;
      await this.appendRows("trade_reported", file.trade, [
        ["text", () => id], ["int", (r) => r.line], ["text", (r) => r.cell], ["int", (r) => r.year],
        ["text", (r) => r.reporter], ["text", (r) => r.partner], ["text", (r) => r.partnerKind], ["text", (r) => r.flow],
        ["text", (r) => r.productCode], ["text", (r) => r.classification], ["double", (r) => r.valueUsd], ["text", (r) => r.valuation],
        ["bool", (r) => r.estimated], ["double", (r) => r.quantity], ["text", (r) => r.quantityUnit],
      ]);
      await this.appendRows("bilateral_series", file.series, [
        ["text", () => id], ["int", (r) => r.line], ["text", (r) => r.cell], ["text", (r) => r.period], ["int", (r) => r.year],
        ["int", (r) => r.month], ["text", (r) => r.from], ["text", (r) => r.to], ["text", (r) => r.metric], ["text", (r) => r.breakdown],
        ["double", (r) => r.value], ["text", (r) => r.unit], ["bool", (r) => r.publishedPoint], ["bool", (r) => r.approximate],
        ["text", (r) => r.publisher], ["text", (r) => r.sourceUrl], ["text", (r) => r.published], ["text", (r) => r.note],
      ]);
      await this.appendRows("price_series", file.prices, [
        ["text", () => id], ["int", (r) => r.line], ["text", (r) => r.series], ["text", (r) => r.date], ["int", (r) => r.year],
        ["int", (r) => r.month], ["text", (r) => r.frequency], ["double", (r) => r.value], ["text", (r) => r.unit],
      ]);
      await this.appendRows("published_products", file.products, [
        ["text", () => id], ["int", (r) => r.line], ["text", (r) => r.period], ["int", (r) => r.year], ["text", (r) => r.reporter],
        ["text", (r) => r.partner], ["text", (r) => r.flow], ["text", (r) => r.classification], ["text", (r) => r.code],
        ["text", (r) => r.product], ["double", (r) => r.valueUsd], ["double", (r) => r.share], ["text", (r) => r.publisher],
        ["text", (r) => r.sourceUrl], ["text", (r) => r.published], ["text", (r) => r.note],
      ]);
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
    const id = identity.sourceId;
    const source = baciSourceSql(filePath);
    const codes = CountryRegistry.load().codesFor("baci");
    const readError = (cause: unknown) =>
      new IngestError(
        `cannot read ${identity.fileName} as ${source.parquet ? "a BACI Parquet file (columns t,i,j,k,v,q)" : "a BACI CSV (t,i,j,k,v,q)"}: ${(cause as Error).message}`,
        { file: identity.fileName },
        { cause },
      );
    const result = await this.inTransaction(async () => {
      progress(0, "reading");
      await this.conn.run("CREATE OR REPLACE TEMP TABLE baci_codes (code INTEGER, entity VARCHAR)");
      const ap = await this.conn.createAppender("baci_codes", "main", "temp");
      for (const c of codes) {
        const n = Number(c.code);
        if (!Number.isInteger(n)) continue;
        ap.appendInteger(n);
        ap.appendVarchar(c.entity);
        ap.endRow();
      }
      ap.closeSync();
      // Pass 1: one streaming scan, validated in SQL, straight into the detail table. Rows that fail a
      // field check are filtered out here and counted below; duplicates are resolved after.
      let inserted: number;
      try {
        const r = await this.conn.run(
          `INSERT INTO baci_flows SELECT $id, year, exporter, importer, hs6, value_usd, quantity_tonnes FROM (${checkedSql(source.sql)}) WHERE kind IS NULL`,
          { id, path: filePath },
        );
        inserted = Number(r.rowsChanged);
      } catch (cause) {
        throw readError(cause);
      }
      progress(0.5, "counting");
      // Pass 2: the bare row count (the reader parses no columns for it). Only when it differs from
      // what pass 1 stored does a third, line-numbered scan find the rejects and their reasons.
      const rowsRead = Number((await this.all(`SELECT count(*)::DOUBLE AS n FROM ${source.sql}`, { path: filePath }))[0]?.n ?? 0);
      if (rowsRead === 0) throw new IngestError(`${identity.fileName} has a header but no data rows`, { file: identity.fileName });
      progress(0.6, "checking");
      // Grubel–Lloyd overlap by (pair, HS6) and, from the same aggregate, duplicate (t,i,j,k) keys.
      let dupRows = await this.buildOverlap(id);
      const byReason: Record<string, number> = {};
      let rejected: RejectedRow[] = [];
      if (rowsRead !== inserted || dupRows > 0) {
        progress(0.65, "rejects");
        rejected = await this.resolveRejects(id, filePath, source.sql, dupRows > 0, byReason);
        if (dupRows > 0) dupRows = await this.buildOverlap(id);
        if (dupRows !== 0) throw new TradetiesError(`duplicate keys remain in ${identity.fileName} after resolving them`);
      }
      const rejectedCount = Object.values(byReason).reduce((s, n) => s + n, 0);
      const rowsStored = inserted - (byReason.duplicate ?? 0);
      if (rowsStored + rejectedCount !== rowsRead) {
        throw new TradetiesError(`BACI accounting does not add up for ${identity.fileName}: read ${rowsRead}, stored ${rowsStored}, rejected ${rejectedCount}`);
      }
      progress(0.75, "rollups");
      await this.buildRollups(id);
      const years = await this.all(`SELECT DISTINCT year::INTEGER AS year FROM baci_exporter_year WHERE source_id = $id ORDER BY year`, { id });
      const notes = [`years: ${years.map((y) => y.year).join(", ")}`, "values converted from thousand USD (v) to USD; quantities in tonnes (q)"];
      if (rejectedCount > 0) notes.push(`rejected by reason: ${Object.entries(byReason).map(([k, n]) => `${k} ${n}`).join(", ")}`);
      if (source.parquet) notes.push("read from Parquet");
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
      await this.insertSource(identity, file, rowsStored, rejectedCount);
      await this.conn.run("DROP TABLE IF EXISTS baci_codes; DROP TABLE IF EXISTS baci_overlap");
      return { rejected, rejectedCount, byReason };
    });
    progress(1, "done");
    const stored = await this.findSource(id);
    if (!stored) throw new TradetiesError(`source ${identity.fileName} vanished`);
    return { source: stored, changed: true, rejected: result.rejected, rejectedCount: result.rejectedCount, rejectedByReason: result.byReason, skipped: [] };
  }

  /**
   * (Re)builds temp `baci_overlap`: Σ_k min(x_ij,k, x_ji,k) by unordered pair × chapter, from this
   * source's rows. Returns how many rows repeat a (t,i,j,k) key (0 for a clean file): the same
   * GROUP BY finds both, so a clean file pays for one aggregate.
   */
  private async buildOverlap(id: string): Promise<number> {
    await this.conn.run(
      `CREATE OR REPLACE TEMP TABLE baci_overlap AS
       SELECT year, a, b, chapter,
              sum(CASE WHEN nx > 0 AND nm > 0 THEN least(x, m) ELSE 0 END) AS intra,
              sum(greatest(nx - 1, 0) + greatest(nm - 1, 0))::DOUBLE AS dup_rows
       FROM (SELECT year, least(exporter, importer) AS a, greatest(exporter, importer) AS b, hs6[1:2] AS chapter, hs6,
                    sum(value_usd) FILTER (WHERE exporter <= importer) AS x, sum(value_usd) FILTER (WHERE exporter > importer) AS m,
                    count(*) FILTER (WHERE exporter <= importer) AS nx, count(*) FILTER (WHERE exporter > importer) AS nm
             FROM baci_flows WHERE source_id = $id GROUP BY ALL)
       GROUP BY ALL`,
      { id },
    );
    const rows = await this.all("SELECT coalesce(sum(dup_rows), 0)::DOUBLE AS d FROM baci_overlap");
    return Number(rows[0]?.d ?? 0);
  }

  /**
   * Finds the rejected rows with their line numbers: a third scan, run only when pass 1 left rows
   * out or keys repeat. It numbers the file's rows (a streaming row_number in file order; line =
   * row + 1 for the header, so a quoted field spanning lines would shift it) and keeps only the
   * rejects and the rows of repeated keys. A repeated key keeps its first line; the later lines are
   * deleted from `baci_flows` and rejected as duplicates. Fills `byReason`; returns the first
   * {@link REJECT_SAMPLE_LIMIT} rejects by line.
   */
  private async resolveRejects(id: string, path: string, sourceSql: string, hasDuplicates: boolean, byReason: Record<string, number>): Promise<RejectedRow[]> {
    if (hasDuplicates) {
      await this.conn.run(
        `CREATE OR REPLACE TEMP TABLE baci_dupkeys AS
         SELECT year, exporter, importer, hs6 FROM baci_flows WHERE source_id = $id GROUP BY ALL HAVING count(*) > 1`,
        { id },
      );
    } else {
      await this.conn.run("CREATE OR REPLACE TEMP TABLE baci_dupkeys (year INTEGER, exporter VARCHAR, importer VARCHAR, hs6 VARCHAR)");
    }
    const order = await this.all("SELECT current_setting('preserve_insertion_order')::BOOLEAN AS p");
    await this.conn.run("SET preserve_insertion_order = true");
    try {
      await this.conn.run(
        `CREATE OR REPLACE TEMP TABLE baci_marked AS
         SELECT c.* FROM (${checkedSql(`(SELECT row_number() OVER () + 1 AS line, * FROM ${sourceSql})`, "r.line, r.t, r.i, r.j, r.k, r.v, r.q,")}) c
         LEFT JOIN baci_dupkeys d ON c.kind IS NULL AND d.year = c.year AND d.exporter = c.exporter AND d.importer = c.importer AND d.hs6 = c.hs6
         WHERE c.kind IS NOT NULL OR d.year IS NOT NULL`,
        { path },
      );
    } finally {
      if (order[0]?.p === false) await this.conn.run("SET preserve_insertion_order = false");
    }
    await this.conn.run(
      `CREATE OR REPLACE TEMP TABLE baci_dups AS
       SELECT line, year, exporter, importer, hs6, value_usd, quantity_tonnes, min(line) OVER (PARTITION BY year, exporter, importer, hs6) AS first_line
       FROM baci_marked WHERE kind IS NULL`,
    );
    if (hasDuplicates) {
      await this.conn.run(
        `DELETE FROM baci_flows USING baci_dupkeys d
         WHERE baci_flows.source_id = $id AND baci_flows.year = d.year AND baci_flows.exporter = d.exporter AND baci_flows.importer = d.importer AND baci_flows.hs6 = d.hs6`,
        { id },
      );
      await this.conn.run(
        `INSERT INTO baci_flows SELECT $id, year, exporter, importer, hs6, value_usd, quantity_tonnes FROM baci_dups WHERE line = first_line`,
        { id },
      );
    }
    const counts = await this.all(
      `SELECT kind, count(*)::DOUBLE AS n FROM baci_marked WHERE kind IS NOT NULL GROUP BY kind
       UNION ALL SELECT 'duplicate', count(*)::DOUBLE FROM baci_dups WHERE line <> first_line HAVING count(*) > 0`,
    );
    for (const r of counts) byReason[String(r.kind)] = Number(r.n);
    const sample = await this.all(
      `SELECT line::INTEGER AS line, reason FROM (
         SELECT line, ${REASON_SQL} AS reason FROM baci_marked WHERE kind IS NOT NULL
         UNION ALL SELECT line, 'duplicate of line ' || first_line || ' (same t,i,j,k)' FROM baci_dups WHERE line <> first_line
       ) ORDER BY line LIMIT ${REJECT_SAMPLE_LIMIT}`,
    );
    await this.conn.run("DROP TABLE baci_marked; DROP TABLE baci_dups; DROP TABLE baci_dupkeys");
    return sample.map((r) => ({ line: Number(r.line), reason: String(r.reason) }));
  }

  /** Inserts every BACI rollup for one source from its rows in `baci_flows` (and temp `baci_overlap`). */
  private async buildRollups(id: string): Promise<void> {
    const p = { id };
    await this.conn.run(
      `INSERT INTO baci_pair_chapter_year (source_id, year, exporter, importer, chapter, value_usd, products, value_sq_usd, intra_usd)
       SELECT $id, f.year, f.exporter, f.importer, f.chapter, f.v, f.n, f.v2, coalesce(o.intra, 0)
       FROM (SELECT year, exporter, importer, hs6[1:2] AS chapter, sum(value_usd) AS v, count(*)::INTEGER AS n, sum(value_usd * value_usd) AS v2
             FROM baci_flows WHERE source_id = $id GROUP BY ALL) f
       LEFT JOIN baci_overlap o ON o.year = f.year AND o.a = least(f.exporter, f.importer) AND o.b = greatest(f.exporter, f.importer) AND o.chapter = f.chapter
       ORDER BY f.year, f.exporter, f.importer, f.chapter`,
      p,
    );
    await this.conn.run(
      `INSERT INTO baci_pair_year (source_id, year, exporter, importer, value_usd, products, value_sq_usd, intra_usd)
       SELECT $id, year, exporter, importer, sum(value_usd), sum(products)::INTEGER, sum(value_sq_usd), sum(intra_usd)
       FROM baci_pair_chapter_year WHERE source_id = $id GROUP BY ALL ORDER BY year, exporter, importer`,
      p,
    );
    await this.conn.run(
      `INSERT INTO baci_exporter_hs6_year (source_id, year, exporter, hs6, value_usd, importers)
       SELECT $id, year, exporter, hs6, sum(value_usd), count(*)::INTEGER FROM baci_flows WHERE source_id = $id GROUP BY ALL ORDER BY year, hs6, exporter`,
      p,
    );
    await this.conn.run(
      `INSERT INTO baci_exporter_year (source_id, year, exporter, value_usd, flows)
       SELECT $id, year, exporter, sum(value_usd), sum(products)::INTEGER FROM baci_pair_year WHERE source_id = $id GROUP BY ALL ORDER BY year, exporter`,
      p,
    );
    await this.conn.run(
      `INSERT INTO baci_importer_year (source_id, year, importer, value_usd, flows)
       SELECT $id, year, importer, sum(value_usd), sum(products)::INTEGER FROM baci_pair_year WHERE source_id = $id GROUP BY ALL ORDER BY year, importer`,
      p,
    );
  }

  /** Rebuilds every BACI rollup from `baci_flows` (a version-1 store had only `baci_pair_year`, without Σv² and overlap). */
  private async rebuildAllRollups(): Promise<void> {
    const ids = await this.all("SELECT DISTINCT source_id FROM baci_flows ORDER BY source_id");
    await this.inTransaction(async () => {
      for (const t of BACI_ROLLUP_TABLES) await this.conn.run(`DELETE FROM ${t}`);
      for (const r of ids) {
        const id = String(r.source_id);
        await this.buildOverlap(id);
        await this.buildRollups(id);
      }
      await this.conn.run("DROP TABLE IF EXISTS baci_overlap");
    });
  }

  /**
   * Writes the current BACI detail as Parquet, one folder per year (`year=2021/…`), zstd-compressed:
   * columns year, exporter, importer (tradeties entity codes), hs6, value_usd (USD), quantity_tonnes, source_id.
   * @returns rows written.
   */
  async exportBaciParquet(dir: string): Promise<number> {
    const r = await this.conn.run(
      `COPY (SELECT f.year, f.exporter, f.importer, f.hs6, f.value_usd, f.quantity_tonnes, f.source_id
             FROM baci_flows f JOIN current_sources s USING (source_id))
       TO '${dir.replace(/'/g, "''")}' (FORMAT parquet, PARTITION_BY (year), COMPRESSION zstd, OVERWRITE_OR_IGNORE true)`,
    );
    return Number(r.rowsChanged);
  }

  async engineMemoryBytes(): Promise<number> {
    // Its own connection: the store's connection may be busy with an ingest the caller is watching.
    this.probe ??= await this.instance.connect();
    const reader = await this.probe.runAndReadAll("SELECT coalesce(sum(memory_usage_bytes), 0)::DOUBLE AS b FROM duckdb_memory()");
    return Number((reader.getRowObjectsJS()[0] as SqlRow | undefined)?.b ?? 0);
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
    const rows = await this.read(
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
    const rows = await this.read(
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
    const rows = await this.read(
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
    const rows = await this.read(
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
    const rows = await this.read(
      `SELECT b.year::INTEGER AS year, b.exporter, b.importer, sum(b.value_usd)::DOUBLE AS value_usd, sum(b.products)::INTEGER AS products,
              sum(b.value_sq_usd)::DOUBLE AS value_sq_usd, sum(b.intra_usd)::DOUBLE AS intra_usd,
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
      ...(r.value_sq_usd === null ? {} : { valueSqUsd: Number(r.value_sq_usd) }),
      ...(r.intra_usd === null ? {} : { intraUsd: Number(r.intra_usd) }),
    }));
  }

  async reconciledProducts(q: ReconciledFlowQuery): Promise<ReconciledProductRow[]> {
    const where: string[] = [];
    const params: Params = {};
    addIn(where, params, "b.exporter", "ex", q.exporters);
    addIn(where, params, "b.importer", "im", q.importers);
    addRange(where, params, "b.year", q.fromYear, q.toYear);
    const rows = await this.read(
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

  async reconciledChapterTotals(q: ReconciledFlowQuery): Promise<ReconciledChapterRow[]> {
    const where: string[] = [];
    const params: Params = {};
    addIn(where, params, "b.exporter", "ex", q.exporters);
    addIn(where, params, "b.importer", "im", q.importers);
    addRange(where, params, "b.year", q.fromYear, q.toYear);
    const rows = await this.read(
      `SELECT b.year::INTEGER AS year, b.exporter, b.importer, b.chapter, sum(b.value_usd)::DOUBLE AS value_usd, sum(b.products)::INTEGER AS products,
              sum(b.value_sq_usd)::DOUBLE AS value_sq_usd, sum(b.intra_usd)::DOUBLE AS intra_usd,
              list(DISTINCT b.source_id ORDER BY b.source_id) AS source_ids
       FROM baci_pair_chapter_year b JOIN current_sources s USING (source_id)
       ${where.length ? "WHERE " + where.join(" AND ") : ""} GROUP BY ALL ORDER BY year, exporter, importer, chapter`,
      params,
    );
    return rows.map((r) => ({
      year: Number(r.year),
      exporter: String(r.exporter),
      importer: String(r.importer),
      chapter: String(r.chapter),
      valueUsd: Number(r.value_usd),
      products: Number(r.products),
      valueSqUsd: Number(r.value_sq_usd),
      intraUsd: Number(r.intra_usd),
      sourceIds: (r.source_ids as string[]) ?? [],
    }));
  }

  async reconciledWorldTotals(q: ReconciledWorldQuery): Promise<ReconciledWorldTotalRow[]> {
    const range: string[] = [];
    const params: Params = {};
    addRange(range, params, "b.year", q.fromYear, q.toYear);
    const ex = [...range];
    const im = [...range];
    addIn(ex, params, "b.exporter", "en", q.entities);
    addIn(im, params, "b.importer", "en", q.entities);
    const w = (parts: string[]) => (parts.length ? "WHERE " + parts.join(" AND ") : "");
    const rows = await this.read(
      `WITH e AS (SELECT b.year, b.exporter AS entity, sum(b.value_usd) AS v FROM baci_exporter_year b JOIN current_sources s USING (source_id) ${w(ex)} GROUP BY ALL),
            i AS (SELECT b.year, b.importer AS entity, sum(b.value_usd) AS v FROM baci_importer_year b JOIN current_sources s USING (source_id) ${w(im)} GROUP BY ALL),
            wld AS (SELECT b.year, 'WLD' AS entity, sum(b.value_usd) AS v FROM baci_exporter_year b JOIN current_sources s USING (source_id) ${w(range)} GROUP BY ALL)
       SELECT year::INTEGER AS year, entity, coalesce(e.v, 0)::DOUBLE AS exports_usd, coalesce(i.v, 0)::DOUBLE AS imports_usd
       FROM e FULL JOIN i USING (year, entity)
       UNION ALL SELECT year::INTEGER, entity, v::DOUBLE, v::DOUBLE FROM wld
       ORDER BY year, entity`,
      params,
    );
    return rows.map((r) => ({ year: Number(r.year), entity: String(r.entity), exportsUsd: Number(r.exports_usd), importsUsd: Number(r.imports_usd) }));
  }

  async reconciledProductExports(q: ReconciledProductExportQuery): Promise<ReconciledProductExportRow[]> {
    const where: string[] = [];
    const params: Params = {};
    addIn(where, params, "b.exporter", "ex", q.exporters);
    addIn(where, params, "b.hs6", "k", q.products);
    addRange(where, params, "b.year", q.fromYear, q.toYear);
    const exporter = q.exporters ? "b.exporter" : "'WLD'";
    const rows = await this.read(
      `SELECT b.year::INTEGER AS year, ${exporter} AS exporter, b.hs6, sum(b.value_usd)::DOUBLE AS value_usd
       FROM baci_exporter_hs6_year b JOIN current_sources s USING (source_id)
       ${where.length ? "WHERE " + where.join(" AND ") : ""} GROUP BY ALL ORDER BY year, exporter, hs6`,
      params,
    );
    return rows.map((r) => ({ year: Number(r.year), exporter: String(r.exporter), hs6: String(r.hs6), valueUsd: Number(r.value_usd) }));
  }

  async close(): Promise<void> {
    this.probe?.closeSync();
    for (const r of (await this.readers) ?? []) r.closeSync();
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

/** How `appendRows` writes a column. */
type ColumnKind = "text" | "int" | "double" | "bool";


/** The BACI reader as SQL over `$path`: every column as text, so a bad cell becomes a counted reject, not a failed cast. */
function baciSourceSql(path: string): { sql: string; parquet: boolean } {
  if (/\.parquet$/i.test(path)) {
    return {
      parquet: true,
      sql: `(SELECT CAST(t AS VARCHAR) AS t, CAST(i AS VARCHAR) AS i, CAST(j AS VARCHAR) AS j, CAST(k AS VARCHAR) AS k, CAST(v AS VARCHAR) AS v, CAST(q AS VARCHAR) AS q FROM read_parquet($path))`,
    };
  }
  return {
    parquet: false,
    sql: `read_csv($path, header = true, all_varchar = true,
            columns = {'t': 'VARCHAR', 'i': 'VARCHAR', 'j': 'VARCHAR', 'k': 'VARCHAR', 'v': 'VARCHAR', 'q': 'VARCHAR'},
            quote = '"', strict_mode = false, null_padding = true)`,
  };
}

/**
 * Typed, validated BACI rows over a relation of text columns t,i,j,k,v,q: `kind` is NULL for a
 * valid row, else the first failed check (year, exporter, importer, hs, value, negative, quantity).
 * Codes resolve through temp `baci_codes`. v is thousand USD; value_usd is USD.
 */
function checkedSql(from: string, extra = ""): string {
  return `SELECT ${extra} r.y AS year, ce.entity AS exporter, ci.entity AS importer, lpad(r.kt, 6, '0') AS hs6,
      r.vd * 1000 AS value_usd, r.qd AS quantity_tonnes,
      CASE
        WHEN r.y IS NULL THEN 'year'
        WHEN ce.entity IS NULL THEN 'exporter'
        WHEN ci.entity IS NULL THEN 'importer'
        WHEN NOT regexp_full_match(r.kt, '[0-9]{4,6}') THEN 'hs'
        WHEN r.vd IS NULL OR NOT isfinite(r.vd) THEN 'value'
        WHEN r.vd < 0 THEN 'negative'
        WHEN r.qt <> 'NA' AND r.qt <> '' AND (r.qd IS NULL OR NOT isfinite(r.qd)) THEN 'quantity'
        ELSE NULL END AS kind
    FROM (SELECT *, TRY_CAST(trim(t) AS INTEGER) AS y, TRY_CAST(trim(i) AS INTEGER) AS ii, TRY_CAST(trim(j) AS INTEGER) AS jj,
                 coalesce(trim(k), '') AS kt, TRY_CAST(trim(v) AS DOUBLE) AS vd, coalesce(trim(q), '') AS qt,
                 TRY_CAST(nullif(trim(q), 'NA') AS DOUBLE) AS qd
          FROM ${from}) r
    LEFT JOIN baci_codes ce ON ce.code = r.ii
    LEFT JOIN baci_codes ci ON ci.code = r.jj`;
}

/** The reject message of a `baci_marked` row, from its kind and raw text. */
const REASON_SQL = `CASE kind
    WHEN 'year' THEN 'year (t) is not a number: ' || coalesce(t, '(empty)')
    WHEN 'exporter' THEN 'unknown exporter code (i): ' || coalesce(i, '(empty)')
    WHEN 'importer' THEN 'unknown importer code (j): ' || coalesce(j, '(empty)')
    WHEN 'hs' THEN 'product code (k) is not a 4–6 digit HS code: ' || coalesce(k, '(empty)')
    WHEN 'value' THEN 'value (v) is not a number: ' || coalesce(v, '(empty)')
    WHEN 'negative' THEN 'value (v) is negative: ' || v
    WHEN 'quantity' THEN 'quantity (q) is not a number: ' || q
  END`;
