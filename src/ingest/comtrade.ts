/**
 * UN Comtrade goods trade, in two layouts:
 *
 * 1. **API JSON** — a response of the current API (`comtradeapi.un.org/data/v1/get/C/A/HS`):
 *    `{ "data": [ { refYear, reporterCode, flowCode, partnerCode, classificationCode, cmdCode,
 *    customsCode, motCode, partner2Code, primaryValue, cifvalue, fobvalue, qty, netWgt, … } ] }`.
 *    The shape is checked with zod; a record of the wrong shape makes the whole file an IngestError
 *    that names the record index (`data[2]`), its line and the field.
 * 2. **Legacy CSV** — the 35-column bulk/"legacy API" layout (`Classification, Year, Period, …,
 *    TradeFlow Code, TradeFlow, Reporter Code, …, Partner Code, …, 2nd Partner Code, …,
 *    Customs Proc. Code, …, Mode of Transport Code, …, Commodity Code, …, TradeValueUS,
 *    CIF TradeValue, FOB Trade Value (US$), Flag`).
 *
 * Both become {@link RawTradeRecord}s with reporter/partner as `{scheme:"comtrade"}` codes
 * (partner 0 = World; the resolver maps it to WLD). Rules, the same for both layouts:
 * - flows X/M/RX/RM (legacy codes 1=Import, 2=Export, 3=Re-Export, 4=Re-Import, or those names)
 *   map to export/import/re-export/re-import; any other flow (DX, FM, MIP, …) is rejected with its code;
 * - breakdown rows (customs procedure other than C00/blank, mode of transport other than 0/blank,
 *   second partner other than 0/blank) are skipped — only the total row is kept, so nothing is
 *   counted twice; a note says when a breakdown has no total row in the file;
 * - monthly records (freqCode "M", or a six-digit Period in the CSV) are skipped: tradeties stores years;
 * - when the same reporter/partner/year/flow/commodity comes under several classifications
 *   (H4, H3, H2 …), the first one in the file is kept and the others are skipped; a note says
 *   whether their values differ. The same key under the same classification twice is a rejected duplicate;
 * - valuation: Comtrade's primary value is CIF for imports and FOB for exports where the reporter
 *   provides them. When exactly one of `cifvalue`/`fobvalue` ("CIF TradeValue"/"FOB Trade Value (US$)")
 *   is filled and equals the primary value, that field decides; otherwise imports and re-imports are
 *   "cif" and exports and re-exports "fob".
 *
 * datasetKey: `un-comtrade:r<reporters>:p<partners>:c<commodities>:y<years>` over the kept
 * records, each list written as codes joined by "+" (or "<count>x<hash>" for more than six codes),
 * e.g. `un-comtrade:r156:p32+276:cTOTAL:y2010`. Files covering the same slice share the key, so a
 * later download of the same query is a new vintage of it.
 * @module
 */
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { pipeline, Transform } from "node:stream";
import pick from "stream-json/filters/pick.js";
import parser from "stream-json/parser.js";
import streamArray from "stream-json/streamers/stream-array.js";
import { z } from "zod";
import { inputFileError } from "../environmentErrors.js";
import { IngestError, TradetiesError } from "../errors.js";
import { addSkipped, emptyParsedFile, type ParsedFile, type RawTradeRecord, type TradeFlow, type Valuation } from "../model.js";
import { detectByHeader, DuplicateTracker, finishParsedFile, listKey, parseNumber, parseYear, readCsv, startParsedFile, stripBom } from "./csv.js";
import { readHead } from "./fileIdentity.js";

const ADAPTER = "un-comtrade";

/** Columns every legacy Comtrade CSV must have. */
export const COMTRADE_CSV_REQUIRED = [
  "Classification",
  "Year",
  "Period",
  "TradeFlow Code",
  "TradeFlow",
  "Reporter Code",
  "Partner Code",
  "Commodity Code",
  "TradeValueUS",
] as const;

