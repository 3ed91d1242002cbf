/**
 * How much each country trades in the loaded data: its own reported exports plus imports with
 * the World in the latest year it reports. A country picker orders equally good name matches by
 * it, so "korea" offers South Korea (≈ $980 billion in 2020) before North Korea (≈ $6 billion).
 * @module
 */
import type { EntityCode } from "../model.js";
import type { TradeStore } from "../store/TradeStore.js";
import { bestRowPerKey } from "./pair.js";

/** The DOTS/Comtrade partner code for the world total. */
const WORLD: EntityCode = "WLD";

/** Reporter → total trade with the World (USD) in its latest reported year; countries that report nothing are absent. */
export async function tradeProminence(store: TradeStore): Promise<Map<EntityCode, number>> {
  const rows = bestRowPerKey(await store.tradeTotals({ partners: [WORLD], flows: ["export", "import"] }), (r) => `${r.reporter}|${r.year}|${r.flow}`);
  const latest = new Map<EntityCode, { year: number; usd: number }>();
  const byReporterYear = new Map<string, number>();
  for (const r of rows) byReporterYear.set(`${r.reporter}|${r.year}`, (byReporterYear.get(`${r.reporter}|${r.year}`) ?? 0) + r.valueUsd);
  for (const [key, usd] of byReporterYear) {
    const [reporter, yearText] = key.split("|") as [EntityCode, string];
    const year = Number(yearText);
    const cur = latest.get(reporter);
    if (!cur || year > cur.year) latest.set(reporter, { year, usd });
  }
  return new Map([...latest].map(([e, v]) => [e, v.usd]));
}
