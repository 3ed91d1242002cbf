import { describe, expect, it } from "vitest";
import { gapYears, MAX_GAP_YEARS, runEndingAt } from "./growth.js";

const series = (years: number[]) => years.map((year) => ({ year, value: year - 1900 }));
const years = (s: { year: number }[]) => s.map((x) => x.year);

describe("runEndingAt", () => {
  it("runs across a gap of up to MAX_GAP_YEARS missing years and stops at a longer one", () => {
    expect(MAX_GAP_YEARS).toBe(2);
    // South Korea–New Zealand's shape: 1999–2001, no 2002, 2003–2005.
    expect(years(runEndingAt(series([1999, 2000, 2001, 2003, 2004, 2005]), 2005))).toEqual([1999, 2000, 2001, 2003, 2004, 2005]);
    // Two missing years (2002, 2003) still one series; three (1996–1998) end it.
    expect(years(runEndingAt(series([1994, 1995, 1999, 2000, 2001, 2004, 2005]), 2005))).toEqual([1999, 2000, 2001, 2004, 2005]);
    // Years after the end year are not part of the run.
    expect(years(runEndingAt(series([2000, 2001, 2002, 2003]), 2002))).toEqual([2000, 2001, 2002]);
    expect(runEndingAt([], 2000)).toEqual([]);
  });

  it("names the missing years inside a run", () => {
    expect(gapYears(series([1999, 2000, 2001, 2004, 2005]))).toEqual([2002, 2003]);
    expect(gapYears(series([2000, 2001]))).toEqual([]);
    expect(gapYears([])).toEqual([]);
  });
});
