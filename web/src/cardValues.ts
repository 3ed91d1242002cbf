/**
 * What each indicator card says, read from the same profile fields and graded by the same rules as
 * the report's sentences (src/report/grades.ts, THRESHOLDS), so a figure has one value on every
 * surface: the growth card is the report's long-run window (never a multiple over a negligible
 * base), the share card starts a rival's rise at its low as the report does, the volatility card is
 * the screened ratio the report grades.
 */
// Explicit .js paths: the node test suite compiles this file too (web/src's other modules use bundler paths).
import type { Profile } from "../../src/profile/types.js";
import { priceLinkGrade, priceLinkIsCommonCycle, shareGain, shocksGrade, volatilityGrade } from "../../src/report/grades.js";
import { THRESHOLDS } from "../../src/report/narrative.js";
import { capitalizeFirst } from "../../src/report/language.js";
import { changeInWords, yearSpan as span } from "../../src/report/format.js";
import { coefficient, pct, signedPct, usd } from "./format.js";

export interface CardValue {
  id: "growth" | "balance" | "volatility" | "shocks" | "price" | "shares";
  title: string;
  value: string;
  note: string;
  tone?: "bad" | "good";
}

/** One decimal, as the report writes a ratio ("1.8 times the median"). */
function ratio(x: number): string {
  return x.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

function growthCard(p: Profile): CardValue {
  const g = p.growth;
  const lr = g?.windows?.long_run;
  if (!g) return { id: "growth", title: "Growth of trade", value: "–", note: "no trade series for this pair" };
  if (!lr || lr.multiple === undefined)
    return { id: "growth", title: "Growth of trade", value: "–", note: `no year before ${g.to_year} with trade of at least ${pct(g.windows?.min_base_fraction ?? 0, 0)} of ${g.to_year}'s: no multiple is meaningful` };
  return {
    id: "growth",
    title: "Growth of trade",
    // The report's words for the same window ("Grew 19 %", "Grew 3.6 times"): a card reading "×1.2" beside a report saying "grew 19 %" looks like two figures.
    value: capitalizeFirst(changeInWords(lr.multiple)),
    note: `${span(lr.from_year, lr.to_year)}: ${usd(lr.from_value)} → ${usd(lr.to_value)}; ${pct(lr.cagr)} a year (CAGR)${lr.moved ? `; earlier years below ${pct(g.windows!.min_base_fraction, 0)} of ${lr.to_year}'s trade left out` : ""}`,
  };
}

function balanceCard(p: Profile): CardValue {
  const bal = p.balance;
  const s = bal?.streak;
  if (!bal || !bal.years.length) return { id: "balance", title: "Balance streak", value: "–", note: "no year with both exports and imports" };
  if (!s || s.years < THRESHOLDS.streakSentenceYears) {
    const last = bal.years[bal.years.length - 1]!;
    return { id: "balance", title: "Balance streak", value: "–", note: `no run of ${THRESHOLDS.streakSentenceYears} years or more of one sign; ${last.value < 0 ? "deficit" : "surplus"} of ${usd(Math.abs(last.value))} in ${last.year}` };
  }
  return {
    id: "balance",
    title: "Balance streak",
    value: `${s.years} years`,
    tone: s.sign === "deficit" ? "bad" : "good",
    note: `${p.a_name} in ${s.sign} with ${p.b_name} every year ${span(s.since, s.through)}${bal.cumulative ? `; cumulative ${usd(Math.abs(bal.cumulative.value))}` : ""}`,
  };
}

function volatilityCard(p: Profile): CardValue {
  const v = p.volatility;
  const rel = v?.relative;
  if (!v || v.value === undefined) return { id: "volatility", title: "Volatility vs peers", value: "–", note: "too few years" };
  const years = `${span(v.window.from_year, v.window.to_year)}${v.excluded_years.length ? `, without ${v.excluded_years.join(", ")} (quality screening)` : ""}`;
  if (!rel || rel.ratioToPeerMedian === undefined) return { id: "volatility", title: "Volatility vs peers", value: coefficient(v.value), note: `σ of log growth, ${years}; no peers to compare with` };
  const grade = volatilityGrade(v);
  return {
    id: "volatility",
    title: "Volatility vs peers",
    value: `${ratio(rel.ratioToPeerMedian)}× peers`,
    ...(grade ? { tone: "bad" as const } : {}),
    note: `σ of log growth ${coefficient(rel.targetVolatility)} vs median ${coefficient(rel.peerMedianVolatility)} of ${p.a_name}'s ${rel.peersCompared} largest partners (${years}); ${grade === "high" ? "highly volatile" : grade ? "volatile" : "not graded as volatile"}`,
  };
}

function shocksCard(p: Profile): CardValue {
  const v = p.volatility;
  if (!v) return { id: "shocks", title: "Shock years", value: "–", note: "no series" };
  // Graded as the report grades it: against the reporter's largest partners over the same years.
  const grade = shocksGrade(v);
  const f = v.shock_frequency;
  const against = f ? `; ${p.a_name}'s ${f.peersCompared} largest partners: median ${f.peerMedianShocks}` : "";
  return {
    id: "shocks",
    title: "Shock years",
    value: f ? `${v.shocks.length} of ${f.growthYears}` : String(v.shocks.length),
    ...(grade ? { tone: "bad" as const } : {}),
    note: v.shocks.length
      ? `falls of ${pct(-v.shock_threshold, 0)} or more, ${span(v.window.from_year + 1, v.window.to_year)}${against}; ${grade ? `${grade} risk` : "not graded as a risk"}; largest: ${[...v.shocks].sort((x, y) => x.growth - y.growth).slice(0, THRESHOLDS.shocksListed).map((s) => `${s.year} (${signedPct(s.growth)})`).join(", ")}`
      : `no fall of ${pct(-v.shock_threshold, 0)} or more`,
  };
}

function priceCard(p: Profile): CardValue {
  const c = p.commodity;
  if (!c) return { id: "price", title: "Link to a price", value: "–", note: "no price series loaded" };
  const title = `Link to the ${c.price_series.charAt(0).toUpperCase()}${c.price_series.slice(1)} price`;
  const gr = c.growth.pearson;
  const lev = c.levels.pearson;
  if (!gr) return { id: "price", title, value: "–", note: `too few years with both trade and the price${lev ? `; levels r = ${coefficient(lev.r)}` : ""}` };
  const grade = priceLinkGrade(c);
  const verdict = grade ? `${grade} risk` : priceLinkIsCommonCycle(c) ? `common cycle: ${p.a_name}'s other large partners have median r = ${coefficient(c.peers_growth!.median_r)}` : "not graded as a risk";
  return {
    id: "price",
    title,
    value: `r = ${coefficient(gr.r)}`,
    ...(grade ? { tone: "bad" as const } : {}),
    note: `year-on-year changes, ${span(gr.years[0], gr.years[1])}, n = ${gr.n}${lev ? `; levels r = ${coefficient(lev.r)}` : ""}; ${verdict}`,
  };
}

function sharesCard(p: Profile): CardValue {
  const comp = p.competition;
  const shifts = comp?.partner_import_shares.shifts ?? [];
  const own = shifts.find((s) => s.supplier === p.a);
  // The rival the report's lead names (its first competitor risk): the first supplier whose gain from its low is a "rose" or
  // "surged" and whose share is now above the reporter's; else the largest such gain.
  const gaining = shifts.filter((s) => s.supplier !== p.a && shareGain(s) !== undefined);
  const rival = gaining.find((s) => own?.to_share === undefined || own.to_share < s.to_share!) ?? [...gaining].sort((x, y) => y.to_share! - y.low!.share - (x.to_share! - x.low!.share))[0];
  if (!comp || (!own && !rival)) return { id: "shares", title: "Competitor share", value: "–", note: "no import data for the partner" };
  const parts = [
    own?.to_share !== undefined ? `${own.name}: ${pct(own.to_share)} in ${own.to_year}${own.rank_to ? ` (rank ${own.rank_to})` : ""}` : "",
    rival ? `${rival.name}: ${pct(rival.low!.share)} (${rival.low!.year}) → ${pct(rival.to_share)} (${rival.to_year})` : "",
  ].filter(Boolean);
  return { id: "shares", title: `Shares of ${comp.partner_name}'s imports`, value: own?.to_share !== undefined ? pct(own.to_share) : "–", note: parts.join("; ") };
}

export function cardValues(p: Profile): CardValue[] {
  return [growthCard(p), balanceCard(p), volatilityCard(p), shocksCard(p), priceCard(p), sharesCard(p)];
}
