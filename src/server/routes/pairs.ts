/**
 * Everything about one pair of countries, under `/api/pairs/:a/:b`: the year-by-year series
 * (JSON or CSV), the profile, the report in four formats, and the report's charts as SVG.
 * Countries are resolved before any work, so an unknown one is a 404 with suggestions and an
 * unchanged answer is a 304 from the ETag alone. Profiles, reports and charts are computed by the
 * server's analyses (worker threads under `tradeties serve`) and kept as finished bodies, so a
 * repeated request sends stored bytes.
 * @module
 * @example
 * ```sh
 * curl -s 'http://127.0.0.1:8080/api/pairs/KOR/RUS?from=1991&to=2020&format=csv'
 * curl -s 'http://127.0.0.1:8080/api/pairs/korea/russia/report?format=md'
 * ```
 */
import { Hono, type Context } from "hono";
import Papa from "papaparse";
import { floatNoiseReplacer, withoutFloatNoise } from "../../query/floatNoise.js";
import { pairSeries, type PairSeries } from "../../query/pair.js";
import { CountryRegistry } from "../../reference/countries.js";
import { cancellableStore } from "../analysis/cancellable.js";
import { keyOf, type AnalysisTask, type PairKey } from "../analysis/tasks.js";
import { etagFor, Lru, notModified } from "../cache.js";
import type { AppEnv, Rendered, Services } from "../env.js";
import { ApiError, resolveCountry } from "../errors.js";
import { ROUTES } from "../schemas.js";
import { input, validate } from "../validate.js";

/** Resolved pairs by the text asked for: the registry never changes while serving, and a lookup costs ~0.5 ms of the event loop. */
const resolvedPairs = new Lru<{ a: string; b: string }>(4096);

/** Resolves both countries (404 with suggestions when unknown; 400 when the same). */
function resolvePair(params: { a: string; b: string }): { a: string; b: string } {
  const cacheKey = `${params.a}\u0000${params.b}`;
  const hit = resolvedPairs.get(cacheKey);
  if (hit) return hit;
  const registry = CountryRegistry.load();
  const a = resolveCountry(registry, params.a, "a").entity;
  const b = resolveCountry(registry, params.b, "b").entity;
  if (a === b) throw new ApiError(400, `a pair needs two different countries; "${params.a}" and "${params.b}" are both ${a}`, { field: "b" });
  const pair = { a, b };
  resolvedPairs.set(cacheKey, pair);
  return pair;
}

const UTF8 = new TextEncoder();

function send(c: Context<AppEnv>, out: Rendered): Response {
  c.header("Content-Type", out.contentType);
  return c.body(out.body);
}

export function pairsRoutes(services: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  /** A finished analysis body: stored, or computed once for every request that wants it meanwhile. */
  const analysed = async (c: Context<AppEnv>, task: AnalysisTask, variant: string): Promise<Rendered> => {
    const lease = c.get("lease");
    const version = await lease.contentVersion();
    // Kept as UTF-8 bytes: a hit then sends them as they are instead of encoding ~100 KB again.
    return services.bodies.get(`${version}|${task.kind}|${keyOf(task.key)}|${variant}`, c.get("budget"), async (budget) => {
      const out = await services.analyses.run(task, lease, budget);
      return { body: UTF8.encode(out.body), contentType: out.contentType };
    });
  };

  app.get("/:a/:b", validate(ROUTES.pair), async (c) => {
    const { params, query } = input<typeof ROUTES.pair>(c);
    const pair = resolvePair(params);
    const lease = c.get("lease");
    const format = query.format ?? "json";
    if (notModified(c, etagFor(await lease.contentVersion(), "pair", { ...pair, from: query.from, to: query.to, format }))) return c.body(null, 304);
    const series = await services.gate.run((signal) => pairSeries(cancellableStore(lease.store, signal), pair.a, pair.b, { from: query.from, to: query.to }), c.get("budget"));
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
    const version = await c.get("lease").contentVersion();
    if (notModified(c, etagFor(version, "profile", { ...pair, ...query }))) return c.body(null, 304);
    const key: PairKey = { ...pair, from: query.from, to: query.to, reference_year: query.reference_year };
    return send(c, await analysed(c, { kind: "profile", key }, "json"));
  });

  app.get("/:a/:b/report", validate(ROUTES.report), async (c) => {
    const { params, query } = input<typeof ROUTES.report>(c);
    const pair = resolvePair(params);
    const format = query.format ?? "json";
    const key: PairKey = { ...pair, from: query.from, to: query.to, reference_year: query.reference_year };
    const version = await c.get("lease").contentVersion();
    if (notModified(c, etagFor(version, "report", { ...key, format }))) return c.body(null, 304);
    const out =
      format === "pdf"
        ? // The PDF is the HTML edition printed by the server's one browser.
          await services.bodies.get(`${version}|report|${keyOf(key)}|pdf`, c.get("budget"), async () => {
            const html = await analysed(c, { kind: "report", key, format: "html" }, "html");
            return { body: new Uint8Array(await services.pdf.print(new TextDecoder().decode(html.body as Uint8Array))), contentType: "application/pdf" };
          })
        : await analysed(c, { kind: "report", key, format }, format);
    const disposition = query.download === "1" || format === "pdf" ? "attachment" : "inline";
    c.header("Content-Disposition", `${disposition}; filename="${fileStem(pair, query)}-report.${format}"`);
    return send(c, out);
  });

  app.get("/:a/:b/charts/:chart", validate(ROUTES.chart), async (c) => {
    const { params, query } = input<typeof ROUTES.chart>(c);
    const pair = resolvePair(params);
    const key: PairKey = { ...pair, from: query.from, to: query.to, reference_year: query.reference_year };
    const version = await c.get("lease").contentVersion();
    if (notModified(c, etagFor(version, "chart", { ...key, chart: params.chart }))) return c.body(null, 304);
    return send(c, await analysed(c, { kind: "chart", key, chart: params.chart }, params.chart));
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
