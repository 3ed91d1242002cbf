import { resolve } from "node:path";

/** `--store`, else `TRADETIES_STORE`, else ./tradeties.duckdb in the working directory. */
export function storePath(option?: string): string {
  return resolve(option ?? process.env.TRADETIES_STORE ?? "tradeties.duckdb");
}
