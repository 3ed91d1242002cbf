/**
 * The Korea–Russia profile on the bundled sample store. Expected figures are computed here by hand
 * from the workbook values PROVENANCE.md quotes (USD million) or from the independent derived CSV
 * `dots_korea_russia_annual.csv`, never by calling the indicator code.
 */
import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildProfile } from "../../src/profile/buildProfile.js";
import type { Profile } from "../../src/profile/types.js";
import type { DuckDbTradeStore } from "../../src/store/DuckDbTradeStore.js";
import type { TradeTotalsQuery } from "../../src/store/TradeStore.js";
import { openSampleStore } from "../sampleStore.js";
import { dataFile } from "../../src/dataFolder.js";

let store: DuckDbTradeStore;
let profile: Profile;

beforeAll(async () => {
  store = await openSampleStore();
  profile = await buildProfile(store, "KOR", "RUS", { referenceYear: 2019 });
});
afterAll(async () => store?.close());

/** Korea-reported totals by year from the derived CSV (a second conversion of the workbooks). */
function derivedTotals(): Map<number, number> {
  const text = readFileSync(dataFile("trade/imf-dots/dots_korea_russia_annual.csv"), "utf8");
  const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
  const out = new Map<number, number>();
  for (const r of rows) {
    const ex = r.kor_exports_to_partner_fob_usd_m;
    const im = r.kor_imports_from_partner_cif_usd_m;
    if (ex && im) out.set(Number(r.year), (Number(ex) + Number(im)) * 1e6);
  }
  return out;
}

