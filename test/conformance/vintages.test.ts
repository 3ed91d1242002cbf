/**
 * Vintage undo and the shrink guard, run against every backend (test/conformance/backends.ts):
 * which load of a dataset key is current, withdrawing it so the previous one is read again,
 * dropping a source with all it stored, and a smaller BACI edition refused unless allowed.
 * All data is SYNTHETIC: a three-year price series replaced by a two-year one, and BACI files of
 * one to three rows whose totals are worked out by hand in the comments.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NotFoundError, UsageError } from "../../src/errors.js";
import { identifyFile } from "../../src/ingest/fileIdentity.js";
import { VintageShrinkError, vintageGuard } from "../../src/ingest/vintageRules.js";
import type { ResolvedFile, TradeStore } from "../../src/store/TradeStore.js";
import { backends, withStore } from "./backends.js";

const KEY = "price-series:brent:annual";

/** A synthetic price file: `values[i]` for year 2001 + i. */
function prices(values: number[]): ResolvedFile {
  return {
    adapter: "price-series", dataset: "price-series", datasetKey: KEY, reportedBy: "source",
    rowsRead: values.length, trade: [], series: [], products: [], rejected: [], skipped: [], notes: [],
    prices: values.map((value, i) => ({ line: i + 2, series: "brent", date: `${2001 + i}-06-30`, year: 2001 + i, frequency: "annual", value, unit: "USD per barrel" })),
  };
}

async function twoVintages(store: TradeStore): Promise<void> {
  await store.storeFile({ sourceId: "a".repeat(64), fileName: "brent-v1.csv" }, prices([10, 20, 30]));
  await store.storeFile({ sourceId: "b".repeat(64), fileName: "brent-v2.csv" }, prices([11, 21]));
}

const values = async (store: TradeStore) => (await store.priceRows("brent")).map((r) => r.value);
const listed = async (store: TradeStore) => (await store.listSources()).map((s) => [s.fileName, s.vintage, s.withdrawn, s.superseded]);

const dir = mkdtempSync(join(tmpdir(), "tradeties-conformance-vintages-"));
async function loadBaci(store: TradeStore, name: string, body: string, allowShrink = false) {
  const path = join(dir, name);
  writeFileSync(path, body);
  return store.storeBaciFile({ filePath: path, identity: await identifyFile(path), datasetKey: "cepii-baci:SYNTHETIC", vintageLabel: undefined, guard: vintageGuard({ allowShrink }) });
}
/** Three flows (BACI 410 = KOR, 643 = RUS; v in thousand USD): KOR→RUS 2019 1,000 + 2020 2,000 USD, RUS→KOR 2020 3,000 USD. */
const BACI_FULL = "t,i,j,k,v,q\n2019,410,643,270900,1,1\n2020,410,643,270900,2,1\n2020,643,410,270900,3,1\n";
/** One flow of the three, one year of the two: 33 % of the rows. */
const BACI_SHRUNK = "t,i,j,k,v,q\n2020,410,643,270900,2,1\n";

