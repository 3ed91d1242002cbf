/**
 * The one place that decides the backend from a store string: `clickhouse://…` is a ClickHouse
 * store (src/store/clickhouse/), anything else a DuckDB file path.
 * @module
 */
import { ClickHouseTradeStore } from "./clickhouse/ClickHouseTradeStore.js";
import { isClickHouseLocation } from "./clickhouse/location.js";
import { DuckDbTradeStore } from "./DuckDbTradeStore.js";
import type { TradeStore } from "./TradeStore.js";

export { isClickHouseLocation };

export function openTradeStore(location: string, options: { readOnly: boolean }): Promise<TradeStore> {
  return isClickHouseLocation(location) ? ClickHouseTradeStore.open(location, options) : DuckDbTradeStore.open(location, options);
}
