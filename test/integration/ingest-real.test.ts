/**
 * Real-data checks of ingest + store + pair. Expected values come from outside tradeties:
 * the IMF DOTS workbooks as PROVENANCE.md §1 reads them (and KITA's published 2019 total),
 * the Comtrade JSON read by hand, and the BACI sample's own row count (wc -l minus the header).
 */
import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pairSeries } from "../../src/query/pair.js";
import type { DuckDbTradeStore } from "../../src/store/DuckDbTradeStore.js";
import { ingestFile, type IngestReport } from "../../src/ingest/pipeline.js";
import { SAMPLE, storeWith } from "./helpers.js";

let store: DuckDbTradeStore;
let reports: IngestReport[];

beforeAll(async () => {
  ({ store, reports } = await storeWith([
    "trade/imf-dots/DOTS_106.xlsx",
    "trade/imf-dots/DOTS_162.xlsx",
    "trade/imf-dots/DOTS_203.xlsx",
    "comtrade/HS-60a6ad.json",
    "baci/ExampleTradeData.csv",
  ]));
});
afterAll(async () => store?.close());

describe("ingest of the real sample files", () => {
  it("every report adds up: read = stored + rejected + skipped", () => {
    for (const r of reports) expect(r.rowsStored + r.rowsRejected + r.rowsSkipped, r.file).toBe(r.rowsRead);
  });

  it("Korea's 2019 trade with Russia matches the DOTS workbook (USD million 7,789.791 / 14,531.534 / 22,321.325)", async () => {
    const pair = await pairSeries(store, "KOR", "RUS");
    const y2019 = pair.years.find((y) => y.year === 2019)!;
    expect(y2019.exports! / 1e6).toBeCloseTo(7789.791, 3);
    expect(y2019.imports! / 1e6).toBeCloseTo(14531.534, 3);
    expect(y2019.total! / 1e6).toBeCloseTo(22321.325, 3);
    // KITA publishes 22,340 M USD for 2019: within 0.1 %.
    expect(Math.abs(y2019.total! / 22_340e6 - 1)).toBeLessThan(0.001);
    // Mirror: Russia reports exports to Korea of 16,377.1 M USD (PROVENANCE §1).
    expect(y2019.mirror.imports! / 1e6).toBeCloseTo(16377.066, 2);
    expect(y2019.sources.find((s) => s.figure === "exports")).toMatchObject({ dataset: "imf-dots", reporter: "KOR", partner: "RUS", valuation: "fob" });
  });

  it("Korea–USSR 1991 is present and labelled as the USSR, not merged into Russia", async () => {
    const pair = await pairSeries(store, "KOR", "RUS", { from: 1990, to: 1992 });
    const y1991 = pair.years.find((y) => y.year === 1991)!;
    expect(y1991.entity_b_code).toBe("SUN");
    expect(y1991.exports).not.toBeNull();
    expect(pair.years.find((y) => y.year === 1992)!.entity_b_code).toBe("RUS");
  });

  it("Korea's balance with Russia is a deficit every year 2009–2020 and a surplus 2006–2008 (PROVENANCE §1)", async () => {
    const pair = await pairSeries(store, "KOR", "RUS", { from: 2006 });
    for (const y of pair.years) expect(Math.sign(y.balance!), String(y.year)).toBe(y.year <= 2008 ? 1 : -1);
  });

  it("Russia's 2019 imports from China come from the Russia workbook: 54,066.4 M USD", async () => {
    const rows = await store.tradeRows({ reporters: ["RUS"], partners: ["CHN"], flows: ["import"], fromYear: 2019, toYear: 2019 });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.valueUsd / 1e6).toBeCloseTo(54066.431, 2);
    expect(rows[0]!.fileName).toBe("DOTS_162.xlsx");
  });

  it("China–Germany 2010 comes from the Comtrade JSON (primaryValue, USD)", async () => {
    const pair = await pairSeries(store, "CHN", "DEU");
    const y = pair.years.find((x) => x.year === 2010)!;
    expect(y.exports).toBe(68_047_133_397);
    expect(y.imports).toBe(74_251_272_075);
    expect(y.sources.find((s) => s.figure === "exports")!.dataset).toBe("un-comtrade");
  });

  it("BACI sample: 71,192 rows stored, HS codes keep their leading zeros, values in USD", async () => {
    const baci = reports.find((r) => r.adapter === "cepii-baci")!;
    expect(baci.rowsRead).toBe(71_192);
    expect(baci.rowsStored).toBe(71_192);
    // Line 2 of the file is `2021,4,24,382390,52.051,"13.235"`; the row for k=10600 to 251 (France) is 0.001 thousand USD.
    const rows = await store.reconciledProducts({ exporters: ["AFG"], importers: ["FRA"] });
    const live = rows.find((r) => r.hs6 === "010600")!;
    expect(live.valueUsd).toBeCloseTo(1, 6);
    expect(live.quantityTonnes).toBeCloseTo(0.005, 6);
  });

  it("pair shows BACI flows apart as 'reconciled', summing the CSV's rows for South Africa (710) → USA (842), with the file named", async () => {
    const text = readFileSync(SAMPLE("baci/ExampleTradeData.csv"), "utf8");
    const rows = Papa.parse<string[]>(text, { skipEmptyLines: true }).data.slice(1);
    const expected = rows.filter((r) => r[1] === "710" && r[2] === "842").reduce((s, r) => s + Number(r[4]) * 1000, 0);
    const pair = await pairSeries(store, "ZAF", "USA");
    const y2021 = pair.years.find((y) => y.year === 2021)!;
    expect(y2021.reconciled!.exports).toBeCloseTo(expected, 0);
    expect(y2021.exports).toBeNull(); // no reporter-side data: never filled from BACI
    expect(y2021.sources.find((s) => s.figure === "reconciled.exports")).toMatchObject({ file: "ExampleTradeData.csv", reported_by: "reconciled" });
  });

  it("loading the same file twice changes nothing and says so", async () => {
    const before = await store.listSources();
    const again = await ingestFile(store, SAMPLE("trade/imf-dots/DOTS_106.xlsx"));
    expect(again.changed).toBe(false);
    expect(again.notes[0]).toMatch(/already loaded/);
    expect(await store.listSources()).toEqual(before);
  });
});
