/**
 * Shared CSV reading for the ingest adapters, built on papaparse.
 *
 * - Every field stays text (no `dynamicTyping`): codes keep their leading zeros ("01", "010600");
 *   adapters convert numbers explicitly with {@link parseNumber} / {@link parseYear}.
 * - A UTF-8 byte-order mark at the start of the file is stripped before parsing.
 * - Each data row carries the 1-based **physical** line where it starts (the header is line 1),
 *   also when an earlier quoted field spans several lines, so messages point where an editor does.
 * - File-level problems (missing file, empty file, missing header columns, an unterminated quote
 *   that swallows the rest of the file) throw {@link IngestError}; row-level problems (a row with
 *   the wrong number of fields, a malformed quote) come back as `rejected` entries.
 * @module
 */
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import Papa from "papaparse";
import { inputFileError } from "../environmentErrors.js";
import { IngestError } from "../errors.js";
import { emptyParsedFile, addSkipped, type ParsedFile, type RejectedRow } from "../model.js";

const BOM = "\uFEFF";

/** Removes one leading UTF-8 byte-order mark, if present. */
export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/**
 * Reads a whole file as UTF-8 text with any BOM removed.
 * Throws IngestError when the file is missing or holds nothing but whitespace.
 */
export async function readText(filePath: string): Promise<string> {
  let buffer: Buffer;
  try {
    buffer = await readFile(filePath);
  } catch (cause) {
    throw inputFileError(cause, filePath);
  }
  const text = stripBom(buffer.toString("utf8"));
  if (text.trim() === "") {
    throw new IngestError(`${basename(filePath)} is empty (${buffer.length} bytes, no header and no rows); nothing to load — check the download or export`, {
      file: filePath,
      line: 1,
    });
  }
  return text;
}

/** One data row: the 1-based physical line it starts on and its fields by (trimmed) header name. */
export interface CsvRow {
  line: number;
  fields: Record<string, string>;
}

export interface CsvTable {
  file: string;
  /** Header names as written, trimmed. */
  header: string[];
  /** Rows with exactly as many fields as the header. */
  rows: CsvRow[];
  /** Rows that could not be split into the header's columns (too few/many fields, bad quotes). */
  rejected: RejectedRow[];
  /** Rows whose fields are all empty (",,,,"); read but not data. Blank lines are not rows. */
  emptyRows: number;
  /** Non-blank data rows read: rows + rejected + emptyRows. */
  rowsRead: number;
}

export interface CsvOptions {
  /** Columns that must be present; missing ones are named in the IngestError. */
  required: readonly string[];
  /** Columns that may be present. With `strict`, any other column is an error too. */
  optional?: readonly string[];
  /** Refuse columns that are neither required nor optional (for our own documented formats). */
  strict?: boolean;
  /** What the file should look like, for the error message; defaults to the required columns. */
  expectedHeader?: string;
}

/**
 * Reads and parses a CSV file as a stream (papaparse over a file stream): the file is never held
 * as one string, so its size is bounded by the disk, not by V8's longest string (~512 MB).
 * Same rules and results as {@link parseCsvText}.
 */
export async function readCsv(filePath: string, options: CsvOptions): Promise<CsvTable> {
  let size: number;
  try {
    size = (await stat(filePath)).size;
  } catch (cause) {
    throw inputFileError(cause, filePath);
  }
  const collector = new CsvCollector(filePath, options);
  await new Promise<void>((resolve, reject) => {
    const input = createReadStream(filePath, { encoding: "utf8" });
    input.on("error", (cause) => reject(inputFileError(cause, filePath)));
    Papa.parse<string[]>(input as unknown as File, {
      delimiter: ",",
      header: false,
      dynamicTyping: false,
      skipEmptyLines: false,
      step: (result, parser) => collector.step(result, parser),
      complete: () => resolve(),
      error: (cause: Error) => reject(inputFileError(cause, filePath)),
    });
  });
  return collector.finish(`${basename(filePath)} is empty (${size} bytes, no header and no rows); nothing to load — check the download or export`);
}

/**
 * Parses CSV text with a header row. `file` is used in messages only.
 * Never converts types; every field is a string.
 */
