/**
 * Everything about one pair of countries, under `/api/pairs/:a/:b`: the year-by-year series
 * (JSON or CSV), the profile, the report in four formats, and the report's charts as SVG.
 * Countries are resolved before any work, so an unknown one is a 404 with suggestions and an
 * unchanged answer is a 304 from the ETag alone.
 * @module
 * @example
 * ```sh
 * curl -s 'http://127.0.0.1:8080/api/pairs/KOR/RUS?from=1991&to=2020&format=csv'
 * curl -s 'http://127.0.0.1:8080/api/pairs/korea/russia/report?format=md'
 * ```
 */
import { Hono, type Context } from "hono";
import Papa from "papaparse";
import { buildProfile } from "../../profile/buildProfile.js";
import { floatNoiseReplacer, withoutFloatNoise } from "../../query/floatNoise.js";
import { pairSeries, type PairSeries } from "../../query/pair.js";
import { CountryRegistry } from "../../reference/countries.js";
import { renderSvg, type VegaLiteSpec } from "../../report/charts/index.js";
import { buildReport } from "../../report/buildReport.js";
import type { ReportDocument } from "../../report/document.js";
import { etagFor, notModified } from "../cache.js";
import type { AppEnv, Services } from "../env.js";
import { ApiError, resolveCountry } from "../errors.js";
import { renderForApi } from "../reportFormats.js";
import { ROUTES } from "../schemas.js";
import { input, validate } from "../validate.js";

interface PairKey {
  a: string;
  b: string;
  from?: number;
  to?: number;
  reference_year?: number;
}

/** Resolves both countries (404 with suggestions when unknown; 400 when the same). */
function resolvePair(params: { a: string; b: string }): { a: string; b: string } {
  const registry = CountryRegistry.load();
  const a = resolveCountry(registry, params.a, "a").entity;
  const b = resolveCountry(registry, params.b, "b").entity;
  if (a === b) throw new ApiError(400, `a pair needs two different countries; "${params.a}" and "${params.b}" are both ${a}`, { field: "b" });
  return { a, b };
}

const keyOf = (k: PairKey) => JSON.stringify([k.a, k.b, k.from ?? null, k.to ?? null, k.reference_year ?? null]);

