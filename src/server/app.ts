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
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";
import { HTTPException } from "hono/http-exception";
import type { TradeStore } from "../store/TradeStore.js";
import { InProcessAnalyses, type Analyses } from "./analysis/executor.js";
import { SharedWork } from "./cache.js";
import type { AppEnv, PdfService, Rendered, Services } from "./env.js";
import { ApiError, errorHandler, errorJson, type ErrorLogger } from "./errors.js";
import { WorkGate } from "./limit.js";
import { openApiDocument } from "./openapi.js";
import { LazyPdfService } from "./pdf.js";
import { countriesRoutes } from "./routes/countries.js";
import { healthRoutes } from "./routes/health.js";
import { pairsRoutes } from "./routes/pairs.js";
import { partnersRoutes } from "./routes/partners.js";
import { productsRoutes } from "./routes/products.js";
import { sourcesRoutes } from "./routes/sources.js";
import { StoreHolder } from "./storeHolder.js";
import { packageFile } from "../packagePaths.js";

export const APP_VERSION = "0.1.0";
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** The API reads no bodies; anything bigger than this is refused before it is read. */
export const DEFAULT_BODY_LIMIT_BYTES = 16 * 1024;
/** Finished analysis bodies kept in memory (profiles ~100 KB of JSON, reports with their charts up to ~1 MB). */
export const REPORT_CACHE_ENTRIES = 256;
/** Analyses (profile, report, chart) computed at once on the main thread; more wait in a queue. */
export const DEFAULT_CONCURRENT_ANALYSES = 2;
/** Analyses waiting beyond which a request is a 503 with Retry-After (a request whose turn would come after its deadline is refused sooner). */
export const DEFAULT_QUEUED_ANALYSES = 64;

/** The built dashboard (`npm run build:web`). */
export const DEFAULT_WEB_ROOT = packageFile("web/dist/");

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
  /** Finished profiles, reports and charts remembered per store content (0: compute every time). Default 256. */
  cacheEntries?: number;
  concurrentAnalyses?: number;
  queuedAnalyses?: number;
  /** Where profiles, reports and charts are computed; default on this thread (`startServer` passes a worker pool). */
  analyses?: Analyses;
  /** PDF printing; default: a Chromium printer launched on first use. */
  pdf?: PdfService;
}

export interface TradetiesApp extends Hono<AppEnv> {
  services: Services;
  /** Closes the PDF printer and the analyses (the store belongs to the caller / holder). */
  shutdown(): Promise<void>;
}

export function createApp(options: AppOptions): TradetiesApp {
  const holder = options.store instanceof StoreHolder ? options.store : new StoreHolder(options.store);
  const log = options.log ?? ((line: string) => console.error(line));
  const gate = new WorkGate(options.concurrentAnalyses ?? DEFAULT_CONCURRENT_ANALYSES, options.queuedAnalyses ?? DEFAULT_QUEUED_ANALYSES);
  const services: Services = {
    holder,
    bodies: new SharedWork<Rendered>(options.cacheEntries ?? REPORT_CACHE_ENTRIES),
    analyses: options.analyses ?? new InProcessAnalyses(gate),
    pdf: options.pdf ?? new LazyPdfService(),
    gate,
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
  // Each request gets a budget: a signal that fires at its deadline (answered 504) or when the
  // client hangs up, so queued work leaves the queue and running work stops.
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  app.use("/api/*", async (c, next) => {
    const deadline = new AbortController();
    const timedOut = new HTTPException(504);
    c.set("budget", { signal: AbortSignal.any([deadline.signal, c.req.raw.signal]), deadlineMs: performance.now() + timeoutMs });
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        deadline.abort(timedOut);
        reject(timedOut);
      }, timeoutMs);
    });
    try {
      await Promise.race([next(), expired]);
    } finally {
      clearTimeout(timer);
    }
  });
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
  app.route("/api/pairs", productsRoutes(services));

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
  app.shutdown = async () => {
    await services.analyses.close();
    await services.pdf.close();
  };
  return app;
}
