import { describe, expect, it } from "vitest";
import { InternalError, MissingDataError } from "../../errors.js";
import { compositionSpec, type CompositionInput } from "./composition.js";
import { renderSvg } from "./render.js";
import { dataRows, svgProblem } from "./testSupport.js";

const input: CompositionInput = {
  title: "Imports from Russia",
  groups: [
    { label: "Fish", share: 0.08, valueUsd: 1_080_000_000 },
    { label: "Other", share: 0.3, residual: true },
    { label: "Mineral fuels, mineral oils and products of their distillation", share: 0.55, valueUsd: 8_400_000_000 },
    { label: "Iron and steel", share: 0.07 },
  ],
};

describe("compositionSpec", () => {
  it("sorts by share, largest first, with the residual group last", () => {
    const rows = dataRows(compositionSpec(input));
    expect(rows.map((r) => r.fullLabel)).toEqual([
      "Mineral fuels, mineral oils and products of their distillation",
      "Fish",
      "Iron and steel",
      "Other",
    ]);
    expect(rows.map((r) => r.share)).toEqual([0.55, 0.08, 0.07, 0.3]);
    expect(rows[0].label).toBe("Mineral fuels, mineral oils and product…");
    expect(rows[1].value).toBe(1.08); // billion USD
    expect(rows[2].value).toBeNull();
  });

  it("renders bars in order with percentage labels", async () => {
    const svg = await renderSvg(compositionSpec(input));
    expect(svgProblem(svg)).toBeNull();
    expect(svg).toContain(">Imports from Russia</text>");
    const pct = [...svg.matchAll(/>(\d+\.\d%)<\/text>/g)].map((m) => m[1]);
    expect(pct).toEqual(["55.0%", "8.0%", "7.0%", "30.0%"]);
    expect(await renderSvg(compositionSpec(input))).toBe(svg);
  });

  it("rejects shares outside 0..1 and empty input", () => {
    expect(() => compositionSpec({ title: "T", groups: [{ label: "A", share: 55 }] })).toThrow(InternalError);
    expect(() => compositionSpec({ title: "T", groups: [] })).toThrow(MissingDataError);
  });

  it("lists the largest groups in its description", () => {
    expect(compositionSpec(input).description).toContain("Fish 8%");
  });
});
