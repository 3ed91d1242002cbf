import { describe, expect, it } from "vitest";
import { coefficient, columnUnit, fixedPct, inUnit, pct, signedPct, usd } from "../../web/src/format.js";

describe("dashboard numbers never print a signed zero", () => {
  it("a balance that rounds to nothing in its column's unit is 0.0, not −0.0 (Korea–Serbia and Montenegro 1996 in the table)", () => {
    const unit = columnUnit([26.8e6, -36e6]);
    expect(inUnit(-30_000, unit)).toBe("0.0");
    expect(inUnit(-60_000, unit)).toBe("\u22120.1");
    expect(inUnit(-36e6, unit)).toBe("\u221236.0");
  });
  it("per cents, coefficients and dollars the same way", () => {
    expect(pct(-0.0004)).toBe("0.0\u00a0%");
    expect(pct(-0.004)).toBe("\u22120.4\u00a0%");
    expect(signedPct(-0.004)).toBe("0\u00a0%");
    expect(signedPct(0.22)).toBe("+22\u00a0%");
    expect(fixedPct(-0.0004)).toBe("0.0\u00a0%");
    expect(fixedPct(-0.001)).toBe("\u22120.1\u00a0%");
    expect(coefficient(-0.001)).toBe("0.00");
    expect(coefficient(-0.5)).toBe("\u22120.50");
    expect(usd(-0.3)).toBe("$0");
    expect(usd(-2.5e6)).toBe("\u2212$2.5 m");
  });
});
