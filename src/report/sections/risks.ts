/**
 * Risks are detected, not written: each one below exists because an indicator crossed the
 * threshold named in `THRESHOLDS` (and printed in the methodology appendix).
 */
import type { VolatilityBlock } from "../../profile/types.js";
import type { SuspectYear } from "../../indicators/index.js";
import type { Risk, Section, Sentence, TextPart } from "../document.js";
import { canDrawTradeVsPrice, tradeVsPriceSpec } from "../charts/index.js";
import { coefficient, pct, printed, pValue, signedPct, usd, yearSpan } from "../format.js";
import { erasAside, erasSemi, erasSubtitle } from "../entities.js";
import { priceLinkGrade, priceLinkIsCommonCycle, shareGain, shocksGrade, volatilityGrade } from "../grades.js";
import { THRESHOLDS, datasetsInWords, listInWords, priceSeriesName, say } from "../narrative.js";
import type { SectionContext } from "./context.js";

export function detectRisks(ctx: SectionContext): Risk[] {
  const { profile: p, notes, a, b } = ctx;
  const risks: Risk[] = [];
  const v = p.volatility;
  const rel = v?.relative;
  const volGrade = v ? volatilityGrade(v) : undefined;
  if (v && rel && rel.ratioToPeerMedian !== undefined && volGrade) {
    const more = Math.round(rel.percentileRank * rel.peersCompared);
    risks.push({
      id: "risk.volatility",
      title: "Volatile trade",
      level: volGrade,
      brief: `${volGrade === "high" ? "highly " : ""}volatile trade, with annual swings ${ratio(rel.ratioToPeerMedian)} times the median of ${a}'s ${rel.peersCompared} largest partners`,
      name: `${volGrade === "high" ? "highly " : ""}volatile trade`,
      sentence: say(
        "risk.volatility",
        `Trade with ${b} is ${volGrade === "high" ? "highly " : ""}volatile: annual growth swings (standard deviation of log growth ${coefficient(rel.targetVolatility)}, ${volatilityYears(v)}${erasSemi(p, v.window.from_year, v.window.to_year)}${baseMovedClause(ctx, v.window.from_year)}) are ${ratio(rel.ratioToPeerMedian)} times the median of ${a}'s ${rel.peersCompared} largest partners (${coefficient(rel.peerMedianVolatility)}), ${more === rel.peersCompared ? "above every one of them" : `above ${more} of them`}${v.leave_one_out ? `; whichever single year is left out, the ratio stays between ${ratio(v.leave_one_out.min_ratio)} and ${ratio(v.leave_one_out.max_ratio)}` : ""}${withExcluded(v, ctx)}`,
        volatilityNote(ctx),
        ".",
      ),
    });
  }
  const s = p.balance?.streak;
  const lastYear = p.series[p.series.length - 1]?.year;
  const deficitShare = s ? deficitShareOfTrade(ctx) : undefined;
  if (s && s.sign === "deficit" && s.years >= THRESHOLDS.streakRiskYears && s.through === lastYear && deficitShare !== undefined && deficitShare >= THRESHOLDS.deficitRiskShare) {
    risks.push({
      id: "risk.deficit",
      title: "Chronic deficit",
      level: s.years >= THRESHOLDS.deficitHighYears && deficitShare >= THRESHOLDS.deficitHighShare ? "high" : "medium",
      brief: `a chronic deficit with ${b}, every year since ${s.since}${erasAside(p, s.since, s.through)} and ${pct(deficitShare, 0)} of two-way trade over those years`,
      name: "the chronic deficit",
      sentence: say(
        "risk.deficit",
        `A chronic deficit: ${a} has imported more from ${b} than it exported every year since ${s.since}${erasAside(p, s.since, s.through)}, a deficit of ${pct(deficitShare, 0)} of the two-way trade over those years`,
        notes.add(`Balance = exports FOB − imports CIF, ${ctx.reports.a}, ${yearSpan(s.since, s.through)}${erasAside(p, s.since, s.through)}; share = cumulative deficit / cumulative exports + imports over the same years.`, p.balance!.sources, p.balance!.formula),
        ".",
      ),
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
      brief: `dependence on raw materials, ${raw !== undefined && (!fuelMax || raw >= fuelMax.share) ? `${pct(raw)} of imports from ${b} in ${p.composition!.hs!.year}` : `mineral fuels at least ${pct(fuelMax!.share)} of imports from ${b} in ${fuelMax!.year}`}`,
      name: "dependence on raw materials",
      sentence: say(
        "risk.resources",
        `Dependence on raw materials: ${listInWords(parts)}, so the value of trade follows commodity prices and any sanctions on energy`,
        notes.add("Mineral-fuel and raw-material shares of imports from the partner.", [...fuels.flatMap((f) => f.sources), ...(p.composition?.hs?.sources ?? [])]),
        ".",
      ),
    });
  }
  const c = p.commodity;
  const priceGrade = c ? priceLinkGrade(c) : undefined;
  if (c && priceGrade) {
    const gr = c.growth.pearson!;
    const lev = c.levels.pearson;
    risks.push({
      id: "risk.price-link",
      title: "Tied to commodity prices",
      level: priceGrade,
      brief: `the tie to the ${priceSeriesName(c.price_series)} price (year-on-year r = ${coefficient(gr.r)}, ${yearSpan(gr.years[0], gr.years[1])})`,
      name: `the tie to the ${priceSeriesName(c.price_series)} price`,
      sentence: say(
        "risk.price-link",
        `Trade moves with the ${priceSeriesName(c.price_series)} price: year-on-year changes co-move (r = ${coefficient(gr.r)}, ${yearSpan(gr.years[0], gr.years[1])}, n = ${gr.n}, ${pValue(gr.pValue)}${erasSemi(p, gr.years[0], gr.years[1])})${c.peers_growth ? `, more than ${a}'s trade with its other large partners (median r = ${coefficient(c.peers_growth.median_r)})` : ""}${lev ? `; annual levels r = ${coefficient(lev.r)} (${pValue(lev.pValue)})` : ""}${excludedClause(c.excluded_years, ctx)}`,
        priceNote(ctx),
        ".",
      ),
    });
  }
  const comp = p.competition;
  const own = comp?.partner_import_shares.shifts.find((x) => x.supplier === p.a);
  const gaining = comp?.partner_import_shares.shifts.filter((x) => x.supplier !== p.a && shareGain(x) !== undefined) ?? [];
  for (const x of gaining) {
    if (own?.to_share !== undefined && own.to_share >= x.to_share!) continue;
    const word = shareGain(x)!;
    risks.push({
      id: "risk.competitor",
      title: `${x.name}'s ${word === "surged" ? "surge" : "gain"} in ${b}'s imports`,
      level: "medium",
      brief: `${x.name}'s ${word === "surged" ? "surge" : "rise"} in ${b}'s imports, to ${pct(x.to_share)} in ${x.to_year}${own?.to_share !== undefined ? ` against ${a}'s ${pct(own.to_share)}` : ""}`,
      name: `${x.name}'s ${word === "surged" ? "surge" : "rise"} in ${b}'s imports`,
      sentence: say(
        "risk.competitor",
        `${x.name}'s ${word === "surged" ? "surge" : "rising share"} in ${b}'s imports: ${pct(x.low!.share)} (${x.low!.year}) → ${pct(x.to_share)} (${x.to_year})${own?.to_share !== undefined ? `, against ${a}'s ${pct(own.to_share)}` : ""}`,
        notes.add(`${b}'s imports CIF by supplier over its imports from the World, ${b}'s reports (${datasetsInWords(comp!.sources)}).`, comp!.sources, comp!.formula),
        ".",
      ),
    });
  }
  const shockGrade = v ? shocksGrade(v) : undefined;
  if (v && shockGrade) {
    risks.push({
      id: "risk.shocks",
      title: "Shock years",
      level: shockGrade,
      brief: `sharp falls (${pct(-v.shock_threshold, 0)} or more in ${v.shocks.length} of ${v.shock_frequency ? `${v.shock_frequency.growthYears} years, against a median of ${printed(v.shock_frequency.peerMedianShocks, { maximumFractionDigits: 1 })} for ${a}'s ${v.shock_frequency.peersCompared} largest partners` : `the years ${volatilityYears(v, 1)}`})`,
      name: "sharp falls",
      sentence: say("risk.shocks", `Sharp falls: ${shocksText(ctx, v)}`, shocksNote(ctx), "."),
    });
  }
  return risks;
}

