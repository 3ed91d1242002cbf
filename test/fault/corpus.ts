/**
 * The malformed-input corpus (synthetic): each case is a small file, made here by code, derived
 * from a valid base file of one format by one mutation, with the outcome tradeties must give —
 * stored rows (and the sum of the stored values, worked out from the base values), rejected rows,
 * or a clear error. None of the figures is real; countries are real codes so that they resolve.
 *
 * `npx tsx test/fault/runCorpus.ts` prints the outcome table that docs/reliability.md reports;
 * `test/fault/corpus.test.ts` asserts it in CI.
 * @module
 */
import { deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";

export type Expected =
  /** Stored: exactly `stored` rows whose values sum to `sumStored` (stored units: USD, persons, USD per barrel), and `rejected` counted rejects. */
  | { kind: "stored"; stored: number; rejected: number; sumStored: number }
  /** Refused as a whole with a message matching `message`; nothing stored. */
  | { kind: "error"; message: RegExp };

export interface CorpusCase {
  /** `<format>/<mutation>` */
  name: string;
  fileName: string;
  /** Adapter forced with --format; undefined to test detection. */
  format?: string;
  content: Buffer;
  expected: Expected;
  /** Loaded first (the current vintage the case would supersede). */
  base?: { fileName: string; content: Buffer };
  /** What is wrong, for the table. */
  what: string;
}

const BASE_VALUES = [100, 200, 300, 400];
const BASE_YEARS = [2015, 2016, 2017, 2018];

interface CsvFormat {
  format: string;
  fileName: string;
  header: string[];
  /** Row i (0–3) of the base file with `value` in the value column and `year` in the year column. */
  row(i: number, value: string, year: string): string[];
  valueColumn: string;
  yearColumn: string;
  /** Stored value = file value × scale. */
  scale: number;
  /** A negative value is rejected (trade, persons); prices may be a little negative. */
  negative: string;
  /** Year text that parses but is implausible, and one that does not parse. */
  badYears: Array<[string, string]>;
  /** A CSV format that refuses unknown columns. */
  strict: boolean;
}

const COMTRADE_HEADER =
  "Classification,Year,Period,Period Desc.,Aggregate Level,Is Leaf Code,TradeFlow Code,TradeFlow,Reporter Code,Reporter,Reporter ISO,Partner Code,Partner,Partner ISO,2nd Partner Code,2nd Partner,2nd Partner ISO,Customs Proc. Code,Customs,Mode of Transport Code,Mode of Transport,Commodity Code,Commodity,Qty Unit Code,Qty Unit,Qty,Alt Qty Unit Code,Alt Qty Unit,Alt Qty,Netweightkg,GrossWeightkg,TradeValueUS,CIF TradeValue,FOB Trade Value (US$),Flag".split(",");

const CSV_FORMATS: CsvFormat[] = [
  {
    format: "bilateral-series",
    fileName: "visitors.csv",
    header: ["year", "from", "to", "metric", "value", "unit", "source"],
    row: (_i, value, year) => [year, "RUS", "KOR", "visitor_arrivals", value, "persons", "Synthetic Tourism Office"],
    valueColumn: "value",
    yearColumn: "year",
    scale: 1,
    negative: "-100",
    badYears: [["1700", "year 1700"], ["2999", "year 2999"], ["20x5", "year with a letter"], ["0", "year 0"], ["-5", "year -5"], ["99999", "year 99999"]],
    strict: true,
  },
  {
    format: "published-figures",
    fileName: "published_figures.csv",
    header: ["id", "metric", "subject", "period", "value", "unit", "publisher", "source_url", "published", "note"],
    row: (i, value, year) => [`syn-${i}`, "bilateral_trade_total", "KOR-RUS", year, value, "USD million", "Synthetic Institute", "https://example.org/syn", "2020-01-01", "synthetic"],
    valueColumn: "value",
    yearColumn: "period",
    scale: 1e6,
    negative: "-100",
    badYears: [["1700", "period 1700"], ["2999", "period 2999"], ["20x5", "period with a letter"], ["2015Q5", "quarter 5"], ["2015-13", "month 13"], ["99999", "period 99999"]],
    strict: false,
  },
  {
    format: "price-series",
    fileName: "brent-year.csv",
    header: ["Date", "Price"],
    row: (_i, value, year) => [`${year}-06-30`, value],
    valueColumn: "Price",
    yearColumn: "Date",
    scale: 1,
    negative: "-5000",
    badYears: [["1700-06-30", "date in 1700"], ["2999-06-30", "date in 2999"], ["2015-02-30", "30 February"], ["30/06/2015", "day-first date"], ["0000-06-30", "year 0"], ["2015-6-30", "unpadded month"]],
    strict: false,
  },
  {
    format: "un-comtrade",
    fileName: "comtrade-legacy.csv",
    header: COMTRADE_HEADER,
    row: (_i, value, year) => {
      const f: Record<string, string> = {
        Classification: "H4", Year: year, Period: year, "Period Desc.": year, "Aggregate Level": "0", "Is Leaf Code": "0", "TradeFlow Code": "2", TradeFlow: "Export",
        "Reporter Code": "410", Reporter: "Rep. of Korea", "Reporter ISO": "KOR", "Partner Code": "643", Partner: "Russian Federation", "Partner ISO": "RUS",
        "Commodity Code": "TOTAL", Commodity: "All Commodities", TradeValueUS: value, Flag: "0",
      };
      return COMTRADE_HEADER.map((c) => f[c] ?? "");
    },
    valueColumn: "TradeValueUS",
    yearColumn: "Year",
    scale: 1,
    negative: "-100",
    badYears: [["1700", "year 1700"], ["2999", "year 2999"], ["20x5", "year with a letter"], ["0", "year 0"], ["-5", "year -5"], ["99999", "year 99999"]],
    strict: false,
  },
  {
    format: "published-products",
    fileName: "products.csv",
    header: ["period", "reporter", "partner", "flow", "classification", "code", "product", "value_usd_m", "share_pct", "publisher", "source_url", "published", "note"],
    row: (i, value, year) => [year, "KOR", "RUS", "import", "MTI", `SYN${i}`, "synthetic product", value, "", "Synthetic Agency", "https://example.org/syn", "2020-01-01", "synthetic"],
    valueColumn: "value_usd_m",
    yearColumn: "period",
    scale: 1e6,
    negative: "-100",
    badYears: [["1700", "period 1700"], ["2999", "period 2999"], ["20x5", "period with a letter"], ["0", "period 0"], ["-5", "period -5"], ["99999", "period 99999"]],
    strict: false,
  },
];

function csvLine(fields: string[]): string {
  return fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(",");
}

/** The base file's rows as field arrays, with per-row overrides of the value and year. */
function rows(fmt: CsvFormat, values: string[] = BASE_VALUES.map(String), years: string[] = BASE_YEARS.map(String)): string[][] {
  return values.map((v, i) => fmt.row(i, v, years[i]!));
}

function csv(header: string[], body: string[][], eol = "\n"): Buffer {
  return Buffer.from([csvLine(header), ...body.map(csvLine)].join(eol) + eol, "utf8");
}

const sum = (values: number[], scale: number) => values.reduce((s, v) => s + v * scale, 0);
const stored = (fmt: CsvFormat, keptValues: number[], rejected: number): Expected => ({ kind: "stored", stored: keptValues.length, rejected, sumStored: sum(keptValues, fmt.scale) });
const refused = (message: RegExp): Expected => ({ kind: "error", message });

/** Base values with row 2 (index 1) replaced: the other three are stored. */
const WITHOUT_ROW_2 = [100, 300, 400];

function csvCases(fmt: CsvFormat): CorpusCase[] {
  const out: CorpusCase[] = [];
  const add = (mutation: string, what: string, content: Buffer, expected: Expected, extra: Partial<CorpusCase> = {}) =>
    out.push({ name: `${fmt.format}/${mutation}`, fileName: fmt.fileName, format: fmt.format, content, expected, what, ...extra });
  const withValue = (v: string) => csv(fmt.header, rows(fmt, ["100", v, "300", "400"]));
  const base = csv(fmt.header, rows(fmt));
  const all = BASE_VALUES;

  add("valid", "the valid base file", base, stored(fmt, all, 0));
  add("header-only", "a header and no rows", csv(fmt.header, []), refused(/has no data rows/));
  add("empty", "0 bytes", Buffer.alloc(0), refused(/is empty/));
  add("whitespace", "only blank lines", Buffer.from("\n \n\n"), refused(/is empty/));
  add("bom", "UTF-8 byte-order mark", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), base]), stored(fmt, all, 0));
  add("crlf", "CRLF line ends", csv(fmt.header, rows(fmt), "\r\n"), stored(fmt, all, 0));
  add("cr-only", "old-Mac CR line ends", csv(fmt.header, rows(fmt), "\r"), stored(fmt, all, 0));
  add("trailing-blank-lines", "blank lines at the end", Buffer.concat([base, Buffer.from("\n\n\n")]), stored(fmt, all, 0));
  add("value-1e400", "value 1e400 (overflows)", withValue("1e400"), stored(fmt, WITHOUT_ROW_2, 1));
  add("value-10mb-digits", "value: 10 MB of digits", withValue("9".repeat(10 * 1024 * 1024)), stored(fmt, WITHOUT_ROW_2, 1));
  add("value-negative", "a negative value", withValue(fmt.negative), stored(fmt, WITHOUT_ROW_2, 1));
  add("value-na", 'value "n/a"', withValue("n/a"), stored(fmt, WITHOUT_ROW_2, 1));
  add("value-empty", "an empty value", withValue(""), stored(fmt, WITHOUT_ROW_2, 1));
  add("value-decimal-comma-quoted", 'value "1,5" (decimal comma)', withValue("1,5"), stored(fmt, WITHOUT_ROW_2, 1));
  add("value-thousands", 'value "1,000" (thousands separator)', withValue("1,000"), stored(fmt, WITHOUT_ROW_2, 1));
  add("value-infinity", 'value "Infinity"', withValue("Infinity"), stored(fmt, WITHOUT_ROW_2, 1));
  add("value-nan", 'value "NaN"', withValue("NaN"), stored(fmt, WITHOUT_ROW_2, 1));
  add("value-hex", 'value "0x10"', withValue("0x10"), stored(fmt, WITHOUT_ROW_2, 1));
  add("value-huge", "value 1e300 (beyond any plausible figure)", withValue("1e300"), stored(fmt, WITHOUT_ROW_2, 1));
  add("value-nul", "a NUL byte inside the value", withValue("2\u000000"), stored(fmt, WITHOUT_ROW_2, 1));
  add("value-spaces", "spaces around the value", withValue(" 200 "), stored(fmt, all, 0));
  add(
    "all-decimal-commas",
    "every value with a decimal comma",
    csv(fmt.header, rows(fmt, ["1,5", "2,5", "3,5", "4,5"])),
    refused(/none of the 4 rows .* could be stored/),
  );
  add("all-n/a", 'every value "n/a"', csv(fmt.header, rows(fmt, ["n/a", "n/a", "n/a", "n/a"])), refused(/none of the 4 rows .* could be stored/));
  for (const [year, what] of fmt.badYears) {
    add(`year-${what.replace(/[^a-z0-9]+/gi, "-")}`, what, csv(fmt.header, rows(fmt, undefined, ["2015", year, "2017", "2018"])), stored(fmt, WITHOUT_ROW_2, 1));
  }
  add("duplicate-row", "the first row twice", csv(fmt.header, [...rows(fmt), rows(fmt)[0]!]), stored(fmt, all, 1));
  const fields = rows(fmt);
  add("too-few-fields", "a row missing its last field", csv(fmt.header, [fields[0]!, fields[1]!.slice(0, -1), fields[2]!, fields[3]!]), stored(fmt, WITHOUT_ROW_2, 1));
  add("too-many-fields", "a row with an extra field", csv(fmt.header, [fields[0]!, [...fields[1]!, "extra"], fields[2]!, fields[3]!]), stored(fmt, WITHOUT_ROW_2, 1));
  add("missing-value-column", `no "${fmt.valueColumn}" column`, csv(fmt.header.filter((h) => h !== fmt.valueColumn), rows(fmt).map((r) => r.filter((_, i) => fmt.header[i] !== fmt.valueColumn))), refused(/missing column|header/));
  add(
    "unterminated-quote",
    "a quote never closed",
    Buffer.from(`${csvLine(fmt.header)}\n${csvLine(fields[0]!)}\n"${csvLine(fields[1]!)}\n${csvLine(fields[2]!)}\n`),
    refused(/never closed/),
  );
  add("binary", "random binary bytes", Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)), refused(/header|not|empty|never closed|cannot/));
  if (fmt.strict) add("unknown-column", "an unknown extra column (misspelling)", csv([...fmt.header, "vaule"], rows(fmt).map((r) => [...r, "1"])), refused(/unknown column "vaule"/));
  add(
    "shrink",
    "a new vintage with 1 of the 4 rows (2 rejected)",
    csv(fmt.header, rows(fmt, ["100", "n/a", "n/a", ""].slice(0, 4))),
    // A Comtrade file's slice is named by its years, so one covering fewer years is another slice, not a smaller vintage.
    fmt.format === "un-comtrade" ? stored(fmt, [100], 3) : refused(/would replace .* with 1 row over 1 year, 2015 .* Refused, nothing stored/),
    { base: { fileName: fmt.fileName, content: base } },
  );
  return out.concat(longFieldCase(fmt));
}

