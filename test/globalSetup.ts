/**
 * Builds the bundled sample store once per test run (the same files `npm start` loads) and hands
 * its path to the tests, which open it read-only. Saves loading the DOTS workbooks in every file.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

export default async function setup(project: TestProject) {
  const { DuckDbTradeStore } = await import("../src/store/DuckDbTradeStore.js");
  const { ingestFile } = await import("../src/ingest/pipeline.js");
  const { sampleFiles } = await import("../src/cli/commands/demo.js");
  const dir = mkdtempSync(join(tmpdir(), "tradeties-sample-"));
  const path = join(dir, "sample.duckdb");
  const store = await DuckDbTradeStore.open(path);
  for (const file of sampleFiles()) await ingestFile(store, file);
  await store.close();
  project.provide("sampleStorePath", path);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    sampleStorePath: string;
  }
}
