/**
 * ClickHouse implementation of {@link TradeStore}, over HTTP (`@clickhouse/client`), for stores
 * that outgrow one machine. Same precedence, vintages and provenance as the DuckDB store.
 *
 * Visibility without transactions (vintage changes: snapshot.ts): a load writes its rows under a fresh `source_key` (allocated in
 * `load_attempts`, never reused) and, last, inserts its one row into `sources`. A single-row insert
 * is atomic, so that row is the one step that makes a file visible; readers read only the keys of
 * visible sources. A load that fails before it leaves invisible rows, which it drops (one partition
 * per table) before reporting the failure.
 *
 * Readers work on a snapshot: the visible sources and entity codes are read once (and again after
 * each write through this store), so every query of one report sees the same sources, and the
 * content version matches what is served (like a read-only DuckDB file; `tradeties serve` reopens
 * on SIGHUP).
 * @module
 */
import { createHash } from "node:crypto";
import { TradetiesError, UsageError } from "../../errors.js";
import type { BaciLoadOptions, FileIdentity, ResolvedFile, SourceRecord, StoreResult, TradeStore, VintageChange, VintageCoverage } from "../TradeStore.js";
import { loadBaciFile } from "./baciLoad.js";
import { ClickHouseConnection, type Row } from "./connection.js";
import { decodeFloatHex, floatHex } from "./exactFloats.js";
import { parseClickHouseLocation, type ClickHouseLocation } from "./location.js";
import { ClickHouseReads } from "./reads.js";
import { readSnapshot, type Snapshot } from "./snapshot.js";
import * as vintages from "./vintages.js";
import { sourceRow } from "../sourceRows.js";
import { totalColumnsFrom } from "../tradeTotalColumns.js";
import { BACI_TABLES, baciDistributedDdl, baciLocalDdl, baciPhysicalName, CLICKHOUSE_SCHEMA_VERSION, HOME_TABLES, homeTableDdl, type HomeTable } from "./schema.js";
import { ident, int, join, list, qualified, sql, str, type SqlFragment } from "./sql.js";

export interface ClickHouseOpenOptions {
  readOnly?: boolean;
}

export class ClickHouseTradeStore implements TradeStore {
  private snapshotPromise: Promise<Snapshot> | undefined;
  /** False for a store written before `source_states` (vintage changes) existed, opened read-only: nothing in it is withdrawn. */
  private hasSourceStates = true;
  readonly reads: ClickHouseReads;

  private constructor(
    readonly location: string,
    readonly readOnly: boolean,
    readonly where: ClickHouseLocation,
    readonly home: ClickHouseConnection,
    /** One connection per shard (cluster mode with `shards`), for DDL and cleanup. */
    readonly shards: ClickHouseConnection[],
  ) {
    this.reads = new ClickHouseReads(this);
  }

  /** Opens `clickhouse://HOST:PORT/DATABASE[?cluster=NAME&shards=…]`; a writable open creates the schema. */
  static async open(address: string, options: ClickHouseOpenOptions = {}): Promise<ClickHouseTradeStore> {
    const where = parseClickHouseLocation(address);
    const home = new ClickHouseConnection(where.httpUrl, where.username, where.password);
    const shards = where.shardUrls.map((u) => new ClickHouseConnection(u, where.username, where.password));
    const store = new ClickHouseTradeStore(where.display, options.readOnly ?? false, where, home, shards);
    try {
      const up = await home.ping().catch(() => false);
      if (!up) throw new UsageError(`no ClickHouse server answers at ${where.httpUrl} (store ${where.display}); start it or fix --store / TRADETIES_STORE`);
      if (store.readOnly) await store.checkSchema();
      else await store.migrate();
    } catch (e) {
      await store.close();
      throw e;
    }
    return store;
  }

  table(name: string): SqlFragment {
    return qualified(this.where.database, name);
  }

  /** Physical tables holding BACI rows, with the connections that hold them. */
  private baciPhysical(): { conn: ClickHouseConnection; table: SqlFragment }[] {
    const conns = this.where.cluster ? this.shards : [this.home];
    return conns.flatMap((conn) => Object.keys(BACI_TABLES).map((t) => ({ conn, table: this.table(baciPhysicalName(t, this.where.cluster)) })));
  }

