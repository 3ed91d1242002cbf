/**
 * HTTP load test on loopback against `tradeties serve` running in a CHILD process (so the load
 * generator does not share the server's event loop), printing each figure beside its target.
 * Bounded in count and in time; stops by itself.
 *
 * Scenarios, on the store given (`--store`; default: the bundled sample loaded into a temp store):
 * - UNCACHED profiles at each `--connections` count: every request a pair not asked before, so
 *   the server computes each one (DuckDB queries + indicators, in its analysis workers). While
 *   it runs, a prober asks `/api/health` every 20 ms, and the server samples its own event-loop
 *   delay (`perf_hooks.monitorEventLoopDelay`), reported over IPC.
 * - CACHED: the same profile again and again (the server sends its stored body).
 * - REVALIDATED: `If-None-Match` with the current ETag (304, no body).
 *
 * The client is node:http with keep-alive sockets, one per connection (cheaper per request than
 * fetch, so it is not the bottleneck at a thousand requests/s).
 *
 *   npm run bench:http -- --store /work/stores/world.duckdb
 *   npm run bench:http -- --store s.duckdb --connections 1,8,32 --requests 300 --seconds 20 --readme
 *
 * `--readme` replaces the figures between the `bench:http` markers in README.md with this run's
 * table; `--out FILE` writes the whole output to FILE. Figures are never edited by hand.
 * @module
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { Agent, request } from "node:http";
import { cpus, loadavg, tmpdir } from "node:os";
import { basename, join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    connections: { type: "string", default: "1,8,32" },
    requests: { type: "string", default: "300" },
    "cached-requests": { type: "string", default: "20000" },
    seconds: { type: "string", default: "20" },
    store: { type: "string" },
    workers: { type: "string" },
    readme: { type: "boolean", default: false },
    out: { type: "string" },
    "serve-child": { type: "string" },
  },
});

/** Requests answered other than 200/304 in the run: a figure measured on errors judges nothing. */
let failedRequests = 0;

/** Targets (issue "Speed at real scale", HTTP on the world store). */
const TARGET = {
  uncachedAt8ReqPerS: 40,
  loopDelayP99Ms: 20,
  healthP99Ms: 20,
  cachedReqPerS: 1000,
};

/** Large traders (ISO alpha-3): their ordered pairs give every uncached request a pair not asked before. */
const TRADERS = [
  "USA", "CHN", "DEU", "JPN", "GBR", "FRA", "KOR", "ITA", "NLD", "CAN", "IND", "RUS", "MEX", "ESP", "BEL", "CHE", "SGP", "AUS", "BRA", "POL",
  "SAU", "THA", "MYS", "VNM", "TUR", "IDN", "SWE", "AUT", "IRL", "ARE", "CZE", "NOR", "DNK", "ZAF", "HUN", "PHL", "ISR", "CHL", "FIN", "PRT",
];

if (args["serve-child"]) {
  // Child mode: serve the store on a free loopback port, print the URL, report event-loop delay on request.
  const { startServer } = await import("../src/server/serve.js");
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const server = await startServer({
    storePath: args["serve-child"],
    port: 0,
    host: "127.0.0.1",
    webRoot: false,
    log: (line: string) => void process.stderr.write(`server: ${line}\n`),
    // As `tradeties serve` runs: every thread but the one answering HTTP at a lower priority.
    lowerHelperThreads: true,
    ...(args.workers !== undefined ? { analysisWorkers: Number(args.workers) } : {}),
  });
  process.on("message", (m: string) => {
    if (m === "reset") loop.reset();
    if (m === "report") process.send!({ p99Ms: loop.percentile(99) / 1e6, maxMs: loop.max / 1e6, workers: server.app.services.analyses.stats().workers, lowered: server.helperThreadsLowered });
  });
  process.stdout.write(`${server.url}\n`);
  process.on("SIGTERM", () => void server.close().then(() => process.exit(0)));
} else {
  await main();
}

interface Result {
  requests: number;
  statuses: Record<number, number>;
  seconds: number;
  latenciesMs: number[];
}

interface Row {
  figure: string;
  measured: string;
  target: string;
}

