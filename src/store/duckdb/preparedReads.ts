/**
 * Read statements prepared once per connection and run again with new bindings. Preparing is
 * done on the calling (main) thread: parsing a side read's ~12 KB of SQL (two 250-code ENUMs) and
 * planning it took ~0.5 ms of a profile's main thread per read, every time, for the same text.
 * @module
 */
import type { DuckDBConnection, DuckDBMaterializedResult, DuckDBPreparedStatement } from "@duckdb/node-api";
import type { Params } from "./connection.js";

/** Statements kept ready at most, over all connections; the least recently used goes first. */
const MAX_PREPARED = 200;

export class PreparedReads {
  /** Idle statements by connection and text; one in use is out of this map until it finishes. */
  private readonly idle = new Map<string, DuckDBPreparedStatement[]>();
  private readonly keys = new WeakMap<DuckDBConnection, number>();
  private nextKey = 0;
  private held = 0;
  /** Raised by {@link clear}: a statement prepared before a write is dropped when it comes back. */
  private generation = 0;

  async run(conn: DuckDBConnection, sql: string, params: Params | undefined): Promise<DuckDBMaterializedResult> {
    if (!params) return conn.run(sql);
    const key = `${this.keyOf(conn)} ${sql}`;
    const ready = this.idle.get(key);
    let prepared = ready?.pop();
    if (prepared) {
      this.held--;
      if (!ready!.length) this.idle.delete(key);
    } else prepared = await conn.prepare(sql);
    const generation = this.generation;
    try {
      prepared.clearBindings();
      prepared.bind(params as never);
      return await prepared.run();
    } finally {
      this.giveBack(key, prepared, generation);
    }
  }

  /**
   * Drops every idle statement. Called on every write: DuckDB re-plans a statement whose tables
   * changed by itself (connection.test.ts reads through one across an UPDATE and a re-created
   * table), so this only keeps statements of a store state gone from being held.
   */
  clear(): void {
    this.generation++;
    for (const list of this.idle.values()) for (const p of list) p.destroySync();
    this.idle.clear();
    this.held = 0;
  }

  private giveBack(key: string, prepared: DuckDBPreparedStatement, generation: number): void {
    if (generation !== this.generation) {
      prepared.destroySync();
      return;
    }
    // Re-inserting keeps the map in least-recently-used order.
    const list = this.idle.get(key) ?? [];
    this.idle.delete(key);
    list.push(prepared);
    this.idle.set(key, list);
    this.held++;
    for (const [oldKey, oldList] of this.idle) {
      if (this.held <= MAX_PREPARED) break;
      for (const p of oldList) p.destroySync();
      this.held -= oldList.length;
      this.idle.delete(oldKey);
    }
  }

  private keyOf(conn: DuckDBConnection): number {
    let key = this.keys.get(conn);
    if (key === undefined) this.keys.set(conn, (key = this.nextKey++));
    return key;
  }
}
