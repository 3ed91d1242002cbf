/**
 * Shared pieces of the chart specs: the spec type, display units, the palette, year ticks,
 * gap filling and the common look (`baseConfig`). Every chart module builds a plain
 * JSON-serialisable Vega-Lite spec with its data inlined, so the same object can be rendered
 * to SVG in Node (`render.ts`) and handed to vega-embed in the browser.
 * @module
 */

import type { TopLevelSpec } from "vega-lite";
import type { Config } from "vega-lite/types_unstable/config.js";
import type { PositionDef } from "vega-lite/types_unstable/channeldef.js";
import { InternalError, MissingDataError } from "../../errors.js";

/** A complete Vega-Lite spec as the chart functions return it: plain JSON, data inlined. */
export type VegaLiteSpec = TopLevelSpec;

/** Plot-area width in pixels shared by all charts (axes, legend and title come on top). */
export const CHART_WIDTH = 640;
/** Plot-area height in pixels shared by all charts. */
export const CHART_HEIGHT = 260;

/**
 * Okabe–Ito colours, the standard colour-blind-safe qualitative palette, reordered so that
 * the first entries read well as thin lines on white; its yellow (#F0E442) is left out because
 * it is nearly invisible as a line on a white background.
 */
export const PALETTE: readonly string[] = [
  "#0072B2", // blue
  "#D55E00", // vermillion
  "#009E73", // bluish green
  "#CC79A7", // reddish purple
  "#E69F00", // orange
  "#56B4E9", // sky blue
  "#000000", // black
];

/** Colours for surplus / deficit bars: blue vs vermillion stay distinct under all common CVD types. */
export const SURPLUS_COLOR = "#0072B2";
export const DEFICIT_COLOR = "#D55E00";

/** A display unit: divide raw values by `divisor` and name the result `label` on the axis. */
export interface DisplayUnit {
  divisor: number;
  /** Shown in axis titles and tooltips, e.g. "billion USD". */
  label: string;
}

/**
 * Chooses "billion USD", "million USD", "thousand USD" or "USD" from the largest magnitude in
 * `values` (nulls ignored), so that axis numbers stay short (0.3 … 999) instead of 9-digit.
 */
export function usdUnit(values: readonly (number | null | undefined)[]): DisplayUnit {
  const max = maxAbs(values);
  if (max >= 1e9) return { divisor: 1e9, label: "billion USD" };
  if (max >= 1e6) return { divisor: 1e6, label: "million USD" };
  if (max >= 1e4) return { divisor: 1e3, label: "thousand USD" };
  return { divisor: 1, label: "USD" };
}

/**
 * Chooses "million persons", "thousand persons" or "persons". Below 10,000 the plain count is
 * kept because "3.2 thousand persons" reads worse than "3,200 persons".
 */
export function personsUnit(values: readonly (number | null | undefined)[]): DisplayUnit {
  const max = maxAbs(values);
  if (max >= 1e6) return { divisor: 1e6, label: "million persons" };
  if (max >= 1e4) return { divisor: 1e3, label: "thousand persons" };
  return { divisor: 1, label: "persons" };
}

function maxAbs(values: readonly (number | null | undefined)[]): number {
  let max = 0;
  for (const v of values) if (v !== null && v !== undefined && Number.isFinite(v)) max = Math.max(max, Math.abs(v));
  return max;
}

/** Converts a raw value to the display unit; null and undefined stay null (a gap, not a zero). */
export function toUnit(value: number | null | undefined, unit: DisplayUnit): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isFinite(value)) throw new InternalError(`chart value is not a finite number: ${value}`);
  return unit.divisor === 1 ? value : value / unit.divisor;
}

/** d3 format for tooltip numbers in a display unit: thousands separators, precision by unit. */
export function tooltipFormat(unit: DisplayUnit): string {
  // Whole persons / whole USD need no decimals; scaled units keep two so 7.79 billion is not "8".
  return unit.divisor === 1 ? ",.0f" : ",.2f";
}

/** Checks the year list of a chart and returns [first, last]; years must be integers. */
export function yearRange(years: readonly number[], chart: string): [number, number] {
  if (years.length === 0) throw new MissingDataError(`${chart}: no years to chart`);
  let lo = Infinity;
  let hi = -Infinity;
  for (const y of years) {
    if (!Number.isInteger(y)) throw new InternalError(`${chart}: year is not an integer: ${y}`, { field: "year" });
    lo = Math.min(lo, y);
    hi = Math.max(hi, y);
  }
  return [lo, hi];
}

