/**
 * The machinery the section writers share: a footnote register, a sentence builder and the
 * rule catalogue. Every sentence names the rule that wrote it; every rule states its threshold,
 * and the methodology appendix prints the rules that fired.
 * @module
 */
import type { SourceRef } from "../profile/types.js";
import type { Footnote, RuleDoc, Sentence, TextPart } from "./document.js";
import { SELECTION_DEFAULTS } from "../milestones/select.js";

/** Thresholds, in one place so the appendix and the code cannot disagree. */
export const THRESHOLDS = {
  /** A multiple at least this large is headline material ("25 times"). */
  headlineMultiple: 5,
  /** Two multiples within this relative distance are "the same" fold ("trade and tourists grew 25-fold"). */
  sameFoldTolerance: 0.1,
  /** Years of one balance sign that make a streak worth a sentence / a risk. */
  streakSentenceYears: 3,
  streakRiskYears: 5,
  /** Volatility relative to the median of the reporter's large partners: the ratio, and the share of
   * peers it must exceed; both must also hold with any single growth year left out. */
  volatilityRiskRatio: 1.5,
  volatilityHighRatio: 2,
  volatilityRiskPercentile: 0.75,
  volatilityHighPercentile: 0.9,
  /** Price link: levels |r| and p for a link worth a word; the grade rests on year-on-year growth,
   * since two trending series correlate in levels whatever ties them. */
  priceLinkR: 0.5,
  priceLinkP: 0.05,
  priceGrowthMediumR: 0.3,
  priceGrowthHighR: 0.5,
  /** How much the pair's growth r must exceed the median r of the reporter's other large partners
   * (medium / high): a link all partners share is the common cycle of dollar trade values. */
  priceSpecificMargin: 0.15,
  priceSpecificHighMargin: 0.3,
  /** A supplier's share rising this much (fraction) from its low is a gain worth a sentence; a surge
   * when it also rose at least `competitorSurgePace` a year (fraction per year) between the two years. */
  competitorSurge: 0.1,
  competitorSurgePace: 0.005,
  /** A deficit streak is a risk when the deficit averages at least this share of two-way trade over
   * the streak (0.05: imports about 1.1 × exports); high from `deficitHighShare` (1/3: imports at
   * least twice exports) and `deficitHighYears`. */
  deficitRiskShare: 0.05,
  deficitHighShare: 1 / 3,
  deficitHighYears: 10,
  /** Shock years are graded by how often the pair falls against the reporter's largest partners over
   * the same years (falls per year-on-year change): a risk from this ratio to the peers' median and
   * above this share of them; high also needs at least `shocksHigh` falls. Falls as frequent as the
   * peers' are the reporter's common cycle (2009, 2015), stated but not graded. */
  shocksRiskRatio: 1.5,
  shocksRiskPercentile: 0.75,
  shocksHighRatio: 2,
  shocksHighPercentile: 0.9,
  shocksHigh: 3,
  /** The largest falls a shocks sentence names (the count covers them all). */
  shocksListed: 3,
  /** Raw materials / mineral fuels above this share of imports from the partner: dependence. */
  resourceDependence: 0.5,
  /** A year-on-year change of arrivals in a milestone year worth a sentence. */
  arrivalsEventChange: 0.1,
  /** The last ten years of a fold headline's window are "stalled" (said in the headline) when their
   * average log growth is below this fraction of the whole window's: Chile–Peru, 21 times over
   * 1990–2020 (10.7 % a year) but −13 % over 2010–2020. */
  stalledDecadeRate: 0.5,
  /** A fold headline needs its window to be at most this long (a multiple over six decades says little). */
  headlineFoldMaxYears: 35,
  /** The reference year at least this far below the peak of the preceding years (same entity) is a collapse. */
  collapseFromPeak: 0.5,
  /** Years before the reference year searched for the peak of a collapse. */
  collapsePeakYears: 10,
  /** Years of one-directional data after the last year with both directions that make the coverage the headline. */
  staleBothDirectionsYears: 5,
  /** A change of the pair's share of one side's trade at least this large (fraction: 0.05 = 5 pp) over the comparison window is headline material. */
  headlineShareShift: 0.05,
  /** A share headline's last ten years moved against its twenty-year change by at least this (fraction: 0.01 = 1 pp): the headline says it turned. */
  shareTurnedPp: 0.01,
  /** Ranks up to this one are named in the headline when nothing stronger fires. */
  headlineTopRank: 3,
} as const;

