/**
 * Peers on the same data, in the same run: tradeties' pair query (one exporter→importer over all
 * years) and composition query (that pair's exports by HS chapter in the last year) against plain
 * DuckDB SQL over a Parquet export of the same store (`exportBaciParquet`), and polars / pandas
 * when this machine's python3 can import them with a Parquet reader. Warm: one process, p50 of
 * repeated calls. Whole process: a fresh `node` (or `python3`) that opens the data, answers once
 * and exits. Every peer's answer is checked against tradeties' before its time is printed.
 * @module
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDbTradeStore } from "../src/store/DuckDbTradeStore.js";

export interface PeerOptions {
  repo: string;
  repeats: number;
  figure: (name: string, value: number, unit: string) => void;
}

interface Answers {
  /** Σ value over the pair's years, and the number of years. */
  pairUsd: number;
  pairYears: number;
  /** Σ value over the pair's chapters in the year, and the number of chapters. */
  chapterUsd: number;
  chapters: number;
}

const PAIR_SQL = (glob: string) =>
  `SELECT year, sum(value_usd) AS v FROM read_parquet('${glob}', hive_partitioning = true) WHERE exporter = $a AND importer = $b GROUP BY year ORDER BY year`;
const COMPOSITION_SQL = (glob: string) =>
  `SELECT substr(hs6, 1, 2) AS chapter, sum(value_usd) AS v FROM read_parquet('${glob}', hive_partitioning = true)
   WHERE year = $y AND exporter = $a AND importer = $b GROUP BY chapter ORDER BY chapter`;

function p50(ms: number[]): number {
  const s = [...ms].sort((x, y) => x - y);
  return s[Math.ceil(s.length / 2) - 1]!;
}

function sameAnswers(peer: string, got: Answers, want: Answers): void {
  const close = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(y));
  if (got.pairYears !== want.pairYears || got.chapters !== want.chapters || !close(got.pairUsd, want.pairUsd) || !close(got.chapterUsd, want.chapterUsd)) {
    throw new Error(`${peer} answers ${JSON.stringify(got)}, tradeties ${JSON.stringify(want)}: the comparison would time different work`);
  }
}

/** Wall time of one whole process, and what it printed (one JSON line of Answers). */
function wholeProcess(command: string, args: string[], cwd: string): { ms: number; answers: Answers } {
  const t0 = performance.now();
  const out = execFileSync(command, args, { cwd, encoding: "utf8", maxBuffer: 1 << 20 });
  return { ms: performance.now() - t0, answers: JSON.parse(out.trim().split("\n").pop()!) as Answers };
}

/** A node script that answers both queries with tradeties' compiled store (dist/), as the CLI would. */
const TRADETIES_SCRIPT = `
const [store, a, b, y] = process.argv.slice(1);
const { DuckDbTradeStore } = await import(process.cwd() + "/dist/store/DuckDbTradeStore.js");
const s = await DuckDbTradeStore.open(store, { readOnly: true });
const pair = await s.reconciledTotals({ exporters: [a], importers: [b] });
const ch = await s.reconciledChapterTotals({ exporters: [a], importers: [b], fromYear: Number(y), toYear: Number(y) });
await s.close();
console.log(JSON.stringify({ pairUsd: pair.reduce((t, r) => t + r.valueUsd, 0), pairYears: pair.length, chapterUsd: ch.reduce((t, r) => t + r.valueUsd, 0), chapters: ch.length }));`;

/** The same with DuckDB SQL on the Parquet files only. */
const DUCKDB_SCRIPT = (glob: string) => `
const [a, b, y] = process.argv.slice(1);
const { DuckDBInstance } = await import("@duckdb/node-api");
const c = await (await DuckDBInstance.create(":memory:")).connect();
const pair = (await c.runAndReadAll(${JSON.stringify(PAIR_SQL(glob))}, { a, b })).getRowObjectsJS();
const ch = (await c.runAndReadAll(${JSON.stringify(COMPOSITION_SQL(glob))}, { a, b, y: Number(y) })).getRowObjectsJS();
console.log(JSON.stringify({ pairUsd: pair.reduce((t, r) => t + Number(r.v), 0), pairYears: pair.length, chapterUsd: ch.reduce((t, r) => t + Number(r.v), 0), chapters: ch.length }));`;

