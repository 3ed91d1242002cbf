import { describe, expect, it } from "vitest";
import { floatNoiseReplacer, withoutFloatNoise } from "./floatNoise.js";

describe("withoutFloatNoise", () => {
  // 117.6 (USD millions, as DOTS publishes it) × 1e6 in IEEE doubles is 117600000.00000001.
  it("turns 117.6 × 1e6 back into 117600000", () => expect(String(withoutFloatNoise(117.6 * 1e6))).toBe("117600000"));
  it("turns 0.1 + 0.2 into 0.3", () => expect(withoutFloatNoise(0.1 + 0.2)).toBe(0.3));
  it("keeps a share's published digits (22.3 % = 0.223)", () => expect(withoutFloatNoise(0.223)).toBe(0.223));
  it("keeps integers, null and undefined", () => {
    expect(withoutFloatNoise(22_320_000_000)).toBe(22_320_000_000);
    expect(withoutFloatNoise(null)).toBeNull();
    expect(withoutFloatNoise(undefined)).toBeUndefined();
  });
  it("changes no value by more than one part in 10^11", () => {
    for (const v of [8.888e8 * 1.0000001, 1 / 3, 12345.678901234567, -346.4e6 * 1.1]) expect(Math.abs(withoutFloatNoise(v) - v) / Math.abs(v)).toBeLessThan(1e-11);
  });
  it("cleans every number of a JSON document", () => expect(JSON.stringify({ a: [117.6 * 1e6, { b: 0.1 + 0.2 }], y: 1990 }, floatNoiseReplacer)).toBe('{"a":[117600000,{"b":0.3}],"y":1990}'));
});