  private async migrate(): Promise<void> {
    const db = ident(this.where.database);
    for (const conn of [this.home, ...this.shards]) await conn.run(sql`CREATE DATABASE IF NOT EXISTS ${db}`);
    for (const ddl of homeTableDdl(this.where.database)) await this.home.run(ddl);
    if (this.where.cluster) {
      for (const shard of this.shards) for (const ddl of baciLocalDdl(this.where.database, this.where.cluster)) await shard.run(ddl);
      // Without `shards` the local tables must exist already; the Distributed DDL needs their structure.
      for (const ddl of baciDistributedDdl(this.where.database, this.where.cluster)) await this.home.run(ddl);
      await this.checkCluster();
    } else {
      for (const ddl of baciLocalDdl(this.where.database, undefined)) await this.home.run(ddl);
    }
    const version = await this.home.rows(sql`SELECT value FROM ${this.table("meta")} WHERE key = 'schema_version'`);
    if (version.length === 0) {
      await this.home.insertRows(this.table("meta"), [{ key: "schema_version", value: String(CLICKHOUSE_SCHEMA_VERSION) }]);
    }
  }

  /** Every shard of the cluster answers for every BACI table (a missing local table fails here, not mid-load). */
  private async checkCluster(): Promise<void> {
    const cluster = this.where.cluster!;
    const shards = await this.home.rows<{ n: number }>(sql`SELECT toUInt32(count()) AS n FROM system.clusters WHERE cluster = ${str(cluster)}`);
    if (Number(shards[0]?.n ?? 0) === 0) {
      throw new UsageError(`the ClickHouse server at ${this.where.httpUrl} defines no cluster '${cluster}' (see <remote_servers> in its config, and system.clusters)`);
    }
    for (const name of Object.keys(BACI_TABLES)) await this.home.rows(sql`SELECT count() FROM ${this.table(name)} WHERE source_key = 0`);
  }

  private async checkSchema(): Promise<void> {
    const rows = await this.home.rows<{ n: number }>(
      sql`SELECT toUInt32(count()) AS n FROM system.tables WHERE database = ${str(this.where.database)} AND name = 'sources'`,
    );
    if (Number(rows[0]?.n ?? 0) === 0) {
      throw new UsageError(`${this.location} is not a tradeties store (no sources table); load data with 'tradeties ingest --store ${this.location}'`);
    }
    const states = await this.home.rows<{ n: number }>(
      sql`SELECT toUInt32(count()) AS n FROM system.tables WHERE database = ${str(this.where.database)} AND name = 'source_states'`,
    );
    this.hasSourceStates = Number(states[0]?.n ?? 0) > 0;
    const version = await this.home.rows<{ value: string }>(sql`SELECT value FROM ${this.table("meta")} WHERE key = 'schema_version'`);
    const v = Number(version[0]?.value ?? 0);
    if (v !== CLICKHOUSE_SCHEMA_VERSION) {
      throw new UsageError(`${this.location} has ClickHouse store schema ${v}; this tradeties reads schema ${CLICKHOUSE_SCHEMA_VERSION}`);
    }
  }

  /** The reader's snapshot (read on first use and after each write). */
  snapshot(): Promise<Snapshot> {
    this.snapshotPromise ??= this.readSnapshot();
    return this.snapshotPromise;
  }

  private readSnapshot(): Promise<Snapshot> {
    return readSnapshot(this.home, (name) => this.table(name), this.hasSourceStates);
  }

  /** The snapshot read again (after a write through this store). */
  refresh(): Promise<Snapshot> {
    this.snapshotPromise = undefined;
    return this.snapshot();
  }

  private assertWritable(): void {
    if (this.readOnly) throw new UsageError(`the store ${this.location} is open read-only; ingest with 'tradeties ingest --store ${this.location}'`);
  }

  async findSource(sourceId: string): Promise<SourceRecord | undefined> {
    const snap = await this.snapshot();
    const key = snap.keyOf.get(sourceId);
    return key === undefined ? undefined : snap.byKey.get(key);
  }

  async listSources(): Promise<SourceRecord[]> {
    return (await this.snapshot()).sources;
  }

  /** The latest load of `datasetKey` and the years its rows cover (the shrink guard reads both). */
  currentVintage(datasetKey: string): Promise<VintageCoverage | undefined> {
    return vintages.currentVintage(this, datasetKey);
  }

  dropSource(sourceId: string): Promise<VintageChange> {
    this.assertWritable();
    return vintages.dropSource(this, sourceId);
  }

