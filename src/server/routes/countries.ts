/**
 * `GET /api/countries?q=`: search countries, former countries and aggregates by name or code.
 * Answers from the reference registry; equally good matches are ordered by trade in the loaded
 * data; a search that finds nothing offers the closest spellings. The dashboard's combobox calls it per keystroke.
 * @module
 * @example
 * ```sh
 * curl -s 'http://127.0.0.1:8080/api/countries?q=korea&limit=5'
 * ```
 */
import { Hono } from "hono";
import { tradeProminence } from "../../query/prominence.js";
import { CountryRegistry, type CountryEntity } from "../../reference/countries.js";
import { etagFor, Lru, notModified } from "../cache.js";
import type { AppEnv, Services } from "../env.js";
import { ROUTES } from "../schemas.js";
import { input, validate } from "../validate.js";

export const DEFAULT_SEARCH_RESULTS = 10;

export function countriesRoutes(_services: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // Equal name matches are ordered by trade in the loaded data, computed once per store content.
  const prominence = new Lru<Promise<Map<string, number>>>(2);
  app.get("/", validate(ROUTES.countries), async (c) => {
    const { query } = input<typeof ROUTES.countries>(c);
    const limit = query.limit ?? DEFAULT_SEARCH_RESULTS;
    const lease = c.get("lease");
    const version = await lease.contentVersion();
    if (notModified(c, etagFor(version, "countries", { q: query.q.toLowerCase(), limit }))) return c.body(null, 304);
    const registry = CountryRegistry.load();
    const weights = await prominence.memo(version, () => tradeProminence(lease.store));
    const describe = (e: CountryEntity) => ({
      code: e.entity,
      name: e.name,
      display_name: registry.displayName(e.entity),
      kind: e.kind,
      ...(e.iso2 ? { iso2: e.iso2 } : {}),
      ...(e.iso3 ? { iso3: e.iso3 } : {}),
      ...(e.validFrom !== undefined ? { valid_from: e.validFrom } : {}),
      ...(e.validTo !== undefined ? { valid_to: e.validTo } : {}),
    });
    const results = registry
      .find(query.q, limit * 3, (e) => weights.get(e) ?? 0)
      .filter((e) => e.kind !== "subtotal" && e.kind !== "footer")
      .slice(0, limit)
      .map(describe);
    // Nothing matched ("Rusia"): the closest names by spelling, so a typo still leads somewhere.
    if (results.length === 0) return c.json({ query: query.q, results, suggestions: registry.suggest(query.q, 5).map(describe) });
    return c.json({ query: query.q, results });
  });
  return app;
}
