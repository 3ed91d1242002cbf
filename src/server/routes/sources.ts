/**
 * `GET /api/sources`: the loaded files, as `tradeties sources --json` lists them.
 * @module
 * @example
 * ```sh
 * curl -s http://127.0.0.1:8080/api/sources | jq '.sources[].fileName'
 * ```
 */
import { Hono } from "hono";
import { etagFor, notModified } from "../cache.js";
import type { AppEnv, Services } from "../env.js";
import { ROUTES } from "../schemas.js";
import { validate } from "../validate.js";

export function sourcesRoutes(_services: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/", validate(ROUTES.sources), async (c) => {
    const lease = c.get("lease");
    const version = await lease.contentVersion();
    if (notModified(c, etagFor(version, "sources", {}))) return c.body(null, 304);
    return c.json({ content_version: version, sources: await lease.store.listSources() });
  });
  return app;
}