  restorePreviousVintage(datasetKey: string): Promise<VintageChange> {
    this.assertWritable();
    return vintages.restorePreviousVintage(this, datasetKey);
  }

  async contentVersion(): Promise<string> {
    // As the DuckDB store's: every listed source, marked when it is not the current vintage of its key.
    const snap = await this.snapshot();
    const current = new Set(snap.current);
    const ids = snap.sources.map((s) => s.sourceId + (current.has(snap.keyOf.get(s.sourceId)!) ? "" : "-")).join(",");
    return createHash("sha256").update(ids).digest("hex").slice(0, 16);
  }

  async engineMemoryBytes(): Promise<number> {
    const rows = await this.home.rows(sql`SELECT toFloat64(value) AS b FROM system.metrics WHERE metric = 'MemoryTracking'`);
    return Number(rows[0]?.b ?? 0);
  }

  /** Starts a load: a fresh key recorded in `load_attempts`, so rows of a failed load never become another file's. */
  async beginLoad(identity: FileIdentity): Promise<number> {
    const rows = await this.home.rows(sql`SELECT toUInt32(max(source_key)) AS k FROM ${this.table("load_attempts")}`);
    const key = Number(rows[0]?.k ?? 0) + 1;
    await this.home.insertRows(this.table("load_attempts"), [{ source_key: key, source_id: identity.sourceId, started_at: new Date().toISOString() }]);
    return key;
  }

  /** Entity ids for codes, assigning new ones (UInt16, from 1) to codes never seen. */
  async entityIds(codes: Iterable<string>): Promise<Map<string, number>> {
    const unique = [...new Set(codes)];
    const bad = unique.findIndex((c) => typeof c !== "string" || c === "");
    if (bad >= 0) throw new TradetiesError(`a row names no entity (${String(unique[bad])}); every reporter, partner, from and to must be resolved before storing`);
    const snap = await this.refresh();
    const missing = unique.filter((c) => !snap.entityId.has(c)).sort();
    if (missing.length > 0) {
      let next = Math.max(0, ...snap.entityCode.keys()) + 1;
      if (next + missing.length > 65535) throw new TradetiesError(`the store ${this.location} has no room for ${missing.length} more entity ids`);
      await this.home.insertRows(this.table("entities"), missing.map((code) => ({ entity_id: next++, code })));
      return (await this.refresh()).entityId;
    }
    return snap.entityId;
  }

  /** The last step of a load: its `sources` row, which makes its rows visible. */
  async publishSource(
    key: number,
    identity: FileIdentity,
    file: Omit<ResolvedFile, "trade" | "series" | "prices" | "products">,
    rowsStored: number,
    rowsRejected: number,
  ): Promise<SourceRecord> {
    // The highest number ever given under the key, dropped sources included: a dropped vintage's number may be cited.
    const prior = await this.home.rows(sql`SELECT toUInt32(max(vintage_number)) AS n FROM ${this.table("sources")} WHERE dataset_key = ${str(file.datasetKey)}`);
    const vintageNumber = Number(prior[0]?.n ?? 0) + 1;
    await this.home.insertRows(this.table("sources"), [{ source_key: key, ...sourceRow(identity, file, vintageNumber, rowsStored, rowsRejected) }]);
    const source = (await this.refresh()).byKey.get(key);
    if (!source) throw new TradetiesError(`source ${identity.fileName} is not visible after its sources row was written`);
    return source;
  }

  /** Drops every row written under `key` (a failed load) and its staging tables; says so if that fails too. */
  async abandonLoad(key: number, failure: unknown): Promise<never> {
    const problems = await this.dropRowsOf(key);
    await this.dropStaging(key).catch((e: Error) => problems.push(e.message));
    if (problems.length === 0) throw failure;
    const message = failure instanceof Error ? failure.message : String(failure);
    throw new TradetiesError(`${message} (the partial load under source key ${key} stays invisible; removing it failed: ${problems[0]})`, {}, { cause: failure });
  }

  /** Drops the partition of `key` in every data table; returns what failed. */
  async dropRowsOf(key: number): Promise<string[]> {
    const problems: string[] = [];
    const partitioned = Object.entries(HOME_TABLES).filter(([, d]) => d.partitioned).map(([n]) => ({ conn: this.home, table: this.table(n) }));
    for (const { conn, table } of [...partitioned, ...this.baciPhysical()]) {
      await conn.run(sql`ALTER TABLE ${table} DROP PARTITION ${int(key)}`).catch((e: Error) => problems.push(e.message));
    }
    return problems;
  }

