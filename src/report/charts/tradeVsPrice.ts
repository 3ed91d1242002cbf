/**
 * Trade against a commodity price (e.g. Brent crude), as growth rates on one axis: the
 * year-on-year change of trade and of the price, in percent. Two levels on two independent axes
 * would invite reading co-movement into any two rising series (the spurious-correlation reading
 * the report warns against); growth rates on one scale show whether the two move together year
 * by year, which is what the correlation on growth measures.
 * @module
 */

import { MissingDataError } from "../../errors.js";
import {
  PALETTE,
  allYears,
  formatPercent,
  formatYearSpan,
  isolatedFlags,
  linePointLayers,
  quantitativeYearX,
  yearRange,
  type VegaLiteSpec,
  layeredChart,
} from "./common.js";

/** One year of trade (USD) and the price in the unit named by `priceLabel`; null if unknown. */
export interface TradeVsPriceYear {
  year: number;
  tradeUsd: number | null;
  price: number | null;
}

export interface TradeVsPriceInput {
  title: string;
  subtitle?: string;
  years: TradeVsPriceYear[];
  /** Names the price and its unit, e.g. "Brent, USD per barrel". */
  priceLabel: string;
  /** Names the trade series; default "Trade". */
  tradeLabel?: string;
}

const TRADE_COLOR = PALETTE[0];
const PRICE_COLOR = PALETTE[1];

/**
 * Year-on-year growth: value(t) / value(t−1) − 1, a fraction; null unless both years have a
 * positive value (a growth rate across a missing year is not a yearly rate).
 * @example growthRates([{ year: 2000, v: 100 }, { year: 2001, v: 110 }], (r) => r.v) // [null, 0.1]
 */
export function growthRates<T extends { year: number }>(rows: readonly T[], value: (r: T) => number | null): Array<number | null> {
  const byYear = new Map(rows.map((r) => [r.year, value(r)]));
  return rows.map((r) => {
    const now = value(r);
    const before = byYear.get(r.year - 1);
    return now !== null && before !== null && before !== undefined && before > 0 && now >= 0 ? now / before - 1 : null;
  });
}

/** Whether {@link tradeVsPriceSpec} can draw `years`: some two consecutive years of trade, and of the price, to take a growth rate from. */
export function canDrawTradeVsPrice(years: readonly TradeVsPriceYear[]): boolean {
  if (!years.length) return false;
  const all = everyYear(years, Math.min(...years.map((y) => y.year)), Math.max(...years.map((y) => y.year)));
  return growthRates(all, (y) => y.tradeUsd).some((r) => r !== null) && growthRates(all, (y) => y.price).some((r) => r !== null);
}

/** `years` with an empty entry for each missing year from `first` to `last`: growth is only taken between neighbours. */
function everyYear(years: readonly TradeVsPriceYear[], first: number, last: number): TradeVsPriceYear[] {
  const byYear = new Map(years.map((y) => [y.year, y]));
  return allYears(first, last).map((year) => byYear.get(year) ?? { year, tradeUsd: null, price: null });
}

/**
 * Line chart of the yearly growth of trade and of the price on one percent axis, with the zero
 * line drawn. A year whose growth cannot be computed breaks its line.
 */
