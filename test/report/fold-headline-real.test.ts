/**
 * The fold headline against the last decade and each side's trade with the World, on a store of
 * six real IMF DOTS workbooks (Chile, Peru, Egypt, Saudi Arabia, India, Bangladesh). Expected values
 * read with a second reader (Python zipfile + XML over the sheets): exports FOB (sheet 1) and
 * imports CIF (sheet 2), USD millions, in 1990, 2010 and 2020, to the partner and to the World.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReport } from "../../src/report/buildReport.js";
import { sentenceText } from "../../src/report/document.js";
import { changeInWords, fold, times } from "../../src/report/format.js";
import { THRESHOLDS } from "../../src/report/narrative.js";
import type { DuckDbTradeStore } from "../../src/store/DuckDbTradeStore.js";
import { openWorkbookStore } from "../workbookStore.js";

/** [1990, 2010, 2020] exports + imports, USD millions, as the workbook shows them. */
type Years = [number, number, number];
const total = (x: Years, y: Years): Years => [x[0] + y[0], x[1] + y[1], x[2] + y[2]];
const CASES = {
  "CHL-PER": {
    pair: total([74.2, 1631.766678, 1513.785336], [50.3, 1368.557842, 1097.870414]),
    aWorld: total([8677.7, 71108.528906, 73485.136704], [7227.4, 59207.44446, 59226.010078]),
    // Peru's own reports of the pair (DOTS_156, "Chile") and of its trade with the World.
    bPair: total([54.621, 1371.71058, 1054.655575], [75.5568, 1111.775216, 1084.478181]),
    bWorld: total([3276.215, 34909.309879, 38754.435927], [3171.894, 31933.043845, 30951.899106]),
  },
  "EGY-SAU": {
    pair: total([76.673, 1673.30339, 1705.644592], [76.449, 2114.73952, 3936.865624]),
    aWorld: total([2585.189, 26579.110745, 26812.107486], [9279.598, 52772.258605, 60881.284242]),
    bPair: total([647.1327102803735, 3708.040372, 5346.625891], [100.47930574098804, 1588.579584, 2627.83241]),
    bWorld: total([44417.408544726335, 297798.109187, 180526.711527], [24080.99305740989, 104655.397149, 132397.54429]),
  },
  "IND-BGD": {
    pair: total([297.114073423606, 3023.642438, 7850.773944], [15.2610021916937, 359.12752, 1029.133896]),
    aWorld: total([17811.164693517694, 222906.886822, 275600.416278], [23991.423127871803, 350780.180946, 368030.016468]),
    bPair: total([21.679923406235694, 320.902094, 843.242207], [170.2679619287819, 3859.817649, 6289.501972]),
    bWorld: total([1670.5049654982706, 16496.951393, 30746.484387], [3656.091237244869, 27771.160741, 45857.952196]),
  },
} as const;
const WORKBOOKS = ["DOTS_39.xlsx", "DOTS_156.xlsx", "DOTS_61.xlsx", "DOTS_167.xlsx", "DOTS_93.xlsx", "DOTS_16.xlsx"];
const NAMES: Record<string, string> = { CHL: "Chile", PER: "Peru", EGY: "Egypt", SAU: "Saudi Arabia", IND: "India", BGD: "Bangladesh" };

let store: DuckDbTradeStore;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ store, close } = await openWorkbookStore(WORKBOOKS));
}, 300_000);
afterAll(async () => close?.());

describe("a fold headline says a stalled last decade and whether the pair outgrew both sides", () => {
  for (const [key, c] of Object.entries(CASES)) {
    it(`${key}: the thirty-year multiple, the decade's change and each side's trade with the World`, async () => {
      const [a, b] = key.split("-") as [string, string];
      const multiple = c.pair[2] / c.pair[0];
      const decade = c.pair[2] / c.pair[1];
      const stalled = Math.log(decade) / 10 < THRESHOLDS.stalledDecadeRate * (Math.log(multiple) / 30);
      const aWorld = c.aWorld[2] / c.aWorld[0];
      const bWorld = c.bWorld[2] / c.bWorld[0];
      // The pair's share of each side's trade rose, each side's own reports: the pair outgrew both.
      expect(c.pair[2] / c.aWorld[2]).toBeGreaterThan(c.pair[0] / c.aWorld[0]);
      expect(c.bPair[2] / c.bWorld[2]).toBeGreaterThan(c.bPair[0] / c.bWorld[0]);
      expect(multiple).toBeGreaterThan(Math.max(aWorld, bWorld));

      const doc = await buildReport(store, a, b, { referenceYear: 2020 });
      const head = `Trade grew ${fold(multiple)} in three decades`;
      const decadeText = changeInWords(decade);
      if (stalled) expect(doc.headline).toBe(`${head}, but ${decadeText.replace(/^grew /, "only ")} in the last ten years`);
      else expect(doc.headline).toBe(`${head}, faster than either side's trade with the world`);
      const lead = sentenceText(doc.lead.sentences[0]!);
      expect(lead).toContain(`grew ${times(multiple)} between 1990 and 2020, faster than either side's trade with the world (${NAMES[a]}'s ${changeInWords(aWorld)}, ${NAMES[b]}'s ${changeInWords(bWorld).replace(/^grew /, "")})`);
      if (stalled) expect(lead).toContain(`but it ${decadeText.replace(/^grew /, "grew only ")} over the last ten years (2010–2020)`);
      else expect(lead).not.toContain("last ten years");
    });
  }

  it("the cases exercise both branches: two stalled decades (a fall and slow growth), one not", () => {
    const stalled = Object.values(CASES).map((c) => Math.log(c.pair[2] / c.pair[1]) / 10 < THRESHOLDS.stalledDecadeRate * (Math.log(c.pair[2] / c.pair[0]) / 30));
    expect(stalled).toEqual([true, true, false]);
    expect(CASES["CHL-PER"].pair[2]).toBeLessThan(CASES["CHL-PER"].pair[1]);
  });
});
