import { inject } from "vitest";
import { DuckDbTradeStore } from "../src/store/DuckDbTradeStore.js";

/** The sample store built by test/globalSetup.ts, opened read-only (several test files may read it at once). */
export function openSampleStore(): Promise<DuckDbTradeStore> {
  return DuckDbTradeStore.open(inject("sampleStorePath"), { readOnly: true });
}
