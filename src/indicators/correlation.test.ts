import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { UsageError } from "../errors.js";
import {
  averageRanks,
  lnGamma,
  pearson,
  regularizedIncompleteBeta,
  seriesCorrelation,
  spearman,
  studentTTwoSidedPValue,
} from "./correlation.js";

describe("lnGamma", () => {
  it("matches factorials and Γ(½) = √π", () => {
    expect(lnGamma(5)).toBeCloseTo(Math.log(24), 12); // Γ(5) = 4! = 24
    expect(lnGamma(10)).toBeCloseTo(Math.log(362880), 11); // Γ(10) = 9!
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(lnGamma(0.1)).toBeCloseTo(Math.log(9.513507698668732), 11); // Γ(0.1), A&S table 6.1 scaled
    expect(lnGamma(0)).toBeUndefined();
  });
});

describe("regularizedIncompleteBeta", () => {
  it("matches closed forms", () => {
    // I_x(1,1) = x; I_x(a,1) = x^a; I_x(1,b) = 1 − (1−x)^b; I_x(2,2) = 3x² − 2x³; I_½(a,a) = ½.
    expect(regularizedIncompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    expect(regularizedIncompleteBeta(0.7, 3, 1)).toBeCloseTo(0.343, 12);
    expect(regularizedIncompleteBeta(0.2, 1, 3)).toBeCloseTo(1 - 0.8 ** 3, 12);
    expect(regularizedIncompleteBeta(0.6, 2, 2)).toBeCloseTo(3 * 0.36 - 2 * 0.216, 12);
    expect(regularizedIncompleteBeta(0.5, 7.5, 7.5)).toBeCloseTo(0.5, 12);
  });
  it("matches reference values (SciPy 1.17 scipy.special.betainc)", () => {
    expect(regularizedIncompleteBeta(0.3, 2.5, 0.5)).toBeCloseTo(0.018927124071945658, 12);
    expect(regularizedIncompleteBeta(0.4, 10, 20)).toBeCloseTo(0.7853183897628262, 11);
  });
  it("is undefined outside its domain", () => {
    expect(regularizedIncompleteBeta(1.2, 1, 1)).toBeUndefined();
    expect(regularizedIncompleteBeta(0.5, 0, 1)).toBeUndefined();
  });
  it("satisfies I_x(a,b) = 1 − I_{1−x}(b,a) and stays in [0, 1] (property)", () => {
    fc.assert(
      fc.property(
        // x away from 0 and 1: there 1 − x loses the digits the identity needs, not the function.
        fc.double({ min: 1e-3, max: 1 - 1e-3, noNaN: true }),
        fc.double({ min: 0.1, max: 50, noNaN: true }),
        fc.double({ min: 0.1, max: 50, noNaN: true }),
        (x, a, b) => {
          const left = regularizedIncompleteBeta(x, a, b) as number;
          const right = regularizedIncompleteBeta(1 - x, b, a) as number;
          expect(left).toBeGreaterThanOrEqual(0);
          expect(left).toBeLessThanOrEqual(1);
          expect(Math.abs(left - (1 - right))).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("studentTTwoSidedPValue", () => {
  it("matches t tables", () => {
    // Two-sided 5 % critical value for 10 df is 2.228 (2.2281389 to more digits).
    expect(studentTTwoSidedPValue(2.228, 10)).toBeCloseTo(0.05, 4);
    expect(studentTTwoSidedPValue(2.2281388519862, 10)).toBeCloseTo(0.05, 10);
    expect(studentTTwoSidedPValue(2.0, 10)).toBeCloseTo(0.0734, 4);
    expect(studentTTwoSidedPValue(-2.0, 10)).toBeCloseTo(0.0734, 4);
    expect(studentTTwoSidedPValue(0, 5)).toBe(1);
  });
  it("matches closed forms for 1 and 2 df", () => {
    // df = 1 (Cauchy): p = 1 − (2/π)·atan|t|. df = 2: p = 1 − |t|/√(2 + t²).
    for (const t of [0.3, 1, 4.5, 30]) {
      expect(studentTTwoSidedPValue(t, 1)).toBeCloseTo(1 - (2 / Math.PI) * Math.atan(t), 12);
      expect(studentTTwoSidedPValue(t, 2)).toBeCloseTo(1 - t / Math.sqrt(2 + t * t), 12);
    }
  });
});

describe("pearson", () => {
  it("computes r, t and p", () => {
    // x = 1..5, y = 2,4,5,4,5: dx = −2,−1,0,1,2; dy = −2,0,1,0,1; Σdxdy = 6, Σdx² = 10, Σdy² = 6;
    // r = 6/√60 = 0.7745967; t = r·√(3/(1 − 0.6)) = 2.1213203; df 3 closed form:
    // p = 1 − (2/π)(θ + sinθ cosθ), θ = atan(t/√3) → 0.1240271 (SciPy pearsonr agrees).
    const r = pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]);
    expect(r?.n).toBe(5);
    expect(r?.r).toBeCloseTo(0.7745967, 7);
    expect(r?.tStatistic).toBeCloseTo(2.1213203, 7);
    expect(r?.pValue).toBeCloseTo(0.1240271, 7);
  });
  it("handles perfect and undefined correlation", () => {
    expect(pearson([1, 2, 3], [3, 2, 1])).toEqual({ n: 3, r: -1, tStatistic: undefined, pValue: 0 });
    expect(pearson([1, 2, 3], [5, 5, 5])).toBeUndefined();
    expect(pearson([1, 2], [1, 2])).toBeUndefined();
    expect(() => pearson([1, 2, 3], [1, 2])).toThrow(UsageError);
  });
  it("keeps r in [−1, 1] and p in [0, 1] (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), {
          minLength: 3,
          maxLength: 30,
        }),
        (pairs) => {
          const res = pearson(
            pairs.map((p) => p[0]),
            pairs.map((p) => p[1]),
          );
          if (res === undefined) return;
          expect(Math.abs(res.r)).toBeLessThanOrEqual(1);
          expect(res.pValue).toBeGreaterThanOrEqual(0);
          expect(res.pValue).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("spearman", () => {
  it("averages tied ranks", () => {
    expect(averageRanks([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]);
    // y = 1,3,2,2,5 → ranks 1,4,2.5,2.5,5; against 1..5: Σdxdy = 4 − 1 + 0 − 0.5 + 4 = 6.5,
    // Σdx² = 10, Σdy² = 4 + 1 + 0.25 + 0.25 + 4 = 9.5 → ρ = 6.5/√95 = 0.6668859 (SciPy spearmanr: p 0.2188940).
    const r = spearman([1, 2, 3, 4, 5], [1, 3, 2, 2, 5]);
    expect(r?.r).toBeCloseTo(0.6668859, 7);
    expect(r?.pValue).toBeCloseTo(0.218894, 6);
  });
  it("is 1 for any increasing transform", () => {
    expect(spearman([1, 2, 3, 4], [1, 10, 100, 1000])?.r).toBe(1);
  });
});

describe("seriesCorrelation", () => {
  const a = [1, 2, 3, 4, 5].map((value, i) => ({ year: 2000 + i, value }));
  const b = [2, 4, 5, 4, 5].map((value, i) => ({ year: 2000 + i, value }));
  it("aligns on years (r as in the pearson example)", () => {
    expect(seriesCorrelation(a, [...b].reverse())).toEqual({ n: 5, r: expect.closeTo(0.7745967, 7), pValue: expect.closeTo(0.1240271, 7), years: [2000, 2004] });
  });
  it("pairs a at t with b at t − lag", () => {
    const bLeads = b.map((p) => ({ year: p.year - 1, value: p.value })); // same values one year earlier
    expect(seriesCorrelation(a, bLeads, { lagYears: 1 })?.r).toBeCloseTo(0.7745967, 7);
    // Without the lag only 2000–2003 pair up: a = 1..4 with b = 4,5,4,5 → a different r (0.4472136 = 2/√20).
    const unlagged = seriesCorrelation(a, bLeads);
    expect(unlagged?.n).toBe(4);
    expect(unlagged?.r).toBeCloseTo(0.4472136, 7);
  });
  it("correlates growth rates when asked", () => {
    // a grows +10 %, −10 %, +20 %, −10 %; b grows exactly twice as fast each year → growth r = 1.
    const ga = [100, 110, 99, 118.8, 106.92].map((value, i) => ({ year: 2000 + i, value }));
    const gb = [100, 120, 96, 134.4, 107.52].map((value, i) => ({ year: 2000 + i, value }));
    const res = seriesCorrelation(ga, gb, { on: "growth" });
    expect(res?.n).toBe(4);
    expect(res?.years).toEqual([2001, 2004]);
    expect(res?.r).toBeCloseTo(1, 12);
  });
  it("is undefined with fewer than 3 pairs", () => {
    expect(seriesCorrelation(a.slice(0, 2), b)).toBeUndefined();
  });
});
