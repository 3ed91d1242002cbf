import { describe, expect, it } from "vitest";
import { DiskFullError, NotFoundError, UsageError } from "../../errors.js";
import type { ResolvedFile } from "../TradeStore.js";
import { DuckDbTradeStore } from "../DuckDbTradeStore.js";
import { StoreDb } from "./connection.js";

/** A synthetic price file: `values[i]` for year 2001 + i. */
function prices(values: number[]): ResolvedFile {
  return {
    adapter: "price-series", dataset: "price-series", datasetKey: "price-series:brent:annual", reportedBy: "source",
    rowsRead: values.length, trade: [], series: [], products: [], rejected: [], skipped: [], notes: [],
    prices: values.map((value, i) => ({ line: i + 2, series: "brent", date: `${2001 + i}-06-30`, year: 2001 + i, frequency: "annual", value, unit: "USD per barrel" })),
  };
}

async function withVintages(run: (store: DuckDbTradeStore) => Promise<void>) {
  const store = await DuckDbTradeStore.open(":memory:");
  try {
    await store.storeFile({ sourceId: "a".repeat(64), fileName: "brent-v1.csv" }, prices([10, 20, 30]));
    await store.storeFile({ sourceId: "b".repeat(64), fileName: "brent-v2.csv" }, prices([11, 21]));
    await run(store);
  } finally {
    await store.close();
  }
}

const values = async (store: DuckDbTradeStore) => (await store.priceRows("brent")).map((r) => r.value);

describe("vintages (synthetic prices)", () => {
  it("currentVintage is the latest load, with the years its rows cover", () =>
    withVintages(async (store) => {
      const current = await store.currentVintage("price-series:brent:annual");
      expect(current?.source.fileName).toBe("brent-v2.csv");
      expect(current?.years).toEqual([2001, 2002]);
      expect(await store.currentVintage("no such key")).toBeUndefined();
    }));

  it("restorePreviousVintage withdraws v2: queries read v1 again, v2 stays listed as withdrawn, the content version changes", () =>
    withVintages(async (store) => {
      const before = await store.contentVersion();
      const change = await store.restorePreviousVintage("price-series:brent:annual");
      expect(change.removed.fileName).toBe("brent-v2.csv");
      expect(change.current?.fileName).toBe("brent-v1.csv");
      expect(await values(store)).toEqual([10, 20, 30]);
      const listed = await store.listSources();
      expect(listed.map((s) => [s.fileName, s.withdrawn, s.superseded])).toEqual([
        ["brent-v1.csv", false, false],
        ["brent-v2.csv", true, false],
      ]);
      expect(await store.contentVersion()).not.toBe(before);
      // v1 is the only vintage left in use: nothing earlier to return to.
      await expect(store.restorePreviousVintage("price-series:brent:annual")).rejects.toBeInstanceOf(UsageError);
    }));

  it("dropSource deletes the current vintage and all its rows; the previous one is used again; a later load gets a new number", () =>
    withVintages(async (store) => {
      const change = await store.dropSource("b".repeat(64));
      expect(change.current?.fileName).toBe("brent-v1.csv");
      expect(await values(store)).toEqual([10, 20, 30]);
      expect((await store.listSources()).map((s) => s.fileName)).toEqual(["brent-v1.csv"]);
      await store.storeFile({ sourceId: "c".repeat(64), fileName: "brent-v3.csv" }, prices([12, 22, 32]));
      expect((await store.findSource("c".repeat(64)))?.vintage).toBe("v3");
      await expect(store.dropSource("d".repeat(64))).rejects.toBeInstanceOf(NotFoundError);
    }));

  it("dropping the only vintage leaves nothing under its key", () =>
    withVintages(async (store) => {
      await store.dropSource("b".repeat(64));
      const change = await store.dropSource("a".repeat(64));
      expect(change.current).toBeUndefined();
      expect(await values(store)).toEqual([]);
    }));
});

describe("transactions", () => {
  it("a ROLLBACK that fails after the transaction died does not hide the real error (a full disk)", async () => {
    const db = await StoreDb.open(":memory:");
    try {
      const error = await db
        .inTransaction(async () => {
          // DuckDB ends a transaction itself when a write fails; the ROLLBACK that follows then fails too.
          await db.run("ROLLBACK");
          throw new Error("IO Error: Could not write file \"/store.duckdb.wal\": No space left on device");
        })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(DiskFullError);
      expect((error as DiskFullError).exitCode).toBe(74);
      expect((error as DiskFullError).message).toMatch(/no space left on the disk/);
    } finally {
      await db.close();
    }
  });
});
