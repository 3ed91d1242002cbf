/**
 * How a BACI file is read: columns found by header name (any order, a UTF-8 BOM allowed), each
 * typed by the reader (no text cells cast row by row), and lines the reader cannot type kept in a
 * rejects table with their true line numbers (DuckDB `store_rejects`), so that one bad line is
 * one reject, not a failed file.
 * @module
 */
import { open } from "node:fs/promises";
import Papa from "papaparse";
import { IngestError } from "../../errors.js";
import type { StoreDb } from "./connection.js";

/** The columns a BACI file must have, with what each holds (for messages). */
export const BACI_COLUMNS = {
  t: "year (t)",
  i: "exporter code (i)",
  j: "importer code (j)",
  k: "product code (k)",
  v: "value (v)",
  q: "quantity (q)",
} as const;
type BaciColumn = keyof typeof BACI_COLUMNS;
const REQUIRED = Object.keys(BACI_COLUMNS) as BaciColumn[];

/** The reject reason kind of a reader error on a column (byReason keys). */
const KIND_OF_COLUMN: Record<BaciColumn, string> = { t: "year", i: "exporter", j: "importer", k: "hs", v: "value", q: "quantity" };

/** Temp tables DuckDB writes reader rejects into (per connection; cleared before each scan). */
export const REJECT_SCANS = "baci_reject_scans";
export const REJECT_ERRORS = "baci_reject_errors";

export interface BaciRelation {
  /** SQL relation over `$path` with typed columns t,i,j,k (INTEGER), v (DOUBLE), q (text: BACI writes padded "NA"). */
  sql: string;
  parquet: boolean;
}

/**
 * The typed relation for a CSV or Parquet file, after checking that every BACI column is there.
 * Throws an {@link IngestError} in plain words when the file is empty or a column is missing.
 */
export async function baciRelation(db: StoreDb, path: string, fileName: string): Promise<BaciRelation> {
  if (/\.parquet$/i.test(path)) return parquetRelation(db, path, fileName);
  const header = await readHeader(path, fileName);
  const seen = new Map<string, number>();
  header.forEach((name, index) => {
    if (seen.has(name) && (REQUIRED as string[]).includes(name)) {
      throw new IngestError(`column "${name}" appears twice in the header (columns ${seen.get(name)! + 1} and ${index + 1})`, { file: fileName, line: 1 });
    }
    seen.set(name, index);
  });
  const missing = REQUIRED.filter((c) => !seen.has(c));
  if (missing.length) {
    throw new IngestError(
      `the header has no ${missing.map((c) => `"${c}"`).join(", ")} column; a BACI file needs t,i,j,k,v,q in any order (header found: ${header.join(",")})`,
      { file: fileName, line: 1 },
    );
  }
  // Positions come from the header we read; the reader is told every column's name and type, so
  // it neither sniffs nor renames by position.
  const types: Record<BaciColumn, string> = { t: "INTEGER", i: "INTEGER", j: "INTEGER", k: "INTEGER", v: "DOUBLE", q: "VARCHAR" };
  const columns = header.map((name, index) => {
    const typed = (REQUIRED as string[]).includes(name) && seen.get(name) === index;
    return `'${typed ? name : `extra_${index}`}': '${typed ? types[name as BaciColumn] : "VARCHAR"}'`;
  });
  return {
    parquet: false,
    sql: `(SELECT t, i, j, k, v, q FROM read_csv($path, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
            nullstr = '', columns = {${columns.join(", ")}},
            store_rejects = true, rejects_scan = '${REJECT_SCANS}', rejects_table = '${REJECT_ERRORS}'))`,
  };
}

