/**
 * The headline and the lead. The headline is the most salient finding for this pair, chosen by
 * the numbered `headline.*` rules in `narrative.ts` (first that fires wins):
 *   0. the totals end years before the data does (only one direction reported after),
 *   1. collapse from a recent peak (with rule 2's fact when it also holds: a fall does not make the
 *   partner less central), 2. the partner is either side's largest trading partner (with rule 3's
 *   fold when it also holds: how it became so),
 *   3. a fold over a window with a meaningful base (at most 35 years), 4. a large change of the
 *   pair's share of one side's trade, 5. a top-three rank, 6. a long balance streak.
 * Never a multiple over a base the growth-window rule rejects. The lead states the headline's
 * finding first, then the partner's rank and share on both sides, then one judgement on risks
 * (the gravest with its figure, the others by name): it summarises, never copies a later sentence.
 * @module
 */
import { pairSourceRefs as pairRefsOf } from "../profile/sources.js";
import { entitiesClause, erasAside, erasSemi } from "./entities.js";
import type { Paragraph, Risk, Sentence } from "./document.js";
import { changeInWords, fold, pct, times, usd, yearSpan } from "./format.js";
import { THRESHOLDS, listInWords, say, spanInWords } from "./narrative.js";
import type { SectionContext } from "./sections/context.js";
import { byGravity } from "./sections/risks.js";
import { streakNote } from "./sections/trade.js";
import { comparisonWindow, positionLeadSentence, rankInWords, shareShiftNote } from "./sections/position.js";

interface Candidate {
  rule: string;
  headline: string;
  /** The sentence of the lead that states the finding (when the position sentences do not already). */
  sentence?: Sentence;
}

/**
 * Rule 0: the totals end long before the data does. A's reports hold both directions up to some
 * year and only one direction (or only B's reports) after it: a headline from the totals ("Iran has
 * run a surplus with Iraq since 1964") would describe the 1960s as the present.
 */
function oneDirection(ctx: SectionContext): Candidate | undefined {
  const { profile: p, a, b } = ctx;
  const g = p.growth;
  if (!g || p.basis !== "own") return undefined;
  const later = p.series.filter((y) => y.year > g.to_year);
  if (later.some((y) => y.total !== null)) return undefined;
  const seen = (pick: (y: (typeof later)[number]) => number | null) => {
    const years = later.filter((y) => pick(y) !== null);
    if (!years.length) return undefined;
    const [first, last] = [years[0]!.year, years[years.length - 1]!.year];
    const when = years.length === last - first + 1 ? yearSpan(first, last) : `${years.length} of the years ${first}–${last}`;
    return { last, words: `${when}${erasSemi(p, first, last)}, ${usd(pick(years[years.length - 1]!))} in ${last}` };
  };
  // Each direction as either side reports it: A's imports are B's exports to A (mirror), and so on.
  const directions = [
    { name: `${a}'s imports from ${b}`, own: seen((y) => y.imports), mirror: seen((y) => y.mirror.imports) },
    { name: `${a}'s exports to ${b}`, own: seen((y) => y.exports), mirror: seen((y) => y.mirror.exports) },
  ].filter((d) => d.own || d.mirror);
  const lastAny = Math.max(...directions.flatMap((d) => [d.own?.last ?? -Infinity, d.mirror?.last ?? -Infinity]));
  if (!directions.length || lastAny - g.to_year < THRESHOLDS.staleBothDirectionsYears) return undefined;
  const both = p.series.filter((y) => y.total !== null);
  const span = `${yearSpan(both[0]!.year, g.to_year)}${erasAside(p, both[0]!.year, g.to_year)}`;
  // Whose figures: a side whose every figure is an IMF estimate (North Korea) has no "reports".
  const whose = (side: string, estimated: boolean) => (estimated ? `the IMF's estimates for ${side}` : `${side}'s reports`);
  const [ownWords, mirrorWords] = [whose(a, ctx.reports.aEstimated), whose(b, ctx.reports.bEstimated)];
  const listed = directions.map((d) =>
    d.own && d.mirror ? `${d.name} (${ownWords}: ${d.own.words}; ${mirrorWords}: ${d.mirror.words})` : d.own ? `${d.name} (${ownWords}: ${d.own.words})` : `${d.name} (${mirrorWords}: ${d.mirror!.words})`,
  );
  return {
    rule: "headline.one-direction",
    headline: `${a}'s figures for its trade with ${b} cover both directions only up to ${g.to_year}`,
    sentence: say(
      "headline.one-direction",
      `${ownWords.charAt(0).toUpperCase()}${ownWords.slice(1)} give both directions of ${a}'s trade with ${b} only for ${span}; after ${g.to_year} the data has only ${listInWords(listed)}. One side's figures are never combined with the other's, so the totals, balance and ranks below describe those years`,
      ctx.notes.add(`Years with each direction of ${a}–${b} trade in ${ownWords} and in ${mirrorWords} (mirror).`, pairRefsOf(p.series, ["exports", "imports", "mirror.exports", "mirror.imports"])),
      ".",
    ),
  };
}

