/**
 * The two IMF DOTS workbooks of the world set that a reader must decide about (README, "Data"):
 * the aggregate reporter SACCA (DOTS_180) and the negative allocation rows of the World reporter
 * (DOTS_221). Expected values read by hand from the workbooks in the data folder.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DuckDbTradeStore } from "../../src/store/DuckDbTradeStore.js";
import type { IngestReport } from "../../src/ingest/pipeline.js";
import { storeWith } from "./helpers.js";

let store: DuckDbTradeStore;
let reports: IngestReport[];

beforeAll(async () => {
  ({ store, reports } = await storeWith(["trade/imf-dots-world/DOTS_180.xlsx", "trade/imf-dots-world/DOTS_221.xlsx"]));
});
afterAll(() => store.close());

describe("IMF DOTS aggregate reporters and negative values", () => {
  it("stores SACCA's rows under an aggregate reporter instead of rejecting all 6,220 of them", async () => {
    const sacca = reports[0]!;
    expect(sacca.source.rowsStored).toBe(6_220);
    expect(sacca.source.rowsRejected).toBe(0);
    const rows = await store.tradeRows({ reporters: ["AGG:sacca"] });
    expect(rows.length).toBe(6_220);
    expect(new Set(rows.map((r) => r.partnerKind)).has("country")).toBe(true);
  });

  it("keeps the World reporter's negative 1960 Malaysia export (−4.8 million USD) as published and says so", async () => {
    const world = reports[1]!;
    expect(world.source.rowsRejected).toBe(0);
    const rows = await store.tradeRows({ reporters: ["WLD"], partners: ["MYS"], flows: ["export"], fromYear: 1960, toYear: 1960 });
    expect(rows.map((r) => r.valueUsd)).toEqual([-4_800_000]);
    expect(world.source.notes.some((n) => /negative values stored as published/.test(n))).toBe(true);
  });

  it("resolves the 1960–1963 partner row \"Malaysia, West\" to its own historical entity (4.8 million USD in 1960)", async () => {
    const rows = await store.tradeRows({ reporters: ["WLD"], partners: ["XMW"], flows: ["export"], fromYear: 1960, toYear: 1960 });
    expect(rows.map((r) => r.valueUsd)).toEqual([4_800_000]);
  });
});
