/**
 * The one interface through which ingest, analysis, reports and the server reach stored data.
 * DuckDB implements it today (`DuckDbTradeStore`); a scale-out backend (ClickHouse) can implement
 * it later without touching analysis code. Every row returned carries its provenance.
 * @module
 */
import type { EntityCode, ParsedFile, RawPriceRecord, RawProductPoint, RawSeriesRecord, RawTradeRecord, RejectedRow, SkippedRows, TradeFlow, Valuation } from "../model.js";
import type { EntityKind } from "../reference/countries.js";
import type { TradeTotalColumns } from "./tradeTotalColumns.js";

/** A loaded file, as `tradeties sources` lists it. */
export interface SourceRecord {
  /** SHA-256 of the file's bytes: the same bytes are the same source, whatever the file is called. */
  sourceId: string;
  fileName: string;
  adapter: string;
  dataset: string;
  datasetKey: string;
  /** Edition: the label the file states, else `v<n>` — the n-th distinct content loaded for this datasetKey. */
  vintage: string;
  vintageNumber: number;
  /** True when a later vintage of the same datasetKey replaced it in queries. */
  superseded: boolean;
  /**
   * True when the user set this vintage aside with {@link TradeStore.restorePreviousVintage}: its
   * rows are kept but no query uses them, and it is never the current vintage again (drop it and
   * load the file again to use it). A withdrawn source is not `superseded`.
   */
  withdrawn: boolean;
  reportedBy: ParsedFile["reportedBy"];
  loadedAt: string;
  rowsRead: number;
  rowsStored: number;
  rowsRejected: number;
  rowsSkipped: number;
  notes: string[];
}

/** Rows ready to store: country references already resolved to entities. */
export type ResolvedTradeRow = Omit<RawTradeRecord, "reporter" | "partner"> & { reporter: EntityCode; partner: EntityCode; partnerKind: EntityKind };

/** A series record with its country references resolved to entities. */
export type ResolvedSeriesRow = Omit<RawSeriesRecord, "from" | "to"> & { from: EntityCode; to: EntityCode };

/** Price records carry no country reference: stored as read. */
export type ResolvedPriceRow = RawPriceRecord;

/** A published product point with reporter and partner resolved to entities. */
export type ResolvedProductPoint = Omit<RawProductPoint, "reporter" | "partner" | "flow"> & { reporter: EntityCode; partner: EntityCode; flow: string };

/** Everything from one file, resolved, with the accounting that must add up. */
export interface ResolvedFile {
  adapter: string;
  dataset: string;
  datasetKey: string;
  vintageLabel?: string;
  reportedBy: ParsedFile["reportedBy"];
  rowsRead: number;
  trade: ResolvedTradeRow[];
  series: ResolvedSeriesRow[];
  prices: ResolvedPriceRow[];
  products: ResolvedProductPoint[];
  rejected: RejectedRow[];
  skipped: SkippedRows[];
  notes: string[];
  /** See {@link ParsedFile.checkOnly}. */
  checkOnly?: boolean;
}

export interface FileIdentity {
  sourceId: string;
  fileName: string;
}

/** What a row says about the load (file) it came from; the strings are shared by every row of the load. */
export interface LoadProvenance {
  sourceId: string;
  fileName: string;
  dataset: string;
  vintage: string;
  adapter: string;
  reportedBy: string;
}

/** Provenance attached to every row a query returns: its load, and its line (and cell) in the file. */
export interface Provenance extends LoadProvenance {
  line: number;
  cell?: string;
}

/**
 * An all-product trade figure with its load's provenance but not its line: the lean row of
 * {@link TradeStore.tradeTotals}, for reads of a reporter's trade with every partner (~20,000 rows)
 * whose footnote is the file, not the line.
 */
export interface TradeTotalRow extends LoadProvenance {
  year: number;
  reporter: EntityCode;
  partner: EntityCode;
  partnerKind: EntityKind;
  flow: TradeFlow;
  valueUsd: number;
  estimated: boolean;
}

