/**
 * Published figures: single numbers quoted from press releases and news items, kept as point
 * observations of their publisher (for checking computed values, never as a series).
 * Layout: `id, metric, subject, period, value, unit, publisher, source_url, published, note`
 * (`<data folder>/indicators/published_figures.csv`).
 *
 * - `subject` names the two sides: "KOR-RUS" (undirected, e.g. total trade: from = first, to =
 *   second), "KOR->RUS" (from KOR to RUS), "KOR<-RUS" (from RUS to KOR). Three-letter codes are
 *   ISO alpha-3; "USSR" is written SUN; anything else is passed on as a name for the resolver.
 * - `period`: "1990", "2014Q1", "2018-09", "2013-01..2013-11", "1990-2019"; the year is the last
 *   year covered, the month is set for single months.
 * - `unit`: "USD million" / "USD billion" / "USD thousand" are converted to USD (unit "USD");
 *   "persons", "count", "times", "percent", "percent y/y" are kept as they are; a suffix
 *   " (approx.)" marks the figure approximate. Any other unit is rejected, naming it.
 * - The row `id` is kept at the start of the note ("[kita2020-1] …") so a figure can be traced.
 *
 * datasetKey: `published-figures:<file name without extension>` — the file is a compiled
 * collection, and a new edition of it keeps its name.
 * @module
 */
import { basename, extname } from "node:path";
import { type ParsedFile, type RawCountryRef, type RawSeriesRecord } from "../model.js";
import { detectByHeader, DuplicateTracker, finishParsedFile, parseNumber, readCsv, startParsedFile } from "./csv.js";
import { parsePeriod } from "./series.js";

export const PUBLISHED_REQUIRED = ["id", "metric", "subject", "period", "value", "unit", "publisher", "source_url", "published", "note"] as const;

const UNITS: Record<string, { unit: string; exponent: number }> = {
  USD: { unit: "USD", exponent: 0 },
  "USD thousand": { unit: "USD", exponent: 3 },
  "USD million": { unit: "USD", exponent: 6 },
  "USD billion": { unit: "USD", exponent: 9 },
  persons: { unit: "persons", exponent: 0 },
  count: { unit: "count", exponent: 0 },
  times: { unit: "times", exponent: 0 },
  percent: { unit: "percent", exponent: 0 },
  "percent y/y": { unit: "percent y/y", exponent: 0 },
};

/** Former entities written by name in subjects, mapped to their historical alpha-3 code. */
const HISTORICAL: Record<string, string> = { USSR: "SUN" };

function countryRef(text: string): RawCountryRef {
  const t = text.trim();
  const upper = t.toUpperCase();
  if (HISTORICAL[upper]) return { scheme: "iso3", code: HISTORICAL[upper]! };
  if (/^[A-Z]{3}$/.test(t)) return { scheme: "iso3", code: t };
  return { scheme: "name", code: t };
}

/** "KOR-RUS" / "KOR->RUS" → [KOR, RUS]; "KOR<-RUS" → [RUS, KOR]. Undefined when not two sides. */
export function parseSubject(subject: string): [RawCountryRef, RawCountryRef] | undefined {
  const t = subject.trim();
  let m: RegExpExecArray | null;
  if ((m = /^(.+?)\s*->\s*(.+)$/.exec(t))) return [countryRef(m[1]!), countryRef(m[2]!)];
  if ((m = /^(.+?)\s*<-\s*(.+)$/.exec(t))) return [countryRef(m[2]!), countryRef(m[1]!)];
  if ((m = /^([^-]+?)\s*-\s*([^-]+)$/.exec(t))) return [countryRef(m[1]!), countryRef(m[2]!)];
  return undefined;
}

/** The publisher's own hedge quoted in the note ("stated as 'approximately 30,000'"): the figure is approximate. */
const QUOTED_APPROXIMATION = /['"‘“](approximately|about|nearly|some|around|over|more than)\s/i;

export const publishedFiguresAdapter = {
  name: "published-figures",
  detect(_fileName: string, head: Buffer): boolean {
    return detectByHeader(head, ["id", "metric", "subject", "period", "value", "unit", "publisher"]);
  },
  async parse(filePath: string): Promise<ParsedFile> {
    const table = await readCsv(filePath, { required: PUBLISHED_REQUIRED });
    const parsed = startParsedFile(table, {
      adapter: "published-figures",
      dataset: "published-figures",
      datasetKey: `published-figures:${basename(filePath, extname(filePath))}`,
      reportedBy: "publisher",
    });
    const ids = new DuplicateTracker();
    const keys = new DuplicateTracker();
    for (const { line, fields: f } of table.rows) {
      const reject = (field: string, reason: string) => parsed.rejected.push({ line, field, reason });
      const id = (f["id"] ?? "").trim();
      if (id === "") {
        reject("id", "id is empty; give every figure a unique id so it can be cited");
        continue;
      }
      const firstId = ids.firstLine(id, line);
      if (firstId !== undefined) {
        reject("id", `duplicate of line ${firstId}: id "${id}" is used twice; ids must be unique`);
        continue;
      }
      const metric = (f["metric"] ?? "").trim();
      if (metric === "") {
        reject("metric", "metric is empty");
        continue;
      }
      const sides = parseSubject(f["subject"] ?? "");
      if (!sides) {
        reject("subject", `subject "${f["subject"]}" does not name two sides; write KOR-RUS, KOR->RUS or KOR<-RUS`);
        continue;
      }
      const periodText = (f["period"] ?? "").trim();
      const period = parsePeriod(periodText);
      if (!period) {
        reject("period", `period "${periodText}" is not understood; write 1990, 2014Q1, 2018-09, 2013-01..2013-11 or 1990-2019`);
        continue;
      }
      const value = parseNumber(f["value"]);
      if (value === undefined || Number.isNaN(value)) {
        reject("value", value === undefined ? "value is empty" : `value "${f["value"]}" is not a number (plain digits, no thousands separators)`);
        continue;
      }
      const unitMatch = /^(.*?)\s*(\(approx\.\))?$/.exec((f["unit"] ?? "").trim())!;
      const unit = UNITS[unitMatch[1]!];
      if (!unit) {
        reject("unit", `unit "${f["unit"]}" is not known; use one of: ${Object.keys(UNITS).join(", ")} (optionally followed by " (approx.)")`);
        continue;
      }
      const [from, to] = sides;
      const firstKey = keys.firstLine(`${metric}|${from.code}|${to.code}|${periodText}|${(f["publisher"] ?? "").trim()}|${value}`, line);
      if (firstKey !== undefined) {
        parsed.rejected.push({ line, reason: `duplicate of line ${firstKey}: the same figure from the same publisher appears twice; remove one of them` });
        continue;
      }
      const note = (f["note"] ?? "").trim();
      const record: RawSeriesRecord = {
        line,
        period: periodText,
        year: period.year,
        from,
        to,
        metric,
        breakdown: "total",
        value: parseNumber(f["value"], unit.exponent)!,
        unit: unit.unit,
        publishedPoint: true,
        approximate: unitMatch[2] !== undefined || QUOTED_APPROXIMATION.test(note),
        note: note ? `[${id}] ${note}` : `[${id}]`,
      };
      if (period.month !== undefined) record.month = period.month;
      const optional = { publisher: f["publisher"], sourceUrl: f["source_url"], published: f["published"] } as const;
      for (const [k, v] of Object.entries(optional)) if (v && v.trim()) record[k as keyof typeof optional] = v.trim();
      parsed.series.push(record);
    }
    return finishParsedFile(parsed);
  },
};
