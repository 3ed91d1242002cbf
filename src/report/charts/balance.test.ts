import { describe, expect, it } from "vitest";
import { balanceSpec } from "./balance.js";
import { DEFICIT_COLOR, SURPLUS_COLOR } from "./common.js";
import { renderSvg } from "./render.js";
import { allObjects, dataRows, svgProblem, yTitles } from "./testSupport.js";

const input = {
  title: "Balance with Russia",
  years: [
    { year: 2008, balanceUsd: 2_500_000_000 },
    { year: 2009, balanceUsd: -1_250_000_000 },
    { year: 2010, balanceUsd: null },
    { year: 2011, balanceUsd: -3_000_000_000 },
  ],
};

describe("balanceSpec", () => {
  it("passes values in billion USD and classifies surplus and deficit", () => {
    const rows = dataRows(balanceSpec(input));
    expect(rows).toEqual([
      { year: 2008, value: 2.5, category: "Surplus" },
      { year: 2009, value: -1.25, category: "Deficit" },
      { year: 2011, value: -3, category: "Deficit" },
    ]);
    expect(yTitles(balanceSpec(input))).toContain("Balance, billion USD");
  });

  it("keeps the slot of a year without data on the x axis", () => {
    const x = allObjects(balanceSpec(input)).find((o) => (o.x as { field?: string } | undefined)?.field === "year")
      ?.x as { scale: { domain: number[] } };
    expect(x.scale.domain).toEqual([2008, 2009, 2010, 2011]);
  });

  it("draws surplus and deficit bars in two colours and a zero line", async () => {
    const svg = await renderSvg(balanceSpec(input));
    expect(svgProblem(svg)).toBeNull();
    expect(svg).toContain(">Balance with Russia</text>");
    const bars = [...svg.matchAll(/aria-roledescription="bar" d="[^"]*" fill="(#[0-9A-Fa-f]{6})"/g)].map((m) => m[1]);
    expect(bars.sort()).toEqual([SURPLUS_COLOR, DEFICIT_COLOR, DEFICIT_COLOR].sort());
    expect(svg).toMatch(/role-mark layer_1_marks/); // the zero rule layer
    expect(await renderSvg(balanceSpec(input))).toBe(svg);
  });

  it("summarises the balance in words", () => {
    const d = balanceSpec(input).description ?? "";
    expect(d).toContain("surplus in 1 years, deficit in 2 years");
    expect(d).toContain("Largest deficit 3 billion USD in 2011");
    expect(d).toContain("1 years have no data");
  });
});