export function tradeVsPriceSpec(input: TradeVsPriceInput): VegaLiteSpec {
  const chart = "tradeVsPriceSpec";
  const [first, last] = yearRange(
    input.years.map((y) => y.year),
    chart,
  );
  const years = everyYear(input.years, first, last);
  const tradeName = `${input.tradeLabel ?? "Trade"}, change on the year`;
  const priceName = `${input.priceLabel.split(",")[0]} price, change on the year`;
  const series = [
    { name: tradeName, rates: growthRates(years, (y) => y.tradeUsd) },
    { name: priceName, rates: growthRates(years, (y) => y.price) },
  ];
  if (series[0]!.rates.every((r) => r === null)) throw new MissingDataError(`${chart}: no two consecutive years of trade to compute growth from`);
  if (series[1]!.rates.every((r) => r === null)) throw new MissingDataError(`${chart}: no two consecutive years of prices to compute growth from`);
  // The first year never has a growth rate: the chart starts at the second.
  const start = first + 1;
  const values = series.flatMap((s) => {
    const rates = s.rates.slice(1);
    const isolated = isolatedFlags(rates);
    return rates.map((value, i) => ({ year: start + i, series: s.name, value, isolated: isolated[i] }));
  });

  const x = quantitativeYearX(start, last);
  const y = {
    field: "value",
    type: "quantitative",
    title: "Change on the previous year",
    axis: { format: "~%", tickCount: 6 },
  };
  const color = {
    field: "series",
    type: "nominal",
    title: null,
    scale: { domain: series.map((s) => s.name), range: [TRADE_COLOR, PRICE_COLOR] },
    legend: { symbolType: "stroke", symbolStrokeWidth: 2.5 },
  };
  const tooltip = [
    { field: "series", type: "nominal", title: "Series" },
    { field: "year", type: "quantitative", title: "Year", format: "d" },
    { field: "value", type: "quantitative", title: "Change on the year", format: "+.1%" },
  ];
  return layeredChart({
    description: describe(input, values, start, last),
    title: input.title,
    subtitle: input.subtitle,
    values,
    layers: [
      { data: { values: [{ zero: 0 }] }, mark: { type: "rule", color: "#666", strokeWidth: 1 }, encoding: { y: { field: "zero", type: "quantitative", title: null } } },
      {
        mark: { type: "line", strokeWidth: 2, invalid: "break-paths-show-domains" },
        encoding: {
          x,
          y,
          color,
          description: { field: "series", type: "nominal" },
          // Dashes as well as colour, so the two stay apart in greyscale print.
          strokeDash: { field: "series", type: "nominal", title: null, scale: { domain: series.map((s) => s.name), range: [[1, 0], [6, 3]] } },
        },
      },
      ...linePointLayers(values, { x, y, color, tooltip }),
    ],
  });
}

function describe(input: TradeVsPriceInput, values: ReadonlyArray<{ year: number; series: string; value: number | null }>, first: number, last: number): string {
  const [tradeName, priceName] = [...new Set(values.map((v) => v.series))] as [string, string];
  const pairs = [...new Set(values.map((v) => v.year))]
    .map((year) => ({ year, t: values.find((v) => v.year === year && v.series === tradeName)?.value ?? null, p: values.find((v) => v.year === year && v.series === priceName)?.value ?? null }))
    .filter((r): r is { year: number; t: number; p: number } => r.t !== null && r.p !== null);
  const parts = [`Line chart of the yearly change of ${(input.tradeLabel ?? "trade").toLowerCase()} and of the ${input.priceLabel.split(",")[0]} price, ${formatYearSpan(first, last)}, in percent on one axis.`];
  if (pairs.length >= 3) parts.push(`Correlation of the two growth rates over ${pairs.length} years: ${correlation(pairs).toFixed(2).replace(/^-/, "−")}.`);
  const latest = pairs[pairs.length - 1];
  if (latest) parts.push(`In ${latest.year}: trade ${signed(latest.t)}, price ${signed(latest.p)}.`);
  return parts.join(" ");
}

function signed(f: number): string {
  return `${f >= 0 ? "+" : "−"}${formatPercent(Math.abs(f))}`;
}

/** Pearson correlation of the two growth rates; 0 when either is constant. */
function correlation(rows: readonly { t: number; p: number }[]): number {
  const n = rows.length;
  const mx = rows.reduce((s, r) => s + r.t, 0) / n;
  const my = rows.reduce((s, r) => s + r.p, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const r of rows) {
    sxy += (r.t - mx) * (r.p - my);
    sxx += (r.t - mx) ** 2;
    syy += (r.p - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}