/** Every integer year from `first` to `last` inclusive. */
export function allYears(first: number, last: number): number[] {
  const out: number[] = [];
  for (let y = first; y <= last; y++) out.push(y);
  return out;
}

/**
 * Year tick values for an x axis: every year when few, else every 2nd / 5th / 10th year
 * (multiples of the step), so that at most ~12 labels appear and never overlap at 640 px.
 */
export function yearTicks(first: number, last: number): number[] {
  const span = last - first + 1;
  const step = [1, 2, 5, 10, 20, 50].find((s) => span / s <= 12) ?? 100;
  const ticks: number[] = [];
  for (let y = Math.ceil(first / step) * step; y <= last; y += step) ticks.push(y);
  // A single-year chart (or a span without a multiple of the step) still gets a labelled tick.
  if (ticks.length === 0) ticks.push(first);
  return ticks;
}

/** Throws unless `share` is a fraction in 0..1 (a percent given by mistake would be 100× off). */
export function checkShare(share: number, chart: string, what: string): void {
  if (!Number.isFinite(share) || share < 0 || share > 1) {
    throw new InternalError(`${chart}: share of ${what} must be a fraction 0..1, got ${share}`, { field: "share" });
  }
}

/**
 * Marks values whose neighbours on both sides (previous and next year of the same series) are
 * missing: a line cannot draw a single point, so charts add a point mark for these.
 * `values` must be indexed by consecutive years.
 */
export function isolatedFlags(values: readonly (number | null)[]): boolean[] {
  return values.map(
    (v, i) => v !== null && (i === 0 || values[i - 1] === null) && (i === values.length - 1 || values[i + 1] === null),
  );
}

/**
 * The common look: fonts ≥ 11 px, no chart border, left-aligned title, legend below.
 * Label limits are raised because vega in Node (no canvas) guesses text widths at 0.8 em a
 * character and would otherwise cut ordinary labels with "…"; charts shorten long labels
 * themselves instead.
 */
export function baseConfig(): Config {
  return {
    font: "DejaVu Sans, Helvetica, Arial, sans-serif",
    view: { stroke: null },
    title: { fontSize: 15, subtitleFontSize: 12, anchor: "start", subtitleColor: "#444", offset: 8 },
    axis: {
      labelFontSize: 11,
      titleFontSize: 12,
      titleFontWeight: "normal",
      labelColor: "#333",
      titleColor: "#333",
      labelLimit: 400,
    },
    legend: {
      labelFontSize: 11,
      titleFontSize: 12,
      titleFontWeight: "normal",
      orient: "bottom",
      direction: "horizontal",
      labelLimit: 400,
    },
    range: { category: [...PALETTE] },
    text: { fontSize: 11 },
  };
}

/** The frame every layered report chart shares: schema, accessible description, title, size, config and data; the chart adds its layers. */
export function layeredChart(frame: { description: string; title: string; subtitle?: string; values: readonly object[]; layers: readonly unknown[] }): VegaLiteSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: frame.description,
    title: titleBlock(frame.title, frame.subtitle),
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: baseConfig(),
    data: { values: frame.values },
    layer: frame.layers,
  } as VegaLiteSpec;
}

/** Title block with an optional subtitle (omitted, not empty, when absent). */
export function titleBlock(title: string, subtitle?: string): { text: string; subtitle?: string } {
  return subtitle ? { text: title, subtitle } : { text: title };
}

/** Year x-axis encoding for a continuous (quantitative) year scale; `ticks` default `yearTicks`. */
export function quantitativeYearX(first: number, last: number, ticks = yearTicks(first, last)): PositionDef<string> {
  return {
    field: "year",
    type: "quantitative",
    title: null,
    scale: { domain: [first, last], nice: false, zero: false },
    axis: { values: ticks, format: "d", grid: false },
  };
}

/** Year x-axis encoding for a band (ordinal) year scale: every year gets a slot, gaps included. */
export function bandYearX(first: number, last: number): PositionDef<string> {
  return {
    field: "year",
    type: "ordinal",
    title: null,
    scale: { domain: allYears(first, last), paddingInner: 0.2 },
    axis: { values: yearTicks(first, last), labelAngle: 0, ticks: false },
  };
}

const numberFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const percentFormat = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });

/** A number for a chart description: English thousands separators, at most two decimals. */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** A fraction 0..1 as an English percentage for a chart description ("12.5%"). */
export function formatPercent(share: number): string {
  return percentFormat.format(share);
}

/** Chart text names year spans as the prose does (report/format.ts). */
export { yearSpan as formatYearSpan } from "../format.js";

/** One observation of a named series, already in the display unit (or a share). */
export interface SeriesPoint {
  year: number;
  series: string;
  value: number;
}

/** A series point as charted: every year of the series' span, null where there is none. */
export interface FilledSeriesPoint {
  year: number;
  series: string;
  value: number | null;
  /** No value in the year before or after: drawn as a dot, since a line needs two points. */
  isolated: boolean;
}

/**
 * Expands each series to a grid of years with null where the series has no value, so that
 * lines break at gaps instead of bridging them. The grid is every year from the series' own
 * first to last year (`grid: "annual"`), or the years that occur anywhere in `points`
 * (`grid: "input-years"`, for data sampled every few years: only a year that other series
 * have counts as missing). Rejects two values for one series and year.
 */
export function fillSeries(
  points: readonly SeriesPoint[],
  seriesOrder: readonly string[],
  grid: "annual" | "input-years",
  chart: string,
): FilledSeriesPoint[] {
  yearRange(
    points.map((p) => p.year),
    chart,
  );
  const inputYears = withBreaks([...new Set(points.map((p) => p.year))].sort((a, b) => a - b));
  const out: FilledSeriesPoint[] = [];
  for (const series of seriesOrder) {
    const byYear = new Map<number, number>();
    for (const p of points) {
      if (p.series !== series) continue;
      if (byYear.has(p.year)) throw new InternalError(`${chart}: two values for ${series} in ${p.year}`, { field: "year" });
      byYear.set(p.year, p.value);
    }
    if (byYear.size === 0) continue;
    const years = grid === "input-years" ? inputYears : allYears(...yearRange([...byYear.keys()], chart));
    const values = years.map((y) => byYear.get(y) ?? null);
    const isolated = isolatedFlags(values);
    years.forEach((year, i) => out.push({ year, series, value: values[i], isolated: isolated[i] }));
  }
  return out;
}

/**
 * Input years with a break inserted into every hole much longer than the usual step, so a line
 * through data sampled every two years still breaks across a 17-year hole: a hole longer than
 * twice the median step (and longer than 2 years) gets its first missing year added, which
 * every series then lacks.
 * @example withBreaks([2010, 2012, 2014, 2031, 2033]) // [2010, 2012, 2014, 2015, 2031, 2033]
 */
export function withBreaks(years: readonly number[]): number[] {
  if (years.length < 3) return [...years];
  const steps = years.slice(1).map((y, i) => y - years[i]!).sort((a, b) => a - b);
  const median = steps[Math.floor(steps.length / 2)]!;
  const out: number[] = [];
  years.forEach((y, i) => {
    out.push(y);
    const next = years[i + 1];
    if (next !== undefined && next - y > Math.max(2, 2 * median)) out.push(y + 1);
  });
  return out;
}

/**
 * The point layers every line chart needs beside its lines: invisible hover targets (a line's
 * tooltip would only show its first point) and, when any value has no neighbour, dots for those
 * values (they cannot form a line segment). The dot layer is added only when needed: an empty
 * layer makes vega warn about an infinite y extent.
 */
export function linePointLayers(values: ReadonlyArray<{ isolated?: boolean }>, encoding: { x: unknown; y: unknown; color: unknown; tooltip: unknown }): object[] {
  const { x, y, color, tooltip } = encoding;
  const layers: object[] = [{ transform: [{ filter: "isValid(datum.value)" }], mark: { type: "point", opacity: 0, size: 80 }, encoding: { x, y, tooltip } }];
  if (values.some((v) => v.isolated)) {
    layers.push({ transform: [{ filter: "datum.isolated" }], mark: { type: "point", filled: true, size: 30, opacity: 1 }, encoding: { x, y, color, tooltip } });
  }
  return layers;
}
