// BACI ingest at scale, on SYNTHETIC files from src/synthetic/baciGenerator.ts (never real data):
// rollups equal the detail, profiles read only rollups, ingest is idempotent and all-or-nothing.
import { DuckDBInstance } from "@duckdb/node-api";
import { existsSync, readdirSync } from "node:fs";
import { appendFile, copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grubelLloydAggregate } from "../../src/indicators/intraIndustry.js";
import { hhi } from "../../src/indicators/concentration.js";
import { baciAdapter } from "../../src/ingest/baci.js";
import { identifyFile } from "../../src/ingest/fileIdentity.js";
import { buildProfile } from "../../src/profile/buildProfile.js";
import { CountryRegistry } from "../../src/reference/countries.js";
import { DuckDbTradeStore } from "../../src/store/DuckDbTradeStore.js";
import type { TradeStore } from "../../src/store/TradeStore.js";
import { writeSyntheticBaci, type SyntheticBaciResult } from "../../src/synthetic/baciGenerator.js";

let root: string;
let gen: SyntheticBaciResult;
let store: DuckDbTradeStore;

async function load(s: TradeStore, path: string) {
  return s.storeBaciFile({ filePath: path, identity: await identifyFile(path), ...baciAdapter.describe(path) });
}

const TABLES = ["sources", "baci_flows", "baci_pair_year", "baci_pair_chapter_year", "baci_exporter_hs6_year", "baci_exporter_chapter_year", "baci_importer_chapter_year", "baci_exporter_year", "baci_importer_year"];
/** Row counts and value sums of every BACI table: a fingerprint of the store's content. */
async function fingerprint(path: string): Promise<Record<string, string>> {
  const instance = await DuckDBInstance.create(path, { access_mode: "READ_ONLY" });
  const conn = await instance.connect();
  try {
    const out: Record<string, string> = {};
    for (const t of TABLES) {
      const col = t === "sources" ? "rows_stored" : "value_usd";
      const r = (await conn.runAndReadAll(`SELECT count(*)::DOUBLE AS n, coalesce(sum(${col}), 0)::DOUBLE AS v FROM ${t}`)).getRowObjectsJS()[0]!;
      out[t] = `${r.n}|${r.v}`;
    }
    return out;
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "tradeties-scale-"));
  gen = await writeSyntheticBaci({ dir: join(root, "gen"), years: [2019, 2021], rowsPerYear: 15_000, countries: 40, products: 400, seed: 99, malformedRows: 30 });
  store = await DuckDbTradeStore.open(join(root, "store.duckdb"));
  for (const f of gen.files) await load(store, f.path);
});
afterAll(async () => {
  await store?.close();
  await rm(root, { recursive: true, force: true });
});

