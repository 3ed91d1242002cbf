import { describe, expect, it } from "vitest";
import type { Milestone } from "../indicators/index.js";
import type { PairMilestone } from "./catalogue.js";
import { overlayMilestones, selectMilestones } from "./select.js";

// Synthetic candidates and a synthetic trade series (labelled so): growth into 2001 −20 %, 2002 +25 %, 2005 −5 %, else +10 %.
const prov = (record: string) => [{ dataset: "Laeven–Valencia Systemic Banking Crises Database II", file: "milestones/x.csv", row: 1, record }];
const cand = (id: string, category: PairMilestone["category"], year: number, extra: Partial<PairMilestone> = {}): PairMilestone => ({ id, category, date: String(year), year, label: id, shortLabel: id, provenance: prov(id), ...extra });
const totals = (() => {
  const out = [{ year: 1995, value: 100 }];
  const growth: Record<number, number> = { 2001: -0.2, 2002: 0.25, 2005: -0.05 };
  for (let y = 1996; y <= 2010; y++) out.push({ year: y, value: out[out.length - 1]!.value * (1 + (growth[y] ?? 0.1)) });
  return out;
})();

describe("selectMilestones", () => {
  it("always shows agreements, non-founding accessions and state changes; counts founding memberships", () => {
    const s = selectMilestones([cand("a", "agreement", 1994), cand("acc", "accession", 2001), cand("f", "accession", 1995, { founding: true, label: "X: founding member of the WTO" }), cand("st", "state-change", 1991)], totals);
    expect(s.shown.map((m) => [m.id, m.rule])).toEqual([["st", "state-change"], ["a", "agreement"], ["acc", "accession"]]);
    expect(s.notShown).toMatchObject([{ rule: "accession", count: 1, text: "founding memberships, not listed: X (WTO)" }]);
    expect(s.noAgreement).toBe(false);
  });

  it("shows a crisis only when trade fell by 10 % or more in its year or the next", () => {
    // 2000: growth into 2000 +10 %, into 2001 −20 % → shown; 2005: −5 % → not; 2008: +10 % → not.
    const s = selectMilestones([cand("c2000", "crisis", 2000), cand("c2005", "crisis", 2005), cand("c2008", "crisis", 2008)], totals);
    expect(s.shown.map((m) => m.id)).toEqual(["c2000"]);
    expect(s.notShown[0]).toMatchObject({ rule: "context-with-fall", count: 2 });
    expect(s.noAgreement).toBe(true);
  });

  it("lists at most 3 context milestones, largest falls first, and ignores growth across an entity change", () => {
    const s = selectMilestones([cand("c2000", "crisis", 2000), cand("c2001", "crisis", 2001)], totals, { maxContext: 1 });
    // Both see the −20 % of 2001 (c2000 as its next year, c2001 as its own): the tie goes to the earlier date.
    expect(s.shown.map((m) => m.id)).toEqual(["c2000"]);
    const t = selectMilestones([cand("c2000", "crisis", 2000)], totals, { excludeGrowthYears: [2001] });
    expect(t.shown).toEqual([]);
  });

  it("lists up to 4 sanctions between the two; beyond that only those around a fall, the rest counted", () => {
    const few = selectMilestones([1996, 1997, 1998].map((y) => cand(`s${y}`, "sanctions", y)), totals);
    expect(few.shown.map((m) => m.id)).toEqual(["s1996", "s1997", "s1998"]);
    const many = selectMilestones([1996, 1997, 1998, 2000, 2003, 2006].map((y) => cand(`s${y}`, "sanctions", y)), totals);
    expect(many.shown.map((m) => m.id)).toEqual(["s2000"]);
    expect(many.notShown[0]).toMatchObject({ rule: "sanctions-between", count: 5 });
    expect(many.notShown[0]!.text).toMatch(/^5 more sanctions episodes between the two \(1996–2006/);
  });

  it("chooses and counts sanctions and crises inside the report's period only; the latest sanctions outside it stay as context", () => {
    const inside = [1996, 1997, 1998, 2000, 2003, 2006].map((y) => cand(`s${y}`, "sanctions", y));
    const before = [1960, 1962, 1970, 1980, 1985].map((y) => cand(`s${y}`, "sanctions", y));
    const ongoing = cand("s1990", "sanctions", 1990, { until: "1997" });
    const crises = [cand("c1970", "crisis", 1970), cand("c2005", "crisis", 2005)];
    const s = selectMilestones([...before, ongoing, ...inside, ...crises], totals, { period: { from: 1995, to: 2010 } });
    // Inside (1990–1997 overlaps 1995): seven episodes, one around the 2001 fall listed, six counted.
    expect(s.notShown.find((x) => x.rule === "sanctions-between")).toMatchObject({ count: 6 });
    expect(s.notShown.find((x) => x.rule === "sanctions-between")!.text).toMatch(/^6 more sanctions episodes between the two \(1990–2006/);
    // The 1970 crisis is outside the period: neither listed nor counted; the 2005 one is counted.
    expect(s.notShown.find((x) => x.rule === "context-with-fall")).toMatchObject({ count: 1 });
    // Before the period: the latest four, as context.
    expect(s.shown.map((m) => m.id)).toEqual(["s1962", "s1970", "s1980", "s1985", "s2000"]);
  });
});

describe("overlayMilestones", () => {
  const base: Milestone[] = [
    { id: "wto-rta:122", year: 1994, date: "1994-01-01", label: "NAFTA", kind: "agreement" },
    { id: "lv:MEX:1994", year: 1994, date: "1994-12", label: "Mexico: banking crisis", kind: "crisis" },
  ];
  it("an entry with the same id replaces the catalogue's", () => {
    const out = overlayMilestones(base, [{ id: "wto-rta:122", year: 1994, date: "1994-01-01", label: "NAFTA (user's wording)", kind: "agreement" }]);
    expect(out.map((m) => m.label)).toEqual(["NAFTA (user's wording)", "Mexico: banking crisis"]);
  });
  it("an entry of the same kind on the same day, or the same year when a day is missing, replaces; others are added", () => {
    const out = overlayMilestones(base, [
      { year: 1994, label: "Tequila crisis", kind: "crisis" },
      { year: 1994, date: "1994-06-01", label: "Something else", kind: "agreement" },
    ]);
    // A year-only entry sorts before the dated ones of its year.
    expect(out.map((m) => m.label)).toEqual(["Tequila crisis", "NAFTA", "Something else"]);
  });
  it("replace drops the catalogue's list", () => {
    expect(overlayMilestones(base, [{ year: 2000, label: "Own", kind: "other" }], true).map((m) => m.label)).toEqual(["Own"]);
  });
});
