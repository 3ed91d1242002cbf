/**
 * The physical order of `trade_reported`. DuckDB skips a row group only when its min/max of the
 * filtered column excludes the value, and rows arrive file by file in whatever order the files are
 * named: on the world DOTS store each 122,880-row group held ~11 reporters spread over the
 * alphabet, so a query for one reporter read half the table (1.27 M rows for Russia's 13,000).
 * Sorted by reporter, partner and year, a reporter's query reads its own row groups: 2.5–3× faster
 * for every reporter-side read (measured on the world store: 29 → 13 ms for a reporter's trade with
 * all partners, 3.3 → 1.2 ms for one pair).
 * @module
 */
import type { StoreDb } from "./connection.js";
import { SCHEMA_SQL } from "./schema.js";

/** Share of the table stored since the last sort above which {@link sortTradeRows} sorts again. */
export const RESORT_SHARE = 0.1;

const SORTED_ROWS_KEY = "trade_reported_sorted_rows";

/**
 * Rewrites `trade_reported` in (reporter, partner, year, flow, load, line) order when more than
 * {@link RESORT_SHARE} of its rows were stored since the last sort; one transaction, so a failure
 * leaves the table as it was. Rows, keys and every query's answer are unchanged.
 * @returns the rows rewritten, or 0 when the table was sorted enough.
 */
export async function sortTradeRows(db: StoreDb): Promise<number> {
  db.assertWritable();
  const rows = Number((await db.all("SELECT count(*)::DOUBLE AS n FROM trade_reported"))[0]!.n);
  const sorted = Number((await db.all("SELECT value FROM meta WHERE key = $k", { k: SORTED_ROWS_KEY }))[0]?.value ?? 0);
  // A dropped source lowers the count below the sorted figure: the rows left are still in order.
  if (rows - Math.min(sorted, rows) <= RESORT_SHARE * rows) return 0;
  await db.inTransaction(async () => {
    await db.run("ALTER TABLE trade_reported RENAME TO trade_reported_unsorted");
    // Every statement of the schema is IF NOT EXISTS: this creates trade_reported alone, as the schema defines it.
    await db.run(SCHEMA_SQL);
    await db.run("INSERT INTO trade_reported SELECT * FROM trade_reported_unsorted ORDER BY reporter, partner, year, flow, source_key, line, cell");
    await db.run("DROP TABLE trade_reported_unsorted");
    await db.run("INSERT OR REPLACE INTO meta VALUES ($k, $v)", { k: SORTED_ROWS_KEY, v: String(rows) });
  });
  return rows;
}
