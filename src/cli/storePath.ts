import { resolve } from "node:path";
import { isClickHouseLocation } from "../store/openTradeStore.js";

/** `--store`, else `TRADETIES_STORE`, else ./tradeties.duckdb in the working directory; a clickhouse:// address is kept as given. */
export function storePath(option?: string): string {
  const store = option ?? process.env.TRADETIES_STORE ?? "tradeties.duckdb";
  return isClickHouseLocation(store) ? store : resolve(store);
}