/**
 * "total trade fell by 15 % or more in 8 of 45 years (1976–2020), more often than Egypt's trade with
 * its 10 largest partners (median 3 such years, above 9 of them); the largest were 2002 (−41 %, to
 * $486.7 million, while those partners' trade grew a median 4 %), …": the count over the whole
 * window against the peers, then the few largest falls with their context.
 */
function shocksText(ctx: SectionContext, v: VolatilityBlock): string {
  const { a } = ctx;
  const f = v.shock_frequency;
  const n = v.shocks.length;
  const span = f ? `${n} of ${f.growthYears} years (${volatilityYears(v, 1)}${erasSemi(ctx.profile, v.window.from_year, v.window.to_year)})` : `${n} ${n === 1 ? "year" : "years"} (${volatilityYears(v, 1)})`;
  const peers = f
    ? `, ${comparedWord(f.rate, f.peerMedianRate)} ${a}'s trade with its ${f.peersCompared} largest partners (median ${printed(f.peerMedianShocks, { maximumFractionDigits: 1 })} such ${f.peerMedianShocks === 1 ? "year" : "years"}${f.rate > f.peerMedianRate ? `, ${Math.round(f.percentileRank * f.peersCompared) === f.peersCompared ? "above every one of them" : `above ${Math.round(f.percentileRank * f.peersCompared)} of them`}` : ""})`
    : "";
  const largest = [...v.shocks].sort((x, y) => x.growth - y.growth || x.year - y.year).slice(0, THRESHOLDS.shocksListed);
  const listed = largest.map((x) => `${x.year} (${signedPct(x.growth)}, to ${usd(x.toValue)}${shockContext(ctx, f, x.year)})`);
  // The latest fall is news whatever its size: named after the largest when it is not one of them.
  const latest = v.shocks[v.shocks.length - 1]!;
  const latestToo = n > THRESHOLDS.shocksListed && !largest.includes(latest) ? `; and the latest ${latest.year} (${signedPct(latest.growth)}, to ${usd(latest.toValue)}${shockContext(ctx, f, latest.year)})` : "";
  // Items carry commas of their own, so semicolons between them: each fall, with its year's context, reads as one clause.
  const items = (xs: string[]) => (xs.length <= 1 ? xs.join("") : `${xs.slice(0, -1).join("; ")}${latestToo ? "; " : "; and "}${xs[xs.length - 1]}`);
  const which = n === 1 ? `: ${listed[0]}` : n <= THRESHOLDS.shocksListed ? `: ${items(listed)}` : `; the largest were ${items(listed)}${latestToo}`;
  return `total trade fell by ${pct(-v.shock_threshold, 0)} or more in ${span}${peers}${which}${excludedClause(v.excluded_years, ctx)}`;
}

