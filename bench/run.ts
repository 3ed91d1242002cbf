/**
 * tradeties benchmarks on SYNTHETIC BACI-layout data (src/synthetic/baciGenerator.ts): ingest speed
 * against DuckDB's bare CSV read, peak memory at N and 2N rows, and pair-query latency on the rollup
 * against the detail table. Prints one `name value unit` line per figure; ratios come from the same run.
 * Nothing is asserted: speed is a measurement, not a test.
 *
 *   npm run bench -- --quick            # < 1 minute, CI smoke test
 *   npm run bench                       # full: see bench/README.md for sizes and timings
 *   npm run bench -- --rows 2000000 --rows-per-year 200000 --years 10 --memory-limit 2GB
 * @module
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { baciAdapter } from "../src/ingest/baci.js";
import { identifyFile } from "../src/ingest/fileIdentity.js";
import { CountryRegistry } from "../src/reference/countries.js";
import { DEFAULT_WRITER_MEMORY_LIMIT, DuckDbTradeStore } from "../src/store/DuckDbTradeStore.js";
import type { TradeStore } from "../src/store/TradeStore.js";
import { writeSyntheticBaci } from "../src/synthetic/baciGenerator.js";
import { peerFigures } from "./peers.js";
import { figureLine, loadAverage, withoutReadMemo } from "./targets.js";
import { worldFigures } from "./world.js";

const REPO = join(dirname(fileURLToPath(import.meta.url)), "..");

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    /** Rows in the ingest file (N); the memory figure also loads 2N. */
    rows: { type: "string" },
    "rows-per-year": { type: "string" },
    years: { type: "string" },
    /** DuckDB memory_limit for every instance the bench opens; the store's own writer default unless given. */
    "memory-limit": { type: "string", default: DEFAULT_WRITER_MEMORY_LIMIT },
    "data-dir": { type: "string", default: join(REPO, "bench", "data") },
    seed: { type: "string", default: "20240601" },
    repeats: { type: "string" },
    keep: { type: "boolean", default: false },
    "batch-partners": { type: "string" },
    /** A DOTS world store (schema 3) for the profile, report, whole-command and batch figures. */
    "world-store": { type: "string" },
    /** A clickhouse:// address: runs bench/clickhouse.ts (ClickHouse 1 server vs cluster vs DuckDB) instead. */
    store: { type: "string" },
  },
});

const quick = args.quick ?? false;
const rowsN = int(args.rows, quick ? 200_000 : 10_000_000, "--rows");
const rowsPerYear = int(args["rows-per-year"], quick ? 20_000 : 3_400_000, "--rows-per-year");
const years = int(args.years, quick ? 5 : 30, "--years");
const repeats = int(args.repeats, quick ? 20 : 100, "--repeats");
const reportRepeats = quick ? 3 : 10;
/** Partners in the batch-report figure; 0 = every partner of the reporter. */
const batchLimit = int(args["batch-partners"], quick ? 10 : 0, "--batch-partners");
const coldRepeats = quick ? 5 : 15;
const memoryLimit = args["memory-limit"]!;
const seed = int(args.seed, 0, "--seed");
const dataDir = args["data-dir"]!;

