/**
 * The one place that decides the backend from a store string: `clickhouse://…` is a ClickHouse
 * store (src/store/clickhouse/), anything else a DuckDB file path. Each backend is imported only
 * when it is opened: a command on a DuckDB file does not load the ClickHouse client, and the
 * reverse.
 * @module
 */
import { isClickHouseLocation } from "./clickhouse/location.js";
import type { TradeStore } from "./TradeStore.js";

export { isClickHouseLocation };

export async function openTradeStore(location: string, options: { readOnly: boolean }): Promise<TradeStore> {
  if (isClickHouseLocation(location)) return (await import("./clickhouse/ClickHouseTradeStore.js")).ClickHouseTradeStore.open(location, options);
  return (await import("./DuckDbTradeStore.js")).DuckDbTradeStore.open(location, options);
}
