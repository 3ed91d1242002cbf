/**
 * A largest-partner headline says how the partner became so when the pair's trade also grew
 * fivefold or more over a window with a meaningful base. South Korea–China on the sample store
 * (IMF DOTS, South Korea's workbook DOTS_106, row "China, P.R.: Mainland"), read with a second
 * reader (Python zipfile + XML): exports FOB 18,454.539578 (2000), 116,837.833403 (2010),
 * 132,579.616 (2020); imports CIF 12,798.727502, 71,573.602715, 108,855.275 (USD millions).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReport } from "../../src/report/buildReport.js";
import { sentenceText } from "../../src/report/document.js";
import { changeInWords, fold } from "../../src/report/format.js";
import type { DuckDbTradeStore } from "../../src/store/DuckDbTradeStore.js";
import { openSampleStore } from "../sampleStore.js";
import { openWorkbookStore } from "../workbookStore.js";

let store: DuckDbTradeStore;
beforeAll(async () => {
  store = await openSampleStore();
});
afterAll(async () => store?.close());

describe("rank and fold in one headline", () => {
  it("South Korea–China: China is Korea's largest partner, and trade grew 7.7-fold in 2000–2020 but only 28 % in 2010–2020", async () => {
    const total = (x: number, m: number) => x + m;
    const [y2000, y2010, y2020] = [total(18454.539578, 12798.727502), total(116837.833403, 71573.602715), total(132579.616, 108855.275)];
    const doc = await buildReport(store, "KOR", "CHN");
    expect(fold(y2020 / y2000)).toBe("7.7-fold");
    expect(doc.headline).toBe(`China is South Korea's largest trading partner: trade grew ${fold(y2020 / y2000)} in two decades, but ${changeInWords(y2020 / y2010).replace(/^grew /, "only ")} in the last ten years`);
    const lead = doc.lead.sentences.map(sentenceText);
    expect(lead[0]).toMatch(/^Trade between South Korea and China grew 7\.7 times between 2000 and 2020/);
    expect(lead[1]).toMatch(/^China is South Korea's largest trading partner \([\d.]+ % of South Korea's trade in 2020\)/);
  });

  it("Vietnam–China: the headline gives the rank and the fold, and leaves the comparison with the world to the lead", async () => {
    // Vietnam's workbook (DOTS_213), row "China, P.R.: Mainland", and its World row, read with the
    // second reader: exports 1,536.391001 / 49,094.894832, imports 1,401.137001 / 84,374.276687 (2000 / 2020);
    // World exports 14,482.22399 / 277,270.837492, imports 15,646.261989 / 258,784.442782.
    const { store: wb, close } = await openWorkbookStore(["DOTS_213.xlsx", "DOTS_40.xlsx"]);
    try {
      const multiple = (49094.894832 + 84374.276687) / (1536.391001 + 1401.137001);
      const world = (277270.837492 + 258784.442782) / (14482.22399 + 15646.261989);
      expect(multiple).toBeGreaterThan(world);
      const doc = await buildReport(wb, "VNM", "CHN");
      expect(doc.headline).toBe(`China is Vietnam's largest trading partner: trade grew ${fold(multiple)} in two decades`);
      expect(sentenceText(doc.lead.sentences[0]!)).toContain(`faster than either side's trade with the world (Vietnam's ${changeInWords(world)}`);
    } finally {
      await close();
    }
  }, 300_000);
});