const COMTRADE_CSV_EXPECTED =
  "Classification,Year,Period,Period Desc.,Aggregate Level,Is Leaf Code,TradeFlow Code,TradeFlow,Reporter Code,Reporter,Reporter ISO,Partner Code,Partner,Partner ISO,2nd Partner Code,2nd Partner,2nd Partner ISO,Customs Proc. Code,Customs,Mode of Transport Code,Mode of Transport,Commodity Code,Commodity,Qty Unit Code,Qty Unit,Qty,Alt Qty Unit Code,Alt Qty Unit,Alt Qty,Netweightkg,GrossWeightkg,TradeValueUS,CIF TradeValue,FOB Trade Value (US$),Flag";

const FLOWS: Record<string, TradeFlow> = {
  X: "export",
  M: "import",
  RX: "re-export",
  RM: "re-import",
  "1": "import",
  "2": "export",
  "3": "re-export",
  "4": "re-import",
  EXPORT: "export",
  IMPORT: "import",
  "RE-EXPORT": "re-export",
  "RE-IMPORT": "re-import",
};

/** Any JS number, infinities included: `1e400` parses to Infinity, and the plausibility check rejects that row (not the whole file). */
const anyNumber = z.custom<number>((v) => typeof v === "number", { message: "expected a number" });
const numberOrNull = anyNumber.nullable().optional();

/** One record of an API v1 `get` response; unknown fields are allowed and ignored. */
const ComtradeApiRecord = z.looseObject({
  freqCode: z.string().nullable().optional(),
  refYear: z.number().int(),
  reporterCode: z.number().int(),
  flowCode: z.string(),
  partnerCode: z.number().int(),
  partner2Code: z.number().int().nullable().optional(),
  classificationCode: z.string(),
  cmdCode: z.union([z.string(), z.number()]),
  customsCode: z.string().nullable().optional(),
  motCode: z.union([z.number(), z.string()]).nullable().optional(),
  primaryValue: anyNumber.nullable(),
  cifvalue: numberOrNull,
  fobvalue: numberOrNull,
  qty: numberOrNull,
  qtyUnitAbbr: z.string().nullable().optional(),
  netWgt: numberOrNull,
  isAggregate: z.boolean().nullable().optional(),
});

const ComtradeApiFile = z.looseObject({
  data: z.array(z.unknown()),
  error: z.string().nullable().optional(),
});

/** A Comtrade row in layout-neutral form, before the shared rules run. */
interface ComtradeRow {
  line: number;
  year: number;
  freq: "A" | "M";
  reporter: string;
  partner: string;
  flowCode: string;
  classification: string;
  commodity: string;
  customs: string;
  mot: string;
  partner2: string;
  value: number;
  cif?: number;
  fob?: number;
  quantity?: number;
  quantityUnit?: string;
}

interface FieldNames {
  flow: string;
  commodity: string;
}

const JSON_FIELDS: FieldNames = { flow: "flowCode", commodity: "cmdCode" };
const CSV_FIELDS: FieldNames = { flow: "TradeFlow Code", commodity: "Commodity Code" };

export const comtradeAdapter = {
  name: ADAPTER,
  detect(fileName: string, head: Buffer): boolean {
    const text = stripBom(head.toString("utf8")).trimStart();
    if (text.startsWith("{")) return /"reporterCode"\s*:/.test(text) && /"(primaryValue|cmdCode)"\s*:/.test(text);
    if (/\.json$/i.test(fileName)) return false;
    return detectByHeader(head, COMTRADE_CSV_REQUIRED);
  },
  async parse(filePath: string): Promise<ParsedFile> {
    const head = stripBom((await readHead(filePath, 4096)).toString("utf8")).trimStart();
    return head.startsWith("{") || /\.json$/i.test(filePath) ? parseApiJson(filePath) : parseLegacyCsv(filePath);
  },
};

/** Files up to this size are parsed whole when the stream finds no records, to say precisely what the JSON holds instead. */
const WHOLE_JSON_CHECK_BYTES = 32 * 1024 * 1024;

/**
 * Streams the records of `data` one at a time (stream-json): memory stays flat whatever the size of
 * the response, and each record's line comes from a scanner fed the same chunks.
 */
