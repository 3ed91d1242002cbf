/**
 * Compiles src/ to dist/ and bundles the CLI (what bin/tradeties.js runs), then builds the bundled sample store once per test run (the same files `npm start` loads) and hands
 * its path to the tests, which open it read-only. Saves loading the DOTS workbooks in every file.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

export default async function setup(project: TestProject) {
  // The CLI tests run the real bin/tradeties.js, which runs the compiled dist/: compile src/ first
  // (incremental, so seconds when little changed) so they never test a stale build.
  execFileSync(process.execPath, [createRequire(import.meta.url).resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], { stdio: "inherit" });
  // ...and bundle it as `npm run build` does (bin runs the bundle; ~1 s).
  execFileSync(process.execPath, ["scripts/bundleCli.mjs"], { stdio: "inherit" });
  const { DuckDbTradeStore } = await import("../src/store/DuckDbTradeStore.js");
  const { ingestFile } = await import("../src/ingest/pipeline.js");
  const { sampleFiles } = await import("../src/cli/commands/demo.js");
  const dir = mkdtempSync(join(tmpdir(), "tradeties-sample-"));
  const path = join(dir, "sample.duckdb");
  const store = await DuckDbTradeStore.open(path);
  for (const file of sampleFiles()) await ingestFile(store, file);
  await store.sortForReads();
  await store.close();
  project.provide("sampleStorePath", path);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    sampleStorePath: string;
  }
}
