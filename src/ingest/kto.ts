/**
 * Korea Tourism Organization (KTO) monthly inbound arrivals by nationality and purpose of visit
 * ("외래객 입국-목적별/국적별", data PROVENANCE §9), in two layouts:
 *
 * 1. **monthly** — the original `kto_YYYYMM.xlsx`: title in A1 ("2019년 01월 외래객 입국-목적별/국적별"),
 *    header in row 2 (`국적, 관광, 상용, 공용, 유학/연수, 기타, 계, 전년동기, 성장률(%), 구성비(%)`), then
 *    nationality rows interleaved with continent subtotals (아시아주 … 교포소계) and four footer lines
 *    (계, 전년동기, 성장률(%), 구성비(%)).
 * 2. **long** — `kto_total.xlsx` and its slices: header in row 1
 *    (`국적, 관광, 상용, 공용, 유학/연수, 기타, 계, 기준년월, 대륙, 관광객비율(%), 전체비율(%)`), one row per
 *    nationality and month (기준년월 "YYYY-MM").
 *
 * Each nationality row gives one {@link RawSeriesRecord} per purpose column (breakdowns tourism,
 * business, official, study_training, other, total), from `{scheme: "kto-korean-name"}` (the label
 * as written; 교포 and 국적미상 included — the resolver decides) to KOR.
 *
 * Not loaded, by design: 전년동기 (the same month a year earlier — that month's own file is the
 * source), 성장률(%) and 구성비(%) (derived percentages), and in the long layout 대륙 and the two ratio
 * columns (added by the table's author).
 *
 * Accounting — the unit of `rowsRead` is the **value cell** in the six purpose columns (B–G): each
 * becomes a record, a reject, or a skip (subtotal and footer rows are skipped cell by cell, with the
 * reason). A labelled row without any purpose value counts once, as skipped. Empty cells and blank
 * lines are not counted.
 *
 * Checks (monthly layout): the nationality rows must add up to the footer 계 row in every purpose
 * column. A mismatch does not stop the load — each row is a valid figure on its own and we cannot
 * tell which one is wrong — but it is reported in `notes` with the difference; agreement is noted too.
 * @module
 */
import { basename } from "node:path";
import type ExcelJS from "exceljs";
import { IngestError, UsageError } from "../errors.js";
import { addSkipped, emptyParsedFile, type ParsedFile, type RawCountryRef, type RawSeriesRecord } from "../model.js";
import { cellContent, cellRef, cellText, openWorkbook, parseNumberText, quoteForMessage, xlsxLayoutHint } from "./xlsx.js";

export const KTO_PUBLISHER = "Korea Tourism Organization";

/** Purpose columns B–G, in file order, with the breakdown each becomes. */
export const KTO_BREAKDOWNS: readonly { header: string; breakdown: string }[] = [
  { header: "관광", breakdown: "tourism" },
  { header: "상용", breakdown: "business" },
  { header: "공용", breakdown: "official" },
  { header: "유학/연수", breakdown: "study_training" },
  { header: "기타", breakdown: "other" },
  { header: "계", breakdown: "total" },
];
const FIRST_VALUE_COL = 2; // B
const TOTAL_COL = 7; // G, 계

export const MONTHLY_HEADER = ["국적", "관광", "상용", "공용", "유학/연수", "기타", "계", "전년동기", "성장률(%)", "구성비(%)"] as const;
/** The long layout's first eight columns are read; 대륙 and the two ratio columns after them are not. */
export const LONG_HEADER = ["국적", "관광", "상용", "공용", "유학/연수", "기타", "계", "기준년월"] as const;

/** Continent subtotal rows of the monthly layout (never emitted as countries). */
export const KTO_SUBTOTALS: ReadonlySet<string> = new Set(["아시아주", "미주", "구주", "대양주", "아프리카주", "기타대륙", "교포소계"]);
/** Footer rows of the monthly layout. */
export const KTO_FOOTERS: ReadonlySet<string> = new Set(["계", "전년동기", "성장률(%)", "구성비(%)"]);

const TITLE = /^\s*(\d{4})\s*년\s*(\d{1,2})\s*월/;
const FILE_MONTH = /^kto_(\d{4})(\d{2})\.xlsx$/i;