function comparedWord(rate: number, median: number): string {
  const r = median > 0 ? rate / median : rate > 0 ? Infinity : 1;
  return r >= THRESHOLDS.shocksRiskRatio ? "more often than" : r <= 1 / THRESHOLDS.shocksRiskRatio ? "less often than" : "about as often as";
}

/** "; partners' median −15 %; 2008: Global financial crisis": whether the reporter's other trade fell too, and what the report's milestones say of that year or the one before. */
function shockContext(ctx: SectionContext, f: VolatilityBlock["shock_frequency"], year: number): string {
  const parts: string[] = [];
  const peers = f?.peerGrowthInShockYears.find((x) => x.year === year);
  if (peers) parts.push(`partners' median ${signedPct(peers.median)}`);
  // By year, and a year with the same events as the one before merged into it: "2008: Russia crisis and Ukraine crisis", "2018 and 2019: Sanctions on China".
  const byYear: { years: number[]; labels: string[] }[] = [];
  for (const y of [year - 1, year]) {
    // The chart's short label ("Sanctions on Libya"): the milestones section gives the full one.
    const labels = [...new Set(ctx.milestones.filter((m) => (m.kind === "crisis" || m.kind === "sanctions" || m.kind === "state") && m.year === y).map((m) => m.shortLabel ?? m.label))];
    if (!labels.length) continue;
    const prev = byYear[byYear.length - 1];
    if (prev && prev.labels.join("|") === labels.join("|")) prev.years.push(y);
    else byYear.push({ years: [y], labels });
  }
  for (const e of byYear) parts.push(`${listInWords(e.years.map(String))}: ${listInWords(e.labels)}`);
  return parts.map((x) => `; ${x}`).join("");
}