async function parseApiJson(file: string): Promise<ParsedFile> {
  const lines = new ArrayElementLines("data");
  const tracker = new Transform({
    decodeStrings: false,
    transform(chunk: string, _encoding, done) {
      lines.feed(chunk);
      done(null, chunk);
    },
  });
  const input = createReadStream(file, { encoding: "utf8" });
  const elements = streamArray.asStream();
  // A failure anywhere in the chain (unreadable file, bad JSON) ends the iteration below with that error.
  pipeline(input, tracker, parser.asStream(), pick.asStream({ filter: "data" }), elements, (error) => {
    if (error) elements.destroy(error);
  });
  const records = elements as AsyncIterable<{ key: number; value: unknown }>;
  const rows: ComtradeRow[] = [];
  const parsed = emptyParsedFile({ adapter: ADAPTER, dataset: "un-comtrade", datasetKey: "", reportedBy: "reporter" });
  let seen = 0;
  try {
    for await (const { key: index, value: raw } of records) {
      seen += 1;
      const line = lines.lines[index] ?? 1;
      const checked = ComtradeApiRecord.safeParse(raw);
      if (!checked.success) {
        const issue = checked.error.issues[0]!;
        const field = issue.path.map(String).join(".") || "(record)";
        throw new IngestError(
          `record data[${index}] (line ${line}): field "${field}" — ${issue.message}; this is not the shape of a UN Comtrade API v1 record, so nothing from the file is loaded`,
          { file, line, field },
        );
      }
      const row = apiRecordRow(checked.data, index, line, parsed);
      if (row) rows.push(row);
    }
  } catch (cause) {
    if (cause instanceof TradetiesError) throw cause;
    if ((cause as NodeJS.ErrnoException).code) throw inputFileError(cause, file);
    throw new IngestError(
      `not valid JSON (${(cause as Error).message}, near line ${lines.line}); a UN Comtrade API response must be saved unchanged, as downloaded`,
      { file, line: lines.line },
      { cause },
    );
  }
  if (seen === 0) await explainNoRecords(file);
  applyRules(rows, parsed, JSON_FIELDS);
  return finishParsedFile(parsed);
}

/** No record streamed: say whether the JSON has no "data" array, an API error, or an empty array. */
async function explainNoRecords(file: string): Promise<void> {
  const size = (await stat(file)).size;
  if (size > WHOLE_JSON_CHECK_BYTES) {
    throw new IngestError(`this JSON has no records in a top-level "data" array; a UN Comtrade API response is an object with a "data" array`, { file, line: 1, field: "data" });
  }
  const json: unknown = JSON.parse(stripBom(await readFile(file, "utf8")));
  const top = ComtradeApiFile.safeParse(json);
  if (!top.success) {
    throw new IngestError(
      `this JSON is not a UN Comtrade API response: expected an object with a "data" array (${top.error.issues[0]?.message ?? "wrong shape"}); download it from comtradeapi.un.org/data/v1/get/…`,
      { file, line: 1, field: top.error.issues[0]?.path.join(".") || "data" },
    );
  }
  if (top.data.error) {
    throw new IngestError(`the Comtrade API returned an error instead of data: "${top.data.error}"; fix the query and download again`, { file, field: "error" });
  }
}

