/**
 * Shared helpers for the spreadsheet adapters (IMF DOTS, KTO arrivals): open a workbook with a
 * clear {@link IngestError} when the file is empty, not an xlsx or truncated; read a cell as
 * empty / number / text; build "Sheet!A1" references; peek into the first bytes of an xlsx for
 * format detection without reading the whole file.
 * @module
 */
import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import { constants as zlibConstants, inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import yauzl from "yauzl";
import { inputFileError } from "../environmentErrors.js";
import { IngestError } from "../errors.js";

/** An xlsx is a zip file; every zip starts with a local file header "PK\x03\x04". */
export const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** The zip "end of central directory" record; a file cut short has lost it. */
const ZIP_END_OF_CENTRAL_DIRECTORY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

export function isZipHead(head: Buffer): boolean {
  return head.length >= 4 && head.subarray(0, 4).equals(ZIP_MAGIC);
}

/**
 * Reads an xlsx workbook. Throws IngestError (with `at.file`) when the file cannot be read, is
 * empty, is not a zip (e.g. a CSV saved with an .xlsx name), or is a zip cut short.
 */
export async function openWorkbook(filePath: string, limits: WorkbookLimits = WORKBOOK_LIMITS): Promise<ExcelJS.Workbook> {
  const name = basename(filePath);
  let bytes: Buffer;
  try {
    const size = (await stat(filePath)).size;
    if (size > limits.maxInflatedBytes) {
      throw new IngestError(
        `${name} is ${mib(size)} — larger than the ${mib(limits.maxInflatedBytes)} a workbook may unpack to, so it is not opened (the largest IMF DOTS workbook unpacks to 1.4 MiB); split it or export the sheets as CSV`,
        { file: filePath },
      );
    }
    bytes = await readFile(filePath);
  } catch (cause) {
    throw inputFileError(cause, filePath);
  }
  if (bytes.length === 0) {
    throw new IngestError(`${name} is empty (0 bytes); nothing to load — download the workbook again`, { file: filePath });
  }
  if (!isZipHead(bytes)) {
    const looksText = bytes.subarray(0, 64).every((b) => b === 9 || b === 10 || b === 13 || b >= 32);
    throw new IngestError(
      `${name} is not an xlsx workbook (an xlsx file is a zip and starts with "PK"; this one starts with ${looksText ? "text" : "other bytes"}); ` +
        `save it as Excel .xlsx or pass the right --format`,
      { file: filePath, line: 1 },
    );
  }
  const tail = bytes.subarray(Math.max(0, bytes.length - 65_557));
  if (tail.lastIndexOf(ZIP_END_OF_CENTRAL_DIRECTORY) < 0) {
    throw new IngestError(
      `${name} is truncated or damaged: the zip directory at the end of the file is missing (${bytes.length} bytes read); download the workbook again`,
      { file: filePath },
    );
  }
  await checkWorkbookSizes(filePath, limits);
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own `Buffer` type; node's Buffer is what it actually reads.
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (cause) {
    throw new IngestError(
      `${name} could not be opened as an xlsx workbook (${(cause as Error).message}); it may be damaged or saved in another format — re-save it as Excel .xlsx`,
      { file: filePath },
      { cause },
    );
  }
  return workbook;
}

/** How far a workbook may unpack; checked before exceljs inflates anything (see {@link checkWorkbookSizes}). */
export interface WorkbookLimits {
  /** Bytes all parts together may unpack to. */
  maxInflatedBytes: number;
  /** Parts (zip entries) a workbook may have. */
  maxEntries: number;
}

/**
 * 256 MiB unpacked in all, 10,000 parts: ~180 × the largest IMF DOTS workbook (1.4 MiB unpacked, 11
 * parts) and far below what would exhaust memory (exceljs holds a workbook ~10 × its XML size).
 */
export const WORKBOOK_LIMITS: WorkbookLimits = { maxInflatedBytes: 256 * 1024 * 1024, maxEntries: 10_000 };

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toLocaleString("en-US", { maximumFractionDigits: 1 })} MiB`;
}

/**
 * Refuses a zip bomb before it is inflated for real: reads the zip directory (yauzl), refuses a
 * workbook whose declared unpacked sizes exceed `limits`, then inflates each part into nothing,
 * counting bytes — yauzl stops a part that unpacks to more than it declared, so a lying directory
 * is caught too, with at most `maxInflatedBytes` inflated. Throws IngestError naming the sizes.
 */
export async function checkWorkbookSizes(filePath: string, limits: WorkbookLimits = WORKBOOK_LIMITS): Promise<void> {
  const name = basename(filePath);
  const refuse = (what: string) =>
    new IngestError(`${name} ${what}, more than the ${mib(limits.maxInflatedBytes)} a workbook may unpack to; it is not opened (a damaged file or a zip bomb) — export the data again`, { file: filePath });
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(filePath, { lazyEntries: true, autoClose: true, validateEntrySizes: true }, (error, opened) => (error ? reject(damaged(error)) : resolve(opened))),
  );
  function damaged(cause: Error): IngestError {
    return new IngestError(`${name} is truncated or damaged: its zip directory cannot be read (${cause.message}); download the workbook again`, { file: filePath }, { cause });
  }
  let declared = 0;
  let inflated = 0;
  let entries = 0;
  await new Promise<void>((resolve, reject) => {
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      zip.close();
      reject(error);
    };
    zip.on("error", (error: Error) => fail(error instanceof IngestError ? error : damaged(error)));
    zip.on("end", () => resolve());
    zip.on("entry", (entry: yauzl.Entry) => {
      entries += 1;
      declared += entry.uncompressedSize;
      if (entries > limits.maxEntries) return fail(new IngestError(`${name} has more than ${limits.maxEntries.toLocaleString("en-US")} parts; it is not a workbook tradeties reads`, { file: filePath }));
      if (declared > limits.maxInflatedBytes) return fail(refuse(`declares ${mib(declared)} of unpacked parts (${entries} parts so far)`));
      if (/\/$/.test(entry.fileName)) return zip.readEntry();
      zip.openReadStream(entry, (error, stream) => {
        if (error) return fail(damaged(error));
        stream.on("data", (chunk: Buffer) => {
          inflated += chunk.length;
          if (inflated > limits.maxInflatedBytes) {
            stream.destroy();
            fail(refuse(`unpacks to more than it declares (${mib(inflated)} so far)`));
          }
        });
        stream.on("error", (e: Error) =>
          fail(
            /too many bytes|too few bytes/i.test(e.message)
              ? new IngestError(`${name} has a part (${entry.fileName}) that unpacks to another size than its zip directory declares (${e.message}); it is not opened (a damaged file or a zip bomb) — export the data again`, { file: filePath })
              : damaged(e),
          ),
        );
        stream.on("end", () => zip.readEntry());
      });
    });
    zip.readEntry();
  });
}

/** 1 → "A", 27 → "AA". */
export function columnLetter(column: number): string {
  if (!Number.isInteger(column) || column < 1) throw new RangeError(`column number must be ≥ 1, got ${column}`);
  let n = column;
  let letters = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** "A" → 1, "AA" → 27. */
export function columnNumber(letters: string): number {
  if (!/^[A-Z]+$/i.test(letters)) throw new RangeError(`not a column letter: "${letters}"`);
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** "C", 12 → "C12". */
export function a1(column: number, row: number): string {
  return `${columnLetter(column)}${row}`;
}

/** The cell reference stored with records and errors: `Exports, FOB!AF12` (sheet name unquoted). */
export function cellRef(sheetName: string, column: number, row: number): string {
  return `${sheetName}!${a1(column, row)}`;
}

/** What a cell holds, reduced to what adapters need. Merged-over cells (not the top-left one) are empty. */
export type CellContent =
  | { kind: "empty" }
  | { kind: "number"; value: number }
  | { kind: "text"; text: string }
  | { kind: "date"; value: Date }
  | { kind: "error"; text: string };

export function cellContent(cell: ExcelJS.Cell): CellContent {
  if (cell.type === ExcelJS.ValueType.Merge) return { kind: "empty" };
  return contentOf(cell.value);
}

function contentOf(value: ExcelJS.CellValue | unknown): CellContent {
  if (value === null || value === undefined) return { kind: "empty" };
  if (typeof value === "number") return Number.isFinite(value) ? { kind: "number", value } : { kind: "error", text: String(value) };
  if (typeof value === "string") return value.trim() === "" ? { kind: "empty" } : { kind: "text", text: value.trim() };
  if (typeof value === "boolean") return { kind: "text", text: String(value) };
  if (value instanceof Date) return { kind: "date", value };
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if ("richText" in v && Array.isArray(v.richText)) {
      return contentOf((v.richText as { text: string }[]).map((p) => p.text).join(""));
    }
    if ("error" in v) return { kind: "error", text: String(v.error) };
    if ("formula" in v || "sharedFormula" in v) return contentOf(v.result);
    if ("text" in v) return contentOf(v.text);
  }
  return { kind: "text", text: String(value) };
}

/** The cell as trimmed text ("" when empty); numbers in plain decimal form. */
export function cellText(cell: ExcelJS.Cell): string {
  const c = cellContent(cell);
  switch (c.kind) {
    case "empty":
      return "";
    case "number":
      return String(c.value);
    case "text":
    case "error":
      return c.text;
    case "date":
      return c.value.toISOString();
  }
}

/** Text for messages: at most 40 characters, quoted. */
export function quoteForMessage(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/**
 * Parses a number written as text: "1234.5", "1,234.56", "-0.2". Thousands separators must be in
 * groups of three; anything else ("12x", "n/a", "1,2,3") gives undefined.
 */
export function parseNumberText(text: string): number | undefined {
  const t = text.trim();
  if (!/^[-+]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$/.test(t) || !/\d/.test(t)) return undefined;
  const n = Number(t.replace(/,/g, ""));
  return Number.isFinite(n) ? n : undefined;
}

/** Strings found in `xl/sharedStrings.xml` when that part lies complete (or partly) inside `head`. */
export function peekSharedStrings(head: Buffer): string[] | undefined {
  for (const entry of zipEntriesInHead(head)) {
    if (entry.name !== "xl/sharedStrings.xml") continue;
    const xml = entry.inflate();
    if (xml === undefined) return undefined;
    const strings: string[] = [];
    for (const si of xml.matchAll(/<si>([\s\S]*?)<\/si>/g)) {
      const parts = [...si[1]!.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)].map((m) => decodeXml(m[1]!));
      strings.push(parts.join(""));
    }
    return strings;
  }
  return undefined;
}

interface HeadEntry {
  name: string;
  inflate(): string | undefined;
}

/** Local zip entries whose headers lie inside `head` (an xlsx is a zip of XML parts). */
function zipEntriesInHead(head: Buffer): HeadEntry[] {
  const entries: HeadEntry[] = [];
  let at = head.indexOf(ZIP_MAGIC);
  while (at >= 0 && at + 30 <= head.length) {
    const flags = head.readUInt16LE(at + 6);
    const method = head.readUInt16LE(at + 8);
    const compressedSize = head.readUInt32LE(at + 18);
    const nameLength = head.readUInt16LE(at + 26);
    const extraLength = head.readUInt16LE(at + 28);
    const dataStart = at + 30 + nameLength + extraLength;
    if (dataStart > head.length) break;
    const name = head.subarray(at + 30, at + 30 + nameLength).toString("utf8");
    const sizeKnown = (flags & 0x08) === 0 || compressedSize > 0;
    const next = head.indexOf(ZIP_MAGIC, sizeKnown ? dataStart + compressedSize : dataStart);
    const dataEnd = sizeKnown ? Math.min(head.length, dataStart + compressedSize) : next < 0 ? head.length : next;
    const data = head.subarray(dataStart, dataEnd);
    entries.push({
      name,
      inflate: () => {
        try {
          if (method === 0) return data.toString("utf8");
          if (method !== 8) return undefined;
          // A part cut off by the end of `head` still inflates up to where the bytes stop.
          return inflateRawSync(data, { finishFlush: zlibConstants.Z_SYNC_FLUSH }).toString("utf8");
        } catch {
          return undefined;
        }
      },
    });
    if (!sizeKnown || dataStart + compressedSize >= head.length) break;
    at = next;
  }
  return entries;
}

function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_m, e: string) => {
    switch (e.toLowerCase()) {
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "amp":
        return "&";
      case "quot":
        return '"';
      case "apos":
        return "'";
      default:
        return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    }
  });
}

/** The workbook layouts tradeties reads, as far as the file name and first bytes tell. */
export type XlsxLayout = "imf-dots" | "kto-arrivals";

const DOTS_STRINGS = ["Exports, FOB to Partner Countries", "Imports, CIF from Partner Countries"];
const KTO_STRINGS = ["국적", "관광", "상용", "계"];
const DOTS_NAME = /^DOTS_\d+\.xlsx$/i;
const KTO_NAME = /^kto_.*\.xlsx$/i;

/**
 * Which spreadsheet adapter a file belongs to; at most one answer, so the DOTS and KTO adapters
 * never both claim a file. Evidence from the workbook's own strings (when its shared-strings part
 * lies within `head`, as in the small KTO files) wins over the file name; when the strings are not
 * within `head` (large workbooks store them at the end), the file name decides:
 * `DOTS_<n>.xlsx` → IMF DOTS, `kto_*.xlsx` → KTO.
 */
export function xlsxLayoutHint(fileName: string, head: Buffer): XlsxLayout | undefined {
  if (!isZipHead(head)) return undefined;
  const strings = peekSharedStrings(head);
  if (strings && strings.length > 0) {
    const set = new Set(strings.map((s) => s.trim()));
    if (DOTS_STRINGS.some((s) => set.has(s))) return "imf-dots";
    if (KTO_STRINGS.every((s) => set.has(s))) return "kto-arrivals";
    // Neither layout's strings: fall back to the name, so a kto_/DOTS_ file with a changed header
    // still reaches its adapter and fails there with a message naming the header cell.
  }
  const name = basename(fileName);
  if (DOTS_NAME.test(name)) return "imf-dots";
  if (KTO_NAME.test(name)) return "kto-arrivals";
  return undefined;
}
