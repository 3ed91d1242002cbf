import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { UsageError } from "../errors.js";
import { hhi, normalizedHhi, topShares } from "./concentration.js";

describe("hhi", () => {
  it("sums squared shares", () => {
    // 50, 30, 20 of 100: 0.25 + 0.09 + 0.04 = 0.38
    expect(hhi([50, 30, 20])).toBeCloseTo(0.38, 12);
    expect(hhi([7])).toBe(1);
  });
  it("normalizes to [0, 1]", () => {
    // (0.38 − 1/3) / (1 − 1/3) = 0.046667 / 0.666667 = 0.07
    expect(normalizedHhi([50, 30, 20])).toBeCloseTo(0.07, 12);
    expect(normalizedHhi([5, 5, 5, 5])).toBe(0);
    expect(normalizedHhi([5, 0])).toBe(1);
    expect(normalizedHhi([5])).toBeUndefined();
  });
  it("is undefined without mass and rejects negatives", () => {
    expect(hhi([])).toBeUndefined();
    expect(hhi([0, 0])).toBeUndefined();
    expect(() => hhi([1, -1])).toThrow(UsageError);
  });
  it("lies in [1/n, 1] (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e12, noNaN: true }), { minLength: 1, maxLength: 60 }), (values) => {
        const h = hhi(values);
        if (h === undefined) return;
        expect(h).toBeGreaterThanOrEqual(1 / values.length - 1e-12);
        expect(h).toBeLessThanOrEqual(1 + 1e-12);
        const n = normalizedHhi(values);
        if (n !== undefined) {
          expect(n).toBeGreaterThanOrEqual(0);
          expect(n).toBeLessThanOrEqual(1);
        }
      }),
    );
  });
});

describe("topShares", () => {
  it("takes the n largest with shares of the whole", () => {
    const r = topShares(
      [
        { key: "b", value: 20 },
        { key: "a", value: 50 },
        { key: "c", value: 20 },
        { key: "d", value: 10 },
      ],
      2,
    );
    // a 50/100 = 0.5, then the tie b/c at 0.2 broken by key → b; together 0.7.
    expect(r?.top.map((p) => [p.key, p.share])).toEqual([
      ["a", 0.5],
      ["b", 0.2],
    ]);
    expect(r?.combinedShare).toBeCloseTo(0.7, 12);
  });
  it("returns all parts when fewer than n and rejects n < 1", () => {
    expect(topShares([{ key: "a", value: 1 }], 5)?.top).toHaveLength(1);
    expect(() => topShares([{ key: "a", value: 1 }], 0)).toThrow(UsageError);
  });
});