async function main(): Promise<void> {
  const connectionCounts = args.connections.split(",").map(Number);
  const maxRequests = Number(args.requests);
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
  const childArgs = ["--import", "tsx", fileURLToPath(import.meta.url), "--serve-child", storePath, ...(args.workers !== undefined ? ["--workers", args.workers] : [])];
  const child = spawn(process.execPath, childArgs, { stdio: ["ignore", "pipe", "inherit", "ipc"] });
  const lines: string[] = [];
  const say = (line = "") => {
    lines.push(line);
    console.log(line);
  };
  const rows: Row[] = [];
  try {
    const base = await readUrl(child);
    const pairs = TRADERS.flatMap((a) => TRADERS.filter((b) => b !== a).map((b) => `/api/pairs/${a}/${b}/profile`));
    const warm = pairs.splice(pairs.length - 8);
    for (const p of warm) await get(new Agent({ keepAlive: false }), base + p);
    const first = await loopReport(child);
    say(`# tradeties HTTP bench: ${basename(storePath)}, server in a child process on loopback; ${new Date().toISOString()}`);
    say(`# machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} at start; analysis workers: ${first.workers}; other threads at a lower priority: ${first.lowered ? "yes" : "no"}`);

    let previous: number | undefined;
    for (const connections of connectionCounts) {
      const batch = pairs.splice(0, maxRequests);
      if (batch.length < maxRequests) throw new Error("the bench ran out of distinct pairs; lower --requests");
      child.send("reset");
      const prober = probeHealth(base + "/api/health");
      const r = await load((i) => base + batch[i % batch.length], {}, connections, batch.length, maxSeconds);
      const health = await prober.stop();
      const loop = await loopReport(child);
      const rate = r.requests / r.seconds;
      say(`\n## profile, uncached (a pair not asked before on every request), ${connections} connection${connections > 1 ? "s" : ""}`);
      printResult(say, r);
      say(`event-loop delay p99  ${loop.p99Ms.toFixed(1)} ms (max ${loop.maxMs.toFixed(1)} ms)   target ≤ ${TARGET.loopDelayP99Ms} ms: ${verdict(loop.p99Ms <= TARGET.loopDelayP99Ms)}`);
      say(`/api/health p99       ${percentile(health, 99).toFixed(1)} ms over ${health.length} probes   target ≤ ${TARGET.healthP99Ms} ms: ${verdict(percentile(health, 99) <= TARGET.healthP99Ms)}`);
      const rising = previous === undefined ? "" : ` (× ${(rate / previous).toFixed(2)} the previous count)`;
      if (connections === 8) say(`target                ≥ ${TARGET.uncachedAt8ReqPerS} requests/s at 8 connections: ${verdict(rate >= TARGET.uncachedAt8ReqPerS)}${rising}`);
      else if (rising) say(`scaling               ${rising.trim()}`);
      rows.push({ figure: `uncached profiles, ${connections} conn.`, measured: `${rate.toFixed(1)} req/s, p50 ${pct(r, 50)} ms, p99 ${pct(r, 99)} ms`, target: connections === 8 ? `≥ ${TARGET.uncachedAt8ReqPerS} req/s: ${verdict(rate >= TARGET.uncachedAt8ReqPerS)}` : "rising with connections" + rising });
      rows.push({ figure: `… event-loop delay p99 / health p99`, measured: `${loop.p99Ms.toFixed(1)} ms / ${percentile(health, 99).toFixed(1)} ms`, target: `≤ ${TARGET.loopDelayP99Ms} ms each: ${verdict(loop.p99Ms <= TARGET.loopDelayP99Ms && percentile(health, 99) <= TARGET.healthP99Ms)}` });
      previous = rate;
    }

    const cachedUrl = base + warm[0];
    const cachedConnections = Math.max(...connectionCounts);
    const cachedRequests = Number(args["cached-requests"]);
    const etag = (await get(new Agent({ keepAlive: false }), cachedUrl)).etag ?? "";
    child.send("reset");
    const cached = await load(() => cachedUrl, {}, cachedConnections, cachedRequests, maxSeconds);
    const cachedLoop = await loopReport(child);
    const cachedRate = cached.requests / cached.seconds;
    say(`\n## profile, cached (the same request: the stored body), ${cachedConnections} connections`);
    printResult(say, cached);
    say(`target                ≥ ${TARGET.cachedReqPerS} requests/s: ${verdict(cachedRate >= TARGET.cachedReqPerS)}; event-loop delay p99 ${cachedLoop.p99Ms.toFixed(1)} ms`);
    rows.push({ figure: `cached profile, ${cachedConnections} conn.`, measured: `${cachedRate.toFixed(0)} req/s, p50 ${pct(cached, 50)} ms, p99 ${pct(cached, 99)} ms`, target: `≥ ${TARGET.cachedReqPerS} req/s: ${verdict(cachedRate >= TARGET.cachedReqPerS)}` });

    const revalidated = await load(() => cachedUrl, { "If-None-Match": etag }, cachedConnections, cachedRequests, maxSeconds);
    say(`\n## profile, revalidated (If-None-Match → 304), ${cachedConnections} connections`);
    printResult(say, revalidated);
    rows.push({ figure: `revalidated (304), ${cachedConnections} conn.`, measured: `${(revalidated.requests / revalidated.seconds).toFixed(0)} req/s, p50 ${pct(revalidated, 50)} ms, p99 ${pct(revalidated, 99)} ms`, target: "" });
  } finally {
    child.kill("SIGTERM");
    if (tmp) await rm(tmp, { recursive: true, force: true });
  }
  const table = [
    `Measured by \`npm run bench:http -- --store ${basename(storePath)}\` (${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)} at the end):`,
    "",
    "| HTTP figure | measured | target |",
    "|---|---|---|",
    ...rows.map((r) => `| ${r.figure} | ${r.measured} | ${r.target} |`),
  ].join("\n");
  if (args.out) writeFileSync(args.out, `${lines.join("\n")}\n`);
  if (args.readme) {
    const readme = fileURLToPath(new URL("../README.md", import.meta.url));
    const text = readFileSync(readme, "utf8");
    const re = /(<!-- bench:http:start -->\n)[\s\S]*?(\n<!-- bench:http:end -->)/;
    if (!re.test(text)) throw new Error("README.md has no <!-- bench:http:start --> … <!-- bench:http:end --> block");
    writeFileSync(readme, text.replace(re, `$1${table}$2`));
    console.error("README.md: HTTP figures replaced");
  }
}

