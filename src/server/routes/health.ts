/**
 * `GET /api/health`: the server is up and which store it serves.
 * @module
 * @example
 * ```sh
 * curl -s http://127.0.0.1:8080/api/health
 * ```
 */
import { Hono } from "hono";
import type { AppEnv, Services } from "../env.js";
import { ROUTES } from "../schemas.js";
import { validate } from "../validate.js";

const STARTED_AT_MS = Date.now();

export function healthRoutes(_services: Services, version: string): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/", validate(ROUTES.health), async (c) => {
    const lease = c.get("lease");
    const sources = await lease.store.listSources();
    c.header("Cache-Control", "no-store");
    return c.json({
      status: "ok" as const,
      store: { location: lease.store.location, read_only: lease.store.readOnly, content_version: await lease.contentVersion(), sources: sources.filter((s) => !s.superseded).length },
      version,
      uptime_seconds: Math.round((Date.now() - STARTED_AT_MS) / 1000),
    });
  });
  return app;
}
