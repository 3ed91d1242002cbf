import { describe, expect, it } from "vitest";
import { applyCommonWindow, type BatchEntry } from "./report.js";

// Synthetic index entries: B's series starts in 1995, so only the 10- and 20-year windows to 2020 are common.
const partner = (code: string) => ({ code, name: code, total: 1, year: 2020 });
const entries = (): BatchEntry[] => [
  { partner: partner("A"), windows: [{ years: 10, from: 2010, to: 2020, cagr: 0.05, meaningful: true }, { years: 20, from: 2000, to: 2020, cagr: 0.08, meaningful: true }, { years: 30, from: 1990, to: 2020, cagr: 0.12, meaningful: true }] },
  { partner: partner("B"), windows: [{ years: 10, from: 2010, to: 2020, cagr: 0.02, meaningful: true }, { years: 20, from: 2000, to: 2020, cagr: 0.3, meaningful: false }] },
  { partner: partner("C"), error: "no data" },
];

describe("applyCommonWindow", () => {
  it("ranks every partner over the longest window all of them have (20 years, 2000–2020)", () => {
    const es = entries();
    expect(applyCommonWindow(es)).toEqual({ years: 20, from: 2000, to: 2020 });
    expect(es[0]!.cagr).toEqual({ value: 0.08, from: 2000, to: 2020 });
  });
  it("uses the longest window the partners with 90 % of the trade have; a small partner without it gets a note, not the others' rates taken away", () => {
    // A and B carry 95 of 100 (95 %) and both have 2000–2020; D (5 of 100) starts in 2012, so it has no 20-year window.
    const es = entries();
    es[0]!.partner.total = 60;
    es[1]!.partner.total = 35;
    es.push({ partner: { ...partner("D"), total: 5 }, windows: [{ years: 10, from: 2010, to: 2020, cagr: 0.4, meaningful: false }] });
    expect(applyCommonWindow(es)).toEqual({ years: 20, from: 2000, to: 2020 });
    expect(es[0]!.cagr).toEqual({ value: 0.08, from: 2000, to: 2020 });
    expect(es[3]!.cagr).toBeUndefined();
    expect(es[3]!.cagrNote).toBe("no 2000–2020 series");
    // With D at 20 of 115 (17 %), 2000–2020 covers 83 %: the longest window with 90 % is 2010–2020, which all three have.
    es[3]!.partner.total = 20;
    expect(applyCommonWindow(es)).toEqual({ years: 10, from: 2010, to: 2020 });
  });

  it("gives no rate, with a note, where the base fails the growth-window rule, rather than a rate from another window", () => {
    const es = entries();
    applyCommonWindow(es);
    expect(es[1]!.cagr).toBeUndefined();
    expect(es[1]!.cagrNote).toBe("base in 2000 too small for a rate");
  });
});