describe("Korea–Russia profile", () => {
  it("growth over the available unbroken span 1991–2019: 22,321.325 / 1,202.4 = 18.56 times, CAGR 11.0 %", () => {
    expect(profile.growth!.from_year).toBe(1991);
    expect(profile.growth!.to_year).toBe(2019);
    expect(profile.growth!.multiple).toBeCloseTo(22321.325 / 1202.4, 6);
    // (22321.325 / 1202.4)^(1/28) − 1 = e^(2.921220/28) − 1 = 0.10997
    expect(profile.growth!.cagr).toBeCloseTo(0.10997, 4);
  });

  it("the 1990–2019 span uses KITA's published 888.8 M USD for 1990 and says so", () => {
    const span = profile.growth!.published_span!;
    expect(span.from_year).toBe(1990);
    expect(span.from_value).toBe(888_800_000);
    expect(span.from_source.entity).toBe("SUN");
    expect(span.from_source.publisher).toMatch(/KITA/);
    expect(span.to_year).toBe(2019);
    // 22,321.325 / 888.8 = 25.114 ("25 times"); CAGR over 29 years: 25.114^(1/29) − 1 = 0.11757
    expect(span.multiple).toBeCloseTo(25.114, 3);
    expect(span.cagr).toBeCloseTo(0.11757, 4);
    expect(span.note).toMatch(/published/);
  });

  it("KITA's published 2019 total is checked against the data: −0.08 %", () => {
    const check = profile.growth!.published_checks.find((c) => c.year === 2019)!;
    expect(check.difference_ratio).toBeCloseTo(22321.325 / 22340 - 1, 6);
  });

  it("balance: a deficit every year since 2009, through 2020", () => {
    expect(profile.balance!.streak).toEqual({ sign: "deficit", since: 2009, through: 2020, years: 12 });
    // 2009: 4,194.066 − 5,788.759 = −1,594.693 M USD (PROVENANCE §1: −1,594.7)
    expect(profile.balance!.years.find((y) => y.year === 2009)!.value / 1e6).toBeCloseTo(-1594.693, 2);
  });

  it("volatility over 1993–2020 (1992, a split year, is below the base rule) equals the SD of log growth recomputed from the derived CSV, and tops Korea's large partners", () => {
    const totals = derivedTotals();
    const sdOfLogGrowth = (fromYear: number) => {
      const logs: number[] = [];
      for (let y = fromYear; y <= 2020; y++) logs.push(Math.log(totals.get(y)! / totals.get(y - 1)!));
      const mean = logs.reduce((s, x) => s + x, 0) / logs.length;
      return Math.sqrt(logs.reduce((s, x) => s + (x - mean) ** 2, 0) / (logs.length - 1));
    };
    // 1992 is a split transition year (Korea booked $192 m with "Russian Federation", $859 m with "USSR"),
    // flagged by the screening; its $192 m is also below 2 % of 2020's $17.6 bn, so the statistics start in
    // 1993 as a growth window would (the base rule) and 1992 is outside them, not a sensitivity.
    expect(profile.quality!.suspect).toContainEqual(expect.objectContaining({ year: 1992, reason: "split-transition", excluded: true }));
    expect(totals.get(1992)! < 0.02 * totals.get(2020)!).toBe(true);
    expect(profile.volatility!.window).toEqual({ from_year: 1993, to_year: 2020 });
    expect(profile.volatility!.excluded_years).toEqual([]);
    expect(profile.volatility!.value).toBeCloseTo(sdOfLogGrowth(1994), 3);
    // Second method (DOTS_106.xlsx read with Python's zipfile + XML, Korea's 10 largest partners in 2020,
    // growth years 1994–2020): σ 0.2880, peer median 0.1649, ratio 1.746 (with 1992 it would be 0.4743, 2.877).
    expect(profile.volatility!.value).toBeCloseTo(0.288, 3);
    expect(profile.volatility!.relative!.ratioToPeerMedian).toBeCloseTo(1.746, 2);
    expect(profile.volatility!.peers.length).toBeGreaterThanOrEqual(5);
    expect(profile.volatility!.peers.map((p) => p.partner)).toContain("CHN");
    expect(profile.volatility!.relative!.percentileRank).toBe(1);
  });

  it("shock years include 2009, 2015 and 2020 with their falls", () => {
    const shocks = new Map(profile.volatility!.shocks.map((s) => [s.year, s.growth]));
    // 2009: 9,982.825 / 18,088.017 − 1 = −0.4481; 2015: 15,994.019 / 25,798.487 − 1 = −0.3800; 2020: 17,587.693 / 22,321.325 − 1 = −0.2121
    expect(shocks.get(2009)).toBeCloseTo(-0.4481, 3);
    expect(shocks.get(2015)).toBeCloseTo(-0.38, 3);
    expect(shocks.get(2020)).toBeCloseTo(-0.2121, 3);
    expect(shocks.has(1992)).toBe(false); // USSR → Russia is an entity change, not a shock
  });

  it("correlation with Brent over 1993–2020 (1992 below the base rule): n = 28, strongly positive on levels and on growth", () => {
    const c = profile.commodity!;
    expect(c.price_series).toBe("brent");
    expect(c.excluded_years).toEqual([]);
    expect(c.levels.pearson!.n).toBe(28);
    // Second method (DOTS_106.xlsx via zipfile + XML, brent-year.csv): growth r = 0.7207 over 1994–2020 (n = 27);
    // with the split year kept it is 0.0228, the "weak" link the report used to print beside a high risk.
    expect(c.growth.pearson!.n).toBe(27);
    expect(c.growth.pearson!.r).toBeCloseTo(0.7207, 3);
    expect(c.levels.pearson!.r).toBeCloseTo(0.8784, 3);
    expect(c.levels.pearson!.r).toBeGreaterThan(0.8);
    expect(c.levels.pearson!.pValue).toBeLessThan(0.001);
    expect(c.sources.some((s) => s.file === "brent-year.csv")).toBe(true);
  });

  it("Russia's import shares: China 1.9 % (1995) → 22.3 % (2019); Korea 3.3 % and Germany 10.3 % in 2019", () => {
    const shares = profile.competition!.partner_import_shares.years;
    const at = (s: string, y: number) => shares.find((x) => x.supplier === s && x.year === y)!.share;
    expect(at("CHN", 1995)).toBeCloseTo(864.5 / 46399.372, 5);
    expect(at("CHN", 2019)).toBeCloseTo(54066.431304 / 242627.666419, 5);
    expect(Math.round(at("CHN", 1995) * 1000) / 10).toBe(1.9);
    expect(Math.round(at("CHN", 2019) * 1000) / 10).toBe(22.3);
    expect(Math.round(at("KOR", 2019) * 1000) / 10).toBe(3.3);
    expect(Math.round(at("DEU", 2019) * 1000) / 10).toBe(10.3);
    const suppliers = profile.competition!.partner_import_shares.suppliers.map((s) => s.supplier);
    for (const s of ["CHN", "KOR", "DEU", "USA"]) expect(suppliers).toContain(s);
    const china = profile.competition!.partner_import_shares.shifts.find((s) => s.supplier === "CHN")!;
    expect([china.from_year, china.to_year]).toEqual([1992, 2019]);
    // 1992: 1,669.3 / 34,981.4 = 4.77 %; the low is 1995 (1.86 %)
    expect(china.from_share).toBeCloseTo(1669.3 / 34981.4, 5);
    expect(china.low).toEqual({ year: 1995, share: expect.closeTo(864.5 / 46399.372, 5) });
  });

  it("tourists: KITA's published 30,000 (1990) → 770,000 (2019), 25.7 times; KTO arrivals 150,730 (2010) → 343,057 (2019)", () => {
    const span = profile.people!.published_span!;
    expect([span.from_year, span.from_value, span.to_year, span.to_value]).toEqual([1990, 30000, 2019, 770000]);
    expect(span.multiple).toBeCloseTo(770000 / 30000, 6);
    const total = profile.people!.arrivals.find((a) => a.breakdown === "total" && a.from === "RUS")!;
    expect(total.years.find((y) => y.year === 2010)!.value).toBe(150730);
    expect(total.years.find((y) => y.year === 2019)!.value).toBe(343057);
    const y2020 = total.years.find((y) => y.year === 2020)!;
    expect([y2020.months, y2020.complete]).toEqual([5, false]);
  });

  it("mineral fuels' share of Korea's imports from Russia from the published composition (2020: 72.1 %, 2021: 74.5 %)", () => {
    const byYear = new Map(profile.composition!.mineral_fuel_share_of_imports.map((m) => [m.year, m.share]));
    expect(byYear.get(2020)).toBeCloseTo(0.721, 3);
    expect(byYear.get(2021)).toBeCloseTo(0.745, 3);
  });

  it("says which data is missing instead of failing (no BACI rows for Korea–Russia)", () => {
    expect(profile.missing.some((m) => /BACI/.test(m))).toBe(true);
  });

  it("a pair with little data gives a profile that lists what is missing", async () => {
    const thin = await buildProfile(store, "AFG", "ZAF");
    expect(thin.growth).toBeUndefined();
    expect(thin.missing.length).toBeGreaterThan(0);
  });

  it("reads each side's totals once: the reference-year cut, Korea's peers and Russia's suppliers come from those two reads, with the same figures", async () => {
    const asked: TradeTotalsQuery[] = [];
    const counting = new Proxy(store, {
      get(target, prop) {
        const value: unknown = Reflect.get(target, prop, target);
        if (prop === "tradeTotals") return (q: TradeTotalsQuery) => (asked.push(q), target.tradeTotals(q));
        if (prop === "tradeTotalColumns") return (q: TradeTotalsQuery) => (asked.push(q), target.tradeTotalColumns(q));
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const again = await buildProfile(counting, "KOR", "RUS", { referenceYear: 2019 });
    expect(asked).toEqual([
      { reporters: ["KOR"], flows: ["export", "import"] },
      { reporters: ["RUS", "SUN"], flows: ["export", "import"] },
    ]);
    expect(again).toEqual(profile);
  });
});
