/**
 * The DuckDB engine behind the store: opening a file, the write connection and its transactions,
 * a small pool of read connections, appenders. `@duckdb/node-api` returns integers as BigInt, so
 * every query casts in SQL (DOUBLE, INTEGER) and rows are converted to plain objects here, once.
 * @module
 */
import { DuckDBConnection, DuckDBInstance, DuckDBTypeId, type DuckDBMaterializedResult } from "@duckdb/node-api";
import { environmentErrorFrom } from "../../environmentErrors.js";
import { CorruptStoreError, DiskFullError, EnvironmentError, TradetiesError, UsageError } from "../../errors.js";
import { PreparedReads } from "./preparedReads.js";

/** A raw engine error that stands for a full disk, a permission or a damaged file, as that error; others unchanged. */
export function classifyEngineError(error: unknown, location: string, action = "write the store"): unknown {
  if (error instanceof EnvironmentError) return error;
  if (error instanceof TradetiesError) {
    // A message about the input (IngestError) may wrap a full disk or a damaged store: those win.
    const inner = environmentErrorFrom(error.cause, { path: location, action });
    return inner instanceof DiskFullError || inner instanceof CorruptStoreError ? inner : error;
  }
  return environmentErrorFrom(error, { path: location, action }) ?? error;
}

export type Params = Record<string, string | number | boolean | null>;
export type SqlRow = Record<string, unknown>;

/**
 * DuckDB memory cap for writable stores unless the caller or TRADETIES_DUCKDB_MEMORY says otherwise.
 * 1 GB: with the BACI ingest's statements working in parts (rollups.ts), a 20 M-row file peaks at
 * ~1.1 GiB of process RSS under it; at 2 GB the same file peaked at 1.9 GiB.
 */
export const DEFAULT_WRITER_MEMORY_LIMIT = "1GB";

/**
 * DuckDB threads for a BACI ingest unless TRADETIES_INGEST_THREADS says otherwise. One: the
 * ingest's aggregates and hash joins cost ~25 % less CPU on one thread than on two (no partition
 * merging), and on a machine whose cores are shared that is also the shorter wall time. On a
 * machine with idle cores more threads finish sooner at a higher CPU cost.
 */
export const DEFAULT_INGEST_THREADS = 1;

/** The thread count a BACI ingest runs with (TRADETIES_INGEST_THREADS, else {@link DEFAULT_INGEST_THREADS}). */
export function ingestThreads(): number {
  const text = process.env.TRADETIES_INGEST_THREADS;
  if (text === undefined || text === "") return DEFAULT_INGEST_THREADS;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`TRADETIES_INGEST_THREADS must be a whole number of threads, 1 or more; got "${text}"`);
  return n;
}

export interface OpenOptions {
  readOnly?: boolean;
  /** DuckDB's memory cap, e.g. "2GB"; keeps world-scale ingest flat. */
  memoryLimit?: string;
  threads?: number;
}

/** How {@link StoreDb.appendRows} writes a column. */
export type ColumnKind = "text" | "int" | "double" | "bool";

export class StoreDb {
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
  /** Lookups derived from small tables (sources, entities), dropped by every write: see {@link cached}. */
  private readonly lookups = new Map<string, Promise<unknown>>();
  private nextReader = 0;
  private readonly prepared = new PreparedReads();
  private static readonly READER_CONNECTIONS = 3;

