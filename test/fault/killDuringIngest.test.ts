/**
 * Crash safety: `tradeties ingest` is killed with SIGKILL at random points while it loads three
 * IMF DOTS workbooks (real data from the data folder), and the store is compared with the states a
 * complete run passes through. Each file is one transaction, so after any kill the store must be
 * exactly "the first k files loaded" for some k — never a half-loaded file, never a broken store.
 *
 * Trials: FAULT_KILL_TRIALS (default 6, a size CI runs in well under a minute); seed FAULT_SEED.
 */
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestFile } from "../../src/ingest/pipeline.js";
import { DuckDbTradeStore } from "../../src/store/DuckDbTradeStore.js";
import { seededRandom } from "../seededRandom.js";

const DATA = process.env.TRADETIES_DATA ?? join(process.cwd(), "../shared/data");
const DOTS = join(DATA, "trade/imf-dots");
/** Three workbooks (the smallest, so a trial takes a few seconds). */
const FILES = existsSync(DOTS)
  ? readdirSync(DOTS)
      .filter((f) => /^DOTS_\d+\.xlsx$/.test(f))
      .map((f) => join(DOTS, f))
      .sort((a, b) => statSync(a).size - statSync(b).size || a.localeCompare(b))
      .slice(0, 3)
  : [];
const TRIALS = Number(process.env.FAULT_KILL_TRIALS ?? 6);
const SEED = Number(process.env.FAULT_SEED ?? 20261201);


/** What a reader of the store sees: every source and every stored trade value with its provenance. */
async function snapshot(path: string): Promise<string> {
  // Opened writable, as the next ingest would: that replays or discards the write-ahead log.
  const store = await DuckDbTradeStore.open(path);
  try {
    const sources = (await store.listSources()).map((s) => `${s.sourceId}:${s.rowsStored}:${s.vintage}`).sort();
    const trade = (await store.tradeRows({ productCodes: undefined })).map((r) => `${r.sourceId.slice(0, 8)}|${r.cell}|${r.valueUsd}`).sort();
    return JSON.stringify({ sources, trade: trade.length, digest: trade.join("\n").length, first: trade[0], last: trade[trade.length - 1] });
  } finally {
    await store.close();
  }
}

let dir: string;
/** `states[k]`: the store after the first k files. */
const states: string[] = [];
let fullRunMs = 0;

function runIngest(store: string, killAfterMs?: number): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/tradeties.js", "ingest", ...FILES, "--store", store], { stdio: "ignore" });
    let killed = false;
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => ((killed = child.kill("SIGKILL")), undefined), killAfterMs);
    child.on("error", reject);
    child.on("exit", (code) => {
      if (timer) clearTimeout(timer);
      resolve({ killed, code });
    });
  });
}

describe.skipIf(FILES.length < 2)("kill -9 during ingest", () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "tradeties-kill-"));
    // The states a complete run passes through: the store copied after each file.
    const reference = join(dir, "reference.duckdb");
    for (let k = 0; k <= FILES.length; k++) {
      const store = await DuckDbTradeStore.open(reference);
      if (k > 0) await ingestFile(store, FILES[k - 1]!);
      await store.close();
      copyFileSync(reference, join(dir, `state-${k}.duckdb`));
      states.push(await snapshot(join(dir, `state-${k}.duckdb`)));
    }
    const started = Date.now();
    const full = await runIngest(join(dir, "full.duckdb"));
    fullRunMs = Date.now() - started;
    expect(full.code).toBe(0);
    expect(await snapshot(join(dir, "full.duckdb"))).toBe(states[FILES.length]);
  }, 300_000);
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

  it(`after ${TRIALS} kills at random points (seed ${SEED}) the store is always the first k files, complete`, { timeout: 600_000 }, async () => {
    const next = seededRandom(SEED);
    const seen: number[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const path = join(dir, `trial-${trial}.duckdb`);
      // Half the trials start from a store holding the first file, so kills also hit a store with data.
      if (trial % 2 === 1) copyFileSync(join(dir, "state-1.duckdb"), path);
      const at = Math.round(200 + next() * fullRunMs);
      const run = await runIngest(path, at);
      const state = existsSync(path) ? await snapshot(path) : states[0]!;
      const k = states.indexOf(state);
      expect(k, `trial ${trial}: killed after ${at} ms (${run.killed ? "killed" : `exited ${run.code}`}); the store matches no state a complete run passes through`).toBeGreaterThanOrEqual(trial % 2 === 1 ? 1 : 0);
      seen.push(k);
    }
    console.log(`kill -9 trials: files loaded when killed ${JSON.stringify(seen)} (run ${fullRunMs} ms, seed ${SEED})`);
    // The kills landed at different points of the run, not all before the first file.
    expect(new Set(seen).size).toBeGreaterThan(1);
  });
});
