/**
 * The walk test: every ordered pair among the 30 largest IMF DOTS reporters (by trade with the
 * World in 2019, exports + imports as each reports them; the list below was ranked with that query
 * on a store of all 235 DOTS workbooks) gets a report that does not crash, writes no number of
 * 10,000 or more without digit grouping, states no multiple above the growth-window rule's bound
 * (base ≥ 2 % of the end value → at most 50 times), names no side as it is today beside a year
 * before it existed (Germany in 1985 is West Germany; Russia in 1990 the USSR) and states the
 * partner's rank and share on both sides, a fold headline says a fall over the last decade, and a sharp-falls sentence gives
 * the count over the window and names only the largest falls and the latest, and no lead sentence
 * is printed again word for word in a later section, and no milestone label has a known odd shape.
 * The store holds those 30 workbooks only, read from the data folder.
 * Run with `npm run test:walk` (a separate config: it takes minutes, not seconds).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataFile } from "../../src/dataFolder.js";
import { ingestFile } from "../../src/ingest/pipeline.js";
import { buildReport } from "../../src/report/buildReport.js";
import { sentenceText, type ReportDocument } from "../../src/report/document.js";
import { anachronisms, hyphenMinusNumbers, oddMilestoneLabels, reportProblems, silentDecadeFall, statedMultiples, ungroupedNumbers } from "./checks.js";
import { DuckDbTradeStore } from "../../src/store/DuckDbTradeStore.js";

/** The 30 largest DOTS reporters in 2019 and their workbooks in trade/imf-dots-world/. */
export const TOP30_WORKBOOKS: Record<string, string> = {
  CHN: "DOTS_40.xlsx", USA: "DOTS_208.xlsx", DEU: "DOTS_77.xlsx", JPN: "DOTS_101.xlsx", NLD: "DOTS_139.xlsx",
  FRA: "DOTS_72.xlsx", GBR: "DOTS_207.xlsx", HKG: "DOTS_41.xlsx", KOR: "DOTS_106.xlsx", ITA: "DOTS_99.xlsx",
  MEX: "DOTS_127.xlsx", CAN: "DOTS_36.xlsx", BEL: "DOTS_19.xlsx", IND: "DOTS_93.xlsx", SGP: "DOTS_173.xlsx",
  ESP: "DOTS_182.xlsx", RUS: "DOTS_162.xlsx", CHE: "DOTS_190.xlsx", ARE: "DOTS_206.xlsx", POL: "DOTS_158.xlsx",
  VNM: "DOTS_213.xlsx", AUS: "DOTS_11.xlsx", THA: "DOTS_194.xlsx", MYS: "DOTS_120.xlsx", BRA: "DOTS_28.xlsx",
  SAU: "DOTS_167.xlsx", TUR: "DOTS_200.xlsx", CZE: "DOTS_53.xlsx", AUT: "DOTS_12.xlsx", IDN: "DOTS_94.xlsx",
};

