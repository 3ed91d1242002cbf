/**
 * Sources (one row per loaded file) and vintages: which load of a dataset key is current.
 * @module
 */
import { createHash } from "node:crypto";
import type { FileIdentity, ResolvedFile, SourceRecord } from "../TradeStore.js";
import type { SqlRow, StoreDb } from "./connection.js";

/** How many rejected rows a source keeps for `tradeties sources --rejects`; the count is always exact. */
export const REJECT_SAMPLE_LIMIT = 200;

export async function findSource(db: StoreDb, sourceId: string): Promise<SourceRecord | undefined> {
  const rows = await db.all(`${SOURCE_SELECT} WHERE s.source_id = $id`, { id: sourceId });
  return rows[0] ? toSource(rows[0]) : undefined;
}

export async function listSources(db: StoreDb): Promise<SourceRecord[]> {
  return (await db.all(`${SOURCE_SELECT} ORDER BY s.load_seq`)).map(toSource);
}

export async function contentVersion(db: StoreDb): Promise<string> {
  const rows = await db.all("SELECT coalesce(string_agg(source_id, ',' ORDER BY load_seq), '') AS ids FROM sources");
  return createHash("sha256").update(String(rows[0]?.ids ?? "")).digest("hex").slice(0, 16);
}

/** Registers the source row; returns vintage bookkeeping. Caller holds the transaction. */
export async function insertSource(db: StoreDb, identity: FileIdentity, file: Omit<ResolvedFile, "trade" | "series" | "prices" | "products">, rowsStored: number, rowsRejected: number): Promise<void> {
  const prior = await db.all("SELECT count(*)::INTEGER AS n FROM sources WHERE dataset_key = $k", { k: file.datasetKey });
  const vintageNumber = Number(prior[0]?.n ?? 0) + 1;
  const rowsSkipped = file.skipped.reduce((sum, s) => sum + s.count, 0);
  await db.run(
    `INSERT INTO sources VALUES ($id, $file, $adapter, $dataset, $key, $vintage, $vn, nextval('load_seq'), $by, $at, $read, $stored, $rejected, $skipped, $notes, $rejects)`,
    {
      id: identity.sourceId,
      file: identity.fileName,
      adapter: file.adapter,
      dataset: file.dataset,
      key: file.datasetKey,
      vintage: file.vintageLabel ?? `v${vintageNumber}`,
      vn: vintageNumber,
      by: file.reportedBy,
      at: new Date().toISOString(),
      read: file.rowsRead,
      stored: rowsStored,
      rejected: rowsRejected,
      skipped: rowsSkipped,
      notes: JSON.stringify(file.notes),
      rejects: JSON.stringify(file.rejected.slice(0, REJECT_SAMPLE_LIMIT)),
    },
  );
}

const SOURCE_SELECT = `SELECT s.source_id, s.file_name, s.adapter, s.dataset, s.dataset_key, s.vintage, s.vintage_number::INTEGER AS vintage_number,
  s.reported_by, s.loaded_at, s.rows_read::DOUBLE AS rows_read, s.rows_stored::DOUBLE AS rows_stored,
  s.rows_rejected::DOUBLE AS rows_rejected, s.rows_skipped::DOUBLE AS rows_skipped, s.notes,
  (s.source_id NOT IN (SELECT source_id FROM current_sources)) AS superseded
  FROM sources s`;

export function toSource(r: SqlRow): SourceRecord {
  return {
    sourceId: String(r.source_id),
    fileName: String(r.file_name),
    adapter: String(r.adapter),
    dataset: String(r.dataset),
    datasetKey: String(r.dataset_key),
    vintage: String(r.vintage),
    vintageNumber: Number(r.vintage_number),
    superseded: Boolean(r.superseded),
    reportedBy: r.reported_by as SourceRecord["reportedBy"],
    loadedAt: String(r.loaded_at),
    rowsRead: Number(r.rows_read),
    rowsStored: Number(r.rows_stored),
    rowsRejected: Number(r.rows_rejected),
    rowsSkipped: Number(r.rows_skipped),
    notes: JSON.parse(String(r.notes)) as string[],
  };
}
