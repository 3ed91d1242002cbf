/**
 * IMF Direction of Trade Statistics (DOTS) "by partner" workbooks, one per reporter
 * (`DOTS_<n>.xlsx`, see data PROVENANCE §1).
 *
 * Layout, per sheet ("Exports, FOB to Partner Countries" → export/fob, "Imports, CIF from Partner
 * Countries" → import/cif; the tabs are named "Exports, FOB" / "Imports, CIF", the full title is
 * in B2): B4 reporter, B5 unit ("US Dollars, Millions"), row 7 year headers (each sheet has its
 * own), data from row 8 with the partner label in column B. A value is a number or text such as
 * "1,234.56 e" (IMF estimate). A "Memorandum Items" heading opens a block of regional aggregates.
 *
 * Values: `valueUsd = value × unit factor` (1e6 for millions), scaled in decimal (`scaleDecimal`), so
 * 7789.791 M becomes exactly 7,789,791,000; rounding for display happens only when figures are rendered.
 *
 * Accounting — the unit of `rowsRead` is the **value cell**: every non-empty cell in a year column
 * of a data row (row ≥ 8) becomes exactly one record, reject or skip; a labelled data row with no
 * value at all (the "Memorandum Items" heading, a partner listed without figures) counts once, as
 * skipped. Header rows 1–7 and entirely empty rows are layout, not counted.
 *
 * Duplicate partner rows: every DOTS download repeats "Australia" in row 8 before "World"; when a
 * label repeats with identical values the earlier copy is skipped (and named in `notes`), when the
 * copies differ all their cells are rejected — we cannot tell which is right.
 *
 * Countries are not resolved here: partners and the reporter are `{scheme: "imf-dots-name"}` refs
 * with the label as written; aggregates (World, Euro Area, memo items) are resolved later.
 * @module
 */
import { parseNumber } from "./csv.js";
import { basename } from "node:path";
import type ExcelJS from "exceljs";
import { IngestError } from "../errors.js";
import { addSkipped, emptyParsedFile, type ParsedFile, type RawCountryRef, type TradeFlow, type Valuation } from "../model.js";
import { cellContent, cellRef, cellText, columnLetter, openWorkbook, quoteForMessage, xlsxLayoutHint, type CellContent } from "./xlsx.js";

const ROW_REPORTER = 4;
const ROW_UNIT = 5;
const ROW_YEARS = 7;
const FIRST_DATA_ROW = 8;
const COL_LABEL = 2; // B
const FIRST_VALUE_COL = 3; // C

interface SheetSpec {
  title: string;
  flow: TradeFlow;
  valuation: Valuation;
}

export const DOTS_SHEETS: readonly SheetSpec[] = [
  { title: "Exports, FOB to Partner Countries", flow: "export", valuation: "fob" },
  { title: "Imports, CIF from Partner Countries", flow: "import", valuation: "cif" },
];

/** Units the B5 cell may state, with the factor to US dollars. */
const UNIT_FACTORS: Record<string, number> = {
  "us dollars": 1,
  "us dollars, thousands": 1e3,
  "us dollars, millions": 1e6,
  "us dollars, billions": 1e9,
};

const MEMO_HEADING = /^memorandum items$/i;
const SKIP_MEMO_HEADING = 'heading row "Memorandum Items" (no values; the aggregates below it are kept)';
const SKIP_NO_VALUES = "partner row without any values";
const SKIP_DUPLICATE = "duplicate partner row: an identical copy of a later row with the same label (counted once)";

export const dotsAdapter = {
  name: "imf-dots",
  /** An xlsx named `DOTS_<n>.xlsx`, or whose shared strings (when within `head`) carry a DOTS sheet title. */
  detect(fileName: string, head: Buffer): boolean {
    return xlsxLayoutHint(fileName, head) === "imf-dots";
  },
  parse: parseDots,
};

interface ValueCell {
  column: number;
  row: number;
  ref: string;
  content: CellContent;
}

interface DataRow {
  row: number;
  label: string;
  memo: boolean;
  cells: ValueCell[];
}