/** A 1 MB free-text field is stored like any other (formats without a free-text column have no such case). */
function longFieldCase(fmt: CsvFormat): CorpusCase[] {
  const textColumn = fmt.header.findIndex((h) => ["source", "note", "Commodity", "product"].includes(h));
  if (textColumn < 0) return [];
  const body = rows(fmt).map((r, i) => (i === 0 ? r.map((f, j) => (j === textColumn ? "x".repeat(1 << 20) : f)) : r));
  return [{ name: `${fmt.format}/long-text-field`, fileName: fmt.fileName, format: fmt.format, content: csv(fmt.header, body), expected: stored(fmt, BASE_VALUES, 0), what: "a 1 MB text field" }];
}

// ---- UN Comtrade API JSON -------------------------------------------------------------------

function apiRecord(i: number, value: unknown = BASE_VALUES[i], year: unknown = BASE_YEARS[i]): Record<string, unknown> {
  return {
    typeCode: "C", freqCode: "A", refYear: year, reporterCode: 410, flowCode: "X", partnerCode: 643, partner2Code: 0,
    classificationCode: "H4", cmdCode: "TOTAL", customsCode: "C00", motCode: 0, primaryValue: value, cifvalue: null, fobvalue: value, qty: null, netWgt: null,
  };
}

