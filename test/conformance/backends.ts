/**
 * The store backends the conformance suite runs against: DuckDB always; ClickHouse on one server
 * and on the 2-shard cluster when a server answers (`.ci/clickhouse-cluster.sh start` runs one on
 * loopback). Where none answers the ClickHouse tests are skipped with a banner, except under
 * CI=true, where a missing server fails the run.
 *
 * Environment (defaults match .ci/clickhouse-cluster.sh):
 * - TRADETIES_CLICKHOUSE_URL      clickhouse://127.0.0.1:18123 (the server the store talks to)
 * - TRADETIES_CLICKHOUSE_SHARDS   127.0.0.1:18123,127.0.0.1:18124 (HTTP address of each shard)
 * - TRADETIES_CLICKHOUSE_CLUSTER  tradeties_2shards
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ClickHouseTradeStore } from "../../src/store/clickhouse/ClickHouseTradeStore.js";
import { DuckDbTradeStore } from "../../src/store/DuckDbTradeStore.js";
import type { TradeStore } from "../../src/store/TradeStore.js";

export const CLICKHOUSE_URL = process.env.TRADETIES_CLICKHOUSE_URL ?? "clickhouse://127.0.0.1:18123";
export const CLICKHOUSE_SHARDS = (process.env.TRADETIES_CLICKHOUSE_SHARDS ?? "127.0.0.1:18123,127.0.0.1:18124").split(",").filter(Boolean);
export const CLICKHOUSE_CLUSTER = process.env.TRADETIES_CLICKHOUSE_CLUSTER ?? "tradeties_2shards";
const IN_CI = process.env.CI === "true" || process.env.CI === "1";

export interface Backend {
  name: string;
  /** A fresh, empty, writable store. */
  create(): Promise<TradeStore>;
  /** Closes the store and removes what it wrote. */
  dispose(store: TradeStore): Promise<void>;
  /** The address a CLI command would be given for a store made by create(). */
  address(store: TradeStore): string;
}

async function answers(hostPort: string): Promise<boolean> {
  try {
    const res = await fetch(`http://${hostPort}/ping`, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

/** Which ClickHouse servers answer, once per test file. */
export const clickhouseReachable: { single: boolean; cluster: boolean; reason: string } = await (async () => {
  const home = new URL(CLICKHOUSE_URL.replace(/^clickhouse:/, "http:")).host;
  const single = await answers(home);
  const cluster = single && CLICKHOUSE_SHARDS.length >= 2 && (await Promise.all(CLICKHOUSE_SHARDS.map(answers))).every(Boolean);
  const reason = single
    ? cluster ? "" : `shards ${CLICKHOUSE_SHARDS.join(", ")} do not all answer`
    : `no ClickHouse server answers at ${home}`;
  if (!cluster && !IN_CI) {
    console.warn(
      `\n${"!".repeat(100)}\n!! ClickHouse conformance tests SKIPPED: ${reason}.\n!! Start a loopback cluster with '.ci/clickhouse-cluster.sh start' (CI=true makes this a failure).\n${"!".repeat(100)}\n`,
    );
  }
  return { single, cluster, reason };
})();

/** True when the ClickHouse tests must fail rather than skip. */
export const clickhouseRequired = IN_CI;

let counter = 0;
function databaseName(): string {
  return `tt_test_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
}

export const duckdb: Backend = {
  name: "duckdb",
  async create() {
    const dir = mkdtempSync(join(tmpdir(), "tradeties-conformance-"));
    return DuckDbTradeStore.open(join(dir, "store.duckdb"));
  },
  async dispose(store) {
    await store.close();
    rmSync(join(store.location, ".."), { recursive: true, force: true });
  },
  address: (store) => store.location,
};

function clickhouseBackend(name: string, query: () => string): Backend {
  const addresses = new Map<TradeStore, string>();
  return {
    name,
    async create() {
      const address = `${CLICKHOUSE_URL.replace(/\/$/, "")}/${databaseName()}${query()}`;
      const store = await ClickHouseTradeStore.open(address);
      addresses.set(store, address);
      return store;
    },
    async dispose(store) {
      await (store as ClickHouseTradeStore).dropDatabase();
      await store.close();
    },
    address: (store) => addresses.get(store)!,
  };
}

export const clickhouseSingle = clickhouseBackend("clickhouse (1 server, MergeTree)", () => "");
export const clickhouseCluster = clickhouseBackend(
  `clickhouse (${CLICKHOUSE_CLUSTER}, Distributed)`,
  () => `?cluster=${CLICKHOUSE_CLUSTER}&shards=${CLICKHOUSE_SHARDS.join(",")}`,
);

/** The backends to run: ClickHouse ones only where they answer (or always under CI, to fail). */
export function backends(): Backend[] {
  const list = [duckdb];
  if (clickhouseReachable.single || clickhouseRequired) list.push(clickhouseSingle);
  if (clickhouseReachable.cluster || clickhouseRequired) list.push(clickhouseCluster);
  return list;
}

/** Runs `work` on a fresh store of `backend`, removing it afterwards. */
export async function withStore<T>(backend: Backend, work: (store: TradeStore) => Promise<T>): Promise<T> {
  const store = await backend.create();
  try {
    return await work(store);
  } finally {
    await backend.dispose(store);
  }
}