describe("BACI rollups (synthetic data)", () => {
  it("pair-year totals equal the detail table's sums (through the store) and the CSV's own sums (parsed here)", async () => {
    const totals = await store.reconciledTotals({});
    const detail = await store.reconciledProducts({});
    const fromDetail = new Map<string, { v: number; n: number }>();
    for (const r of detail) {
      const key = `${r.year}|${r.exporter}|${r.importer}`;
      const x = fromDetail.get(key) ?? { v: 0, n: 0 };
      x.v += r.valueUsd;
      x.n += 1;
      fromDetail.set(key, x);
    }
    expect(totals.length).toBe(fromDetail.size);
    for (const t of totals) {
      const d = fromDetail.get(`${t.year}|${t.exporter}|${t.importer}`)!;
      expect(t.products).toBe(d.n);
      expect(t.valueUsd).toBeCloseTo(d.v, 3);
    }
    // Second method, independent of the engine: sum the valid rows of the files in JS.
    const baciToEntity = new Map(CountryRegistry.load().codesFor("baci").map((c) => [String(Number(c.code)), c.entity]));
    const seen = new Set<string>();
    const byYear = new Map<number, number>();
    for (const f of gen.files) {
      const lines = (await readFile(f.path, "latin1")).trimEnd().split("\n").slice(1);
      for (const line of lines) {
        const [t, i, j, k, v] = line.split(",");
        const value = Number(v);
        if (!baciToEntity.has(i!) || !baciToEntity.has(j!) || !/^\d{6}$/.test(k!) || !(value >= 0)) continue;
        const key = `${t},${i},${j},${k}`;
        if (seen.has(key)) continue; // the duplicate keeps its first line
        seen.add(key);
        byYear.set(Number(t), (byYear.get(Number(t)) ?? 0) + value * 1000);
      }
    }
    const rollupByYear = new Map<number, number>();
    for (const t of totals) rollupByYear.set(t.year, (rollupByYear.get(t.year) ?? 0) + t.valueUsd);
    expect([...rollupByYear.keys()].sort()).toEqual([2019, 2020, 2021]);
    for (const [year, v] of byYear) expect(rollupByYear.get(year)! / v).toBeCloseTo(1, 9);
    expect(seen.size).toBe(gen.validRows);
  });

  it("chapter rollup, HHI (Σv²) and Grubel–Lloyd overlap match the indicators computed over the HS6 detail", async () => {
    const totals = await store.reconciledTotals({ fromYear: 2021, toYear: 2021 });
    const biggest = [...totals].sort((x, y) => y.products - x.products)[0]!;
    const [a, b] = [biggest.exporter, biggest.importer];
    const ab = await store.reconciledProducts({ exporters: [a], importers: [b], fromYear: 2021, toYear: 2021 });
    const ba = await store.reconciledProducts({ exporters: [b], importers: [a], fromYear: 2021, toYear: 2021 });
    const chapters = await store.reconciledChapterTotals({ exporters: [a], importers: [b], fromYear: 2021, toYear: 2021 });
    const byChapter = new Map<string, number>();
    for (const r of ab) byChapter.set(r.hs6.slice(0, 2), (byChapter.get(r.hs6.slice(0, 2)) ?? 0) + r.valueUsd);
    expect(chapters.map((c) => c.chapter).sort()).toEqual([...byChapter.keys()].sort());
    for (const c of chapters) expect(c.valueUsd).toBeCloseTo(byChapter.get(c.chapter)!, 3);
    expect(chapters.reduce((s, c) => s + c.products, 0)).toBe(ab.length);
    const pairRow = totals.find((t) => t.exporter === a && t.importer === b)!;
    expect(pairRow.valueSqUsd! / pairRow.valueUsd ** 2).toBeCloseTo(hhi(ab.map((r) => r.valueUsd))!, 12);
    const products = new Map<string, { exports: number; imports: number }>();
    for (const r of ab) products.set(r.hs6, { exports: r.valueUsd, imports: 0 });
    for (const r of ba) products.set(r.hs6, { exports: products.get(r.hs6)?.exports ?? 0, imports: r.valueUsd });
    const reverse = totals.find((t) => t.exporter === b && t.importer === a)!;
    expect(reverse.intraUsd).toBeCloseTo(pairRow.intraUsd!, 3); // stored on both directions
    expect((2 * pairRow.intraUsd!) / (pairRow.valueUsd + reverse.valueUsd)).toBeCloseTo(grubelLloydAggregate([...products.values()])!, 12);
  });

  it("world rollups: country totals add up to the world row, and product exports to the detail", async () => {
    const world = await store.reconciledWorldTotals({ fromYear: 2020, toYear: 2020 });
    const wld = world.find((r) => r.entity === "WLD")!;
    const countries = world.filter((r) => r.entity !== "WLD");
    expect(countries.reduce((s, r) => s + r.exportsUsd, 0) / wld.exportsUsd).toBeCloseTo(1, 9);
    expect(countries.reduce((s, r) => s + r.importsUsd, 0) / wld.exportsUsd).toBeCloseTo(1, 9);
    const pairs = await store.reconciledTotals({ fromYear: 2020, toYear: 2020 });
    expect(pairs.reduce((s, r) => s + r.valueUsd, 0) / wld.exportsUsd).toBeCloseTo(1, 9);
    const exporter = countries.sort((x, y) => y.exportsUsd - x.exportsUsd)[0]!.entity;
    const mine = await store.reconciledProductExports({ exporters: [exporter], fromYear: 2020, toYear: 2020 });
    const detail = await store.reconciledProducts({ exporters: [exporter], fromYear: 2020, toYear: 2020 });
    expect(mine.reduce((s, r) => s + r.valueUsd, 0) / detail.reduce((s, r) => s + r.valueUsd, 0)).toBeCloseTo(1, 9);
    const worldProducts = await store.reconciledProductExports({ fromYear: 2020, toYear: 2020 });
    expect(worldProducts.every((r) => r.exporter === "WLD")).toBe(true);
    expect(worldProducts.reduce((s, r) => s + r.valueUsd, 0) / wld.exportsUsd).toBeCloseTo(1, 9);
  });

  it("a pair profile on a multi-year store reads the rollups only, never the HS6 detail", async () => {
    const calls: string[] = [];
    const spy = new Proxy(store as TradeStore, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          calls.push(String(prop));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const totals = await store.reconciledTotals({ fromYear: 2021, toYear: 2021 });
    const top = [...totals].sort((x, y) => y.valueUsd - x.valueUsd)[0]!;
    const profile = await buildProfile(spy, top.exporter, top.importer);
    expect(calls).not.toContain("reconciledProducts");
    expect(calls).toContain("reconciledChapterTotals");
    const hs = profile.composition?.hs;
    expect(hs?.year).toBe(2021);
    expect(hs!.exports_by_chapter.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 9);
    expect(hs!.hhi_exports).toBeGreaterThan(0);
  });

  it("reports every reject with the file line it came from, and the reason counts add up", async () => {
    const f = gen.files[0]!;
    const again = await DuckDbTradeStore.open(":memory:");
    try {
      const r = await load(again, f.path);
      const lines = (await readFile(f.path, "latin1")).split("\n");
      expect(r.rejectedCount).toBe(f.malformedRows);
      expect(Object.values(r.rejectedByReason ?? {}).reduce((s, n) => s + n, 0)).toBe(f.malformedRows);
      expect(r.source.rowsRead).toBe(f.validRows + f.malformedRows);
      for (const x of r.rejected) {
        const line = x.line!;
        const text = lines[line - 1]!;
        if (/unknown (exporter|importer)/.test(x.reason)) expect(text).toMatch(/(^|,)999,/);
        else if (/negative/.test(x.reason)) expect(text).toMatch(/,-[0-9.]+,/);
        else if (/duplicate of line (\d+)/.test(x.reason)) {
          const first = Number(/duplicate of line (\d+)/.exec(x.reason)![1]);
          expect(lines[first - 1]!.split(",").slice(0, 4)).toEqual(text.split(",").slice(0, 4));
          expect(first).toBeLessThan(line);
        } else expect(text).toContain(x.reason.split(": ").pop()!);
      }
    } finally {
      await again.close();
    }
  });

  it("loading the same file twice changes nothing", async () => {
    const path = join(root, "store.duckdb");
    await store.close();
    const before = await fingerprint(path);
    store = await DuckDbTradeStore.open(path);
    const r = await load(store, gen.files[1]!.path);
    expect(r.changed).toBe(false);
    await store.close();
    expect(await fingerprint(path)).toEqual(before);
    store = await DuckDbTradeStore.open(path);
  });

  it("a line that is not UTF-8 is one reject with its own line number; the rest of the file loads", async () => {
    const bad = join(root, "bad", "BACI_HS92_Y2022_V202401.csv");
    await rm(join(root, "bad"), { recursive: true, force: true });
    await (await import("node:fs/promises")).mkdir(join(root, "bad"));
    await copyFile(gen.files[2]!.path, bad);
    // The file ends with a newline, so the appended line's number is the count of lines already there + 1.
    const badLine = (await readFile(bad, "latin1")).split("\n").length;
    await appendFile(bad, Buffer.concat([Buffer.from("2021,4,8,"), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from(",1.0,NA\n")]));
    const separate = await DuckDbTradeStore.open(":memory:");
    try {
      const r = await load(separate, bad);
      expect(r.source.rowsRead).toBe(gen.files[2]!.validRows + gen.files[2]!.malformedRows + 1);
      expect(r.source.rowsStored).toBe(gen.files[2]!.validRows);
      // The reader reports the first field it cannot type; the bytes are not a number either.
      expect(r.rejected.find((x) => x.line === badLine)?.reason).toMatch(/product code \(k\) is not a number/);
    } finally {
      await separate.close();
    }
  });

  it("a BACI load that fails after its rows were written leaves the store unchanged, and the store still loads after", async () => {
    const path = join(root, "store.duckdb");
    const file = join(root, "bad", "BACI_HS92_Y2017_V202401.csv");
    await copyFile(gen.files[0]!.path, file);
    await writeFile(file, (await readFile(file, "latin1")).replace(/^2019,/gm, "2017,"), "latin1");
    await store.close();
    const before = await fingerprint(path);
    store = await DuckDbTradeStore.open(path);
    const failing = store.storeBaciFile({
      filePath: file,
      identity: await identifyFile(file),
      ...baciAdapter.describe(file),
      onProgress: (_, stage) => {
        if (stage === "checking") throw new Error("interrupted after the scan (test)");
      },
    });
    await expect(failing).rejects.toThrow(/interrupted/);
    await store.close();
    expect(await fingerprint(path)).toEqual(before);
    store = await DuckDbTradeStore.open(path);
    const ok = join(root, "bad", "BACI_HS92_Y2018_V202401.csv");
    await writeFile(ok, '"t","i","j","k","v","q"\n2018,4,8,010600,1.5,NA\n');
    const r = await load(store, ok);
    expect(r.source.rowsStored).toBe(1);
  });

  it("reads a BACI-layout Parquet file to the same totals as the CSV, and exports Parquet partitioned by year", async () => {
    const csv = gen.files[1]!.path;
    const parquet = join(root, "BACI_HS92_Y2020_V202401.parquet");
    const instance = await DuckDBInstance.create(":memory:");
    const conn = await instance.connect();
    await conn.run(`COPY (SELECT * FROM read_csv('${csv}', header = true, all_varchar = true)) TO '${parquet}' (FORMAT parquet)`);
    conn.closeSync();
    instance.closeSync();
    expect(baciAdapter.detect(parquet, await readFile(parquet).then((b) => b.subarray(0, 64)))).toBe(true);
    const fromParquet = await DuckDbTradeStore.open(":memory:");
    try {
      const r = await load(fromParquet, parquet);
      expect(r.source.rowsStored).toBe(gen.files[1]!.validRows);
      expect(r.rejectedCount).toBe(gen.files[1]!.malformedRows);
      const sum = (rows: { valueUsd: number }[]) => rows.reduce((s, x) => s + x.valueUsd, 0);
      expect(sum(await fromParquet.reconciledTotals({})) / sum(await store.reconciledTotals({ fromYear: 2020, toYear: 2020 }))).toBeCloseTo(1, 12);
    } finally {
      await fromParquet.close();
    }
    const out = join(root, "parquet-out");
    const rows = await store.exportBaciParquet(out);
    expect(rows).toBe((await store.reconciledProducts({})).length);
    expect(readdirSync(out).filter((d) => d.startsWith("year=")).sort()).toEqual(expect.arrayContaining(["year=2019", "year=2020", "year=2021"]));
    expect(existsSync(join(out, "year=2019"))).toBe(true);
  });

  it("gives synthetic files their own dataset key, so they never supersede real BACI", () => {
    expect(baciAdapter.describe("/x/SYNTHETIC_BACI_HS92_Y2021_V000000.csv")).toEqual({ datasetKey: "synthetic-baci:HS92:2021", vintageLabel: "V000000" });
    expect(baciAdapter.describe("/x/BACI_HS92_Y2021_V202301.csv")).toEqual({ datasetKey: "cepii-baci:HS92:2021", vintageLabel: "V202301" });
  });
});
