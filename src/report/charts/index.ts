/**
 * Chart specs for reports and the dashboard, and their SVG rendering. Each `…Spec` function
 * turns plain data (USD, fractions, persons) into a JSON-serialisable Vega-Lite spec with the
 * data inlined; `renderSvg` turns any of them into deterministic SVG text in Node.
 * @module
 */

export { balanceSpec, type BalanceInput, type BalanceYear } from "./balance.js";
export {
  CHART_HEIGHT,
  CHART_WIDTH,
  PALETTE,
  personsUnit,
  usdUnit,
  type DisplayUnit,
  type VegaLiteSpec,
} from "./common.js";
export { compositionSpec, type CompositionGroup, type CompositionInput } from "./composition.js";
export { importSharesSpec, type ImportShareYear, type ImportSharesInput } from "./importShares.js";
export { APPROXIMATE_NOTE, peopleFlowsSpec, type PeopleFlowPoint, type PeopleFlowsInput } from "./peopleFlows.js";
export { canonicalizeSvgIds, renderSvg } from "./render.js";
export { tradeVolumeSpec, type Milestone, type TradeVolumeInput, type TradeVolumeYear } from "./tradeVolume.js";
export { canDrawTradeVsPrice, tradeVsPriceSpec, type TradeVsPriceInput, type TradeVsPriceYear } from "./tradeVsPrice.js";