export interface StoredTradeRow extends Provenance, Omit<TradeTotalRow, "partnerKind"> {
  partnerKind: string;
  productCode: string;
  classification: string;
  valuation: Valuation;
}

export interface StoredSeriesRow extends Provenance, Omit<ResolvedSeriesRow, "line" | "cell"> {}
export interface StoredPriceRow extends Provenance, Omit<ResolvedPriceRow, "line"> {}
export interface StoredProductPoint extends Provenance, Omit<ResolvedProductPoint, "line"> {}

export interface TradeQuery {
  reporters?: EntityCode[];
  partners?: EntityCode[];
  flows?: TradeFlow[];
  /** Defaults to ["TOTAL"]: all-product values. */
  productCodes?: string[];
  datasets?: string[];
  fromYear?: number;
  toYear?: number;
}

/** {@link TradeQuery} for all-product totals: every field but the product codes. */
export type TradeTotalsQuery = Omit<TradeQuery, "productCodes">;

export interface SeriesQuery {
  from?: EntityCode[];
  to?: EntityCode[];
  metrics?: string[];
  fromYear?: number;
  toYear?: number;
}

/** Bilateral product-level flows from a reconciled dataset (BACI): exporter → importer. */
export interface ReconciledFlowQuery {
  exporters?: EntityCode[];
  importers?: EntityCode[];
  fromYear?: number;
  toYear?: number;
}

export interface ReconciledTotalRow {
  year: number;
  exporter: EntityCode;
  importer: EntityCode;
  valueUsd: number;
  products: number;
  sourceIds: string[];
  /** Σ over the HS6 lines of value²: HHI over HS6 lines = valueSqUsd / valueUsd². Absent on stores that predate it. */
  valueSqUsd?: number;
  /** Σ over HS6 lines k of min(x_ij,k, x_ji,k): the two-way overlap; Grubel–Lloyd = 2·intra / (X + M). */
  intraUsd?: number;
}

/** One HS chapter (2 digits) of an exporter→importer flow in a year, from the chapter rollup. */
export interface ReconciledChapterRow {
  year: number;
  exporter: EntityCode;
  importer: EntityCode;
  /** Two digits, leading zero kept ("01"). */
  chapter: string;
  valueUsd: number;
  /** HS6 lines in the chapter. */
  products: number;
  /** Σ value² over the chapter's HS6 lines (for HHI over HS6 lines without reading them). */
  valueSqUsd: number;
  /** Σ over the chapter's HS6 lines of min(exports, imports) between the two countries. */
  intraUsd: number;
  sourceIds: string[];
}

export interface ReconciledWorldQuery {
  /** Countries to return; omitted: every country. The world row ("WLD") always comes too. */
  entities?: EntityCode[];
  fromYear?: number;
  toYear?: number;
}

/** A country's total exports to and imports from the world in BACI, or the world's total (entity "WLD"). */
export interface ReconciledWorldTotalRow {
  year: number;
  entity: EntityCode;
  exportsUsd: number;
  importsUsd: number;
}

export interface ReconciledProductExportQuery {
  /** Exporters; omitted: the world total by product (exporter "WLD"). */
  exporters?: EntityCode[];
  /** HS6 codes; omitted: every product. */
  products?: string[];
  fromYear?: number;
  toYear?: number;
}

/** Exports of one HS6 product by one exporter (or the world) to all importers in a year: RCA's x_ij and x_wj. */
export interface ReconciledProductExportRow {
  year: number;
  exporter: EntityCode;
  hs6: string;
  valueUsd: number;
}

export interface ReconciledChapterWorldQuery {
  /** "exports": the entities' exports to every importer; "imports": their imports from every exporter. */
  side: "exports" | "imports";
  /** Entities, each returned on its own rows; omitted: the world's total by chapter (entity "WLD"). */
  entities?: EntityCode[];
  fromYear?: number;
  toYear?: number;
}