/** polars or pandas over the same Parquet files: load, then each query `repeats` times; prints load and query p50s and the answers. */
const PYTHON_SCRIPT = (library: "polars" | "pandas", dir: string) => `
import json, sys, time
a, b, y, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
t0 = time.perf_counter()
${
  library === "polars"
    ? `import polars as pl
df = pl.read_parquet(${JSON.stringify(dir)} + "/*/*.parquet", hive_partitioning=True, columns=["year", "exporter", "importer", "hs6", "value_usd"])
def pair():
    r = df.filter((pl.col("exporter") == a) & (pl.col("importer") == b)).group_by("year").agg(pl.col("value_usd").sum())
    return float(r["value_usd"].sum()), r.height
def comp():
    r = df.filter((pl.col("year") == y) & (pl.col("exporter") == a) & (pl.col("importer") == b)).group_by(pl.col("hs6").str.slice(0, 2)).agg(pl.col("value_usd").sum())
    return float(r["value_usd"].sum()), r.height`
    : `import pandas as pd
df = pd.read_parquet(${JSON.stringify(dir)}, columns=["year", "exporter", "importer", "hs6", "value_usd"])
df["year"] = df["year"].astype(int)
def pair():
    r = df[(df.exporter == a) & (df.importer == b)].groupby("year")["value_usd"].sum()
    return float(r.sum()), len(r)
def comp():
    r = df[(df.year == y) & (df.exporter == a) & (df.importer == b)].groupby(df.hs6.str[:2])["value_usd"].sum()
    return float(r.sum()), len(r)`
}
load_ms = (time.perf_counter() - t0) * 1000
def timed(f):
    f()
    ms = []
    for _ in range(repeats):
        t = time.perf_counter(); out = f(); ms.append((time.perf_counter() - t) * 1000)
    ms.sort()
    return out, ms[(len(ms) + 1) // 2 - 1]
(pv, pn), pair_ms = timed(pair)
(cv, cn), comp_ms = timed(comp)
print(json.dumps({"loadMs": load_ms, "pairMs": pair_ms, "compositionMs": comp_ms, "pairUsd": pv, "pairYears": pn, "chapterUsd": cv, "chapters": cn}))`;

/** The Python libraries this machine has, each with its Parquet reader; the reason when one is missing. */
function pythonPeers(): { found: ("polars" | "pandas")[]; missing: string[] } {
  const found: ("polars" | "pandas")[] = [];
  const missing: string[] = [];
  for (const [library, probe] of [["polars", "import polars"], ["pandas", "import pandas, pyarrow"]] as const) {
    try {
      execFileSync("python3", ["-c", probe], { stdio: "ignore" });
      found.push(library);
    } catch {
      missing.push(`${library} (python3 -c "${probe}" fails)`);
    }
  }
  return { found, missing };
}

