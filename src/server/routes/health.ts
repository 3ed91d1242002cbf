/**
 * `GET /api/health`: the server is up and which store it serves. Cheap by design, so a load
 * balancer or a monitor can call it while the server is busy: it reads the store summary
 * computed when the store was opened and never queries the store or waits behind analyses.
 * The store is named by its file name only; the server's paths are not the caller's business.
 * @module
 * @example
 * ```sh
 * curl -s http://127.0.0.1:8080/api/health
 * ```
 */
import { basename } from "node:path";
import { Hono } from "hono";
import type { AppEnv, Services } from "../env.js";
import { ROUTES } from "../schemas.js";
import { validate } from "../validate.js";

const STARTED_AT_MS = Date.now();

export function healthRoutes(services: Services, version: string): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/", validate(ROUTES.health), async (c) => {
    const summary = await services.holder.summary();
    const store = services.holder.store;
    c.header("Cache-Control", "no-store");
    return c.json({
      status: "ok" as const,
      store: { name: basename(store.location), read_only: store.readOnly, content_version: summary.contentVersion, sources: summary.sources },
      version,
      uptime_seconds: Math.round((Date.now() - STARTED_AT_MS) / 1000),
    });
  });
  return app;
}
