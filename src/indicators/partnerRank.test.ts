import { describe, expect, it } from "vitest";
import { partnerRank, type PartnerYearFlows } from "./partnerRank.js";

// Synthetic flows of one reporter: B overtakes C in 2019 on total trade; B was "OLD" before 2018.
const flows: PartnerYearFlows[] = [
  { year: 2017, partner: "C", exports: 50, imports: 50 },
  { year: 2017, partner: "OLD", exports: 10, imports: 20 },
  { year: 2017, partner: "D", exports: 40, imports: 0 },
  { year: 2018, partner: "C", exports: 50, imports: 50 },
  { year: 2018, partner: "B", exports: 30, imports: 30 },
  { year: 2019, partner: "C", exports: 40, imports: 40 },
  { year: 2019, partner: "B", exports: 30, imports: 60 },
  { year: 2020, partner: "C", exports: 40, imports: 40 },
  { year: 2020, partner: "B", exports: 20, imports: 80 },
];
const world = [
  { year: 2020, exports: 100, imports: 200 },
  { year: 2019, exports: 90, imports: 110 },
];
const target = (y: number) => (y >= 2018 ? "B" : "OLD");

describe("partnerRank", () => {
  it("B is first on total trade in 2020 (100 of 300 = 33.3 %) since 2019; second before", () => {
    const r = partnerRank(flows, world, target, 2020, "total")!;
    expect([r.rank, r.value, r.since, r.previous_rank, r.partners_ranked]).toEqual([1, 100, 2019, 2, 2]);
    expect(r.share).toBeCloseTo(100 / 300, 12);
  });
  it("on exports B is second (20 vs 40) since 2018, and the predecessor was third in 2017 (10 vs 50, 40)", () => {
    const r = partnerRank(flows, world, target, 2020, "exports")!;
    expect([r.rank, r.since, r.previous_rank]).toEqual([2, 2018, 3]);
    expect(r.share).toBeCloseTo(20 / 100, 12);
  });
  it("imports: first since 2019 (60 > 40); in 2018 a tie-free second (30 < 50)", () => {
    const r = partnerRank(flows, world, target, 2020, "imports")!;
    expect([r.rank, r.since, r.previous_rank]).toEqual([1, 2019, 2]);
  });
  it("no World row: share undefined; absent target: undefined", () => {
    expect(partnerRank(flows, [], target, 2018, "total")!.share).toBeUndefined();
    expect(partnerRank(flows, world, () => "Z", 2020, "total")).toBeUndefined();
  });
  it("a value above the World total gives no share, never one over 100 % (the World figure is then incomplete)", () => {
    const short = [{ year: 2020, exports: 15, imports: 200 }];
    const r = partnerRank(flows, short, target, 2020, "exports")!;
    expect([r.rank, r.value]).toEqual([2, 20]);
    expect(r.share).toBeUndefined();
    expect(partnerRank(flows, short, target, 2020, "imports")!.share).toBeCloseTo(80 / 200, 12);
  });
});
