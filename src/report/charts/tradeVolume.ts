/**
 * Bilateral trade over time: exports A→B, imports A←B and total trade as lines, with
 * milestones (diplomatic ties, visa waiver, sanctions …) as labelled vertical rules.
 * @module
 */

import {
  CHART_HEIGHT,
  CHART_WIDTH,
  PALETTE,
  allYears,
  layeredChart,
  formatNumber,
  formatYearSpan,
  isolatedFlags,
  quantitativeYearX,
  toUnit,
  tooltipFormat,
  usdUnit,
  yearRange,
  type DisplayUnit,
  type VegaLiteSpec,
  linePointLayers,
} from "./common.js";
import { MissingDataError } from "../../errors.js";
import { textWidth } from "./textWidth.js";

/** One year of bilateral trade seen from country A; null where the year has no figure. */
export interface TradeVolumeYear {
  year: number;
  /** A's exports to B, USD. */
  exportsUsd: number | null;
  /** A's imports from B, USD. */
  importsUsd: number | null;
  /** Total trade (exports + imports), USD. */
  totalUsd: number | null;
}

/** An event to mark on the time axis. A long `label` wraps onto up to three lines; it is never cut. */
export interface Milestone {
  year: number;
  label: string;
}

export interface TradeVolumeInput {
  title: string;
  subtitle?: string;
  years: TradeVolumeYear[];
  /** Milestones outside the charted years are left out. */
  milestones?: Milestone[];
  /** Display names of the two countries, e.g. "Korea", "Russia". */
  aLabel: string;
  bLabel: string;
}

/** Pixel layout of one milestone label above the plot. */
export interface MilestoneLabelPlacement {
  year: number;
  label: string;
  /** The label as drawn, wrapped at word boundaries. */
  lines: string[];
  /** Pixel y of the middle of the label's first line; negative = above the plot area. */
  labelY: number;
  /** "start": text runs right of the rule; "end": left of it (near the right edge). */
  anchor: "start" | "end";
}

/** Longest line of a milestone label in characters; longer labels wrap at word boundaries. */
const MILESTONE_LINE_CHARS = 22;
/** Lines a label may take; the last holds whatever is left, so nothing is ever cut. */
const MILESTONE_MAX_LINES = 3;
/** Milestone label font size, px. */
const LABEL_FONT_SIZE = 11;
const LINE_HEIGHT = 13;
const ROW_HEIGHT = 14;
const MAX_ROWS = 4;
/** Minimum free pixels between a label and a neighbouring label or rule. */
const GAP = 6;
/** How far a label may run past the right end of the plot (the chart grows by that much). */
const OVERHANG = 40;

/**
 * Wraps a milestone label at word boundaries into lines of at most `max` characters (a longer
 * single word keeps its own line); never more than three lines, and no word is dropped.
 * @example wrapLabel("Western sanctions on Russia after 2014") // ["Western sanctions on", "Russia after 2014"]
 */