function int(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined) return fallback;
  const n = Number(text.replace(/_/g, ""));
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer; got "${text}"`);
  return n;
}

function figure(name: string, value: number, unit: string): void {
  console.log(figureLine(name, value, unit));
}

const stageStart = performance.now();
function stage(name: string, since: number): void {
  figure(`stage_${name}_s`, (performance.now() - since) / 1000, "s");
}

/** Nearest-rank percentile of a sorted array. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function timeMs<T>(work: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const result = await work();
  return [performance.now() - t0, result];
}

/**
 * The pipeline's entry point when every adapter module exists; otherwise the same three steps its
 * BACI branch takes (identity → describe → storeBaciFile), so the figure measures the same work.
 */
async function ingest(store: TradeStore, path: string, onProgress?: (fraction: number, stage: string) => void): Promise<{ rowsStored: number; rowsRejected: number; via: string }> {
  try {
    const { ingestFile } = await import("../src/ingest/pipeline.js");
    const r = await ingestFile(store, path, { onProgress });
    return { rowsStored: r.rowsStored, rowsRejected: r.rowsRejected, via: "ingestFile" };
  } catch (error) {
    if (!/Cannot find module|ERR_MODULE_NOT_FOUND/.test(String((error as Error).message))) throw error;
    const result = await store.storeBaciFile({ filePath: path, identity: await identifyFile(path), ...baciAdapter.describe(path), onProgress });
    return { rowsStored: result.source.rowsStored, rowsRejected: result.rejectedCount, via: "storeBaciFile (pipeline.ts not importable yet)" };
  }
}

/** Bare engine read of the same file with the store's CSV options: the floor any ingest pays. */
async function bareReadMs(path: string, allColumns = false): Promise<number> {
  const instance = await DuckDBInstance.create(":memory:", { memory_limit: memoryLimit });
  const conn = await instance.connect();
  // count(*) alone lets the reader skip converting columns; the all-columns variant makes it touch every field.
  const select = allColumns ? "count(*), max(t), max(i), max(j), max(k), max(v), max(q)" : "count(*)";
  try {
    const [ms] = await timeMs(() =>
      conn.runAndReadAll(`SELECT ${select} FROM read_csv($path, header = true, all_varchar = true, quote = '"', strict_mode = false, null_padding = true)`, { path }),
    );
    return ms;
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/**
 * DuckDB's own typed load of the same file into a table (CREATE TABLE … AS SELECT … FROM read_csv
 * with every column typed): the floor an ingest that validates and rolls up is compared with, in
 * CPU time (the engine's threads run in this process, so process.cpuUsage counts them). In memory
 * (the target's floor), or into a database file (`typedCtasFileFloor`): what persisting the same
 * typed rows costs, which the in-memory floor does not pay.
 */
async function typedCtasFloor(path: string, database = ":memory:"): Promise<{ ms: number; cpuMs: number }> {
  const instance = await DuckDBInstance.create(database, { memory_limit: memoryLimit, preserve_insertion_order: "false" });
  const conn = await instance.connect();
  try {
    const cpu = process.cpuUsage();
    const [ms] = await timeMs(() =>
      conn.run(
        `CREATE TABLE floor AS SELECT * FROM read_csv($path, header = true, auto_detect = false, delim = ',', quote = '"',
           columns = {'t': 'INTEGER', 'i': 'INTEGER', 'j': 'INTEGER', 'k': 'INTEGER', 'v': 'DOUBLE', 'q': 'VARCHAR'}, ignore_errors = true)`,
        { path },
      ),
    );
    const used = process.cpuUsage(cpu);
    return { ms, cpuMs: (used.user + used.system) / 1000 };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/** {@link typedCtasFloor} into a fresh database file, committed (the statement is its own transaction). */
async function typedCtasFileFloor(path: string): Promise<{ ms: number; cpuMs: number }> {
  const dir = await mkdtemp(join(tmpdir(), "tradeties-bench-floor-"));
  try {
    return await typedCtasFloor(path, join(dir, "floor.duckdb"));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface IngestMeasure {
  ms: number;
  /** CPU of this process (JS and the engine's threads) during the ingest. */
  cpuMs: number;
  peakRssBytes: number;
  baselineRssBytes: number;
  peakEngineBytes: number | undefined;
  rowsStored: number;
  via: string;
  /** Seconds from one progress stage to the next, as the store reports them; "before_read" is the sha256 identity, country registry load and source lookup. */
  stageSeconds: [string, number][];
}

/** Ingests one file into a fresh store in a temp dir, sampling RSS (and DuckDB's own accounting) every 50 ms. */
async function measureIngest(path: string): Promise<IngestMeasure> {
  const dir = await mkdtemp(join(tmpdir(), "tradeties-bench-"));
  try {
    const store = await DuckDbTradeStore.open(join(dir, "bench.duckdb"), { memoryLimit });
    const baselineRssBytes = process.memoryUsage().rss;
    let peakRssBytes = baselineRssBytes;
    let peakEngineBytes: number | undefined;
    let probing = false;
    const sample = () => {
      peakRssBytes = Math.max(peakRssBytes, process.memoryUsage().rss);
      if (probing) return;
      probing = true;
      // engineMemoryBytes() runs on the store's own second connection, so it answers while the ingest runs.
      store
        .engineMemoryBytes()
        .then((b) => {
          peakEngineBytes = Math.max(peakEngineBytes ?? 0, b);
        })
        .catch(() => {})
        .finally(() => {
          probing = false;
        });
    };
    const timer = setInterval(sample, 50);
    const stageSeconds: [string, number][] = [];
    let stageName = "before_read"; // sha256 identity, registry load, source lookup
    let stageAt = performance.now();
    const onProgress = (_fraction: number, name: string) => {
      const now = performance.now();
      stageSeconds.push([stageName, (now - stageAt) / 1000]);
      stageName = name;
      stageAt = now;
    };
    try {
      const cpu = process.cpuUsage();
      const [ms, r] = await timeMs(() => ingest(store, path, onProgress));
      const used = process.cpuUsage(cpu);
      sample();
      return { ms, cpuMs: (used.user + used.system) / 1000, peakRssBytes, baselineRssBytes, peakEngineBytes, rowsStored: r.rowsStored, via: r.via, stageSeconds };
    } finally {
      clearInterval(timer);
      while (probing) await new Promise((resolve) => setTimeout(resolve, 10));
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function ingestFigures(): Promise<void> {
  const genDir = join(dataDir, `ingest-${rowsN}-seed${seed}`);
  let t = performance.now();
  const one = await writeSyntheticBaci({ dir: join(genDir, "n"), years: [2021, 2021], rowsPerYear: rowsN, seed });
  const two = await writeSyntheticBaci({ dir: join(genDir, "2n"), years: [2021, 2021], rowsPerYear: 2 * rowsN, seed: seed + 1 });
  const small = await writeSyntheticBaci({ dir: join(genDir, "small"), years: [2021, 2021], rowsPerYear: Math.round(rowsN / 5), seed: seed + 3 });
  const genS = (performance.now() - t) / 1000;
  figure("generate_rows_per_s", Math.round((one.rowsWritten + two.rowsWritten) / genS), "rows/s");
  figure("generate_bytes_n", one.bytesWritten, "bytes");
  stage("generate_n_and_2n", t);

  t = performance.now();
  const pathN = one.files[0]!.path;
  const bareMs = await bareReadMs(pathN);
  const bareAllMs = await bareReadMs(pathN, true);
  figure("bare_read_rows", rowsN, "rows");
  figure("bare_read_rows_per_s", Math.round(rowsN / (bareMs / 1000)), "rows/s");
  figure("bare_read_all_columns_rows_per_s", Math.round(rowsN / (bareAllMs / 1000)), "rows/s");
  stage("bare_read_n", t);

  // Ingest CPU against the typed CTAS floor on the same file, at N/5, N and 2N rows (2 M, 10 M, 20 M in a full run).
  // Once per process, not per file: loading the pipeline's modules (compiled by tsx here) and the
  // country registry, done before the first measure so that it is not charged to the smallest file.
  await import("../src/ingest/pipeline.js").catch(() => undefined);
  CountryRegistry.load();
  console.log("# ingest figures exclude loading the pipeline's modules and the country registry (once per process, done before the first file)");
  t = performance.now();
  const measures: Record<string, IngestMeasure> = {};
  for (const [label, file, rows] of [["small", small, rowsN / 5], ["n", one, rowsN], ["2n", two, 2 * rowsN]] as const) {
    const floor = await typedCtasFloor(file.files[0]!.path);
    const fileFloor = await typedCtasFileFloor(file.files[0]!.path);
    const m = await measureIngest(file.files[0]!.path);
    measures[label] = m;
    figure(`typed_ctas_rows_${label}`, Math.round(rows), "rows");
    figure(`typed_ctas_cpu_s_${label}`, floor.cpuMs / 1000, "s");
    figure(`typed_ctas_file_cpu_s_${label}`, fileFloor.cpuMs / 1000, "s");
    figure(`ingest_cpu_s_${label}`, m.cpuMs / 1000, "s");
    figure(`ingest_wall_s_${label}`, m.ms / 1000, "s");
    figure(`ingest_cpu_vs_typed_ctas_ratio_${label}`, m.cpuMs / floor.cpuMs, "x");
    figure(`ingest_cpu_vs_typed_ctas_file_ratio_${label}`, m.cpuMs / fileFloor.cpuMs, "x");
    figure(`ingest_wall_vs_typed_ctas_ratio_${label}`, m.ms / floor.ms, "x");
    if (label === "small") figure("ingest_peak_rss_small", Math.round(m.peakRssBytes / 2 ** 20), "MiB"); // n and 2n below
  }
  stage("ingest_vs_typed_ctas", t);

  t = performance.now();
  const n = measures.n!;
  figure("ingest_rows", rowsN, "rows");
  figure("ingest_rows_per_s", Math.round(rowsN / (n.ms / 1000)), "rows/s");
  figure("ingest_s", n.ms / 1000, "s");
  figure("ingest_vs_bare_read_ratio", n.ms / bareMs, "x");
  // The target's form: ingest rows/s ÷ bare-read rows/s (goal ≥ 0.7).
  figure("ingest_speed_vs_bare_read_ratio", bareMs / n.ms, "x");
  figure("ingest_speed_vs_bare_read_all_columns_ratio", bareAllMs / n.ms, "x");
  figure("ingest_peak_rss_n", Math.round(n.peakRssBytes / 2 ** 20), "MiB");
  figure("ingest_rss_growth_n", Math.round((n.peakRssBytes - n.baselineRssBytes) / 2 ** 20), "MiB");
  if (n.peakEngineBytes !== undefined) figure("ingest_peak_duckdb_memory_n", Math.round(n.peakEngineBytes / 2 ** 20), "MiB");
  for (const [name, seconds] of n.stageSeconds) figure(`ingest_part_${name}_s`, seconds, "s");
  console.log(`# ingest via ${n.via}; DuckDB memory_limit ${memoryLimit}; stored ${n.rowsStored} rows; ingest_part_X = time from the store's progress stage X to the next`);
  stage("ingest_n", t);

  t = performance.now();
  const n2 = measures["2n"]!;
  figure("ingest_rows_2n", 2 * rowsN, "rows");
  figure("ingest_rows_per_s_2n", Math.round((2 * rowsN) / (n2.ms / 1000)), "rows/s");
  figure("ingest_peak_rss_2n", Math.round(n2.peakRssBytes / 2 ** 20), "MiB");
  figure("ingest_rss_growth_2n", Math.round((n2.peakRssBytes - n2.baselineRssBytes) / 2 ** 20), "MiB");
  if (n2.peakEngineBytes !== undefined) figure("ingest_peak_duckdb_memory_2n", Math.round(n2.peakEngineBytes / 2 ** 20), "MiB");
  figure("ingest_peak_rss_2n_vs_n_ratio", n2.peakRssBytes / n.peakRssBytes, "x");
  stage("ingest_2n", t);
  if (!args.keep) await rm(genDir, { recursive: true, force: true });
}

