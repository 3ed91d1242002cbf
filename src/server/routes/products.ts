/**
 * `GET /api/pairs/:a/:b/products`: what A and B trade product by product (CEPII BACI), grouped
 * by HS section, chapter, heading or subheading, as JSON or CSV. The work is `pairProducts` in
 * src/query; this file resolves the pair, caches and formats.
 * @module
 * @example
 * ```sh
 * curl -s 'http://127.0.0.1:8080/api/pairs/ZAF/BWA/products?level=hs4&within=27'
 * ```
 */
import { Hono } from "hono";
import Papa from "papaparse";
import { floatNoiseReplacer, withoutFloatNoise } from "../../query/floatNoise.js";
import { pairProducts, type PairProducts } from "../../query/products.js";
import { CountryRegistry } from "../../reference/countries.js";
import { etagFor, Lru, notModified } from "../cache.js";
import type { AppEnv, Services } from "../env.js";
import { ApiError, resolveCountry } from "../errors.js";
import { ROUTES } from "../schemas.js";
import { input, validate } from "../validate.js";

const BREAKDOWNS_KEPT = 32;

export function productsRoutes(services: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const breakdowns = new Lru<Promise<PairProducts>>(BREAKDOWNS_KEPT);

  app.get("/:a/:b/products", validate(ROUTES.products), async (c) => {
    const { params, query } = input<typeof ROUTES.products>(c);
    const registry = CountryRegistry.load();
    const a = resolveCountry(registry, params.a, "a").entity;
    const b = resolveCountry(registry, params.b, "b").entity;
    if (a === b) throw new ApiError(400, `a pair needs two different countries; "${params.a}" and "${params.b}" are both ${a}`, { field: "b" });
    const lease = c.get("lease");
    const version = await lease.contentVersion();
    const format = query.format ?? "json";
    const within = query.within?.toUpperCase();
    if (notModified(c, etagFor(version, "products", { a, b, year: query.year, level: query.level, within, format }))) return c.body(null, 304);
    const key = JSON.stringify([version, a, b, query.year ?? null, query.level ?? null, within ?? null]);
    const result = await breakdowns.memo(key, () => services.gate.run(() => pairProducts(lease.store, a, b, { year: query.year, level: query.level, within })));
    if (format === "csv") {
      c.header("Content-Type", "text/csv; charset=utf-8");
      c.header("Content-Disposition", `attachment; filename="${[a, b, "products", result.level, within, result.year].filter(Boolean).join("-").toLowerCase()}.csv"`);
      return c.body(productsCsv(result));
    }
    c.header("Content-Type", "application/json; charset=utf-8");
    return c.body(JSON.stringify(result, floatNoiseReplacer));
  });

  return app;
}

const CSV_COLUMNS = ["year", "level", "code", "description", "exports_usd", "imports_usd", "export_share", "import_share", "rca_a", "rca_b"] as const;

/** One row per product group; numbers without float noise. */
export function productsCsv(p: PairProducts): string {
  const rows = p.groups.map((g) => [p.year, p.level, g.code, g.description, withoutFloatNoise(g.exports_usd), withoutFloatNoise(g.imports_usd), withoutFloatNoise(g.export_share), withoutFloatNoise(g.import_share), withoutFloatNoise(g.rca_a ?? null), withoutFloatNoise(g.rca_b ?? null)]);
  return Papa.unparse({ fields: [...CSV_COLUMNS], data: rows }, { newline: "\r\n" }) + "\r\n";
}
