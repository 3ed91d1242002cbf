/**
 * Who supplies a country's imports: one line per supplier, y as %. Built to be read, not
 * decoded: the suppliers the reader cares about (the reporter, and the supplier whose share
 * moved most) are drawn in colour, the rest in grey, and every line is labelled at its end
 * instead of through a legend.
 * @module
 */

import { MissingDataError } from "../../errors.js";
import {
  CHART_HEIGHT,
  PALETTE,
  layeredChart,
  checkShare,
  fillSeries,
  formatPercent,
  formatYearSpan,
  quantitativeYearX,
  yearRange,
  yearTicks,
  type VegaLiteSpec,
  linePointLayers,
} from "./common.js";

/** One supplier's share of the partner's total imports in one year, as a fraction 0..1. */
export interface ImportShareYear {
  year: number;
  supplier: string;
  share: number;
}

export interface ImportSharesInput {
  title: string;
  subtitle?: string;
  /** The importing country whose suppliers are compared, e.g. "Russia". */
  partnerLabel: string;
  years: ImportShareYear[];
  /** Suppliers drawn in colour whatever their share, e.g. the report's own country ("South Korea"). */
  highlight?: string[];
}

/** The highlighted suppliers' colours (Okabe–Ito vermillion, then green), and the top mover's (blue). */
const HIGHLIGHT_COLORS = [PALETTE[1], PALETTE[2]];
const MOVER_COLOR = PALETTE[0];
/** The other suppliers: context, not the point. #8a919b keeps 3:1 contrast on white. */
const CONTEXT_GREY = "#8a919b";
/** End label font size and the least vertical distance between two labels, px. */
const END_LABEL_FONT_SIZE = 11;
const END_LABEL_GAP = 13;

/**
 * Line chart of suppliers' shares of `partnerLabel`'s imports. Suppliers are ordered (legend
 * and colours) by their latest share, largest first. The years charted are those in the input
 * (shares may be given every few years); a year that some suppliers have and one lacks breaks
 * that supplier's line.
 */
export function importSharesSpec(input: ImportSharesInput): VegaLiteSpec {
  const chart = "importSharesSpec";
  const [first, last] = yearRange(
    input.years.map((y) => y.year),
    chart,
  );
  for (const y of input.years) checkShare(y.share, chart, `${y.supplier} in ${y.year}`);
  const suppliers = supplierOrder(input.years);
  const values = fillSeries(
    input.years.map((y) => ({ year: y.year, series: y.supplier, value: y.share })),
    suppliers,
    "input-years",
    chart,
  );
  if (values.length === 0) throw new MissingDataError(`${chart}: no supplier shares`);

  // Shares given every few years get ticks at those years only, so the axis does not suggest
  // yearly data; many years fall back to the usual round-number ticks.
  const inputYears = [...new Set(input.years.map((y) => y.year))].sort((a, b) => a - b);
  const x = quantitativeYearX(first, last, inputYears.length <= 12 ? inputYears : yearTicks(first, last));
  const maxShare = Math.max(...input.years.map((y) => y.share));
  // An explicit domain, so the end labels can be placed in pixels below.
  const top = Math.min(1, Math.max(0.05, Math.ceil(maxShare / 0.05) * 0.05));
  const y = {
    field: "value",
    type: "quantitative",
    title: `Share of imports into ${input.partnerLabel}`,
    scale: { domain: [0, top], nice: false },
    axis: { format: ".0%", tickCount: 6 },
  };
  const highlighted = (input.highlight ?? []).filter((h) => suppliers.includes(h));
  const mover = topMover(input.years, highlighted);
  const colorOf = (s: string) => (highlighted.includes(s) ? HIGHLIGHT_COLORS[highlighted.indexOf(s) % HIGHLIGHT_COLORS.length]! : s === mover ? MOVER_COLOR : CONTEXT_GREY);
  const emphasised = (s: string) => highlighted.includes(s) || s === mover;
  const color = {
    field: "series",
    type: "nominal",
    title: null,
    scale: { domain: suppliers, range: suppliers.map(colorOf) },
    legend: null,
  };
  const tooltip = [
    { field: "series", type: "nominal", title: "Supplier" },
    { field: "year", type: "quantitative", title: "Year", format: "d" },
    { field: "value", type: "quantitative", title: "Share of imports", format: ".1%" },
  ];
  const labels = endLabels(input.years, suppliers, top, last).map((l) => ({ ...l, color: colorOf(l.series), bold: emphasised(l.series) }));
  // Grey lines first, so the coloured ones are drawn on top where they cross.
  const layers: object[] = [
    ...[false, true].map((bold) => ({
      transform: [{ filter: { field: "series", oneOf: suppliers.filter((s) => emphasised(s) === bold) } }],
      mark: { type: "line", strokeWidth: bold ? 2.75 : 1.5, invalid: "break-paths-show-domains" },
      // description: the line's accessible name; vega-lite's default names it after its first point.
      encoding: { x, y, color, description: { field: "series", type: "nominal" } },
    })).filter((l) => l.transform[0]!.filter.oneOf.length > 0),
    ...linePointLayers(values, { x, y, color, tooltip }),
    ...[true, false].map((bold) => ({
      data: { values: labels.filter((l) => l.bold === bold) },
      mark: { type: "text", align: "left", baseline: "middle", dx: 6, fontSize: END_LABEL_FONT_SIZE, fontWeight: bold ? "bold" : "normal" },
      encoding: {
        x,
        y: { field: "labelY", type: "quantitative", scale: null, axis: null },
        text: { field: "text", type: "nominal" },
        color: { field: "color", type: "nominal", scale: null },
      },
    })).filter((l) => l.data.values.length > 0),
  ];

  return layeredChart({ description: describe(input, suppliers, first, last), title: input.title, subtitle: input.subtitle, values, layers });
}

