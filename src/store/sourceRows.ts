/**
 * The `sources` row of a load, the same for every backend: what it records about a file, how it
 * reads back as a {@link SourceRecord}, and the words of a vintage change that cannot be made.
 * @module
 */
import { NotFoundError, UsageError } from "../errors.js";
import type { StoredRow } from "./reportedRows.js";
import type { FileIdentity, ResolvedFile, SourceRecord } from "./TradeStore.js";

/** How many rejected rows a source keeps for `tradeties sources --rejects`; the count is always exact. */
export const REJECT_SAMPLE_LIMIT = 200;

/** The columns of a new load's `sources` row, except its key and current flag (each backend keeps those its own way). */
export function sourceRow(
  identity: FileIdentity,
  file: Omit<ResolvedFile, "trade" | "series" | "prices" | "products">,
  vintageNumber: number,
  rowsStored: number,
  rowsRejected: number,
) {
  return {
    source_id: identity.sourceId,
    file_name: identity.fileName,
    adapter: file.adapter,
    dataset: file.dataset,
    dataset_key: file.datasetKey,
    vintage: file.vintageLabel ?? `v${vintageNumber}`,
    vintage_number: vintageNumber,
    reported_by: file.reportedBy,
    loaded_at: new Date().toISOString(),
    rows_read: file.rowsRead,
    rows_stored: rowsStored,
    rows_rejected: rowsRejected,
    rows_skipped: file.skipped.reduce((sum, s) => sum + s.count, 0),
    notes: JSON.stringify(file.notes),
    rejects_sample: JSON.stringify(file.rejected.slice(0, REJECT_SAMPLE_LIMIT)),
  };
}

/** A `sources` row as read back, with its place among the vintages of its key. */
export function sourceRecordFrom(r: StoredRow, place: { superseded: boolean; withdrawn: boolean }): SourceRecord {
  return {
    sourceId: String(r.source_id),
    fileName: String(r.file_name),
    adapter: String(r.adapter),
    dataset: String(r.dataset),
    datasetKey: String(r.dataset_key),
    vintage: String(r.vintage),
    vintageNumber: Number(r.vintage_number),
    superseded: place.superseded,
    withdrawn: place.withdrawn,
    reportedBy: r.reported_by as SourceRecord["reportedBy"],
    loadedAt: String(r.loaded_at),
    rowsRead: Number(r.rows_read),
    rowsStored: Number(r.rows_stored),
    rowsRejected: Number(r.rows_rejected),
    rowsSkipped: Number(r.rows_skipped),
    notes: JSON.parse(String(r.notes)) as string[],
  };
}

export function noSuchSource(sourceId: string): NotFoundError {
  return new NotFoundError(`no loaded source has the id ${sourceId}; 'tradeties sources --history' lists them`, { field: "source" });
}

export function nothingUnderKey(datasetKey: string): NotFoundError {
  return new NotFoundError(`nothing is loaded under the dataset key "${datasetKey}"; 'tradeties sources --history' lists the keys`, { field: "dataset key" });
}

export function noEarlierVintage(datasetKey: string, current: SourceRecord): UsageError {
  return new UsageError(
    `"${datasetKey}" has no earlier vintage to return to (only ${current.fileName}, ${current.vintage}); to remove it, 'tradeties drop-source ${current.sourceId.slice(0, 12)}'`,
    { field: "dataset key" },
  );
}