const SKIP_SUBTOTAL = "continent subtotal row (아시아주, 미주, 구주, 대양주, 아프리카주, 기타대륙, 교포소계)";
const SKIP_FOOTER_TOTAL = "footer row 계 (all nationalities; used to check the rows)";
const SKIP_FOOTER_PREVIOUS = "footer row 전년동기 (same month a year earlier; not loaded — that month's own file is the source)";
const SKIP_FOOTER_PERCENT = "footer row 성장률(%) / 구성비(%) (derived percentages)";
const SKIP_NO_VALUES = "row with a label but no purpose values";

export const ktoAdapter = {
  name: "kto-arrivals",
  /** An xlsx whose shared strings (when within `head`) carry the KTO header, or named `kto_*.xlsx`. */
  detect(fileName: string, head: Buffer): boolean {
    return xlsxLayoutHint(fileName, head) === "kto-arrivals";
  },
  parse: parseKto,
};

export async function parseKto(filePath: string): Promise<ParsedFile> {
  const workbook = await openWorkbook(filePath);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new IngestError(`${basename(filePath)} has no sheets`, { file: filePath });
  const a1 = cellText(sheet.getCell(1, 1));
  if (TITLE.test(a1)) return parseMonthly(sheet, filePath);
  if (a1 === LONG_HEADER[0]) return parseLong(sheet, filePath);
  throw new IngestError(
    `${basename(filePath)}: cell ${cellRef(sheet.name, 1, 1)} says ${quoteForMessage(a1)}; expected either a title such as "2019년 01월 외래객 입국-목적별/국적별" ` +
      `(monthly KTO table, header in row 2) or the header "국적" (long table, header in row 1)`,
    { file: filePath, line: 1, cell: cellRef(sheet.name, 1, 1) },
  );
}

function checkHeader(sheet: ExcelJS.Worksheet, row: number, expected: readonly string[], filePath: string): void {
  expected.forEach((want, i) => {
    const got = cellText(sheet.getCell(row, i + 1)).replace(/\s+/g, "");
    if (got !== want.replace(/\s+/g, "")) {
      const cell = cellRef(sheet.name, i + 1, row);
      throw new IngestError(
        `header cell ${cell} says ${quoteForMessage(got)}, expected "${want}"; the expected header in row ${row} is: ${expected.join(", ")}`,
        { file: filePath, line: row, cell, field: want },
      );
    }
  });
}

function newParsed(datasetKey: string): ParsedFile {
  return emptyParsedFile({ adapter: ktoAdapter.name, dataset: "kto-arrivals", datasetKey, reportedBy: "source" });
}

const KOR: RawCountryRef = { scheme: "iso3", code: "KOR" };

interface RowValues {
  /** Non-empty purpose cells (columns B–G). */
  cells: { column: number; ref: string; value?: number; problem?: string }[];
}

function readPurposeCells(sheet: ExcelJS.Worksheet, row: number): RowValues {
  const cells: RowValues["cells"] = [];
  for (let col = FIRST_VALUE_COL; col <= TOTAL_COL; col++) {
    const content = cellContent(sheet.getCell(row, col));
    const ref = cellRef(sheet.name, col, row);
    const header = KTO_BREAKDOWNS[col - FIRST_VALUE_COL]!.header;
    if (content.kind === "empty") continue;
    const n = content.kind === "number" ? content.value : content.kind === "text" ? parseNumberText(content.text) : undefined;
    if (n === undefined) {
      const shown = content.kind === "date" ? content.value.toISOString().slice(0, 10) : content.kind === "text" || content.kind === "error" ? content.text : "";
      cells.push({ column: col, ref, problem: `${header}: ${quoteForMessage(shown)} is not a number of persons` });
    } else if (!Number.isInteger(n) || n < 0) {
      cells.push({ column: col, ref, problem: `${header}: ${n} is not a whole number of persons ≥ 0` });
    } else cells.push({ column: col, ref, value: n });
  }
  return { cells };
}