/** The supplier (not highlighted) whose share changed most between its first and last figure, in points. */
function topMover(rows: readonly ImportShareYear[], exclude: readonly string[]): string | undefined {
  const span = new Map<string, { first: ImportShareYear; last: ImportShareYear }>();
  for (const r of rows) {
    const s = span.get(r.supplier);
    if (!s) span.set(r.supplier, { first: r, last: r });
    else {
      if (r.year < s.first.year) s.first = r;
      if (r.year > s.last.year) s.last = r;
    }
  }
  let best: { supplier: string; change: number } | undefined;
  for (const [supplier, s] of span) {
    if (exclude.includes(supplier) || s.first === s.last) continue;
    const change = Math.abs(s.last.share - s.first.share);
    if (!best || change > best.change || (change === best.change && supplier < best.supplier)) best = { supplier, change };
  }
  return best?.supplier;
}

/**
 * One label per supplier at the right edge: "China 20.9 %", with "(2016)" when its last figure is
 * older than the chart's last year; pushed apart vertically so no two overlap.
 */
function endLabels(rows: readonly ImportShareYear[], suppliers: readonly string[], top: number, last: number): Array<{ series: string; year: number; labelY: number; text: string }> {
  const latest = suppliers.map((s) => rows.filter((r) => r.supplier === s).reduce((a, b) => (b.year > a.year ? b : a)));
  const placed = latest
    .map((r) => ({ series: r.supplier, year: last, want: CHART_HEIGHT * (1 - r.share / top), text: `${r.supplier} ${formatPercent(r.share)}${r.year < last ? ` (${r.year})` : ""}` }))
    .sort((a, b) => a.want - b.want);
  const ys: number[] = [];
  for (const p of placed) ys.push(Math.max(p.want, ys.length ? ys[ys.length - 1]! + END_LABEL_GAP : -Infinity));
  // Labels pushed below the axis come back up, keeping their order and spacing.
  const overflow = ys.length ? ys[ys.length - 1]! - (CHART_HEIGHT + 4) : 0;
  if (overflow > 0) for (let i = ys.length - 1; i >= 0; i--) ys[i] = Math.min(ys[i]!, CHART_HEIGHT + 4 - (ys.length - 1 - i) * END_LABEL_GAP);
  return placed.map((p, i) => ({ series: p.series, year: p.year, labelY: Math.round(ys[i]! * 10) / 10, text: p.text }));
}

/** Suppliers by their share in their own latest year, largest first; ties by name. */
function supplierOrder(rows: readonly ImportShareYear[]): string[] {
  const latest = new Map<string, ImportShareYear>();
  for (const r of rows) {
    const seen = latest.get(r.supplier);
    if (!seen || r.year > seen.year) latest.set(r.supplier, r);
  }
  return [...latest.values()]
    .sort((a, b) => b.share - a.share || a.supplier.localeCompare(b.supplier))
    .map((r) => r.supplier);
}

function describe(input: ImportSharesInput, suppliers: readonly string[], first: number, last: number): string {
  const inLast = input.years.filter((y) => y.year === last).sort((a, b) => b.share - a.share);
  const parts = [
    `Line chart of the shares of ${suppliers.join(", ")} in the imports of ${input.partnerLabel}, ` +
      `${formatYearSpan(first, last)}, in percent of its total imports.`,
  ];
  if (inLast.length > 0) {
    parts.push(`In ${last}: ${inLast.map((y) => `${y.supplier} ${formatPercent(y.share)}`).join(", ")}.`);
  }
  return parts.join(" ");
}
