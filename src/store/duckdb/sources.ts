/**
 * Sources (one row per loaded file) and vintages. `sources.is_current` marks the latest load of
 * each dataset key; it is maintained here, at ingest, so that queries filter on a flag instead of
 * ranking loads in every statement. Anything that changes which load is current (a drop, a
 * restore) must keep exactly one current row per dataset key that has any.
 * @module
 */
import { createHash } from "node:crypto";
import type { LoadProvenance } from "../reportedRows.js";
import { sourceRecordFrom, sourceRow } from "../sourceRows.js";
import type { FileIdentity, ResolvedFile, SourceRecord } from "../TradeStore.js";
import type { SqlRow, StoreDb } from "./connection.js";

export { REJECT_SAMPLE_LIMIT } from "../sourceRows.js";


export async function findSource(db: StoreDb, sourceId: string): Promise<SourceRecord | undefined> {
  const rows = await db.all(`${SOURCE_SELECT} WHERE s.source_id = $id`, { id: sourceId });
  return rows[0] ? toSource(rows[0]) : undefined;
}

export async function listSources(db: StoreDb): Promise<SourceRecord[]> {
  return (await db.all(`${SOURCE_SELECT} ORDER BY s.source_key`)).map(toSource);
}

export async function contentVersion(db: StoreDb): Promise<string> {
  const rows = await db.all("SELECT coalesce(string_agg(source_id || CASE WHEN is_current THEN '' ELSE '-' END, ',' ORDER BY source_key), '') AS ids FROM sources");
  return createHash("sha256").update(String(rows[0]?.ids ?? "")).digest("hex").slice(0, 16);
}

/** Provenance by `source_key`, for every load (current or not), read once per store state. */
export function sourceCatalog(db: StoreDb): Promise<Map<number, LoadProvenance>> {
  return db.cached("sources", async () => {
    const rows = await db.read("SELECT source_key, source_id, file_name, dataset, vintage, adapter, reported_by FROM sources");
    const catalog = new Map<number, LoadProvenance>();
    for (const r of rows) {
      catalog.set(Number(r.source_key), {
        sourceId: String(r.source_id),
        fileName: String(r.file_name),
        dataset: String(r.dataset),
        vintage: String(r.vintage),
        adapter: String(r.adapter),
        reportedBy: String(r.reported_by),
      });
    }
    return catalog;
  });
}

/** The provenance of a key the catalog must hold (every data row's key is a `sources` row). */
export function provenanceOf(catalog: Map<number, LoadProvenance>, sourceKey: unknown): LoadProvenance {
  const p = catalog.get(Number(sourceKey));
  if (!p) throw new Error(`store inconsistency: rows of source_key ${String(sourceKey)} have no sources row`);
  return p;
}

/** Draws the integer key of a new load (also its place in load order). Caller holds the transaction. */
export async function nextSourceKey(db: StoreDb): Promise<number> {
  const rows = await db.all("SELECT nextval('load_seq')::INTEGER AS k");
  return Number(rows[0]!.k);
}

/**
 * Registers the source row under `sourceKey` and makes it the current load of its dataset key
 * (the previous one becomes superseded). Caller holds the transaction.
 */
export async function insertSource(
  db: StoreDb,
  sourceKey: number,
  identity: FileIdentity,
  file: Omit<ResolvedFile, "trade" | "series" | "prices" | "products">,
  rowsStored: number,
  rowsRejected: number,
): Promise<void> {
  // The highest number ever given under the key (kept in meta, as a dropped source takes its row with it):
  // a load after a drop must not reuse the dropped vintage's number, which reports may have cited.
  const prior = await db.all(
    `SELECT greatest(coalesce((SELECT max(vintage_number) FROM sources WHERE dataset_key = $k), 0),
                     coalesce((SELECT value::INTEGER FROM meta WHERE key = 'last_vintage:' || $k), 0))::INTEGER AS n`,
    { k: file.datasetKey },
  );
  const vintageNumber = Number(prior[0]?.n ?? 0) + 1;
  await db.run("INSERT OR REPLACE INTO meta VALUES ('last_vintage:' || $k, $n)", { k: file.datasetKey, n: String(vintageNumber) });
  await db.run("UPDATE sources SET is_current = false WHERE dataset_key = $k AND is_current", { k: file.datasetKey });
  await db.run(
    `INSERT INTO sources (source_id, source_key, is_current, file_name, adapter, dataset, dataset_key, vintage, vintage_number,
                          reported_by, loaded_at, rows_read, rows_stored, rows_rejected, rows_skipped, notes, rejects_sample)
     VALUES ($source_id, $source_key, true, $file_name, $adapter, $dataset, $dataset_key, $vintage, $vintage_number, $reported_by, $loaded_at,
             $rows_read, $rows_stored, $rows_rejected, $rows_skipped, $notes, $rejects_sample)`,
    { source_key: sourceKey, ...sourceRow(identity, file, vintageNumber, rowsStored, rowsRejected) },
  );
}

export const SOURCE_SELECT = `SELECT s.source_id, s.file_name, s.adapter, s.dataset, s.dataset_key, s.vintage, s.vintage_number::INTEGER AS vintage_number,
  s.reported_by, s.loaded_at, s.rows_read::DOUBLE AS rows_read, s.rows_stored::DOUBLE AS rows_stored,
  s.rows_rejected::DOUBLE AS rows_rejected, s.rows_skipped::DOUBLE AS rows_skipped, s.notes,
  coalesce(s.withdrawn, false) AS withdrawn, (NOT s.is_current AND NOT coalesce(s.withdrawn, false)) AS superseded
  FROM sources s`;

/** `WHERE`-ready: the keys of the current loads (a semi-join on the small sources table). */
export const CURRENT_KEYS = "(SELECT source_key FROM sources WHERE is_current)";

export function toSource(r: SqlRow): SourceRecord {
  return sourceRecordFrom(r, { superseded: Boolean(r.superseded), withdrawn: Boolean(r.withdrawn) });
}
