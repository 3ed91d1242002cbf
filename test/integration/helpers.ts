import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDbTradeStore } from "../../src/store/DuckDbTradeStore.js";
import { ingestFile, type IngestReport } from "../../src/ingest/pipeline.js";
import { dataFile } from "../../src/dataFolder.js";

export const SAMPLE = (path: string) => dataFile(path);

/** A fresh file-backed store in a temp folder, loaded with the given sample files. */
export async function storeWith(files: string[]): Promise<{ store: DuckDbTradeStore; path: string; reports: IngestReport[] }> {
  const path = join(mkdtempSync(join(tmpdir(), "tradeties-")), "test.duckdb");
  const store = await DuckDbTradeStore.open(path);
  const reports: IngestReport[] = [];
  for (const f of files) reports.push(await ingestFile(store, SAMPLE(f)));
  return { store, path, reports };
}
