/**
 * A year missing from one side's reports does not cut the relationship short. South Korea's IMF DOTS
 * workbook (DOTS_106) has no 2002 cells for New Zealand between 1967 and 2020; New Zealand's
 * (DOTS_142) has them. Read with a second reader (Python zipfile + XML over the two sheets): Korea's
 * 2001 exports 272.161689 and imports 743.397712, 2003 exports 432.784001 and imports 707.746999,
 * 2002 empty; New Zealand's 2002 exports to Korea 620.804557 and imports from Korea 366.964881
 * (USD millions), so the mirror total for 2002 is $987.769438 million.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataFile } from "../../src/dataFolder.js";
import { ingestFile } from "../../src/ingest/pipeline.js";
import { buildReportWithProfile } from "../../src/report/buildReport.js";
import { sentenceText } from "../../src/report/document.js";
import { usd } from "../../src/report/format.js";
import { DuckDbTradeStore } from "../../src/store/DuckDbTradeStore.js";

let store: DuckDbTradeStore;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tradeties-gap-"));
  store = await DuckDbTradeStore.open(join(dir, "kor-nzl.duckdb"));
  for (const f of ["DOTS_106.xlsx", "DOTS_142.xlsx", "DOTS_129.xlsx", "DOTS_153.xlsx"]) await ingestFile(store, dataFile(`trade/imf-dots-world/${f}`));
}, 120_000);
afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("a one-year gap in the reporter's series", () => {
  it("South Korea–New Zealand runs 1967–2020 across Korea's missing 2002, and the report says so with New Zealand's figure", async () => {
    const { document, profile } = await buildReportWithProfile(store, "KOR", "NZL");
    expect(profile.growth!.gap_years).toEqual([2002]);
    expect(profile.growth!.from_year).toBe(1967);
    const y2001 = profile.series.find((y) => y.year === 2001)!;
    expect(y2001.total! / 1e6).toBeCloseTo(272.161689 + 743.397712, 6);
    expect(profile.series.find((y) => y.year === 2002)!.total).toBeNull();
    // Volatility never uses a growth term across the gap: 2001→2002 and 2002→2003 are not consecutive pairs of values.
    expect(profile.growth!.year_on_year.some((g) => g.year === 2002 || g.year === 2003)).toBe(false);
    const text = JSON.stringify(document);
    expect(text).toContain("1967–2020");
    const gap = document.sections.flatMap((s) => [...s.paragraphs.flatMap((p) => p.sentences), ...s.items]).map(sentenceText).find((t) => t.includes("no complete figure"));
    expect(gap).toContain(`${usd((620.804557 + 366.964881) * 1e6)} in 2002`);
    expect(usd((620.804557 + 366.964881) * 1e6)).toBe("$987.8 million");
  });

  it("Panama–Moldova: Moldova's series is Moldova's, not the USSR's (Panama books the USSR into 1999); the report comes out (it crashed)", async () => {
    const { document, profile } = await buildReportWithProfile(store, "PAN", "MDA");
    // Panama's workbook has a "USSR" row to 1999 and a "Moldova" row: only the Moldova row is Moldova's trade.
    expect(profile.series.every((y) => y.entity_b === "Moldova")).toBe(true);
    expect(document.headline.length).toBeGreaterThan(0);
  });
});
