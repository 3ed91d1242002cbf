// Tests of the SYNTHETIC BACI generator: every file written here is generated, never real data.
import { createHash } from "node:crypto";
import { dataFile } from "../dataFolder.js";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baciAdapter } from "../ingest/baci.js";
import { identifyFile } from "../ingest/fileIdentity.js";
import { writeSyntheticBaci, type SyntheticBaciResult } from "./baciGenerator.js";

const SAMPLE_DIR = dataFile("baci");
const COUNTRIES_MODULE = join(import.meta.dirname, "..", "reference", "countries.ts");

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "tradeties-synth-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function sha256(path: string): Promise<string> {
  return createHash("sha256").update(await readFile(path)).digest("hex");
}

interface Row {
  t: string;
  i: string;
  j: string;
  k: string;
  v: string;
  q: string;
}

/** Plain split: the generator never puts a comma inside a quoted field. */
async function readRows(path: string): Promise<{ header: string; rows: Row[] }> {
  const lines = (await readFile(path, "latin1")).split("\n");
  expect(lines.pop()).toBe(""); // ends with a newline
  const [header, ...body] = lines;
  return {
    header: header!,
    rows: body.map((line) => {
      const [t, i, j, k, v, q] = line.split(",");
      return { t: t!, i: i!, j: j!, k: k!, v: v!, q: q! };
    }),
  };
}

/** Read independently of the generator: every code in the real BACI list, historical ones included. */
async function realBaciCountryCodes(): Promise<Set<string>> {
  const text = (await readFile(join(SAMPLE_DIR, "country_codes_V202201.csv"))).toString("latin1");
  return new Set(
    text
      .split(/\r?\n/)
      .slice(1)
      .filter((l) => l !== "")
      .map((l) => l.split(",")[0]!),
  );
}