const codes = Object.keys(TOP30_WORKBOOKS);
let store: DuckDbTradeStore;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tradeties-walk-"));
  store = await DuckDbTradeStore.open(join(dir, "top30.duckdb"));
  for (const file of Object.values(TOP30_WORKBOOKS)) await ingestFile(store, dataFile(`trade/imf-dots-world/${file}`));
  await store.sortForReads();
}, 600_000);
afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the walk: every ordered pair among the 30 largest DOTS reporters", () => {
  it("the helpers see what they should (synthetic strings)", () => {
    expect(ungroupedNumbers("13011 times, 2020-09-07, DOTS_106, 1,234.5 and 0.12345")).toEqual(["13011"]);
    expect(statedMultiples("grew 13,011 times; a 25-fold rise; 1.6 times the median")).toEqual([13011, 25, 1.6]);
    expect(hyphenMinusNumbers("slowest in the 2010s (-0.4 %), 2020-09-07, DOTS_106-2, −1.2 %")).toEqual(["-0.4"]);
    const withLead = (text: string) => ({ a: "FRA", b: "DEU", headline: "", lead: { sentences: [{ parts: [{ text }], rule: "balance.streak" }] }, sections: [], risks: [], footnotes: [] }) as unknown as ReportDocument;
    expect(anachronisms(withLead("France has run a deficit with Germany every year since 1966."))).toHaveLength(1);
    expect(anachronisms(withLead("France has run a deficit with Germany every year since 1966 (West Germany to 1990, Germany from 1991)."))).toEqual([]);
    expect(anachronisms(withLead("China's share of Germany's imports: 0.1 % (1965) → 8.0 % (2020), against France's 5.8 %."))).toHaveLength(1);
    const withHeadline = (headline: string, windows: string) => ({ headline, lead: { sentences: [] }, sections: [{ paragraphs: [{ sentences: [{ parts: [{ text: windows }], rule: "growth.standard-windows" }] }] }] }) as unknown as ReportDocument;
    expect(silentDecadeFall(withHeadline("Trade grew 21-fold in three decades", "Measured over standard windows ending in 2020, trade fell 13 % over one decade (since 2010)"))).toHaveLength(1);
    expect(silentDecadeFall(withHeadline("Trade grew 21-fold in three decades, but fell 13 % in the last ten years", "Measured over standard windows ending in 2020, trade fell 13 % over one decade (since 2010)"))).toEqual([]);
    expect(silentDecadeFall(withHeadline("Trade grew 28-fold in three decades", "Measured over standard windows ending in 2020, trade grew 2.6 times over one decade (since 2010, 10.1 % a year)"))).toEqual([]);
    expect(anachronisms(withLead("China's share of France's imports: 0.1 % (1965) → 8.0 % (2020), against Germany's 5.8 %."))).toEqual([]);
    const withItems = (...texts: string[]) => ({ headline: "", lead: { sentences: [] }, sections: [{ id: "milestones", paragraphs: [], items: texts.map((text) => ({ parts: [{ text }], rule: "milestones.agreement" })) }] }) as unknown as ReportDocument;
    expect(oddMilestoneLabels(withItems("1987 — Argentina Brazil (signed 1986) in force.", "2022 — Sanctions by the EU (Germany a member) on Poland (from 2018 to 2018).", "1989 — GSTP (GSTP) (PSA) in force."))).toHaveLength(4);
    expect(oddMilestoneLabels(withItems("1987 — Argentina–Brazil agreement in force (signed 1986).", "2022 — Sanctions by the EU (including Germany) on Poland (2018)."))).toEqual([]);
  });

  it(
    "870 reports: no crash, no ungrouped number, no multiple above the base rule's bound, no anachronistic entity name, no hyphen for a minus, rank and share on both sides",
    async () => {
      const problems: string[] = [];
      let reports = 0;
      for (const a of codes)
        for (const b of codes) {
          if (a === b) continue;
          let doc: ReportDocument;
          try {
            doc = await buildReport(store, a, b);
          } catch (e) {
            problems.push(`${a}-${b}: crashed: ${(e as Error).message}`);
            continue;
          }
          reports++;
          problems.push(...reportProblems(`${a}-${b}`, doc));
          // The volume section states each side's rank in full; the lead both in one sentence.
          const rankSentences = doc.sections.flatMap((sec) => sec.paragraphs.flatMap((p) => p.sentences)).filter((s) => s.rule === "position.rank").map((s) => sentenceText(s));
          if (rankSentences.length !== 2 || !rankSentences.every((s) => /trading partner: \d+(\.\d)? % of .+ trade/.test(s))) problems.push(`${a}-${b}: rank and share not stated on both sides`);
          const leadRank = doc.lead.sentences.filter((s) => s.rule === "position.rank").map((s) => sentenceText(s));
          if (leadRank.length !== 1 || (leadRank[0]!.match(/\d+(\.\d)? %/g) ?? []).length !== 2) problems.push(`${a}-${b}: the lead does not give both sides' rank and share`);
        }
      expect(reports).toBe(870);
      expect(problems).toEqual([]);
    },
    3_600_000,
  );
});
