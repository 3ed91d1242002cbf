import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { UsageError } from "../errors.js";
import { grubelLloyd, grubelLloydAggregate } from "./intraIndustry.js";

describe("Grubel–Lloyd", () => {
  it("per product", () => {
    // 1 − |30 − 10| / 40 = 0.5
    expect(grubelLloyd(30, 10)).toBeCloseTo(0.5, 12);
    expect(grubelLloyd(7, 7)).toBe(1);
    expect(grubelLloyd(7, 0)).toBe(0);
    expect(grubelLloyd(0, 0)).toBeUndefined();
    expect(() => grubelLloyd(-1, 2)).toThrow(UsageError);
  });
  it("aggregates weighted by trade, not as a plain average", () => {
    // |30−10| + |0−20| + |5−5| = 40; Σ(X+M) = 40 + 20 + 10 = 70 → 1 − 40/70 = 3/7 = 0.428571
    // (the unweighted mean of 0.5, 0, 1 would be 0.5).
    const products = [
      { exports: 30, imports: 10 },
      { exports: 0, imports: 20 },
      { exports: 5, imports: 5 },
    ];
    expect(grubelLloydAggregate(products)).toBeCloseTo(3 / 7, 12);
    expect(grubelLloydAggregate([])).toBeUndefined();
  });
  it("lies in [0, 1] (property)", () => {
    const v = fc.double({ min: 0, max: 1e12, noNaN: true });
    fc.assert(
      fc.property(v, v, fc.array(fc.record({ exports: v, imports: v }), { maxLength: 30 }), (x, m, products) => {
        for (const g of [grubelLloyd(x, m), grubelLloydAggregate(products)]) {
          if (g === undefined) continue;
          expect(g).toBeGreaterThanOrEqual(0);
          expect(g).toBeLessThanOrEqual(1);
        }
      }),
    );
  });
});