export async function peerFigures(storePath: string, pair: { exporter: string; importer: string }, lastYear: number, options: PeerOptions): Promise<void> {
  const { figure, repeats, repo } = options;
  const { exporter: a, importer: b } = pair;
  const dir = await mkdtemp(join(tmpdir(), "tradeties-peers-"));
  const parquet = join(dir, "baci");
  const glob = `${parquet}/*/*.parquet`;
  try {
    const store = await DuckDbTradeStore.open(storePath, { readOnly: true });
    let want: Answers;
    const warm = { pair: [] as number[], composition: [] as number[] };
    try {
      const t0 = performance.now();
      figure("peer_parquet_export_rows", await store.exportBaciParquet(parquet), "rows");
      figure("peer_parquet_export_s", (performance.now() - t0) / 1000, "s");
      const ask = async (): Promise<Answers> => {
        let t = performance.now();
        const totals = await store.reconciledTotals({ exporters: [a], importers: [b] });
        warm.pair.push(performance.now() - t);
        t = performance.now();
        const chapters = await store.reconciledChapterTotals({ exporters: [a], importers: [b], fromYear: lastYear, toYear: lastYear });
        warm.composition.push(performance.now() - t);
        return { pairUsd: totals.reduce((s, r) => s + r.valueUsd, 0), pairYears: totals.length, chapterUsd: chapters.reduce((s, r) => s + r.valueUsd, 0), chapters: chapters.length };
      };
      want = await ask();
      warm.pair.length = warm.composition.length = 0;
      for (let n = 0; n < repeats; n++) await ask();
    } finally {
      await store.close();
    }
    const tradeties = { pair: p50(warm.pair), composition: p50(warm.composition) };

    const instance = await DuckDBInstance.create(":memory:");
    const conn = await instance.connect();
    const sql = { pair: [] as number[], composition: [] as number[] };
    let got: Answers | undefined;
    try {
      for (let n = 0; n <= repeats; n++) {
        let t = performance.now();
        const p = (await conn.runAndReadAll(PAIR_SQL(glob), { a, b })).getRowObjectsJS();
        if (n > 0) sql.pair.push(performance.now() - t);
        t = performance.now();
        const c = (await conn.runAndReadAll(COMPOSITION_SQL(glob), { a, b, y: lastYear })).getRowObjectsJS();
        if (n > 0) sql.composition.push(performance.now() - t);
        got = { pairUsd: p.reduce((s, r) => s + Number(r.v), 0), pairYears: p.length, chapterUsd: c.reduce((s, r) => s + Number(r.v), 0), chapters: c.length };
      }
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
    sameAnswers("DuckDB SQL on Parquet", got!, want);
    const duck = { pair: p50(sql.pair), composition: p50(sql.composition) };
    for (const q of ["pair", "composition"] as const) {
      figure(`peer_tradeties_${q}_warm_p50`, tradeties[q], "ms");
      figure(`peer_duckdb_parquet_${q}_warm_p50`, duck[q], "ms");
      figure(`peer_duckdb_parquet_vs_tradeties_${q}_warm_ratio`, duck[q] / tradeties[q], "x");
    }

    if (existsSync(join(repo, "dist/store/DuckDbTradeStore.js"))) {
      const ours = wholeProcess(process.execPath, ["--input-type=module", "-e", TRADETIES_SCRIPT, storePath, a, b, String(lastYear)], repo);
      sameAnswers("tradeties (whole process)", ours.answers, want);
      const theirs = wholeProcess(process.execPath, ["--input-type=module", "-e", DUCKDB_SCRIPT(glob), a, b, String(lastYear)], repo);
      sameAnswers("DuckDB SQL on Parquet (whole process)", theirs.answers, want);
      figure("peer_tradeties_whole_process_ms", ours.ms, "ms");
      figure("peer_duckdb_parquet_whole_process_ms", theirs.ms, "ms");
      figure("peer_duckdb_parquet_vs_tradeties_whole_process_ratio", theirs.ms / ours.ms, "x");
      console.log("# whole process: a fresh node that opens the data, answers the pair and the composition query once, and exits (tradeties through dist/)");
    } else console.log("# whole-process peers skipped: dist/ is not built (npm run build)");

    const python = pythonPeers();
    for (const library of python.found) {
      const t0 = performance.now();
      const out = execFileSync("python3", ["-c", PYTHON_SCRIPT(library, parquet), a, b, String(lastYear), String(repeats)], { encoding: "utf8", maxBuffer: 1 << 20 });
      const wholeMs = performance.now() - t0;
      const r = JSON.parse(out.trim().split("\n").pop()!) as Answers & { loadMs: number; pairMs: number; compositionMs: number };
      sameAnswers(library, r, want);
      figure(`peer_${library}_load_ms`, r.loadMs, "ms");
      figure(`peer_${library}_pair_warm_p50`, r.pairMs, "ms");
      figure(`peer_${library}_composition_warm_p50`, r.compositionMs, "ms");
      figure(`peer_${library}_vs_tradeties_pair_warm_ratio`, r.pairMs / tradeties.pair, "x");
      figure(`peer_${library}_vs_tradeties_composition_warm_ratio`, r.compositionMs / tradeties.composition, "x");
      figure(`peer_${library}_whole_process_ms`, wholeMs, "ms");
    }
    if (python.missing.length) console.log(`# python peers not found on this machine: ${python.missing.join("; ")}`);
    console.log(`# peers: ${a}→${b}, pair = all years, composition = ${lastYear} by HS chapter; ratio = peer ÷ tradeties (above 1: tradeties is faster)`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
