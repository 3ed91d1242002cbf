/**
 * HTTP load test on loopback: requests/s and p50/p99 latency of `GET /api/pairs/KOR/RUS/profile`
 * at 32 concurrent connections, against `tradeties serve` running in a CHILD process (so the load
 * generator does not share the server's event loop). Bounded in count and in time; stops by itself.
 * Data: the bundled sample (real published files), loaded into a temp store unless --store is given.
 *
 * The client is a small fetch loop (Node's built-in undici, keep-alive), not autocannon: one less
 * dependency, and at these rates (tens to hundreds of requests/s, each doing real DuckDB work)
 * the client is not the bottleneck.
 *
 * Three scenarios: COLD (a different period on every request, so the server computes each
 * profile: DuckDB queries + indicators), WARM (the same request again: the server's per-content
 * cache answers) and REVALIDATED (If-None-Match with the current ETag: 304, no body).
 *
 *   npx tsx bench/http.ts                              # 32 connections; cold ≤ 300 requests, warm/304 ≤ 5000; ≤ 20 s each
 *   npx tsx bench/http.ts --connections 8 --requests 500 --seconds 10 --store tradeties.duckdb
 * @module
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    connections: { type: "string", default: "32" },
    requests: { type: "string", default: "5000" },
    "cold-requests": { type: "string", default: "300" },
    seconds: { type: "string", default: "20" },
    store: { type: "string" },
    path: { type: "string", default: "/api/pairs/KOR/RUS/profile" },
    "serve-child": { type: "string" },
  },
});

if (args["serve-child"]) {
  // Child mode: serve the store on a free loopback port and print the URL.
  const { startServer } = await import("../src/server/serve.js");
  const server = await startServer({ storePath: args["serve-child"], port: 0, host: "127.0.0.1", webRoot: false, log: () => undefined });
  process.stdout.write(`${server.url}\n`);
  process.on("SIGTERM", () => void server.close().then(() => process.exit(0)));
} else {
  await main();
}

interface Result {
  name: string;
  requests: number;
  errors: number;
  statuses: Record<number, number>;
  seconds: number;
  latenciesMs: number[];
}

async function main(): Promise<void> {
  const connections = Number(args.connections);
  const maxRequests = Number(args.requests);
  const coldRequests = Number(args["cold-requests"]);
  const maxSeconds = Number(args.seconds);
  let tmp: string | undefined;
  let storePath = args.store;
  if (!storePath) {
    tmp = await mkdtemp(join(tmpdir(), "tradeties-http-bench-"));
    storePath = join(tmp, "sample.duckdb");
    process.stderr.write("loading the bundled sample into a temp store…\n");
    const { DuckDbTradeStore } = await import("../src/store/DuckDbTradeStore.js");
    const { ingestFile } = await import("../src/ingest/pipeline.js");
    const { sampleFiles } = await import("../src/cli/commands/demo.js");
    const store = await DuckDbTradeStore.open(storePath);
    for (const f of sampleFiles()) await ingestFile(store, f);
    await store.close();
  }
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--serve-child", storePath], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    const base = await readUrl(child);
    const url = base + args.path;
    // Warm-up: first request compiles code paths and fills the registry caches.
    for (let i = 0; i < 5; i++) await (await fetch(url)).arrayBuffer();
    const etag = (await fetch(url)).headers.get("etag") ?? "";
    const periods: string[] = [];
    for (let from = 1991; from <= 2015; from++) for (let to = from + 5; to <= 2020; to++) periods.push(`?from=${from}&to=${to}`);
    const results = [
      await load("profile, cold (a different period each request: computed)", (i) => url + periods[i % periods.length], {}, connections, Math.min(coldRequests, periods.length), maxSeconds),
      await load("profile, warm (same request: server cache)", () => url, {}, connections, maxRequests, maxSeconds),
      await load("profile, revalidated (If-None-Match → 304)", () => url, { "If-None-Match": etag }, connections, maxRequests, maxSeconds),
    ];
    console.log(`# GET ${args.path} — ${connections} concurrent connections, loopback, server in a child process; ${new Date().toISOString()}`);
    for (const r of results) print(r);
  } finally {
    child.kill("SIGTERM");
    if (tmp) await rm(tmp, { recursive: true, force: true });
  }
}

function readUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("server did not start within 60 s")), 60_000);
    let buf = "";
    child.stdout!.on("data", (d: Buffer) => {
      buf += d.toString();
      const m = /^(http:\/\/\S+)\n/m.exec(buf);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
}

async function load(name: string, url: (i: number) => string, headers: Record<string, string>, connections: number, maxRequests: number, maxSeconds: number): Promise<Result> {
  const latenciesMs: number[] = [];
  const statuses: Record<number, number> = {};
  let issued = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + maxSeconds * 1000;
  const worker = async () => {
    while (issued < maxRequests && performance.now() < deadline) {
      const i = issued++;
      const t = performance.now();
      try {
        const res = await fetch(url(i), { headers });
        await res.arrayBuffer();
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (res.status >= 400) errors++;
      } catch {
        errors++;
      }
      latenciesMs.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  return { name, requests: latenciesMs.length, errors, statuses, seconds: (performance.now() - started) / 1000, latenciesMs };
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function print(r: Result): void {
  const sorted = [...r.latenciesMs].sort((a, b) => a - b);
  console.log(`\n## ${r.name}`);
  console.log(`requests         ${r.requests} in ${r.seconds.toFixed(1)} s (statuses ${JSON.stringify(r.statuses)}, errors ${r.errors})`);
  console.log(`throughput       ${(r.requests / r.seconds).toFixed(1)} requests/s`);
  console.log(`latency p50      ${percentile(sorted, 50).toFixed(1)} ms`);
  console.log(`latency p99      ${percentile(sorted, 99).toFixed(1)} ms`);
  console.log(`latency max      ${sorted[sorted.length - 1]?.toFixed(1)} ms`);
}
