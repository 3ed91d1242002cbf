/**
 * Trade against a commodity price (e.g. Brent crude): trade as bars on the left axis, the
 * price as a line on the right axis, sharing the year axis.
 * @module
 */

import { MissingDataError } from "../../errors.js";
import {
  CHART_HEIGHT,
  CHART_WIDTH,
  PALETTE,
  allYears,
  bandYearX,
  baseConfig,
  formatNumber,
  formatYearSpan,
  isolatedFlags,
  titleBlock,
  toUnit,
  tooltipFormat,
  usdUnit,
  yearRange,
  type DisplayUnit,
  type VegaLiteSpec,
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
  /** Names the trade bars; default "Trade". The display unit is appended. */
  tradeLabel?: string;
}

/** Light bars under a dark line, so the line stays visible where it crosses the bars. */
const TRADE_COLOR = PALETTE[5];
const PRICE_COLOR = PALETTE[1];

/**
 * Dual-axis chart: trade bars (left axis, display unit chosen from the data) and the price
 * line (right axis). The two y scales are independent, so the chart shows co-movement, not
 * relative size. A missing price year breaks the line; a missing trade year leaves its slot empty.
 */
export function tradeVsPriceSpec(input: TradeVsPriceInput): VegaLiteSpec {
  const chart = "tradeVsPriceSpec";
  const [first, last] = yearRange(
    input.years.map((y) => y.year),
    chart,
  );
  const unit = usdUnit(input.years.map((y) => y.tradeUsd));
  const tradeName = `${input.tradeLabel ?? "Trade"}, ${unit.label}`;
  const byYear = new Map(input.years.map((y) => [y.year, y]));
  const years = allYears(first, last);
  const prices = years.map((year) => byYear.get(year)?.price ?? null);
  const isolated = isolatedFlags(prices);
  const values = years.map((year, i) => ({
    year,
    trade: toUnit(byYear.get(year)?.tradeUsd, unit),
    price: prices[i],
    isolated: isolated[i],
  }));
  if (values.every((v) => v.trade === null)) throw new MissingDataError(`${chart}: every trade value is missing`);
  if (values.every((v) => v.price === null)) throw new MissingDataError(`${chart}: every price is missing`);

  const x = bandYearX(first, last);
  // One colour scale over both layers gives a legend that names bars and line alike.
  const colorScale = { domain: [tradeName, input.priceLabel], range: [TRADE_COLOR, PRICE_COLOR] };
  const tooltip = [
    { field: "year", type: "ordinal", title: "Year" },
    { field: "trade", type: "quantitative", title: tradeName, format: tooltipFormat(unit) },
    { field: "price", type: "quantitative", title: input.priceLabel, format: ",.2f" },
  ];
  const priceY = {
    field: "price",
    type: "quantitative",
    title: input.priceLabel,
    scale: { zero: true },
    axis: { orient: "right", tickCount: 6, titleColor: PRICE_COLOR, grid: false },
  };
  const priceLayers: object[] = [
    {
      mark: { type: "line", strokeWidth: 2.5, invalid: "break-paths-show-domains" },
      encoding: {
        x,
        y: priceY,
        color: { datum: input.priceLabel, scale: colorScale, title: null },
        description: { value: input.priceLabel },
        tooltip,
      },
    },
  ];
  if (values.some((v) => v.isolated)) {
    priceLayers.push({
      transform: [{ filter: "datum.isolated" }],
      mark: { type: "point", filled: true, size: 30, opacity: 1, color: PRICE_COLOR },
      encoding: { x, y: priceY, tooltip },
    });
  }

  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: describe(input, unit, first, last),
    title: titleBlock(input.title, input.subtitle),
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: baseConfig(),
    data: { values },
    layer: [
      {
        transform: [{ filter: "isValid(datum.trade)" }],
        mark: { type: "bar" },
        encoding: {
          x,
          y: {
            field: "trade",
            type: "quantitative",
            title: tradeName,
            axis: { tickCount: 6, titleColor: "#1f6f99" },
          },
          color: { datum: tradeName, scale: colorScale, title: null },
          tooltip,
        },
      },
      { layer: priceLayers },
    ],
    resolve: { scale: { y: "independent" } },
  } as VegaLiteSpec;
}

function describe(input: TradeVsPriceInput, unit: DisplayUnit, first: number, last: number): string {
  const both = input.years
    .filter((y): y is { year: number; tradeUsd: number; price: number } => y.tradeUsd !== null && y.price !== null)
    .sort((a, b) => a.year - b.year);
  const parts = [
    `Bars of ${input.tradeLabel ?? "trade"} in ${unit.label} (left axis) and a line of ${input.priceLabel} ` +
      `(right axis), ${formatYearSpan(first, last)}.`,
  ];
  if (both.length >= 3) parts.push(`Correlation of the two over ${both.length} years: ${correlation(both).toFixed(2)}.`);
  const latest = both[both.length - 1];
  if (latest) {
    parts.push(
      `In ${latest.year}: ${formatNumber(toUnit(latest.tradeUsd, unit) as number)} ${unit.label}, price ${formatNumber(latest.price)}.`,
    );
  }
  return parts.join(" ");
}

/** Pearson correlation of trade and price; 0 when either is constant. */
function correlation(rows: readonly { tradeUsd: number; price: number }[]): number {
  const n = rows.length;
  const mx = rows.reduce((s, r) => s + r.tradeUsd, 0) / n;
  const my = rows.reduce((s, r) => s + r.price, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const r of rows) {
    sxy += (r.tradeUsd - mx) * (r.price - my);
    sxx += (r.tradeUsd - mx) ** 2;
    syy += (r.price - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}
