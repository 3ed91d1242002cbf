/**
 * What a BACI row must be to be stored, the same for every backend: the bounds of its year, value
 * and quantity, and the words of each reject. The DuckDB store checks and words rejects in SQL
 * (src/store/duckdb/baciIngest.ts), the ClickHouse store checks in SQL and words them here; the
 * conformance suite (test/conformance/store.test.ts) holds both to the same reasons.
 * @module
 */
import type { FileIdentity, SourceRecord } from "./TradeStore.js";

/** HS began in 1988; BACI (built on HS) has no earlier year. The last plausible year is next year. */
export const BACI_FIRST_YEAR = 1988;
/** One exporter→importer×HS6 flow in a year above 1e9 thousand USD (a trillion USD) is not plausible: world trade is ~25 trillion. */
export const BACI_MAX_VALUE_KUSD = 1e9;
/** Ten billion tonnes in one flow is not plausible (all seaborne trade is ~12 billion tonnes a year). */
export const BACI_MAX_QUANTITY_TONNES = 1e10;

/** The year after this one: BACI releases never hold later years. */
export function lastBaciYear(): number {
  return new Date().getUTCFullYear() + 1;
}

/** A DOUBLE as DuckDB prints it (`-5.0`, `10000000000.0`), so both stores word a reject alike. */
function duckDouble(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e15 ? n.toFixed(1) : String(n);
}

/** The reject message for a row that failed check `kind`, from the row's fields as written (t, i, j, k, v, q). */
export function baciRejectReason(kind: string, r: Record<string, unknown>): string {
  const f = (name: string) => String(r[name] ?? "").trim();
  const v = Number(f("v"));
  switch (kind) {
    case "year": return f("t") === "" ? "year (t) is empty" : `year (t) ${f("t")} is outside ${BACI_FIRST_YEAR}–${lastBaciYear()}`;
    case "exporter": return f("i") === "" ? "exporter code (i) is empty" : `unknown exporter code (i): ${f("i")}`;
    case "importer": return f("j") === "" ? "importer code (j) is empty" : `unknown importer code (j): ${f("j")}`;
    case "hs": return `product code (k) is not an HS6 code (10000–999999 as written, without its leading zero): ${f("k") || "(empty)"}`;
    case "value": return f("v") === "" ? "value (v) is empty or not a finite number" : `value (v) is not a number: ${f("v")}`;
    case "negative": return `value (v) is negative: ${duckDouble(v)}`;
    case "implausible": return `value (v) ${duckDouble(v)} thousand USD is above the plausible maximum for one flow (${duckDouble(BACI_MAX_VALUE_KUSD)} thousand USD)`;
    default: return `quantity (q) is not a plausible tonnage (0 to ${duckDouble(BACI_MAX_QUANTITY_TONNES)} t): ${f("q")}`;
  }
}

/** A BACI load as the vintage guard sees it before its `sources` row exists (no number, no load time yet). */
export function baciCandidate(
  identity: FileIdentity,
  load: { datasetKey: string; vintageLabel?: string; rowsRead: number; rowsStored: number; rowsRejected: number; notes: string[] },
): SourceRecord {
  return {
    sourceId: identity.sourceId, fileName: identity.fileName, adapter: "cepii-baci", dataset: "cepii-baci", datasetKey: load.datasetKey,
    vintage: load.vintageLabel ?? "(new)", vintageNumber: 0, superseded: false, withdrawn: false, reportedBy: "reconciled",
    loadedAt: "", rowsRead: load.rowsRead, rowsStored: load.rowsStored, rowsRejected: load.rowsRejected, rowsSkipped: 0, notes: load.notes,
  };
}