function collapse(ctx: SectionContext): Candidate | undefined {
  const g = ctx.profile.growth;
  if (!g) return undefined;
  const last = g.entity_changes.filter((y) => y <= g.to_year).pop() ?? -Infinity;
  const years = ctx.profile.series.filter((y) => y.total !== null && y.year < g.to_year && y.year >= g.to_year - THRESHOLDS.collapsePeakYears && y.year >= last && y.year >= g.from_year);
  const peak = [...years].sort((x, y) => y.total! - x.total! || x.year - y.year)[0];
  if (!peak || g.to_value > (1 - THRESHOLDS.collapseFromPeak) * peak.total!) return undefined;
  const fall = 1 - g.to_value / peak.total!;
  return {
    rule: "headline.collapse",
    headline: `Trade between ${ctx.a} and ${ctx.b} has fallen ${pct(fall, 0)} since its ${peak.year} peak`,
    sentence: say(
      "headline.collapse",
      `Trade between ${ctx.a} and ${ctx.b} fell from ${usd(peak.total)} in ${peak.year} to ${usd(g.to_value)} in ${g.to_year}, ${pct(fall, 0)} below that peak`,
      ctx.notes.add(`Total trade in ${peak.year} and ${g.to_year}, ${ctx.reports.a}.`, g.sources, g.formula),
      ".",
    ),
  };
}

function largestPartner(ctx: SectionContext, still = ""): Candidate | undefined {
  const pos = ctx.profile.position;
  const inA = pos?.in_a?.total.rank === 1;
  const inB = pos?.in_b?.total.rank === 1;
  if (!inA && !inB) return undefined;
  const headline = inA && inB ? `${ctx.a} and ${ctx.b} are ${still ? "still " : ""}each other's largest trading partners` : inA ? `${ctx.b} is ${still}${ctx.a}'s largest trading partner` : `${ctx.a} is ${still}${ctx.b}'s largest trading partner`;
  return { rule: "headline.rank", headline };
}

/** Rule 1 with rule 2: a collapse does not hide that the partner is still a side's largest ("…, yet Brazil is still Argentina's largest trading partner"). */
function collapseAndRank(ctx: SectionContext): Candidate | undefined {
  const fall = collapse(ctx);
  const rank = fall && largestPartner(ctx, "still ");
  return fall && rank ? { ...fall, headline: `${fall.headline}, yet ${rank.headline}` } : fall;
}

/**
 * Rule 2 with rule 3: being a side's largest partner is the fact, and a fold with a meaningful
 * base is how it came about ("China is Brazil's largest trading partner: trade grew 44-fold in two
 * decades"); saying only the rank hid the growth of Brazil–China, Australia–China, Mexico–United States.
 */
