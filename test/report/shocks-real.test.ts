/**
 * Sharp falls graded against the reporter's largest partners over the same years, on Egypt's and
 * Saudi Arabia's IMF DOTS workbooks. Expected values read with a second reader (Python zipfile +
 * XML): Egypt's exports FOB + imports CIF with Saudi Arabia and with each of its ten largest
 * country partners of 2020, USD millions, 1975–2020 without 1985 (the year the screening leaves
 * out), counting year-on-year falls of 15 % or more between consecutive years.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReportWithProfile } from "../../src/report/buildReport.js";
import { sentenceText } from "../../src/report/document.js";
import { signedPct, usd } from "../../src/report/format.js";
import { THRESHOLDS } from "../../src/report/narrative.js";
import type { DuckDbTradeStore } from "../../src/store/DuckDbTradeStore.js";
import { openWorkbookStore } from "../workbookStore.js";

/** Egypt–Saudi Arabia [exports, imports], USD millions, around the three largest falls and the latest. */
const PAIR: Record<number, [number, number]> = {
  1975: [20.22, 133.23], 1976: [20.45, 72.48],
  2000: [139.828496, 1033.43213], 2001: [146.88226, 678.673809], 2002: [142.316928, 344.360209],
  2019: [1700.01897, 5197.076606], 2020: [1705.644592, 3936.865624],
};
/** The pair's falls of 15 % or more over 1975–2020 without 1985: 8 in 43 year-on-year changes. */
const PAIR_SHOCKS = { count: 8, growthYears: 43, years: [1976, 1977, 1984, 2001, 2002, 2009, 2016, 2020] };
/** Each peer's falls and year-on-year changes over the same years (the UAE from 1980, Russia from 1992, India with gaps). */
const PEERS: Record<string, [number, number]> = {
  China: [7, 43], "United States": [6, 43], Turkey: [9, 43], "United Arab Emirates": [4, 34], Germany: [6, 43],
  Italy: [5, 43], India: [10, 40], Russia: [5, 28], Kuwait: [12, 43], Spain: [7, 43],
};
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

let store: DuckDbTradeStore;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ store, close } = await openWorkbookStore(["DOTS_61.xlsx", "DOTS_167.xlsx"]));
}, 300_000);
afterAll(async () => close?.());

describe("sharp falls against the reporter's other partners: Egypt–Saudi Arabia", () => {
  it("counts the falls over the whole window, compares them with the peers' and names the largest", async () => {
    const { document: doc, profile } = await buildReportWithProfile(store, "EGY", "SAU", { referenceYear: 2020 });
    const f = profile.volatility!.shock_frequency!;
    expect(profile.volatility!.shocks.map((s) => s.year)).toEqual(PAIR_SHOCKS.years);
    expect([f.shocks, f.growthYears]).toEqual([PAIR_SHOCKS.count, PAIR_SHOCKS.growthYears]);
    expect(f.peers.map((p) => [p.shocks, p.growthYears])).toEqual(Object.values(PEERS));
    const rates = Object.values(PEERS).map(([n, g]) => n / g);
    const rate = PAIR_SHOCKS.count / PAIR_SHOCKS.growthYears;
    expect(f.peerMedianRate).toBeCloseTo(median(rates), 12);
    const percentile = (rates.filter((r) => r < rate).length + 0.5 * rates.filter((r) => r === rate).length) / rates.length;
    expect(f.percentileRank).toBeCloseTo(percentile, 12);
    // 8 falls in 45 years made this a "high" risk by count alone; against Egypt's other trade it is ordinary.
    const graded = rate / median(rates) >= THRESHOLDS.shocksRiskRatio && percentile >= THRESHOLDS.shocksRiskPercentile;
    expect(graded).toBe(false);
    expect(doc.risks.find((r) => r.id === "risk.shocks")).toBeUndefined();

    const caveat = doc.sections.find((s) => s.id === "risks")!.paragraphs.flatMap((p) => p.sentences).find((s) => s.rule === "risk.shocks-common")!;
    const total = (y: number) => PAIR[y]![0] + PAIR[y]![1];
    const fall = (y: number) => `${y} (${signedPct(total(y) / total(y - 1) - 1)}, to ${usd(total(y) * 1e6)}`;
    const text = sentenceText(caveat);
    expect(text).toContain(`Sharp falls, not graded as a risk: total trade fell by 15 % or more in 8 of 43 years (1976–2020 without 1985), about as often as Egypt's trade with its 10 largest partners (median ${median(Object.values(PEERS).map(([n]) => n))} such years`);
    // The three largest, largest first: 2002 (−41 %), 1976 (−39 %), 2001 (−30 %); then the latest, 2020 (−18 %).
    const re = (x: string) => x.replace(/[()$.+]/g, "\\$&");
    expect(text).toMatch(new RegExp(`the largest were ${re(fall(2002))}.*?\\); ${re(fall(1976))}.*?\\); ${re(fall(2001))}.*?\\); and the latest ${re(fall(2020))}`));
  });
});