function emitRow(
  parsed: ParsedFile,
  row: number,
  label: string,
  values: RowValues,
  period: { period: string; year: number; month: number },
): void {
  for (const c of values.cells) {
    const { header, breakdown } = KTO_BREAKDOWNS[c.column - FIRST_VALUE_COL]!;
    if (c.value === undefined) {
      parsed.rejected.push({ line: row, cell: c.ref, field: header, reason: `${label}: ${c.problem ?? "unreadable value"}` });
      continue;
    }
    const record: RawSeriesRecord = {
      line: row,
      cell: c.ref,
      period: period.period,
      year: period.year,
      month: period.month,
      from: { scheme: "kto-korean-name", code: label },
      to: KOR,
      metric: "visitor_arrivals",
      breakdown,
      value: c.value,
      unit: "persons",
      publishedPoint: false,
      approximate: false,
      publisher: KTO_PUBLISHER,
    };
    parsed.series.push(record);
  }
}

function rejectAll(parsed: ParsedFile, row: number, values: RowValues, field: string, reason: string): void {
  for (const c of values.cells) parsed.rejected.push({ line: row, cell: c.ref, field, reason });
}

function purposesSumCheck(label: string, row: number, values: RowValues, mismatches: string[]): void {
  const byCol = new Map(values.cells.map((c) => [c.column, c.value]));
  const parts = [2, 3, 4, 5, 6].map((c) => byCol.get(c));
  const total = byCol.get(TOTAL_COL);
  if (total === undefined || parts.some((p) => p === undefined)) return;
  const sum = parts.reduce((s, p) => s! + p!, 0)!;
  if (sum !== total) mismatches.push(`row ${row} ${label}: purposes sum to ${sum} but 계 says ${total}`);
}

function parseMonthly(sheet: ExcelJS.Worksheet, filePath: string): ParsedFile {
  const file = basename(filePath);
  const titleRef = cellRef(sheet.name, 1, 1);
  const m = TITLE.exec(cellText(sheet.getCell(1, 1)))!;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) {
    throw new IngestError(`title ${titleRef} names month ${month}; expected 01–12`, { file: filePath, line: 1, cell: titleRef, field: "title" });
  }
  const period = `${year}-${String(month).padStart(2, "0")}`;
  const fromName = FILE_MONTH.exec(file);
  if (fromName && (Number(fromName[1]) !== year || Number(fromName[2]) !== month)) {
    throw new IngestError(
      `title ${titleRef} says ${period} but the file name ${file} says ${fromName[1]}-${fromName[2]}; check that this is the month you meant and rename the file to kto_${year}${String(month).padStart(2, "0")}.xlsx`,
      { file: filePath, line: 1, cell: titleRef, field: "title" },
    );
  }
  checkHeader(sheet, 2, MONTHLY_HEADER, filePath);

  const parsed = newParsed(`kto-arrivals:${period}`);
  const when = { period, year, month };
  const columnSums = new Array<number>(KTO_BREAKDOWNS.length).fill(0);
  let footerTotal: RowValues | undefined;
  let footerRow = 0;
  let inFooter = false;
  let nationalities = 0;
  const seen = new Map<string, number>();
  const rowMismatches: string[] = [];

  for (const { r, label, values } of rowsWithValues(sheet, 3, parsed)) {
    if (KTO_FOOTERS.has(label) || inFooter) {
      inFooter = true;
      if (label === "계") {
        footerTotal = values;
        footerRow = r;
        addSkipped(parsed, SKIP_FOOTER_TOTAL, values.cells.length);
      } else if (label === "전년동기") addSkipped(parsed, SKIP_FOOTER_PREVIOUS, values.cells.length);
      else if (label === "성장률(%)" || label === "구성비(%)") addSkipped(parsed, SKIP_FOOTER_PERCENT, values.cells.length);
      else addSkipped(parsed, `row after the footer (${label || "no label"})`, values.cells.length);
      continue;
    }
    if (KTO_SUBTOTALS.has(label)) {
      addSkipped(parsed, SKIP_SUBTOTAL, values.cells.length);
      continue;
    }
    if (label === "") {
      rejectAll(parsed, r, values, "국적", `values without a nationality (column A of row ${r} is empty)`);
      continue;
    }
    const first = seen.get(label);
    if (first !== undefined) {
      rejectAll(parsed, r, values, "국적", `${label} appears twice (rows ${first} and ${r}); remove one of them`);
      continue;
    }
    seen.set(label, r);
    nationalities += 1;
    for (const c of values.cells) if (c.value !== undefined) columnSums[c.column - FIRST_VALUE_COL]! += c.value;
    purposesSumCheck(label, r, values, rowMismatches);
    emitRow(parsed, r, label, values, when);
  }

  if (!footerTotal) {
    parsed.notes.push(`${file}: no footer row 계; the nationality rows could not be checked against the total`);
  } else {
    const diffs: string[] = [];
    for (const c of footerTotal.cells) {
      const i = c.column - FIRST_VALUE_COL;
      const { header } = KTO_BREAKDOWNS[i]!;
      if (c.value === undefined) diffs.push(`footer ${c.ref} is not a number`);
      else if (columnSums[i] !== c.value) diffs.push(`${header}: rows sum to ${columnSums[i]}, footer ${c.ref} says ${c.value} (difference ${columnSums[i]! - c.value})`);
    }
    const totalCell = footerTotal.cells.find((c) => c.column === TOTAL_COL);
    if (diffs.length === 0) {
      parsed.notes.push(`${period}: the ${nationalities} nationality rows add up to the footer 계 (row ${footerRow}) in every purpose column; 계 = ${totalCell?.value ?? "?"}`);
    } else {
      parsed.notes.push(`${period}: CHECK FAILED — the nationality rows do not add up to the footer 계 (row ${footerRow}): ${diffs.join("; ")}; the rows were loaded as they are — check the file`);
    }
  }
  if (rowMismatches.length > 0) parsed.notes.push(`${rowMismatches.length} rows where the purposes do not add up to 계: ${rowMismatches.slice(0, 5).join("; ")}${rowMismatches.length > 5 ? "; …" : ""}`);
  parsed.notes.push("columns 전년동기, 성장률(%) and 구성비(%) are not loaded (previous-year figure and derived percentages)");
  return parsed;
}

