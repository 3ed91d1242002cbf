import { describe, expect, it } from "vitest";
import { DuckDbTradeStore } from "./DuckDbTradeStore.js";
import type { ResolvedFile, ResolvedTradeRow } from "./TradeStore.js";

// Synthetic rows (not real figures): they exercise transactions, idempotency and vintages only.
function tradeRow(year: number, valueUsd: number, line: number): ResolvedTradeRow {
  return { line, year, reporter: "KOR", partner: "RUS", partnerKind: "country", flow: "export", productCode: "TOTAL", classification: "TOTAL", valueUsd, valuation: "fob", estimated: false };
}
function file(rows: ResolvedTradeRow[], datasetKey = "synthetic:kor"): ResolvedFile {
  return { adapter: "synthetic", dataset: "synthetic", datasetKey, reportedBy: "reporter", rowsRead: rows.length, trade: rows, series: [], prices: [], products: [], rejected: [], skipped: [], notes: [] };
}
async function withStore(work: (store: DuckDbTradeStore) => Promise<void>): Promise<void> {
  const store = await DuckDbTradeStore.open(":memory:");
  try {
    await work(store);
  } finally {
    await store.close();
  }
}

describe("DuckDbTradeStore", () => {
  it("stores a file with its provenance and returns values in USD", () =>
    withStore(async (store) => {
      const result = await store.storeFile({ sourceId: "a".repeat(64), fileName: "one.csv" }, file([tradeRow(2019, 7_789_791_000, 2)]));
      expect(result.changed).toBe(true);
      const rows = await store.tradeRows({ reporters: ["KOR"] });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ year: 2019, valueUsd: 7_789_791_000, fileName: "one.csv", dataset: "synthetic", vintage: "v1", line: 2, reportedBy: "reporter" });
    }));

  it("loading the same bytes twice changes nothing and says so", () =>
    withStore(async (store) => {
      const id = { sourceId: "b".repeat(64), fileName: "same.csv" };
      await store.storeFile(id, file([tradeRow(2019, 1, 2)]));
      const again = await store.storeFile(id, file([tradeRow(2019, 1, 2)]));
      expect(again.changed).toBe(false);
      expect(await store.tradeRows({})).toHaveLength(1);
      expect(await store.listSources()).toHaveLength(1);
    }));

  it("records other content for the same dataset key as a new vintage and queries only the latest", () =>
    withStore(async (store) => {
      await store.storeFile({ sourceId: "c".repeat(64), fileName: "ed1.csv" }, file([tradeRow(2019, 100, 2)]));
      await store.storeFile({ sourceId: "d".repeat(64), fileName: "ed2.csv" }, file([tradeRow(2019, 120, 2)]));
      const sources = await store.listSources();
      expect(sources.map((s) => [s.vintage, s.superseded])).toEqual([["v1", true], ["v2", false]]);
      const rows = await store.tradeRows({});
      expect(rows.map((r) => r.valueUsd)).toEqual([120]);
    }));

  it("a file that fails half-way leaves the store exactly as before", () =>
    withStore(async (store) => {
      await store.storeFile({ sourceId: "e".repeat(64), fileName: "good.csv" }, file([tradeRow(2018, 5, 2)], "synthetic:good"));
      const broken = [tradeRow(2019, 1, 2), tradeRow(2020, 2, 3), { ...tradeRow(2021, 3, 4), reporter: undefined as unknown as string }];
      await expect(store.storeFile({ sourceId: "f".repeat(64), fileName: "bad.csv" }, file(broken, "synthetic:bad"))).rejects.toThrow();
      expect((await store.tradeRows({})).map((r) => r.year)).toEqual([2018]);
      expect((await store.listSources()).map((s) => s.fileName)).toEqual(["good.csv"]);
    }));

  it("totals name partners a later file brings (the codes its reads decode by are read again after a write), and an empty store answers nothing", () =>
    withStore(async (store) => {
      expect(await store.tradeTotals({})).toEqual([]);
      await store.storeFile({ sourceId: "1".repeat(64), fileName: "first.csv" }, file([tradeRow(2019, 5, 2)], "synthetic:first"));
      expect((await store.tradeTotals({ reporters: ["KOR"] })).map((r) => [r.reporter, r.partner])).toEqual([["KOR", "RUS"]]);
      await store.storeFile({ sourceId: "2".repeat(64), fileName: "second.csv" }, file([{ ...tradeRow(2019, 6, 2), reporter: "BRA", partner: "ARG" }], "synthetic:second"));
      const rows = await store.tradeTotals({});
      expect(rows.map((r) => [r.reporter, r.partner, r.valueUsd])).toEqual([["BRA", "ARG", 6], ["KOR", "RUS", 5]]);
      expect(rows.map((r) => [r.reporter, r.partner])).toEqual((await store.tradeRows({})).map((r) => [r.reporter, r.partner]));
    }));

  it("content version changes when a source is added", () =>
    withStore(async (store) => {
      const before = await store.contentVersion();
      await store.storeFile({ sourceId: "9".repeat(64), fileName: "x.csv" }, file([tradeRow(2019, 1, 2)]));
      expect(await store.contentVersion()).not.toBe(before);
    }));
});
