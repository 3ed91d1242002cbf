import { describe, expect, it } from "vitest";
import { InternalError } from "../../errors.js";
import { importSharesSpec, type ImportSharesInput } from "./importShares.js";
import { renderSvg } from "./render.js";
import { allObjects, dataRows, linePaths, pieces, svgProblem, yTitles } from "./testSupport.js";

const input: ImportSharesInput = {
  title: "Suppliers of Russia",
  partnerLabel: "Russia",
  years: [
    { year: 2010, supplier: "China", share: 0.17 },
    { year: 2012, supplier: "China", share: 0.164 },
    { year: 2014, supplier: "China", share: 0.178 },
    { year: 2016, supplier: "China", share: 0.209 },
    { year: 2010, supplier: "Korea", share: 0.03 },
    { year: 2012, supplier: "Korea", share: 0.035 },
    // Korea has no 2014 figure.
    { year: 2016, supplier: "Korea", share: 0.031 },
    { year: 2010, supplier: "Germany", share: 0.114 },
    { year: 2016, supplier: "Germany", share: 0.107 },
  ],
};

describe("importSharesSpec", () => {
  it("passes shares as fractions with a percent axis", () => {
    const spec = importSharesSpec(input);
    expect(dataRows(spec).find((r) => r.series === "China" && r.year === 2016)?.value).toBe(0.209);
    expect(yTitles(spec)).toContain("Share of imports into Russia");
    const y = allObjects(spec).find((o) => (o.y as { field?: string } | undefined)?.field === "value")?.y as {
      axis: { format: string };
    };
    expect(y.axis.format).toBe(".0%");
  });

  it("orders suppliers by latest share and breaks a supplier's line at its missing year", async () => {
    const spec = importSharesSpec(input);
    const color = allObjects(spec).find((o) => (o.color as { field?: string } | undefined)?.field === "series")
      ?.color as { scale: { domain: string[] } };
    expect(color.scale.domain).toEqual(["China", "Germany", "Korea"]);
    expect(dataRows(spec).find((r) => r.series === "Korea" && r.year === 2014)?.value).toBeNull();
    const svg = await renderSvg(spec);
    expect(svgProblem(svg)).toBeNull();
    const paths = linePaths(svg);
    expect(pieces(paths.get("China") ?? "")).toBe(1);
    expect(pieces(paths.get("Korea") ?? "")).toBe(2);
    expect(svg).toContain(">20%</text>");
    expect(svg).toContain(">Suppliers of Russia</text>");
    expect(await renderSvg(importSharesSpec(input))).toBe(svg);
  });

  it("draws a supplier with no neighbouring years as dots", () => {
    // Germany has 2010 and 2016 only, with 2012 and 2014 between them in the grid.
    const rows = dataRows(importSharesSpec(input)).filter((r) => r.series === "Germany");
    expect(rows.map((r) => r.isolated)).toEqual([true, false, false, true]);
  });

  it("rejects percentages passed as shares", () => {
    expect(() => importSharesSpec({ ...input, years: [{ year: 2010, supplier: "China", share: 17 }] })).toThrow(
      InternalError,
    );
  });

  it("describes the latest year", () => {
    expect(importSharesSpec(input).description).toContain("In 2016: China 20.9%, Germany 10.7%, Korea 3.1%.");
  });
});
