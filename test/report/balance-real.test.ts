/**
 * The balance sentence when the latest sign is too recent for a streak, on the bundled sample
 * (real IMF DOTS workbooks). Expected values read from Russia's workbook (DOTS_162.xlsx) with a
 * second reader (Python zipfile + XML): exports FOB to and imports CIF from "China, P.R.: Mainland",
 * USD millions, 2011–2020; and China's (DOTS_40.xlsx) with "Ukraine", 2015–2020.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReport } from "../../src/report/buildReport.js";
import { sentenceText, type ReportDocument } from "../../src/report/document.js";
import { usd } from "../../src/report/format.js";
import type { DuckDbTradeStore } from "../../src/store/DuckDbTradeStore.js";
import { openSampleStore } from "../sampleStore.js";

const EXPORTS = [32019.616592, 35766.064708, 35625.419978, 37494.308017, 28606.412842, 28019.903467, 38932.476026, 56079.088096, 54937.483432, 49583.127513];
const IMPORTS = [46011.010258, 51650.865529, 53173.086206, 50856.00796, 34945.804377, 38097.732658, 48007.199648, 52167.592203, 54066.431304, 54908.217568];

const balanceText = (doc: ReportDocument) => doc.sections.find((s) => s.id === "balance")!.paragraphs.flatMap((p) => p.sentences.map(sentenceText)).join(" ");

let store: DuckDbTradeStore;
beforeAll(async () => {
  store = await openSampleStore();
});
afterAll(async () => store?.close());

describe("a balance without a streak: Russia–China, 2011–2020", () => {
  it("counts the years of each sign over the last ten and gives the net and the latest balance", async () => {
    const balances = EXPORTS.map((x, i) => x - IMPORTS[i]!);
    const deficits = balances.filter((v) => v < 0).length;
    const net = balances.reduce((s, v) => s + v, 0);
    expect(deficits).toBe(8);
    const doc = await buildReport(store, "RUS", "CHN", { referenceYear: 2020, to: 2020 });
    const text = balanceText(doc);
    const billions = (m: number) => `$${(Math.abs(m) / 1000).toFixed(2)} billion`;
    expect(text).toContain(`Over 2011–2020 Russia had a deficit with China in 8 and a surplus in 2 of 10 years, a net deficit of ${billions(net)}; in 2020 the balance was a deficit of ${billions(balances[9]!)}`);
  });
});

describe("a long run that has just turned: China–Ukraine", () => {
  it("names the run, its largest year and the new sign", async () => {
    // China's balance with Ukraine, USD m: 2015 −38.671, 2016 1,808.661, 2017 2,730.041, 2018 4,398.453, 2019 2,875.433, 2020 −912.439.
    const run = { 2016: 4_272.715 - 2_464.054, 2017: 5_055.91157 - 2_325.87059, 2018: 7_042.72864 - 2_644.27557, 2019: 7_379.26002 - 4_503.82662 };
    const largest = Object.entries(run).sort((x, y) => y[1] - x[1])[0]!;
    expect(largest[0]).toBe("2018");
    const doc = await buildReport(store, "CHN", "UKR", { referenceYear: 2020, to: 2020 });
    expect(balanceText(doc)).toContain(`China ran a surplus with Ukraine every year in 2016–2019 (largest in 2018, at ${usd(largest[1] * 1e6)}); it turned into a deficit in 2020, of ${usd((7_792.4056 - 6_879.96633) * 1e6)}`);
  });
});