export function pairsRoutes(services: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  /** The report document for a key, built once per store content and shared by the report and chart routes. */
  const reportFor = async (c: Context<AppEnv>, key: PairKey): Promise<ReportDocument> => {
    const lease = c.get("lease");
    const version = await lease.contentVersion();
    return services.reports.memo(`${version}|${keyOf(key)}`, () => services.gate.run(() => buildReport(lease.store, key.a, key.b, { from: key.from, to: key.to, referenceYear: key.reference_year })));
  };

  app.get("/:a/:b", validate(ROUTES.pair), async (c) => {
    const { params, query } = input<typeof ROUTES.pair>(c);
    const pair = resolvePair(params);
    const lease = c.get("lease");
    const format = query.format ?? "json";
    if (notModified(c, etagFor(await lease.contentVersion(), "pair", { ...pair, from: query.from, to: query.to, format }))) return c.body(null, 304);
    const series = await services.gate.run(() => pairSeries(lease.store, pair.a, pair.b, { from: query.from, to: query.to }));
    if (format === "csv") {
      c.header("Content-Type", "text/csv; charset=utf-8");
      c.header("Content-Disposition", `attachment; filename="${fileStem(pair, query)}-pair.csv"`);
      return c.body(pairCsv(series));
    }
    c.header("Content-Type", "application/json; charset=utf-8");
    return c.body(JSON.stringify(series, floatNoiseReplacer));
  });

  app.get("/:a/:b/profile", validate(ROUTES.profile), async (c) => {
    const { params, query } = input<typeof ROUTES.profile>(c);
    const pair = resolvePair(params);
    const lease = c.get("lease");
    const version = await lease.contentVersion();
    if (notModified(c, etagFor(version, "profile", { ...pair, ...query }))) return c.body(null, 304);
    const key: PairKey = { ...pair, from: query.from, to: query.to, reference_year: query.reference_year };
    const profile = await services.profiles.memo(`${version}|${keyOf(key)}`, () =>
      services.gate.run(() => buildProfile(lease.store, pair.a, pair.b, { from: query.from, to: query.to, referenceYear: query.reference_year })),
    );
    return c.json(profile);
  });

  app.get("/:a/:b/report", validate(ROUTES.report), async (c) => {
    const { params, query } = input<typeof ROUTES.report>(c);
    const pair = resolvePair(params);
    const lease = c.get("lease");
    const format = query.format ?? "json";
    const key: PairKey = { ...pair, from: query.from, to: query.to, reference_year: query.reference_year };
    const version = await lease.contentVersion();
    if (notModified(c, etagFor(version, "report", { ...key, format }))) return c.body(null, 304);
    const out = await services.rendered.memo(`${version}|${keyOf(key)}|${format}`, async () => renderForApi(await reportFor(c, key), format, services));
    c.header("Content-Type", out.contentType);
    const disposition = query.download === "1" || format === "pdf" ? "attachment" : "inline";
    c.header("Content-Disposition", `${disposition}; filename="${fileStem(pair, query)}-report.${out.extension}"`);
    return c.body(typeof out.body === "string" ? out.body : new Uint8Array(out.body));
  });

  app.get("/:a/:b/charts/:chart", validate(ROUTES.chart), async (c) => {
    const { params, query } = input<typeof ROUTES.chart>(c);
    const pair = resolvePair(params);
    const lease = c.get("lease");
    const key: PairKey = { ...pair, from: query.from, to: query.to, reference_year: query.reference_year };
    const version = await lease.contentVersion();
    if (notModified(c, etagFor(version, "chart", { ...key, chart: params.chart }))) return c.body(null, 304);
    const doc = await reportFor(c, key);
    const chart = doc.sections.flatMap((s) => s.charts).find((ch) => ch.id === params.chart);
    if (!chart) {
      const have = doc.sections.flatMap((s) => s.charts.map((ch) => ch.id));
      throw new ApiError(404, `the ${pair.a}–${pair.b} report has no "${params.chart}" chart for this period (the loaded data does not support it)${have.length ? `; it has: ${have.join(", ")}` : ""}`, { field: "chart" });
    }
    const svg = chart.svg ?? (await services.svgs.memo(`${version}|${keyOf(key)}|${chart.id}`, () => services.gate.run(() => renderSvg(chart.spec as unknown as VegaLiteSpec))));
    c.header("Content-Type", "image/svg+xml; charset=utf-8");
    return c.body(svg);
  });

  return app;
}

function fileStem(pair: { a: string; b: string }, q: { from?: number; to?: number }): string {
  return [pair.a, pair.b, q.from, q.to].filter((x) => x !== undefined).join("-").toLowerCase();
}

const CSV_COLUMNS = ["year", "entity_a", "entity_b", "exports_usd", "imports_usd", "total_usd", "balance_usd", "mirror_exports_usd", "mirror_imports_usd", "exports_estimated", "imports_estimated", "sources"] as const;

/** One row per year; numbers unformatted (USD) without float noise, empty when missing; sources as dataset:vintage:file:location. */
export function pairCsv(series: PairSeries): string {
  const rows = series.years.map((y) => [
    y.year,
    y.entity_a_code,
    y.entity_b_code,
    withoutFloatNoise(y.exports),
    withoutFloatNoise(y.imports),
    withoutFloatNoise(y.total),
    withoutFloatNoise(y.balance),
    withoutFloatNoise(y.mirror.exports),
    withoutFloatNoise(y.mirror.imports),
    y.estimated.exports,
    y.estimated.imports,
    y.sources.map((s) => `${s.figure}=${s.dataset}:${s.vintage}:${s.file}:${s.location}`).join("; "),
  ]);
  // A text cell starting with = + - @ is quoted with a leading ' so a spreadsheet shows it instead of running it (numbers are left alone).
  return Papa.unparse({ fields: [...CSV_COLUMNS], data: rows }, { newline: "\r\n", escapeFormulae: true }) + "\r\n";
}
