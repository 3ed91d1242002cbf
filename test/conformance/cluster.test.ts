/**
 * The 2-shard ClickHouse cluster: a store's BACI rows are split across both shards, both directions
 * of a pair live on one shard (the sharding key is the unordered pair), and a failed load leaves
 * no row on any shard. Data: a SYNTHETIC BACI file from src/synthetic/baciGenerator.ts.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { identifyFile } from "../../src/ingest/fileIdentity.js";
import { ClickHouseTradeStore } from "../../src/store/clickhouse/ClickHouseTradeStore.js";
import { sql, str } from "../../src/store/clickhouse/sql.js";
import { writeSyntheticBaci } from "../../src/synthetic/baciGenerator.js";
import { clickhouseCluster, clickhouseReachable, clickhouseRequired, withStore } from "./backends.js";

const run = clickhouseReachable.cluster || clickhouseRequired;

describe.runIf(run)("ClickHouse on the 2-shard cluster", () => {
  it("is reachable (CI runs it on .ci/clickhouse-cluster.sh)", () => {
    expect(clickhouseReachable.reason).toBe("");
  });

  it("holds a store's BACI rows on both shards, every pair on one shard, and a failed load on none", () =>
    withStore(clickhouseCluster, async (base) => {
      const store = base as ClickHouseTradeStore;
      const dir = mkdtempSync(join(tmpdir(), "tradeties-cluster-"));
      const generated = await writeSyntheticBaci({ dir, years: [2021, 2021], rowsPerYear: 5_000, countries: 30, products: 300, seed: 11 });
      const path = generated.files[0]!.path;
      const result = await store.storeBaciFile({ filePath: path, identity: await identifyFile(path), datasetKey: "cepii-baci:SYNTHETIC" });
      expect(result.source.rowsStored).toBe(5_000);

      const perShard = await store.rowsPerShard("baci_flows");
      expect(perShard).toHaveLength(2);
      expect(perShard.every((n) => n > 0)).toBe(true);
      expect(perShard[0]! + perShard[1]!).toBe(5_000);

      // An unordered pair found on one shard is absent from the other.
      const pairsOn = async (i: number) => {
        const rows = await store.shards[i]!.rows(
          sql`SELECT DISTINCT least(exporter, importer) AS a, greatest(exporter, importer) AS b FROM ${store.table("baci_flows_local")}`,
        );
        return new Set(rows.map((r) => `${String(r.a)}-${String(r.b)}`));
      };
      const [first, second] = await Promise.all([pairsOn(0), pairsOn(1)]);
      expect(first.size).toBeGreaterThan(0);
      expect(second.size).toBeGreaterThan(0);
      expect([...first].filter((p) => second.has(p))).toEqual([]);

      // A file that fails after staging (no data rows) leaves no row behind on either shard.
      const before = await Promise.all(store.shards.map((s) => s.rows(sql`SELECT toFloat64(count()) AS n FROM ${store.table("baci_pair_year_local")}`)));
      const empty = join(dir, "SYNTHETIC_empty.csv");
      writeFileSync(empty, "t,i,j,k,v,q\n");
      await expect(store.storeBaciFile({ filePath: empty, identity: await identifyFile(empty), datasetKey: "cepii-baci:EMPTY" })).rejects.toThrow(/no data rows/);
      const after = await Promise.all(store.shards.map((s) => s.rows(sql`SELECT toFloat64(count()) AS n FROM ${store.table("baci_pair_year_local")}`)));
      expect(after).toEqual(before);
      const staging = await store.home.rows(sql`SELECT name FROM system.tables WHERE database = ${str(store.where.database)} AND name LIKE 'stage_%'`);
      expect(staging).toEqual([]);
    }));
});

describe.runIf(!run)("ClickHouse on the 2-shard cluster", () => {
  it.skip(`SKIPPED: ${clickhouseReachable.reason} (start one with .ci/clickhouse-cluster.sh start)`, () => {});
});