function shocksNote(ctx: SectionContext): TextPart {
  const v = ctx.profile.volatility!;
  const peers = v.shock_frequency ? `; peers: ${listInWords(v.peers.map((x) => x.name))} (largest by total trade in ${v.window.to_year}), same years` : "";
  return ctx.notes.add(`Year-on-year change of total trade, ${ctx.reports.a}; a shock is a fall of ${pct(-v.shock_threshold, 0)} or more${peers}.`, v.sources, v.formula);
}

/** Within a grade, what a reader of the relationship weighs first. */
const RISK_ORDER = ["risk.deficit", "risk.competitor", "risk.volatility", "risk.resources", "risk.price-link", "risk.shocks"];

/** High before medium, then {@link RISK_ORDER}: the order of the Risks section's list and of the lead's summary. */
export function byGravity(risks: readonly Risk[]): Risk[] {
  const rank = (r: Risk) => (r.level === "high" ? 0 : 100) + (RISK_ORDER.indexOf(r.id) + 1 || RISK_ORDER.length + 1);
  return [...risks].sort((x, y) => rank(x) - rank(y));
}

export function risksSection(ctx: SectionContext, risks: Risk[]): Section | undefined {
  const { profile: p, notes, a } = ctx;
  const caveats = riskCaveats(ctx);
  if (!risks.length && !caveats.length) return undefined;
  const c = p.commodity;
  // The chart shows yearly changes: trade years that never follow one another (a partner reported
  // every few years) give none to draw, whatever the correlation block could align.
  const priceYears = c?.years.map((y) => ({ year: y.year, tradeUsd: y.trade, price: y.price })) ?? [];
  return {
    id: "risks",
    title: "Risks",
    paragraphs: caveats.length ? [{ sentences: caveats }] : [],
    charts: c && canDrawTradeVsPrice(priceYears)
      ? [
          {
            id: "trade-vs-price",
            title: `Trade and the ${priceSeriesName(c.price_series)} price`,
            spec: tradeVsPriceSpec({ title: `Growth of ${a}'s trade with ${ctx.b} and of the ${priceSeriesName(c.price_series)} price`, subtitle: `change on the previous year, one scale${erasSubtitle(p, c.years[0]?.year ?? 0, c.years[c.years.length - 1]?.year ?? 0)}`, years: priceYears, priceLabel: `${priceSeriesName(c.price_series)}, ${c.price_unit}`, tradeLabel: "Total trade" }) as unknown as Record<string, unknown>,
            caption: [{ text: "Yearly change of total trade and of the annual price on one scale: whether they move together year by year, not whether both happen to rise." }, notes.add(`Total trade (${ctx.reports.a}) and the annual ${priceSeriesName(c.price_series)} price (${c.price_unit}).`, c.sources)],
          },
        ]
      : [],
    tables: [],
    items: byGravity(risks).map((r) => r.sentence),
  };
}