export function parseCsvText(text: string, file: string, options: CsvOptions): CsvTable {
  const collector = new CsvCollector(file, options);
  Papa.parse<string[]>(stripBom(text), {
    delimiter: ",",
    header: false,
    dynamicTyping: false,
    skipEmptyLines: false,
    step: (result, parser) => collector.step(result, parser),
  });
  return collector.finish(`${basename(file)} is empty (no header and no rows); nothing to load — check the download or export`);
}

/**
 * Turns papaparse's rows into a {@link CsvTable}, whether they come from a string or a stream.
 * Physical lines are counted from the rows themselves — one per row, plus the line breaks inside
 * its quoted fields — so nothing of the text has to be kept.
 */
class CsvCollector {
  private header: string[] | undefined;
  private readonly table: CsvTable;
  private fatal: IngestError | undefined;
  /** The physical line the next row starts on. */
  private nextLine = 1;

  constructor(
    private readonly file: string,
    private readonly options: CsvOptions,
  ) {
    this.table = { file, header: [], rows: [], rejected: [], emptyRows: 0, rowsRead: 0 };
  }

  step(result: Papa.ParseStepResult<string[]>, parser: Papa.Parser): void {
    const { file, options, table } = this;
    const fields = result.data;
    const line = this.nextLine;
    const last = fields.length - 1;
    if (last >= 0) fields[last] = fields[last]!.replace(/\r$/, "");
    this.nextLine += 1 + fields.reduce((n, f) => n + lineBreaks(f), 0);
    const quoteError = result.errors.find((e) => e.type === "Quotes");
    if (quoteError?.code === "MissingQuotes") {
      this.fatal = new IngestError(
        `a quoted field that starts on line ${line} is never closed, so the rest of the file cannot be read; add the closing '"' (quotes inside a field are written twice: "")`,
        { file, line },
      );
      parser.abort();
      return;
    }
    if (fields.length === 1 && fields[0]!.trim() === "") return; // a blank line (or the final newline)
    if (!this.header) {
      const header = fields.map((f, i) => (i === 0 ? stripBom(f) : f).trim());
      try {
        checkHeader(header, file, options);
      } catch (error) {
        this.fatal = error as IngestError;
        parser.abort();
        return;
      }
      this.header = header;
      table.header = header;
      return;
    }
    const header = this.header;
    table.rowsRead += 1;
    if (quoteError) {
      table.rejected.push({ line, reason: `malformed quotes (${quoteError.message}); a field with a comma or quote must be wrapped in "…" with inner quotes doubled` });
      return;
    }
    if (fields.length !== header.length) {
      table.rejected.push({
        line,
        reason: `row has ${fields.length} field${fields.length === 1 ? "" : "s"} but the header has ${header.length}; ${
          fields.length < header.length ? "a value or separator is missing" : "a value contains an unquoted comma or there is an extra separator"
        } — fix the row or quote the value`,
      });
      return;
    }
    if (fields.every((f) => f.trim() === "")) {
      table.emptyRows += 1;
      return;
    }
    const record: Record<string, string> = {};
    header.forEach((name, i) => {
      record[name] = fields[i]!;
    });
    table.rows.push({ line, fields: record });
  }

  finish(emptyMessage: string): CsvTable {
    if (this.fatal) throw this.fatal;
    if (!this.header) throw new IngestError(emptyMessage, { file: this.file, line: 1 });
    return this.table;
  }
}

