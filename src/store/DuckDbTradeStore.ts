/**
 * DuckDB implementation of {@link TradeStore}. This file and `duckdb/` are the only importers of
 * `@duckdb/node-api`; the work lives in `duckdb/` by concern (engine, schema, sources, ingest,
 * rollups, queries) and this class only wires the interface to it.
 * @module
 */
import { StoreDb, type OpenOptions } from "./duckdb/connection.js";
import { storeBaciFile } from "./duckdb/baciIngest.js";
import { storeFile } from "./duckdb/fileIngest.js";
import { sortTradeRows } from "./duckdb/layout.js";
import { checkSchema, migrate } from "./duckdb/migrations.js";
import * as reconciled from "./duckdb/reconciledQueries.js";
import * as reported from "./duckdb/reportedQueries.js";
import * as sources from "./duckdb/sources.js";
import * as vintages from "./duckdb/vintages.js";
import { memoKey, ReadMemo } from "./readMemo.js";
import type { BaciLoadOptions, FileIdentity, ResolvedFile, SourceRecord, StoreResult, TradeStore, VintageChange, VintageCoverage } from "./TradeStore.js";

export { DEFAULT_WRITER_MEMORY_LIMIT, type OpenOptions } from "./duckdb/connection.js";

export class DuckDbTradeStore implements TradeStore {
  /** Only for a store open read-only: nothing can change it while it is open (see readMemo.ts). */
  private readonly memo: ReadMemo | undefined;

  private constructor(private readonly db: StoreDb) {
    this.memo = db.readOnly ? new ReadMemo() : undefined;
  }

  private remembered<T extends object>(method: string, query: unknown, load: () => Promise<T[]>): Promise<T[]> {
    return this.memo ? this.memo.rows(memoKey(method, query), load) : load();
  }

  private rememberedShared<T extends object>(method: string, query: unknown, load: () => Promise<T[]>): Promise<readonly T[]> {
    return this.memo ? this.memo.shared(memoKey(method, query), load) : load();
  }

  get location(): string {
    return this.db.location;
  }

  get readOnly(): boolean {
    return this.db.readOnly;
  }

  /** Opens (creating when writable) a store file; ":memory:" for a throwaway store. */
  static async open(location: string, options: OpenOptions = {}): Promise<DuckDbTradeStore> {
    const db = await StoreDb.open(location, options);
    try {
      if (db.readOnly) await checkSchema(db);
      else await migrate(db);
    } catch (error) {
      await db.close();
      throw error;
    }
    return new DuckDbTradeStore(db);
  }

  findSource(sourceId: string): Promise<SourceRecord | undefined> {
    return sources.findSource(this.db, sourceId);
  }

  listSources(): Promise<SourceRecord[]> {
    return sources.listSources(this.db);
  }

  currentVintage(datasetKey: string): Promise<VintageCoverage | undefined> {
    return vintages.currentVintage(this.db, datasetKey);
  }

  dropSource(sourceId: string): Promise<VintageChange> {
    return vintages.dropSource(this.db, sourceId);
  }

  restorePreviousVintage(datasetKey: string): Promise<VintageChange> {
    return vintages.restorePreviousVintage(this.db, datasetKey);
  }

  contentVersion(): Promise<string> {
    return sources.contentVersion(this.db);
  }

  storeFile(identity: FileIdentity, file: ResolvedFile): Promise<StoreResult> {
    return storeFile(this.db, identity, file);
  }

  sortForReads(): Promise<number> {
    return sortTradeRows(this.db);
  }

  storeBaciFile(options: BaciLoadOptions): Promise<StoreResult> {
    return storeBaciFile(this.db, options);
  }

  /**
   * Writes the current BACI detail as Parquet, one folder per year (`year=2021/…`), zstd-compressed.
   * @returns rows written.
   */
  exportBaciParquet(dir: string): Promise<number> {
    return reconciled.exportBaciParquet(this.db, dir);
  }

  engineMemoryBytes(): Promise<number> {
    return this.db.engineMemoryBytes();
  }

  tradeRows: TradeStore["tradeRows"] = (q) => this.remembered("tradeRows", q, () => reported.tradeRows(this.db, q));
  tradeTotals: TradeStore["tradeTotals"] = (q) => this.rememberedShared("tradeTotals", q, () => reported.tradeTotals(this.db, q));
  tradeTotalColumns: TradeStore["tradeTotalColumns"] = (q) =>
    this.memo ? this.memo.sharedValue(memoKey("tradeTotalColumns", q), () => reported.tradeTotalColumns(this.db, q), (c) => c.rowCount) : reported.tradeTotalColumns(this.db, q);
  seriesRows: TradeStore["seriesRows"] = (q) => this.remembered("seriesRows", q, () => reported.seriesRows(this.db, q));
  priceRows: TradeStore["priceRows"] = (series, frequency) => this.remembered("priceRows", { series, frequency }, () => reported.priceRows(this.db, series, frequency));
  productPoints: TradeStore["productPoints"] = (q) => this.remembered("productPoints", q, () => reported.productPoints(this.db, q));
  reconciledTotals: TradeStore["reconciledTotals"] = (q) => this.remembered("reconciledTotals", q, () => reconciled.reconciledTotals(this.db, q));
  reconciledProducts: TradeStore["reconciledProducts"] = (q) => this.remembered("reconciledProducts", q, () => reconciled.reconciledProducts(this.db, q));
  reconciledChapterTotals: TradeStore["reconciledChapterTotals"] = (q) => this.remembered("reconciledChapterTotals", q, () => reconciled.reconciledChapterTotals(this.db, q));
  reconciledWorldTotals: TradeStore["reconciledWorldTotals"] = (q) => this.remembered("reconciledWorldTotals", q, () => reconciled.reconciledWorldTotals(this.db, q));
  reconciledChapterWorld: TradeStore["reconciledChapterWorld"] = (q) => this.remembered("reconciledChapterWorld", q, () => reconciled.reconciledChapterWorld(this.db, q));
  reconciledProductExports: TradeStore["reconciledProductExports"] = (q) => this.remembered("reconciledProductExports", q, () => reconciled.reconciledProductExports(this.db, q));

  close(): Promise<void> {
    return this.db.close();
  }
}