interface Pair {
  exporter: string;
  importer: string;
  rows: number;
}

async function queryFigures(): Promise<void> {
  const firstYear = 2023 - years + 1;
  const genDir = join(dataDir, `years-${years}x${rowsPerYear}-seed${seed}`);
  const storeDir = await mkdtemp(join(tmpdir(), "tradeties-bench-"));
  const storePath = join(storeDir, "years.duckdb");
  try {
    let t = performance.now();
    const gen = await writeSyntheticBaci({ dir: genDir, years: [firstYear, 2023], rowsPerYear, seed: seed + 2 });
    stage("generate_years", t);

    t = performance.now();
    const cpu = process.cpuUsage();
    const writer = await DuckDbTradeStore.open(storePath, { memoryLimit });
    try {
      for (const f of gen.files) {
        await ingest(writer, f.path);
        if (!args.keep) await rm(f.path);
      }
    } finally {
      await writer.close();
    }
    const buildS = (performance.now() - t) / 1000;
    const used = process.cpuUsage(cpu);
    const buildCpuS = (used.user + used.system) / 1e6;
    figure("query_store_rows", gen.validRows, "rows");
    figure("query_store_years", years, "years");
    figure("query_store_build_rows_per_s", Math.round(gen.validRows / buildS), "rows/s");
    figure("query_store_files", gen.files.length, "files");
    // Full BACI HS92 is ≈ 270 M rows; projected from this many-file run's rows/s (meaningful from ≥ 100 M rows).
    figure("baci_full_projection_s", 270e6 / (gen.validRows / buildS), "s");
    // The same from CPU time: what the build costs on a core of its own, whatever the machine's load.
    figure("query_store_build_cpu_s", buildCpuS, "s");
    figure("baci_full_projection_cpu_s", (270e6 / gen.validRows) * buildCpuS, "s");
    stage("build_query_store", t);

    t = performance.now();
    const pairs = await pickPairs(storePath);
    for (const [label, pair] of Object.entries(pairs)) {
      console.log(`# ${label} pair ${pair.exporter}→${pair.importer}: ${pair.rows} detail rows over ${years} years`);
      await withoutReadMemo(() => pairLatencies(storePath, label, pair, firstYear));
    }
    stage("pair_queries", t);

    t = performance.now();
    await withoutReadMemo(() => peerFigures(storePath, pairs.biggest!, 2023, { repo: REPO, repeats: Math.min(repeats, 30), figure }));
    console.log("# pair and peer figures are timed with the read-only store's memo of reads off (TRADETIES_READ_CACHE_ROWS=0): each call runs its query");
    stage("peers", t);

    t = performance.now();
    await profileAndReportFigures(storePath, pairs.biggest!);
    stage("profiles_reports", t);
  } finally {
    await rm(storeDir, { recursive: true, force: true });
    if (!args.keep) await rm(genDir, { recursive: true, force: true });
  }
}

