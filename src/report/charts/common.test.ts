import { describe, expect, it } from "vitest";
import { InternalError, MissingDataError } from "../../errors.js";
import { checkShare, fillSeries, isolatedFlags, personsUnit, toUnit, usdUnit, yearRange, yearTicks } from "./common.js";

describe("usdUnit", () => {
  it("picks the unit from the largest magnitude, negatives included", () => {
    expect(usdUnit([7_789_791_000, null, 5])).toEqual({ divisor: 1e9, label: "billion USD" });
    expect(usdUnit([-2_500_000_000])).toEqual({ divisor: 1e9, label: "billion USD" });
    expect(usdUnit([888_800_000])).toEqual({ divisor: 1e6, label: "million USD" });
    expect(usdUnit([12_000])).toEqual({ divisor: 1e3, label: "thousand USD" });
    expect(usdUnit([9_999, null])).toEqual({ divisor: 1, label: "USD" });
    expect(usdUnit([null, undefined])).toEqual({ divisor: 1, label: "USD" });
  });
});

describe("personsUnit", () => {
  it("keeps plain persons below 10,000", () => {
    expect(personsUnit([770_000])).toEqual({ divisor: 1e3, label: "thousand persons" });
    expect(personsUnit([1_200_000])).toEqual({ divisor: 1e6, label: "million persons" });
    expect(personsUnit([3_200])).toEqual({ divisor: 1, label: "persons" });
  });
});

describe("toUnit", () => {
  it("divides and keeps null as null (a gap, not zero)", () => {
    expect(toUnit(7_789_791_000, { divisor: 1e9, label: "billion USD" })).toBe(7.789791);
    expect(toUnit(null, { divisor: 1e9, label: "billion USD" })).toBeNull();
    expect(toUnit(undefined, { divisor: 1, label: "USD" })).toBeNull();
  });
  it("rejects NaN and infinities", () => {
    expect(() => toUnit(Number.NaN, { divisor: 1, label: "USD" })).toThrow(InternalError);
    expect(() => toUnit(Infinity, { divisor: 1, label: "USD" })).toThrow(InternalError);
  });
});

describe("yearTicks", () => {
  it("labels every year for short spans and multiples of 5 or 10 for long ones", () => {
    expect(yearTicks(2015, 2019)).toEqual([2015, 2016, 2017, 2018, 2019]);
    expect(yearTicks(1992, 2023)).toEqual([1995, 2000, 2005, 2010, 2015, 2020]);
    expect(yearTicks(1950, 2023)).toEqual([1950, 1960, 1970, 1980, 1990, 2000, 2010, 2020]);
    expect(yearTicks(2019, 2019)).toEqual([2019]);
  });
});

describe("yearRange", () => {
  it("returns first and last year and rejects empty or fractional input", () => {
    expect(yearRange([2003, 1999, 2001], "t")).toEqual([1999, 2003]);
    expect(() => yearRange([], "t")).toThrow(MissingDataError);
    expect(() => yearRange([2001.5], "t")).toThrow(InternalError);
  });
});

describe("checkShare", () => {
  it("accepts fractions and rejects percentages", () => {
    expect(() => checkShare(0.45, "t", "x")).not.toThrow();
    expect(() => checkShare(1, "t", "x")).not.toThrow();
    expect(() => checkShare(45, "t", "x")).toThrow(/fraction/);
    expect(() => checkShare(-0.1, "t", "x")).toThrow(InternalError);
  });
});

describe("isolatedFlags", () => {
  it("flags values with no neighbour on either side", () => {
    expect(isolatedFlags([1, null, 2, 3, null, 4])).toEqual([true, false, false, false, false, true]);
    expect(isolatedFlags([5])).toEqual([true]);
    expect(isolatedFlags([null, 1, 2])).toEqual([false, false, false]);
  });
});

describe("fillSeries", () => {
  const points = [
    { year: 2010, series: "a", value: 1 },
    { year: 2013, series: "a", value: 4 },
    { year: 2012, series: "b", value: 7 },
  ];
  it("fills every year of a series' own span with null on the annual grid", () => {
    const rows = fillSeries(points, ["a", "b"], "annual", "t");
    expect(rows.filter((r) => r.series === "a").map((r) => [r.year, r.value])).toEqual([
      [2010, 1],
      [2011, null],
      [2012, null],
      [2013, 4],
    ]);
    expect(rows.filter((r) => r.series === "b").map((r) => r.year)).toEqual([2012]);
  });
  it("uses only the years present in the input on the input-years grid", () => {
    const rows = fillSeries(points, ["a", "b"], "input-years", "t");
    expect(rows.filter((r) => r.series === "a").map((r) => [r.year, r.value])).toEqual([
      [2010, 1],
      [2012, null],
      [2013, 4],
    ]);
    expect(rows.filter((r) => r.series === "b").map((r) => r.value)).toEqual([null, 7, null]);
  });
  it("rejects two values for one series and year", () => {
    expect(() => fillSeries([...points, { year: 2010, series: "a", value: 2 }], ["a"], "annual", "t")).toThrow(
      /two values for a in 2010/,
    );
  });
});
