/**
 * Risks are detected, not written: each one below exists because an indicator crossed the
 * threshold named in `THRESHOLDS` (and printed in the methodology appendix).
 */
import type { Risk, Section } from "../document.js";
import { tradeVsPriceSpec } from "../charts/index.js";
import { coefficient, pct, pValue, signedPct, usd } from "../format.js";
import { THRESHOLDS, datasetsInWords, listInWords, priceSeriesName, say } from "../narrative.js";
import type { SectionContext } from "./context.js";

export function detectRisks(ctx: SectionContext): Risk[] {
  const { profile: p, notes, a, b } = ctx;
  const risks: Risk[] = [];
  const v = p.volatility;
  const rel = v?.relative;
  if (v && rel && rel.ratioToPeerMedian !== undefined && rel.ratioToPeerMedian >= THRESHOLDS.volatilityRiskRatio) {
    const more = Math.round(rel.percentileRank * rel.peersCompared);
    risks.push({
      id: "risk.volatility",
      title: "Volatile trade",
      level: rel.ratioToPeerMedian >= THRESHOLDS.volatilityHighRatio ? "high" : "medium",
      sentence: say(
        "risk.volatility",
        `Trade with ${b} is ${rel.ratioToPeerMedian >= THRESHOLDS.volatilityHighRatio ? "highly " : ""}volatile: annual growth swings (standard deviation of log growth ${coefficient(rel.targetVolatility)}, ${v.window.from_year}–${v.window.to_year}) are ${rel.ratioToPeerMedian.toLocaleString("en-US", { maximumFractionDigits: 1 })} times the median of ${a}'s ${rel.peersCompared} largest partners (${coefficient(rel.peerMedianVolatility)}), ${more === rel.peersCompared ? "above every one of them" : `above ${more} of them`}`,
        notes.add(`Volatility of total trade, ${a}'s reports; peers: ${listInWords(v.peers.map((x) => x.name))} (largest by total trade in ${v.window.to_year}), same years.`, v.sources, v.formula),
        ".",
      ),
    });
  }
  const s = p.balance?.streak;
  const lastYear = p.series[p.series.length - 1]?.year;
  if (s && s.sign === "deficit" && s.years >= THRESHOLDS.streakRiskYears && s.through === lastYear) {
    risks.push({
      id: "risk.deficit",
      title: "Chronic deficit",
      level: s.years >= 10 ? "high" : "medium",
      sentence: say("risk.deficit", `A chronic deficit: ${a} has imported more from ${b} than it exported every year since ${s.since}`, notes.add(`Balance = exports FOB − imports CIF, ${a}'s reports, ${s.since}–${s.through}.`, p.balance!.sources, p.balance!.formula), "."),
    });
  }
  const fuels = p.composition?.mineral_fuel_share_of_imports ?? [];
  const fuelMax = [...fuels].sort((x, y) => y.share - x.share)[0];
  const raw = p.composition?.hs?.raw_material_share_of_imports;
  if ((fuelMax && fuelMax.share >= THRESHOLDS.resourceDependence) || (raw !== undefined && raw >= THRESHOLDS.resourceDependence)) {
    const parts: string[] = [];
    if (fuels.length) parts.push(`mineral fuels were at least ${listInWords(fuels.map((f) => `${pct(f.share)} (${f.year})`))} of ${a}'s imports from ${b} (published figures)`);
    if (raw !== undefined) parts.push(`raw materials (HS 25–27, base metals) were ${pct(raw)} in ${p.composition!.hs!.year} (CEPII BACI)`);
    risks.push({
      id: "risk.resources",
      title: "Dependence on raw materials",
      level: "high",
      sentence: say(
        "risk.resources",
        `Dependence on raw materials: ${listInWords(parts)}, so the value of trade follows commodity prices and any sanctions on energy`,
        notes.add("Mineral-fuel and raw-material shares of imports from the partner.", [...fuels.flatMap((f) => f.sources), ...(p.composition?.hs?.sources ?? [])]),
        ".",
      ),
    });
  }
  const c = p.commodity;
  const lev = c?.levels.pearson;
  if (c && lev && Math.abs(lev.r) >= THRESHOLDS.priceLinkR && lev.pValue < THRESHOLDS.priceLinkP) {
    const gr = c.growth.pearson;
    risks.push({
      id: "risk.price-link",
      title: "Tied to commodity prices",
      level: Math.abs(lev.r) >= 0.8 ? "high" : "medium",
      sentence: say(
        "risk.price-link",
        `Trade moves with the ${priceSeriesName(c.price_series)} price: r = ${coefficient(lev.r)} on annual levels over ${lev.years[0]}–${lev.years[1]} (n = ${lev.n}, ${pValue(lev.pValue)})${gr ? (Math.abs(gr.r) < 0.3 ? `; on year-on-year growth the link is weak (r = ${coefficient(gr.r)}, ${pValue(gr.pValue)}), so much of the level correlation is the shared trend` : `, and on year-on-year growth too (r = ${coefficient(gr.r)}, ${pValue(gr.pValue)})`) : ""}`,
        notes.add(`Correlation of total trade (${a}'s reports) with the annual ${priceSeriesName(c.price_series)} price (${c.price_unit}).`, c.sources, c.formula),
        ".",
      ),
    });
  }
  const comp = p.competition;
  const own = comp?.partner_import_shares.shifts.find((x) => x.supplier === p.a);
  const surging = comp?.partner_import_shares.shifts.filter((x) => x.supplier !== p.a && x.low && x.to_share !== undefined && x.to_share - x.low.share >= THRESHOLDS.competitorSurge) ?? [];
  for (const x of surging) {
    if (own?.to_share !== undefined && own.to_share >= x.to_share!) continue;
    risks.push({
      id: "risk.competitor",
      title: `${x.name}'s surge in ${b}'s imports`,
      level: "medium",
      sentence: say(
        "risk.competitor",
        `${x.name}'s surge in ${b}'s imports: ${pct(x.low!.share)} (${x.low!.year}) → ${pct(x.to_share)} (${x.to_year})${own?.to_share !== undefined ? `, against ${a}'s ${pct(own.to_share)}` : ""}`,
        notes.add(`${b}'s imports CIF by supplier over its imports from the World, ${b}'s reports (${datasetsInWords(comp!.sources)}).`, comp!.sources, comp!.formula),
        ".",
      ),
    });
  }
  if (v && v.shocks.length) {
    risks.push({
      id: "risk.shocks",
      title: "Shock years",
      level: v.shocks.length >= 3 ? "high" : "medium",
      sentence: say(
        "risk.shocks",
        `Sharp falls: total trade dropped by ${pct(-v.shock_threshold, 0)} or more in ${listInWords(v.shocks.map((x) => `${x.year} (${signedPct(x.growth)}, to ${usd(x.toValue)})`))}`,
        notes.add(`Year-on-year change of total trade, ${a}'s reports; a shock is a fall of ${pct(-v.shock_threshold, 0)} or more.`, v.sources, "growth = total(t) / total(t−1) − 1"),
        ".",
      ),
    });
  }
  return risks;
}

export function risksSection(ctx: SectionContext, risks: Risk[]): Section | undefined {
  const { profile: p, notes, a } = ctx;
  if (!risks.length) return undefined;
  const c = p.commodity;
  return {
    id: "risks",
    title: "Risks",
    paragraphs: [],
    charts: c
      ? [
          {
            id: "trade-vs-price",
            title: `Trade and the ${priceSeriesName(c.price_series)} price`,
            spec: tradeVsPriceSpec({ title: `${a}'s trade with ${p.b_name} and the ${priceSeriesName(c.price_series)} price`, years: c.years.map((y) => ({ year: y.year, tradeUsd: y.trade, price: y.price })), priceLabel: `${priceSeriesName(c.price_series)}, ${c.price_unit}`, tradeLabel: "Total trade" }) as unknown as Record<string, unknown>,
            caption: [{ text: "Total trade (bars) and the annual price (line)." }, notes.add(`Total trade (${a}'s reports) and the annual ${priceSeriesName(c.price_series)} price (${c.price_unit}).`, c.sources)],
          },
        ]
      : [],
    tables: [],
    items: risks.map((r) => r.sentence),
  };
}