export async function parseDots(filePath: string): Promise<ParsedFile> {
  const file = basename(filePath);
  const workbook = await openWorkbook(filePath);

  const sheets = DOTS_SHEETS.map((spec) => ({ spec, sheet: findSheet(workbook, spec, filePath) }));
  const reporters = sheets.map(({ sheet }) => readReporter(sheet, filePath));
  const reporterLabel = reporters[0]!;
  if (reporters.some((r) => r !== reporterLabel)) {
    throw new IngestError(
      `${file}: the sheets name different reporters (${reporters.map((r, i) => `${sheets[i]!.sheet.name}!B${ROW_REPORTER} = ${quoteForMessage(r)}`).join(", ")}); a DOTS workbook holds one reporter — re-download it`,
      { file: filePath, cell: cellRef(sheets[1]!.sheet.name, COL_LABEL, ROW_REPORTER) },
    );
  }
  const reporter: RawCountryRef = { scheme: "imf-dots-name", code: reporterLabel };

  const parsed = emptyParsedFile({ adapter: dotsAdapter.name, dataset: "imf-dots", datasetKey: `imf-dots:${reporterLabel}`, reportedBy: "reporter" });
  const vintage = findVintage(sheets.map((s) => s.sheet));
  if (vintage) parsed.vintageLabel = vintage;

  let estimates = 0;
  const negatives: string[] = [];
  for (const { spec, sheet } of sheets) {
    const factor = readUnitFactor(sheet, filePath);
    const years = readYearColumns(sheet, filePath);
    const rows = readDataRows(sheet);
    const duplicates = resolveDuplicates(rows);

    for (const r of rows) {
      if (r.cells.length === 0) {
        parsed.rowsRead += 1;
        addSkipped(parsed, MEMO_HEADING.test(r.label) ? SKIP_MEMO_HEADING : SKIP_NO_VALUES);
        continue;
      }
      parsed.rowsRead += r.cells.length;
      const dup = duplicates.get(r.row);
      if (dup?.kind === "identical") {
        addSkipped(parsed, SKIP_DUPLICATE, r.cells.length);
        continue;
      }
      for (const c of r.cells) {
        const year = years.get(c.column);
        if (dup?.kind === "conflict") {
          parsed.rejected.push({
            line: c.row,
            cell: c.ref,
            field: "partner",
            reason: `partner ${quoteForMessage(r.label)} appears in rows ${dup.rows.join(" and ")} of ${sheet.name} with different values; cannot tell which is right — fix the workbook`,
          });
          continue;
        }
        if (r.label === "") {
          parsed.rejected.push({ line: c.row, cell: c.ref, field: "partner", reason: `value without a partner label (column B of row ${c.row} is empty)` });
          continue;
        }
        if (year === undefined) {
          parsed.rejected.push({ line: c.row, cell: c.ref, field: "year", reason: `value in column ${columnLetter(c.column)}, which has no year in row ${ROW_YEARS}` });
          continue;
        }
        const value = readValue(c.content);
        if ("problem" in value) {
          parsed.rejected.push({ line: c.row, cell: c.ref, field: String(year), reason: value.problem });
          continue;
        }
        if (value.estimated) estimates += 1;
        if (value.amount < 0) negatives.push(c.ref);
        parsed.trade.push({
          line: c.row,
          cell: c.ref,
          year,
          reporter,
          partner: { scheme: "imf-dots-name", code: r.label },
          flow: spec.flow,
          productCode: "TOTAL",
          classification: "TOTAL",
          valueUsd: scaleDecimal(value.amount, factor),
          valuation: spec.valuation,
          estimated: value.estimated,
        });
      }
    }

    for (const [row, d] of duplicates) {
      if (d.kind === "identical") parsed.notes.push(`${sheet.name} row ${row} (${quoteForMessage(d.label)}) is an identical copy of row ${d.kept}; its values are counted once (from row ${d.kept})`);
    }
    const memoRows = rows.filter((r) => r.memo);
    if (memoRows.length > 0) {
      const labels = memoRows.map((r) => r.label);
      parsed.notes.push(
        `${sheet.name} rows ${memoRows[0]!.row}–${memoRows[memoRows.length - 1]!.row} ("Memorandum Items": ${labels.slice(0, 3).join("; ")}${labels.length > 3 ? "; …" : ""}) are regional aggregates, kept as records for the resolver to mark as aggregates`,
      );
    }
    if (factor !== 1e6) parsed.notes.push(`${sheet.name}!B${ROW_UNIT} states ${quoteForMessage(cellText(sheet.getCell(ROW_UNIT, COL_LABEL)))}; values converted to US dollars (× ${factor})`);
  }
  if (estimates > 0) parsed.notes.push(`${estimates} values are IMF estimates (marked " e" in the workbook)`);
  if (negatives.length > 0) {
    parsed.notes.push(
      `${negatives.length} negative values stored as published (${negatives.slice(0, 5).join(", ")}${negatives.length > 5 ? ", …" : ""}): IMF allocation adjustments in aggregate rows, e.g. World's 1960–1963 Malaysia row offsetting "Malaysia, West"`,
    );
  }
  if (parsed.rejected.length > 0) parsed.notes.push(`${parsed.rejected.length} value cells could not be read (see rejected)`);
  return parsed;
}

