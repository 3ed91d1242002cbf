import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MissingDataError, UsageError } from "../errors.js";
import { rankChanges, sharesOfTotal, shareSeries, shareShift } from "./shares.js";

// IMF DOTS, Russia-reported imports CIF, USD million, read by hand from
// <data folder>/trade/imf-dots/dots_kor_rus_ussr_by_partner_long.csv (reporter "Russian Federation",
// flow imports_cif): partner "World" 1995 = 46,399.372, 2019 = 242,627.666419;
// partner "China, P.R.: Mainland" 1995 = 864.5, 2019 = 54,066.431304.
const RUS_IMPORTS_WORLD = [
  { year: 1995, value: 46399.372 },
  { year: 2019, value: 242627.666419 },
];
const RUS_IMPORTS_BY_PARTNER = [
  { year: 1995, key: "CHN", value: 864.5 },
  { year: 2019, key: "CHN", value: 54066.431304 },
];

describe("sharesOfTotal", () => {
  it("gives China's share of Russia's imports (published 1.9 % and 22.3 %)", () => {
    // 864.5 / 46399.372 = 0.018632; 54066.431304 / 242627.666419 = 0.222837.
    expect(sharesOfTotal([{ key: "CHN", value: 864.5 }], 46399.372)?.[0].share).toBeCloseTo(0.019, 3);
    expect(sharesOfTotal([{ key: "CHN", value: 54066.431304 }], 242627.666419)?.[0].share).toBeCloseTo(0.223, 3);
  });
  it("uses the sum of the parts without a total", () => {
    // 1/(1+3) = 0.25, 3/4 = 0.75
    expect(sharesOfTotal([{ key: "a", value: 1 }, { key: "b", value: 3 }])?.map((p) => p.share)).toEqual([0.25, 0.75]);
  });
  it("is undefined for a zero denominator and rejects bad parts", () => {
    expect(sharesOfTotal([{ key: "a", value: 0 }])).toBeUndefined();
    expect(sharesOfTotal([{ key: "a", value: 1 }], 0)).toBeUndefined();
    expect(() => sharesOfTotal([{ key: "a", value: -1 }])).toThrow(UsageError);
    expect(() => sharesOfTotal([{ key: "a", value: 1 }, { key: "a", value: 2 }])).toThrow(/twice/);
  });
  it("shares of the sum add up to 1 (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e12, noNaN: true }), { minLength: 1, maxLength: 50 }), (values) => {
        const shares = sharesOfTotal(values.map((value, i) => ({ key: `k${i}`, value })));
        if (values.every((v) => v === 0)) {
          expect(shares).toBeUndefined();
          return;
        }
        const sum = (shares ?? []).reduce((s, p) => s + p.share, 0);
        expect(Math.abs(sum - 1)).toBeLessThan(1e-9);
      }),
    );
  });
});

describe("shareSeries, shareShift, rankChanges", () => {
  it("computes China's shift 1995 → 2019 as a fraction difference", () => {
    const s = shareSeries(RUS_IMPORTS_BY_PARTNER, RUS_IMPORTS_WORLD);
    const shift = shareShift(s, 1995, 2019);
    // 0.222837 − 0.018632 = 0.204205 (≈ 20.4 percentage points)
    expect(shift).toHaveLength(1);
    expect(shift[0].fromShare).toBeCloseTo(0.018632, 6);
    expect(shift[0].toShare).toBeCloseTo(0.222837, 6);
    expect(shift[0].change).toBeCloseTo(0.204205, 6);
  });
  it("leaves out years without a total", () => {
    const s = shareSeries([...RUS_IMPORTS_BY_PARTNER, { year: 2000, key: "CHN", value: 1 }], RUS_IMPORTS_WORLD);
    expect(s.map((x) => x.year)).toEqual([1995, 2019]);
  });
  const shares = shareSeries(
    [
      { year: 2000, key: "DEU", value: 30 },
      { year: 2000, key: "CHN", value: 10 },
      { year: 2000, key: "KOR", value: 10 },
      { year: 2000, key: "UKR", value: 20 },
      { year: 2010, key: "CHN", value: 40 },
      { year: 2010, key: "DEU", value: 30 },
      { year: 2010, key: "KOR", value: 5 },
      { year: 2010, key: "BLR", value: 1 },
    ],
    [
      { year: 2000, value: 100 },
      { year: 2010, value: 100 },
    ],
  );
  it("marks keys missing in one year as undefined rather than zero", () => {
    const shift = shareShift(shares, 2000, 2010);
    // CHN 0.1 → 0.4 (+0.3); DEU 0.3 → 0.3 (0); KOR 0.1 → 0.05 (−0.05); BLR and UKR one-sided.
    expect(shift.map((x) => x.key)).toEqual(["CHN", "DEU", "KOR", "BLR", "UKR"]);
    expect(shift[0].change).toBeCloseTo(0.3, 12);
    expect(shift.find((x) => x.key === "UKR")).toEqual({ key: "UKR", fromShare: 0.2, toShare: undefined, change: undefined });
  });
  it("ranks with competition ranking and reports moves up as positive", () => {
    // 2000: DEU 1, UKR 2, CHN 3, KOR 3 (tie); 2010: CHN 1, DEU 2, KOR 3, BLR 4.
    expect(rankChanges(shares, 2000, 2010)).toEqual([
      { key: "CHN", fromRank: 3, toRank: 1, rankChange: 2 },
      { key: "DEU", fromRank: 1, toRank: 2, rankChange: -1 },
      { key: "KOR", fromRank: 3, toRank: 3, rankChange: 0 },
      { key: "BLR", fromRank: undefined, toRank: 4, rankChange: undefined },
      { key: "UKR", fromRank: 2, toRank: undefined, rankChange: undefined },
    ]);
  });
  it("names a year with no shares", () => {
    expect(() => shareShift(shares, 2000, 2020)).toThrow(MissingDataError);
    expect(() => rankChanges(shares, 1990, 2010)).toThrow(/1990/);
  });
});