/** One API record in layout-neutral form; undefined (and a reject added) when its year or value cannot be used. */
function apiRecordRow(r: z.infer<typeof ComtradeApiRecord>, index: number, line: number, parsed: ParsedFile): ComtradeRow | undefined {
  parsed.rowsRead += 1;
  if (r.refYear < 1900 || r.refYear > 2200) {
    parsed.rejected.push({ line, field: "refYear", reason: `record data[${index}]: year ${r.refYear} is not a plausible calendar year` });
    return undefined;
  }
  if (r.primaryValue === null) {
    parsed.rejected.push({ line, field: "primaryValue", reason: `record data[${index}]: primaryValue is null (no trade value); nothing to store` });
    return undefined;
  }
  // qty is in the unit qtyUnitAbbr; when there is none ("N/A"), fall back to the net weight in kg.
  const hasQty = r.qty != null && r.qtyUnitAbbr != null && r.qtyUnitAbbr !== "N/A";
  return {
    line,
    year: r.refYear,
    freq: r.freqCode === "M" ? "M" : "A",
    reporter: String(r.reporterCode),
    partner: String(r.partnerCode),
    flowCode: r.flowCode,
    classification: r.classificationCode,
    commodity: String(r.cmdCode),
    customs: r.customsCode ?? "",
    mot: r.motCode == null ? "" : String(r.motCode),
    partner2: r.partner2Code == null ? "" : String(r.partner2Code),
    value: r.primaryValue,
    cif: r.cifvalue ?? undefined,
    fob: r.fobvalue ?? undefined,
    quantity: hasQty ? r.qty! : (r.netWgt ?? undefined),
    quantityUnit: hasQty ? r.qtyUnitAbbr! : r.netWgt != null ? "kg" : undefined,
  };
}

async function parseLegacyCsv(file: string): Promise<ParsedFile> {
  const table = await readCsv(file, { required: COMTRADE_CSV_REQUIRED, expectedHeader: COMTRADE_CSV_EXPECTED });
  const parsed = startParsedFile(table, { adapter: ADAPTER, dataset: "un-comtrade", datasetKey: "", reportedBy: "reporter" });
  const rows: ComtradeRow[] = [];
  for (const { line, fields: f } of table.rows) {
    const reject = (field: string, reason: string) => parsed.rejected.push({ line, field, reason });
    const year = parseYear(f["Year"]);
    if (year === undefined) {
      reject("Year", `year "${f["Year"]}" is not a four-digit calendar year`);
      continue;
    }
    const value = parseNumber(f["TradeValueUS"]);
    if (value === undefined || Number.isNaN(value)) {
      reject("TradeValueUS", value === undefined ? "TradeValueUS is empty; nothing to store" : `TradeValueUS "${f["TradeValueUS"]}" is not a number (plain digits, USD)`);
      continue;
    }
    const codes: Array<[string, string]> = [
      ["Reporter Code", f["Reporter Code"] ?? ""],
      ["Partner Code", f["Partner Code"] ?? ""],
    ];
    const badCode = codes.find(([, v]) => !/^\d+$/.test(v.trim()));
    if (badCode) {
      reject(badCode[0], `${badCode[0]} "${badCode[1]}" is not a numeric Comtrade country code`);
      continue;
    }
    const optionalNumber = (column: string): number | undefined | "bad" => {
      const n = parseNumber(f[column]);
      return n !== undefined && Number.isNaN(n) ? "bad" : n;
    };
    const cif = optionalNumber("CIF TradeValue");
    const fob = optionalNumber("FOB Trade Value (US$)");
    const qty = optionalNumber("Qty");
    const netWgt = optionalNumber("Netweightkg");
    const bad = ([["CIF TradeValue", cif], ["FOB Trade Value (US$)", fob], ["Qty", qty], ["Netweightkg", netWgt]] as const).find(([, v]) => v === "bad");
    if (bad) {
      reject(bad[0], `${bad[0]} "${f[bad[0]]}" is not a number`);
      continue;
    }
    const qtyUnit = (f["Qty Unit"] ?? "").trim();
    const hasQty = typeof qty === "number" && qtyUnit !== "" && qtyUnit !== "No Quantity";
    const period = (f["Period"] ?? "").trim();
    rows.push({
      line,
      year,
      freq: /^\d{6}$/.test(period) ? "M" : "A",
      reporter: String(Number(f["Reporter Code"])),
      partner: String(Number(f["Partner Code"])),
      // The numeric code is authoritative; the name is the fallback when the code is blank.
      flowCode: (f["TradeFlow Code"] ?? "").trim() || (f["TradeFlow"] ?? "").trim(),
      classification: (f["Classification"] ?? "").trim(),
      commodity: (f["Commodity Code"] ?? "").trim(),
      customs: (f["Customs Proc. Code"] ?? "").trim(),
      mot: (f["Mode of Transport Code"] ?? "").trim(),
      partner2: (f["2nd Partner Code"] ?? "").trim(),
      value,
      cif: typeof cif === "number" ? cif : undefined,
      fob: typeof fob === "number" ? fob : undefined,
      quantity: hasQty ? (qty as number) : typeof netWgt === "number" ? netWgt : undefined,
      quantityUnit: hasQty ? qtyUnit : typeof netWgt === "number" ? "kg" : undefined,
    });
  }
  applyRules(rows, parsed, CSV_FIELDS);
  return finishParsedFile(parsed);
}