function rankAndFold(ctx: SectionContext): Candidate | undefined {
  const rank = largestPartner(ctx);
  const grew = rank && foldFinding(ctx);
  // The rank is the fact and the fold how it came about; the comparison with the world is the
  // lead's (with it the headline ran to 125 characters: "…: trade grew 45-fold in two decades, faster than either side's trade with the world").
  const how = grew?.headline.replace(OUTGREW_BOTH, "");
  return rank && grew && how ? { ...grew, rule: "headline.rank", headline: `${rank.headline}: ${how.charAt(0).toLowerCase()}${how.slice(1)}` } : rank;
}

type StandardWindowOf = NonNullable<NonNullable<SectionContext["profile"]["growth"]>["windows"]>["standard"][number];

/**
 * The last ten years when they are small against the fold's window: a long-run multiple can hide a
 * stalled decade (Chile–Peru grew 21 times over 1990–2020 but fell 13 % over 2010–2020). Stalled =
 * the decade's average log growth below `stalledDecadeRate` of the window's.
 */
export function stalledDecade(ctx: SectionContext, chosen: { multiple: number; from: number; to: number }): StandardWindowOf | undefined {
  if (chosen.to - chosen.from <= 10) return undefined;
  const w = ctx.profile.growth?.windows?.standard.find((x) => x.years === 10 && x.meaningful && x.to_year === chosen.to && x.multiple !== undefined && x.multiple > 0);
  if (!w) return undefined;
  const rate = Math.log(w.multiple!) / w.years;
  const longRate = Math.log(chosen.multiple) / (chosen.to - chosen.from);
  return rate < THRESHOLDS.stalledDecadeRate * longRate ? w : undefined;
}

/** "grew only 49 %", "fell 13 %", "was about flat (−0.4 %)": the decade's change, as the report says changes; `short` after "grew 37-fold …, but" ("only 49 %"). */
function decadeWords(multiple: number, short = false): string {
  return changeInWords(multiple).replace(/^grew /, short ? "only " : "grew only ");
}

/** One side's verdict: the pair grew faster (or more slowly) than that side's trade with the World. */
interface SideVerdict {
  name: string;
  faster: boolean;
  multiple: number;
}

/**
 * The pair against each side's trade with the World over the same window, each side from its own
 * reports: faster on a side when the pair's multiple exceeds that side's and the pair's share of
 * that side's trade rose (so the side's own figures agree); slower when both say the opposite; no
 * verdict when they disagree or the side's own multiple fails the growth-window rule.
 */
export function againstWorld(ctx: SectionContext, chosen: { multiple: number; from: number; to: number }): SideVerdict[] {
  const w = ctx.profile.growth?.windows?.standard.find((x) => x.from_year === chosen.from && x.to_year === chosen.to);
  const minFraction = ctx.profile.growth?.windows?.min_base_fraction ?? 0;
  const sides = [
    { c: w?.share_of_a, name: ctx.a },
    { c: w?.share_of_b, name: ctx.b },
  ];
  return sides.flatMap(({ c, name }): SideVerdict[] => {
    // A side's own growth obeys the growth-window rule too: Vietnam's trade with the World grew 100 times over 1990–2020 from a base of 1 %.
    if (c?.change === undefined || c.total_multiple === undefined || c.total_multiple * minFraction > 1) return [];
    if (c.change > 0 && chosen.multiple > c.total_multiple) return [{ name, faster: true, multiple: c.total_multiple }];
    if (c.change < 0 && chosen.multiple < c.total_multiple) return [{ name, faster: false, multiple: c.total_multiple }];
    return [];
  });
}