/** Line breaks inside a field: CRLF, LF or a lone CR each count once. */
function lineBreaks(field: string): number {
  let n = 0;
  for (let i = 0; i < field.length; i++) {
    const c = field.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && field.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}

function expected(options: CsvOptions): string {
  return options.expectedHeader ?? options.required.join(",");
}

function checkHeader(header: string[], file: string, options: CsvOptions): void {
  const missing = options.required.filter((c) => !header.includes(c));
  const allowed = new Set([...options.required, ...(options.optional ?? [])]);
  const unknown = options.strict ? header.filter((c) => !allowed.has(c)) : [];
  const duplicated = header.filter((c, i) => c !== "" && header.indexOf(c) !== i);
  const problems: string[] = [];
  if (missing.length) problems.push(`missing column${missing.length === 1 ? "" : "s"} ${missing.map((c) => `"${c}"`).join(", ")}`);
  if (unknown.length) problems.push(`unknown column${unknown.length === 1 ? "" : "s"} ${unknown.map((c) => `"${c}"`).join(", ")}`);
  if (duplicated.length) problems.push(`column${duplicated.length === 1 ? "" : "s"} ${duplicated.map((c) => `"${c}"`).join(", ")} appear${duplicated.length === 1 ? "s" : ""} twice`);
  if (problems.length === 0) return;
  const optional = options.optional?.length ? ` (optional: ${options.optional.join(",")})` : "";
  throw new IngestError(
    `${basename(file)}: the header does not match — ${problems.join("; ")}. Expected header: ${expected(options)}${optional}; found: ${header.join(",")}`,
    { file, line: 1, field: missing[0] ?? unknown[0] ?? duplicated[0] },
  );
}

/** The header fields of the first line of `head` (BOM stripped, names trimmed); [] when there is none. */
export function headerOf(head: Buffer): string[] {
  const text = stripBom(head.toString("utf8"));
  const firstLine = text.split(/\r?\n|\r/, 1)[0] ?? "";
  if (firstLine.trim() === "") return [];
  const parsed = Papa.parse<string[]>(firstLine, { delimiter: ",", header: false, dynamicTyping: false, preview: 1 });
  return (parsed.data[0] ?? []).map((f) => f.trim());
}

/** True when the first line of `head` is a CSV header holding every one of `requiredColumns`. */
export function detectByHeader(head: Buffer, requiredColumns: readonly string[]): boolean {
  const header = headerOf(head);
  return header.length > 0 && requiredColumns.every((c) => header.includes(c));
}

/** Starts a ParsedFile from a parsed table: rowsRead, malformed rows and all-empty rows are already accounted. */
export function startParsedFile(table: CsvTable, init: Pick<ParsedFile, "adapter" | "dataset" | "datasetKey" | "reportedBy">): ParsedFile {
  const parsed = emptyParsedFile(init);
  parsed.rowsRead = table.rowsRead;
  parsed.rejected.push(...table.rejected);
  if (table.emptyRows > 0) addSkipped(parsed, "empty row (all fields blank)", table.emptyRows);
  return parsed;
}

/** Puts rejected rows in file order (rows rejected while splitting come first otherwise). Returns `parsed`. */
export function finishParsedFile(parsed: ParsedFile): ParsedFile {
  parsed.rejected.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return parsed;
}

/**
 * A plain decimal number ("1234", "-3.5", "1e6", "0.25"); thousands separators, currency signs and
 * words are not numbers. Returns undefined for blank text and NaN for anything else that is not a number.
 * `powerOfTen` scales the value in decimal before converting ("888.8" with 6 → exactly 888800000,
 * where 888.8 * 1e6 would carry a binary rounding error).
 */
export function parseNumber(text: string | undefined, powerOfTen = 0): number | undefined {
  const t = (text ?? "").trim();
  if (t === "") return undefined;
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:[eE]([+-]?\d+))?$/.exec(t);
  if (!m) return Number.NaN;
  return Number(`${m[1]}e${Number(m[2] ?? 0) + powerOfTen}`);
}

/** A four-digit calendar year 1800–2200, else undefined. */
export function parseYear(text: string | undefined): number | undefined {
  const t = (text ?? "").trim();
  if (!/^\d{4}$/.test(t)) return undefined;
  const y = Number(t);
  return y >= 1800 && y <= 2200 ? y : undefined;
}

/** Tracks keys already seen in a file and returns the line of the first occurrence for a repeat. */
export class DuplicateTracker {
  private readonly seen = new Map<string, number>();
  /** The line where `key` first appeared, or undefined (and remembers `line`) when it is new. */
  firstLine(key: string, line: number): number | undefined {
    const first = this.seen.get(key);
    if (first !== undefined) return first;
    this.seen.set(key, line);
    return undefined;
  }
}

/** A compact, deterministic label for a set of codes in a dataset key: "32+276", or "64x1a2b3c4d" for long lists. */
export function listKey(values: Iterable<string | number>, maxListed = 6): string {
  const sorted = [...new Set([...values].map(String))].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  if (sorted.length <= maxListed) return sorted.join("+");
  return `${sorted.length}x${fnv1a(sorted.join("|"))}`;
}

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}
