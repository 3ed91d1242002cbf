import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MissingDataError, UsageError } from "../errors.js";
import { cagr, cagrBetween, decadeSummaries, growthMultiple, records, yearOnYear } from "./growth.js";
import { alignByYear, sortByYear, valueAt } from "./series.js";

describe("series helpers", () => {
  it("sorts by year without touching the input", () => {
    const input = [
      { year: 2001, value: 2 },
      { year: 1999, value: 1 },
    ];
    expect(sortByYear(input).map((p) => p.year)).toEqual([1999, 2001]);
    expect(input[0].year).toBe(2001);
  });
  it("rejects duplicate years and non-finite values", () => {
    expect(() => sortByYear([{ year: 2000, value: 1 }, { year: 2000, value: 2 }])).toThrow(UsageError);
    expect(() => sortByYear([{ year: 2000, value: Number.NaN }])).toThrow(/2000/);
  });
  it("reads a gap as undefined, not zero", () => {
    expect(valueAt([{ year: 2000, value: 5 }], 2001)).toBeUndefined();
  });
  it("aligns a at t with b at t − lag", () => {
    const a = [
      { year: 2001, value: 10 },
      { year: 2002, value: 20 },
    ];
    const b = [
      { year: 2000, value: 1 },
      { year: 2001, value: 2 },
    ];
    expect(alignByYear(a, b, 1)).toEqual([
      { year: 2001, a: 10, b: 1 },
      { year: 2002, a: 20, b: 2 },
    ]);
    expect(alignByYear(a, b)).toEqual([{ year: 2001, a: 10, b: 2 }]);
  });
});

describe("growthMultiple and cagr", () => {
  // KITA (2020-09-07): Korea–Russia trade 888.8 (1990) → 22,340 USD million (2019).
  // 22340 / 888.8 = 25.13501...; (25.13501)^(1/29) − 1 = exp(ln(25.13501)/29) − 1 = exp(3.22427/29) − 1
  // = exp(0.111182) − 1 = 0.117598.
  it("reproduces the KITA '25 times' and its CAGR", () => {
    expect(growthMultiple(888.8, 22340)).toBeCloseTo(25.13501, 5);
    expect(cagr(888.8, 22340, 29)).toBeCloseTo(0.1176, 4);
    expect(cagrBetween([{ year: 2019, value: 22340 }, { year: 1990, value: 888.8 }], 1990, 2019)).toBeCloseTo(0.117598, 6);
  });
  it("is undefined where a multiple has no meaning", () => {
    expect(growthMultiple(0, 5)).toBeUndefined();
    expect(growthMultiple(-1, 5)).toBeUndefined();
    expect(cagr(100, 200, 0)).toBeUndefined();
    // A total collapse is a rate of −100 %: (0/100)^(1/2) − 1 = −1.
    expect(cagr(100, 0, 2)).toBe(-1);
  });
  it("names the missing end year and rejects reversed ranges", () => {
    const s = [{ year: 1990, value: 1 }];
    expect(() => cagrBetween(s, 1990, 2019)).toThrow(MissingDataError);
    expect(() => cagrBetween(s, 1990, 2019)).toThrow(/2019/);
    expect(() => cagrBetween(s, 2019, 1990)).toThrow(UsageError);
  });
  it("recovers the rate of a geometric series (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.double({ min: -0.5, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 40 }),
        (start, rate, years) => {
          const series = Array.from({ length: years + 1 }, (_, t) => ({ year: 2000 + t, value: start * (1 + rate) ** t }));
          const got = cagrBetween(series.reverse(), 2000, 2000 + years);
          expect(got).toBeDefined();
          expect(Math.abs((got as number) - rate)).toBeLessThan(1e-9);
        },
      ),
    );
  });
});

describe("yearOnYear", () => {
  it("computes growth only between consecutive years with a positive base", () => {
    const s = [
      { year: 2003, value: 0 },
      { year: 2001, value: 110 },
      { year: 2000, value: 100 },
      { year: 2004, value: 50 },
      { year: 2006, value: 60 },
    ];
    // 2001: 110/100 − 1 = 0.1; 2003 has no 2002 (gap); 2004 has base 0; 2006 has no 2005.
    const g = yearOnYear(s);
    expect(g.map((x) => x.year)).toEqual([2001]);
    expect(g[0].growth).toBeCloseTo(0.1, 12);
  });
});

describe("records", () => {
  it("finds high, low and a new record in the last year", () => {
    const base = [
      { year: 2017, value: 5 },
      { year: 2018, value: 9 },
      { year: 2019, value: 3 },
      { year: 2016, value: 1 },
    ];
    expect(records(base)).toEqual({ high: { year: 2018, value: 9 }, low: { year: 2016, value: 1 }, lastIsRecordHigh: false });
    expect(records([...base, { year: 2020, value: 10 }])?.lastIsRecordHigh).toBe(true);
  });
  it("does not call a tie a record, and keeps the earliest year of the high", () => {
    const r = records([
      { year: 2018, value: 9 },
      { year: 2019, value: 9 },
    ]);
    expect(r?.high.year).toBe(2018);
    expect(r?.lastIsRecordHigh).toBe(false);
  });
  it("is undefined when empty and claims no record for one year", () => {
    expect(records([])).toBeUndefined();
    expect(records([{ year: 2000, value: 1 }])?.lastIsRecordHigh).toBe(false);
  });
});

describe("decadeSummaries", () => {
  it("summarises each calendar decade on its own rows", () => {
    const s = [
      { year: 2002, value: 242 },
      { year: 1998, value: 100 },
      { year: 1999, value: 110 },
      { year: 2000, value: 200 },
    ];
    const d = decadeSummaries(s);
    // 1990s: (100 + 110)/2 = 105; CAGR 110/100 − 1 = 0.1 over one year.
    // 2000s: (200 + 242)/2 = 221; CAGR (242/200)^(1/2) − 1 = √1.21 − 1 = 0.1 (2001 missing, 2 years elapsed).
    expect(d.map((x) => [x.decade, x.firstYear, x.lastYear, x.observations, x.meanValue])).toEqual([
      [1990, 1998, 1999, 2, 105],
      [2000, 2000, 2002, 2, 221],
    ]);
    expect(d[0].cagr).toBeCloseTo(0.1, 12);
    expect(d[1].cagr).toBeCloseTo(0.1, 12);
  });
  it("leaves a one-year decade's CAGR undefined", () => {
    expect(decadeSummaries([{ year: 2020, value: 5 }])[0].cagr).toBeUndefined();
  });
});