function findSheet(workbook: ExcelJS.Workbook, spec: SheetSpec, filePath: string): ExcelJS.Worksheet {
  const wanted = spec.title.toLowerCase();
  const sheet =
    workbook.worksheets.find((ws) => ws.name.trim().toLowerCase() === wanted) ??
    workbook.worksheets.find((ws) => wanted.startsWith(ws.name.trim().toLowerCase()) && ws.name.trim().length >= 7) ??
    workbook.worksheets.find((ws) => cellText(ws.getCell(2, COL_LABEL)).toLowerCase() === wanted);
  if (!sheet) {
    throw new IngestError(
      `${basename(filePath)} has no sheet "${spec.title}" (sheets found: ${workbook.worksheets.map((ws) => JSON.stringify(ws.name)).join(", ") || "none"}); ` +
        `an IMF DOTS workbook has one Exports and one Imports sheet — download both flows`,
      { file: filePath, field: spec.title },
    );
  }
  const title = cellText(sheet.getCell(2, COL_LABEL));
  if (title.toLowerCase() !== wanted) {
    throw new IngestError(
      `title cell ${cellRef(sheet.name, COL_LABEL, 2)} says ${quoteForMessage(title)}, expected "${spec.title}"; the sheet does not have the DOTS layout`,
      { file: filePath, line: 2, cell: cellRef(sheet.name, COL_LABEL, 2) },
    );
  }
  return sheet;
}

function readReporter(sheet: ExcelJS.Worksheet, filePath: string): string {
  const label = cellText(sheet.getCell(ROW_REPORTER, COL_LABEL));
  if (label === "") {
    const cell = cellRef(sheet.name, COL_LABEL, ROW_REPORTER);
    throw new IngestError(`reporter cell ${cell} is empty; a DOTS sheet names its reporter in B${ROW_REPORTER}`, { file: filePath, line: ROW_REPORTER, cell, field: "reporter" });
  }
  return label;
}

function readUnitFactor(sheet: ExcelJS.Worksheet, filePath: string): number {
  const text = cellText(sheet.getCell(ROW_UNIT, COL_LABEL));
  const factor = UNIT_FACTORS[text.replace(/\s+/g, " ").trim().toLowerCase()];
  if (factor === undefined) {
    const cell = cellRef(sheet.name, COL_LABEL, ROW_UNIT);
    throw new IngestError(
      `unit cell ${cell} says ${quoteForMessage(text)}, expected "US Dollars, Millions" (or US Dollars / Thousands / Billions); tradeties stores US dollars — download the data in US dollars`,
      { file: filePath, line: ROW_UNIT, cell, field: "unit" },
    );
  }
  return factor;
}

/** Column number → year, from row 7. Anything but a four-digit year there is a layout error. */
function readYearColumns(sheet: ExcelJS.Worksheet, filePath: string): Map<number, number> {
  const years = new Map<number, number>();
  sheet.getRow(ROW_YEARS).eachCell({ includeEmpty: false }, (cell, col) => {
    if (col < FIRST_VALUE_COL) return;
    const text = cellText(cell);
    if (text === "") return;
    if (!/^\d{4}$/.test(text)) {
      const ref = cellRef(sheet.name, col, ROW_YEARS);
      throw new IngestError(
        `year header ${ref} says ${quoteForMessage(text)}; row ${ROW_YEARS} should hold years such as "2019" — download annual data`,
        { file: filePath, line: ROW_YEARS, cell: ref, field: "year" },
      );
    }
    years.set(col, Number(text));
  });
  if (years.size === 0) {
    throw new IngestError(
      `${sheet.name}: no year headers in row ${ROW_YEARS} (expected "1960", "1961", … from column C); the sheet does not have the DOTS layout`,
      { file: filePath, line: ROW_YEARS, cell: cellRef(sheet.name, FIRST_VALUE_COL, ROW_YEARS) },
    );
  }
  return years;
}