/** ", faster than either side's trade with the world (Egypt's grew 7.4 times, Saudi Arabia's 4.6 times)"; one side alone when only its figures give a verdict. */
function againstWorldClause(verdicts: SideVerdict[]): string {
  const bare = (m: number) => changeInWords(m).replace(/^grew /, "");
  const speed = (faster: boolean) => (faster ? "faster than" : "more slowly than");
  const [x, y] = verdicts;
  if (!x) return "";
  if (!y) return `, ${speed(x.faster)} ${x.name}'s trade with the world (${bare(x.multiple)})`;
  if (x.faster === y.faster) return `, ${speed(x.faster)} either side's trade with the world (${x.name}'s ${changeInWords(x.multiple)}, ${y.name}'s ${bare(y.multiple)})`;
  const [f, sl] = x.faster ? [x, y] : [y, x];
  return `, faster than ${f.name}'s trade with the world (${bare(f.multiple)}) but more slowly than ${sl.name}'s (${bare(sl.multiple)})`;
}

/** The fold headline's tail when the pair outgrew both sides' trade with the World. */
const OUTGREW_BOTH = ", faster than either side's trade with the world";

function foldFinding(ctx: SectionContext): Candidate | undefined {
  const p = ctx.profile;
  const g = p.growth;
  if (!g) return undefined;
  const minFraction = g.windows?.min_base_fraction ?? 0;
  const span = g.published_span;
  const spanOk = span && span.multiple !== undefined && span.from_value >= minFraction * span.to_value && span.to_year - span.from_year <= THRESHOLDS.headlineFoldMaxYears;
  const standard = [...(g.windows?.standard ?? [])].filter((w) => w.meaningful && w.years <= THRESHOLDS.headlineFoldMaxYears).sort((x, y) => y.years - x.years)[0];
  const chosen = spanOk ? { multiple: span.multiple!, from: span.from_year, to: span.to_year } : standard?.multiple !== undefined ? { multiple: standard.multiple, from: standard.from_year, to: standard.to_year } : undefined;
  if (!chosen || chosen.multiple < THRESHOLDS.headlineMultiple) return undefined;
  const tourists = p.people?.published_span;
  const sameFold = spanOk && tourists?.multiple !== undefined && Math.abs(tourists.multiple / chosen.multiple - 1) <= THRESHOLDS.sameFoldTolerance;
  const years = chosen.to - chosen.from;
  const stalled = stalledDecade(ctx, chosen);
  // A published starting point is another source than the World totals: no comparison across them.
  const world = spanOk ? [] : againstWorld(ctx, chosen);
  const outgrewBoth = world.length === 2 && world.every((v) => v.faster);
  const mixedWorld = world.length === 2 && world[0]!.faster !== world[1]!.faster;
  const subject = sameFold ? "Trade and tourist numbers" : "Trade";
  const tail = stalled ? `, but ${decadeWords(stalled.multiple!, true)} in the last ten years` : outgrewBoth ? OUTGREW_BOTH : "";
  return {
    rule: "headline.fold",
    headline: `${subject} grew ${fold(chosen.multiple)} in ${spanInWords(years)}${tail}`,
    sentence: say(
      "headline.fold",
      `Trade between ${ctx.a} and ${ctx.b} grew ${times(chosen.multiple)} between ${chosen.from}${entitiesClause(ctx.profile, chosen.from, ctx.a, ctx.b)} and ${chosen.to}`,
      ctx.notes.add(spanOk ? span.note : `Growth over ${chosen.from}–${chosen.to}${erasAside(ctx.profile, chosen.from, chosen.to)}, ${ctx.reports.a}.`, spanOk ? [span.from_source, ...span.to_source] : g.sources, spanOk ? span.formula : g.windows!.formula),
      // The World totals are each side's own reports, another source than the pair's figures: their own note.
      ...(world.length ? [againstWorldClause(world), ctx.notes.add(`Each side's trade with the World, ${chosen.from} and ${chosen.to}, from its own reports; the pair's share of it rose (faster) or fell (more slowly) on that side's figures too.`, worldSources(ctx), g.windows!.formula)] : []),
      sameFold ? `, and the number of tourists ${times(tourists!.multiple)} (${tourists!.from_year}–${tourists!.to_year})` : "",
      ...(sameFold ? [ctx.notes.add("Published point figures for tourists, both directions.", tourists!.sources)] : []),
      // After "faster than one side's … but more slowly than the other's", a second "but" would read badly: a new clause.
      stalled ? (mixedWorld ? `; over the last ten years (${stalled.from_year}–${stalled.to_year}) it ${decadeWords(stalled.multiple!)}` : `, but it ${decadeWords(stalled.multiple!)} over the last ten years (${stalled.from_year}–${stalled.to_year})`) : "",
      ".",
    ),
  };
}

