import { describe, expect, it } from "vitest";
import { UsageError } from "../errors.js";
import { beforeAfter, DEFAULT_KOR_RUS_MILESTONES } from "./events.js";

// Growth into 2011, 2012, 2013 = +10 %; into 2014 = −50 % (133.1 → 66.55); into 2015 = +10 %.
const s = [
  { year: 2015, value: 73.205 },
  { year: 2010, value: 100 },
  { year: 2011, value: 110 },
  { year: 2012, value: 121 },
  { year: 2013, value: 133.1 },
  { year: 2014, value: 66.55 },
];

describe("beforeAfter", () => {
  it("puts growth into the event year in the 'after' window", () => {
    const r = beforeAfter(s, 2014, 2);
    // before: growth into 2012, 2013 = 0.1, 0.1 → 0.1; after: into 2014, 2015 = −0.5, 0.1 → −0.2; diff −0.3.
    expect(r.nBefore).toBe(2);
    expect(r.nAfter).toBe(2);
    expect(r.meanGrowthBefore).toBeCloseTo(0.1, 12);
    expect(r.meanGrowthAfter).toBeCloseTo(-0.2, 12);
    expect(r.difference).toBeCloseTo(-0.3, 12);
  });
  it("counts only observed growth years when the window runs past the data", () => {
    const r = beforeAfter(s, 2014, 5);
    // before: 2009..2013 → 2011, 2012, 2013 observed; after: 2014..2018 → 2014, 2015.
    expect([r.nBefore, r.nAfter]).toEqual([3, 2]);
  });
  it("leaves means undefined when a window is empty", () => {
    const r = beforeAfter(s, 2030, 2);
    expect(r.meanGrowthBefore).toBeUndefined();
    expect(r.difference).toBeUndefined();
    expect(() => beforeAfter(s, 2014, 0)).toThrow(UsageError);
  });
});

describe("DEFAULT_KOR_RUS_MILESTONES", () => {
  it("holds the sample's milestones with consistent dates", () => {
    const years = DEFAULT_KOR_RUS_MILESTONES.map((m) => `${m.year}:${m.kind}`);
    expect(years).toEqual([
      "1990:diplomatic",
      "1998:crisis",
      "2008:crisis",
      "2014:policy",
      "2014:sanctions",
      "2020:crisis",
    ]);
    for (const m of DEFAULT_KOR_RUS_MILESTONES) {
      if (m.date !== undefined) expect(m.date.startsWith(`${m.year}-`)).toBe(true);
    }
    expect(DEFAULT_KOR_RUS_MILESTONES[0].date).toBe("1990-09-30");
  });
});
