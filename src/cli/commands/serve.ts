import { existsSync } from "node:fs";
import { UsageError } from "../../errors.js";
import { DEFAULT_HOST, DEFAULT_PORT, startServer } from "../../server/serve.js";
import { storePath } from "../storePath.js";

export interface ServeCommandOptions {
  store?: string;
  port?: string;
  host?: string;
  corsOrigin?: string;
}

/** `tradeties serve`: the HTTP API and the dashboard over the store, read-only, until Ctrl-C. */
export async function serve(options: ServeCommandOptions, log: (line: string) => void = console.log): Promise<void> {
  const path = storePath(options.store);
  if (!existsSync(path)) throw new UsageError(`no store at ${path}; load data first ('tradeties ingest <files>' or 'npm start' for the bundled sample), or pass --store / set TRADETIES_STORE`, { field: "--store" });
  const port = options.port === undefined ? DEFAULT_PORT : Number(options.port);
  if (!/^\d{1,5}$/.test(options.port ?? "0") || port > 65535) throw new UsageError(`--port takes a port number 0–65535, got "${options.port}"`, { field: "--port" });
  const host = options.host ?? DEFAULT_HOST;
  if (options.corsOrigin !== undefined && !/^https?:\/\/[^/\s]+$/.test(options.corsOrigin)) {
    throw new UsageError(`--cors-origin takes an origin such as http://localhost:5173 (scheme://host[:port], no path), got "${options.corsOrigin}"`, { field: "--cors-origin" });
  }
  let server;
  try {
    server = await startServer({ storePath: path, port, host, corsOrigin: options.corsOrigin, handleSignals: true, lowerHelperThreads: true, accessLog: (line) => console.error(line) });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") throw new UsageError(`port ${port} on ${host} is in use; pick another with --port`, { field: "--port" });
    if (code === "EADDRNOTAVAIL") throw new UsageError(`cannot listen on ${host}: not an address of this machine`, { field: "--host" });
    throw error;
  }
  log(`tradeties: serving ${path} (read-only) at ${server.url}/  — API ${server.url}/api/health, OpenAPI ${server.url}/openapi.json`);
  if (!server.helperThreadsLowered) log("tradeties: this system does not let the server run its analysis threads at a lower priority; under full load health checks may wait for a core");
  if (host !== "127.0.0.1" && host !== "localhost" && host !== "::1") log(`tradeties: listening on ${host}: reachable from other machines; the API has no authentication`);
  log(`tradeties: to load new data: ingest into a copy, move it over ${path}, then \`kill -HUP ${process.pid}\` (or stop, ingest, start). Ctrl-C stops.`);
  await new Promise<never>(() => {});
}
