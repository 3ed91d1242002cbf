/**
 * One figure, one value on every surface: the dashboard's indicator cards (web/src/cardValues.ts)
 * against the report's sentences for the same pair, on the sample store. Each check reads a number
 * off the card as a reader sees it and looks for the same number, written the report's way, in the
 * sentence of the report that states it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReportWithProfile } from "../../src/report/buildReport.js";
import { sentenceText, type ReportDocument } from "../../src/report/document.js";
import type { Profile } from "../../src/profile/types.js";
import type { DuckDbTradeStore } from "../../src/store/DuckDbTradeStore.js";
import { cardValues, type CardValue } from "../../web/src/cardValues.js";
import { openSampleStore } from "../sampleStore.js";

const PAIRS = [
  ["KOR", "RUS"],
  ["RUS", "KOR"],
  ["KOR", "CHN"],
  ["CHN", "KOR"],
  ["CHN", "PRK"],
] as const;

let store: DuckDbTradeStore;
const built = new Map<string, { document: ReportDocument; profile: Profile; cards: CardValue[] }>();

beforeAll(async () => {
  store = await openSampleStore();
  for (const [a, b] of PAIRS) {
    const r = await buildReportWithProfile(store, a, b);
    // The dashboard keeps a number and its % together with a no-break space; the report's prose uses a plain one.
    const cards = cardValues(r.profile).map((c) => ({ ...c, value: c.value.replaceAll("\u00a0", " "), note: c.note.replaceAll("\u00a0", " ") }));
    built.set(`${a}-${b}`, { ...r, cards });
  }
}, 300_000);
afterAll(async () => store?.close());

/** Every sentence of the report written by `rule`, as text. */
function byRule(doc: ReportDocument, rule: string): string[] {
  const all = [...doc.lead.sentences, ...doc.sections.flatMap((s) => [...s.paragraphs.flatMap((p) => p.sentences), ...s.items]), ...doc.risks.map((r) => r.sentence)];
  return all.filter((s) => s.rule === rule).map((s) => sentenceText(s));
}

describe("dashboard cards say what the report says", () => {
  for (const [a, b] of PAIRS) {
    it(`${a}–${b}: growth, balance, volatility, price link and rival share`, () => {
      const { document: doc, cards } = built.get(`${a}-${b}`)!;
      const card = (id: CardValue["id"]) => cards.find((c) => c.id === id)!;

      const growth = card("growth");
      const longRun = byRule(doc, "growth.long-run")[0];
      if (growth.value === "–") expect(longRun).toBeUndefined();
      else {
        // "Grew 19 times" / "Grew 19 %" on the card; "grew 19 times from $1.2 billion in 1991 … to …" in the report: the same words, so the same figure.
        const [from, to] = growth.note.split(":")[0]!.split("–");
        const words = growth.value.charAt(0).toLowerCase() + growth.value.slice(1);
        expect(words).toMatch(/^(grew [\d.,]+ (times|%)|fell [\d.]+ %|was about flat \([+−][\d.]+ %\))$/);
        expect(longRun).toMatch(new RegExp(`${words.replace(/[.()+]/g, "\\$&")} from \\S+ \\w+ in ${from}.* to \\S+ \\w+ in ${to}`));
      }

      const balance = card("balance");
      const streak = byRule(doc, "balance.streak")[0];
      if (balance.value === "–") expect(streak).toBeUndefined();
      else expect(streak).toContain(`(${balance.value} through`);

      const volatility = card("volatility");
      const volSentence = [...byRule(doc, "risk.volatility"), ...byRule(doc, "risk.volatility-below")][0];
      if (volSentence) expect(volSentence).toContain(`${volatility.value.replace("× peers", "")} times the median`);
      if (byRule(doc, "risk.volatility").length) expect(volatility.tone).toBe("bad");
      else expect(volatility.tone).toBeUndefined();

      const price = card("price");
      const priceSentence = [...byRule(doc, "risk.price-link"), ...byRule(doc, "risk.price-common-cycle")][0];
      if (priceSentence) expect(priceSentence).toContain(`(${price.value},`);

      // "5 of 27" on the card; "fell by 15 % or more in 5 of 27 years" in the report; graded alike.
      const shocks = card("shocks");
      const shockSentence = [...byRule(doc, "risk.shocks"), ...byRule(doc, "risk.shocks-common")][0];
      if (shockSentence) expect(shockSentence).toContain(`or more in ${shocks.value} years`);
      expect(shocks.tone).toBe(byRule(doc, "risk.shocks").length ? "bad" : undefined);

      const rival = byRule(doc, "risk.competitor")[0];
      if (rival) {
        // "China's surge in Russia's imports: 4.8 % (1997) → 23.3 % (2020)": the card starts at the same low.
        const rise = /: ([^:]+ \(\d{4}\) → [^()]+ \(\d{4}\))/.exec(rival)![1]!;
        expect(card("shares").note).toContain(rise);
      }
    });
  }

  it("the pairs exercise the checks: at least one long run, one streak and one graded statistic", () => {
    const docs = [...built.values()].map((x) => x.document);
    expect(docs.some((d) => byRule(d, "growth.long-run").length)).toBe(true);
    expect(docs.some((d) => byRule(d, "balance.streak").length)).toBe(true);
    expect(docs.some((d) => [...byRule(d, "risk.volatility"), ...byRule(d, "risk.volatility-below"), ...byRule(d, "risk.competitor")].length)).toBe(true);
  });
});