/** Each side's own reports (its trade with the World). */
function worldSources(ctx: SectionContext) {
  return [...(ctx.profile.position?.in_a?.sources ?? []), ...(ctx.profile.position?.in_b?.sources ?? [])];
}

function shareShift(ctx: SectionContext): Candidate | undefined {
  const w = comparisonWindow(ctx);
  if (!w) return undefined;
  const decade = ctx.profile.growth?.windows?.standard.find((x) => x.years === 10 && x.to_year === w.to_year && w.years > 10);
  const sides = [
    { c: w.share_of_a, mid: decade?.share_of_a, partner: ctx.b, side: ctx.a },
    { c: w.share_of_b, mid: decade?.share_of_b, partner: ctx.a, side: ctx.b },
  ].filter((s) => s.c?.change !== undefined && Math.abs(s.c.change) >= THRESHOLDS.headlineShareShift);
  const best = sides.sort((x, y) => Math.abs(y.c!.change!) - Math.abs(x.c!.change!))[0];
  if (!best) return undefined;
  const c = best.c!;
  const up = c.change! > 0;
  // The share ten years before the end: a twenty-year rise that turned in the last decade (by at
  // least `shareTurnedPp`) is said, as a fold's stalled decade is.
  const m = best.mid?.from_share;
  const turned = m !== undefined && best.mid?.change !== undefined && (up ? -best.mid.change : best.mid.change) >= THRESHOLDS.shareTurnedPp;
  const path = m === undefined ? `to ${pct(c.to_share)} in ${w.to_year}` : turned ? `to ${pct(m)} in ${decade!.from_year}, then ${up ? "fell back" : "recovered"} to ${pct(c.to_share)} in ${w.to_year}` : `to ${pct(m)} in ${decade!.from_year} and ${pct(c.to_share)} in ${w.to_year}`;
  // The lead's own sentence on the side that moved, with the years and that side's trade with the
  // World; the volume section gives both sides (the same note), so neither repeats the other.
  const sentence = say(
    "headline.share",
    `${best.partner}'s share of ${best.side}'s trade ${up ? "rose" : "fell"} from ${pct(c.from_share)} in ${w.from_year} ${path}${erasAside(ctx.profile, w.from_year, w.to_year)}, as ${best.side}'s trade with the world ${changeInWords(c.total_multiple)}`,
    shareShiftNote(ctx, w),
    ".",
  );
  const tail = turned ? `, though it ${up ? "fell" : "rose"} in the last ten years` : "";
  return { rule: "headline.share", sentence, headline: `${best.partner}'s share of ${best.side}'s trade ${up ? "rose" : "fell"} from ${pct(c.from_share)} to ${pct(c.to_share)} in ${spanInWords(w.years)}${tail}` };
}

function topRank(ctx: SectionContext): Candidate | undefined {
  const pos = ctx.profile.position;
  const sides = [
    { r: pos?.in_a?.total.rank, partner: ctx.b, side: ctx.a },
    { r: pos?.in_b?.total.rank, partner: ctx.a, side: ctx.b },
  ].filter((s): s is { r: number; partner: string; side: string } => s.r !== undefined && s.r <= THRESHOLDS.headlineTopRank);
  const best = sides.sort((x, y) => x.r - y.r)[0];
  return best ? { rule: "headline.top-rank", headline: `${best.partner} is ${best.side}'s ${rankInWords(best.r)} trading partner` } : undefined;
}