const BREAKDOWN = "breakdown row (customs procedure, mode of transport or second partner); the total row is kept";

/** The rules shared by both layouts: breakdowns, monthly rows, flows, commodity codes, classifications. */
function applyRules(rows: ComtradeRow[], parsed: ParsedFile, names: FieldNames): void {
  const isTotal = (v: string, total: string) => v === "" || v === total;
  const flowKey = (r: ComtradeRow, flow: string, commodity: string) => `${r.year}|${r.reporter}|${r.partner}|${flow}|${commodity}`;
  const breakdownKeys = new Map<string, number>();
  const totalKeys = new Set<string>();
  const kept = new Map<string, { classification: string; line: number; value: number }>();
  const duplicates = new DuplicateTracker();
  const differing: string[] = [];
  let identical = 0;
  let padded = 0;

  for (const r of rows) {
    if (r.freq === "M") {
      addSkipped(parsed, "monthly record; tradeties stores annual values (download the annual series)");
      continue;
    }
    const flow = FLOWS[r.flowCode.toUpperCase()];
    if (!flow) {
      parsed.rejected.push({
        line: r.line,
        field: names.flow,
        reason: `trade flow "${r.flowCode}" is not one tradeties stores; expected X, M, RX, RM (or legacy 1–4 / Export, Import, Re-Export, Re-Import)`,
      });
      continue;
    }
    let commodity = r.commodity;
    if (commodity.toUpperCase() === "TOTAL") commodity = "TOTAL";
    else if (/^\d+$/.test(commodity)) {
      // HS codes have 2, 4 or 6 digits; an odd length means a spreadsheet dropped the leading zero.
      if (commodity.length % 2 === 1) {
        commodity = `0${commodity}`;
        padded += 1;
      }
    } else {
      parsed.rejected.push({ line: r.line, field: names.commodity, reason: `commodity code "${r.commodity}" is neither TOTAL nor an HS code (digits)` });
      continue;
    }
    const key = flowKey(r, flow, commodity);
    if (!isTotal(r.customs, "C00") || !isTotal(r.mot, "0") || !isTotal(r.partner2, "0")) {
      addSkipped(parsed, BREAKDOWN);
      breakdownKeys.set(key, breakdownKeys.get(key) ?? r.line);
      continue;
    }
    totalKeys.add(key);
    const duplicateOf = duplicates.firstLine(`${key}|${r.classification}`, r.line);
    if (duplicateOf !== undefined) {
      parsed.rejected.push({
        line: r.line,
        reason: `duplicate of line ${duplicateOf}: the same reporter, partner, year, flow, commodity and classification (${r.classification}) appear twice; remove one of them`,
      });
      continue;
    }
    const first = kept.get(key);
    if (first) {
      addSkipped(parsed, `same flow reported under ${first.classification} already`);
      if (r.value === first.value) identical += 1;
      else differing.push(`line ${r.line}: ${r.classification} ${r.value.toLocaleString("en-US")} vs ${first.classification} ${first.value.toLocaleString("en-US")} (line ${first.line})`);
      continue;
    }
    kept.set(key, { classification: r.classification, line: r.line, value: r.value });
    const record: RawTradeRecord = {
      line: r.line,
      year: r.year,
      reporter: { scheme: "comtrade", code: r.reporter },
      partner: { scheme: "comtrade", code: r.partner },
      flow,
      productCode: commodity,
      classification: r.classification,
      valueUsd: r.value,
      valuation: valuationOf(flow, r.value, r.cif, r.fob),
      // Comtrade's estimation flags (legacyEstimationFlag, Flag, is*Estimated) concern quantities
      // and weights, not the trade value, so no value is marked as an estimate.
      estimated: false,
    };
    if (r.quantity !== undefined) {
      record.quantity = r.quantity;
      record.quantityUnit = r.quantityUnit;
    }
    parsed.trade.push(record);
  }

  const orphans = [...breakdownKeys].filter(([k]) => !totalKeys.has(k));
  if (orphans.length > 0) {
    parsed.notes.push(
      `${orphans.length} flow${orphans.length === 1 ? " has" : "s have"} breakdown rows but no total row in this file (first at line ${orphans[0]![1]}); the breakdowns were skipped, so ${orphans.length === 1 ? "that flow is" : "those flows are"} missing — download with customsCode C00, motCode 0 and partner2Code 0`,
    );
  }
  if (differing.length > 0) {
    parsed.notes.push(
      `${differing.length} flow${differing.length === 1 ? " is" : "s are"} reported under more than one classification with different values; the first classification in the file was kept (${differing.slice(0, 3).join("; ")}${differing.length > 3 ? "; …" : ""})`,
    );
  }
  if (identical > 0) parsed.notes.push(`${identical} flow${identical === 1 ? " is" : "s are"} reported under more than one classification with identical values; the first was kept`);
  if (padded > 0) parsed.notes.push(`${padded} commodity code${padded === 1 ? " had" : "s had"} an odd number of digits and got the leading zero back ("1" → "01")`);
  const t = parsed.trade;
  parsed.datasetKey = `un-comtrade:r${listKey(t.map((r) => r.reporter.code))}:p${listKey(t.map((r) => r.partner.code))}:c${listKey(t.map((r) => r.productCode))}:y${listKey(t.map((r) => r.year))}`;
}

