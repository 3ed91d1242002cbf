/**
 * One set of store-level tests, run against every backend (test/conformance/backends.ts).
 * All data here is SYNTHETIC: small hand-made rows whose expected results are worked out by hand
 * in the comments, so each backend is checked against arithmetic, not against the other backend.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { identifyFile } from "../../src/ingest/fileIdentity.js";
import type { ResolvedFile, ResolvedTradeRow, TradeStore } from "../../src/store/TradeStore.js";
import { totalColumnsMatching, totalRows } from "../../src/store/tradeTotalColumns.js";
import { backends, withStore } from "./backends.js";

function tradeRow(year: number, valueUsd: number, line: number, extra: Partial<ResolvedTradeRow> = {}): ResolvedTradeRow {
  return { line, year, reporter: "KOR", partner: "RUS", partnerKind: "country", flow: "export", productCode: "TOTAL", classification: "TOTAL", valueUsd, valuation: "fob", estimated: false, ...extra };
}
function file(rows: ResolvedTradeRow[], datasetKey = "synthetic:kor", more: Partial<ResolvedFile> = {}): ResolvedFile {
  return { adapter: "synthetic", dataset: "synthetic", datasetKey, reportedBy: "reporter", rowsRead: rows.length, trade: rows, series: [], prices: [], products: [], rejected: [], skipped: [], notes: [], ...more };
}
const sid = (c: string) => c.repeat(64);

const dir = mkdtempSync(join(tmpdir(), "tradeties-conformance-baci-"));
function writeBaci(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, body);
  return path;
}

/**
 * SYNTHETIC BACI file (BACI codes 410 = KOR, 643 = RUS). v is thousand USD.
 * Valid rows: line 2 KOR→RUS 270900 1,000,500 USD q 12.5; line 3 KOR→RUS 870323 200,250 USD q NA;
 * line 4 RUS→KOR 270900 3,000,000 USD; line 5 RUS→KOR 100199 50,125 USD; line 12 (2020) KOR→RUS 010600 1 USD.
 * Rejects: line 6 repeats line 2's key; 7 exporter 999; 8 k "12"; 9 v < 0; 10 v "twelve"; 11 q "abc".
 */
const BACI = `t,i,j,k,v,q
2021,410,643,270900,1000.5,12.5
2021,410,643,870323,200.25,NA
2021,643,410,270900,3000,"       40.000"
2021,643,410,100199,50.125,1
2021,410,643,270900,999,1
2021,999,643,270900,1,1
2021,410,643,12,1,1
2021,410,643,10600,-5,1
2021,410,643,10600,twelve,1
2021,410,643,10600,7,abc
2020,410,643,10600,0.001,1
`;

async function loadBaci(store: TradeStore, name: string, body: string, datasetKey = "cepii-baci:SYNTHETIC") {
  const path = writeBaci(name, body);
  return store.storeBaciFile({ filePath: path, identity: await identifyFile(path), datasetKey, vintageLabel: undefined });
}

