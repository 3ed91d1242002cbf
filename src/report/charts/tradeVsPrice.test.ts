import { describe, expect, it } from "vitest";
import { renderSvg } from "./render.js";
import { allObjects, dataRows, linePaths, pieces, svgProblem, yTitles } from "./testSupport.js";
import { tradeVsPriceSpec, type TradeVsPriceInput } from "./tradeVsPrice.js";

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

describe("tradeVsPriceSpec", () => {
  it("puts trade in billion USD on the left and the price on an independent right axis", () => {
    const spec = tradeVsPriceSpec(input);
    expect(dataRows(spec).find((r) => r.year === 2012)).toMatchObject({ trade: 24, price: 111.67 });
    expect(yTitles(spec)).toContain("Trade, billion USD");
    expect(yTitles(spec)).toContain("Brent, USD per barrel");
    expect((spec as { resolve?: unknown }).resolve).toEqual({ scale: { y: "independent" } });
    const priceY = allObjects(spec).find((o) => (o.y as { field?: string } | undefined)?.field === "price")?.y as {
      axis: { orient: string };
    };
    expect(priceY.axis.orient).toBe("right");
  });

  it("breaks the price line at a missing year and leaves a missing trade year empty", async () => {
    const svg = await renderSvg(tradeVsPriceSpec(input));
    expect(svgProblem(svg)).toBeNull();
    expect(pieces(linePaths(svg).get("Brent, USD per barrel") ?? "")).toBe(2);
    expect([...svg.matchAll(/aria-roledescription="bar"/g)]).toHaveLength(4);
    expect(svg).toContain(">Trade and oil</text>");
    expect(svg).toContain(">Brent, USD per barrel</text>");
    expect(await renderSvg(tradeVsPriceSpec(input))).toBe(svg);
  });

  it("states the correlation in its description", () => {
    // Pearson r over 2012, 2013, 2015 (both known), checked with Python's statistics.correlation: 0.9909.
    expect(tradeVsPriceSpec(input).description).toContain("Correlation of the two over 3 years: 0.99.");
  });
});