  stagingName(key: number, what: string): SqlFragment {
    return this.table(`stage_${key}_${what}`);
  }

  async dropStaging(key: number): Promise<void> {
    const rows = await this.home.rows<{ name: string }>(
      sql`SELECT name FROM system.tables WHERE database = ${str(this.where.database)} AND startsWith(name, ${str(`stage_${key}_`)})`,
    );
    for (const r of rows) await this.home.run(sql`DROP TABLE IF EXISTS ${this.table(r.name)}`);
  }

  /** MergeTree keeps every table in its ORDER BY key (trade_reported: reporter, partner, year) by itself. */
  async sortForReads(): Promise<number> {
    return 0;
  }

  async storeFile(identity: FileIdentity, file: ResolvedFile): Promise<StoreResult> {
    this.assertWritable();
    await this.refresh();
    const existing = await this.findSource(identity.sourceId);
    if (existing) return { source: existing, changed: false, rejected: [], rejectedCount: 0, skipped: [] };
    const key = await this.beginLoad(identity);
    let source: SourceRecord;
    try {
      const codes = [
        ...file.trade.flatMap((r) => [r.reporter, r.partner]),
        ...file.series.flatMap((r) => [r.from, r.to]),
        ...file.products.flatMap((r) => [r.reporter, r.partner]),
      ];
      const ids = await this.entityIds(codes);
      const id = (code: string) => ids.get(code)!;
      const text = (v: string | undefined) => v ?? null;
      await this.insertExact(key, "trade_reported", file.trade.map((r) => ({
        source_key: key, line: r.line, cell: text(r.cell), year: r.year, reporter: id(r.reporter), partner: id(r.partner),
        partner_kind: r.partnerKind, flow: r.flow, product_code: r.productCode, classification: r.classification,
        value_usd: floatHex(r.valueUsd), valuation: r.valuation, estimated: r.estimated ? 1 : 0,
        quantity: floatHex(r.quantity), quantity_unit: text(r.quantityUnit),
      })));
      await this.insertExact(key, "bilateral_series", file.series.map((r) => ({
        source_key: key, line: r.line, cell: text(r.cell), period: r.period, year: r.year, month: r.month ?? null,
        from_entity: id(r.from), to_entity: id(r.to), metric: r.metric, breakdown: r.breakdown, value: floatHex(r.value), unit: r.unit,
        published_point: r.publishedPoint ? 1 : 0, approximate: r.approximate ? 1 : 0, publisher: text(r.publisher),
        source_url: text(r.sourceUrl), published: text(r.published), note: text(r.note),
      })));
      await this.insertExact(key, "price_series", file.prices.map((r) => ({
        source_key: key, line: r.line, series: r.series, date: r.date, year: r.year, month: r.month ?? null, frequency: r.frequency,
        value: floatHex(r.value), unit: r.unit,
      })));
      await this.insertExact(key, "published_products", file.products.map((r) => ({
        source_key: key, line: r.line, period: r.period, year: r.year, reporter: id(r.reporter), partner: id(r.partner), flow: r.flow,
        classification: r.classification, code: r.code, product: r.product, value_usd: floatHex(r.valueUsd), share: floatHex(r.share),
        publisher: text(r.publisher), source_url: text(r.sourceUrl), published: text(r.published), note: text(r.note),
      })));
      const stored = file.trade.length + file.series.length + file.prices.length + file.products.length;
      source = await this.publishSource(key, identity, file, stored, file.rejected.length);
    } catch (e) {
      return this.abandonLoad(key, e);
    }
    return { source, changed: true, rejected: file.rejected, rejectedCount: file.rejected.length, skipped: file.skipped };
  }

