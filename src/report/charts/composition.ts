/**
 * What a trade flow is made of: horizontal bars of product groups' shares, largest on top.
 * @module
 */

import { MissingDataError } from "../../errors.js";
import {
  CHART_HEIGHT,
  PALETTE,
  baseConfig,
  checkShare,
  formatPercent,
  titleBlock,
  toUnit,
  tooltipFormat,
  usdUnit,
  type VegaLiteSpec,
} from "./common.js";

/** One product group's share of the flow (fraction 0..1), optionally with its value in USD. */
export interface CompositionGroup {
  label: string;
  share: number;
  valueUsd?: number;
  /** A remainder group such as "Other products": drawn last whatever its share. */
  residual?: boolean;
}

export interface CompositionInput {
  title: string;
  subtitle?: string;
  groups: CompositionGroup[];
}

/** Plot width: with up to ~40-character group names on the left the chart is about 640 px wide. */
const PLOT_WIDTH = 400;
/** Row height once the groups no longer fit the standard height at a readable bar size. */
const ROW_STEP = 22;
/** Longest group label shown on the axis; the full label stays in the tooltip. */
const LABEL_CHARS = 40;

/**
 * Horizontal bar chart of group shares, sorted by share (largest first, ties by label, residual
 * groups last), with the share printed at the end of each bar. Shares are fractions 0..1; the
 * axis shows %.
 */
export function compositionSpec(input: CompositionInput): VegaLiteSpec {
  const chart = "compositionSpec";
  if (input.groups.length === 0) throw new MissingDataError(`${chart}: no groups to chart`);
  for (const g of input.groups) checkShare(g.share, chart, g.label);
  const unit = usdUnit(input.groups.map((g) => g.valueUsd));
  const hasValues = input.groups.some((g) => g.valueUsd !== undefined);
  const sorted = [...input.groups].sort(
    (a, b) => Number(!!a.residual) - Number(!!b.residual) || b.share - a.share || a.label.localeCompare(b.label),
  );
  const values = sorted.map((g) => ({
    label: shorten(g.label),
    fullLabel: g.label,
    share: g.share,
    value: toUnit(g.valueUsd, unit),
  }));
  if (new Set(values.map((v) => v.label)).size !== values.length) {
    // Two groups cut to the same text would share one bar slot.
    values.forEach((v, i) => (v.label = `${v.label} (${i + 1})`));
  }
  const maxShare = Math.max(...values.map((v) => v.share));
  const tooltip: object[] = [
    { field: "fullLabel", type: "nominal", title: "Group" },
    { field: "share", type: "quantitative", title: "Share", format: ".1%" },
  ];
  if (hasValues) tooltip.push({ field: "value", type: "quantitative", title: unit.label, format: tooltipFormat(unit) });
  const y = {
    field: "label",
    type: "nominal",
    title: null,
    sort: values.map((v) => v.label),
    axis: { ticks: false, domain: false, labelPadding: 6 },
    scale: { paddingInner: 0.25 },
  };
  // Room right of the longest bar for its percentage label.
  const x = {
    field: "share",
    type: "quantitative",
    title: "Share",
    scale: { domain: [0, Math.min(1, maxShare * 1.15) || 1], nice: false },
    axis: { format: ".0%", tickCount: 5 },
  };
  const fitsStandard = values.length * ROW_STEP <= CHART_HEIGHT;

  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: describe(sorted),
    title: titleBlock(input.title, input.subtitle),
    width: PLOT_WIDTH,
    height: fitsStandard ? CHART_HEIGHT : { step: ROW_STEP },
    config: baseConfig(),
    data: { values },
    encoding: { y, x },
    layer: [
      { mark: { type: "bar", color: PALETTE[0] }, encoding: { tooltip } },
      {
        mark: { type: "text", align: "left", baseline: "middle", dx: 4, fontSize: 11, color: "#333" },
        encoding: { text: { field: "share", type: "quantitative", format: ".1%" }, tooltip },
      },
    ],
  } as VegaLiteSpec;
}

function shorten(label: string): string {
  const chars = [...label.trim()];
  return chars.length <= LABEL_CHARS ? chars.join("") : `${chars.slice(0, LABEL_CHARS - 1).join("").trimEnd()}…`;
}

function describe(sorted: readonly CompositionGroup[]): string {
  const shown = sorted.slice(0, 5).map((g) => `${g.label} ${formatPercent(g.share)}`);
  const rest = sorted.length > 5 ? `, and ${sorted.length - 5} more` : "";
  const total = sorted.reduce((s, g) => s + g.share, 0);
  return (
    `Horizontal bar chart of ${sorted.length} groups by share, largest first: ${shown.join(", ")}${rest}. ` +
    `Together ${formatPercent(total)}.`
  );
}