export const RULES: Record<string, RuleDoc> = {
  "growth.published-span": { id: "growth.published-span", condition: "a published total for a year before the data's first year exists (e.g. KITA's 1990 figure) and the multiple to the publisher's own end year is computable", reads: "growth.published_span: multiple = total(end) / published total(start)" },
  "growth.data-span": { id: "growth.data-span", condition: "at least two consecutive years of reporter-side totals", reads: "growth.multiple and growth.cagr over the unbroken run of years ending in the reference year" },
  "growth.record": { id: "growth.record", condition: "always, when a series exists; 'a record' when the reference year is the highest", reads: "growth.record_high" },
  "growth.published-check": { id: "growth.published-check", condition: "a publisher's total for a year the data covers", reads: "growth.published_checks: our total / published − 1" },
  "growth.after-reference": { id: "growth.after-reference", condition: "the data runs past the reference year", reads: "series total in the last year vs the reference year" },
  "growth.decades": { id: "growth.decades", condition: "two or more decades with at least 5 observed years each", reads: "growth.decades: CAGR within each decade" },
  "balance.streak": { id: "balance.streak", condition: `the latest run of one balance sign lasts at least ${THRESHOLDS.streakSentenceYears} years`, reads: "balance.streak and balance.cumulative" },
  "balance.extreme": { id: "balance.extreme", condition: "a streak is reported", reads: "largest balance of the streak's sign in balance.years" },
  "balance.previous": { id: "balance.previous", condition: "an earlier run of the opposite sign precedes the current streak", reads: "balance.streaks" },
  "balance.turned": { id: "balance.turned", condition: `the latest run of one sign is shorter than ${THRESHOLDS.streakSentenceYears} years and follows a run of the other sign of at least ${THRESHOLDS.streakSentenceYears}`, reads: "balance.streaks and balance.years" },
  "balance.mixed": { id: "balance.mixed", condition: `the latest run of one sign is shorter than ${THRESHOLDS.streakSentenceYears} years and no long run precedes it`, reads: "balance.years over the last ten years: years of each sign and the net balance" },
  "composition.published-fuels": { id: "composition.published-fuels", condition: "published product figures for the pair name mineral-fuel items and the table's total", reads: "composition.mineral_fuel_share_of_imports" },
  "composition.hs": { id: "composition.hs", condition: "product-level (BACI) flows for the pair are loaded", reads: "composition.hs: shares by HS chapter, HHI, Grubel–Lloyd" },
  "composition.specialization": { id: "composition.specialization", condition: "product-level (BACI) flows for the pair are loaded and the reporter's RCA in its largest chapter sold to the partner is defined", reads: "composition.hs.specialization: Balassa RCA, WITS complementarity, trade intensity (HS chapter level), with the coverage of the loaded files" },
  "competition.surge": { id: "competition.surge", condition: `a supplier's share of the partner's imports rose by at least ${THRESHOLDS.competitorSurge * 100} percentage points from its low to the reference year: "surged" when it rose at least ${THRESHOLDS.competitorSurgePace * 100} points a year on average between the two years, "rose" otherwise`, reads: "competition.partner_import_shares.shifts[].low and to_share" },
  "competition.position": { id: "competition.position", condition: "the reporter appears among the partner's suppliers", reads: "competition.partner_import_shares: the reporter's share and rank vs the largest suppliers" },
  "people.published-span": { id: "people.published-span", condition: "two published yearly totals of people between the pair", reads: "people.published_span" },
  "people.arrivals": { id: "people.arrivals", condition: "a statistical series of arrivals with two complete years", reads: "people.arrivals_growth" },
  "people.event": { id: "people.event", condition: `a policy milestone falls in a year of the arrivals series and arrivals changed by at least ${THRESHOLDS.arrivalsEventChange * 100} % that year`, reads: "people.arrivals_growth.year_on_year and events.milestones" },
  "people.incomplete": { id: "people.incomplete", condition: "the arrivals series ends with an incomplete year", reads: "people.arrivals[].years[].months" },
  "risk.volatility": { id: "risk.volatility", condition: `volatility of trade with the partner, from the first year whose trade is a meaningful base under the growth-window rule (at least 2 % of the reference year's) on and within one entity (years flagged by the quality screening left out) is at least ${THRESHOLDS.volatilityRiskRatio}× the median of the reporter's largest partners and above ${THRESHOLDS.volatilityRiskPercentile * 100} % of them, also with any single growth year left out; high ("highly volatile") from ${THRESHOLDS.volatilityHighRatio}× and above ${THRESHOLDS.volatilityHighPercentile * 100} % of them, on the same terms`, reads: "volatility.relative, volatility.leave_one_out, volatility.excluded_years, volatility.with_excluded" },
  "risk.deficit": { id: "risk.deficit", condition: `a deficit streak of at least ${THRESHOLDS.streakRiskYears} years up to the last year, averaging at least ${THRESHOLDS.deficitRiskShare * 100} % of two-way trade; high from ${THRESHOLDS.deficitHighYears} years and a third of two-way trade (imports at least twice exports)`, reads: "balance.streak, balance.cumulative, series totals" },
  "risk.resources": { id: "risk.resources", condition: `mineral fuels (published) or raw materials (HS 25–27, base metals) are at least ${THRESHOLDS.resourceDependence * 100} % of imports from the partner`, reads: "composition.mineral_fuel_share_of_imports, composition.hs.raw_material_share_of_imports" },
  "risk.price-link": { id: "risk.price-link", condition: `year-on-year growth of total trade co-moves with the commodity price's (|r| ≥ ${THRESHOLDS.priceGrowthMediumR}, p < ${THRESHOLDS.priceLinkP}) by at least ${THRESHOLDS.priceSpecificMargin} more than the median for the reporter's other large partners; high from |r| ≥ ${THRESHOLDS.priceGrowthHighR}, a margin of ${THRESHOLDS.priceSpecificHighMargin} and levels |r| ≥ ${THRESHOLDS.priceLinkR}, p < ${THRESHOLDS.priceLinkP}; at most medium without peers; years flagged by the quality screening left out`, reads: "commodity.growth.pearson, commodity.peers_growth, commodity.levels.pearson, commodity.excluded_years" },
  "risk.competitor": { id: "risk.competitor", condition: "a competitor's gain in the partner's imports (competition.surge) while the reporter's share is below the gaining supplier's", reads: "competition.partner_import_shares.shifts" },
  "risk.shocks": { id: "risk.shocks", condition: `total trade fell by the shock threshold or more from one year to the next (years flagged by the quality screening left out) more often than the reporter's trade with its largest partners over the same years: falls per year-on-year change at least ${THRESHOLDS.shocksRiskRatio}× the peers' median and above ${THRESHOLDS.shocksRiskPercentile * 100} % of them; high from ${THRESHOLDS.shocksHighRatio}×, above ${THRESHOLDS.shocksHighPercentile * 100} % of them and ${THRESHOLDS.shocksHigh} falls; medium without peers; the count is over the whole window, the ${THRESHOLDS.shocksListed} largest falls (and the latest) are named with the peers' median change that year and the report's crisis or sanctions milestones of that year or the one before`, reads: "volatility.shocks, volatility.shock_frequency (threshold in volatility.shock_threshold)" },
  "risk.shocks-common": { id: "risk.shocks-common", condition: "shock years exist but the pair falls no more often than the risk.shocks thresholds against the reporter's largest partners: the count and the largest falls are stated, not graded", reads: "volatility.shocks, volatility.shock_frequency" },
  "risk.price-trend-only": { id: "risk.price-trend-only", condition: `levels correlate with the commodity price (|r| ≥ ${THRESHOLDS.priceLinkR}, p < ${THRESHOLDS.priceLinkP}) but year-on-year growth does not (|r| < ${THRESHOLDS.priceGrowthMediumR} or p ≥ ${THRESHOLDS.priceLinkP}): stated as a shared trend, not graded as a risk`, reads: "commodity.levels.pearson, commodity.growth.pearson" },
  "risk.price-common-cycle": { id: "risk.price-common-cycle", condition: `growth co-moves with the commodity price (|r| ≥ ${THRESHOLDS.priceGrowthMediumR}, p < ${THRESHOLDS.priceLinkP}) but by less than ${THRESHOLDS.priceSpecificMargin} more than for the reporter's other large partners: stated as a common cycle, not graded as a risk`, reads: "commodity.growth.pearson, commodity.peers_growth" },
  "risk.volatility-below": { id: "risk.volatility-below", condition: "the volatility ratio reaches the risk threshold only with a year the quality screening left out, or only with one single growth year: stated, not graded as a risk", reads: "volatility.with_excluded, volatility.leave_one_out" },
  "data.screening": { id: "data.screening", condition: "the quality screening flagged a year: split transition years and one-year spikes are left out of volatility, shocks and the price link; own-vs-mirror disagreements are caveats (left out only as a low last year, a likely partial year)", reads: "quality.suspect (thresholds in quality.thresholds)" },
  "data.mirror-basis": { id: "data.mirror-basis", condition: "the reporter has no reports of its own of the pair's trade loaded and the partner has: every figure is the partner's (mirror fallback)", reads: "basis, series[].sources[].basis" },
  "data.gap": { id: "data.gap", condition: "the pair's series has a year or two without a total inside it (a report not filed); the series runs across it, the statistics skip the growth terms into and out of it", reads: "growth.gap_years, series[].mirror" },
  "data.estimates": { id: "data.estimates", condition: "every figure of one side is an IMF DOTS estimate (built from partner data)", reads: "series[].estimated" },
  "data.mirror-gap": { id: "data.mirror-gap", condition: "both countries report the pair's trade (mirror data loaded): the latest year's gap is stated", reads: "mirror.years: ratio and CIF/FOB-adjusted gap of the reporter's imports vs the partner's exports" },
  "data.table": { id: "data.table", condition: "a pair series exists: the table of figures is printed with its sources", reads: "series (the pair table)" },
  "milestones.before-after": { id: "milestones.before-after", condition: "a milestone inside the data with growth observed on both sides", reads: "events.before_after: mean y/y growth N years before vs after" },
  "milestones.agreement": { id: "milestones.agreement", condition: "a trade agreement was in force between the two at some time: WTO RTA database (day precision) first, DESTA for agreements the WTO does not list (year precision); blocs (EU, EFTA, ASEAN, EAEU, MERCOSUR, SACU, GCC, CACM) expanded to their members with entry and exit dates; dated from the day both were parties; a bloc's external agreements do not bind two of its members to each other; always shown", reads: "events.milestones (rule agreement), src/milestones/agreements.ts" },
  "milestones.accession": { id: "milestones.accession", condition: "either side joined the WTO, the GATT or the EU (or left the EU); founding memberships (GATT 1948, WTO 1995-01-01, EEC 1958) are counted, not listed; always shown", reads: "events.milestones (rule accession)" },
  "milestones.state-change": { id: "milestones.state-change", condition: "either side or its predecessor dissolved or unified (COW state list dates: the day most successors start); always shown", reads: "events.milestones (rule state-change)" },
  "milestones.sanctions-between": { id: "milestones.sanctions-between", condition: `one side imposed sanctions on the other (TIES impositions, GIGA, GSDB subset; an EU sender counts for each EU member); all listed when there are at most ${SELECTION_DEFAULTS.maxSanctionsListed}, beyond that only those starting in a year when or before pair trade fell by ${Math.round(-SELECTION_DEFAULTS.contextFall * 100)} % or more (largest falls first, at most ${SELECTION_DEFAULTS.maxSanctionsListed}), the rest counted; chosen and counted among the episodes overlapping the report's period, of those outside it the latest ${SELECTION_DEFAULTS.maxSanctionsListed} are listed as context`, reads: "events.milestones (rule sanctions-between), events.catalogue.not_shown" },
  "milestones.context-with-fall": { id: "milestones.context-with-fall", condition: `a crisis of either side (Laeven–Valencia; one episode per country within a year) or EU/UN sanctions with trade measures on one side, shown only when total pair trade fell by ${Math.round(-SELECTION_DEFAULTS.contextFall * 100)} % or more in its start year or the next, at most ${SELECTION_DEFAULTS.maxContext}, largest falls first; episodes outside the report's period are neither listed nor counted`, reads: "events.milestones (rule context-with-fall) and total trade growth" },
  "milestones.context": { id: "milestones.context", condition: "a milestone of the pair falls before or after the period covered (the years asked for with --from/--to, or the years with data): listed once, labelled as context, with no growth figures; no other sentence or chart uses it", reads: "events.milestones outside period" },
  "milestones.agreement-types": { id: "milestones.agreement-types", condition: "a listed agreement's label carries the WTO RTA database's type abbreviation (FTA, CU, PSA, EIA): each abbreviation used is spelled out once", reads: "the agreement milestones' labels, src/milestones/labels.ts (WTO_AGREEMENT_TYPES)" },
  "milestones.no-agreement": { id: "milestones.no-agreement", condition: "neither the WTO RTA database nor DESTA lists an agreement between the two", reads: "events.catalogue.no_agreement" },
  "milestones.not-shown": { id: "milestones.not-shown", condition: "the milestone catalogue holds candidates the selection rules did not list", reads: "events.catalogue.not_shown" },
  "growth.long-run": { id: "growth.long-run", condition: "a window ending in the reference year passes the growth-window rule (one unbroken run, one entity on each side, base ≥ 2 % of the end value); a state continued by its successor (West Germany → Germany, 1991) is one series, so a window may cross it, and the sentence names both", reads: "growth.windows.long_run" },
  "growth.standard-windows": { id: "growth.standard-windows", condition: "10-, 20- or 30-year windows ending in the reference year whose base passes the growth-window rule", reads: "growth.windows.standard[].multiple, cagr" },
  "growth.share-shift": { id: "growth.share-shift", condition: "each side's trade with the World is loaded for both ends of the comparison window (20 years, or the longest standard window available)", reads: "growth.windows.standard[].share_of_a, share_of_b" },
  "position.rank": { id: "position.rank", condition: "a side reports its trade with all partners in the reference year", reads: "position.in_a, position.in_b: rank, share, since; exports and imports named where their rank differs" },
  "lead.risks": { id: "lead.risks", condition: "at least one risk is graded: the lead names the gravest (high before medium; then deficit, competitor, volatility, raw materials, price link, sharp falls) with its figure, and the others by name; the Risks section states each in full", reads: "the graded risks (risk.*)" },
  "headline.one-direction": { id: "headline.one-direction", condition: `rule 0: A's own reports give both directions of the pair's trade in no year after the last total, yet one direction (A's or B's reports) goes on for at least ${THRESHOLDS.staleBothDirectionsYears} more years: every total, balance and rank describes the earlier years, and the headline and the lead say so first ("Iran's reports of its trade with Iraq cover both directions only up to 1968")`, reads: "series (exports, imports, mirror.exports, mirror.imports by year), growth.to_year" },
  "headline.collapse": { id: "headline.collapse", condition: `rule 1: trade in the reference year is at least ${THRESHOLDS.collapseFromPeak * 100} % below its peak of the ${THRESHOLDS.collapsePeakYears} preceding years (same partner entity, unbroken years); when rule 2 also holds, the headline adds it ("…, yet Brazil is still Argentina's largest trading partner"): a fall does not make the partner less central, and a reader should not take the collapse for the end of the relationship`, reads: "series totals, position.in_a.total.rank, position.in_b.total.rank" },
  "headline.rank": { id: "headline.rank", condition: "rule 2: the partner is the largest trading partner of either side in the reference year (each side's own reports); when rule 3 also holds, its fold follows after a colon (\"China is Brazil's largest trading partner: trade grew 44-fold in two decades\"), with its stalled decade but not its comparison with the world (the lead's)", reads: "position.in_a.total.rank, position.in_b.total.rank" },
  "headline.fold": { id: "headline.fold", condition: `rule 3: a multiple of at least ${THRESHOLDS.headlineMultiple} times over a window of at most ${THRESHOLDS.headlineFoldMaxYears} years whose base passes the growth-window rule (a publisher's figure at the start of relations, or the longest standard window); tourists are named too when their multiple is within ${THRESHOLDS.sameFoldTolerance * 100} %; when the last ten years' average log growth is below ${THRESHOLDS.stalledDecadeRate * 100} % of the window's, the headline and the lead say the decade's change ("but fell 13 % in the last ten years"); otherwise, when the pair outgrew both sides' trade with the World over the window (the multiple above each side's total multiple and the pair's share of each side's trade up, each side's own reports), the headline says so; the lead compares with each side's trade with the World whenever both sides' figures agree`, reads: "growth.published_span or growth.windows.standard (multiple; share_of_a, share_of_b: total_multiple, change), people.published_span.multiple" },
  "headline.share": { id: "headline.share", condition: `rule 4: the pair's share of one side's trade changed by at least ${THRESHOLDS.headlineShareShift * 100} percentage points over the comparison window (the larger change of the two sides); the lead gives the share ten years before the end, and when the last ten years moved the other way by at least ${THRESHOLDS.shareTurnedPp * 100} point the headline says so`, reads: "growth.windows.standard[].share_of_a, share_of_b" },
  "headline.top-rank": { id: "headline.top-rank", condition: `rule 5: the partner ranks at most ${THRESHOLDS.headlineTopRank} in either side's trade`, reads: "position.in_a.total.rank, position.in_b.total.rank" },
  "headline.streak": { id: "headline.streak", condition: `rule 6: a deficit/surplus streak of at least ${THRESHOLDS.streakRiskYears} years`, reads: "balance.streak" },
};

