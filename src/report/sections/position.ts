/**
 * Sentences on the partner's place in each side's trade (rank and share) and on the pair's growth
 * over the standard windows against each side's total trade. The lead states the ranks in one
 * sentence and the volume section in full, with the same figures and footnotes.
 * @module
 */
import type { PartnerRank } from "../../indicators/index.js";
import type { PositionSide } from "../../profile/types.js";
import type { Sentence } from "../document.js";
import { changeInWords, pct } from "../format.js";
import { listInWords, say, spanInWords } from "../narrative.js";
import type { SectionContext } from "./context.js";
import { erasAside, erasSemi } from "../entities.js";

const ORDINALS = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

/** "first", "second", … "23rd". */
export function ordinal(n: number): string {
  if (n < ORDINALS.length) return ORDINALS[n]!;
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : n % 10 === 1 ? "st" : n % 10 === 2 ? "nd" : n % 10 === 3 ? "rd" : "th";
  return `${n}${suffix}`;
}

/** "largest", "second-largest", … "23rd-largest". */
export function rankInWords(rank: number): string {
  return rank === 1 ? "largest" : `${ordinal(rank)}-largest`;
}

function sinceWords(ctx: SectionContext, r: PartnerRank & { partner_in_since_year: string }, partnerName: string): string {
  if (r.since === r.year) return r.previous_rank !== undefined ? `, ${r.previous_rank > r.rank ? "up" : "down"} from ${ordinal(r.previous_rank)} in ${r.year - 1}` : "";
  const named = r.partner_in_since_year !== partnerName ? ` (counting ${r.partner_in_since_year} in its years)` : erasAside(ctx.profile, r.since, r.year);
  return r.previous_rank === undefined ? `, a position held in every year since ${r.since}, the first year covered${named}` : `, a position held since ${r.since}${named}`;
}

/** The footnote of one side's rank and share, the same wherever the figure is stated. */
function sideNote(ctx: SectionContext, side: PositionSide, reporterName: string) {
  const whose = reporterName === ctx.a ? ctx.reports.a : reporterName === ctx.b ? ctx.reports.b : `${reporterName}'s reports`;
  return ctx.notes.add(`${whose} of its trade with each partner in ${side.total.year} (countries ranked; aggregates, the World row and unallocated areas excluded); share of ${reporterName}'s reported trade with the World.`, side.sources, side.formula);
}

/** "China is Japan's largest trading partner: 24.0 % of Japan's trade in 2020, a position held since 2007." */
function sideSentence(ctx: SectionContext, side: PositionSide, reporterName: string, partnerName: string): Sentence {
  const t = side.total;
  const parts = [
    `${partnerName} is ${reporterName}'s ${rankInWords(t.rank)} trading partner: ${pct(t.share)} of ${reporterName}'s trade (exports plus imports) in ${t.year}${sinceWords(ctx, t, partnerName)}`,
  ];
  const differing = [side.exports, side.imports].filter((r): r is NonNullable<typeof r> => r !== undefined && r.rank !== t.rank);
  if (differing.length) {
    parts.push(
      `; on ${differing.map((r) => `${r.measure === "exports" ? `${reporterName}'s exports` : `${reporterName}'s imports`} it ranks ${ordinal(r.rank)} (${pct(r.share)})`).join(" and on ")}`,
    );
  }
  return say("position.rank", ...parts, sideNote(ctx, side, reporterName), ".");
}

/**
 * The lead's one sentence on both ranks, with the same figures and footnotes as the volume
 * section's two (which add since when and the export/import ranks): "Poland is Germany's
 * fifth-largest trading partner (5.9 % of Germany's trade in 2020), and Germany is Poland's
 * largest (28.3 %)."
 */
export function positionLeadSentence(ctx: SectionContext): Sentence | undefined {
  const pos = ctx.profile.position;
  if (!pos) return undefined;
  const { a, b } = ctx;
  if (pos.in_a && pos.in_b) {
    const [ta, tb] = [pos.in_a.total, pos.in_b.total];
    return say(
      "position.rank",
      `${b} is ${a}'s ${rankInWords(ta.rank)} trading partner (${pct(ta.share)} of ${a}'s trade in ${ta.year})`,
      sideNote(ctx, pos.in_a, a),
      `, and ${a} is ${b}'s ${rankInWords(tb.rank)} (${pct(tb.share)}${tb.year !== ta.year ? ` in ${tb.year}` : ""})`,
      sideNote(ctx, pos.in_b, b),
      ".",
    );
  }
  const [side, reporter, partner] = pos.in_a ? [pos.in_a, a, b] : pos.in_b ? [pos.in_b, b, a] : [];
  if (!side) return undefined;
  return say("position.rank", `${partner} is ${reporter}'s ${rankInWords(side.total.rank)} trading partner (${pct(side.total.share)} of ${reporter}'s trade in ${side.total.year})`, sideNote(ctx, side, reporter!), ".");
}