for (const backend of backends()) {
  describe(`vintages: ${backend.name}`, () => {
    it("currentVintage is the latest load, with the years its rows cover", () =>
      withStore(backend, async (store) => {
        await twoVintages(store);
        const current = await store.currentVintage(KEY);
        expect(current?.source.fileName).toBe("brent-v2.csv");
        expect(current?.years).toEqual([2001, 2002]);
        expect(await store.currentVintage("no such key")).toBeUndefined();
      }));

    it("restorePreviousVintage withdraws v2: queries read v1 again, v2 stays listed as withdrawn, the content version changes", () =>
      withStore(backend, async (store) => {
        await twoVintages(store);
        const before = await store.contentVersion();
        const change = await store.restorePreviousVintage(KEY);
        expect(change.removed).toMatchObject({ fileName: "brent-v2.csv", withdrawn: false });
        expect(change.current?.fileName).toBe("brent-v1.csv");
        expect(await values(store)).toEqual([10, 20, 30]);
        expect((await store.currentVintage(KEY))?.years).toEqual([2001, 2002, 2003]);
        expect(await listed(store)).toEqual([
          ["brent-v1.csv", "v1", false, false],
          ["brent-v2.csv", "v2", true, false],
        ]);
        expect(await store.contentVersion()).not.toBe(before);
        // v1 is the only vintage left in use: nothing earlier to return to.
        await expect(store.restorePreviousVintage(KEY)).rejects.toBeInstanceOf(UsageError);
        await expect(store.restorePreviousVintage("no such key")).rejects.toBeInstanceOf(NotFoundError);
        // A later load becomes current over both.
        await store.storeFile({ sourceId: "c".repeat(64), fileName: "brent-v3.csv" }, prices([12, 22, 32]));
        expect(await values(store)).toEqual([12, 22, 32]);
      }));

    it("dropSource deletes the current vintage and its rows; the previous one is used again; numbers are never reused", () =>
      withStore(backend, async (store) => {
        await twoVintages(store);
        const change = await store.dropSource("b".repeat(64));
        expect(change.removed.fileName).toBe("brent-v2.csv");
        expect(change.current?.fileName).toBe("brent-v1.csv");
        expect(await values(store)).toEqual([10, 20, 30]);
        expect(await listed(store)).toEqual([["brent-v1.csv", "v1", false, false]]);
        await store.storeFile({ sourceId: "c".repeat(64), fileName: "brent-v3.csv" }, prices([12, 22, 32]));
        expect((await store.findSource("c".repeat(64)))?.vintage).toBe("v3");
        // The dropped file's bytes can be loaded again: a new load, with the next number.
        const again = await store.storeFile({ sourceId: "b".repeat(64), fileName: "brent-v2.csv" }, prices([11, 21]));
        expect(again.changed).toBe(true);
        expect(again.source.vintage).toBe("v4");
        expect(await values(store)).toEqual([11, 21]);
        await expect(store.dropSource("d".repeat(64))).rejects.toBeInstanceOf(NotFoundError);
      }));

    it("dropping a superseded vintage changes no query; dropping the only one leaves nothing under its key", () =>
      withStore(backend, async (store) => {
        await twoVintages(store);
        const change = await store.dropSource("a".repeat(64));
        expect(change.current?.fileName).toBe("brent-v2.csv");
        expect(await values(store)).toEqual([11, 21]);
        const last = await store.dropSource("b".repeat(64));
        expect(last.current).toBeUndefined();
        expect(await values(store)).toEqual([]);
        expect(await store.listSources()).toEqual([]);
      }));

    it("BACI: a smaller edition is refused with both figures and leaves readers as they were; --allow-shrink takes it", () =>
      withStore(backend, async (store) => {
        await loadBaci(store, "SYNTHETIC_baci_full.csv", BACI_FULL);
        const version = await store.contentVersion();
        const refused = await loadBaci(store, "SYNTHETIC_baci_shrunk.csv", BACI_SHRUNK).then(() => undefined, (e: unknown) => e);
        expect(refused).toBeInstanceOf(VintageShrinkError);
        expect((refused as Error).message).toMatch(/would replace cepii-baci:SYNTHETIC v1 \(SYNTHETIC_baci_full\.csv: 3 rows over 2 years, 2019–2020\) with 1 row over 1 year, 2020 \(0 rows rejected\): 67 % fewer rows, 1 year no longer covered \(2019\)/);
        expect(await store.contentVersion()).toBe(version);
        expect((await store.listSources()).map((s) => s.fileName)).toEqual(["SYNTHETIC_baci_full.csv"]);
        expect((await store.reconciledTotals({})).map((t) => [t.year, t.exporter, t.valueUsd])).toEqual([
          [2019, "KOR", 1000],
          [2020, "KOR", 2000],
          [2020, "RUS", 3000],
        ]);
        const allowed = await loadBaci(store, "SYNTHETIC_baci_shrunk.csv", BACI_SHRUNK, true);
        expect(allowed.changed).toBe(true);
        expect((await store.reconciledTotals({})).map((t) => [t.year, t.exporter, t.valueUsd])).toEqual([[2020, "KOR", 2000]]);
        // And undone: the full edition is current again.
        await store.restorePreviousVintage("cepii-baci:SYNTHETIC");
        expect((await store.reconciledTotals({})).length).toBe(3);
      }));
  });
}