/** JSON text with `__RAW__` placeholders replaced by raw number text (JSON.stringify cannot write 1e400). */
function apiJson(records: Array<Record<string, unknown>>, raw: Record<string, string> = {}): Buffer {
  let text = JSON.stringify({ elapsedTime: "0.1 secs", count: records.length, data: records, error: "" }, null, 1);
  for (const [k, v] of Object.entries(raw)) text = text.replaceAll(`"${k}"`, v);
  return Buffer.from(text);
}

function jsonCases(): CorpusCase[] {
  const fmt = { scale: 1 } as CsvFormat;
  const good = BASE_VALUES.map((_, i) => apiRecord(i));
  const withRow2 = (value: unknown, raw?: Record<string, string>) => apiJson([good[0]!, apiRecord(1, value), good[2]!, good[3]!], raw);
  const cases: Array<[string, string, Buffer, Expected]> = [
    ["valid", "the valid base response", apiJson(good), stored(fmt, BASE_VALUES, 0)],
    ["value-1e400", "primaryValue 1e400", withRow2("__RAW__", { __RAW__: "1e400" }), stored(fmt, WITHOUT_ROW_2, 1)],
    ["value-10mb-digits", "primaryValue: 10 MB of digits", withRow2("__RAW__", { __RAW__: "9".repeat(10 * 1024 * 1024) }), stored(fmt, WITHOUT_ROW_2, 1)],
    ["value-negative", "primaryValue −100", withRow2(-100), stored(fmt, WITHOUT_ROW_2, 1)],
    ["value-null", "primaryValue null", withRow2(null), stored(fmt, WITHOUT_ROW_2, 1)],
    ["value-huge", "primaryValue 1e300", withRow2(1e300), stored(fmt, WITHOUT_ROW_2, 1)],
    ["value-string", 'primaryValue "200" (a string)', withRow2("200"), refused(/data\[1\] \(line \d+\): field "primaryValue"/)],
    ["year-99999", "refYear 99999", apiJson([good[0]!, apiRecord(1, 200, 99999), good[2]!, good[3]!]), stored(fmt, WITHOUT_ROW_2, 1)],
    ["year-negative", "refYear −5", apiJson([good[0]!, apiRecord(1, 200, -5), good[2]!, good[3]!]), stored(fmt, WITHOUT_ROW_2, 1)],
    ["year-string", 'refYear "2016"', apiJson([good[0]!, apiRecord(1, 200, "2016"), good[2]!, good[3]!]), refused(/field "refYear"/)],
    ["missing-field", "a record without reporterCode", apiJson([good[0]!, { ...good[1]!, reporterCode: undefined }, good[2]!, good[3]!]), refused(/field "reporterCode"/)],
    ["empty-data", "an empty data array", apiJson([]), refused(/has no data rows/)],
    ["api-error", "an API error message instead of data", Buffer.from(JSON.stringify({ data: [], error: "Invalid query" })), refused(/returned an error instead of data: "Invalid query"/)],
    ["no-data-key", "an object without a data array", Buffer.from(JSON.stringify({ reporterCode: 410, cmdCode: "TOTAL", rows: [] })), refused(/expected an object with a "data" array/)],
    ["top-level-array", "a top-level array", Buffer.from(JSON.stringify(good)), refused(/not a UN Comtrade API response|"data"/)],
    ["truncated", "cut off in the middle", apiJson(good).subarray(0, 700), refused(/not valid JSON/)],
    ["not-json", "CSV text with a .json name", Buffer.from('{"reporterCode": 1, "cmdCode": x\nyear,value\n'), refused(/not valid JSON/)],
    ["bom", "a UTF-8 byte-order mark", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), apiJson(good)]), stored(fmt, BASE_VALUES, 0)],
    ["duplicate", "the first record twice", apiJson([...good, good[0]!]), stored(fmt, BASE_VALUES, 1)],
    ["deep-nesting", "a record nested 10,000 levels deep", Buffer.from(`{"data":[${JSON.stringify(good[0])},${"[".repeat(10000)}${"]".repeat(10000)}]}`), refused(/record data\[1\]|not valid JSON/)],
    ["all-null", "every primaryValue null", apiJson(BASE_VALUES.map((_, i) => apiRecord(i, null))), refused(/none of the 4 rows .* could be stored/)],
  ];
  return cases.map(([mutation, what, content, expected]) => ({ name: `un-comtrade-json/${mutation}`, fileName: "comtrade.json", format: "un-comtrade", content, expected, what }));
}

