/**
 * `GET /api/countries?q=`: search countries, former countries and aggregates by name or code.
 * Answers from the reference registry, not the store; the dashboard's combobox calls it per keystroke.
 * @module
 * @example
 * ```sh
 * curl -s 'http://127.0.0.1:8080/api/countries?q=korea&limit=5'
 * ```
 */
import { Hono } from "hono";
import { CountryRegistry } from "../../reference/countries.js";
import { etagFor, notModified } from "../cache.js";
import type { AppEnv, Services } from "../env.js";
import { ROUTES } from "../schemas.js";
import { input, validate } from "../validate.js";

export const DEFAULT_SEARCH_RESULTS = 10;

export function countriesRoutes(_services: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/", validate(ROUTES.countries), async (c) => {
    const { query } = input<typeof ROUTES.countries>(c);
    const limit = query.limit ?? DEFAULT_SEARCH_RESULTS;
    // The registry is code, not store content: the version of the app is what keys it.
    if (notModified(c, etagFor("registry", "countries", { q: query.q.toLowerCase(), limit }))) return c.body(null, 304);
    const registry = CountryRegistry.load();
    const results = registry
      .find(query.q, limit * 3)
      .filter((e) => e.kind !== "subtotal" && e.kind !== "footer")
      .slice(0, limit)
      .map((e) => ({
        code: e.entity,
        name: e.name,
        display_name: registry.displayName(e.entity),
        kind: e.kind,
        ...(e.iso2 ? { iso2: e.iso2 } : {}),
        ...(e.iso3 ? { iso3: e.iso3 } : {}),
        ...(e.validFrom !== undefined ? { valid_from: e.validFrom } : {}),
        ...(e.validTo !== undefined ? { valid_to: e.validTo } : {}),
      }));
    return c.json({ query: query.q, results });
  });
  return app;
}