/** Up to two sentences: B in A's trade, A in B's trade; each from that side's own reports. */
export function positionSentences(ctx: SectionContext): Sentence[] {
  const pos = ctx.profile.position;
  if (!pos) return [];
  const out: Sentence[] = [];
  if (pos.in_a) out.push(sideSentence(ctx, pos.in_a, ctx.a, ctx.b));
  if (pos.in_b) out.push(sideSentence(ctx, pos.in_b, ctx.b, ctx.a));
  return out;
}

/** The footnote of the pair's shares of each side's trade over a window: one note wherever they are stated. */
export function shareShiftNote(ctx: SectionContext, w: { from_year: number; to_year: number }) {
  const g = ctx.profile.growth!;
  const sources = [...g.sources, ...(ctx.profile.position?.in_a?.sources ?? []), ...(ctx.profile.position?.in_b?.sources ?? [])];
  return ctx.notes.add(`Share of each side's trade with the World, each side's own reports, ${w.from_year} and ${w.to_year}.`, sources, g.windows!.formula);
}

/** The standard window used for share comparisons: 20 years when available, else the longest one. */
export function comparisonWindow(ctx: SectionContext) {
  const ws = ctx.profile.growth?.windows?.standard ?? [];
  return ws.find((w) => w.years === 20) ?? ws[ws.length - 1];
}

/**
 * "Over 2000–2020 (two decades) trade grew 3.6 times (6.6 % a year); China's share of Japan's trade
 * rose from 10.0 % to 24.0 % while Japan's trade with the world grew 1.5 times; …"
 */
export function standardWindowSentences(ctx: SectionContext): Sentence[] {
  const g = ctx.profile.growth;
  const ws = g?.windows?.standard ?? [];
  if (!g || !ws.length) return [];
  const { a, b, notes } = ctx;
  const out: Sentence[] = [];
  const stated = ws.filter((w) => w.meaningful);
  if (stated.length) {
    const words = ["", "one decade", "two decades", "three decades"];
    out.push(
      say(
        "growth.standard-windows",
        `Measured over standard windows ending in ${g.to_year}, trade ${listInWords(stated.map((w) => `${changeInWords(w.multiple!)} over ${words[w.years / 10] ?? `${w.years} years`} (since ${w.from_year}${w.multiple! >= 2 ? `, ${pct(w.cagr)} a year` : ""})`))}${erasSemi(ctx.profile, Math.min(...stated.map((w) => w.from_year)), g.to_year)}`,
        notes.add(`Standard windows ending in ${g.to_year}, ${ctx.reports.a}; a window is stated only when its base passes the growth-window rule.`, g.sources, g.windows!.formula),
        ".",
      ),
    );
  }
  const w = comparisonWindow(ctx);
  if (w && (w.share_of_a?.change !== undefined || w.share_of_b?.change !== undefined)) {
    const clause = (c: typeof w.share_of_a, partner: string, side: string) =>
      c?.change !== undefined
        ? `${partner}'s share of ${side}'s trade ${Math.abs(c.change) < 0.0005 ? "held at" : c.change > 0 ? "rose from" : "fell from"} ${Math.abs(c.change) < 0.0005 ? pct(c.to_share) : `${pct(c.from_share)} to ${pct(c.to_share)}`} (${side}'s trade with the world ${changeInWords(c.total_multiple)}, as ${side} reports it)`
        : undefined;
    const clauses = [clause(w.share_of_a, b, a), clause(w.share_of_b, a, b)].filter((x): x is string => x !== undefined);
    out.push(
      say(
        "growth.share-shift",
        `Over ${w.from_year}–${w.to_year} (${spanInWords(w.years)})${w.crosses_entity_change ? entityChangeAside(ctx.profile, w.from_year, w.to_year) : erasAside(ctx.profile, w.from_year, w.to_year)} ${clauses.join("; ")}`,
        shareShiftNote(ctx, w),
        ".",
      ),
    );
  }
  return out;
}

/**
 * ", across the change from Serbia and Montenegro to Serbia," for whichever side was another state
 * at the window's start than at its end (either side, or both); the eras otherwise. The side that
 * changed is read from the pair's years, not assumed to be the partner ("across the change from
 * Finland to Finland" was Serbia's change).
 */
function entityChangeAside(p: SectionContext["profile"], from: number, to: number): string {
  const start = p.series.find((y) => y.year === from);
  const end = p.series.find((y) => y.year === to);
  const changes = start && end ? [[start.entity_a, end.entity_a], [start.entity_b, end.entity_b]].filter(([x, y]) => x !== y).map(([x, y]) => `from ${x} to ${y}`) : [];
  return changes.length ? `, across the change ${changes.join(" and ")},` : erasAside(p, from, to);
}
