/**
 * The country view's ranking over the sample store (real IMF DOTS workbooks). Expected values
 * come from a second path: the pair series (`pairSeries`, the pair precedence rule year by year)
 * for the same two countries, and the growth formula applied by hand to those totals.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSampleStore } from "../../test/sampleStore.js";
import { MissingDataError } from "../errors.js";
import type { DuckDbTradeStore } from "../store/DuckDbTradeStore.js";
import { pairSeries } from "./pair.js";
import { countryPartners } from "./partners.js";

let store: DuckDbTradeStore;
beforeAll(async () => {
  store = await openSampleStore();
});
afterAll(async () => store.close());

describe("countryPartners", () => {
  it("ranks South Korea's partners by total trade, with totals equal to the pair series'", async () => {
    const r = await countryPartners(store, "KOR");
    expect(r.side).toBe("reporter");
    expect(r.partners.map((p) => p.rank)).toEqual(r.partners.map((_, i) => i + 1));
    const totals = r.partners.map((p) => p.total_usd);
    expect(totals).toEqual([...totals].sort((x, y) => y - x));
    for (const code of ["CHN", "RUS"]) {
      const row = r.partners.find((p) => p.partner === code)!;
      const pair = await pairSeries(store, "KOR", code);
      const year = pair.years.find((y) => y.year === r.reference_year)!;
      expect(row.total_usd).toBe(year.total);
      expect(row.exports_usd).toBe(year.exports);
      expect(row.balance_usd).toBe(year.balance);
      // Growth by hand from the pair series: (total_ref / total_start)^(1/5) − 1.
      const start = pair.years.find((y) => y.year === r.growth_window.from_year)!.total!;
      expect(row.growth_cagr!).toBeCloseTo((year.total! / start) ** (1 / 5) - 1, 12);
    }
    expect(r.partners.reduce((s, p) => s + p.share, 0)).toBeCloseTo(1, 12);
    expect(r.partners.every((p) => p.kind === "country" || p.kind === "historical")).toBe(true);
  });

  it("counts the USSR under Russia only in years Russia has no figure, so the series runs back past 1992", async () => {
    const r = await countryPartners(store, "KOR", { referenceYear: 1995 });
    const rus = r.partners.find((p) => p.partner === "RUS")!;
    expect(r.partners.some((p) => p.partner === "SUN")).toBe(false);
    // The pair series reports 1980 under the USSR (entity_b SUN); the ranking counts it for Russia.
    const pair = await pairSeries(store, "KOR", "RUS");
    const y1980 = pair.years.find((y) => y.year === 1980)!;
    expect(y1980.entity_b_code).toBe("SUN");
    expect(y1980.total).not.toBeNull();
    expect(rus.series.find((s) => s.year === 1980)?.total_usd).toBe(y1980.total);
  });

  it("ranks by the partners' own reports, labelled mirror, for a country that reports nothing", async () => {
    // Germany has no workbook in the sample; the five sample reporters report trade with it.
    const r = await countryPartners(store, "DEU");
    expect(r.side).toBe("mirror");
    const kor = r.partners.find((p) => p.partner === "KOR")!;
    const pair = await pairSeries(store, "DEU", "KOR");
    const year = pair.years.find((y) => y.year === r.reference_year)!;
    // Mirror: Germany's exports to Korea are Korea's imports from Germany (pair: mirror.exports).
    expect(kor.exports_usd).toBe(year.mirror.exports);
    expect(kor.imports_usd).toBe(year.mirror.imports);
  });

  it("refuses a reference year without figures, naming the years it has as runs", async () => {
    await expect(countryPartners(store, "KOR", { referenceYear: 1901 })).rejects.toThrow(MissingDataError);
    await expect(countryPartners(store, "KOR", { referenceYear: 1901 })).rejects.toThrow(/it has \d{4}–\d{4}/);
  });
});