function readPeriod(sheet: ExcelJS.Worksheet, row: number): { period: string; year: number; month: number } | { problem: string } {
  const content = cellContent(sheet.getCell(row, 8));
  let year: number | undefined;
  let month: number | undefined;
  if (content.kind === "text") {
    const m = /^(\d{4})-(\d{1,2})$/.exec(content.text);
    if (m) [year, month] = [Number(m[1]), Number(m[2])];
  } else if (content.kind === "date") {
    [year, month] = [content.value.getUTCFullYear(), content.value.getUTCMonth() + 1];
  }
  if (year === undefined || month === undefined || month < 1 || month > 12) {
    const shown = content.kind === "empty" ? "" : content.kind === "date" ? content.value.toISOString() : content.kind === "number" ? String(content.value) : content.text;
    return { problem: `기준년월 ${cellRef(sheet.name, 8, row)} is ${quoteForMessage(shown)}, expected a month such as "2019-01"` };
  }
  return { period: `${year}-${String(month).padStart(2, "0")}`, year, month };
}

/**
 * The rows from `firstRow` on that carry values, with the accounting both layouts share: blank
 * lines are not rows; a labelled row without values counts once, as skipped; each value cell
 * counts as one row read.
 */
function* rowsWithValues(sheet: ExcelJS.Worksheet, firstRow: number, parsed: ParsedFile): Generator<{ r: number; label: string; values: RowValues }> {
  for (let r = firstRow; r <= sheet.rowCount; r++) {
    const label = cellText(sheet.getCell(r, 1));
    const values = readPurposeCells(sheet, r);
    if (label === "" && values.cells.length === 0) continue;
    if (values.cells.length === 0) {
      parsed.rowsRead += 1;
      addSkipped(parsed, SKIP_NO_VALUES);
      continue;
    }
    parsed.rowsRead += values.cells.length;
    yield { r, label, values };
  }
}

