import { describe, expect, it } from "vitest";
import { APPROXIMATE_NOTE, peopleFlowsSpec, type PeopleFlowsInput } from "./peopleFlows.js";
import { renderSvg } from "./render.js";
import { dataRows, linePaths, pieces, svgProblem, yTitles } from "./testSupport.js";

const input: PeopleFlowsInput = {
  title: "Visitors",
  points: [
    { year: 1990, value: 30_000, series: "Visitors", approximate: true },
    { year: 2017, value: 600_000, series: "Visitors" },
    { year: 2018, value: 700_000, series: "Visitors" },
    { year: 2019, value: 770_000, series: "Visitors", approximate: true },
    { year: 2018, value: 250_000, series: "Russians to Korea" },
    { year: 2019, value: 290_000, series: "Russians to Korea" },
  ],
};

describe("peopleFlowsSpec", () => {
  it("converts persons to thousands and says so on the axis", () => {
    const spec = peopleFlowsSpec(input);
    const row = dataRows(spec).find((r) => r.series === "Visitors" && r.year === 2019);
    expect(row).toMatchObject({ value: 770, persons: 770_000, approximate: true });
    expect(yTitles(spec)).toContain("People, thousand persons");
  });

  it("joins consecutive years only and marks approximate figures hollow", async () => {
    const spec = peopleFlowsSpec(input);
    expect(dataRows(spec).find((r) => r.series === "Visitors" && r.year === 2000)?.value).toBeNull();
    const svg = await renderSvg(spec);
    expect(svgProblem(svg)).toBeNull();
    expect(pieces(linePaths(svg).get("Visitors") ?? "")).toBe(2); // the lone 1990 point, then 2017–2019
    const hollow = [...svg.matchAll(/aria-roledescription="point"[^>]*fill="white"/g)];
    expect(hollow).toHaveLength(2);
    // Exact points are filled with their series colour.
    const filled = [...svg.matchAll(/aria-roledescription="point"[^>]*fill="#[0-9A-Fa-f]{6}"/g)];
    expect(filled).toHaveLength(4);
    expect(svg).toContain(APPROXIMATE_NOTE);
    expect(await renderSvg(peopleFlowsSpec(input))).toBe(svg);
  });

  it("leaves the note out when every figure is exact", () => {
    const exact = peopleFlowsSpec({ title: "T", points: [{ year: 2019, value: 5_000, series: "S" }] });
    expect(JSON.stringify(exact)).not.toContain(APPROXIMATE_NOTE);
    expect(yTitles(exact)).toContain("People, persons");
  });

  it("describes each series with thousands separators", () => {
    expect(peopleFlowsSpec(input).description).toContain("Visitors: from about 30,000 in 1990 to about 770,000 in 2019.");
  });
});