  /** Opens (creating when writable) a store file; ":memory:" for a throwaway store. */
  static async open(location: string, options: OpenOptions = {}): Promise<StoreDb> {
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
      const damaged = environmentErrorFrom(cause, { path: location, action: "open the store" });
      if (damaged instanceof CorruptStoreError) throw damaged;
      const lock = heldLock(text);
      if (lock) {
        const holder = lock.pid ? `process ${lock.pid}${lock.program ? ` (${lock.program})` : ""}` : "another process";
        const how = lock.holderReads
          ? `${holder} has it open for reading (a server, or a pair/profile/report still running); an ingest needs it to itself: stop that process or wait for it to finish, then retry`
          : `${holder} has it open for writing (an ingest or a server run without --read-only); wait for it to finish or stop it, then retry`;
        throw new TradetiesError(`the store ${location} is in use: ${how}`, { file: location }, { cause });
      }
      if (readOnly && /does not exist|No such file/i.test(text)) {
        throw new UsageError(`no store at ${location}; load data first with 'tradeties ingest <file>' or pass --store`, { file: location }, { cause });
      }
      const environment = environmentErrorFrom(cause, { path: location, action: readOnly ? "open the store for reading" : "open the store for writing" });
      if (environment) throw environment;
      throw new TradetiesError(`cannot open the store ${location}: ${text}`, { file: location }, { cause });
    }
    const conn = await instance.connect();
    return new StoreDb(location, readOnly, instance, conn);
  }

  /** Runs on the write connection (inside the current transaction, if any); returns the rows. */
  async all(sql: string, params?: Params): Promise<SqlRow[]> {
    return this.track(runOn(this.conn, sql, params)).catch((error: unknown) => {
      throw classifyEngineError(error, this.location, this.readOnly ? "read the store" : "write the store");
    });
  }

  /**
   * Queries still running. When one query of a batch fails (a damaged block), the caller's
   * Promise.all rejects while the others still run on the engine's threads; closing their
   * connections under them deadlocks DuckDB (the connection's last reference is released inside
   * its own running query), and the process never exits. `close` waits for these first.
   */
  private readonly inFlight = new Set<Promise<unknown>>();

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    const done = () => this.inFlight.delete(work);
    work.then(done, done);
    return work;
  }

  /** Runs a statement on the write connection; returns the rows it changed. */
  async run(sql: string, params?: Params): Promise<number> {
    this.lookups.clear();
    this.prepared.clear();
    const r = await this.track(this.conn.run(sql, params as never)).catch((error: unknown) => {
      throw classifyEngineError(error, this.location);
    });
    return Number(r.rowsChanged);
  }

  /** A read for the query methods, on the next pooled connection (committed data only). */
  async read(sql: string, params?: Params): Promise<SqlRow[]> {
    return rowsOf(await this.readColumns(sql, params));
  }

  /** {@link read} as columns: for reads of many rows that are mapped once (no object per row in between). */
  async readColumns(sql: string, params?: Params): Promise<SqlColumns> {
    const conn = await this.reader();
    return this.track(this.prepared.run(conn, sql, params).then(columnsOf)).catch((error: unknown) => {
      throw classifyEngineError(error, this.location, "read the store");
    });
  }

  /**
   * A read of fixed-width numeric columns straight into typed arrays: one bulk copy per vector,
   * no JS value per cell. `targets` names each result column (in order) and the array it goes into.
   */
  async readTypedColumns<T extends Record<string, NumericArrayConstructor>>(sql: string, params: Params | undefined, targets: T): Promise<TypedColumns<T>> {
    const conn = await this.reader();
    return this.track(this.prepared.run(conn, sql, params).then((result) => typedColumnsOf(result, targets))).catch((error: unknown) => {
      throw classifyEngineError(error, this.location, "read the store");
    });
  }

  /** The next pooled read connection; the pool is a promise so that concurrent first calls share one set. */
  private async reader(): Promise<DuckDBConnection> {
    this.readers ??= Promise.all(Array.from({ length: StoreDb.READER_CONNECTIONS }, () => this.instance.connect()));
    const readers = await this.readers;
    return readers[this.nextReader++ % readers.length]!;
  }

  assertWritable(): void {
    if (this.readOnly) throw new UsageError(`the store ${this.location} is open read-only; ingest with 'tradeties ingest' while no server holds it`);
  }

  async inTransaction<T>(work: () => Promise<T>): Promise<T> {
    await this.conn.run("BEGIN TRANSACTION");
    try {
      const result = await work();
      await this.conn.run("COMMIT");
      return result;
    } catch (error) {
      // After a failed write (a full disk) DuckDB may have ended the transaction itself: then ROLLBACK
      // fails too ("no transaction is active"), and that failure must not hide the real one.
      await this.conn.run("ROLLBACK").catch(() => undefined);
      throw classifyEngineError(error, this.location);
    } finally {
      this.lookups.clear();
      this.prepared.clear();
    }
  }

  /**
   * A value computed once from committed data and reused until the next write through this
   * store (a store open for reading cannot change under it: DuckDB locks writers out).
   */
  cached<T>(name: string, load: () => Promise<T>): Promise<T> {
    let hit = this.lookups.get(name) as Promise<T> | undefined;
    if (!hit) {
      hit = load();
      this.lookups.set(name, hit);
      hit.catch(() => this.lookups.delete(name));
    }
    return hit;
  }

  /**
   * Runs `work` with the engine set to `threads` threads, then restores the previous setting.
   * The setting is the instance's: only for work that has the instance to itself (an ingest).
   */
  async withThreads<T>(threads: number, work: () => Promise<T>): Promise<T> {
    const before = Number((await this.all("SELECT current_setting('threads')::INTEGER AS n"))[0]?.n);
    if (before === threads) return work();
    await this.conn.run(`SET threads = ${Math.floor(threads)}`);
    try {
      return await work();
    } finally {
      await this.conn.run(`SET threads = ${before}`);
    }
  }

  /** An appender on the write connection; `schema` "temp" for temp tables. */
  async createAppender(table: string, schema?: string, catalog?: string) {
    return schema ? this.conn.createAppender(table, schema, catalog) : this.conn.createAppender(table);
  }

  /** Appends rows to `table`; `columns` lists, in table order, each column's type and how to read it (undefined → NULL). */
  async appendRows<T>(table: string, rows: readonly T[], columns: ReadonlyArray<readonly [ColumnKind, (row: T) => string | number | boolean | undefined]>): Promise<void> {
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

  async engineMemoryBytes(): Promise<number> {
    // Its own connection: the store's connection may be busy with an ingest the caller is watching.
    this.probe ??= await this.instance.connect();
    const rows = await runOn(this.probe, "SELECT coalesce(sum(memory_usage_bytes), 0)::DOUBLE AS b FROM duckdb_memory()");
    return Number(rows[0]?.b ?? 0);
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    this.prepared.clear();
    this.probe?.closeSync();
    for (const r of (await this.readers) ?? []) r.closeSync();
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

/**
 * DuckDB's refusal when another process holds the store file's lock, read from its own words
 * ("Could not set lock on file …: Conflicting lock is held in /usr/bin/node (PID 123)"); undefined
 * for every other message, damaged files included. DuckDB adds "you would be able to open this
 * database in read-only mode" only when the holder is itself a reader.
 */
export function heldLock(message: string): { pid?: number; program?: string; holderReads: boolean } | undefined {
  if (!/Could not set lock on file|Conflicting lock is held/i.test(message)) return undefined;
  const held = /Conflicting lock is held in (.*?) \(PID (\d+)\)/i.exec(message);
  return {
    ...(held ? { program: held[1]!, pid: Number(held[2]) } : {}),
    holderReads: /would be able to open this database in read-only mode/i.test(message),
  };
}

/** A result as column names, one array of JS values per column, and its row count. */
export interface SqlColumns {
  names: string[];
  columns: unknown[][];
  rowCount: number;
}

/**
 * Column types whose vector items already are the JS values the client's JS conversion gives
 * (numbers, booleans, strings): read straight off the vectors, without a converter call per value.
 * An ENUM's items are its strings too, but the client rebuilds the enum's type for every chunk of
 * 2,048 rows: large closed sets are read as `enum_code(…)` (a small integer) and decoded by the caller.
 */
const PLAIN_TYPES = new Set<DuckDBTypeId>([
  DuckDBTypeId.BOOLEAN,
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
  DuckDBTypeId.FLOAT,
  DuckDBTypeId.DOUBLE,
  DuckDBTypeId.VARCHAR,
  DuckDBTypeId.ENUM,
]);

async function columnsOn(conn: DuckDBConnection, sql: string, params?: Params): Promise<SqlColumns> {
  return columnsOf(await conn.run(sql, params as never));
}

async function columnsOf(result: DuckDBMaterializedResult): Promise<SqlColumns> {
  const names = result.columnNames();
  const plain = names.every((_, c) => PLAIN_TYPES.has(result.columnTypeId(c)));
  // Column-wise conversion is ~6× faster than getRowObjectsJS on 20k rows; reading plain vectors
  // directly is faster again (a side's 17,600 totals: 15.9 -> 11.1 ms with enum codes, 19.4 -> 13.6 ms CPU).
  if (!plain) {
    // The client gives no columns at all for no rows.
    const converted = (await result.getColumnsJS()) as unknown[][];
    const columns = names.map((_, c) => converted[c] ?? []);
    return { names, columns, rowCount: columns[0]?.length ?? 0 };
  }
  const chunks = await result.fetchAllChunks();
  // Columns of their final length from the start: growing 17,600-row arrays by push was garbage.
  const rowCount = chunks.reduce((n, chunk) => n + chunk.rowCount, 0);
  const columns: unknown[][] = names.map(() => new Array(rowCount));
  let offset = 0;
  for (const chunk of chunks) {
    for (let c = 0; c < names.length; c++) {
      const vector = chunk.getColumnVector(c);
      const column = columns[c]!;
      for (let i = 0, n = vector.itemCount; i < n; i++) column[offset + i] = vector.getItem(i);
    }
    offset += chunk.rowCount;
  }
  return { names, columns, rowCount };
}

export type NumericArrayConstructor = Int32ArrayConstructor | Uint16ArrayConstructor | Uint8ArrayConstructor | Float64ArrayConstructor;
export type TypedColumns<T extends Record<string, NumericArrayConstructor>> = { [K in keyof T]: InstanceType<T[K]> } & { rowCount: number };

/** Vectors of fixed-width numbers expose their items as a typed array (`items`) and their nulls as a bit mask (`validity.data`, null when none). */
interface NumericVector {
  items?: ArrayLike<number>;
  validity?: { data: unknown };
  itemCount: number;
}

async function typedColumnsOf<T extends Record<string, NumericArrayConstructor>>(result: DuckDBMaterializedResult, targets: T): Promise<TypedColumns<T>> {
  const names = result.columnNames();
  const wanted = Object.keys(targets);
  if (names.join() !== wanted.join()) throw new Error(`typed read: the statement gives columns ${names.join(", ")}, the caller expects ${wanted.join(", ")}`);
  const chunks = await result.fetchAllChunks();
  const rowCount = chunks.reduce((n, chunk) => n + chunk.rowCount, 0);
  const out = Object.fromEntries(wanted.map((name) => [name, new targets[name]!(rowCount)])) as Record<string, InstanceType<NumericArrayConstructor>>;
  let offset = 0;
  for (const chunk of chunks) {
    for (let c = 0; c < wanted.length; c++) {
      const vector = chunk.getColumnVector(c) as unknown as NumericVector;
      if (!vector.items || (vector.validity && vector.validity.data !== null)) {
        // A column that may hold NULLs, or a type without a typed array: value by value, and a NULL is an error (these columns are NOT NULL).
        const target = out[wanted[c]!]!;
        for (let i = 0; i < vector.itemCount; i++) {
          const v = (vector as unknown as { getItem(i: number): unknown }).getItem(i);
          if (typeof v !== "number") throw new Error(`typed read: column ${wanted[c]} holds ${v === null ? "NULL" : typeof v} at row ${offset + i}, not a number`);
          target[offset + i] = v;
        }
      } else out[wanted[c]!]!.set(vector.items, offset);
    }
    offset += chunk.rowCount;
  }
  return Object.assign(out, { rowCount }) as unknown as TypedColumns<T>;
}

function rowsOf({ names, columns, rowCount }: SqlColumns): SqlRow[] {
  const rows: SqlRow[] = new Array(rowCount);
  for (let i = 0; i < rowCount; i++) {
    const row: SqlRow = {};
    for (let c = 0; c < names.length; c++) row[names[c]!] = columns[c]![i];
    rows[i] = row;
  }
  return rows;
}

async function runOn(conn: DuckDBConnection, sql: string, params?: Params): Promise<SqlRow[]> {
  return rowsOf(await columnsOn(conn, sql, params));
}