function verdict(ok: boolean): string {
  return failedRequests > 0 ? "not judged (failed requests)" : ok ? "met" : "MISSED";
}

function pct(r: Result, p: number): string {
  return percentile([...r.latenciesMs].sort((a, b) => a - b), p).toFixed(0);
}

function readUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("server did not start within 120 s")), 120_000);
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

function loopReport(child: ChildProcess): Promise<{ p99Ms: number; maxMs: number; workers: number; lowered: boolean }> {
  return new Promise((resolve) => {
    child.once("message", (m) => resolve(m as { p99Ms: number; maxMs: number; workers: number; lowered: boolean }));
    child.send("report");
  });
}

function get(agent: Agent, url: string, headers: Record<string, string> = {}): Promise<{ status: number; etag?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      res.on("data", () => undefined);
      res.on("end", () => resolve({ status: res.statusCode!, etag: res.headers.etag }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/** `/api/health` every 20 ms on its own connection until stopped; latencies in ms. */
function probeHealth(url: string): { stop(): Promise<number[]> } {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const latencies: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const t = performance.now();
      await get(agent, url).catch(() => undefined);
      latencies.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      agent.destroy();
      return latencies.sort((a, b) => a - b);
    },
  };
}

async function load(url: (i: number) => string, headers: Record<string, string>, connections: number, maxRequests: number, maxSeconds: number): Promise<Result> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latenciesMs: number[] = [];
  const statuses: Record<number, number> = {};
  let issued = 0;
  const started = performance.now();
  const deadline = started + maxSeconds * 1000;
  const worker = async () => {
    while (issued < maxRequests && performance.now() < deadline) {
      const i = issued++;
      const t = performance.now();
      const res = await get(agent, url(i), headers).catch(() => ({ status: 0 }));
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status !== 200 && res.status !== 304) failedRequests++;
      latenciesMs.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  agent.destroy();
  return { requests: latenciesMs.length, statuses, seconds: (performance.now() - started) / 1000, latenciesMs };
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function printResult(say: (line: string) => void, r: Result): void {
  const sorted = [...r.latenciesMs].sort((a, b) => a - b);
  const failed = Object.entries(r.statuses).filter(([s]) => s !== "200" && s !== "304").reduce((n, [, k]) => n + k, 0);
  say(`requests              ${r.requests} in ${r.seconds.toFixed(1)} s (statuses ${JSON.stringify(r.statuses)})${failed ? `: ${failed} FAILED, see the server's log` : ""}`);
  say(`throughput            ${(r.requests / r.seconds).toFixed(1)} requests/s`);
  say(`latency p50 / p99     ${percentile(sorted, 50).toFixed(1)} / ${percentile(sorted, 99).toFixed(1)} ms (max ${sorted[sorted.length - 1]?.toFixed(1)} ms)`);
}