export function wrapLabel(label: string, max = MILESTONE_LINE_CHARS): string[] {
  const lines: string[] = [];
  for (const word of label.trim().split(/\s+/)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && ([...last].length + 1 + [...word].length <= max || lines.length === MILESTONE_MAX_LINES)) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/**
 * Places milestone labels in rows above the plot so that no label overlaps another label and
 * no milestone's dashed rule (which runs from its label down to the x axis) crosses another
 * milestone's label. Rows are tried from the top; labels near the right edge run leftwards.
 */
export function placeMilestoneLabels(
  milestones: readonly Milestone[],
  first: number,
  last: number,
  width = CHART_WIDTH,
): MilestoneLabelPlacement[] {
  const sorted = milestones
    .filter((m) => m.year >= first && m.year <= last)
    .map((m) => ({ year: m.year, label: m.label.trim(), lines: wrapLabel(m.label) }))
    .sort((a, b) => a.year - b.year || a.label.localeCompare(b.label));
  interface Placed {
    x: number;
    x0: number;
    x1: number;
    row: number;
  }
  const placed: Placed[] = [];
  const result = sorted.map((m) => {
    const x = last === first ? 0 : ((m.year - first) / (last - first)) * width;
    const w = Math.max(...m.lines.map((l) => textWidth(l, LABEL_FONT_SIZE))) + 4;
    // Text on text is unreadable; a dashed rule through text is only ugly: weigh accordingly.
    const badness = (row: number, x0: number, x1: number) =>
      placed.reduce(
        (sum, p) =>
          sum +
          (p.row === row && p.x0 < x1 + GAP && x0 < p.x1 + GAP ? 3 : 0) + // label on label
          (p.row < row && p.x > x0 - GAP && p.x < x1 + GAP ? 1 : 0) + // its rule through this label
          (p.row > row && x > p.x0 - GAP && x < p.x1 + GAP ? 1 : 0), // this rule through its label
        0,
      );
    // Labels run right of their rule where they fit, else left of it; the first row (from the
    // top) without any collision wins, else the least bad placement.
    const anchors: ("start" | "end")[] = x + w <= width + OVERHANG ? ["start", "end"] : ["end"];
    let best = { row: 0, anchor: anchors[0], x0: x, x1: x + w, bad: Infinity };
    for (let row = 0; row < MAX_ROWS && best.bad > 0; row++) {
      for (const anchor of anchors) {
        const [x0, x1] = anchor === "start" ? [x, x + w] : [x - w, x];
        if (x0 < 0) continue;
        const bad = badness(row, x0, x1);
        if (bad < best.bad) best = { row, anchor, x0, x1, bad };
        if (bad === 0) break;
      }
    }
    placed.push({ x, x0: best.x0, x1: best.x1, row: best.row });
    return { ...m, row: best.row, anchor: best.anchor };
  });
  // Row 0 is the top row; the lowest used row sits just above the plot. A row is as tall as
  // the most lines any label has, so wrapped labels never run into the row below.
  const rows = Math.max(0, ...result.map((r) => r.row)) + 1;
  const lines = Math.max(1, ...result.map((r) => r.lines.length));
  const rowHeight = ROW_HEIGHT + (lines - 1) * LINE_HEIGHT;
  return result.map(({ row, ...m }) => ({ ...m, labelY: -7 - (rows - 1 - row) * rowHeight - (m.lines.length - 1) * LINE_HEIGHT }));
}

/**
 * Line chart of A's exports to B, imports from B and total trade, in a display unit chosen
 * from the data ("billion USD" …). Missing years (null, or absent from `years`) break the
 * lines instead of being bridged; a value with no neighbours is drawn as a dot.
 */
export function tradeVolumeSpec(input: TradeVolumeInput): VegaLiteSpec {
  const chart = "tradeVolumeSpec";
  const [first, last] = yearRange(
    input.years.map((y) => y.year),
    chart,
  );
  const unit = usdUnit(input.years.flatMap((y) => [y.exportsUsd, y.importsUsd, y.totalUsd]));
  const byYear = new Map(input.years.map((y) => [y.year, y]));
  const years = allYears(first, last);

  const seriesDefs = [
    { name: `Exports, ${input.aLabel} → ${input.bLabel}`, pick: (y?: TradeVolumeYear) => y?.exportsUsd },
    { name: `Imports, ${input.aLabel} ← ${input.bLabel}`, pick: (y?: TradeVolumeYear) => y?.importsUsd },
    { name: "Total trade", pick: (y?: TradeVolumeYear) => y?.totalUsd },
  ];
  const values = seriesDefs.flatMap((s) => {
    // Every year of the span gets a row, null where missing, so the line breaks there.
    const vals = years.map((year) => toUnit(s.pick(byYear.get(year)), unit));
    const isolated = isolatedFlags(vals);
    return years.map((year, i) => ({ year, series: s.name, value: vals[i], isolated: isolated[i] }));
  });
  const seriesNames = seriesDefs.map((s) => s.name);
  if (values.every((v) => v.value === null)) throw new MissingDataError(`${chart}: every trade value is missing`);

  const milestones = placeMilestoneLabels(input.milestones ?? [], first, last);
  const fmt = tooltipFormat(unit);
  const color = {
    field: "series",
    type: "nominal" as const,
    title: null,
    scale: { domain: seriesNames, range: [PALETTE[0], PALETTE[1], "#000000"] },
    legend: { orient: "bottom" as const, direction: "horizontal" as const, symbolStrokeWidth: 2.5 },
  };
  const tooltip = [
    { field: "series", type: "nominal" as const, title: "Series" },
    { field: "year", type: "quantitative" as const, title: "Year", format: "d" },
    { field: "value", type: "quantitative" as const, title: unit.label, format: fmt },
  ];
  const x = quantitativeYearX(first, last);
  const y = {
    field: "value",
    type: "quantitative" as const,
    title: `Trade, ${unit.label}`,
    scale: { zero: true },
    axis: { tickCount: 6 },
  };

  const layers: object[] = [
    {
      mark: { type: "line", strokeWidth: 2, invalid: "break-paths-show-domains" },
      encoding: {
        x,
        y,
        color,
        // The line's accessible name; vega-lite's default names it after its first point.
        description: { field: "series", type: "nominal" },
        // Dashes as well as colour, so the series stay apart in greyscale print.
        strokeDash: {
          field: "series",
          type: "nominal",
          title: null,
          scale: { domain: seriesNames, range: [[1, 0], [6, 3], [1, 0]] },
        },
      },
    },
    ...linePointLayers(values, { x, y, color, tooltip }),
  ];
  if (milestones.length > 0) {
    const labelY = { field: "labelY", type: "quantitative", scale: null, axis: null };
    layers.push(
      {
        data: { values: milestones },
        mark: { type: "rule", color: "#888", strokeDash: [3, 3], strokeWidth: 1 },
        encoding: { x, y: { ...labelY, title: null }, y2: { value: CHART_HEIGHT } },
      },
      ...(["start", "end"] as const).map((anchor) => ({
        data: { values: milestones },
        transform: [{ filter: `datum.anchor === '${anchor}'` }],
        mark: {
          type: "text",
          align: anchor === "start" ? "left" : "right",
          baseline: "middle",
          dx: anchor === "start" ? 3 : -3,
          fontSize: LABEL_FONT_SIZE,
          lineHeight: LINE_HEIGHT,
          color: "#444",
        },
        encoding: { x, y: labelY, text: { field: "lines", type: "nominal" } },
      })),
    );
  }

  return layeredChart({ description: describe(input, unit, first, last, milestones), title: input.title, subtitle: input.subtitle, values, layers });
}

function describe(
  input: TradeVolumeInput,
  unit: DisplayUnit,
  first: number,
  last: number,
  milestones: readonly MilestoneLabelPlacement[],
): string {
  const parts = [
    `Line chart of trade between ${input.aLabel} and ${input.bLabel}, ${formatYearSpan(first, last)}, in ${unit.label}: ` +
      `${input.aLabel}'s exports to ${input.bLabel}, imports from ${input.bLabel}, and total trade.`,
  ];
  const totals = input.years.filter((y) => y.totalUsd !== null).sort((a, b) => a.year - b.year);
  if (totals.length > 0) {
    const lo = totals.reduce((a, b) => ((b.totalUsd as number) < (a.totalUsd as number) ? b : a));
    const hi = totals.reduce((a, b) => ((b.totalUsd as number) > (a.totalUsd as number) ? b : a));
    const fmt = (v: number | null) => (v === null ? "no data" : formatNumber(toUnit(v, unit) as number));
    parts.push(`Total trade ranged from ${fmt(lo.totalUsd)} (${lo.year}) to ${fmt(hi.totalUsd)} (${hi.year}).`);
    const latest = totals[totals.length - 1];
    parts.push(
      `In ${latest.year}: exports ${fmt(latest.exportsUsd)}, imports ${fmt(latest.importsUsd)}, total ${fmt(latest.totalUsd)}.`,
    );
  }
  const missing = allYears(first, last).filter(
    (year) => !input.years.some((y) => y.year === year && y.totalUsd !== null),
  );
  if (missing.length > 0) parts.push(`No total for ${missing.join(", ")}.`);
  if (milestones.length > 0) parts.push(`Milestones: ${milestones.map((m) => `${m.year} ${m.label}`).join("; ")}.`);
  return parts.join(" ");
}