async function parquetRelation(db: StoreDb, path: string, fileName: string): Promise<BaciRelation> {
  let names: string[];
  try {
    names = (await db.all("DESCRIBE SELECT * FROM read_parquet($path)", { path })).map((r) => String(r.column_name));
  } catch (cause) {
    throw new IngestError(`cannot read ${fileName} as a Parquet file: ${firstLine(cause)}`, { file: fileName }, { cause });
  }
  const missing = REQUIRED.filter((c) => !names.includes(c));
  if (missing.length) {
    throw new IngestError(`the Parquet file has no ${missing.map((c) => `"${c}"`).join(", ")} column; a BACI file needs t,i,j,k,v,q (found: ${names.join(",")})`, { file: fileName });
  }
  return {
    parquet: true,
    sql: `(SELECT TRY_CAST(t AS INTEGER) AS t, TRY_CAST(i AS INTEGER) AS i, TRY_CAST(j AS INTEGER) AS j, TRY_CAST(k AS INTEGER) AS k,
                  TRY_CAST(v AS DOUBLE) AS v, CAST(q AS VARCHAR) AS q FROM read_parquet($path))`,
  };
}

/** The header's column names, from the file's first line (BOM removed, names trimmed). */
async function readHeader(path: string, fileName: string): Promise<string[]> {
  const handle = await open(path, "r").catch((cause: unknown) => {
    throw new IngestError(`cannot open ${fileName}: ${(cause as Error).message}`, { file: fileName }, { cause });
  });
  let text: string;
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    text = buffer.subarray(0, bytesRead).toString("utf8");
  } finally {
    await handle.close();
  }
  if (!text.trim()) throw new IngestError(`${fileName} is empty; a BACI file starts with a t,i,j,k,v,q header`, { file: fileName });
  const end = text.search(/\r?\n/);
  if (end < 0 && text.length >= 64 * 1024) throw new IngestError(`the first line is longer than 64 KiB: not a BACI header (t,i,j,k,v,q)`, { file: fileName, line: 1 });
  const line = (end < 0 ? text : text.slice(0, end)).replace(/^\uFEFF/, "");
  const parsed = Papa.parse<string[]>(line, { delimiter: "," });
  return (parsed.data[0] ?? []).map((name) => name.trim());
}

/** The first line of an engine error, without the SQL or the stack DuckDB appends. */
export function firstLine(cause: unknown): string {
  return String((cause as Error).message ?? cause).split("\n")[0]!.trim();
}

export interface ReaderReject {
  line: number;
  kind: string;
  field?: string;
  reason: string;
}

/** Lines the reader could not type, one per line (its first error), in line order. */
export async function readerRejects(db: StoreDb): Promise<ReaderReject[]> {
  const rows = await db.all(
    `SELECT line::INTEGER AS line, arg_min(column_name, column_idx) AS column_name, arg_min(error_type, column_idx)::VARCHAR AS error_type,
            arg_min(csv_line, column_idx) AS csv_line, min(column_idx)::INTEGER AS column_idx
     FROM ${REJECT_ERRORS} GROUP BY line ORDER BY line`,
  );
  return rows.map((r) => {
    const line = Number(r.line);
    const column = (r.column_name === null ? undefined : String(r.column_name)) as BaciColumn | undefined;
    const fields = (Papa.parse<string[]>(String(r.csv_line ?? "").trim(), { delimiter: "," }).data[0] ?? []) as string[];
    const type = String(r.error_type);
    if (type === "CAST" && column && column in BACI_COLUMNS) {
      const raw = fields[Number(r.column_idx) - 1] ?? "";
      return { line, kind: KIND_OF_COLUMN[column], field: column, reason: `${BACI_COLUMNS[column]} is not a number: ${raw.trim() || "(empty)"}` };
    }
    if (type === "MISSING COLUMNS" || type === "TOO MANY COLUMNS") {
      return { line, kind: "fields", reason: `the line has ${fields.length} fields; a BACI line has one per header column` };
    }
    if (type === "INVALID ENCODING") return { line, kind: "format", reason: "the line is not valid UTF-8 text" };
    if (type === "UNQUOTED VALUE") return { line, kind: "format", reason: "a field has text after its closing quote" };
    if (type === "LINE SIZE OVER MAXIMUM") return { line, kind: "format", reason: "the line is too long to be a BACI line" };
    return { line, kind: "format", reason: `the line cannot be read as CSV (${type.toLowerCase()})` };
  });
}
