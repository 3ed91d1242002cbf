/**
 * The HTTP API and the dashboard in one Hono app, testable with `app.request()` and no socket.
 * Read-only over the store; each resource has one route file; inputs are checked at the edge
 * against the zod schemas that also generate `/openapi.json`; every error is JSON a person can
 * act on, and no stack trace ever leaves the process.
 * @module
 * @see https://hono.dev/docs/guides/best-practices
 * @example
 * ```ts
 * const app = createApp({ store: await DuckDbTradeStore.open(path, { readOnly: true }) });
 * const res = await app.request("/api/pairs/KOR/RUS/profile?from=1990&to=2020");
 * ```
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";
import { timeout } from "hono/timeout";
import type { Profile } from "../profile/types.js";
import type { ReportDocument } from "../report/document.js";
import type { TradeStore } from "../store/TradeStore.js";
import { Lru } from "./cache.js";
import type { AppEnv, PdfService, Services } from "./env.js";
import { ApiError, errorHandler, errorJson, type ErrorLogger } from "./errors.js";
import { WorkGate } from "./limit.js";
import { openApiDocument } from "./openapi.js";
import { LazyPdfService } from "./pdf.js";
import type { RenderedForApi } from "./reportFormats.js";
import { countriesRoutes } from "./routes/countries.js";
import { healthRoutes } from "./routes/health.js";
import { pairsRoutes } from "./routes/pairs.js";
import { partnersRoutes } from "./routes/partners.js";
import { sourcesRoutes } from "./routes/sources.js";
import { StoreHolder } from "./storeHolder.js";

export const APP_VERSION = "0.1.0";
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** The API reads no bodies; anything bigger than this is refused before it is read. */
export const DEFAULT_BODY_LIMIT_BYTES = 16 * 1024;
/** Profiles and report documents kept in memory, each (a document with its charts is ~100–300 KB). */
export const REPORT_CACHE_ENTRIES = 32;
/** Analyses (profile, report, chart) computed at once; more wait in a queue. */
export const DEFAULT_CONCURRENT_ANALYSES = 2;
/** Analyses waiting beyond which a request is a 503 with Retry-After. */
export const DEFAULT_QUEUED_ANALYSES = 64;

/** The built dashboard (`npm run build:web`). */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL("../../web/dist/", import.meta.url));

export interface AppOptions {
  /** A read-only store, or a holder that can reopen it (SIGHUP). */
  store: TradeStore | StoreHolder;
  /** Folder with the built dashboard; `false` serves the API only. Default `web/dist`. */
  webRoot?: string | false;
  /** Allowed origin for cross-origin requests; CORS is off without it. */
  corsOrigin?: string;
  requestTimeoutMs?: number;
  bodyLimitBytes?: number;
  /** Where unexpected errors are logged (with their id); default `console.error`. */
  log?: ErrorLogger;
  /** Profiles and reports remembered per store content (0: compute every time). Default 32. */
  cacheEntries?: number;
  concurrentAnalyses?: number;
  queuedAnalyses?: number;
  /** PDF printing; default: a Chromium printer launched on first use. */
  pdf?: PdfService;
}

export interface TradetiesApp extends Hono<AppEnv> {
  services: Services;
  /** Closes the PDF printer (the store belongs to the caller / holder). */
  shutdown(): Promise<void>;
}

export function createApp(options: AppOptions): TradetiesApp {
  const holder = options.store instanceof StoreHolder ? options.store : new StoreHolder(options.store);
  const log = options.log ?? ((line: string) => console.error(line));
  const services: Services = {
    holder,
    profiles: new Lru<Promise<Profile>>(options.cacheEntries ?? REPORT_CACHE_ENTRIES),
    reports: new Lru<Promise<ReportDocument>>(options.cacheEntries ?? REPORT_CACHE_ENTRIES),
    svgs: new Lru<Promise<string>>((options.cacheEntries ?? REPORT_CACHE_ENTRIES) * 6),
    rendered: new Lru<Promise<RenderedForApi>>(options.cacheEntries ?? REPORT_CACHE_ENTRIES),
    pdf: options.pdf ?? new LazyPdfService(),
    gate: new WorkGate(options.concurrentAnalyses ?? DEFAULT_CONCURRENT_ANALYSES, options.queuedAnalyses ?? DEFAULT_QUEUED_ANALYSES),
  };

  const app = new Hono<AppEnv>() as TradetiesApp;
  app.onError(errorHandler(log));
  app.notFound((c) => errorJson(c, 404, { error: `no such route: ${c.req.method} ${c.req.path}; the API is described at /openapi.json` }));

  app.use("*", secureHeaders({ crossOriginResourcePolicy: false, contentSecurityPolicy: { defaultSrc: ["'self'"], imgSrc: ["'self'", "data:"], styleSrc: ["'self'", "'unsafe-inline'"], objectSrc: ["'none'"], frameAncestors: ["'none'"] } }));
  if (options.corsOrigin) app.use("/api/*", cors({ origin: options.corsOrigin, allowMethods: ["GET", "HEAD", "OPTIONS"], exposeHeaders: ["ETag", "Content-Disposition"], maxAge: 600 }));
  const maxSize = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  app.use("*", bodyLimit({ maxSize, onError: (c) => errorJson(c, 413, { error: `request body larger than ${maxSize} bytes; the API takes no request bodies` }) }));
  // Every method but GET and HEAD (OPTIONS and TRACE included) is a 405; with CORS on, the
  // cors middleware above has already answered preflight OPTIONS requests.
  app.use("*", async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    c.header("Allow", "GET, HEAD");
    return errorJson(c, 405, { error: `${c.req.method} is not allowed: the API is read-only (GET and HEAD only); load data with \`tradeties ingest\`` });
  });
  app.use("/api/*", timeout(options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS));
  app.use("/api/*", async (c, next) => {
    const lease = holder.acquire();
    c.set("lease", lease);
    try {
      await next();
    } finally {
      lease.release();
    }
  });

  app.route("/api/health", healthRoutes(services, APP_VERSION));
  app.route("/api/sources", sourcesRoutes(services));
  app.route("/api/countries", countriesRoutes(services));
  app.route("/api/countries", partnersRoutes(services));
  app.route("/api/pairs", pairsRoutes(services));

  const openapi = JSON.stringify(openApiDocument({ version: APP_VERSION }));
  app.get("/openapi.json", (c) => {
    if (Object.keys(c.req.queries()).length) throw new ApiError(400, "/openapi.json takes no query parameters", { field: Object.keys(c.req.queries())[0] });
    c.header("Content-Type", "application/json; charset=utf-8");
    return c.body(openapi);
  });

  const webRoot = options.webRoot === undefined ? DEFAULT_WEB_ROOT : options.webRoot;
  if (webRoot) {
    app.use("/assets/*", async (c, next) => {
      await next();
      if (c.res.ok) c.header("Cache-Control", "public, max-age=31536000, immutable");
    });
    app.use("/*", serveStatic({ root: webRoot }));
    app.get("/", (c) => {
      const built = existsSync(webRoot);
      return c.html(
        `<!doctype html><meta charset="utf-8"><title>tradeties</title><p>The dashboard is not built${built ? "" : ` (no ${webRoot})`}: run <code>npm run build:web</code> and restart. The API is at <a href="/openapi.json">/openapi.json</a>.</p>`,
        503,
      );
    });
  }

  app.services = services;
  app.shutdown = () => services.pdf.close();
  return app;
}
