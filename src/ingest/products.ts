/**
 * Published product composition: figures for single product groups quoted from publications
 * (`<data folder>/trade/korea-russia-products/kr_ru_products_compiled.csv`). Layout:
 * `period, reporter, partner, flow, classification, code, product, value_usd_m, share_pct,
 * publisher, source_url, published, note`.
 *
 * These are **not** HS-coded trade data: `classification` stays as the file says ("MTI" is
 * Korea's MTI commodity code, "HS4", "TNVED group"), so they are never mixed with Comtrade/BACI rows.
 * - reporter/partner are ISO alpha-3 ("WLD" = world is kept; the resolver maps it);
 * - flow is import | export | balance | total_trade;
 * - valueUsd = value_usd_m × 1,000,000; share = share_pct / 100; a row needs at least one of them;
 * - period is a year or a part-year ("2019-01..09"); year = the (end) year;
 * - `code` may be empty when the publication gave only a product name; such rows are kept and
 *   counted in a note.
 *
 * datasetKey: `published-products:<file name without extension>`.
 * @module
 */
import { basename, extname } from "node:path";
import { type ParsedFile, type RawProductPoint } from "../model.js";
import { detectByHeader, DuplicateTracker, finishParsedFile, parseNumber, readCsv, startParsedFile } from "./csv.js";
import { parsePeriod } from "./series.js";

export const PRODUCTS_REQUIRED = [
  "period",
  "reporter",
  "partner",
  "flow",
  "classification",
  "code",
  "product",
  "value_usd_m",
  "share_pct",
  "publisher",
  "source_url",
  "published",
  "note",
] as const;

const FLOWS = new Set<RawProductPoint["flow"]>(["import", "export", "balance", "total_trade"]);

export const productsAdapter = {
  name: "published-products",
  detect(_fileName: string, head: Buffer): boolean {
    return detectByHeader(head, ["period", "reporter", "partner", "flow", "classification", "code", "product", "value_usd_m", "share_pct"]);
  },
  async parse(filePath: string): Promise<ParsedFile> {
    const table = await readCsv(filePath, { required: PRODUCTS_REQUIRED });
    const parsed = startParsedFile(table, {
      adapter: "published-products",
      dataset: "published-products",
      datasetKey: `published-products:${basename(filePath, extname(filePath))}`,
      reportedBy: "publisher",
    });
    const duplicates = new DuplicateTracker();
    let withoutCode = 0;
    for (const { line, fields: f } of table.rows) {
      const reject = (field: string, reason: string) => parsed.rejected.push({ line, field, reason });
      const periodText = (f["period"] ?? "").trim();
      const period = parsePeriod(periodText);
      if (!period) {
        reject("period", `period "${periodText}" is not understood; write 2021 or 2019-01..09`);
        continue;
      }
      const reporter = (f["reporter"] ?? "").trim().toUpperCase();
      const partner = (f["partner"] ?? "").trim().toUpperCase();
      const bad = ([["reporter", reporter], ["partner", partner]] as const).find(([, c]) => !/^[A-Z]{3}$/.test(c));
      if (bad) {
        reject(bad[0], `"${f[bad[0]]}" is not an ISO 3166 alpha-3 code (three letters such as KOR; WLD for the world)`);
        continue;
      }
      const flow = (f["flow"] ?? "").trim() as RawProductPoint["flow"];
      if (!FLOWS.has(flow)) {
        reject("flow", `flow "${f["flow"]}" is not one of: ${[...FLOWS].join(", ")}`);
        continue;
      }
      const classification = (f["classification"] ?? "").trim();
      if (classification === "") {
        reject("classification", "classification is empty; say which code list the code is from (MTI, HS4, TNVED group)");
        continue;
      }
      const valueUsd = parseNumber(f["value_usd_m"], 6);
      const share = parseNumber(f["share_pct"], -2);
      if (Number.isNaN(valueUsd) || Number.isNaN(share)) {
        const field = Number.isNaN(valueUsd) ? "value_usd_m" : "share_pct";
        reject(field, `${field} "${f[field]}" is not a number (plain digits, no thousands separators or % sign)`);
        continue;
      }
      if (valueUsd === undefined && share === undefined) {
        reject("value_usd_m", "neither value_usd_m nor share_pct is given; a row needs at least one figure");
        continue;
      }
      if (share !== undefined && (share < 0 || share > 1)) {
        reject("share_pct", `share_pct ${f["share_pct"]} is outside 0–100`);
        continue;
      }
      const code = (f["code"] ?? "").trim();
      const product = (f["product"] ?? "").trim();
      const publisher = (f["publisher"] ?? "").trim();
      const key = [periodText, reporter, partner, flow, classification, code, product, valueUsd === undefined ? "" : "v", share === undefined ? "" : "s", publisher].join("|");
      const first = duplicates.firstLine(key, line);
      if (first !== undefined) {
        parsed.rejected.push({ line, reason: `duplicate of line ${first}: the same period, reporter, partner, flow, product and publisher appear twice; remove one of them` });
        continue;
      }
      if (code === "") withoutCode += 1;
      const record: RawProductPoint = {
        line,
        period: periodText,
        year: period.year,
        reporter: { scheme: "iso3", code: reporter },
        partner: { scheme: "iso3", code: partner },
        flow,
        classification,
        code,
        product,
      };
      if (valueUsd !== undefined) record.valueUsd = valueUsd;
      if (share !== undefined) record.share = share;
      const optional = { publisher, sourceUrl: f["source_url"], published: f["published"], note: f["note"] } as const;
      for (const [k, v] of Object.entries(optional)) if (v && v.trim()) record[k as keyof typeof optional] = v.trim();
      parsed.products.push(record);
    }
    if (withoutCode > 0) parsed.notes.push(`${withoutCode} product row${withoutCode === 1 ? " has" : "s have"} no product code (the publication named the product only); kept with code "" and identified by the product name`);
    return finishParsedFile(parsed);
  },
};
