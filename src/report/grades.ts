/**
 * Calibrated judgements: each grade a report writes ("high risk", "highly volatile", "surged")
 * comes from here, from the thresholds in `THRESHOLDS` over all of its evidence, so a sentence and
 * its grade cannot disagree. The rule catalogue (`RULES`) states the same thresholds in words.
 * @module
 */
import type { CommodityBlock, VolatilityBlock } from "../profile/types.js";
import type { Risk } from "./document.js";
import { THRESHOLDS } from "./narrative.js";

/** The volatility grade from all its evidence (see `risk.volatility` in the rule catalogue). */
export function volatilityGrade(v: VolatilityBlock): Risk["level"] | undefined {
  const rel = v.relative;
  if (!rel || rel.ratioToPeerMedian === undefined) return undefined;
  const robust = Math.min(rel.ratioToPeerMedian, v.leave_one_out?.min_ratio ?? rel.ratioToPeerMedian);
  if (robust >= THRESHOLDS.volatilityHighRatio && rel.percentileRank >= THRESHOLDS.volatilityHighPercentile) return "high";
  if (robust >= THRESHOLDS.volatilityRiskRatio && rel.percentileRank >= THRESHOLDS.volatilityRiskPercentile) return "medium";
  return undefined;
}

/**
 * The shocks grade: how often the pair's trade falls sharply against the reporter's largest partners
 * over the same years, so a long window or a reporter whose whole trade swings with commodity prices
 * does not make a count of falls a risk by itself. Without peers, at most medium. See `risk.shocks`.
 */
export function shocksGrade(v: VolatilityBlock): Risk["level"] | undefined {
  if (!v.shocks.length) return undefined;
  const f = v.shock_frequency;
  if (!f) return "medium";
  const ratio = f.peerMedianRate > 0 ? f.rate / f.peerMedianRate : Infinity;
  if (v.shocks.length >= THRESHOLDS.shocksHigh && ratio >= THRESHOLDS.shocksHighRatio && f.percentileRank >= THRESHOLDS.shocksHighPercentile) return "high";
  if (ratio >= THRESHOLDS.shocksRiskRatio && f.percentileRank >= THRESHOLDS.shocksRiskPercentile) return "medium";
  return undefined;
}

/**
 * The price-link grade: year-on-year changes must co-move (levels alone are a shared trend), and
 * more than the reporter's trade with its other large partners does (otherwise it is the common
 * cycle of dollar trade values). Without peers the grade is at most medium. See `risk.price-link`.
 */
export function priceLinkGrade(c: CommodityBlock): Risk["level"] | undefined {
  const gr = c.growth.pearson;
  const lev = c.levels.pearson;
  if (!gr || gr.pValue >= THRESHOLDS.priceLinkP || Math.abs(gr.r) < THRESHOLDS.priceGrowthMediumR) return undefined;
  const margin = c.peers_growth ? Math.abs(gr.r) - Math.abs(c.peers_growth.median_r) : undefined;
  if (margin !== undefined && margin < THRESHOLDS.priceSpecificMargin) return undefined;
  const levelsToo = lev !== undefined && Math.abs(lev.r) >= THRESHOLDS.priceLinkR && lev.pValue < THRESHOLDS.priceLinkP;
  return Math.abs(gr.r) >= THRESHOLDS.priceGrowthHighR && levelsToo && margin !== undefined && margin >= THRESHOLDS.priceSpecificHighMargin ? "high" : "medium";
}

/** Growth co-moves with the price significantly, but no more than the reporter's other trade: a common cycle. */
export function priceLinkIsCommonCycle(c: CommodityBlock): boolean {
  const gr = c.growth.pearson;
  return !!gr && !!c.peers_growth && gr.pValue < THRESHOLDS.priceLinkP && Math.abs(gr.r) >= THRESHOLDS.priceGrowthMediumR && Math.abs(gr.r) - Math.abs(c.peers_growth.median_r) < THRESHOLDS.priceSpecificMargin;
}

/** "rose" or "surged" when a supplier's share gained enough from its low (see `competition.surge`), else undefined. */
export function shareGain(x: { low?: { year: number; share: number }; to_share?: number; to_year: number }): "surged" | "rose" | undefined {
  if (!x.low || x.to_share === undefined) return undefined;
  const gain = x.to_share - x.low.share;
  if (gain < THRESHOLDS.competitorSurge) return undefined;
  const years = Math.max(1, x.to_year - x.low.year);
  return gain / years >= THRESHOLDS.competitorSurgePace ? "surged" : "rose";
}

