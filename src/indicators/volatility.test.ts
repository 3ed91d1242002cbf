import { describe, expect, it } from "vitest";
import { coefficientOfVariation, logGrowthVolatility, relativeVolatility, sampleStandardDeviation, shockYears, volatilityRatioLeaveOneOut } from "./volatility.js";

const series = (start: number, values: number[]) => values.map((value, i) => ({ year: start + i, value }));

describe("logGrowthVolatility", () => {
  it("is the sample sd of log growth", () => {
    // 100, 200, 100, 200 → g = ln2, −ln2, ln2; mean ln2/3; deviations 2ln2/3, −4ln2/3, 2ln2/3;
    // Σd² = 24/9·ln²2; /(3 − 1) = 4/3·ln²2; sd = 2ln2/√3 = 0.8003774.
    expect(logGrowthVolatility(series(2000, [100, 200, 100, 200]))).toBeCloseTo(0.8003774, 7);
  });
  it("skips pairs across gaps and non-positive values, then needs 3 growths", () => {
    // Growths: 2001 (ln2), 2002 (−ln2); 2003 has value 0 (skipped both sides), 2005 has no 2004.
    const s = [
      { year: 2000, value: 1 },
      { year: 2001, value: 2 },
      { year: 2002, value: 1 },
      { year: 2003, value: 0 },
      { year: 2005, value: 4 },
    ];
    expect(logGrowthVolatility(s)).toBeUndefined();
    // Adding 2006 gives a third growth ln(8/4) = ln2: sd of (ln2, −ln2, ln2) = 0.8003774 as above.
    expect(logGrowthVolatility([...s, { year: 2006, value: 8 }])).toBeCloseTo(0.8003774, 7);
  });
});

describe("coefficientOfVariation", () => {
  it("divides the sample sd by the mean", () => {
    // 2,4,4,4,5,5,7,9: mean 5, Σd² = 9+1+1+1+0+0+4+16 = 32, var = 32/7, sd = 2.1380899, CV = 0.4276180.
    expect(coefficientOfVariation([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(0.427618, 6);
    expect(sampleStandardDeviation([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.1380899, 7);
  });
  it("is undefined for < 2 values or a non-positive mean", () => {
    expect(coefficientOfVariation([5])).toBeUndefined();
    expect(coefficientOfVariation([-1, 1])).toBeUndefined();
  });
});

describe("relativeVolatility", () => {
  it("ranks the target among peers with mid-ranks for ties", () => {
    const target = series(2000, [100, 200, 100, 200]); // 0.8003774 (see above)
    const r = relativeVolatility(target, [
      { key: "steady", series: series(2000, [1, 2, 4, 8]) }, // ln2 every year → sd 0
      { key: "same", series: series(2000, [100, 200, 100, 200]) }, // 0.8003774
      { key: "wild", series: series(2000, [1, 4, 1, 4]) }, // ±ln4 → twice the target: 1.6007548
      { key: "short", series: series(2019, [1, 2]) }, // one growth → undefined, not compared
    ]);
    expect(r).toBeDefined();
    // Below: 1 (steady), equal: 1 (same) → (1 + 0.5)/3 = 0.5. Median of 0, 0.80, 1.60 = 0.80 → ratio 1.
    expect(r?.peersCompared).toBe(3);
    expect(r?.percentileRank).toBeCloseTo(0.5, 12);
    expect(r?.peerMedianVolatility).toBeCloseTo(0.8003774, 7);
    expect(r?.ratioToPeerMedian).toBeCloseTo(1, 12);
    expect(r?.peers.find((p) => p.key === "wild")?.volatility).toBeCloseTo(1.6007548, 7);
    expect(r?.peers.find((p) => p.key === "short")?.volatility).toBeUndefined();
  });
  it("is undefined without comparable peers", () => {
    expect(relativeVolatility(series(2000, [100, 200, 100, 200]), [])).toBeUndefined();
  });
});

describe("shockYears", () => {
  // Korea–Russia trade (DOTS, Korea exports + imports, USD million): 2008 18,088.0 → 2009 9,982.8.
  // 9982.825 / 18088.016999 − 1 = −0.44810.
  it("finds falls at or below the threshold", () => {
    const s = [
      { year: 2009, value: 9982.825 },
      { year: 2008, value: 18088.016999 },
      { year: 2010, value: 17659.292313 },
    ];
    const shocks = shockYears(s);
    expect(shocks).toHaveLength(1);
    expect(shocks[0]).toMatchObject({ year: 2009, fromValue: 18088.016999, toValue: 9982.825 });
    expect(shocks[0].growth).toBeCloseTo(-0.4481, 4);
    expect(shockYears(s, { thresholdFall: -0.5 })).toEqual([]);
  });
  it("includes a fall exactly at the threshold and ignores gaps", () => {
    // 100 → 75 is exactly −25 %; 2003 follows a gap and is not a growth year.
    const s = [
      { year: 2000, value: 100 },
      { year: 2001, value: 75 },
      { year: 2003, value: 1 },
    ];
    expect(shockYears(s, { thresholdFall: -0.25 }).map((x) => x.year)).toEqual([2001]);
  });
});

describe("volatilityRatioLeaveOneOut", () => {
  it("recomputes the ratio to the peer median with each growth year left out of target and peers", () => {
    // Target 1, 4, 1, 4, 4: growths 2001..2004 = 2ln2, −2ln2, 2ln2, 0. Peer 1, 2, 1, 2, 1: ln2, −ln2, ln2, −ln2.
    // Without 2004: target (2ln2, −2ln2, 2ln2) sd 1.6007548, peer (ln2, −ln2, ln2) sd 0.8003774 → 2.
    // Without 2001: target (−2ln2, 2ln2, 0): mean 0, Σd² = 8ln²2, /2 → sd 2ln2; peer 0.8003774 → √3.
    const r = volatilityRatioLeaveOneOut(series(2000, [1, 4, 1, 4, 4]), [{ key: "p", series: series(2000, [1, 2, 1, 2, 1]) }]);
    expect(r.map((x) => x.year)).toEqual([2001, 2002, 2003, 2004]);
    expect(r.find((x) => x.year === 2004)!.ratio).toBeCloseTo(2, 10);
    expect(r.find((x) => x.year === 2001)!.ratio).toBeCloseTo(Math.sqrt(3), 10);
  });
});
