import { describe, expect, it } from "vitest";
import { renderSvg } from "./render.js";
import { allObjects, dataRows, linePaths, pieces, svgProblem, yTitles } from "./testSupport.js";
import { growthRates, tradeVsPriceSpec, type TradeVsPriceInput } from "./tradeVsPrice.js";

const input: TradeVsPriceInput = {
  title: "Trade and oil",
  priceLabel: "Brent, USD per barrel",
  years: [
    { year: 2012, tradeUsd: 24_000_000_000, price: 111.67 },
    { year: 2013, tradeUsd: 22_500_000_000, price: 108.66 },
    { year: 2014, tradeUsd: 25_800_000_000, price: null },
    { year: 2015, tradeUsd: 16_100_000_000, price: 52.32 },
    { year: 2016, tradeUsd: null, price: 43.64 },
  ],
};
const TRADE = "Trade, change on the year";
const PRICE = "Brent price, change on the year";

describe("growthRates", () => {
  it("is value(t)/value(t−1) − 1, and null across a missing year", () => {
    const rows = [{ year: 2000, v: 100 }, { year: 2001, v: 110 }, { year: 2002, v: null }, { year: 2003, v: 121 }];
    expect(growthRates(rows, (r) => r.v)).toEqual([null, 0.10000000000000009, null, null]);
  });
});

describe("tradeVsPriceSpec", () => {
  it("shows growth rates of trade and price on one percent axis, not two levels on two axes", () => {
    const spec = tradeVsPriceSpec(input);
    // By hand: 22.5/24 − 1 = −6.25 %; 25.8/22.5 − 1 = +14.67 %; 16.1/25.8 − 1 = −37.60 %.
    const trade = dataRows(spec).filter((r) => r.series === TRADE);
    expect(trade.map((r) => r.year)).toEqual([2013, 2014, 2015, 2016]);
    expect(trade[0]!.value as number).toBeCloseTo(-0.0625, 10);
    expect(trade[1]!.value as number).toBeCloseTo(0.146667, 5);
    expect(trade[2]!.value as number).toBeCloseTo(-0.376, 3);
    expect(trade[3]!.value).toBeNull();
    // 108.66/111.67 − 1 = −2.695 %; 2014 and 2015 have no rate (2014's price is missing); 43.64/52.32 − 1 = −16.59 %.
    const price = dataRows(spec).filter((r) => r.series === PRICE);
    expect(price.map((r) => (r.value === null ? null : Math.round((r.value as number) * 10000) / 10000))).toEqual([-0.027, null, null, -0.1659]);
    expect([...new Set(yTitles(spec).filter(Boolean))]).toEqual(["Change on the previous year"]);
    expect((spec as { resolve?: unknown }).resolve).toBeUndefined();
    expect(allObjects(spec).some((o) => (o.axis as { orient?: string } | undefined)?.orient === "right")).toBe(false);
  });

  it("breaks a line where a growth rate cannot be computed", async () => {
    const svg = await renderSvg(tradeVsPriceSpec(input));
    expect(svgProblem(svg)).toBeNull();
    expect(pieces(linePaths(svg).get(TRADE) ?? "")).toBe(1);
    // 2013 alone, then 2016 alone: both dots, no segment between them.
    expect(linePaths(svg).get(PRICE) ?? "").not.toMatch(/L/);
    expect(svg).toContain(">Trade and oil</text>");
    expect(await renderSvg(tradeVsPriceSpec(input))).toBe(svg);
  });

  it("states the correlation of the growth rates in its description", () => {
    // Both rates known in 2013 only: too few for a correlation, so only the latest year is described.
    const d = tradeVsPriceSpec(input).description;
    expect(d).toContain("In 2013: trade −6.3%, price −2.7%.");
    expect(d).not.toContain("Correlation");
  });
});
