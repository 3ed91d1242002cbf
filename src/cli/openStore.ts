import { existsSync } from "node:fs";
import { UsageError } from "../errors.js";
import { isClickHouseLocation, openTradeStore } from "../store/openTradeStore.js";
import type { TradeStore } from "../store/TradeStore.js";
import { storePath } from "./storePath.js";

/** Readers open read-only so several can run at once; only ingest writes (DuckDB allows one writer). */
export async function openStore(option: string | undefined, { readOnly }: { readOnly: boolean }): Promise<TradeStore> {
  const path = storePath(option);
  if (readOnly && !isClickHouseLocation(path) && !existsSync(path)) {
    throw new UsageError(`no store at ${path}; load data first ('tradeties ingest <files>' or 'npm start' for the bundled sample), or pass --store / set TRADETIES_STORE`);
  }
  return openTradeStore(path, { readOnly });
}
