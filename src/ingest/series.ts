/**
 * **Bilateral series CSV** — tradeties' own documented format for non-trade flows between two
 * countries (visitors, students, investment, …). Full description: `docs/formats/bilateral-series.md`.
 *
 * ```csv
 * year,from,to,metric,value,unit,source,period,breakdown,note,source_url
 * 2019,RUS,KOR,visitor_arrivals,343057,persons,Korea Tourism Organization,,total,,https://…
 * ```
 *
 * Columns (UTF-8, comma-separated, header on line 1, a BOM is tolerated):
 * - `year` (required) — four-digit calendar year the observation falls in (the end year for ranges);
 * - `from`, `to` (required) — ISO 3166-1 alpha-3 codes (historical ones such as SUN allowed):
 *   the flow goes from `from` to `to` (visitors from RUS arriving in KOR: from=RUS, to=KOR);
 * - `metric` (required) — snake_case name, e.g. `visitor_arrivals`, `students`, `fdi_stock`;
 * - `value` (required) — a plain number: digits, optional sign and decimal point, no thousands separators;
 * - `unit` (required) — one of `persons`, `count`, `percent`, `USD`, `USD thousand` (×1,000),
 *   `USD million` (×1,000,000); money is stored in USD with unit "USD";
 * - `source` (required) — who published the numbers;
 * - `period` (optional) — finer or partial period: `2019`, `2019-03`, `2019Q1`, `2020-01..2020-05`;
 *   blank means the whole `year`; its (end) year must equal `year`;
 * - `breakdown` (optional) — a split of the metric such as `tourism`; blank means `total`;
 * - `note` (optional) — free text shown with the value (e.g. "5 months only");
 * - `source_url` (optional) — where the numbers can be checked.
 *
 * Any other column is an error (it is probably a misspelling). Rows with an unknown unit, a value
 * that is not a number, a bad year/period or a malformed country code are rejected with the line
 * and field; the same year/period/from/to/metric/breakdown twice is a rejected duplicate. Country
 * codes are not checked against the code list here: the pipeline's resolver does that.
 *
 * datasetKey: `bilateral-series:<sources>:<metrics>:<from>><to pairs>` (lists joined by "+").
 * @module
 */
import { type ParsedFile, type RawSeriesRecord } from "../model.js";
import { detectByHeader, DuplicateTracker, finishParsedFile, listKey, parseNumber, parseYear, readCsv, startParsedFile } from "./csv.js";

export const SERIES_REQUIRED = ["year", "from", "to", "metric", "value", "unit", "source"] as const;
export const SERIES_OPTIONAL = ["period", "breakdown", "note", "source_url"] as const;

/** Known units: the stored unit and the power of ten the value is scaled by. */
export const SERIES_UNITS: Record<string, { unit: string; exponent: number }> = {
  persons: { unit: "persons", exponent: 0 },
  count: { unit: "count", exponent: 0 },
  percent: { unit: "percent", exponent: 0 },
  USD: { unit: "USD", exponent: 0 },
  "USD thousand": { unit: "USD", exponent: 3 },
  "USD million": { unit: "USD", exponent: 6 },
};

export interface ParsedPeriod {
  year: number;
  month?: number;
}

/**
 * Reads a period label: "2019", "2019-03", "2019Q1", "2013-01..2013-11", "2019-01..09", "1990-2019".
 * The year is the last year the period covers; the month is set for single months only.
 */
export function parsePeriod(text: string): ParsedPeriod | undefined {
  const t = text.trim();
  let m: RegExpExecArray | null;
  const year = (y: string) => parseYear(y);
  if ((m = /^(\d{4})$/.exec(t))) return wrap(year(m[1]!));
  if ((m = /^(\d{4})-(\d{2})$/.exec(t))) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? wrap(year(m[1]!), month) : undefined;
  }
  if ((m = /^(\d{4})Q([1-4])$/i.exec(t))) return wrap(year(m[1]!));
  if ((m = /^(\d{4})-(\d{2})\.\.(?:(\d{4})-)?(\d{2})$/.exec(t))) {
    const [from, to] = [Number(m[2]), Number(m[4])];
    const endYear = m[3] ?? m[1]!;
    if (from < 1 || from > 12 || to < 1 || to > 12 || `${endYear}-${m[4]}` < `${m[1]}-${m[2]}`) return undefined;
    return wrap(year(endYear));
  }
  if ((m = /^(\d{4})-(\d{4})$/.exec(t))) return Number(m[2]) >= Number(m[1]) ? wrap(year(m[2]!)) : undefined;
  return undefined;
}