describe("writeSyntheticBaci", () => {
  let clean: SyntheticBaciResult;
  beforeAll(async () => {
    clean = await writeSyntheticBaci({ dir: join(root, "clean"), years: [2018, 2020], rowsPerYear: 20_000, seed: 7 });
  });

  it("writes the same bytes for the same seed and different bytes for another seed", async () => {
    const opts = { years: [2019, 2020] as const, rowsPerYear: 5_000, malformedRows: 12 };
    const a = await writeSyntheticBaci({ ...opts, dir: join(root, "det-a"), seed: 42 });
    const b = await writeSyntheticBaci({ ...opts, dir: join(root, "det-b"), seed: 42 });
    const c = await writeSyntheticBaci({ ...opts, dir: join(root, "det-c"), seed: 43 });
    for (let n = 0; n < a.files.length; n++) {
      expect(await sha256(a.files[n]!.path)).toBe(await sha256(b.files[n]!.path));
      expect(await sha256(a.files[n]!.path)).not.toBe(await sha256(c.files[n]!.path));
    }
    expect(a.malformed).toEqual(b.malformed);
  });

  it("writes exactly rowsPerYear valid rows a year, one file per year, named so the BACI adapter reads HS92/year/V000000", async () => {
    expect(clean.files.map((f) => f.year)).toEqual([2018, 2019, 2020]);
    for (const f of clean.files) {
      const { header, rows } = await readRows(f.path);
      expect(header).toBe('"t","i","j","k","v","q"');
      expect(rows).toHaveLength(20_000);
      expect(f.validRows).toBe(20_000);
      expect(new Set(rows.map((r) => r.t))).toEqual(new Set([String(f.year)]));
      expect(f.path).toMatch(/SYNTHETIC_BACI_HS92_Y\d{4}_V000000\.csv$/);
      expect(baciAdapter.describe(f.path)).toEqual({ datasetKey: `synthetic-baci:HS92:${f.year}`, vintageLabel: "V000000" });
      expect(baciAdapter.detect(f.path, Buffer.from(header + "\n"))).toBe(true);
    }
    expect(clean.validRows).toBe(60_000);
    expect(clean.rowsWritten).toBe(60_000);
  });

  it("never repeats a (t,i,j,k) key and never pairs a country with itself", async () => {
    for (const f of clean.files) {
      const { rows } = await readRows(f.path);
      const keys = new Set(rows.map((r) => `${r.t},${r.i},${r.j},${r.k}`));
      expect(keys.size).toBe(rows.length);
      expect(rows.filter((r) => r.i === r.j)).toHaveLength(0);
    }
  });

  it("uses only real BACI country codes, 6-digit HS codes from product_codes.csv, and positive 3-decimal values", async () => {
    const countryCodes = await realBaciCountryCodes();
    const productText = await readFile(join(SAMPLE_DIR, "product_codes.csv"), "utf8");
    const productCodes = new Set(productText.split(/\r?\n/).slice(1).map((l) => l.split(",")[0]!));
    const { rows } = await readRows(clean.files[0]!.path);
    const historical = new Set(["810", "200", "891", "58", "280", "278"]);
    // One pass collecting offenders: an expect per row would take seconds on 20k rows.
    const bad = rows.filter(
      (r) =>
        !countryCodes.has(r.i) ||
        !countryCodes.has(r.j) ||
        historical.has(r.i) ||
        historical.has(r.j) ||
        !/^[0-9]{6}$/.test(r.k) ||
        !productCodes.has(r.k) ||
        !/^[0-9]+\.[0-9]{3}$/.test(r.v) ||
        !(Number(r.v) > 0) ||
        !/^" *([0-9]+\.[0-9]{3}|NA)"$/.test(r.q) ||
        r.q.length !== 15, // 13 characters inside the quotes, as in the real sample
    );
    expect(bad.slice(0, 5)).toEqual([]);
    expect(new Set(rows.map((r) => r.i)).size).toBeGreaterThan(100);
    const na = rows.filter((r) => r.q.includes("NA")).length / rows.length;
    expect(na).toBeGreaterThan(0.01);
    expect(na).toBeLessThan(0.06);
  });

  it("is heavy-tailed: the top 1 % of rows hold over 30 % of the value, and most pairs trade few products", async () => {
    const { rows } = await readRows(clean.files[0]!.path);
    const values = rows.map((r) => Number(r.v)).sort((a, b) => b - a);
    const total = values.reduce((s, v) => s + v, 0);
    const top = values.slice(0, Math.ceil(values.length / 100)).reduce((s, v) => s + v, 0);
    expect(top / total).toBeGreaterThan(0.3);
    const perPair = new Map<string, number>();
    for (const r of rows) perPair.set(`${r.i},${r.j}`, (perPair.get(`${r.i},${r.j}`) ?? 0) + 1);
    const counts = [...perPair.values()].sort((a, b) => a - b);
    expect(counts[Math.floor(counts.length / 2)]).toBeLessThanOrEqual(5); // median pair: a handful of products
    expect(counts[counts.length - 1]).toBeGreaterThan(10 * counts[Math.floor(counts.length / 2)]!); // the biggest pairs: far more
  });

  it("keeps most (pair, product) flows from one year to the next, with values that move but do not jump", async () => {
    const [y1, y2] = await Promise.all([readRows(clean.files[0]!.path), readRows(clean.files[1]!.path)]);
    const before = new Map(y1.rows.map((r) => [`${r.i},${r.j},${r.k}`, Number(r.v)]));
    let kept = 0;
    const logChanges: number[] = [];
    for (const r of y2.rows) {
      const prior = before.get(`${r.i},${r.j},${r.k}`);
      if (prior === undefined) continue;
      kept++;
      if (prior >= 1 && Number(r.v) >= 1) logChanges.push(Math.abs(Math.log(Number(r.v) / prior)));
    }
    expect(kept / y2.rows.length).toBeGreaterThan(0.85);
    expect(kept / y2.rows.length).toBeLessThan(1); // some churn
    logChanges.sort((a, b) => a - b);
    expect(logChanges[Math.floor(logChanges.length / 2)]).toBeLessThan(0.7); // median |change| under ×2
  });

  it("writes code lists and a README that says SYNTHETIC", async () => {
    expect(await readFile(clean.readmePath, "utf8")).toMatch(/^SYNTHETIC DATA/);
    const countries = (await readFile(clean.countryCodesPath)).toString("latin1").trim().split("\n");
    expect(countries).toHaveLength(201);
    const products = (await readFile(clean.productCodesPath, "utf8")).trim().split("\n");
    expect(products).toHaveLength(5001);
  });

  it("counts malformed rows by kind, in rotation", async () => {
    const r = await writeSyntheticBaci({ dir: join(root, "bad"), years: [2020, 2021], rowsPerYear: 2_000, seed: 3, malformedRows: 12 });
    expect(r.malformed).toEqual({ unknownCode: 3, negativeValue: 3, textValue: 2, duplicateKey: 2, badHsCode: 2, total: 12 });
    expect(r.files.map((f) => f.malformedRows)).toEqual([6, 6]);
    expect(r.rowsWritten).toBe(4_012);
    const { rows } = await readRows(r.files[0]!.path);
    expect(rows).toHaveLength(2_006);
    expect(rows.filter((x) => x.i === "999" || x.j === "999").length).toBe(2);
    expect(rows.filter((x) => x.v.startsWith("-")).length).toBe(1);
  });

  it("refuses impossible requests, naming the option", async () => {
    await expect(writeSyntheticBaci({ dir: join(root, "x"), years: [2020, 2019], rowsPerYear: 10, seed: 1 })).rejects.toThrow(/years/);
    await expect(writeSyntheticBaci({ dir: join(root, "x"), years: [2020, 2020], rowsPerYear: 0, seed: 1 })).rejects.toThrow(/rowsPerYear/);
    await expect(writeSyntheticBaci({ dir: join(root, "x"), years: [2020, 2020], rowsPerYear: 100, countries: 2, products: 10, seed: 1 })).rejects.toThrow(/exceeds/);
  });

  // Needs src/reference/countries.ts (CountryRegistry), which the store imports; skipped until it exists.
  // Calls storeBaciFile the way ingestFile's BACI branch does, so the test does not wait on every other adapter.
  it.skipIf(!existsSync(COUNTRIES_MODULE))("a store rejects exactly the malformed rows the generator reports, by reason", async () => {
    const { DuckDbTradeStore } = await import("../store/DuckDbTradeStore.js");
    const r = await writeSyntheticBaci({ dir: join(root, "store"), years: [2021, 2021], rowsPerYear: 20_000, seed: 11, malformedRows: 40 });
    const path = r.files[0]!.path;
    const store = await DuckDbTradeStore.open(":memory:");
    try {
      const result = await store.storeBaciFile({ filePath: path, identity: await identifyFile(path), ...baciAdapter.describe(path) });
      const report = { ...result, rowsRead: result.source.rowsRead, rowsStored: result.source.rowsStored, rowsRejected: result.rejectedCount };
      expect(report.rowsRead).toBe(20_040);
      expect(report.rowsRejected).toBe(r.malformed.total);
      expect(report.rowsStored).toBe(20_000);
      const byReason = (re: RegExp) => report.rejected.filter((x) => re.test(x.reason)).length;
      expect(byReason(/unknown (exporter|importer)/)).toBe(r.malformed.unknownCode);
      expect(byReason(/is negative/)).toBe(r.malformed.negativeValue);
      expect(byReason(/value \(v\) is not a number/)).toBe(r.malformed.textValue);
      expect(byReason(/duplicate/)).toBe(r.malformed.duplicateKey);
      expect(byReason(/product code/)).toBe(r.malformed.badHsCode);
    } finally {
      await store.close();
    }
  });
});
