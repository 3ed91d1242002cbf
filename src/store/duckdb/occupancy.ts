/**
 * Which row tables hold any row, once per store state: a read of a table with none answers at
 * once. A DOTS-only store has no BACI, series or product rows, and each of those empty reads
 * still cost 5–8 ms of a profile under load (plan, joins, a round trip per connection).
 * @module
 */
import type { StoreDb } from "./connection.js";
import { SOURCE_DATA_TABLES } from "./schema.js";

/** The tables whose rows come from loads: every read runs on one of them. */
export type RowTable = (typeof SOURCE_DATA_TABLES)[number];

/** Whether `table` holds a row (of any load, current or not: only an empty table is skipped). */
export async function hasRows(db: StoreDb, table: RowTable): Promise<boolean> {
  const occupied = await db.cached("occupied_tables", async () => {
    const rows = await db.read(SOURCE_DATA_TABLES.map((t) => `SELECT '${t}' AS name, EXISTS (SELECT 1 FROM ${t}) AS occupied`).join(" UNION ALL "));
    return new Set(rows.filter((r) => r.occupied === true).map((r) => String(r.name)));
  });
  return occupied.has(table);
}
