/**
 * The indicator library: pure functions from numbers to numbers, no I/O. See `types.ts` for the
 * conventions (units, `undefined` for statistics that do not exist, which errors are thrown).
 * @module
 */
export type { YearValue, KeyValue, KeyShare, YearGrowth, Undefinedable } from "./types.js";
export { sortByYear, toYearMap, valueAt, alignByYear, medianOf } from "./series.js";
export type { AlignedPair } from "./series.js";
export { growthMultiple, cagr, cagrBetween, yearOnYear, records, decadeSummaries } from "./growth.js";
export type { SeriesRecords, DecadeSummary } from "./growth.js";
export { balanceSeries, balanceStreak, allStreaks, cumulativeBalance } from "./balance.js";
export type { BalanceStreak } from "./balance.js";
export {
  sampleStandardDeviation,
  logGrowthVolatility,
  coefficientOfVariation,
  relativeVolatility,
  shockYears,
  volatilityRatioLeaveOneOut,
} from "./volatility.js";
export type { LeaveOneOutRatio, PeerSeries, RelativeVolatility, ShockYear } from "./volatility.js";
export { shockFrequency } from "./shocks.js";
export type { ShockFrequency } from "./shocks.js";
export { SCREENING_THRESHOLDS, growthBreakYears, screenSeries, withoutYears } from "./screening.js";
export type { OtherEntityValue, ScreenReason, ScreeningInput, ScreeningOptions, ScreeningResult, SuspectYear } from "./screening.js";
export { DEFAULT_KOR_RUS_MILESTONES, beforeAfter } from "./events.js";
export type { Milestone, MilestoneKind, MilestoneSource, BeforeAfter } from "./events.js";
export {
  lnGamma,
  regularizedIncompleteBeta,
  studentTTwoSidedPValue,
  pearson,
  spearman,
  averageRanks,
  seriesCorrelation,
} from "./correlation.js";
export type { CorrelationResult, SeriesCorrelation, SeriesCorrelationOptions } from "./correlation.js";
export { sharesOfTotal, shareSeries, shareShift, rankChanges } from "./shares.js";
export type { YearKeyValue, YearKeyShare, ShareShift, RankChange } from "./shares.js";
export { hhi, normalizedHhi, topShares } from "./concentration.js";
export type { TopShares } from "./concentration.js";
export { rca, rcaByProduct, complementarity, exportSimilarity, tradeIntensity } from "./specialization.js";
export type { ProductValues } from "./specialization.js";
export { grubelLloyd, grubelLloydAggregate } from "./intraIndustry.js";
export type { ProductFlows } from "./intraIndustry.js";
export { compositionByGroup, hsChapter } from "./composition.js";
export type { Composition, GroupShare } from "./composition.js";
export { mirrorGap, mirrorSeries } from "./mirror.js";
export type { MirrorGap, MirrorYear, MirrorOptions } from "./mirror.js";
export { MIN_BASE_FRACTION, STANDARD_WINDOW_YEARS, meaningfulBase, longestMeaningfulWindow, standardWindows, shareChange } from "./growthWindows.js";
export type { GrowthWindow, StandardWindow, ShareChange } from "./growthWindows.js";
export { partnerRank, measureOf } from "./partnerRank.js";
export type { PartnerRank, PartnerYearFlows, RankMeasure, WorldYearFlows } from "./partnerRank.js";