  /**
   * Inserts JS rows into a home table with every Float64 bit-exact: the rows go as JSON into a
   * staging table whose float columns are hex text, then one INSERT … SELECT decodes them.
   */
  private async insertExact(key: number, table: HomeTable, rows: Row[]): Promise<void> {
    if (rows.length === 0) return;
    const columns = HOME_TABLES[table]!.columns.split(",").map((c) => {
      const [name, ...type] = c.trim().split(/\s+/);
      return { name: name!, type: type.join(" ") };
    });
    const stage = this.stagingName(key, table);
    const stageTypes = columns.map((c) => (/Float64/.test(c.type) ? sql`${ident(c.name)} String` : sql`${ident(c.name)} ${typeOf(c.type)}`));
    await this.home.run(sql`CREATE TABLE ${stage} (${join(stageTypes, ", ")}) ENGINE = Log`);
    await this.home.insertRows(stage, rows);
    const decoded = columns.map((c) =>
      /Float64/.test(c.type) ? sql`${decodeFloatHex(ident(c.name), c.type.startsWith("Nullable"))} AS ${ident(c.name)}` : ident(c.name),
    );
    await this.home.run(sql`INSERT INTO ${this.table(table)} (${join(columns.map((c) => ident(c.name)), ", ")}) SELECT ${join(decoded, ", ")} FROM ${stage}`);
    await this.home.run(sql`DROP TABLE ${stage}`);
  }

  async storeBaciFile(options: BaciLoadOptions): Promise<StoreResult> {
    this.assertWritable();
    await this.refresh();
    const existing = await this.findSource(options.identity.sourceId);
    if (existing) return { source: existing, changed: false, rejected: [], rejectedCount: 0, skipped: [] };
    return loadBaciFile(this, options);
  }

  tradeRows: TradeStore["tradeRows"] = (q) => this.reads.tradeRows(q);
  tradeTotals: TradeStore["tradeTotals"] = (q) => this.reads.tradeTotals(q);
  // The cluster's rows, laid out as columns here: the reads that ask for columns get the same rows in the same order.
  tradeTotalColumns: TradeStore["tradeTotalColumns"] = async (q) => totalColumnsFrom(await this.reads.tradeTotals(q));
  seriesRows: TradeStore["seriesRows"] = (q) => this.reads.seriesRows(q);
  priceRows: TradeStore["priceRows"] = (series, frequency) => this.reads.priceRows(series, frequency);
  productPoints: TradeStore["productPoints"] = (q) => this.reads.productPoints(q);
  reconciledTotals: TradeStore["reconciledTotals"] = (q) => this.reads.reconciledTotals(q);
  reconciledProducts: TradeStore["reconciledProducts"] = (q) => this.reads.reconciledProducts(q);
  reconciledChapterTotals: TradeStore["reconciledChapterTotals"] = (q) => this.reads.reconciledChapterTotals(q);
  reconciledWorldTotals: TradeStore["reconciledWorldTotals"] = (q) => this.reads.reconciledWorldTotals(q);
  reconciledChapterWorld: TradeStore["reconciledChapterWorld"] = (q) => this.reads.reconciledChapterWorld(q);
  reconciledProductExports: TradeStore["reconciledProductExports"] = (q) => this.reads.reconciledProductExports(q);

  /** Rows per shard of a BACI table for the visible sources (cluster mode with `shards`): shows the split. */
  async rowsPerShard(table: keyof typeof BACI_TABLES): Promise<number[]> {
    const conns = this.where.cluster ? this.shards : [this.home];
    const keys = (await this.snapshot()).current;
    return Promise.all(
      conns.map(async (conn) => {
        const r = await conn.rows(
          sql`SELECT toFloat64(count()) AS n FROM ${this.table(baciPhysicalName(table, this.where.cluster))} WHERE source_key IN ${list(keys.map((k) => int(k)))}`,
        );
        return Number(r[0]?.n ?? 0);
      }),
    );
  }

  /** Drops the store's database on every server (tests and benchmarks). */
  async dropDatabase(): Promise<void> {
    this.assertWritable();
    for (const conn of [this.home, ...this.shards]) await conn.run(sql`DROP DATABASE IF EXISTS ${ident(this.where.database)}`);
  }

  async close(): Promise<void> {
    await Promise.all([this.home, ...this.shards].map((c) => c.close()));
  }
}

/** A column type from the schema constants, as a trusted fragment (only those constants reach here). */
function typeOf(type: string): SqlFragment {
  if (!/^(Nullable\()?(String|UInt8|UInt16|UInt32|UInt64|Float64)\)?$/.test(type)) throw new TypeError(`unexpected column type ${type}`);
  const m = /^Nullable\((\w+)\)$/.exec(type);
  return m ? sql`Nullable(${ident(m[1]!)})` : ident(type);
}
