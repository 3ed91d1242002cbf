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
});
