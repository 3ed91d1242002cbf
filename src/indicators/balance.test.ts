import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MissingDataError, UsageError } from "../errors.js";
import { allStreaks, balanceSeries, balanceStreak, cumulativeBalance } from "./balance.js";

// IMF DOTS, Korea-reported, USD million (<data folder>/trade/imf-dots/dots_korea_russia_annual.csv):
// Korea's exports to (FOB) and imports from (CIF) Russia, 2005–2020.
const KOR_EXPORTS_TO_RUS: [number, number][] = [
  [2005, 3864.17], [2006, 5179.247999], [2007, 8087.746001], [2008, 9747.957001], [2009, 4194.066001],
  [2010, 7759.836034], [2011, 10306.067148], [2012, 11097.138316], [2013, 11149.103326], [2014, 10129.248587],
  [2015, 4685.73213], [2016, 4764.83938], [2017, 6693.933], [2018, 7475.643079], [2019, 7789.791], [2020, 6905.003],
];
const KOR_IMPORTS_FROM_RUS: [number, number][] = [
  [2005, 3936.623001], [2006, 4572.967], [2007, 6977.476999], [2008, 8340.059998], [2009, 5788.758999],
  [2010, 9899.456279], [2011, 10855.391544], [2012, 11354.318179], [2013, 11495.499781], [2014, 15669.238248],
  [2015, 11308.287055], [2016, 8643.409115], [2017, 11738.55], [2018, 17458.116625], [2019, 14531.534], [2020, 10682.69],
];
const toSeries = (rows: [number, number][]) => rows.map(([year, value]) => ({ year, value }));

describe("Korea–Russia balance (DOTS)", () => {
  const balances = balanceSeries(toSeries(KOR_EXPORTS_TO_RUS).reverse(), toSeries(KOR_IMPORTS_FROM_RUS));

  it("gives exports − imports per year", () => {
    // 2009: 4194.066001 − 5788.758999 = −1594.692998 (PROVENANCE.md: −1,594.7).
    expect(balances.find((b) => b.year === 2009)?.value).toBeCloseTo(-1594.692998, 6);
    expect(balances.map((b) => b.year)).toEqual(Array.from({ length: 16 }, (_, i) => 2005 + i));
  });
  it("reports the chronic deficit since 2009 through 2020", () => {
    expect(balanceStreak(balances)).toEqual({ sign: "deficit", since: 2009, through: 2020, years: 12 });
  });
  it("as of 2008 reports the 2006–2008 surplus", () => {
    expect(balanceStreak(balances, { asOf: 2008 })).toEqual({ sign: "surplus", since: 2006, through: 2008, years: 3 });
  });
  it("lists all runs: deficit 2005, surplus 2006–2008, deficit 2009–2020", () => {
    // 2005: 3864.17 − 3936.623001 = −72.45 → deficit.
    expect(allStreaks(balances)).toEqual([
      { sign: "deficit", since: 2005, through: 2005, years: 1 },
      { sign: "surplus", since: 2006, through: 2008, years: 3 },
      { sign: "deficit", since: 2009, through: 2020, years: 12 },
    ]);
  });
  it("sums the 2006–2008 surplus", () => {
    // 606.280999 + 1110.269002 + 1407.897003 = 3124.447004
    expect(cumulativeBalance(balances, 2006, 2008)).toBeCloseTo(3124.447004, 6);
  });
});

describe("streak rules", () => {
  it("breaks on zero and on gaps", () => {
    const s = [
      { year: 2000, value: 5 },
      { year: 2001, value: 0 },
      { year: 2002, value: 3 },
      { year: 2004, value: 2 },
    ];
    expect(allStreaks(s)).toEqual([
      { sign: "surplus", since: 2000, through: 2000, years: 1 },
      { sign: "surplus", since: 2002, through: 2002, years: 1 },
      { sign: "surplus", since: 2004, through: 2004, years: 1 },
    ]);
    expect(balanceStreak([...s, { year: 2005, value: 0 }])).toBeUndefined();
    expect(balanceStreak([])).toBeUndefined();
  });
  it("only pairs years present on both sides", () => {
    expect(balanceSeries([{ year: 2000, value: 5 }, { year: 2001, value: 5 }], [{ year: 2001, value: 7 }])).toEqual([
      { year: 2001, value: -2 },
    ]);
  });
  it("streak lengths add up to the non-zero years of a gap-free series (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 30 }), (values) => {
        const s = values.map((value, i) => ({ year: 1990 + i, value }));
        const streaks = allStreaks(s);
        expect(streaks.reduce((n, x) => n + x.years, 0)).toBe(values.filter((v) => v !== 0).length);
        for (const x of streaks) expect(x.years).toBe(x.through - x.since + 1);
      }),
    );
  });
});

describe("cumulativeBalance", () => {
  it("refuses to sum over missing years and names them", () => {
    const s = [
      { year: 2000, value: 1 },
      { year: 2003, value: 1 },
    ];
    expect(() => cumulativeBalance(s, 2000, 2003)).toThrow(MissingDataError);
    expect(() => cumulativeBalance(s, 2000, 2003)).toThrow(/2001, 2002/);
    expect(() => cumulativeBalance(s, 2003, 2000)).toThrow(UsageError);
  });
});