function streak(ctx: SectionContext): Candidate | undefined {
  const s = ctx.profile.balance?.streak;
  if (!s || s.years < THRESHOLDS.streakRiskYears) return undefined;
  // The lead gives the streak's length and sum in its own words (the balance section has the full sentence, with the same note).
  const cum = ctx.profile.balance?.cumulative;
  const sentence = say(
    "headline.streak",
    `${ctx.a} has ${s.sign === "surplus" ? "exported more to" : "imported more from"} ${ctx.b} than it ${s.sign === "surplus" ? "imported" : "exported"} in each of the ${s.years} years ${yearSpan(s.since, s.through)}${erasAside(ctx.profile, s.since, s.through)}${cum ? `, a ${s.sign} of ${usd(Math.abs(cum.value))} in all` : ""}`,
    streakNote(ctx, s),
    ".",
  );
  return { rule: "headline.streak", sentence, headline: `${ctx.a} has run a ${s.sign} with ${ctx.b} since ${s.since}${erasAside(ctx.profile, s.since, s.through)}` };
}

/**
 * The lead's one judgement on risks: the gravest (in {@link byGravity}'s order, the Risks section's)
 * with its figure and the Risks section's footnote, the others by name. The Risks section states
 * each in full; the lead summarises, it does not print those sentences again.
 */
function riskSummary(risks: Risk[]): Sentence | undefined {
  const [main, ...others] = byGravity(risks);
  if (!main) return undefined;
  const note = main.sentence.parts.find((p): p is { fn: number } => "fn" in p);
  return say(
    "lead.risks",
    `The main risk, graded ${main.level}, is ${main.brief}`,
    ...(note ? [note] : []),
    others.length ? `; the Risks section also grades ${listInWords(joinedRises(others.map((r) => r.name)))}.` : ".",
  );
}

/**
 * Risks named "X's rise in M" for the same market M said once: "the rise of China and Mexico in
 * the United States' imports", not "China's rise in the United States' imports and Mexico's rise
 * in the United States' imports". Other names are kept, in order.
 */
export function joinedRises(names: readonly string[]): string[] {
  const rise = /^(.+)'s rise in (.+)$/;
  const byMarket = new Map<string, string[]>();
  for (const n of names) {
    const m = rise.exec(n);
    if (m) byMarket.set(m[2]!, [...(byMarket.get(m[2]!) ?? []), m[1]!]);
  }
  const out: string[] = [];
  const said = new Set<string>();
  for (const n of names) {
    const m = rise.exec(n);
    const rivals = m ? byMarket.get(m[2]!)! : [];
    if (!m || rivals.length < 2) out.push(n);
    else if (!said.has(m[2]!)) {
      said.add(m[2]!);
      out.push(`the rise of ${listInWords(rivals)} in ${m[2]}`);
    }
  }
  return out;
}

export function headlineAndLead(ctx: SectionContext, risks: Risk[]): { headline: string; lead: Paragraph; headlineRule?: string } {
  const { profile: p, a, b } = ctx;
  const chosen = [oneDirection, collapseAndRank, rankAndFold, foldFinding, shareShift, topRank, streak].map((rule) => rule(ctx)).find((c) => c !== undefined);
  const headline = chosen?.headline ?? (p.growth ? `${a} and ${b}: trade, balance and risks` : `${a} and ${b}: what the loaded data can and cannot say`);
  const sentences: Sentence[] = [];
  if (chosen?.sentence) sentences.push(chosen.sentence);
  const position = positionLeadSentence(ctx);
  if (position) sentences.push(position);
  const summary = riskSummary(risks);
  if (summary) sentences.push(summary);
  if (!sentences.length && p.missing.length) sentences.push({ parts: [{ text: `The loaded data is thin for this pair: ${p.missing.length} kinds of figures are missing (listed at the end).` }], rule: "user-context" });
  return { headline, lead: { sentences }, ...(chosen ? { headlineRule: chosen.rule } : {}) };
}
