/**
 * The Korea–Russia assessment on the bundled sample: the facts the issue lists must be stated in
 * the text, each with a footnote. Expected numbers are the published ones (KITA, KTO) and the
 * DOTS workbook values quoted in PROVENANCE.md, rounded as a person writes them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReport } from "../../src/report/buildReport.js";
import { sentenceText, type ReportDocument, type Sentence } from "../../src/report/document.js";
import type { DuckDbTradeStore } from "../../src/store/DuckDbTradeStore.js";
import { openSampleStore } from "../sampleStore.js";

let store: DuckDbTradeStore;
let doc: ReportDocument;
const CONTEXT = "data/context/kor-rus.yaml";

function allSentences(d: ReportDocument): Sentence[] {
  return [...d.lead.sentences, ...d.sections.flatMap((s) => [...s.paragraphs.flatMap((p) => p.sentences), ...s.items])];
}
function sentenceWith(d: ReportDocument, pattern: RegExp): Sentence {
  const found = allSentences(d).find((s) => pattern.test(sentenceText(s)));
  expect(found, `no sentence matches ${pattern}`).toBeDefined();
  return found!;
}
function hasFootnote(s: Sentence): boolean {
  return s.parts.some((p) => "fn" in p);
}

beforeAll(async () => {
  store = await openSampleStore();
  doc = await buildReport(store, "KOR", "RUS", { contextFile: CONTEXT });
});
afterAll(async () => store?.close());

describe("Korea–Russia report facts", () => {
  it("headline: trade and tourists grew 25-fold in three decades", () => {
    expect(doc.headline).toBe("Trade and tourist numbers grew 25-fold in three decades");
  });

  it("1990 → 2019 with KITA's published 888.8 million and DOTS's 22.32 billion: 25 times, labelled as a published point", () => {
    const s = sentenceWith(doc, /from \$888\.8 million in 1990 to \$22\.32 billion in 2019, 25 times/);
    expect(sentenceText(s)).toMatch(/published point/);
    expect(hasFootnote(s)).toBe(true);
    const fn = s.parts.filter((p): p is { fn: number } => "fn" in p).map((p) => doc.footnotes[p.fn - 1]!);
    expect(fn.some((f) => f.sources.some((x) => x.dataset === "published-figures"))).toBe(true);
    expect(fn.some((f) => f.sources.some((x) => x.dataset === "imf-dots"))).toBe(true);
  });

  it("the DOTS-only multiple starts in 1993 under the growth-window rule (1991 is the USSR; 1992's 192.0 is 0.9 % of 2019's 22,321.3, below 2 %): 22,321.3 / 1,575.6 = 14.2 → '14 times'", () => {
    const s = sentenceWith(doc, /In IMF DOTS data alone, trade grew 14 times from \$1\.58 billion in 1993 to \$22\.32 billion in 2019/);
    expect(sentenceText(s)).toMatch(/below 2 % of its 2019 level/);
    expect(hasFootnote(s)).toBe(true);
  });

  it("tourists: about 30,000 in 1990 → 770,000 in 2019 (KITA)", () => {
    expect(hasFootnote(sentenceWith(doc, /about 30,000 in 1990 to 770,000 in 2019/))).toBe(true);
  });

  it("KTO arrivals 150,730 (2010) → 343,057 (2019), +22 % in 2014 with the visa waiver", () => {
    expect(hasFootnote(sentenceWith(doc, /from 150,730 in 2010 to 343,057 in 2019/))).toBe(true);
    // 2014: 214,366 / 2013: 175,360 − 1 = +22.2 %
    expect(hasFootnote(sentenceWith(doc, /In 2014 \(.*visa waiver.*\), arrivals rose 22 %/))).toBe(true);
  });

  it("resource dependence: mineral fuels ≥ 72 % of Korea's imports from Russia (published composition) is a risk", () => {
    const risk = doc.risks.find((r) => r.id === "risk.resources")!;
    expect(sentenceText(risk.sentence)).toMatch(/72\.1 % \(2020\)/);
    expect(sentenceText(risk.sentence)).toMatch(/74\.5 % \(2021\)/);
  });

  it("the deficit every year since 2009 is a risk and a sentence", () => {
    expect(doc.risks.map((r) => r.id)).toContain("risk.deficit");
    expect(hasFootnote(sentenceWith(doc, /deficit with Russia every year since 2009 \(12 years through 2020\)/))).toBe(true);
  });

  it("the 2015 and 2020 falls are named with their size (−38 %, −21 %)", () => {
    const s = sentenceWith(doc, /Sharp falls/);
    expect(sentenceText(s)).toMatch(/2015 \(−38 %/);
    expect(sentenceText(s)).toMatch(/2020 \(−21 %/);
  });

  it("the link with oil prices: growth co-moves with Brent (r = 0.72, 1992 left out) but as much as Korea's trade with its other partners (median r = 0.65): a common cycle, not graded", () => {
    expect(doc.risks.map((r) => r.id)).not.toContain("risk.price-link");
    const s = sentenceText(sentenceWith(doc, /moves with the Brent oil price year on year/));
    // Second method (DOTS_106.xlsx via zipfile + XML, brent-year.csv, growth years 1994–2020): pair r = 0.7207;
    // Korea's 10 largest partners in 2020: median r = 0.6465.
    expect(s).toMatch(/\(r = 0\.72, 1994–2020, p < 0\.001\), but so does South Korea's trade with its other large partners \(median r = 0\.65, 10 partners\)/);
    expect(s).toMatch(/not graded as a risk/);
  });

  it("volatility starts where a growth window could: volatile (medium), 1.7 times its peers, from 1993", () => {
    const risk = doc.risks.find((r) => r.id === "risk.volatility")!;
    expect(risk.level).toBe("medium");
    const text = sentenceText(risk.sentence);
    expect(text).toMatch(/^Trade with Russia is volatile: .*standard deviation of log growth 0\.29, 1993–2020; from 1993, the first year trade was at least 2 % of its 2019 level\) are 1\.7 times the median/);
    expect(text).not.toMatch(/highly/);
  });

  it("China's share of Russia's imports 1.9 % → 22.3 %", () => {
    expect(hasFootnote(sentenceWith(doc, /China's share of Russia's imports surged from 1\.9 % in 1995 to 22\.3 % in 2019/))).toBe(true);
  });

  it("the user's prospects text appears as the user's, not as a finding", () => {
    const prospects = doc.sections.find((s) => s.id === "prospects")!;
    expect(prospects.title).toMatch(/user's text/);
    expect(sentenceText(prospects.paragraphs[0]!)).toMatch(/EAEU/);
    expect(allSentences(doc).filter((s) => /EAEU/.test(sentenceText(s))).every((s) => s.rule === "user-context")).toBe(true);
  });

  it("every sentence with a figure outside the user's text carries a footnote", () => {
    for (const s of allSentences(doc).filter((x) => x.rule !== "user-context" && x.rule !== "milestones.before-after")) {
      if (/\d/.test(sentenceText(s).replace(/\b(19|20)\d\d\b/g, ""))) expect(hasFootnote(s), sentenceText(s)).toBe(true);
    }
  });

  it("every rule that wrote a sentence is in the methodology appendix", () => {
    const ids = new Set(doc.methodology.map((m) => m.id));
    for (const s of allSentences(doc)) if (s.rule !== "user-context") expect(ids.has(s.rule), s.rule).toBe(true);
  });

  it("footnotes are numbered 1…n in reading order, starting in the lead", () => {
    const first = doc.lead.sentences[0]!.parts.find((p): p is { fn: number } => "fn" in p);
    expect(first?.fn).toBe(1);
    expect(doc.footnotes.map((f) => f.fn)).toEqual(doc.footnotes.map((_, i) => i + 1));
  });

  it("is deterministic: the same store and options give the same document", async () => {
    const again = await buildReport(store, "KOR", "RUS", { contextFile: CONTEXT });
    expect(JSON.stringify(again)).toBe(JSON.stringify(doc));
  });
});

describe("other pairs", () => {
  it("China–Russia and Korea–China produce reports with a headline and sourced figures", async () => {
    for (const [a, b] of [["CHN", "RUS"], ["KOR", "CHN"]]) {
      const d = await buildReport(store, a!, b!);
      expect(d.headline.length).toBeGreaterThan(10);
      expect(d.footnotes.length).toBeGreaterThan(3);
      expect(d.sections.map((s) => s.id)).toContain("volume");
    }
  });

  it("Korea–China spells out each WTO agreement type its milestones abbreviate, once, and no other", async () => {
    const d = await buildReport(store, "KOR", "CHN");
    const milestones = d.sections.find((s) => s.id === "milestones")!;
    const listed = milestones.items.map(sentenceText).join(" ");
    // The Korea–China FTA (2015, WTO RTA database: "FTA & EIA") and APTA (Korea and China, "PSA") are listed.
    expect(listed).toMatch(/China.*\(FTA & EIA\) in force/);
    const used = new Set([...listed.matchAll(/\((?:[^();]*; )?((?:FTA|CU|PSA|EIA)(?: & (?:FTA|CU|PSA|EIA))*)\) in force/g)].flatMap((m) => m[1]!.split(" & ")));
    const explained = milestones.paragraphs.flatMap((p) => p.sentences).filter((s) => s.rule === "milestones.agreement-types");
    expect(explained).toHaveLength(1);
    const text = sentenceText(explained[0]!);
    for (const code of ["FTA", "CU", "PSA", "EIA"]) expect(text.includes(`${code}, `), code).toBe(used.has(code));
    expect(text).toMatch(/FTA, free trade agreement \(goods\)/);
    expect(text).toMatch(/EIA, economic integration agreement \(services\)/);
  });

  it("a pair with little data says what is missing instead of failing", async () => {
    const d = await buildReport(store, "AFG", "ZAF");
    expect(d.missing.length).toBeGreaterThan(0);
    expect(d.headline).toMatch(/cannot say|trade, balance and risks/);
  });
});
