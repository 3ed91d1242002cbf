/**
 * The API over the sample store for one test file, through `app.request()` (no socket): opened in
 * the file's beforeAll, shut down and closed in its afterAll. Read `sample.app` and `sample.store`
 * inside tests, once beforeAll has run.
 */
import { afterAll, beforeAll } from "vitest";
import { createApp, type AppOptions, type TradetiesApp } from "../src/server/app.js";
import type { DuckDbTradeStore } from "../src/store/DuckDbTradeStore.js";
import { openSampleStore } from "./sampleStore.js";

export interface SampleApp {
  readonly app: TradetiesApp;
  readonly store: DuckDbTradeStore;
}

export function sampleApp(options: Omit<AppOptions, "store"> = {}): SampleApp {
  const sample = {} as { app: TradetiesApp; store: DuckDbTradeStore };
  beforeAll(async () => {
    sample.store = await openSampleStore();
    sample.app = createApp({ webRoot: false, log: () => undefined, ...options, store: sample.store });
  });
  afterAll(async () => {
    await sample.app?.shutdown();
    await sample.store?.close();
  });
  return sample;
}
