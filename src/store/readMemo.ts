/**
 * Reads of a store that cannot change while it is open (DuckDB open read-only: the engine locks
 * every writer out) give the same rows every time, so a server or a batch run need not read and
 * convert them again: a profile reads each side's trade with all its partners (~20,000 rows on the
 * world DOTS store), and the next profile of the same reporter needs exactly those rows.
 *
 * Bounded by the rows held, least recently used first out. Results are frozen when stored, so a
 * caller that tried to change a shared row fails loudly instead of corrupting later answers;
 * each caller gets its own array.
 * @module
 */

import { UsageError } from "../errors.js";

/**
 * Rows held at most unless TRADETIES_READ_CACHE_ROWS says otherwise (~130 bytes a totals row:
 * ~130 MB). Enough for the trade with every partner of ~55 reporters the size of Korea (17,594
 * rows), a server's working set: at 400,000 a run of pairs among 40 large traders evicted the
 * sides it asked for next.
 */
export const DEFAULT_READ_MEMO_ROWS = 1_000_000;

export class ReadMemo {
  private readonly entries = new Map<string, Promise<unknown>>();
  private readonly sizes = new Map<string, number>();
  private rowsHeld = 0;

  constructor(readonly maxRows: number = memoRowsFromEnv()) {}

  /** The rows of `key`, loaded by `load` on a miss; a failed load is not remembered. The caller's own copy. */
  async rows<T extends object>(key: string, load: () => Promise<T[]>): Promise<T[]> {
    return (await this.shared(key, load)).slice();
  }

  /**
   * {@link rows} without the copy: every caller of `key` gets the same frozen array while it is
   * held, so a result derived from it can be remembered against it (see `sideTrade`).
   */
  async shared<T extends object>(key: string, load: () => Promise<T[]>): Promise<readonly T[]> {
    return this.sharedValue(
      key,
      async () => {
        const rows = await load();
        for (const r of rows) Object.freeze(r);
        return Object.freeze(rows);
      },
      (rows) => rows.length,
    );
  }

  /** {@link shared} for a read that is not an array of rows (columns): held as `rowsIn(value)` rows, given to every caller as is. */
  async sharedValue<T>(key: string, load: () => Promise<T>, rowsIn: (value: T) => number): Promise<T> {
    if (this.maxRows <= 0) return load();
    let hit = this.entries.get(key) as Promise<T> | undefined;
    if (hit) {
      // Map order is insertion order: re-inserting marks the entry most recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
    } else {
      hit = load().then((value) => {
        this.admit(key, rowsIn(value));
        return value;
      });
      this.entries.set(key, hit);
      hit.catch(() => this.forget(key));
    }
    return hit;
  }

  get size(): { entries: number; rows: number } {
    return { entries: this.entries.size, rows: this.rowsHeld };
  }

  private admit(key: string, rows: number): void {
    if (!this.entries.has(key)) return;
    if (rows > this.maxRows) {
      this.forget(key);
      return;
    }
    this.sizes.set(key, rows);
    this.rowsHeld += rows;
    for (const oldest of this.entries.keys()) {
      if (this.rowsHeld <= this.maxRows) break;
      if (oldest !== key && this.sizes.has(oldest)) this.forget(oldest);
    }
  }

  private forget(key: string): void {
    this.entries.delete(key);
    this.rowsHeld -= this.sizes.get(key) ?? 0;
    this.sizes.delete(key);
  }
}

/** A key that does not depend on the order the query's fields were written in. */
export function memoKey(method: string, query: unknown): string {
  return `${method} ${JSON.stringify(query, (_k, v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v))}`;
}

function memoRowsFromEnv(): number {
  const text = process.env.TRADETIES_READ_CACHE_ROWS;
  if (text === undefined || text === "") return DEFAULT_READ_MEMO_ROWS;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`TRADETIES_READ_CACHE_ROWS must be a whole number of rows (0 turns the cache off), got "${text}"`, { field: "TRADETIES_READ_CACHE_ROWS" });
  return n;
}