/** Collects footnotes in order of first use; the same source text is one note. */
export class FootnoteRegister {
  private readonly notes: Footnote[] = [];
  private readonly byKey = new Map<string, number>();

  add(text: string, sources: SourceRef[], formula?: string): TextPart {
    const key = `${text}|${formula ?? ""}|${sources.map((s) => `${s.source_id}:${s.side}`).join(",")}`;
    let fn = this.byKey.get(key);
    if (fn === undefined) {
      fn = this.notes.length + 1;
      this.notes.push({ fn, text, sources: dedupe(sources), ...(formula ? { formula } : {}) });
      this.byKey.set(key, fn);
    }
    return { fn };
  }

  all(): Footnote[] {
    return this.notes;
  }
}

function dedupe(sources: SourceRef[]): SourceRef[] {
  const m = new Map<string, SourceRef>();
  for (const s of sources) m.set(`${s.source_id}|${s.side}`, s);
  return [...m.values()];
}

/** Builds a sentence from strings and footnote parts: `say("growth.data-span", "Trade rose ", fn, ".")`. */
export function say(rule: keyof typeof RULES & string, ...parts: Array<string | TextPart>): Sentence {
  if (!RULES[rule]) throw new Error(`unknown narrative rule ${rule}`);
  const merged: TextPart[] = [];
  for (const p of parts) {
    const part = typeof p === "string" ? { text: p } : p;
    const last = merged[merged.length - 1];
    if ("text" in part && last && "text" in last) last.text += part.text;
    else merged.push(part);
  }
  return { parts: merged, rule };
}