async function withRawReadOnly<T>(storePath: string, work: (conn: Awaited<ReturnType<DuckDBInstance["connect"]>>) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(storePath, { access_mode: "READ_ONLY" });
  const conn = await instance.connect();
  try {
    return await work(conn);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/** The biggest pair (most detail rows: worst case for the detail table) and a median trading pair. */
async function pickPairs(storePath: string): Promise<Record<string, Pair>> {
  return withRawReadOnly(storePath, async (conn) => {
    const rows = (
      await conn.runAndReadAll(
        `SELECT ex.code AS exporter, im.code AS importer, sum(b.products)::DOUBLE AS n FROM baci_pair_year b
         JOIN entities ex ON ex.entity_key = b.exporter JOIN entities im ON im.entity_key = b.importer GROUP BY ALL ORDER BY n DESC, exporter, importer`,
      )
    ).getRowObjectsJS() as { exporter: string; importer: string; n: number }[];
    const at = (k: number) => ({ exporter: rows[k]!.exporter, importer: rows[k]!.importer, rows: Number(rows[k]!.n) });
    return { biggest: at(0), median: at(Math.floor(rows.length / 2)) };
  });
}

/** The same totals as reconciledTotals, summed from the detail table: the bench-only comparison. */
const DETAIL_SQL = `SELECT b.year::INTEGER AS year, sum(b.value_usd)::DOUBLE AS value_usd, count(*)::INTEGER AS products
  FROM baci_flows b
  WHERE b.source_key IN (SELECT source_key FROM sources WHERE is_current)
    AND b.exporter = (SELECT entity_key FROM entities WHERE code = $ex) AND b.importer = (SELECT entity_key FROM entities WHERE code = $im)
  GROUP BY ALL ORDER BY year`;

async function pairLatencies(storePath: string, label: string, pair: Pair, firstYear: number): Promise<void> {
  const query = { exporters: [pair.exporter], importers: [pair.importer] };
  const report = (name: string, ms: number[]) => {
    const sorted = [...ms].sort((a, b) => a - b);
    figure(`${name}_p50`, percentile(sorted, 50), "ms");
    figure(`${name}_p95`, percentile(sorted, 95), "ms");
    return percentile(sorted, 50);
  };

  // Warm: one instance, one untimed call, then `repeats` timed calls.
  const store = await DuckDbTradeStore.open(storePath, { readOnly: true });
  const rollupMs: number[] = [];
  const productsMs: number[] = [];
  let rollupTotal = 0;
  try {
    await store.reconciledTotals(query);
    for (let n = 0; n < repeats; n++) {
      const [ms, rows] = await timeMs(() => store.reconciledTotals(query));
      rollupMs.push(ms);
      rollupTotal = rows.reduce((s, r) => s + r.valueUsd, 0);
      if (rows.length !== years || rows[0]!.year !== firstYear) throw new Error(`expected ${years} years from ${firstYear}, got ${rows.length}`);
    }
    await store.reconciledProducts(query);
    for (let n = 0; n < Math.min(repeats, 20); n++) productsMs.push((await timeMs(() => store.reconciledProducts(query)))[0]);
  } finally {
    await store.close();
  }
  const detailMs: number[] = [];
  let detailTotal = 0;
  await withRawReadOnly(storePath, async (conn) => {
    const params = { ex: pair.exporter, im: pair.importer };
    await conn.runAndReadAll(DETAIL_SQL, params);
    for (let n = 0; n < repeats; n++) {
      const [ms, r] = await timeMs(() => conn.runAndReadAll(DETAIL_SQL, params));
      detailMs.push(ms);
      detailTotal = (r.getRowObjectsJS() as { value_usd: number }[]).reduce((s, x) => s + Number(x.value_usd), 0);
    }
  });
  // The two paths must agree, or the speed-up compares different answers.
  if (Math.abs(rollupTotal - detailTotal) > 1e-6 * Math.max(1, Math.abs(detailTotal))) {
    throw new Error(`rollup total ${rollupTotal} differs from detail total ${detailTotal} for ${pair.exporter}→${pair.importer}`);
  }
  const rollupP50 = report(`${label}_pair_rollup_warm`, rollupMs);
  const detailP50 = report(`${label}_pair_detail_sql_warm`, detailMs);
  report(`${label}_pair_products_rows_warm`, productsMs);
  figure(`${label}_pair_rollup_speedup_warm_p50_ratio`, detailP50 / rollupP50, "x");

  // Cold: a fresh engine instance each time (open + first query; the OS page cache stays warm).
  const coldRollup: number[] = [];
  const coldOpen: number[] = [];
  for (let n = 0; n < coldRepeats; n++) {
    const [openMs, s] = await timeMs(() => DuckDbTradeStore.open(storePath, { readOnly: true }));
    coldOpen.push(openMs);
    coldRollup.push((await timeMs(() => s.reconciledTotals(query)))[0]);
    await s.close();
  }
  const coldDetail: number[] = [];
  for (let n = 0; n < coldRepeats; n++) {
    await withRawReadOnly(storePath, async (conn) => {
      coldDetail.push((await timeMs(() => conn.runAndReadAll(DETAIL_SQL, { ex: pair.exporter, im: pair.importer })))[0]);
    });
  }
  report(`${label}_store_open_cold`, coldOpen);
  const coldRollupP50 = report(`${label}_pair_rollup_cold`, coldRollup);
  const coldDetailP50 = report(`${label}_pair_detail_sql_cold`, coldDetail);
  figure(`${label}_pair_rollup_speedup_cold_p50_ratio`, coldDetailP50 / coldRollupP50, "x");
}

/** A report rendered as HTML when the renderer exists; until then buildReport + JSON.stringify (said in a # line). */
async function reportMaker(): Promise<{ make: (store: TradeStore, a: string, b: string) => Promise<number>; via: string }> {
  const { buildReport } = await import("../src/report/buildReport.js");
  try {
    const mod = (await import("../src/report/render/index.js" as string)) as { renderReport: (doc: unknown, format: string) => unknown };
    return {
      via: "buildReport + renderReport(doc, 'html')",
      make: async (store, a, b) => {
        const out = await mod.renderReport(await buildReport(store, a, b), "html");
        return typeof out === "string" ? out.length : Buffer.byteLength(String(out));
      },
    };
  } catch (error) {
    if (!/Cannot find module|ERR_MODULE_NOT_FOUND/.test(String((error as Error).message))) throw error;
    return { via: "buildReport + JSON.stringify (src/report/render/index.ts does not exist yet)", make: async (store, a, b) => JSON.stringify(await buildReport(store, a, b)).length };
  }
}

/** buildProfile (rollups only) warm and cold, one full report, and a batch of one reporter's reports. */
async function profileAndReportFigures(storePath: string, pair: Pair): Promise<void> {
  const { buildProfile } = await import("../src/profile/buildProfile.js");
  const report = (name: string, ms: number[]) => {
    const sorted = [...ms].sort((a, b) => a - b);
    figure(`${name}_p50`, percentile(sorted, 50), "ms");
    figure(`${name}_p95`, percentile(sorted, 95), "ms");
  };
  // Warm = the engine's caches warm, every query run: the store's memo of reads is off (with it on,
  // a repeated profile is answered from memory; that figure is printed beside, for servers).
  for (const [name, open] of [
    ["biggest_profile_warm", () => withoutReadMemo(() => DuckDbTradeStore.open(storePath, { readOnly: true }))],
    ["biggest_profile_warm_read_cache", () => DuckDbTradeStore.open(storePath, { readOnly: true })],
  ] as const) {
    const store = await open();
    try {
      await buildProfile(store, pair.exporter, pair.importer);
      const warm: number[] = [];
      for (let n = 0; n < Math.min(repeats, 30); n++) warm.push((await timeMs(() => buildProfile(store, pair.exporter, pair.importer)))[0]);
      report(name, warm);
    } finally {
      await store.close();
    }
  }
  const cold: number[] = [];
  for (let n = 0; n < coldRepeats; n++) {
    const s = await DuckDbTradeStore.open(storePath, { readOnly: true });
    cold.push((await timeMs(() => buildProfile(s, pair.exporter, pair.importer)))[0]);
    await s.close();
  }
  report("biggest_profile_cold", cold);

  let maker: Awaited<ReturnType<typeof reportMaker>>;
  try {
    maker = await reportMaker();
  } catch (error) {
    console.log(`# report figures skipped: ${(error as Error).message.split("\n")[0]}`);
    return;
  }
  console.log(`# report via ${maker.via}`);
  const rs = await DuckDbTradeStore.open(storePath, { readOnly: true });
  try {
    await maker.make(rs, pair.exporter, pair.importer);
    const ms: number[] = [];
    for (let n = 0; n < reportRepeats; n++) ms.push((await timeMs(() => maker.make(rs, pair.exporter, pair.importer)))[0]);
    report("biggest_report_warm", ms);
    const partners = (await rs.reconciledWorldTotals({})).map((r) => r.entity).filter((e) => e !== "WLD" && e !== pair.exporter);
    const batch = [...new Set(partners)].sort().slice(0, batchLimit || undefined);
    const [batchMs] = await timeMs(async () => {
      for (const b of batch) await maker.make(rs, pair.exporter, b);
    });
    figure("batch_reports", batch.length, "reports");
    figure("batch_reports_per_s", batch.length / (batchMs / 1000), "reports/s");
    figure("batch_230_partners_estimate_s", (230 * batchMs) / batch.length / 1000, "s");
    console.log(`# batch: ${pair.exporter} against ${batch.length} partners, one store, sequential`);
  } finally {
    await rs.close();
  }
}

async function main(): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  console.log(`# tradeties bench (${quick ? "quick" : "full"}) on SYNTHETIC data; N=${rowsN}, query store ${years} years × ${rowsPerYear} rows; memory_limit ${memoryLimit}; seed ${seed}`);
  const { execSync } = await import("node:child_process");
  const sh = (cmd: string) => {
    try {
      return execSync(cmd, { encoding: "utf8" }).trim().replace(/\s+/g, " ");
    } catch {
      return "?";
    }
  };
  const { readFile } = await import("node:fs/promises");
  const duckdbVersion = JSON.parse(await readFile(join(REPO, "node_modules/@duckdb/node-api/package.json"), "utf8")).version;
  console.log(`# machine: nproc ${sh("nproc")}; ${sh("free -h | sed -n 2p")}; load ${sh("cut -d' ' -f1-3 /proc/loadavg")}; node ${process.version}; @duckdb/node-api ${duckdbVersion}`);
  console.log(`# load average at start: ${await loadAverage()}`);
  await ingestFigures();
  await queryFigures();
  if (args["world-store"]) await worldFigures(args["world-store"], { repeats: Math.min(repeats, 30), figure, quick, batchPartners: batchLimit });
  else console.log("# world-store figures skipped: pass --world-store PATH (a DOTS world store, schema 3)");
  console.log(`# load average at end: ${await loadAverage()}`);
  stage("total", stageStart);
}

if (args.store) {
  const { runClickHouseBench } = await import("./clickhouse.js");
  await runClickHouseBench(args.store, { rowsPerYear: int(args["rows-per-year"], 200_000, "--rows-per-year"), years: int(args.years, 3, "--years"), repeats: int(args.repeats, 10, "--repeats"), seed, dataDir });
} else {
  await main();
}
