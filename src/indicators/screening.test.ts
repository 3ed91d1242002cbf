import { describe, expect, it } from "vitest";
import { growthBreakYears, screenSeries, withoutYears } from "./screening.js";
import { logGrowthVolatility } from "./volatility.js";

const series = (start: number, values: number[]) => values.map((value, i) => ({ year: start + i, value }));

describe("screenSeries: split transition years", () => {
  it("flags a year when at least 10 % of its trade was booked under another entity", () => {
    // Synthetic: 2001 has 100 under the chosen entity and 20 under the old one: 20/120 = 16.7 % ≥ 10 %.
    // 2002 has 100 and 5: 5/105 = 4.8 % < 10 %, not flagged.
    const r = screenSeries({ own: series(2000, [100, 100, 100]), otherEntity: [{ year: 2001, entity: "OLD", value: 20 }, { year: 2002, entity: "OLD", value: 5 }] });
    expect(r.excludedYears).toEqual([2001]);
    expect(r.suspect[0]).toMatchObject({ year: 2001, reason: "split-transition", chosenValue: 100, otherValue: 20, otherEntity: "OLD" });
  });

  it("flags Korea–Russia 1992 from the DOTS workbook figures", () => {
    // IMF DOTS, Korea (DOTS_106.xlsx), USD millions, read with a second reader (zip + XML, not exceljs):
    // exports to "Russian Federation" 1992 117.6, 1993 601.2; to "USSR" 1991 625.2, 1992 364.8;
    // imports from "Russian Federation" 1992 74.4, 1993 974.4; from "USSR" 1991 577.2, 1992 494.4.
    const own = [
      { year: 1992, value: 117.6 + 74.4 },
      { year: 1993, value: 601.2 + 974.4 },
    ];
    const r = screenSeries({ own, otherEntity: [{ year: 1992, entity: "SUN", value: 364.8 + 494.4 }] });
    expect(r.excludedYears).toEqual([1992]);
    // 859.2 / (192 + 859.2) = 81.7 % of 1992's trade was booked under the USSR.
    expect(r.suspect[0]!.otherValue! / (r.suspect[0]!.otherValue! + r.suspect[0]!.chosenValue!)).toBeCloseTo(0.8174, 4);
  });
});

describe("screenSeries: own vs mirror", () => {
  it("flags a year more than a factor 2 off the pair's median own/mirror ratio; excludes it only as a low last year", () => {
    // Synthetic: ratios 1.1, 1.1, 1.1, 1.1, 1.1, 0.2: median 1.1; 0.2/1.1 = 0.18 < 1/2 → 2005 flagged,
    // and as the last year with the reporter's figure the low one (a partial year) it is excluded.
    const own = series(2000, [110, 110, 110, 110, 110, 20]);
    const mirror = series(2000, [100, 100, 100, 100, 100, 100]);
    const r = screenSeries({ own, mirror });
    expect(r.excludedYears).toEqual([2005]);
    expect(r.suspect[0]).toMatchObject({ year: 2005, reason: "mirror-outlier", excluded: true });
    expect(r.suspect[0]!.ratio).toBeCloseTo(0.2, 10);
    expect(r.suspect[0]!.medianRatio).toBeCloseTo(1.1, 10);
    // The same disagreement in a middle year is a caveat: one side is off, but not which.
    const middle = screenSeries({ own: series(2000, [110, 110, 20, 110, 110, 110]), mirror });
    expect(middle.suspect.filter((s) => s.reason === "mirror-outlier")).toMatchObject([{ year: 2002, excluded: false }]);
  });
  it("does not flag a steady gap, and needs five years of both sides", () => {
    // A pair whose reporter always books 3× the mirror (re-exports) is consistent, not suspect.
    expect(screenSeries({ own: series(2000, [300, 330, 360, 390, 420]), mirror: series(2000, [100, 110, 120, 130, 140]) }).suspect).toEqual([]);
    // Four years of both sides are too few to know the usual ratio.
    expect(screenSeries({ own: series(2000, [100, 100, 100, 10]), mirror: series(2000, [100, 100, 100, 100]) }).suspect).toEqual([]);
  });
});

describe("screenSeries: one-year spikes and dips", () => {
  it("flags a halving followed by a doubling back, not a fall that stays", () => {
    // Synthetic: 100 → 40 → 100: ln(0.4) = −0.92, ln(2.5) = +0.92, both ≥ ln 2 = 0.69 → 2001 flagged.
    expect(screenSeries({ own: series(2000, [100, 40, 100]) }).excludedYears).toEqual([2001]);
    // 100 → 40 → 45: the rebound ln(45/40) = 0.12 is small: a real fall (e.g. sanctions), not flagged.
    expect(screenSeries({ own: series(2000, [100, 40, 45]) }).excludedYears).toEqual([]);
    // 100 → 60 → 100: ln(0.6) = −0.51 < ln 2: ordinary swing, not flagged.
    expect(screenSeries({ own: series(2000, [100, 60, 100]) }).excludedYears).toEqual([]);
  });
});

describe("growthBreakYears and withoutYears", () => {
  it("lists years whose entity differs from the year before, never across a gap", () => {
    expect(growthBreakYears([{ year: 1991, entity: "SUN" }, { year: 1992, entity: "RUS" }, { year: 1993, entity: "RUS" }, { year: 1995, entity: "X" }])).toEqual([1992]);
  });
  it("removing a year removes the growth into and out of it", () => {
    // 100, 200, 100, 200, 400: growths ln2, −ln2, ln2, ln2 (sd 0.693147); without 2001 the
    // growths are only 2003 (ln2) and 2004 (ln2): fewer than three, so no volatility.
    const s = series(2000, [100, 200, 100, 200, 400]);
    expect(logGrowthVolatility(s)).toBeCloseTo(0.693147, 6);
    expect(withoutYears(s, [2001]).map((p) => p.year)).toEqual([2000, 2002, 2003, 2004]);
    expect(logGrowthVolatility(withoutYears(s, [2001]))).toBeUndefined();
  });
});
