/**
 * Trade balance over time: one bar a year, surplus and deficit in two colours, zero line.
 * @module
 */

import { MissingDataError } from "../../errors.js";
import {
  DEFICIT_COLOR,
  SURPLUS_COLOR,
  bandYearX,
  formatNumber,
  formatYearSpan,
  toUnit,
  tooltipFormat,
  usdUnit,
  yearRange,
  type DisplayUnit,
  type VegaLiteSpec,
  layeredChart,
} from "./common.js";

/** One year's balance (exports − imports) of country A with B, USD; null where unknown. */
export interface BalanceYear {
  year: number;
  balanceUsd: number | null;
}

export interface BalanceInput {
  title: string;
  subtitle?: string;
  years: BalanceYear[];
}

const CATEGORIES = [
  { name: "Surplus", color: SURPLUS_COLOR },
  { name: "Deficit", color: DEFICIT_COLOR },
  { name: "Balanced", color: "#999999" },
] as const;

function category(balance: number): string {
  return balance > 0 ? "Surplus" : balance < 0 ? "Deficit" : "Balanced";
}

/**
 * Bar chart of the yearly trade balance in a display unit chosen from the data. Every year of
 * the span keeps its slot on the x axis, so a year without data shows as an empty slot.
 */
export function balanceSpec(input: BalanceInput): VegaLiteSpec {
  const chart = "balanceSpec";
  const [first, last] = yearRange(
    input.years.map((y) => y.year),
    chart,
  );
  const known = input.years.filter((y): y is { year: number; balanceUsd: number } => y.balanceUsd !== null);
  if (known.length === 0) throw new MissingDataError(`${chart}: every balance value is missing`);
  const unit = usdUnit(known.map((y) => y.balanceUsd));
  // Missing years are left out of the data; the explicit x domain keeps their empty slots.
  const values = known
    .map((y) => ({ year: y.year, value: toUnit(y.balanceUsd, unit), category: category(y.balanceUsd) }))
    .sort((a, b) => a.year - b.year);
  const present = CATEGORIES.filter((c) => values.some((v) => v.category === c.name));
  const x = bandYearX(first, last);
  const y = {
    field: "value",
    type: "quantitative",
    title: `Balance, ${unit.label}`,
    axis: { tickCount: 6 },
  };

  return layeredChart({
    description: describe(known, unit, first, last),
    title: input.title,
    subtitle: input.subtitle,
    values,
    layers: [
      {
        mark: { type: "bar" },
        encoding: {
          x,
          y,
          color: {
            field: "category",
            type: "nominal",
            title: null,
            scale: { domain: present.map((c) => c.name), range: present.map((c) => c.color) },
          },
          tooltip: [
            { field: "year", type: "ordinal", title: "Year" },
            { field: "category", type: "nominal", title: "Balance" },
            { field: "value", type: "quantitative", title: unit.label, format: tooltipFormat(unit) },
          ],
        },
      },
      {
        // The zero line: the eye reads surplus/deficit against it.
        data: { values: [{ zero: 0 }] },
        mark: { type: "rule", color: "#333", strokeWidth: 1 },
        encoding: { y: { field: "zero", type: "quantitative" } },
      },
    ],
  });
}

function describe(
  known: readonly { year: number; balanceUsd: number }[],
  unit: DisplayUnit,
  first: number,
  last: number,
): string {
  const fmt = (v: number) => `${formatNumber(toUnit(v, unit) as number)} ${unit.label}`;
  const surplus = known.filter((y) => y.balanceUsd > 0);
  const deficit = known.filter((y) => y.balanceUsd < 0);
  const parts = [
    `Bar chart of the yearly trade balance, ${formatYearSpan(first, last)}, in ${unit.label}: ` +
      `surplus in ${surplus.length} years, deficit in ${deficit.length} years.`,
  ];
  if (surplus.length > 0) {
    const max = surplus.reduce((a, b) => (b.balanceUsd > a.balanceUsd ? b : a));
    parts.push(`Largest surplus ${fmt(max.balanceUsd)} in ${max.year}.`);
  }
  if (deficit.length > 0) {
    const min = deficit.reduce((a, b) => (b.balanceUsd < a.balanceUsd ? b : a));
    parts.push(`Largest deficit ${fmt(-min.balanceUsd)} in ${min.year}.`);
  }
  const latest = known.reduce((a, b) => (b.year > a.year ? b : a));
  parts.push(
    latest.balanceUsd === 0
      ? `Latest (${latest.year}): balanced.`
      : `Latest (${latest.year}): ${category(latest.balanceUsd).toLowerCase()} of ${fmt(Math.abs(latest.balanceUsd))}.`,
  );
  const missing = last - first + 1 - new Set(known.map((y) => y.year)).size;
  if (missing > 0) parts.push(`${missing} years have no data.`);
  return parts.join(" ");
}
