/**
 * Pairs whose totals end long before their data does, on IMF DOTS workbooks from the data folder.
 * Expected values read with a second reader (Python zipfile + XML) from Iran's (DOTS_95) and
 * Iraq's (DOTS_96) workbooks, USD millions: Iran reports exports to Iraq for 1964–1968 only
 * (2.3 … 6.1) and imports from Iraq up to 2020 (27.379881 in 2020); Iraq reports exports to Iran up
 * to 2020 (25.83, an IMF estimate) and imports from Iran up to 1978 (21.4). Cameroon's workbook
 * (DOTS_35) has both directions with Djibouti in 2007, 2010 and 2016 only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReport } from "../../src/report/buildReport.js";
import { sentenceText } from "../../src/report/document.js";
import { usd } from "../../src/report/format.js";
import type { DuckDbTradeStore } from "../../src/store/DuckDbTradeStore.js";
import { openWorkbookStore } from "../workbookStore.js";

let store: DuckDbTradeStore;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ store, close } = await openWorkbookStore(["DOTS_95.xlsx", "DOTS_96.xlsx", "DOTS_35.xlsx", "DOTS_56.xlsx"]));
}, 300_000);
afterAll(async () => close?.());

describe("both directions only in early years: the coverage is the headline", () => {
  it("Iran–Iraq: totals 1964–1968, then one direction from either side, said first instead of a 1960s surplus as the present", async () => {
    const doc = await buildReport(store, "IRN", "IRQ");
    expect(doc.headline).toBe("Iran's figures for its trade with Iraq cover both directions only up to 1968");
    const lead = sentenceText(doc.lead.sentences[0]!);
    expect(lead).toContain("Iran's reports give both directions of Iran's trade with Iraq only for 1964–1968; after 1968 the data has only Iran's imports from Iraq (Iran's reports: ");
    expect(lead).toContain(`${usd(27.379881e6)} in 2020; Iraq's reports: `);
    expect(lead).toContain(`${usd(25.83e6)} in 2020)`);
    expect(lead).toContain(`Iran's exports to Iraq (Iraq's reports: `);
    expect(lead).toContain(`${usd(21.4e6)} in 1978)`);
    expect(lead).toMatch(/describe those years\.$/);
    expect(doc.headline).not.toMatch(/since 1964/);
  });

  it("the other way round the coverage is Iraq's own, and it says so", async () => {
    const doc = await buildReport(store, "IRQ", "IRN");
    // Iraq reports both directions (exports 2.7, imports 3.4 in 1968) up to 1978 at most: no later year has both.
    expect(doc.headline).toMatch(/^Iraq's figures for its trade with Iran cover both directions only up to 19\d\d$/);
  });

  it("Cameroon–Djibouti: three years of totals and no two consecutive ones, so no chart of yearly changes, and the report is written", async () => {
    const doc = await buildReport(store, "CMR", "DJI");
    const charts = doc.sections.flatMap((s) => s.charts.map((c) => c.id));
    expect(charts).not.toContain("trade-vs-price");
    expect(doc.headline.length).toBeGreaterThan(10);
  });
});
