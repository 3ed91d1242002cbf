/**
 * Starts the app on a port: opens the store read-only, listens (loopback by default), reopens
 * the store on SIGHUP (after an ingest into a copy that replaced the file), and on SIGINT/SIGTERM
 * stops taking requests, closes the PDF printer and the store.
 * @module
 * @see https://hono.dev/docs/getting-started/nodejs
 * @example
 * ```ts
 * const server = await startServer({ storePath: "tradeties.duckdb", port: 8080 });
 * console.log(server.url);
 * await server.close();
 * ```
 */
import { serve as listen, type ServerType } from "@hono/node-server";
import { WorkerAnalyses, DEFAULT_ANALYSIS_WORKERS } from "./analysis/workerPool.js";
import { keepHelperThreadsLow } from "./threadPriority.js";
import { createApp, DEFAULT_QUEUED_ANALYSES, type AppOptions, type TradetiesApp } from "./app.js";
import { openServingStore, StoreHolder } from "./storeHolder.js";

export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = "127.0.0.1";

export interface StartOptions extends Omit<AppOptions, "store"> {
  storePath: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Reopen the store on SIGHUP and close everything on SIGINT/SIGTERM (the CLI); tests leave it off. */
  handleSignals?: boolean;
  /** Run every thread but the main one at a lower priority, so health checks and cached bodies stay fast under load (threadPriority.ts; the CLI); tests leave it off. */
  lowerHelperThreads?: boolean;
  /** Worker threads computing profiles, reports and charts; 0 computes them on the main thread. Default: one per core, at most 4. */
  analysisWorkers?: number;
  /** One line per request (method, path, status, milliseconds). */
  accessLog?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  app: TradetiesApp;
  holder: StoreHolder;
  close(): Promise<void>;
  /** Whether the threads other than the main one run at a lower priority (asked for, and the system allows it). */
  helperThreadsLowered: boolean;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const open = () => openServingStore(options.storePath);
  const holder = new StoreHolder(await open(), open);
  // Computed before the first request, so health checks never wait on the store.
  await holder.summary();
  const workers = options.analysisWorkers ?? DEFAULT_ANALYSIS_WORKERS;
  const analyses = options.analyses ?? (workers > 0 ? await WorkerAnalyses.start({ workers, queued: options.queuedAnalyses ?? DEFAULT_QUEUED_ANALYSES }) : undefined);
  const app = createApp({ ...options, store: holder, analyses });
  // After the workers and their stores started: their threads are there to be lowered.
  const priorities = options.lowerHelperThreads ? keepHelperThreadsLow() : undefined;
  const host = options.host ?? DEFAULT_HOST;
  const accessLog = options.accessLog;
  const fetch: typeof app.fetch = accessLog
    ? async (req, ...rest) => {
        const started = performance.now();
        const res = await app.fetch(req, ...rest);
        accessLog(`${req.method} ${new URL(req.url).pathname}${new URL(req.url).search} ${res.status} ${(performance.now() - started).toFixed(0)}ms`);
        return res;
      }
    : app.fetch;
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = listen({ fetch, port: options.port ?? DEFAULT_PORT, hostname: host }, () => resolve(s));
    s.once("error", reject);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : (options.port ?? DEFAULT_PORT);
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  let closing: Promise<void> | undefined;
  const onHup = () => {
    holder.reopen().then(
      (r) => console.error(`tradeties serve: reopened the store (${r.changed ? `new content ${r.contentVersion}` : "content unchanged"})`),
      (e) => console.error(`tradeties serve: could not reopen the store, still serving the old one: ${(e as Error).message}`),
    );
  };
  const onStop = () => {
    void close().then(() => process.exit(0));
  };
  const close = () =>
    (closing ??= (async () => {
      if (options.handleSignals) {
        process.off("SIGHUP", onHup);
        process.off("SIGINT", onStop);
        process.off("SIGTERM", onStop);
      }
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      });
      priorities?.stop();
      await app.shutdown();
      await holder.close();
    })());
  if (options.handleSignals) {
    process.on("SIGHUP", onHup);
    process.on("SIGINT", onStop);
    process.on("SIGTERM", onStop);
  }
  return { url, port, app, holder, close, helperThreadsLowered: priorities?.available ?? false };
}