/**
 * Findings checked against the risk thresholds that did not reach them on all their evidence:
 * said, so a reader who expects them sees why they are not graded (a level correlation that is only
 * a shared trend; a volatility that is high only with a suspect or a single year).
 */
export function riskCaveats(ctx: SectionContext): Sentence[] {
  const { profile: p, b, a } = ctx;
  const out: Sentence[] = [];
  const c = p.commodity;
  const lev = c?.levels.pearson;
  if (c && priceLinkIsCommonCycle(c)) {
    const gr = c.growth.pearson!;
    out.push(
      say(
        "risk.price-common-cycle",
        `Trade with ${b} moves with the ${priceSeriesName(c.price_series)} price year on year (r = ${coefficient(gr.r)}, ${yearSpan(gr.years[0], gr.years[1])}, ${pValue(gr.pValue)}${erasSemi(p, gr.years[0], gr.years[1])}), but so does ${a}'s trade with its other large partners (median r = ${coefficient(c.peers_growth!.median_r)}, ${c.peers_growth!.peers.length} partners): a common cycle of trade values in dollars, not a tie specific to ${b}, so it is not graded as a risk`,
        priceNote(ctx),
        ".",
      ),
    );
  } else if (c && lev && !priceLinkGrade(c) && Math.abs(lev.r) >= THRESHOLDS.priceLinkR && lev.pValue < THRESHOLDS.priceLinkP) {
    const gr = c.growth.pearson;
    out.push(
      say(
        "risk.price-trend-only",
        `Trade and the ${priceSeriesName(c.price_series)} price share a trend (r = ${coefficient(lev.r)} on annual levels, ${yearSpan(lev.years[0], lev.years[1])}${erasSemi(p, lev.years[0], lev.years[1])}), but ${gr ? `their year-on-year changes do not move together (r = ${coefficient(gr.r)}, ${pValue(gr.pValue)})` : "there are too few years to compare their year-on-year changes"}, so the data do not show trade following the price`,
        priceNote(ctx),
        ".",
      ),
    );
  }
  const v = p.volatility;
  if (v && v.shocks.length && !shocksGrade(v)) out.push(say("risk.shocks-common", `Sharp falls, not graded as a risk: ${shocksText(ctx, v)}`, shocksNote(ctx), "."));
  const rel = v?.relative;
  if (v && rel && rel.ratioToPeerMedian !== undefined && !volatilityGrade(v)) {
    const unscreened = v.with_excluded?.ratio_to_peer_median;
    const single = v.leave_one_out && rel.ratioToPeerMedian >= THRESHOLDS.volatilityRiskRatio && v.leave_one_out.min_ratio < THRESHOLDS.volatilityRiskRatio ? v.leave_one_out : undefined;
    if ((unscreened !== undefined && unscreened >= THRESHOLDS.volatilityRiskRatio) || single) {
      out.push(
        say(
          "risk.volatility-below",
          `Trade with ${b} is not graded as volatile: its annual growth swings (standard deviation of log growth ${coefficient(rel.targetVolatility)}, ${volatilityYears(v)}${erasSemi(p, v.window.from_year, v.window.to_year)}${baseMovedClause(ctx, v.window.from_year)}) are ${ratio(rel.ratioToPeerMedian)} times the median of ${a}'s ${rel.peersCompared} largest partners${single ? `, and ${ratio(single.min_ratio)} times without ${single.min_year} alone` : ""}${withExcluded(v, ctx)}`,
          volatilityNote(ctx),
          ".",
        ),
      );
    }
  }
  return out;
}

/** The cumulative deficit over the current streak as a share of two-way trade over the same years. */
function deficitShareOfTrade(ctx: SectionContext): number | undefined {
  const s = ctx.profile.balance?.streak;
  const cum = ctx.profile.balance?.cumulative;
  if (!s || !cum) return undefined;
  const trade = ctx.profile.series.filter((y) => y.year >= s.since && y.year <= s.through && y.total !== null).reduce((sum, y) => sum + y.total!, 0);
  return trade > 0 ? Math.abs(cum.value) / trade : undefined;
}