/** One entity's (or the world's) trade with the world in one HS chapter and year, from the chapter rollups. */
export interface ReconciledChapterWorldRow {
  year: number;
  entity: EntityCode;
  /** Two digits, leading zero kept ("01"). */
  chapter: string;
  valueUsd: number;
}

export interface ReconciledProductRow {
  year: number;
  exporter: EntityCode;
  importer: EntityCode;
  hs6: string;
  valueUsd: number;
  quantityTonnes: number | null;
}

/** What one vintage holds: enough to tell whether a new file would hide most of it. */
export interface VintageCoverage {
  source: SourceRecord;
  /** Distinct calendar years with at least one stored row, ascending. */
  years: number[];
}

/**
 * Decides, before the new source's transaction commits, whether it may become the current vintage
 * of its datasetKey: `candidate` is the new source as it would be stored, `current` the vintage it
 * would supersede (undefined when it is the first). Throws (an IngestError) to refuse; the store
 * then rolls the whole file back.
 */
export type VintageGuard = (candidate: VintageCoverage, current: VintageCoverage | undefined) => void;

/** What {@link TradeStore.dropSource} and {@link TradeStore.restorePreviousVintage} changed. */
export interface VintageChange {
  /** The source deleted (drop) or set aside (restore), as it was before the change. */
  removed: SourceRecord;
  /** The vintage of the same datasetKey that queries use after the change; undefined when none is left. */
  current?: SourceRecord;
}

export interface BaciLoadOptions {
  filePath: string;
  identity: FileIdentity;
  /** Shown in `sources`; BACI file names carry it (V202301). */
  vintageLabel?: string;
  datasetKey: string;
  /** Called with a fraction 0..1 while loading, for a progress bar. */
  onProgress?: (fraction: number, stage: string) => void;
  /**
   * Called inside the load's transaction once the rows are in place and counted, before commit;
   * throwing refuses the file and rolls everything back. (Other files are checked by the pipeline
   * before `storeFile`, whose rows it already holds.)
   */
  guard?: VintageGuard;
}

export interface StoreResult {
  source: SourceRecord;
  /** False when the same bytes were already loaded: nothing changed. */
  changed: boolean;
  /** The first rejected rows (a sample for very large files). */
  rejected: RejectedRow[];
  /** Exact number of rejected rows. */
  rejectedCount: number;
  /** Exact rejected rows by reason (BACI loads: year, exporter, importer, hs, value, negative, quantity, duplicate). */
  rejectedByReason?: Record<string, number>;
  skipped: SkippedRows[];
}

