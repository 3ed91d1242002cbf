/**
 * ClickHouse against DuckDB on the same SYNTHETIC BACI files, in one run: ingest time, then pair
 * and profile latency (median and p90 of repeated runs of the `pair` and `profile --json` commands,
 * output discarded) on a DuckDB file, on one ClickHouse server (plain MergeTree) and on the cluster
 * the address names (Distributed). Ratios are to DuckDB. Nothing is asserted.
 *
 *   npm run bench -- --store 'clickhouse://127.0.0.1:18123/bench?cluster=tradeties_2shards&shards=127.0.0.1:18123,127.0.0.1:18124'
 *   npm run bench -- --store clickhouse://… --rows-per-year 500000 --years 4 --repeats 20
 * The database in the address is created for the run and dropped after it (one with `_1server`
 * appended for the single-server figure).
 * @module
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pair } from "../src/cli/commands/pair.js";
import { profile } from "../src/cli/commands/profile.js";
import { ingestFile } from "../src/ingest/pipeline.js";
import { ClickHouseTradeStore } from "../src/store/clickhouse/ClickHouseTradeStore.js";
import { parseClickHouseLocation } from "../src/store/clickhouse/location.js";
import { DuckDbTradeStore } from "../src/store/DuckDbTradeStore.js";
import type { TradeStore } from "../src/store/TradeStore.js";
import { writeSyntheticBaci } from "../src/synthetic/baciGenerator.js";

export interface ClickHouseBenchOptions {
  rowsPerYear: number;
  years: number;
  repeats: number;
  seed: number;
  dataDir: string;
}

function figure(name: string, value: number, unit: string): void {
  const shown = Number.isInteger(value) ? String(value) : Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(4);
  console.log(`${name} ${shown} ${unit}`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

interface Variant {
  name: string;
  address: string;
  open(readOnly: boolean): Promise<TradeStore>;
  drop(): Promise<void>;
}

export async function runClickHouseBench(address: string, options: ClickHouseBenchOptions): Promise<void> {
  const where = parseClickHouseLocation(address);
  const work = await mkdtemp(join(tmpdir(), "tradeties-bench-ch-"));
  const single = address.replace(`/${where.database}`, `/${where.database}_1server`).replace(/\?.*$/, "");
  const duckPath = join(work, "bench.duckdb");
  const clickhouse = (name: string, at: string): Variant => ({
    name,
    address: at,
    open: (readOnly) => ClickHouseTradeStore.open(at, { readOnly }),
    drop: async () => {
      const s = await ClickHouseTradeStore.open(at);
      await s.dropDatabase();
      await s.close();
    },
  });
  const variants: Variant[] = [
    { name: "duckdb", address: duckPath, open: (readOnly) => DuckDbTradeStore.open(duckPath, { readOnly }), drop: () => rm(duckPath, { force: true }) },
    clickhouse("clickhouse_1server", single),
    clickhouse(where.cluster ? `clickhouse_${where.cluster}` : "clickhouse_given", address),
  ];
  try {
    const gen = await writeSyntheticBaci({ dir: join(options.dataDir, "clickhouse"), years: [2000, 2000 + options.years - 1], rowsPerYear: options.rowsPerYear, seed: options.seed });
    console.log(`# SYNTHETIC BACI: ${gen.validRows} rows in ${gen.files.length} files (${(gen.bytesWritten / 1e6).toFixed(0)} MB); ClickHouse at ${where.httpUrl}`);
    const ingestS = new Map<string, number>();
    for (const v of variants) {
      await v.drop();
      const store = await v.open(false);
      const t0 = performance.now();
      for (const f of gen.files) await ingestFile(store, f.path);
      const s = (performance.now() - t0) / 1000;
      ingestS.set(v.name, s);
      figure(`ch_ingest_${v.name}_s`, s, "s");
      figure(`ch_ingest_${v.name}_rows_per_s`, Math.round(gen.validRows / s), "rows/s");
      await store.close();
    }
    // The pair with the most trade in the last year, found on DuckDB; the same pair on every store.
    const duck = await variants[0]!.open(true);
    const last = 2000 + options.years - 1;
    const totals = (await duck.reconciledTotals({ fromYear: last, toYear: last })).sort((x, y) => y.valueUsd - x.valueUsd);
    await duck.close();
    const [a, b] = [totals[0]!.exporter, totals[0]!.importer];
    console.log(`# pair ${a}–${b}; ${options.repeats} runs each after one warm-up`);
    const medians = new Map<string, number>();
    for (const command of ["pair", "profile"] as const) {
      for (const v of variants) {
        const run = () => (command === "pair" ? pair(a, b, { store: v.address }, () => {}) : profile(a, b, { store: v.address, json: true }, () => {}));
        await run();
        const ms: number[] = [];
        for (let i = 0; i < options.repeats; i++) {
          const t0 = performance.now();
          await run();
          ms.push(performance.now() - t0);
        }
        ms.sort((x, y) => x - y);
        medians.set(`${command}_${v.name}`, percentile(ms, 50));
        figure(`ch_${command}_${v.name}_p50_ms`, percentile(ms, 50), "ms");
        figure(`ch_${command}_${v.name}_p90_ms`, percentile(ms, 90), "ms");
      }
    }
    for (const v of variants.slice(1)) {
      figure(`ch_ingest_${v.name}_vs_duckdb`, ingestS.get(v.name)! / ingestS.get("duckdb")!, "x");
      for (const command of ["pair", "profile"]) figure(`ch_${command}_${v.name}_vs_duckdb`, medians.get(`${command}_${v.name}`)! / medians.get(`${command}_duckdb`)!, "x");
    }
    figure(`ch_ingest_${variants[2]!.name}_vs_1server`, ingestS.get(variants[2]!.name)! / ingestS.get("clickhouse_1server")!, "x");
  } finally {
    for (const v of variants) await v.drop().catch((e: Error) => console.error(`could not drop ${v.name}: ${e.message}`));
    await rm(work, { recursive: true, force: true });
  }
}