/** "1993–2020, leaving out 1992 (a split transition year)" — the years the growth swings are measured over. */
/** "; from 1980, the first year trade was at least 2 % of its 2020 level" when the statistics start later than the years with data for that reason. */
function baseMovedClause(ctx: SectionContext, from: number): string {
  const g = ctx.profile.growth;
  if (!g?.windows || from <= g.from_year || g.entity_changes.includes(from)) return "";
  return `; from ${from}, the first year trade was at least ${pct(g.windows.min_base_fraction, 0)} of its ${g.to_year} level`;
}

/** `firstGrowth` = 1 for the years of the year-on-year changes (the window's first year has none). */
function volatilityYears(v: VolatilityBlock, firstGrowth = 0): string {
  const kept: number[] = [];
  for (let y = v.window.from_year + firstGrowth; y <= v.window.to_year; y++) if (!v.excluded_years.includes(y)) kept.push(y);
  const range = kept.length ? yearSpan(kept[0]!, kept[kept.length - 1]!) : yearSpan(v.window.from_year, v.window.to_year);
  const inside = v.excluded_years.filter((y) => y > (kept[0] ?? Infinity) && y < (kept[kept.length - 1] ?? -Infinity));
  return inside.length ? `${range} without ${listInWords(inside.map(String))}` : range;
}

function withExcluded(v: VolatilityBlock, ctx: SectionContext): string {
  const w = v.with_excluded;
  if (!w || w.value === undefined) return "";
  return ` (with ${listInWords(v.excluded_years.map((y) => `${y}, ${screenReasonOf(ctx, y)},`))} kept in: ${coefficient(w.value)}${w.ratio_to_peer_median !== undefined ? `, ${ratio(w.ratio_to_peer_median)} times` : ""})`;
}

/** "; 1992 left out (quality screening)" for statistics computed without screened years. */
function excludedClause(years: number[], ctx: SectionContext): string {
  if (!years.length) return "";
  return `; ${listInWords(years.map((y) => `${y} (${screenReasonOf(ctx, y)})`))} left out`;
}

/** The most specific reason the screening left a year out: a split year is also a dip, say "split". */
export function screenReasonOf(ctx: SectionContext, year: number): string {
  const flags = (ctx.profile.quality?.suspect ?? []).filter((s) => s.excluded && s.year === year);
  const first = SCREEN_REASON_ORDER.find((r) => flags.some((f) => f.reason === r));
  return first ? SCREEN_REASON_WORDS[first] : "quality screening";
}

const SCREEN_REASON_ORDER: SuspectYear["reason"][] = ["split-transition", "spike-or-dip", "mirror-outlier"];

export const SCREEN_REASON_WORDS: Record<SuspectYear["reason"], string> = {
  "split-transition": "a split transition year",
  "mirror-outlier": "own and mirror figures disagree",
  "spike-or-dip": "a one-year spike or dip",
};

function ratio(x: number): string {
  return printed(x, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
}

function volatilityNote(ctx: SectionContext): TextPart {
  const v = ctx.profile.volatility!;
  return ctx.notes.add(`Volatility of total trade, ${ctx.reports.a}; peers: ${listInWords(v.peers.map((x) => x.name))} (largest by total trade in ${v.window.to_year}), same years${v.excluded_years.length ? `, without ${listInWords(v.excluded_years.map(String))} (quality screening)` : ""}.`, v.sources, v.formula);
}

function priceNote(ctx: SectionContext): TextPart {
  const c = ctx.profile.commodity!;
  return ctx.notes.add(`Correlation of total trade (${ctx.reports.a}) with the annual ${priceSeriesName(c.price_series)} price (${c.price_unit}).`, c.sources, c.formula);
}