export interface TradeStore {
  readonly location: string;
  readonly readOnly: boolean;
  findSource(sourceId: string): Promise<SourceRecord | undefined>;
  /** Stores one file in one transaction: all its rows or none. */
  storeFile(identity: FileIdentity, file: ResolvedFile): Promise<StoreResult>;
  /**
   * Streams a BACI `t,i,j,k,v,q` CSV (or a Parquet file with those columns) through the engine; rows
   * never pass through JS. Maintains the BACI rollups in the same transaction.
   */
  storeBaciFile(options: BaciLoadOptions): Promise<StoreResult>;
  /**
   * Lays the stored rows out for reads after an ingest command's files are stored: DuckDB sorts
   * `trade_reported` by reporter when enough of it arrived since the last sort (duckdb/layout.ts);
   * ClickHouse's MergeTree keeps its sort key by itself. Answers never change.
   * @returns rows rewritten (0: nothing to do).
   */
  sortForReads(): Promise<number>;
  /** Every loaded source, current, superseded and withdrawn, in load order. */
  listSources(): Promise<SourceRecord[]>;
  /**
   * The vintage of `datasetKey` that queries use now — the latest load that is not withdrawn — with
   * the years it covers; undefined when nothing is loaded under that key.
   */
  currentVintage(datasetKey: string): Promise<VintageCoverage | undefined>;
  /**
   * Deletes one source and everything it contributed (rows of every table, BACI rollups, its
   * sources row) in one transaction: a crash leaves either all of it or none. When it was the
   * current vintage, the previous vintage of its datasetKey that is not withdrawn becomes current
   * again; vintage numbers of other sources are not renumbered. Loading the same file later loads
   * it afresh. Throws NotFoundError when no source has `sourceId`.
   */
  dropSource(sourceId: string): Promise<VintageChange>;
  /**
   * Returns `datasetKey` to its previous vintage: the current vintage is marked `withdrawn` (rows
   * kept, listed by `listSources`, used by no query), so the latest earlier vintage that is not
   * withdrawn is current again. One transaction. Throws NotFoundError when nothing is loaded under
   * `datasetKey`, and UsageError when the current vintage is the only one (nothing to return to:
   * drop it instead).
   */
  restorePreviousVintage(datasetKey: string): Promise<VintageChange>;
  /*
   * The row methods return one total order, the same on every backend: the columns each orders by
   * (year, reporter, partner, flow, dataset for trade rows; year, month, period, metric, breakdown,
   * dataset for series; date for prices; year, flow, code for product points), then the source's
   * load order, then line (and cell). Reports are byte-identical across backends because of it.
   */
  tradeRows(query: TradeQuery): Promise<StoredTradeRow[]>;
  /**
   * The rows `tradeRows` returns for the same query (all-product totals) as {@link TradeTotalRow}s:
   * no line, cell, classification or valuation, ordered by year, reporter, partner, flow, then the
   * load order and line (no dataset in the sort). ~5× cheaper than `tradeRows` on a reporter's
   * trade with every partner; ranks, shares, peers and supplier shares read this. Read-only: a
   * store may give every caller of a query the same (frozen) array.
   */
  tradeTotals(query: TradeTotalsQuery): Promise<readonly TradeTotalRow[]>;
  /**
   * The rows of {@link tradeTotals} for the same query as columns (see tradeTotalColumns.ts), in the
   * same order: for reads of many rows of which a caller keeps a few (a side's trade with every
   * partner). Read-only: a store may give every caller of a query the same columns.
   */
  tradeTotalColumns(query: TradeTotalsQuery): Promise<TradeTotalColumns>;
  seriesRows(query: SeriesQuery): Promise<StoredSeriesRow[]>;
  priceRows(series: string, frequency?: "annual" | "monthly"): Promise<StoredPriceRow[]>;
  productPoints(query: { reporters?: EntityCode[]; partners?: EntityCode[] }): Promise<StoredProductPoint[]>;
  reconciledTotals(query: ReconciledFlowQuery): Promise<ReconciledTotalRow[]>;
  /** HS6 detail: reads `baci_flows`. Profiles and reports use the rollup methods below instead. */
  reconciledProducts(query: ReconciledFlowQuery): Promise<ReconciledProductRow[]>;
  /** Year × exporter × importer × HS chapter, from the chapter rollup. */
  reconciledChapterTotals(query: ReconciledFlowQuery): Promise<ReconciledChapterRow[]>;
  /** Countries' (and the world's) total BACI exports and imports by year, from the country rollups. */
  reconciledWorldTotals(query: ReconciledWorldQuery): Promise<ReconciledWorldTotalRow[]>;
  /** Exports or imports by entity (or world) × HS chapter × year, from the chapter rollups: chapter-level RCA and shares. */
  reconciledChapterWorld(query: ReconciledChapterWorldQuery): Promise<ReconciledChapterWorldRow[]>;
  /** Exports by exporter (or world) × HS6 × year, from the exporter×HS6 rollup: RCA's inputs. */
  reconciledProductExports(query: ReconciledProductExportQuery): Promise<ReconciledProductExportRow[]>;
  /** Bytes the storage engine holds in memory now (DuckDB: Σ duckdb_memory()); for benchmarks and diagnostics. */
  engineMemoryBytes(): Promise<number>;
  /** Changes whenever the loaded sources change; an HTTP ETag is built from it. */
  contentVersion(): Promise<string>;
  close(): Promise<void>;
}
