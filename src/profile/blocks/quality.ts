/**
 * Data-quality screening of the pair's reporter-side totals before any statistic (see
 * `indicators/screening.ts`): split transition years, own-vs-mirror outliers, one-year spikes.
 * Volatility, shocks and the price link leave the flagged years out and say so.
 * @module
 */
import { SCREENING_THRESHOLDS, screenSeries, type OtherEntityValue, type YearValue } from "../../indicators/index.js";
import { sourceRank, type PairYear } from "../../query/pair.js";
import type { QualityBlock } from "../types.js";

export function qualityBlock(years: readonly PairYear[], totals: readonly YearValue[]): QualityBlock {
  const mirror = years.filter((y) => y.mirror.exports !== null && y.mirror.imports !== null).map((y) => ({ year: y.year, value: y.mirror.exports! + y.mirror.imports! }));
  const result = screenSeries({ own: totals, mirror, otherEntity: otherEntityValues(years) });
  return {
    suspect: result.suspect,
    excluded_years: result.excludedYears,
    thresholds: { ...SCREENING_THRESHOLDS },
    formula:
      "split transition: ≥ 10 % of a year's trade booked under another entity of the partner (e.g. USSR beside Russian Federation); mirror outlier: own / mirror total more than 2× off the pair's median ratio (≥ 5 years of both); spike or dip: log change in and out of a year both ≥ ln 2 with opposite signs",
  };
}

/**
 * The reporter's trade with another entity of the partner in the same year (the alternatives the
 * precedence rule did not choose because another entity was preferred): one value per flow and
 * entity, the best-ranked source, so two datasets of one figure are not added up.
 */
function otherEntityValues(years: readonly PairYear[]): OtherEntityValue[] {
  const out: OtherEntityValue[] = [];
  for (const y of years) {
    for (const s of y.sources.filter((x) => x.figure === "exports" || x.figure === "imports")) {
      const best = new Map<string, { value: number; rank: number }>();
      for (const alt of s.alternatives) {
        if (alt.reporter === s.reporter && alt.partner === s.partner) continue;
        const key = `${alt.reporter}|${alt.partner}`;
        const rank = sourceRank(alt);
        const cur = best.get(key);
        if (!cur || rank < cur.rank) best.set(key, { value: alt.value_usd, rank });
      }
      for (const [key, v] of best) out.push({ year: y.year, entity: key.split("|")[1]!, value: v.value });
    }
  }
  return out;
}
