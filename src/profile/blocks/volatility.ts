/**
 * Volatility of the pair's trade, relative to the reporter's largest other partners over the same
 * years, and the shock years.
 * @module
 */
import { coefficientOfVariation, logGrowthVolatility, relativeVolatility, shockFrequency, shockYears, volatilityRatioLeaveOneOut, withoutYears, type YearValue } from "../../indicators/index.js";
import type { EntityCode } from "../../model.js";
import { bestRowPerKey } from "../../query/pair.js";
import { CountryRegistry } from "../../reference/countries.js";
import type { TradeStore, TradeTotalRow } from "../../store/TradeStore.js";
import { ref, uniqueRefs } from "../sources.js";
import type { SourceRef, VolatilityBlock } from "../types.js";

export interface VolatilityInput {
  /** Same-entity, unbroken years ending at the reference year. */
  sameEntityRun: YearValue[];
  pairRefs: SourceRef[];
  shockThreshold: number;
  /** Years the quality screening flagged: left out of the target and the peers alike (same years). */
  excludedYears: number[];
}

/** The reporter's largest other partners with their total-trade series over the window (see {@link partnerPeers}). */
export type PeerTotals = Awaited<ReturnType<typeof partnerPeers>>;

/** The window the time-series statistics cover: the same-entity run. */
export function statisticsWindow(sameEntityRun: YearValue[]): { from_year: number; to_year: number } {
  return { from_year: sameEntityRun[0]!.year, to_year: sameEntityRun[sameEntityRun.length - 1]!.year };
}

export function volatilityBlock(peers: PeerTotals, input: VolatilityInput): VolatilityBlock {
  const registry = CountryRegistry.load();
  const { sameEntityRun, pairRefs, shockThreshold } = input;
  const window = statisticsWindow(sameEntityRun);
  const excluded = input.excludedYears.filter((y) => y >= window.from_year && y <= window.to_year);
  const screened = withoutYears(sameEntityRun, excluded);
  const peerSeries = (drop: number[]) => peers.map((p) => ({ key: p.partner, series: withoutYears(p.series, drop) }));
  const relative = peers.length ? relativeVolatility(screened, peerSeries(excluded)) : undefined;
  const unscreened = excluded.length && peers.length ? relativeVolatility(sameEntityRun, peerSeries([])) : undefined;
  const loo = peers.length ? volatilityRatioLeaveOneOut(screened, peerSeries(excluded)) : [];
  const lowest = [...loo].sort((x, y) => x.ratio - y.ratio || x.year - y.year)[0];
  const highest = [...loo].sort((x, y) => y.ratio - x.ratio || x.year - y.year)[0];
  const frequency = peers.length ? shockFrequency(screened, peerSeries(excluded), shockThreshold) : undefined;
  return {
    measure: "standard deviation of year-on-year log growth of total trade",
    value: logGrowthVolatility(screened),
    coefficient_of_variation: coefficientOfVariation(screened.map((t) => t.value)),
    peers: peers.map((p) => ({ partner: p.partner, name: registry.displayName(p.partner), volatility: logGrowthVolatility(withoutYears(p.series, excluded)), total_last_year: p.lastTotal })),
    relative,
    excluded_years: excluded,
    ...(excluded.length ? { with_excluded: { value: logGrowthVolatility(sameEntityRun), ratio_to_peer_median: unscreened?.ratioToPeerMedian } } : {}),
    ...(lowest && highest ? { leave_one_out: { min_ratio: lowest.ratio, min_year: lowest.year, max_ratio: highest.ratio, max_year: highest.year } } : {}),
    shocks: shockYears(screened, { thresholdFall: shockThreshold }),
    shock_threshold: shockThreshold,
    ...(frequency ? { shock_frequency: frequency } : {}),
    window,
    formula:
      "σ = sample SD (n − 1) of ln(total_t / total_{t−1}); peers: the reporter's largest partners by total trade in the last year, same years; years flagged by the quality screening are left out of the target and the peers (growth into and out of them disappears); leave-one-out: the ratio with each single growth year dropped; shock: y/y change ≤ threshold; shock frequency: shocks / year-on-year observations, against the same peers over the same years",
    sources: peers.length ? [...pairRefs, ...uniqueRefs(peers.flatMap((p) => p.refs))] : pairRefs,
  };
}

/** One value per (partner, year, flow) under the pair precedence, then totals per partner-year. */
export function totalsByPartner(rows: TradeTotalRow[]): Map<EntityCode, { series: YearValue[]; refs: SourceRef[] }> {
  const best = bestRowPerKey(rows, (r) => `${r.partner}|${r.year}|${r.flow}`);
  const byPartner = new Map<EntityCode, Map<number, { ex?: number; im?: number; refs: SourceRef[] }>>();
  for (const r of best) {
    const years = byPartner.get(r.partner) ?? new Map();
    byPartner.set(r.partner, years);
    const y = years.get(r.year) ?? { refs: [] };
    years.set(r.year, y);
    if (r.flow === "export") y.ex = r.valueUsd;
    else y.im = r.valueUsd;
    y.refs.push(ref(r, "reporter"));
  }
  const out = new Map<EntityCode, { series: YearValue[]; refs: SourceRef[] }>();
  for (const [partner, years] of byPartner) {
    const series: YearValue[] = [];
    const refs: SourceRef[] = [];
    for (const [year, v] of [...years].sort((x, y) => x[0] - y[0])) {
      if (v.ex !== undefined && v.im !== undefined) {
        series.push({ year, value: v.ex + v.im });
        refs.push(...v.refs);
      }
    }
    out.set(partner, { series, refs: uniqueRefs(refs) });
  }
  return out;
}

export async function partnerPeers(store: TradeStore, a: EntityCode, excluded: EntityCode[], window: { from_year: number; to_year: number }, count: number) {
  // Two small queries (rank partners on the last year, then fetch only the top ones' series)
  // instead of every partner's whole history: the reporter may have 240 partners over 60 years.
  const isPeer = (r: TradeTotalRow) => r.partnerKind === "country" && !excluded.includes(r.partner);
  const lastYear = await store.tradeTotals({ reporters: [a], flows: ["export", "import"], fromYear: window.to_year, toYear: window.to_year });
  const ranked = [...totalsByPartner(lastYear.filter(isPeer)).entries()]
    .map(([partner, v]) => ({ partner, lastTotal: v.series[0]?.value ?? 0 }))
    .filter((p) => p.lastTotal > 0)
    .sort((x, y) => y.lastTotal - x.lastTotal || x.partner.localeCompare(y.partner))
    .slice(0, count);
  if (!ranked.length) return [];
  const rows = await store.tradeTotals({ reporters: [a], partners: ranked.map((p) => p.partner), flows: ["export", "import"], fromYear: window.from_year, toYear: window.to_year });
  const byPartner = totalsByPartner(rows.filter(isPeer));
  return ranked.map((p) => ({ ...p, series: byPartner.get(p.partner)?.series ?? [], refs: byPartner.get(p.partner)?.refs ?? [] }));
}