for (const backend of backends()) {
  describe(`TradeStore conformance: ${backend.name}`, () => {
    it("stores a file with its provenance and returns every value bit-exact in USD", () =>
      withStore(backend, async (store) => {
        // Doubles whose shortest decimal form has 17 digits: a text round trip through a parser that is off by an ulp changes them.
        const values = [0.1 + 0.2, 7_789_791_000.000001, 3.70338470817892, 1e-300, 123456789012345.67];
        const result = await store.storeFile({ sourceId: sid("a"), fileName: "one.csv" }, file(values.map((v, i) => tradeRow(2010 + i, v, i + 2, { cell: `B${i + 2}` }))));
        expect(result.changed).toBe(true);
        const rows = await store.tradeRows({ reporters: ["KOR"] });
        expect(rows.map((r) => r.valueUsd)).toEqual(values);
        expect(rows[0]).toMatchObject({ year: 2010, reporter: "KOR", partner: "RUS", fileName: "one.csv", dataset: "synthetic", vintage: "v1", line: 2, cell: "B2", reportedBy: "reporter", sourceId: sid("a") });
        expect(await store.tradeRows({ reporters: ["KOR"], fromYear: 2012, toYear: 2013 })).toHaveLength(2);
        expect(await store.tradeRows({ reporters: ["XYZ"] })).toEqual([]);
        expect(await store.tradeRows({ reporters: [] })).toEqual([]);
      }));

    it("reads lean all-product totals: the same figures as tradeRows, each load's provenance, in year–reporter–partner–flow–load order", () =>
      withStore(backend, async (store) => {
        // SYNTHETIC. Load 1 (first): KOR→RUS export 2011 = 5, KOR→CHN import 2010 = 7, an HS row (excluded).
        // Load 2 (second, another dataset): KOR→RUS export 2011 = 6 (a second figure for the same key) and KOR→WLD 2010 = 99.
        await store.storeFile(
          { sourceId: sid("c"), fileName: "first.csv" },
          file([
            tradeRow(2011, 5, 4),
            tradeRow(2010, 7, 3, { partner: "CHN", flow: "import", valuation: "cif" }),
            tradeRow(2010, 1, 2, { productCode: "270900", classification: "HS" }),
          ]),
        );
        await store.storeFile(
          { sourceId: sid("d"), fileName: "second.csv" },
          file([tradeRow(2011, 6, 2, { estimated: true }), tradeRow(2010, 99, 3, { partner: "WLD", partnerKind: "aggregate" })], "synthetic:other", { dataset: "other" }),
        );
        const lean = await store.tradeTotals({ reporters: ["KOR"] });
        expect(lean.map((r) => [r.year, r.partner, r.flow, r.valueUsd, r.fileName, r.estimated, r.partnerKind])).toEqual([
          [2010, "CHN", "import", 7, "first.csv", false, "country"],
          [2010, "WLD", "export", 99, "second.csv", false, "aggregate"],
          [2011, "RUS", "export", 5, "first.csv", false, "country"],
          [2011, "RUS", "export", 6, "second.csv", true, "country"],
        ]);
        expect(lean[0]).toEqual({ sourceId: sid("c"), fileName: "first.csv", dataset: "synthetic", vintage: "v1", adapter: "synthetic", reportedBy: "reporter", year: 2010, reporter: "KOR", partner: "CHN", partnerKind: "country", flow: "import", valueUsd: 7, estimated: false });
        const full = await store.tradeRows({ reporters: ["KOR"] });
        const figure = (r: { year: number; partner: string; flow: string; valueUsd: number; sourceId: string }) => `${r.year}|${r.partner}|${r.flow}|${r.valueUsd}|${r.sourceId}`;
        expect(lean.map(figure).sort()).toEqual(full.map(figure).sort());
        expect((await store.tradeTotals({ reporters: ["KOR"], partners: ["RUS"], flows: ["export"], fromYear: 2011 })).map((r) => r.valueUsd)).toEqual([5, 6]);
        expect(await store.tradeTotals({ reporters: ["KOR"], datasets: ["other"], toYear: 2010 })).toHaveLength(1);
        expect(await store.tradeTotals({ reporters: [] })).toEqual([]);
        // The same reads as columns: the same rows in the same order, and each narrowing of them the store's own answer.
        for (const q of [{ reporters: ["KOR"] }, { reporters: ["KOR"], partners: ["RUS"], flows: ["export" as const], fromYear: 2011 }, { reporters: ["KOR"], datasets: ["other"] }, { reporters: [] }]) {
          const columns = await store.tradeTotalColumns(q);
          expect(totalRows(columns)).toEqual(await store.tradeTotals(q));
        }
        const wide = await store.tradeTotalColumns({ reporters: ["KOR"] });
        for (const q of [{ reporters: ["KOR"], fromYear: 2011 }, { reporters: ["KOR"], partners: ["WLD", "CHN"] }, { reporters: ["KOR"], flows: ["import" as const], toYear: 2010 }]) {
          expect(totalRows(totalColumnsMatching(wide, q))).toEqual(await store.tradeTotals(q));
        }
      }));

    it("keeps text exactly, quotes and backslashes included, and filters on it", () =>
      withStore(backend, async (store) => {
        const nasty = "it's a \\ back'slash\n\t'; DROP TABLE sources; --";
        await store.storeFile(
          { sourceId: sid("b"), fileName: "series.csv" },
          file([], "synthetic:series", {
            series: [
              { line: 2, period: "2019", year: 2019, from: "RUS", to: "KOR", metric: "visitor_arrivals", breakdown: "total", value: 92_400, unit: "persons", publishedPoint: true, approximate: false, publisher: nasty, note: undefined },
              { line: 3, period: "2019-03", year: 2019, month: 3, from: "RUS", to: "KOR", metric: nasty, breakdown: "total", value: 0.5, unit: "persons", publishedPoint: false, approximate: true },
            ],
            rowsRead: 2,
          }),
        );
        const all = await store.seriesRows({ from: ["RUS"] });
        expect(all.map((r) => [r.period, r.month, r.publisher, r.note, r.approximate])).toEqual([
          ["2019", undefined, nasty, undefined, false],
          ["2019-03", 3, undefined, undefined, true],
        ]);
        expect((await store.seriesRows({ metrics: [nasty] })).map((r) => r.value)).toEqual([0.5]);
      }));

    it("loading the same bytes twice changes nothing and says so", () =>
      withStore(backend, async (store) => {
        const id = { sourceId: sid("c"), fileName: "same.csv" };
        await store.storeFile(id, file([tradeRow(2019, 1, 2)]));
        const version = await store.contentVersion();
        const again = await store.storeFile(id, file([tradeRow(2019, 1, 2)]));
        expect(again.changed).toBe(false);
        expect(await store.tradeRows({})).toHaveLength(1);
        expect(await store.listSources()).toHaveLength(1);
        expect(await store.contentVersion()).toBe(version);
      }));

    it("records other content for the same dataset key as a new vintage and queries only the latest", () =>
      withStore(backend, async (store) => {
        await store.storeFile({ sourceId: sid("d"), fileName: "ed1.csv" }, file([tradeRow(2019, 100, 2)]));
        await store.storeFile({ sourceId: sid("e"), fileName: "ed2.csv" }, file([tradeRow(2019, 120, 2)]));
        const sources = await store.listSources();
        expect(sources.map((s) => [s.fileName, s.vintage, s.vintageNumber, s.superseded])).toEqual([["ed1.csv", "v1", 1, true], ["ed2.csv", "v2", 2, false]]);
        expect((await store.tradeRows({})).map((r) => [r.valueUsd, r.fileName])).toEqual([[120, "ed2.csv"]]);
        expect((await store.findSource(sid("d")))?.superseded).toBe(true);
      }));

    it("orders tied rows by the source's load order, then line", () =>
      withStore(backend, async (store) => {
        // Same year, reporter, partner, flow and dataset from two dataset keys: load order decides, then line.
        await store.storeFile({ sourceId: sid("f"), fileName: "first.csv" }, file([tradeRow(2019, 2, 9), tradeRow(2019, 1, 3)], "synthetic:one"));
        await store.storeFile({ sourceId: sid("0"), fileName: "second.csv" }, file([tradeRow(2019, 3, 1)], "synthetic:two"));
        expect((await store.tradeRows({})).map((r) => [r.fileName, r.line])).toEqual([["first.csv", 3], ["first.csv", 9], ["second.csv", 1]]);
        expect((await store.tradeRows({ datasets: ["other"] }))).toEqual([]);
      }));

    it("a file that fails half-way leaves the store exactly as before", () =>
      withStore(backend, async (store) => {
        await store.storeFile({ sourceId: sid("1"), fileName: "good.csv" }, file([tradeRow(2018, 5, 2)], "synthetic:good"));
        const version = await store.contentVersion();
        const broken = [tradeRow(2019, 1, 2), tradeRow(2020, 2, 3), { ...tradeRow(2021, 3, 4), reporter: undefined as unknown as string }];
        await expect(store.storeFile({ sourceId: sid("2"), fileName: "bad.csv" }, file(broken, "synthetic:bad"))).rejects.toThrow();
        expect((await store.tradeRows({})).map((r) => r.year)).toEqual([2018]);
        expect((await store.listSources()).map((s) => s.fileName)).toEqual(["good.csv"]);
        expect(await store.contentVersion()).toBe(version);
      }));

    it("prices and published product points come back with their nulls", () =>
      withStore(backend, async (store) => {
        await store.storeFile(
          { sourceId: sid("3"), fileName: "misc.csv" },
          file([], "synthetic:misc", {
            rowsRead: 3,
            prices: [
              { line: 3, series: "brent", date: "2021", year: 2021, frequency: "annual", value: 70.86, unit: "USD/bbl" },
              { line: 2, series: "brent", date: "2020", year: 2020, frequency: "annual", value: 41.96, unit: "USD/bbl" },
            ],
            products: [{ line: 2, period: "2021", year: 2021, reporter: "KOR", partner: "RUS", flow: "import", classification: "MTI", code: "13", product: "mineral fuels", share: 0.745 }],
          }),
        );
        expect((await store.priceRows("brent", "annual")).map((r) => [r.date, r.value])).toEqual([["2020", 41.96], ["2021", 70.86]]);
        expect(await store.priceRows("wti")).toEqual([]);
        const points = await store.productPoints({ reporters: ["KOR"] });
        expect(points.map((p) => [p.code, p.valueUsd, p.share, p.publisher])).toEqual([["13", undefined, 0.745, undefined]]);
      }));

    it("BACI: every row stored or rejected with line and reason, counts exact", () =>
      withStore(backend, async (store) => {
        const result = await loadBaci(store, "SYNTHETIC_baci_a.csv", BACI);
        expect(result.source.rowsRead).toBe(11);
        expect(result.source.rowsStored).toBe(5);
        expect(result.rejectedCount).toBe(6);
        expect(result.rejectedByReason).toEqual({ exporter: 1, hs: 1, value: 1, negative: 1, quantity: 1, duplicate: 1 });
        expect(result.rejected.map(({ line, reason }) => ({ line, reason }))).toEqual([
          { line: 6, reason: "duplicate of line 2 (same t,i,j,k)" },
          { line: 7, reason: "unknown exporter code (i): 999" },
          { line: 8, reason: "product code (k) is not an HS6 code (10000–999999 as written, without its leading zero): 12" },
          { line: 9, reason: "value (v) is negative: -5.0" },
          { line: 10, reason: "value (v) is not a number: twelve" },
          { line: 11, reason: "quantity (q) is not a plausible tonnage (0 to 10000000000.0 t): abc" },
        ]);
        expect(result.source.notes[0]).toBe("years: 2020, 2021");
        const detail = await store.reconciledProducts({ exporters: ["KOR"], importers: ["RUS"] });
        expect(detail.map((r) => [r.year, r.hs6, r.valueUsd, r.quantityTonnes])).toEqual([
          [2020, "010600", 1, 1],
          [2021, "270900", 1_000_500, 12.5],
          [2021, "870323", 200_250, null],
        ]);
      }));

    it("BACI rollups: pair, chapter, world and exporter×HS6 figures worked out by hand", () =>
      withStore(backend, async (store) => {
        await loadBaci(store, "SYNTHETIC_baci_b.csv", BACI);
        const totals = await store.reconciledTotals({ fromYear: 2021 });
        // KOR→RUS: 1,000,500 + 200,250; Σv² = 1,000,500² + 200,250²; overlap in chapter 27 = min(1,000,500, 3,000,000).
        expect(totals.map((t) => [t.exporter, t.importer, t.valueUsd, t.products, t.valueSqUsd, t.intraUsd])).toEqual([
          ["KOR", "RUS", 1_200_750, 2, 1_041_100_312_500, 1_000_500],
          ["RUS", "KOR", 3_050_125, 2, 9_002_512_515_625, 1_000_500],
        ]);
        expect(totals[0]!.sourceIds).toHaveLength(1);
        const chapters = await store.reconciledChapterTotals({ exporters: ["KOR"], importers: ["RUS"], fromYear: 2021 });
        expect(chapters.map((c) => [c.chapter, c.valueUsd, c.products, c.valueSqUsd, c.intraUsd])).toEqual([
          ["27", 1_000_500, 1, 1_001_000_250_000, 1_000_500],
          ["87", 200_250, 1, 40_100_062_500, 0],
        ]);
        const world = await store.reconciledWorldTotals({ fromYear: 2021 });
        expect(world.map((w) => [w.entity, w.exportsUsd, w.importsUsd])).toEqual([
          ["KOR", 1_200_750, 3_050_125],
          ["RUS", 3_050_125, 1_200_750],
          ["WLD", 4_250_875, 4_250_875],
        ]);
        expect((await store.reconciledWorldTotals({ entities: ["RUS"], toYear: 2020 })).map((w) => [w.year, w.entity, w.exportsUsd, w.importsUsd])).toEqual([
          [2020, "RUS", 0, 1],
          [2020, "WLD", 1, 1],
        ]);
        expect((await store.reconciledProductExports({ exporters: ["KOR"] })).map((r) => [r.year, r.hs6, r.valueUsd])).toEqual([
          [2020, "010600", 1],
          [2021, "270900", 1_000_500],
          [2021, "870323", 200_250],
        ]);
        expect((await store.reconciledProductExports({ products: ["270900"], fromYear: 2021 })).map((r) => [r.exporter, r.valueUsd])).toEqual([["WLD", 4_000_500]]);
      }));

    it("BACI: the same bytes again change nothing; a new edition of the slice supersedes the old", () =>
      withStore(backend, async (store) => {
        await loadBaci(store, "SYNTHETIC_baci_c.csv", BACI);
        const again = await loadBaci(store, "SYNTHETIC_baci_c.csv", BACI);
        expect(again.changed).toBe(false);
        expect((await store.reconciledTotals({})).length).toBe(3);
        await loadBaci(store, "SYNTHETIC_baci_d.csv", "t,i,j,k,v,q\n2021,410,643,270900,2,1\n");
        expect((await store.reconciledTotals({})).map((t) => [t.year, t.exporter, t.valueUsd])).toEqual([[2021, "KOR", 2000]]);
        expect((await store.listSources()).map((s) => [s.vintage, s.superseded])).toEqual([["v1", true], ["v2", false]]);
      }));

    it("BACI: a file that fails leaves what readers see exactly as it was", () =>
      withStore(backend, async (store) => {
        await loadBaci(store, "SYNTHETIC_baci_e.csv", BACI, "cepii-baci:ONE");
        const version = await store.contentVersion();
        await expect(loadBaci(store, "SYNTHETIC_baci_f.csv", "t,i,j,k,v,q\n", "cepii-baci:TWO")).rejects.toThrow(/no data rows/);
        expect(await store.contentVersion()).toBe(version);
        expect((await store.listSources()).length).toBe(1);
        expect((await store.reconciledTotals({})).length).toBe(3);
      }));
  });
}