// ---- IMF DOTS workbooks ---------------------------------------------------------------------

type Cell = string | number | null;

async function dotsWorkbook(options: { unit?: string; exports?: Cell[]; imports?: Cell[]; sheets?: "both" | "exports-only"; years?: Cell[] } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.created = wb.modified = new Date("2024-01-01T00:00:00Z");
  const sheet = (tab: string, title: string, values: Cell[]) => {
    const ws = wb.addWorksheet(tab);
    ws.getCell("B2").value = title;
    ws.getCell("B4").value = "Korea, Rep. of";
    ws.getCell("B5").value = options.unit ?? "US Dollars, Millions";
    (options.years ?? BASE_YEARS).forEach((y, i) => (ws.getCell(7, 3 + i).value = y === null ? null : String(y)));
    ws.getCell(8, 2).value = "Russian Federation";
    values.forEach((v, j) => v !== null && (ws.getCell(8, 3 + j).value = v));
  };
  sheet("Exports, FOB", "Exports, FOB to Partner Countries", options.exports ?? BASE_VALUES);
  if (options.sheets !== "exports-only") sheet("Imports, CIF", "Imports, CIF from Partner Countries", options.imports ?? BASE_VALUES);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A zip whose one entry declares `declaredSize` unpacked bytes but holds `actual` (stored deflated). */
function zipWithEntry(name: string, actual: Buffer, declaredSize: number): Buffer {
  const data = deflateRawSync(actual);
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(0, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declaredSize, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(0, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declaredSize, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(0, 42);
  const localPart = Buffer.concat([local, nameBytes, data]);
  const centralPart = Buffer.concat([central, nameBytes]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(centralPart.length, 12);
  end.writeUInt32LE(localPart.length, 16);
  return Buffer.concat([localPart, centralPart, end]);
}

async function dotsCases(): Promise<CorpusCase[]> {
  const bothSheets = (kept: number[]) => ({ kind: "stored" as const, stored: kept.length * 2, rejected: (BASE_VALUES.length - kept.length) * 2, sumStored: sum(kept, 1e6) * 2 });
  const withCell = (v: Cell) => dotsWorkbook({ exports: [100, v, 300, 400], imports: [100, v, 300, 400] });
  const valid = await dotsWorkbook();
  const cases: Array<[string, string, Buffer | Promise<Buffer>, Expected, CorpusCase["base"]?]> = [
    ["valid", "the valid base workbook", valid, { kind: "stored", stored: 8, rejected: 0, sumStored: sum(BASE_VALUES, 1e6) * 2 }],
    ["cell-na", 'cells "n/a"', withCell("n/a"), bothSheets(WITHOUT_ROW_2)],
    ["cell-1e400-text", 'text cells "1e400"', withCell("1e400"), bothSheets(WITHOUT_ROW_2)],
    // DOTS negatives are IMF allocation adjustments, stored as published (README, "Negative values").
    ["cell-negative", "cells −200 (stored as published)", withCell(-200), { kind: "stored", stored: 8, rejected: 0, sumStored: sum([100, -200, 300, 400], 1e6) * 2 }],
    ["cell-decimal-comma", 'text cells "2,5"', withCell("2,5"), bothSheets(WITHOUT_ROW_2)],
    ["cell-huge", "cells 1e300 (million USD)", withCell(1e300), bothSheets(WITHOUT_ROW_2)],
    ["all-unreadable", "every value cell unreadable", dotsWorkbook({ exports: ["x", "x", "x", "x"], imports: ["x", "x", "x", "x"] }), refused(/none of the 8 rows .* could be stored/)],
    ["wrong-unit", 'unit "Euros, Millions"', dotsWorkbook({ unit: "Euros, Millions" }), refused(/Euros, Millions/)],
    ["missing-imports", "no imports sheet", dotsWorkbook({ sheets: "exports-only" }), refused(/no sheet "Imports, CIF from Partner Countries"/)],
    ["year-2999", "a year column 2999", dotsWorkbook({ years: [2015, 2999, 2017, 2018] }), bothSheets(WITHOUT_ROW_2)],
    ["empty", "0 bytes", Buffer.alloc(0), refused(/is empty/)],
    ["not-a-zip", "CSV text under an .xlsx name", Buffer.from("year,value\n2019,1\n"), refused(/is not an xlsx workbook/)],
    ["truncated", "the first half of the workbook", valid.subarray(0, Math.floor(valid.length / 2)), refused(/truncated or damaged/)],
    ["zip-bomb-declared", "a part declaring 1 GiB unpacked", zipWithEntry("xl/worksheets/sheet1.xml", Buffer.alloc(1024), 1 << 30), refused(/declares 1,024 MiB of unpacked parts/)],
    ["zip-bomb-lying", "a part declaring 1 KB that unpacks to 64 MiB", zipWithEntry("xl/worksheets/sheet1.xml", Buffer.alloc(64 << 20), 1024), refused(/unpacks to another size than its zip directory declares/)],
    ["pk-garbage", '"PK\\x03\\x04" then garbage', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(2048, 0x41)]), refused(/truncated or damaged/)],
    ["shrink", "a new vintage with 1 of 4 years", dotsWorkbook({ exports: [100, null, null, null], imports: [100, null, null, null] }), refused(/would replace .* Refused, nothing stored/), { fileName: "DOTS_950.xlsx", content: valid }],
  ];
  const out: CorpusCase[] = [];
  for (const [mutation, what, content, expected, base] of cases) {
    out.push({ name: `imf-dots/${mutation}`, fileName: "DOTS_950.xlsx", format: "imf-dots", content: await content, expected, what, ...(base ? { base } : {}) });
  }
  return out;
}

/** Every case of the corpus, in a stable order. */
export async function buildCorpus(): Promise<CorpusCase[]> {
  return [...CSV_FORMATS.flatMap(csvCases), ...jsonCases(), ...(await dotsCases())];
}
