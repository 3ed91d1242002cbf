/**
 * A reporter whose World total is below one supplier's figure: Curaçao's IMF DOTS workbook
 * (DOTS_51), read with a second reader (Python zipfile + XML), USD millions, 2010: imports from
 * Mexico 6.69 (an IMF estimate, "6.69 e"), imports from the World 6.68542. A share of Curaçao's
 * imports cannot be 100.07 %: that year's shares are left out and the report says why.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildProfile } from "../../src/profile/buildProfile.js";
import { buildReport } from "../../src/report/buildReport.js";
import { renderReport } from "../../src/report/render/index.js";
import type { DuckDbTradeStore } from "../../src/store/DuckDbTradeStore.js";
import { openWorkbookStore } from "../workbookStore.js";

let store: DuckDbTradeStore;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ store, close } = await openWorkbookStore(["DOTS_51.xlsx"]));
}, 300_000);
afterAll(async () => close?.());

describe("a World total below a supplier's imports", () => {
  it("Mexico–Curaçao to 2010: no 2010 supplier share, the year and its figures named, and the report renders", async () => {
    const profile = await buildProfile(store, "MEX", "CUW", { to: 2010 });
    expect(profile.competition?.world_below_supplier).toEqual([{ year: 2010, supplier: "MEX", supplier_name: "Mexico", value_usd: 6.69e6, world_usd: 6.68542e6 }]);
    expect(profile.competition?.partner_import_shares.years.some((y) => y.year === 2010)).toBe(false);
    expect(profile.missing).toContain("Curaçao's import shares in 2010: its report puts its imports from Mexico above its imports from the World, so no supplier's share of that year is given");
    const doc = await buildReport(store, "MEX", "CUW", { to: 2010 });
    const html = await renderReport(doc, "html");
    expect(String(typeof html === "string" ? html : JSON.stringify(html))).toContain("above its imports from the World");
  });
});
