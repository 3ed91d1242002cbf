import { describe, expect, it } from "vitest";
import { MissingDataError } from "../../errors.js";
import { renderSvg } from "./render.js";
import { dataRows, linePaths, pieces, svgProblem, yTitles } from "./testSupport.js";
import { textWidth } from "./textWidth.js";
import { placeMilestoneLabels, tradeVolumeSpec, wrapLabel, type TradeVolumeInput } from "./tradeVolume.js";

const input: TradeVolumeInput = {
  title: "Korea–Russia trade",
  aLabel: "Korea",
  bLabel: "Russia",
  years: [
    { year: 2017, exportsUsd: 6_900_000_000, importsUsd: 12_000_000_000, totalUsd: 18_900_000_000 },
    { year: 2018, exportsUsd: 7_300_000_000, importsUsd: 17_500_000_000, totalUsd: 24_800_000_000 },
    { year: 2019, exportsUsd: 7_789_791_000, importsUsd: null, totalUsd: null },
    // 2020 absent altogether: must be a gap too.
    { year: 2021, exportsUsd: 9_980_000_000, importsUsd: 17_000_000_000, totalUsd: 26_980_000_000 },
    { year: 2022, exportsUsd: 6_300_000_000, importsUsd: 15_000_000_000, totalUsd: 21_300_000_000 },
  ],
  milestones: [{ year: 2018, label: "Summit" }, { year: 1990, label: "Outside the range" }],
};

const row = (series: string, year: number) =>
  dataRows(tradeVolumeSpec(input)).find((r) => r.series === series && r.year === year);

describe("tradeVolumeSpec", () => {
  it("converts USD to the display unit and names the unit on the axis", () => {
    expect(row("Exports, Korea → Russia", 2019)?.value).toBe(7.789791);
    expect(row("Total trade", 2021)?.value).toBe(26.98);
    expect(yTitles(tradeVolumeSpec(input))).toContain("Trade, billion USD");
  });

  it("keeps missing values and missing years as null rows so lines break there", () => {
    expect(row("Imports, Korea ← Russia", 2019)?.value).toBeNull();
    expect(row("Exports, Korea → Russia", 2020)?.value).toBeNull();
    expect(dataRows(tradeVolumeSpec(input))).toHaveLength(3 * 6); // 3 series × 2017..2022
  });

  it("draws broken lines in the SVG, not lines across the missing years", async () => {
    const svg = await renderSvg(tradeVolumeSpec(input));
    const paths = linePaths(svg);
    expect(pieces(paths.get("Exports, Korea → Russia") ?? "")).toBe(2); // 2017–19, 2021–22
    expect(pieces(paths.get("Total trade") ?? "")).toBe(2); // 2017–18, 2021–22
  });

  it("renders well-formed, deterministic SVG with title, legend and milestone", async () => {
    const spec = tradeVolumeSpec(input);
    const svg = await renderSvg(spec);
    expect(svgProblem(svg)).toBeNull();
    expect(svg).toContain(">Korea–Russia trade</text>");
    expect(svg).toContain(">Summit</text>");
    expect(svg).not.toContain("Outside the range");
    expect(svg).toContain(">Trade, billion USD</text>");
    expect(await renderSvg(tradeVolumeSpec(input))).toBe(svg);
  });

  it("is plain JSON and describes itself in words", () => {
    const spec = tradeVolumeSpec(input);
    expect(JSON.parse(JSON.stringify(spec))).toStrictEqual(spec);
    expect(spec.description).toContain("Korea and Russia");
    expect(spec.description).toContain("billion USD");
    expect(spec.description).toContain("No total for 2019, 2020");
  });

  it("refuses a chart without any value", () => {
    expect(() =>
      tradeVolumeSpec({ ...input, years: [{ year: 2019, exportsUsd: null, importsUsd: null, totalUsd: null }] }),
    ).toThrow(MissingDataError);
  });
});

describe("placeMilestoneLabels", () => {
  const boxes = (placed: ReturnType<typeof placeMilestoneLabels>, first: number, last: number) =>
    placed.map((p) => {
      const x = ((p.year - first) / (last - first)) * 640;
      const w = Math.max(...p.lines.map((l) => textWidth(l, 11)));
      return { ...p, x, x0: p.anchor === "start" ? x : x - w, x1: p.anchor === "start" ? x + w : x };
    });

  it("puts labels of nearby years on different rows, with no overlaps", () => {
    const placed = placeMilestoneLabels(
      [
        { year: 2014, label: "Visa waiver" },
        { year: 2015, label: "Rouble crisis" },
        { year: 2016, label: "Eastern Economic Forum" },
      ],
      1990,
      2023,
    );
    const b = boxes(placed, 1990, 2023);
    expect(new Set(b.map((p) => p.labelY)).size).toBe(3);
    for (const p of b) {
      for (const q of b) {
        if (p === q || p.labelY !== q.labelY) continue;
        expect(p.x1 <= q.x0 || q.x1 <= p.x0).toBe(true);
      }
      // No other milestone's rule (from its label down to the axis) runs through this label.
      for (const q of b) {
        if (p === q || q.labelY >= p.labelY) continue; // q above p: its rule passes p's row
        expect(q.x < p.x0 || q.x > p.x1).toBe(true);
      }
    }
  });

  it("keeps far-apart labels on one row just above the plot", () => {
    const placed = placeMilestoneLabels(
      [
        { year: 1992, label: "Ties" },
        { year: 2014, label: "Visa waiver" },
      ],
      1990,
      2023,
    );
    expect(placed.map((p) => p.labelY)).toEqual([-7, -7]);
  });

  it("runs a label leftwards at the right edge and wraps long labels without cutting a word", () => {
    const [p] = placeMilestoneLabels([{ year: 2023, label: "Sanctions" }], 1990, 2023);
    expect(p.anchor).toBe("end");
    expect(wrapLabel("Agreement on visa-free travel for tourists")).toEqual(["Agreement on visa-free", "travel for tourists"]);
    expect(wrapLabel("Western sanctions on Russia after the annexation of Crimea")).toEqual(["Western sanctions on", "Russia after the", "annexation of Crimea"]);
    expect(wrapLabel("Short")).toEqual(["Short"]);
  });

  it("lifts a wrapped label so its last line sits where a one-line label would", () => {
    const [p] = placeMilestoneLabels([{ year: 2000, label: "Agreement on visa-free travel for tourists" }], 1990, 2023);
    expect(p.lines).toHaveLength(2);
    expect(p.labelY).toBe(-7 - 13);
  });
});
