/**
 * People flows (visitors, tourists, workers) over time: one line per series, with published
 * or approximate figures drawn as hollow markers.
 * @module
 */

import { InternalError } from "../../errors.js";
import {
  PALETTE,
  layeredChart,
  fillSeries,
  formatNumber,
  formatYearSpan,
  personsUnit,
  quantitativeYearX,
  toUnit,
  yearRange,
  type DisplayUnit,
  type VegaLiteSpec,
} from "./common.js";

/** One yearly count of persons in a named series ("Korean visitors to Russia"). */
export interface PeopleFlowPoint {
  year: number;
  /** Persons (not thousands). */
  value: number;
  series: string;
  /** A rounded or quoted figure ("approximately 30,000", from a press release). */
  approximate?: boolean;
}

export interface PeopleFlowsInput {
  title: string;
  subtitle?: string;
  points: PeopleFlowPoint[];
}

/** Added to the subtitle when some markers are hollow, since no legend explains fill. */
export const APPROXIMATE_NOTE = "Hollow markers: approximate or published figures";

/**
 * Line chart of people flows in a display unit chosen from the data ("thousand persons" …).
 * Every point gets a marker (these series are often sparse); lines join consecutive years
 * only, so a missing year breaks the line; approximate figures are hollow markers.
 */
export function peopleFlowsSpec(input: PeopleFlowsInput): VegaLiteSpec {
  const chart = "peopleFlowsSpec";
  const [first, last] = yearRange(
    input.points.map((p) => p.year),
    chart,
  );
  for (const p of input.points) {
    if (!Number.isFinite(p.value) || p.value < 0) {
      throw new InternalError(`${chart}: ${p.series} in ${p.year}: persons must be ≥ 0, got ${p.value}`, {
        field: "value",
      });
    }
  }
  const unit = personsUnit(input.points.map((p) => p.value));
  const series = [...new Set(input.points.map((p) => p.series))];
  const approximate = new Set(input.points.filter((p) => p.approximate).map((p) => `${p.series}\u0000${p.year}`));
  const values = fillSeries(
    input.points.map((p) => ({ year: p.year, series: p.series, value: toUnit(p.value, unit) as number })),
    series,
    "annual",
    chart,
  ).map((v) => ({
    ...v,
    // The exact count for tooltips: "770,000" says more than "770.00 thousand".
    persons: v.value === null ? null : (input.points.find((p) => p.series === v.series && p.year === v.year)?.value ?? null),
    approximate: approximate.has(`${v.series}\u0000${v.year}`),
  }));
  const anyApproximate = values.some((v) => v.approximate);
  const anyExact = values.some((v) => v.value !== null && !v.approximate);

  const x = quantitativeYearX(first, last);
  const y = {
    field: "value",
    type: "quantitative",
    title: `People, ${unit.label}`,
    scale: { zero: true },
    axis: { tickCount: 6 },
  };
  const color = {
    field: "series",
    type: "nominal",
    title: null,
    scale: { domain: series, range: series.map((_, i) => PALETTE[i % PALETTE.length]) },
    // Line swatches: a filled dot in the legend would claim every marker is filled, hollow ones included.
    legend: { symbolType: "stroke", symbolStrokeWidth: 2.5 },
  };
  const tooltip = [
    { field: "series", type: "nominal", title: "Series" },
    { field: "year", type: "quantitative", title: "Year", format: "d" },
    { field: "persons", type: "quantitative", title: "Persons", format: ",d" },
    { field: "approximate", type: "nominal", title: "Approximate" },
  ];
  const layers: object[] = [
    {
      mark: { type: "line", strokeWidth: 2, invalid: "break-paths-show-domains" },
      // description: the line's accessible name; vega-lite's default names it after its first point.
      encoding: { x, y, color, description: { field: "series", type: "nominal" } },
    },
  ];
  if (anyExact) {
    layers.push({
      transform: [{ filter: "isValid(datum.value) && !datum.approximate" }],
      mark: { type: "point", filled: true, size: 40, opacity: 1 },
      encoding: { x, y, color, tooltip },
    });
  }
  if (anyApproximate) {
    layers.push({
      transform: [{ filter: "isValid(datum.value) && datum.approximate" }],
      // White fill hides the line under the marker, so hollow reads as hollow.
      mark: { type: "point", filled: false, fill: "white", size: 70, strokeWidth: 2, opacity: 1 },
      encoding: { x, y, color, tooltip },
    });
  }
  const subtitle = anyApproximate
    ? [input.subtitle, APPROXIMATE_NOTE].filter((s): s is string => !!s).join(". ")
    : input.subtitle;

  return layeredChart({ description: describe(input, unit, first, last), title: input.title, subtitle: subtitle, values, layers });
}

function describe(input: PeopleFlowsInput, unit: DisplayUnit, first: number, last: number): string {
  const series = [...new Set(input.points.map((p) => p.series))];
  const parts = [
    `Line chart of ${series.join(", ")}, ${formatYearSpan(first, last)}, in ${unit.label}.`,
  ];
  for (const s of series) {
    const own = input.points.filter((p) => p.series === s).sort((a, b) => a.year - b.year);
    const a = own[0];
    const b = own[own.length - 1];
    const fmt = (p: PeopleFlowPoint) => `${p.approximate ? "about " : ""}${formatNumber(p.value)} in ${p.year}`;
    parts.push(own.length === 1 ? `${s}: ${fmt(a)}.` : `${s}: from ${fmt(a)} to ${fmt(b)}.`);
  }
  if (input.points.some((p) => p.approximate)) parts.push("Some figures are approximate.");
  return parts.join(" ");
}