function parseLong(sheet: ExcelJS.Worksheet, filePath: string): ParsedFile {
  checkHeader(sheet, 1, LONG_HEADER, filePath);
  const parsed = newParsed("kto-arrivals:pending");
  const seen = new Map<string, number>();
  const labels = new Set<string>();
  const periods: string[] = [];
  const rowMismatches: string[] = [];

  for (const { r, label, values } of rowsWithValues(sheet, 2, parsed)) {
    if (KTO_SUBTOTALS.has(label) || KTO_FOOTERS.has(label)) {
      addSkipped(parsed, KTO_SUBTOTALS.has(label) ? SKIP_SUBTOTAL : `footer row ${label}`, values.cells.length);
      continue;
    }
    if (label === "") {
      rejectAll(parsed, r, values, "국적", `values without a nationality (column A of row ${r} is empty)`);
      continue;
    }
    const when = readPeriod(sheet, r);
    if ("problem" in when) {
      rejectAll(parsed, r, values, "기준년월", when.problem);
      continue;
    }
    const key = `${label}|${when.period}`;
    const first = seen.get(key);
    if (first !== undefined) {
      rejectAll(parsed, r, values, "국적", `${label} ${when.period} appears twice (rows ${first} and ${r}); remove one of them`);
      continue;
    }
    seen.set(key, r);
    labels.add(label);
    periods.push(when.period);
    purposesSumCheck(`${label} ${when.period}`, r, values, rowMismatches);
    emitRow(parsed, r, label, values, when);
  }

  periods.sort();
  const range = periods.length ? `${periods[0]}..${periods[periods.length - 1]}` : "empty";
  const who = labels.size === 1 ? [...labels][0]! : `${labels.size}-nationalities`;
  parsed.datasetKey = `kto-arrivals:${range}:${who}`;
  const distinctMonths = new Set(periods).size;
  parsed.notes.push(`long table: ${labels.size} ${labels.size === 1 ? "nationality" : "nationalities"} × ${distinctMonths} months (${range})`);
  if (rowMismatches.length > 0) parsed.notes.push(`${rowMismatches.length} rows where the purposes do not add up to 계: ${rowMismatches.slice(0, 5).join("; ")}${rowMismatches.length > 5 ? "; …" : ""}`);
  parsed.notes.push("columns 대륙, 관광객비율(%) and 전체비율(%) are not loaded (labels and ratios added by the table's author)");
  return parsed;
}

/** One year of a monthly series, summed. */
export interface AnnualTotal {
  from: RawCountryRef;
  to: RawCountryRef;
  metric: string;
  breakdown: string;
  year: number;
  value: number;
  /** How many distinct months were summed. */
  months: number;
  /** True only when all 12 months are present; otherwise `value` is a part-year sum. */
  complete: boolean;
}

/**
 * Sums monthly records per (from, to, metric, breakdown, year). Records without a month are
 * ignored. The same month twice for one series is a usage error (records from two overlapping files,
 * e.g. kto_total.xlsx and a monthly file, must not be summed together).
 */
export function annualTotals(records: readonly RawSeriesRecord[]): AnnualTotal[] {
  const groups = new Map<string, AnnualTotal & { seen: Map<number, RawSeriesRecord> }>();
  for (const r of records) {
    if (r.month === undefined) continue;
    const key = JSON.stringify([r.from.scheme, r.from.code, r.to.scheme, r.to.code, r.metric, r.breakdown, r.year]);
    let g = groups.get(key);
    if (!g) {
      g = { from: r.from, to: r.to, metric: r.metric, breakdown: r.breakdown, year: r.year, value: 0, months: 0, complete: false, seen: new Map() };
      groups.set(key, g);
    }
    const before = g.seen.get(r.month);
    if (before) {
      throw new UsageError(
        `annualTotals: ${r.from.code} ${r.breakdown} ${r.period} appears twice (${before.cell ?? `line ${before.line}`} and ${r.cell ?? `line ${r.line}`}); pass records from one file or remove the overlap`,
        { cell: r.cell, line: r.line },
      );
    }
    g.seen.set(r.month, r);
    g.value += r.value;
    g.months += 1;
  }
  return [...groups.values()]
    .map(({ seen: _seen, ...t }) => ({ ...t, complete: t.months === 12 }))
    .sort((a, b) => a.from.code.localeCompare(b.from.code) || a.breakdown.localeCompare(b.breakdown) || a.year - b.year);
}
