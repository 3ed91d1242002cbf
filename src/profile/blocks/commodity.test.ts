import { describe, expect, it } from "vitest";
import { commodityBlock } from "./commodity.js";

// Synthetic series (labelled so): a pair whose totals end before the price series begins, as Iran's
// reports of its trade with Iraq (1964–1968) against Brent (from 1987).
const run = [1964, 1965, 1966, 1967, 1968].map((year, i) => ({ year, value: 3e6 + i * 1e6 }));
const prices = (from: number) => ({ series: [0, 1, 2, 3, 4].map((i) => ({ year: from + i, value: 20 + i })), unit: "USD per barrel", refs: [] });

describe("commodityBlock", () => {
  it("has no block, and so no chart, when fewer than 3 years of trade fall in the price series", () => {
    expect(commodityBlock("brent", prices(1987), run, [])).toBeUndefined();
    expect(commodityBlock("brent", prices(1967), run, [])).toBeUndefined();
    expect(commodityBlock("brent", prices(1966), run, [])?.years.map((y) => y.year)).toEqual([1966, 1967, 1968]);
  });
});
