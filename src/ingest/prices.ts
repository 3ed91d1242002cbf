/**
 * Commodity price series from the datasets/oil-prices and datasets/natural-gas packages (EIA spot
 * prices): `Date,Price` (yyyy-mm-dd; annual files dated June 30, monthly files the 15th) and
 * `Month,Price` (yyyy-mm).
 *
 * - Series name: given by the caller, else from the path: "brent", "wti", or "henry-hub" (a path
 *   containing "henry" or "natural-gas"/"gas"). Unit: "USD per barrel" for oil, "USD per MMBtu" for gas.
 * - Frequency: "annual" when every date is June 30 and each year appears once, or the file name
 *   says "year"/"annual"; else "monthly".
 * - A row whose price is not a number, whose date is not a real date, or whose date repeats is rejected.
 *
 * datasetKey: `price-series:<series>:<frequency>`.
 * @module
 */
import { basename } from "node:path";
import { IngestError, InternalError } from "../errors.js";
import { type ParsedFile, type RawPriceRecord } from "../model.js";
import { DuplicateTracker, finishParsedFile, headerOf, parseNumber, readCsv, startParsedFile } from "./csv.js";

const SERIES: Record<string, { unit: string }> = {
  brent: { unit: "USD per barrel" },
  wti: { unit: "USD per barrel" },
  "henry-hub": { unit: "USD per MMBtu" },
};

export interface PriceParseOptions {
  /** Series name ("brent", "wti", "henry-hub"); taken from the file path when absent. */
  series?: string;
}

function seriesFromPath(filePath: string): string | undefined {
  const p = filePath.toLowerCase().replace(/\\/g, "/");
  const name = basename(p);
  for (const candidate of [name, p]) {
    if (candidate.includes("brent")) return "brent";
    if (candidate.includes("wti")) return "wti";
    if (/henry|natural-gas|(^|[^a-z])gas([^a-z]|$)/.test(candidate)) return "henry-hub";
  }
  return undefined;
}

interface DateParts {
  date: string;
  year: number;
  month: number;
  day?: number;
}

function parseDate(text: string): DateParts | undefined {
  const t = text.trim();
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t))) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const check = new Date(Date.UTC(y, mo - 1, d));
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
    return { date: t, year: y, month: mo, day: d };
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(t))) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    return mo >= 1 && mo <= 12 ? { date: t, year: y, month: mo } : undefined;
  }
  return undefined;
}

export const pricesAdapter = {
  name: "price-series",
  detect(_fileName: string, head: Buffer): boolean {
    const header = headerOf(head);
    return header.length === 2 && (header[0] === "Date" || header[0] === "Month") && header[1] === "Price";
  },
  async parse(filePath: string, options: PriceParseOptions = {}): Promise<ParsedFile> {
    const series = options.series ?? seriesFromPath(filePath);
    if (!series) {
      throw new IngestError(
        `cannot tell which price series ${basename(filePath)} holds; put brent, wti or henry-hub in the file name (e.g. brent-monthly.csv) or pass the series name`,
        { file: filePath },
      );
    }
    const unit = SERIES[series]?.unit;
    if (!unit) throw new IngestError(`unknown price series "${series}"; known: ${Object.keys(SERIES).join(", ")}`, { file: filePath });
    const probe = await readCsv(filePath, { required: ["Price"], expectedHeader: "Date,Price (or Month,Price)" });
    const dateColumn = probe.header.includes("Date") ? "Date" : probe.header.includes("Month") ? "Month" : undefined;
    if (!dateColumn) {
      throw new IngestError(`${basename(filePath)}: the header has no "Date" or "Month" column; expected header: Date,Price (or Month,Price); found: ${probe.header.join(",")}`, {
        file: filePath,
        line: 1,
        field: "Date",
      });
    }
    const parsed = startParsedFile(probe, { adapter: "price-series", dataset: "price-series", datasetKey: "", reportedBy: "source" });
    const dates = new DuplicateTracker();
    const rows: Array<DateParts & { line: number; value: number }> = [];
    for (const { line, fields: f } of probe.rows) {
      const when = parseDate(f[dateColumn] ?? "");
      if (!when) {
        parsed.rejected.push({ line, field: dateColumn, reason: `"${f[dateColumn]}" is not a date; write yyyy-mm-dd${dateColumn === "Month" ? " or yyyy-mm" : ""}` });
        continue;
      }
      const value = parseNumber(f["Price"]);
      if (value === undefined || Number.isNaN(value)) {
        parsed.rejected.push({ line, field: "Price", reason: value === undefined ? "price is empty" : `price "${f["Price"]}" is not a number` });
        continue;
      }
      const first = dates.firstLine(when.date, line);
      if (first !== undefined) {
        parsed.rejected.push({ line, field: dateColumn, reason: `duplicate of line ${first}: date ${when.date} appears twice; keep one price per date` });
        continue;
      }
      rows.push({ ...when, line, value });
    }
    const years = new Set(rows.map((r) => r.year));
    const allJune30 = rows.length > 0 && rows.every((r) => r.month === 6 && r.day === 30) && years.size === rows.length;
    const frequency: "annual" | "monthly" = allJune30 || /year|annual/i.test(basename(filePath)) ? "annual" : "monthly";
    const monthsPerYear = new Map<number, number>();
    for (const r of rows) {
      const record: RawPriceRecord = { line: r.line, series, date: r.date, year: r.year, frequency, value: r.value, unit };
      if (frequency === "monthly") {
        record.month = r.month;
        monthsPerYear.set(r.year, (monthsPerYear.get(r.year) ?? 0) + 1);
      }
      parsed.prices.push(record);
    }
    const partial = [...monthsPerYear].filter(([, n]) => n < 12).map(([y, n]) => `${y} has ${n} of 12 months`);
    if (partial.length) parsed.notes.push(`${series}: ${partial.join("; ")}`);
    parsed.datasetKey = `price-series:${series}:${frequency}`;
    return finishParsedFile(parsed);
  },
};

export interface AnnualAverage {
  series: string;
  year: number;
  /** Plain mean of the monthly values (not weighted by trading days). */
  value: number;
  unit: string;
  /** How many distinct months the mean is over. */
  months: number;
  /** True when all 12 months are present. */
  complete: boolean;
}

/**
 * Per series and year, the mean of the monthly values, with the month count; years with fewer than
 * 12 months are returned with `complete: false`. Annual records are ignored. Note that EIA's own
 * annual averages are daily means, so they differ slightly from this (Brent 1990: 23.76 vs 23.68).
 * Sorted by series, then year.
 */
export function annualAverage(records: readonly RawPriceRecord[]): AnnualAverage[] {
  const groups = new Map<string, { series: string; year: number; unit: string; months: Map<number, number> }>();
  for (const r of records) {
    if (r.frequency !== "monthly") continue;
    if (r.month === undefined) throw new InternalError(`monthly price record for ${r.series} ${r.date} has no month`);
    const key = `${r.series}\u0000${r.year}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { series: r.series, year: r.year, unit: r.unit, months: new Map() }));
    if (g.months.has(r.month)) throw new InternalError(`two monthly ${r.series} prices for ${r.year}-${String(r.month).padStart(2, "0")}; the adapter should have rejected one`);
    g.months.set(r.month, r.value);
  }
  return [...groups.values()]
    .map((g) => {
      const values = [...g.months.values()];
      return {
        series: g.series,
        year: g.year,
        value: values.reduce((s, v) => s + v, 0) / values.length,
        unit: g.unit,
        months: values.length,
        complete: values.length === 12,
      };
    })
    .sort((a, b) => a.series.localeCompare(b.series) || a.year - b.year);
}
