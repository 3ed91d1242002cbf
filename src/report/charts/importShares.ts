/**
 * Who supplies a country's imports: one line per supplier (China, Korea, Germany …), y as %.
 * @module
 */

import { MissingDataError } from "../../errors.js";
import {
  CHART_HEIGHT,
  CHART_WIDTH,
  PALETTE,
  baseConfig,
  checkShare,
  fillSeries,
  formatPercent,
  formatYearSpan,
  quantitativeYearX,
  titleBlock,
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
}

/** Dash patterns by palette round: the 8th supplier reuses the 1st colour, but dashed. */
const DASHES = [[1, 0], [6, 3], [2, 2]];

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
  const y = {
    field: "value",
    type: "quantitative",
    title: `Share of imports into ${input.partnerLabel}`,
    scale: { zero: true },
    axis: { format: ".0%", tickCount: 6 },
  };
  const color = {
    field: "series",
    type: "nominal",
    title: null,
    scale: { domain: suppliers, range: suppliers.map((_, i) => PALETTE[i % PALETTE.length]) },
  };
  const strokeDash = {
    field: "series",
    type: "nominal",
    title: null,
    scale: {
      domain: suppliers,
      range: suppliers.map((_, i) => DASHES[Math.floor(i / PALETTE.length) % DASHES.length]),
    },
  };
  const tooltip = [
    { field: "series", type: "nominal", title: "Supplier" },
    { field: "year", type: "quantitative", title: "Year", format: "d" },
    { field: "value", type: "quantitative", title: "Share of imports", format: ".1%" },
  ];
  const layers: object[] = [
    {
      mark: { type: "line", strokeWidth: 2, invalid: "break-paths-show-domains" },
      // description: the line's accessible name; vega-lite's default names it after its first point.
      encoding: { x, y, color, strokeDash, description: { field: "series", type: "nominal" } },
    },
    ...linePointLayers(values, { x, y, color, tooltip }),
  ];

  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: describe(input, suppliers, first, last),
    title: titleBlock(input.title, input.subtitle),
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: baseConfig(),
    data: { values },
    layer: layers,
  } as VegaLiteSpec;
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
