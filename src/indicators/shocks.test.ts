import { describe, expect, it } from "vitest";
import { shockFrequency } from "./shocks.js";

const series = (from: number, values: number[]) => values.map((value, i) => ({ year: from + i, value }));

describe("shockFrequency", () => {
  it("counts falls per year-on-year change against each peer over the same years", () => {
    // Target: 100 → 80 (−20 %) → 90 → 60 (−33 %) → 66: 2 falls in 4 changes.
    const target = series(2000, [100, 80, 90, 60, 66]);
    const peers = [
      { key: "P1", series: series(2000, [100, 101, 102, 103, 104]) }, // 0 of 4
      { key: "P2", series: series(2000, [100, 84, 90, 95, 96]) }, // −16 %: 1 of 4
      { key: "P3", series: series(2000, [100, 70, 60, 40, 50]) }, // −30 %, −14.3 % (not a shock), −33 %: 2 of 4
    ];
    const f = shockFrequency(target, peers, -0.15)!;
    expect(f.shocks).toBe(2);
    expect(f.growthYears).toBe(4);
    expect(f.rate).toBe(0.5);
    expect(f.peers.map((p) => p.shocks)).toEqual([0, 1, 2]);
    expect(f.peerMedianShocks).toBe(1);
    expect(f.peerMedianRate).toBe(0.25);
    // Above P1 and P2, equal to P3: (2 + 0.5) / 3.
    expect(f.percentileRank).toBeCloseTo(2.5 / 3, 12);
    // 2001: peers grew 1 %, fell 16 %, fell 30 % → median −16 %; 2003: +0.98 %, +5.6 %, −33 % → +0.98 %.
    expect(f.peerGrowthInShockYears.map((x) => x.year)).toEqual([2001, 2003]);
    expect(f.peerGrowthInShockYears[0]!.median).toBeCloseTo(-0.16, 12);
    expect(f.peerGrowthInShockYears[1]!.median).toBeCloseTo(103 / 102 - 1, 12);
  });

  it("is undefined with fewer than 3 changes or no comparable peer", () => {
    expect(shockFrequency(series(2000, [1, 2, 3]), [{ key: "P", series: series(2000, [1, 2, 3, 4]) }], -0.15)).toBeUndefined();
    expect(shockFrequency(series(2000, [1, 2, 3, 4]), [{ key: "P", series: series(2000, [1, 2]) }], -0.15)).toBeUndefined();
  });
});
