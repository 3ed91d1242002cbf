/**
 * Specialisation indicators from the real BACI sample (2021, exporters South Africa 710 and
 * Afghanistan 4), checked against sums taken straight from the CSV with papaparse — a second
 * path that does not go through the store, its rollups or the indicator functions.
 */
import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildProfile } from "../../src/profile/buildProfile.js";
import type { Profile } from "../../src/profile/types.js";
import type { DuckDbTradeStore } from "../../src/store/DuckDbTradeStore.js";
import { openSampleStore } from "../sampleStore.js";
import { dataFile } from "../../src/dataFolder.js";

let store: DuckDbTradeStore;
let profile: Profile;
const rows = Papa.parse<string[]>(readFileSync(dataFile("baci/ExampleTradeData.csv"), "utf8"), { skipEmptyLines: true })
  .data.slice(1)
  .map(([, i, j, k, v]) => ({ i: i!, j: j!, chapter: k!.padStart(6, "0").slice(0, 2), usd: Number(v) * 1000 }));
const sum = (pred: (r: (typeof rows)[number]) => boolean) => rows.filter(pred).reduce((s, r) => s + r.usd, 0);

beforeAll(async () => {
  store = await openSampleStore();
  profile = await buildProfile(store, "ZAF", "USA");
});
afterAll(async () => store?.close());

describe("HS specialisation for South Africa → USA (BACI sample 2021)", () => {
  it("says the loaded files cover 2 exporters only", () => {
    const sp = profile.composition!.hs!.specialization;
    expect(sp.coverage.exporters_in_loaded_files).toBe(2);
    expect(sp.coverage.note).toMatch(/only 2 exporters/);
  });

  it("RCA of South Africa's largest chapter to the USA equals (x_ZAF,k/X_ZAF)/(x_W,k/X_W) summed from the CSV", () => {
    const top = profile.composition!.hs!.specialization.rca_top_chapters[0]!;
    const toUsa = (r: (typeof rows)[number]) => r.i === "710" && r.j === "842";
    const chapters = new Map<string, number>();
    for (const r of rows.filter(toUsa)) chapters.set(r.chapter, (chapters.get(r.chapter) ?? 0) + r.usd);
    const [expectedChapter, expectedValue] = [...chapters].sort((x, y) => y[1] - x[1])[0]!;
    expect(top.chapter).toBe(expectedChapter);
    expect(top.exports_to_partner).toBeCloseTo(expectedValue, 0);
    const xZaf = sum((r) => r.i === "710" && r.chapter === top.chapter);
    const XZaf = sum((r) => r.i === "710");
    const xW = sum((r) => r.chapter === top.chapter);
    const XW = sum(() => true);
    expect(top.rca).toBeCloseTo(xZaf / XZaf / (xW / XW), 9);
  });

  it("trade intensity equals (x_ZAF→USA / X_ZAF) / (M_USA / M_W) from the CSV", () => {
    const x = sum((r) => r.i === "710" && r.j === "842");
    const X = sum((r) => r.i === "710");
    const M = sum((r) => r.j === "842");
    const MW = sum(() => true);
    expect(profile.composition!.hs!.specialization.trade_intensity).toBeCloseTo(x / X / (M / MW), 9);
  });

  it("complementarity equals 100·(1 − Σ|m_USA,k − x_ZAF,k|/2) over chapter shares from the CSV", () => {
    const shares = (pred: (r: (typeof rows)[number]) => boolean) => {
      const m = new Map<string, number>();
      for (const r of rows.filter(pred)) m.set(r.chapter, (m.get(r.chapter) ?? 0) + r.usd);
      const total = [...m.values()].reduce((a, b) => a + b, 0);
      return new Map([...m].map(([k, v]) => [k, v / total]));
    };
    const x = shares((r) => r.i === "710");
    const m = shares((r) => r.j === "842");
    let d = 0;
    for (const k of new Set([...x.keys(), ...m.keys()])) d += Math.abs((m.get(k) ?? 0) - (x.get(k) ?? 0));
    expect(profile.composition!.hs!.specialization.complementarity).toBeCloseTo(100 * (1 - d / 2), 9);
  });

  it("names the BACI file among its sources", () => {
    expect(profile.composition!.hs!.sources[0]).toMatchObject({ file: "ExampleTradeData.csv", side: "reconciled" });
  });
});
