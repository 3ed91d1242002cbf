/**
 * The share headline says when the last decade turned, on the United States' and Japan's IMF DOTS
 * workbooks. Expected values read with a second reader (Python zipfile + XML): Japan's exports FOB
 * (sheet 1) and imports CIF (sheet 2) with the United States and with the World, USD millions, and
 * the United States' with Japan and the World, in 2000, 2010 and 2020.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReport } from "../../src/report/buildReport.js";
import { sentenceText } from "../../src/report/document.js";
import { changeInWords, pct } from "../../src/report/format.js";
import { THRESHOLDS } from "../../src/report/narrative.js";
import type { DuckDbTradeStore } from "../../src/store/DuckDbTradeStore.js";
import { openWorkbookStore } from "../workbookStore.js";

type Years = [number, number, number];
const total = (x: Years, y: Years): Years => [x[0] + y[0], x[1] + y[1], x[2] + y[2]];
const JPN_USA = total([144009.429186, 120483.371987, 118292.533088], [72513.957937, 69026.518941, 71642.108832]);
const JPN_WORLD = total([478363.06618, 769772.777191, 638167.043688], [379581.332378, 694051.7244, 631195.360292]);
const USA_JPN = total([64537.6, 60545.4, 64097.721756], [149520.3, 123556.1, 119511.957179]);
const USA_WORLD = total([772146.8, 1277490.9, 1431584.385159], [1238248.2, 1968118.8, 2336579.064243]);

let store: DuckDbTradeStore;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ store, close } = await openWorkbookStore(["DOTS_208.xlsx", "DOTS_101.xlsx"]));
}, 300_000);
afterAll(async () => close?.());

describe("a share headline over two decades whose last one turned: the United States in Japan's trade", () => {
  it("states the fall, the 2010 low and the recovery since, in the headline and the lead", async () => {
    const share = JPN_USA.map((v, i) => v / JPN_WORLD[i]!);
    const usShare = USA_JPN.map((v, i) => v / USA_WORLD[i]!);
    // Japan's side moved most (−10.3 pp against −5.8 pp on the United States' side) and turned: 12.9 % in 2010, 15.0 % in 2020.
    expect(Math.abs(share[2]! - share[0]!)).toBeGreaterThan(Math.abs(usShare[2]! - usShare[0]!));
    expect(share[2]! - share[1]!).toBeGreaterThanOrEqual(THRESHOLDS.shareTurnedPp);
    const doc = await buildReport(store, "USA", "JPN", { referenceYear: 2020 });
    expect(doc.headline).toBe(`The United States' share of Japan's trade fell from ${pct(share[0])} to ${pct(share[2])} in two decades, though it rose in the last ten years`);
    expect(sentenceText(doc.lead.sentences[0]!)).toContain(`The United States' share of Japan's trade fell from ${pct(share[0])} in 2000 to ${pct(share[1])} in 2010, then recovered to ${pct(share[2])} in 2020, as Japan's trade with the world ${changeInWords(JPN_WORLD[2] / JPN_WORLD[0])}`);
  });
});
