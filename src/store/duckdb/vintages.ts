/**
 * Vintage operations: which load of a dataset key is current, with the years it covers; dropping
 * a source with everything it contributed; returning a key to its previous vintage. Each change is
 * one transaction, so a crash leaves the store as before or as after, never between.
 * @module
 */
import { noEarlierVintage, noSuchSource, nothingUnderKey } from "../sourceRows.js";
import type { SourceRecord, VintageChange, VintageCoverage } from "../TradeStore.js";
import type { StoreDb } from "./connection.js";
import { SOURCE_DATA_TABLES } from "./schema.js";
import { findSource, SOURCE_SELECT, toSource } from "./sources.js";

/** Tables with a `year` per row that together give a source's years (BACI's from its smallest rollup). */
const YEAR_TABLES = ["trade_reported", "bilateral_series", "price_series", "published_products", "baci_exporter_year"] as const;

async function sourceKeyOf(db: StoreDb, sourceId: string): Promise<number | undefined> {
  const rows = await db.all("SELECT source_key FROM sources WHERE source_id = $id", { id: sourceId });
  return rows[0] ? Number(rows[0].source_key) : undefined;
}

export async function sourceYears(db: StoreDb, sourceId: string): Promise<number[]> {
  const sk = await sourceKeyOf(db, sourceId);
  if (sk === undefined) return [];
  const union = YEAR_TABLES.map((t) => `SELECT DISTINCT year FROM ${t} WHERE source_key = $sk`).join(" UNION ");
  const rows = await db.all(`SELECT DISTINCT year::INTEGER AS year FROM (${union}) ORDER BY year`, { sk });
  return rows.map((r) => Number(r.year));
}

async function currentSource(db: StoreDb, datasetKey: string): Promise<SourceRecord | undefined> {
  const rows = await db.all(`${SOURCE_SELECT} WHERE s.dataset_key = $k AND s.is_current`, { k: datasetKey });
  return rows[0] ? toSource(rows[0]) : undefined;
}

export async function currentVintage(db: StoreDb, datasetKey: string): Promise<VintageCoverage | undefined> {
  const source = await currentSource(db, datasetKey);
  return source ? { source, years: await sourceYears(db, source.sourceId) } : undefined;
}

/** Makes the latest load of `datasetKey` that is not withdrawn the current one (none when nothing is left). Caller holds the transaction. */
async function promoteLatest(db: StoreDb, datasetKey: string): Promise<void> {
  await db.run(
    `UPDATE sources SET is_current = true WHERE source_key = (
       SELECT max(source_key) FROM sources WHERE dataset_key = $k AND NOT coalesce(withdrawn, false))`,
    { k: datasetKey },
  );
}

export async function dropSource(db: StoreDb, sourceId: string): Promise<VintageChange> {
  db.assertWritable();
  const removed = await findSource(db, sourceId);
  const sk = await sourceKeyOf(db, sourceId);
  if (!removed || sk === undefined) throw noSuchSource(sourceId);
  await db.inTransaction(async () => {
    for (const table of SOURCE_DATA_TABLES) await db.run(`DELETE FROM ${table} WHERE source_key = $sk`, { sk });
    const wasCurrent = (await db.all("SELECT is_current FROM sources WHERE source_key = $sk", { sk }))[0]?.is_current === true;
    await db.run("DELETE FROM sources WHERE source_key = $sk", { sk });
    if (wasCurrent) await promoteLatest(db, removed.datasetKey);
  });
  return { removed, current: await currentSource(db, removed.datasetKey) };
}

export async function restorePreviousVintage(db: StoreDb, datasetKey: string): Promise<VintageChange> {
  db.assertWritable();
  const current = await currentSource(db, datasetKey);
  if (!current) throw nothingUnderKey(datasetKey);
  const earlier = await db.all(
    "SELECT count(*)::INTEGER AS n FROM sources WHERE dataset_key = $k AND NOT is_current AND NOT coalesce(withdrawn, false)",
    { k: datasetKey },
  );
  if (Number(earlier[0]?.n ?? 0) === 0) throw noEarlierVintage(datasetKey, current);
  await db.inTransaction(async () => {
    await db.run("UPDATE sources SET withdrawn = true, is_current = false WHERE source_id = $id", { id: current.sourceId });
    await promoteLatest(db, datasetKey);
  });
  return { removed: current, current: await currentSource(db, datasetKey) };
}