function wrap(year: number | undefined, month?: number): ParsedPeriod | undefined {
  if (year === undefined) return undefined;
  return month === undefined ? { year } : { year, month };
}

const ISO3 = /^[A-Z]{3}$/;

export const seriesAdapter = {
  name: "bilateral-series",
  detect(_fileName: string, head: Buffer): boolean {
    return detectByHeader(head, SERIES_REQUIRED);
  },
  async parse(filePath: string): Promise<ParsedFile> {
    const table = await readCsv(filePath, {
      required: SERIES_REQUIRED,
      optional: SERIES_OPTIONAL,
      strict: true,
      expectedHeader: SERIES_REQUIRED.join(","),
    });
    const parsed = startParsedFile(table, { adapter: "bilateral-series", dataset: "bilateral-series", datasetKey: "", reportedBy: "source" });
    const duplicates = new DuplicateTracker();
    for (const { line, fields: f } of table.rows) {
      const reject = (field: string, reason: string) => parsed.rejected.push({ line, field, reason });
      const year = parseYear(f["year"]);
      if (year === undefined) {
        reject("year", `year "${f["year"]}" is not a four-digit calendar year`);
        continue;
      }
      const periodText = (f["period"] ?? "").trim() || String(year);
      const period = parsePeriod(periodText);
      if (!period) {
        reject("period", `period "${periodText}" is not understood; write 2019, 2019-03, 2019Q1 or 2020-01..2020-05`);
        continue;
      }
      if (period.year !== year) {
        reject("period", `period "${periodText}" ends in ${period.year} but year says ${year}; make them agree`);
        continue;
      }
      const from = (f["from"] ?? "").trim().toUpperCase();
      const to = (f["to"] ?? "").trim().toUpperCase();
      const badCountry = ([["from", from], ["to", to]] as const).find(([, c]) => !ISO3.test(c));
      if (badCountry) {
        reject(badCountry[0], `"${f[badCountry[0]]}" is not an ISO 3166 alpha-3 code (three letters such as KOR, RUS, SUN)`);
        continue;
      }
      const metric = (f["metric"] ?? "").trim();
      if (metric === "") {
        reject("metric", "metric is empty; name what is counted, e.g. visitor_arrivals");
        continue;
      }
      const value = parseNumber(f["value"]);
      if (value === undefined || Number.isNaN(value)) {
        reject("value", value === undefined ? "value is empty; leave the row out when there is no figure" : `value "${f["value"]}" is not a number (plain digits, no thousands separators)`);
        continue;
      }
      const unitText = (f["unit"] ?? "").trim();
      const unit = SERIES_UNITS[unitText];
      if (!unit) {
        reject("unit", `unit "${unitText}" is not known; use one of: ${Object.keys(SERIES_UNITS).join(", ")}`);
        continue;
      }
      const source = (f["source"] ?? "").trim();
      if (source === "") {
        reject("source", "source is empty; say who published the figure");
        continue;
      }
      const breakdown = (f["breakdown"] ?? "").trim() || "total";
      const first = duplicates.firstLine(`${periodText}|${from}|${to}|${metric}|${breakdown}`, line);
      if (first !== undefined) {
        parsed.rejected.push({ line, reason: `duplicate of line ${first}: the same period, from, to, metric and breakdown appear twice; remove one of them` });
        continue;
      }
      const record: RawSeriesRecord = {
        line,
        period: periodText,
        year,
        from: { scheme: "iso3", code: from },
        to: { scheme: "iso3", code: to },
        metric,
        breakdown,
        value: parseNumber(f["value"], unit.exponent)!,
        unit: unit.unit,
        publishedPoint: false,
        approximate: false,
        publisher: source,
      };
      if (period.month !== undefined) record.month = period.month;
      const url = (f["source_url"] ?? "").trim();
      if (url) record.sourceUrl = url;
      const note = (f["note"] ?? "").trim();
      if (note) record.note = note;
      parsed.series.push(record);
    }
    const s = parsed.series;
    parsed.datasetKey = `bilateral-series:${listKey(s.map((r) => r.publisher ?? ""))}:${listKey(s.map((r) => r.metric))}:${listKey(s.map((r) => `${r.from.code}>${r.to.code}`))}`;
    return finishParsedFile(parsed);
  },
};
