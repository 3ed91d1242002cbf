/**
 * The link between the pair's trade and a commodity price series (Brent by default).
 * @module
 */
import { medianOf, seriesCorrelation, withoutYears, type YearValue } from "../../indicators/index.js";
import type { PeerTotals } from "./volatility.js";
import type { TradeStore } from "../../store/TradeStore.js";
import { ref, uniqueRefs } from "../sources.js";
import type { CommodityBlock, SourceRef } from "../types.js";

export interface AnnualPrices {
  series: YearValue[];
  unit: string;
  refs: SourceRef[];
}

/**
 * Correlations over the same-entity run without the years the quality screening flagged (a split
 * year's growth is a recording artefact, not a response to prices); undefined when fewer than 3
 * annual prices are loaded.
 */
export function commodityBlock(priceName: string, prices: AnnualPrices, run: YearValue[], pairRefs: SourceRef[], excludedYears: number[] = [], peers: PeerTotals = []): CommodityBlock | undefined {
  if (prices.series.length < 3) return undefined;
  const excluded = excludedYears.filter((y) => run.some((t) => t.year === y));
  const sameEntityRun = withoutYears(run, excluded);
  // The same growth correlation for the reporter's other large partners over the same years: a link
  // every partner shares is a common cycle of dollar trade values, not a tie specific to this pair.
  const years = new Set(sameEntityRun.map((t) => t.year));
  const peerGrowth = peers
    .map((p) => ({ partner: p.partner, correlation: seriesCorrelation(p.series.filter((t) => years.has(t.year)), prices.series, { method: "pearson", on: "growth" }) }))
    .filter((x): x is { partner: string; correlation: NonNullable<typeof x.correlation> } => x.correlation !== undefined);
  const aligned = sameEntityRun.filter((t) => prices.series.some((p) => p.year === t.year));
  // Iran–Iraq: Iran's totals run 1964–1968 only, before the Brent series starts; no years, no link (and no chart of none).
  if (aligned.length < 3) return undefined;
  return {
    price_series: priceName,
    price_unit: prices.unit,
    years: aligned.map((t) => ({ year: t.year, trade: t.value, price: prices.series.find((p) => p.year === t.year)!.value })),
    levels: { pearson: seriesCorrelation(sameEntityRun, prices.series, { method: "pearson" }), spearman: seriesCorrelation(sameEntityRun, prices.series, { method: "spearman" }) },
    growth: {
      pearson: seriesCorrelation(sameEntityRun, prices.series, { method: "pearson", on: "growth" }),
      spearman: seriesCorrelation(sameEntityRun, prices.series, { method: "spearman", on: "growth" }),
    },
    excluded_years: excluded,
    ...(peerGrowth.length ? { peers_growth: { median_r: medianOf(peerGrowth.map((x) => x.correlation.r)), peers: peerGrowth.map((x) => ({ partner: x.partner, r: x.correlation.r, n: x.correlation.n })) } } : {}),
    growth_lag1: seriesCorrelation(sameEntityRun, prices.series, { method: "pearson", on: "growth", lagYears: 1 }),
    formula: "Pearson r and Spearman ρ between total trade and the annual price, on levels and on year-on-year growth; p-value from Student's t with n − 2 degrees of freedom",
    sources: [...pairRefs, ...prices.refs],
  };
}

export async function annualPrices(store: TradeStore, series: string): Promise<AnnualPrices> {
  const annual = await store.priceRows(series, "annual");
  if (annual.length) return { series: annual.map((p) => ({ year: p.year, value: p.value })), unit: annual[0]!.unit, refs: uniqueRefs(annual.map((p) => ref(p, "source"))) };
  const monthly = await store.priceRows(series, "monthly");
  const byYear = new Map<number, number[]>();
  for (const p of monthly) byYear.set(p.year, [...(byYear.get(p.year) ?? []), p.value]);
  const complete = [...byYear].filter(([, v]) => v.length === 12).map(([year, v]) => ({ year, value: v.reduce((s, x) => s + x, 0) / 12 }));
  return { series: complete, unit: monthly[0]?.unit ?? "", refs: uniqueRefs(monthly.map((p) => ref(p, "source", "annual mean of 12 monthly values"))) };
}
