/**
 * A temporary store of a few IMF DOTS workbooks from the data folder (trade/imf-dots-world/), for
 * tests that check report figures against values read from those workbooks by a second reader.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dataFile } from "../src/dataFolder.js";
import { ingestFile } from "../src/ingest/pipeline.js";
import { DuckDbTradeStore } from "../src/store/DuckDbTradeStore.js";

export async function openWorkbookStore(workbooks: readonly string[]): Promise<{ store: DuckDbTradeStore; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "tradeties-workbooks-"));
  const store = await DuckDbTradeStore.open(join(dir, "store.duckdb"));
  for (const f of workbooks) await ingestFile(store, dataFile(`trade/imf-dots-world/${f}`));
  return {
    store,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