function readDataRows(sheet: ExcelJS.Worksheet): DataRow[] {
  const rows: DataRow[] = [];
  let memo = false;
  sheet.eachRow({ includeEmpty: false }, (row, r) => {
    if (r < FIRST_DATA_ROW) return;
    const label = cellText(row.getCell(COL_LABEL));
    const cells: ValueCell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (col < FIRST_VALUE_COL) return;
      const content = cellContent(cell);
      if (content.kind !== "empty") cells.push({ column: col, row: r, ref: cellRef(sheet.name, col, r), content });
    });
    if (label === "" && cells.length === 0) return; // blank line: layout, not counted
    const isHeading = MEMO_HEADING.test(label) && cells.length === 0;
    rows.push({ row: r, label, memo: memo && !isHeading, cells });
    if (isHeading) memo = true;
  });
  // Rows after the heading are the memo block (the heading itself is not part of it).
  return rows;
}

type Duplicate = { kind: "identical"; label: string; kept: number } | { kind: "conflict"; rows: number[] };

/** Row number → how it duplicates another row with the same label. */
function resolveDuplicates(rows: DataRow[]): Map<number, Duplicate> {
  const byLabel = new Map<string, DataRow[]>();
  for (const r of rows) {
    if (r.label === "" || r.cells.length === 0) continue;
    byLabel.set(r.label, [...(byLabel.get(r.label) ?? []), r]);
  }
  const out = new Map<number, Duplicate>();
  for (const [label, group] of byLabel) {
    if (group.length < 2) continue;
    const fingerprint = (r: DataRow) => JSON.stringify(r.cells.map((c) => [c.column, c.content]));
    const same = group.every((r) => fingerprint(r) === fingerprint(group[0]!));
    const kept = group[group.length - 1]!.row;
    for (const r of group) {
      if (!same) out.set(r.row, { kind: "conflict", rows: group.map((g) => g.row) });
      else if (r.row !== kept) out.set(r.row, { kind: "identical", label, kept });
    }
  }
  return out;
}

type ReadValue = { amount: number; estimated: boolean } | { problem: string };

/** A number cell, or text such as "1,234.56" / "1,234.56 e" (estimate). */
export function readValue(content: CellContent): ReadValue {
  switch (content.kind) {
    case "number":
      return { amount: content.value, estimated: false };
    case "text": {
      const m = /^(.*?)\s*(\be)?$/i.exec(content.text);
      const numberPart = m?.[1] ?? content.text;
      const estimated = m?.[2] !== undefined;
      const amount = parseDotsNumber(numberPart);
      if (amount === undefined) {
        return { problem: `${quoteForMessage(content.text)} is not a number (expected e.g. 1234.5 or "1,234.56 e" for an IMF estimate)` };
      }
      return { amount, estimated };
    }
    case "date":
      return { problem: `a date (${content.value.toISOString().slice(0, 10)}) where a value in millions was expected` };
    case "error":
      return { problem: `spreadsheet error ${quoteForMessage(content.text)} instead of a value` };
    case "empty":
      return { problem: "empty" };
  }
}

function parseDotsNumber(text: string): number | undefined {
  const t = text.trim();
  if (!/^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^-?\.\d+$/.test(t)) return undefined;
  return Number(t.replace(/,/g, ""));
}

/** Edition information, if the header rows 1–6 carry any beyond title, reporter and unit. */
function findVintage(sheets: ExcelJS.Worksheet[]): string | undefined {
  for (const sheet of sheets) {
    for (let r = 1; r <= 6; r++) {
      for (let c = 1; c <= 4; c++) {
        const text = cellText(sheet.getCell(r, c));
        const m = /\b(?:edition|release|vintage|updated|as of)\b\D*(\d{4}(?:-\d{2}(?:-\d{2})?)?)/i.exec(text);
        if (m) return m[1];
      }
    }
  }
  return undefined;
}

/** amount × factor (a power of ten) done in decimal, so 117.6 million is exactly 117,600,000 and not 117,600,000.00000001. */
export function scaleDecimal(amount: number, factor: number): number {
  const scaled = parseNumber(String(amount), Math.round(Math.log10(factor)));
  return scaled !== undefined && Number.isFinite(scaled) ? scaled : amount * factor;
}
