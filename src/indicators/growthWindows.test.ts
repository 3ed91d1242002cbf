import { describe, expect, it } from "vitest";
import { longestMeaningfulWindow, meaningfulBase, shareChange, standardWindows } from "./growthWindows.js";

// Synthetic series, values chosen so the answers can be checked by hand.
const run = [
  { year: 1990, value: 1 },
  { year: 1991, value: 1.5 },
  { year: 2000, value: 4 },
  { year: 2001, value: 5 },
  { year: 2010, value: 50 },
  { year: 2020, value: 100 },
];

describe("meaningfulBase", () => {
  it("needs the base to be at least 2 % of the end value by default", () => {
    expect(meaningfulBase(2, 100)).toBe(true);
    expect(meaningfulBase(1.99, 100)).toBe(false);
    expect(meaningfulBase(0, 0)).toBe(false);
    expect(meaningfulBase(10, 100, 0.1)).toBe(true);
  });
});

describe("longestMeaningfulWindow", () => {
  it("moves the start to the first year whose value is at least 2 % of the end (1990 = 1 % → 2000 = 4 %)", () => {
    const w = longestMeaningfulWindow(run, 2020)!;
    expect([w.from_year, w.to_year, w.from_value, w.to_value, w.moved]).toEqual([2000, 2020, 4, 100, true]);
    expect(w.multiple).toBe(25);
    expect(w.cagr).toBeCloseTo(Math.pow(25, 1 / 20) - 1, 12);
  });
  it("keeps the run's start when its base qualifies", () => {
    const w = longestMeaningfulWindow(run, 2001)!;
    expect([w.from_year, w.multiple, w.moved]).toEqual([1990, 5, false]);
  });
  it("is undefined when the end year is not in the run", () => {
    expect(longestMeaningfulWindow(run, 2015)).toBeUndefined();
  });
});

describe("standardWindows", () => {
  it("gives 10/20/30-year windows whose start is in the run, flagging a base below 2 %", () => {
    const ws = standardWindows(run, 2020);
    expect(ws.map((w) => [w.years, w.from_year, w.multiple, w.meaningful])).toEqual([
      [10, 2010, 2, true],
      [20, 2000, 25, true],
      [30, 1990, 100, false],
    ]);
  });
  it("leaves out windows reaching before the run", () => {
    expect(standardWindows(run, 2010).map((w) => w.years)).toEqual([10, 20]);
  });
});

describe("shareChange", () => {
  it("pair 10 of 100 → 30 of 200: share 10 % → 15 %, +5 pp, total doubled", () => {
    const c = shareChange(
      [
        { year: 2000, value: 10 },
        { year: 2010, value: 30 },
      ],
      [
        { year: 2000, value: 100 },
        { year: 2010, value: 200 },
      ],
      2000,
      2010,
    )!;
    expect(c.from_share).toBeCloseTo(0.1, 12);
    expect(c.to_share).toBeCloseTo(0.15, 12);
    expect(c.change).toBeCloseTo(0.05, 12);
    expect(c.total_multiple).toBe(2);
  });
  it("is undefined without the side's total at both ends", () => {
    expect(shareChange([{ year: 2000, value: 1 }], [{ year: 2000, value: 10 }], 2000, 2010)).toBeUndefined();
  });
});