function valuationOf(flow: TradeFlow, primary: number, cif: number | undefined, fob: number | undefined): Valuation {
  if (cif !== undefined && fob === undefined && cif === primary) return "cif";
  if (fob !== undefined && cif === undefined && fob === primary) return "fob";
  return flow === "import" || flow === "re-import" ? "cif" : "fob";
}

/**
 * The 1-based line on which each element of the top-level array `key` starts, found by a small
 * scanner that skips strings (JSON parsers give no positions). Fed chunk by chunk, so it follows a
 * stream; it keeps one number per element and at most `key.length + 1` characters of a string.
 */
export class ArrayElementLines {
  readonly lines: number[] = [];
  /** The line the scanner has reached. */
  line = 1;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private text = "";
  private textTooLong = false;
  private lastString = "";
  private inTarget = false; // inside the array that is the value of `key` at depth 1
  private expectElement = false;

  constructor(private readonly key: string) {}

  feed(chunk: string): this {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (c === "\n") this.line++;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === "\\") this.escaped = true;
        else if (c === '"') {
          this.inString = false;
          this.lastString = this.textTooLong ? "" : this.text;
        } else if (c !== "\n" && !this.textTooLong) {
          this.text += c;
          if (this.text.length > this.key.length) this.textTooLong = true;
        }
        continue;
      }
      if (c === " " || c === "\t" || c === "\r" || c === "\n" || c === "\uFEFF") continue;
      if (this.inTarget && this.depth === 2 && this.expectElement && c !== "]") {
        this.lines.push(this.line);
        this.expectElement = false;
      }
      if (c === '"') {
        this.inString = true;
        this.text = "";
        this.textTooLong = false;
      } else if (c === "{" || c === "[") {
        if (c === "[" && this.depth === 1 && this.lastString === this.key) {
          this.inTarget = true;
          this.expectElement = true;
        }
        this.depth++;
      } else if (c === "}" || c === "]") {
        this.depth--;
        if (this.inTarget && this.depth === 1) this.inTarget = false;
      } else if (c === "," && this.inTarget && this.depth === 2) this.expectElement = true;
    }
    return this;
  }
}

/** {@link ArrayElementLines} over a whole text. */
export function arrayElementLines(text: string, key: string): number[] {
  return new ArrayElementLines(key).feed(text).lines;
}