/** "1990s" from 1990. */
export function decadeName(decade: number): string {
  return `${decade}s`;
}

/** "three decades" from 29 years; "12 years" below two decades. */
export function spanInWords(years: number): string {
  const decades = Math.round(years / 10);
  const words = ["", "one", "two", "three", "four", "five", "six"];
  if (years >= 18 && Math.abs(years - decades * 10) <= 2 && decades < words.length) return `${words[decades]} decades`;
  return `${years} years`;
}

/** Joins "a", "b" and "c". */
export function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** How datasets are named in prose. */
export const DATASET_LABELS: Record<string, string> = {
  "imf-dots": "IMF DOTS",
  "un-comtrade": "UN Comtrade",
  "cepii-baci": "CEPII BACI",
  "kto-arrivals": "Korea Tourism Organization",
  "published-figures": "published figures",
  "published-products": "published product figures",
  "price-series": "EIA prices",
  "bilateral-series": "bilateral series",
};

/** "IMF DOTS" or "IMF DOTS and UN Comtrade" for the datasets behind some sources. */
export function datasetsInWords(sources: Array<{ dataset: string }>): string {
  return listInWords([...new Set(sources.map((s) => DATASET_LABELS[s.dataset] ?? s.dataset))]);
}

/** How price series are named in prose ("the Brent oil price"). */
export function priceSeriesName(series: string): string {
  const names: Record<string, string> = { brent: "Brent oil", wti: "WTI oil", "henry-hub": "Henry Hub gas" };
  return names[series] ?? series;
}
