/**
 * The lead summarises; it does not print a later section's sentences again (the volume section's
 * ranks, the Risks section's risks). Its rank figures are the section's (one figure, one value), on
 * the bundled sample (real IMF DOTS workbooks).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReport } from "../../src/report/buildReport.js";
import { sentenceText } from "../../src/report/document.js";
import type { DuckDbTradeStore } from "../../src/store/DuckDbTradeStore.js";
import { openSampleStore } from "../sampleStore.js";

let store: DuckDbTradeStore;
beforeAll(async () => {
  store = await openSampleStore();
});
afterAll(async () => store?.close());

describe("the lead and the later sections", () => {
  for (const [a, b] of [
    ["KOR", "RUS"],
    ["RUS", "KOR"],
    ["CHN", "KOR"],
    ["RUS", "CHN"],
    ["CHN", "UKR"],
    ["CHN", "PRK"],
  ] as const) {
    it(`${a}–${b}: no lead sentence appears word for word later; the risk judgement is one sentence with the main risk's note`, async () => {
      const doc = await buildReport(store, a, b);
      const lead = doc.lead.sentences.map(sentenceText);
      const later = doc.sections.flatMap((s) => [...s.paragraphs.flatMap((p) => p.sentences), ...s.items]).map(sentenceText);
      expect(lead.filter((s) => later.includes(s))).toEqual([]);
      const summaries = doc.lead.sentences.filter((s) => s.rule === "lead.risks");
      expect(summaries.length).toBe(doc.risks.length ? 1 : 0);
      if (summaries.length) {
        const main = doc.risks.find((r) => sentenceText(summaries[0]!).includes(r.brief))!;
        expect(main).toBeDefined();
        // The gravest: no risk graded above it.
        if (main.level === "medium") expect(doc.risks.some((r) => r.level === "high")).toBe(false);
        const notes = (s: (typeof summaries)[0]) => s.parts.flatMap((p) => ("fn" in p ? [p.fn] : []));
        expect(notes(summaries[0]!)[0]).toBe(notes(main.sentence)[0]);
      }
    });
  }
});

describe("the lead and the volume section", () => {
  for (const [a, b] of [
    ["KOR", "RUS"],
    ["CHN", "KOR"],
    ["RUS", "CHN"],
  ] as const) {
    it(`${a}–${b}: no sentence twice, and the same ranks, shares and footnotes`, async () => {
      const doc = await buildReport(store, a, b);
      const lead = doc.lead.sentences.map(sentenceText);
      const volume = doc.sections.find((s) => s.id === "volume")!;
      const section = volume.paragraphs.flatMap((p) => p.sentences.map(sentenceText));
      expect(lead.filter((s) => section.includes(s))).toEqual([]);
      const leadRank = doc.lead.sentences.find((s) => s.rule === "position.rank")!;
      const sectionRanks = volume.paragraphs.flatMap((p) => p.sentences).filter((s) => s.rule === "position.rank");
      const shares = (text: string) => [...text.matchAll(/\d+\.\d %/g)].map((m) => m[0]);
      // The section's first share of each side (the total) is the lead's, in the same order.
      expect(shares(sentenceText(leadRank))).toEqual(sectionRanks.map((s) => shares(sentenceText(s))[0]));
      const notesOf = (s: typeof leadRank) => s.parts.flatMap((p) => ("fn" in p ? [p.fn] : []));
      expect(notesOf(leadRank)).toEqual(sectionRanks.flatMap(notesOf));
    });
  }
});
