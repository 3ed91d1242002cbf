/**
 * `GET /api/countries/:a/partners`: every partner of one country ranked by total trade in a
 * reference year (the dashboard's country view), as JSON or CSV. The work is `countryPartners`
 * in src/query; this file only resolves the country, caches and formats.
 * @module
 * @example
 * ```sh
 * curl -s 'http://127.0.0.1:8080/api/countries/KOR/partners?reference_year=2019&growth_years=10'
 * curl -s 'http://127.0.0.1:8080/api/countries/KOR/partners?format=csv'
 * ```
 */
import { Hono } from "hono";
import Papa from "papaparse";
import { countryPartners, type CountryPartners } from "../../query/partners.js";
import { CountryRegistry } from "../../reference/countries.js";
import { floatNoiseReplacer, withoutFloatNoise } from "../../query/floatNoise.js";
import { etagFor, Lru, notModified } from "../cache.js";
import type { AppEnv, Services } from "../env.js";
import { resolveCountry } from "../errors.js";
import { ROUTES } from "../schemas.js";
import { input, validate } from "../validate.js";

/** Rankings remembered per store content (each is ~50–150 KB for a country with 200 partners). */
const RANKINGS_KEPT = 16;

export function partnersRoutes(services: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const rankings = new Lru<Promise<CountryPartners>>(RANKINGS_KEPT);

  app.get("/:a/partners", validate(ROUTES.partners), async (c) => {
    const { params, query } = input<typeof ROUTES.partners>(c);
    const a = resolveCountry(CountryRegistry.load(), params.a, "a").entity;
    const lease = c.get("lease");
    const version = await lease.contentVersion();
    const format = query.format ?? "json";
    if (notModified(c, etagFor(version, "partners", { a, reference_year: query.reference_year, growth_years: query.growth_years, format }))) return c.body(null, 304);
    const key = JSON.stringify([version, a, query.reference_year ?? null, query.growth_years ?? null]);
    const ranking = await rankings.memo(key, () => services.gate.run(() => countryPartners(lease.store, a, { referenceYear: query.reference_year, growthYears: query.growth_years })));
    if (format === "csv") {
      c.header("Content-Type", "text/csv; charset=utf-8");
      c.header("Content-Disposition", `attachment; filename="${a.toLowerCase()}-partners-${ranking.reference_year}.csv"`);
      return c.body(partnersCsv(ranking));
    }
    c.header("Content-Type", "application/json; charset=utf-8");
    return c.body(JSON.stringify(ranking, floatNoiseReplacer));
  });

  return app;
}

const CSV_COLUMNS = ["rank", "partner", "name", "reference_year", "total_usd", "share_of_total", "exports_usd", "imports_usd", "balance_usd", "rank_start", "rank_change", "growth_from_year", "growth_cagr", "side"] as const;

/** One row per partner; numbers without float noise (see floatNoise.ts). */
export function partnersCsv(r: CountryPartners): string {
  const rows = r.partners.map((p) => [
    p.rank,
    p.partner,
    p.name,
    r.reference_year,
    withoutFloatNoise(p.total_usd),
    withoutFloatNoise(p.share),
    withoutFloatNoise(p.exports_usd),
    withoutFloatNoise(p.imports_usd),
    withoutFloatNoise(p.balance_usd),
    p.rank_start ?? null,
    p.rank_change ?? null,
    r.growth_window.from_year,
    withoutFloatNoise(p.growth_cagr ?? null),
    r.side,
  ]);
  return Papa.unparse({ fields: [...CSV_COLUMNS], data: rows }, { newline: "\r\n" }) + "\r\n";
}
