/** Trade volume and growth; the balance. */
import { CountryRegistry } from "../../reference/countries.js";
import type { BalanceStreak } from "../../indicators/index.js";
import type { Section, Sentence } from "../document.js";
import { balanceSpec, tradeVolumeSpec } from "../charts/index.js";
import { changeInWords, pct, signedPct, times, usd, yearSpan } from "../format.js";
import { THRESHOLDS, datasetsInWords, decadeName, say, spanInWords } from "../narrative.js";
import { entitiesClause, entityInYear, erasAside, erasLabel, erasSemi, erasSubtitle } from "../entities.js";
import type { SectionContext } from "./context.js";
import { chartMilestones } from "./milestones.js";
import { positionSentences, standardWindowSentences } from "./position.js";

export function volumeSection(ctx: SectionContext): Section | undefined {
  const { profile: p, notes, a, b } = ctx;
  const g = p.growth;
  if (!g) return undefined;
  const sentences: Sentence[] = [...positionSentences(ctx)];
  const partnerIn = (year: number) => p.series.find((y) => y.year === year)?.entity_b ?? b;
  // Named as the sides were that year (Romania's exports to Yugoslavia in 1980, not to Serbia and Montenegro).
  const totalNote = (year: number) => {
    const [ay, by] = [entityInYear(p, "a", year, a), partnerIn(year)];
    return notes.add(`Total trade in ${year}: ${ay}'s exports (FOB) to ${by} plus its imports (CIF) from ${by}, ${ay === a ? ctx.reports.aThem : `as ${ay} reports them`}.`, g.sources, "total = exports FOB + imports CIF");
  };

  const span = g.published_span;
  if (span) {
    const startNote = notes.add(
      `${span.from_source.publisher ?? span.from_source.dataset}: bilateral trade of ${usd(span.from_value)} in ${span.from_year} (published figure, trade with ${CountryRegistry.load().displayName(span.from_source.entity)}).`,
      [span.from_source],
    );
    sentences.push(
      say(
        "growth.published-span",
        `Bilateral trade rose from ${usd(span.from_value)} in ${span.from_year}`,
        startNote,
        ` to ${usd(span.to_value)} in ${span.to_year}`,
        totalNote(span.to_year),
        `, ${times(span.multiple)} over ${spanInWords(span.to_year - span.from_year)} (${pct(span.cagr)} a year). The ${span.from_year} figure is a published point and ${span.to_year} comes from the statistics, so read the multiple as an order of magnitude`,
        notes.add(span.note, [span.from_source, ...span.to_source], span.formula),
        ".",
      ),
    );
  }
  const lr = g.windows?.long_run;
  if (lr) {
    const entityStart = g.entity_changes.filter((y) => y <= lr.from_year).pop();
    const why = [
      erasLabel(p, lr.from_year, lr.to_year),
      lr.moved
        ? `earlier years are left out: trade then was below ${pct(g.windows!.min_base_fraction, 0)} of its ${lr.to_year} level, too small a base for a multiple`
        : entityStart !== undefined && entityStart === lr.from_year
          ? `from the first year of trade with ${partnerIn(lr.from_year)}`
          : "",
    ].filter(Boolean);
    sentences.push(
      say(
        "growth.long-run",
        `${span ? `In ${datasetsInWords(g.sources)} data alone, trade` : "Bilateral trade"} ${changeInWords(lr.multiple)} from ${usd(lr.from_value)} in ${lr.from_year}${erasLabel(p, lr.from_year, lr.to_year) ? "" : entitiesClause(p, lr.from_year, a, b)} to ${usd(lr.to_value)} in ${lr.to_year}, ${pct(lr.cagr)} a year on average${why.length ? ` (${why.join("; ")})` : ""}`,
        notes.add(`Growth over ${lr.from_year}–${lr.to_year}${erasAside(p, lr.from_year, lr.to_year)}, ${ctx.reports.a}; ${g.windows!.rule}.`, g.sources, g.windows!.formula),
        ".",
      ),
    );
  }
  sentences.push(...standardWindowSentences(ctx));
  const last = p.series[p.series.length - 1];
  if (g.record_high.year === g.to_year) {
    sentences.push(say("growth.record", `${g.to_year} was a record high`, totalNote(g.to_year), "."));
  } else {
    sentences.push(say("growth.record", `The record so far is ${usd(g.record_high.value)} in ${g.record_high.year}`, totalNote(g.record_high.year), "."));
  }
  for (const c of g.published_checks) {
    sentences.push(
      say(
        "growth.published-check",
        `${c.publisher ?? "A publisher"} puts ${c.year} at ${usd(c.published_value)}, within ${pct(Math.abs(c.difference_ratio), 2)} of the statistics`,
        notes.add(`Published check: ${c.publisher ?? c.source.dataset} gives ${usd(c.published_value)} for ${c.year}; the statistics give ${usd(c.our_value)}.`, [c.source, ...g.sources], "difference = ours / published − 1"),
        ".",
      ),
    );
  }
  if (last && last.year > g.to_year && last.total !== null) {
    const change = last.total / g.to_value - 1;
    sentences.push(say("growth.after-reference", `In ${last.year} trade ${change < 0 ? "fell" : "rose"} ${signedPct(change).replace(/^[+−]/, "")} to ${usd(last.total)}`, totalNote(last.year), "."));
  }
  // Decade rates obey the growth-window rule too: one partner entity, a base of at least the rule's fraction of the decade's end.
  const lastChange = Math.max(-Infinity, ...g.entity_changes);
  const minFraction = g.windows?.min_base_fraction ?? 0;
  const decades = g.decades.filter((d) => d.observations >= 5 && d.cagr !== undefined && d.firstYear >= lastChange && Math.pow(1 + d.cagr, d.lastYear - d.firstYear) * minFraction <= 1);
  if (decades.length >= 2) {
    const fastest = [...decades].sort((x, y) => y.cagr! - x.cagr!)[0]!;
    const slowest = [...decades].sort((x, y) => x.cagr! - y.cagr!)[0]!;
    sentences.push(
      say(
        "growth.decades",
        `Growth was fastest in the ${decadeName(fastest.decade)} (${pct(fastest.cagr)} a year, ${fastest.firstYear}–${fastest.lastYear}) and slowest in the ${decadeName(slowest.decade)} (${pct(slowest.cagr)}, ${slowest.firstYear}–${slowest.lastYear})`,
        notes.add("Compound annual growth within each decade, first to last observed year.", g.sources, "CAGR = (last / first)^(1/(years)) − 1"),
        ".",
      ),
    );
  }
  const chartYears = p.series.filter((y) => y.year >= (span?.from_year ?? g.from_year));
  return {
    id: "volume",
    title: "Trade volume and growth",
    paragraphs: [{ sentences }],
    charts: [
      {
        id: "trade-volume",
        title: `${a}'s trade with ${b}`,
        spec: tradeVolumeSpec({
          title: `${a}'s trade with ${b}`,
          subtitle: `${ctx.reports.a} (${datasetsInWords(g.sources)}): exports FOB, imports CIF${erasSubtitle(p, chartYears[0]?.year ?? g.from_year, chartYears[chartYears.length - 1]?.year ?? g.to_year)}`,
          years: chartYears.map((y) => ({ year: y.year, exportsUsd: y.exports, importsUsd: y.imports, totalUsd: y.total })),
          milestones: chartMilestones(ctx.milestones),
          aLabel: a,
          bLabel: b,
        }) as unknown as Record<string, unknown>,
        caption: [{ text: `Exports, imports and total ${ctx.reports.aThem}; vertical rules mark milestones.` }, notes.add(`${a}'s exports FOB and imports CIF with ${b}, by year.`, g.sources)],
      },
    ],
    tables: [],
    items: [],
  };
}

/**
 * The balance when its latest sign is too recent for a streak: a long run that has just turned
 * (Germany's surplus with Poland, 1993–2019, became a deficit in 2020) is the news; otherwise how
 * often each sign came up over the last ten years.
 */
function shortRunSentences(ctx: SectionContext, s: BalanceStreak): Sentence[] {
  const { profile: p, notes, a, b } = ctx;
  const bal = p.balance!;
  const note = () => notes.add(`Balance by year, ${ctx.reports.a}.`, bal.sources, bal.formula);
  const latest = bal.years.find((y) => y.year === s.through);
  const prev = bal.streaks.find((x) => x.through === s.since - 1 && x.sign !== s.sign);
  if (latest && prev && prev.years >= THRESHOLDS.streakSentenceYears) {
    const ofPrev = bal.years.filter((y) => y.year >= prev.since && y.year <= prev.through);
    const extreme = [...ofPrev].sort((x, y) => (prev.sign === "deficit" ? x.value - y.value : y.value - x.value))[0]!;
    return [
      say(
        "balance.turned",
        `${a} ran a ${prev.sign} with ${b} every year in ${yearSpan(prev.since, prev.through)} (largest in ${extreme.year}, at ${usd(Math.abs(extreme.value))}); it turned into a ${s.sign} in ${s.since}${s.years > 1 ? `, ${usd(Math.abs(latest.value))} in ${s.through}` : `, of ${usd(Math.abs(latest.value))}`}`,
        note(),
        ".",
      ),
    ];
  }
  const recent = bal.years.filter((y) => y.year > s.through - 10 && y.year <= s.through);
  if (recent.length < 3) return [];
  const span = yearSpan(recent[0]!.year, recent[recent.length - 1]!.year);
  const surplusYears = recent.filter((y) => y.value > 0).length;
  const deficitYears = recent.filter((y) => y.value < 0).length;
  const net = recent.reduce((sum, y) => sum + y.value, 0);
  const netText = `a net ${net >= 0 ? "surplus" : "deficit"} of ${usd(Math.abs(net))}`;
  const ofYears = recent.length === s.through - recent[0]!.year + 1 ? `${recent.length} years` : `${recent.length} years with data`;
  const text =
    surplusYears === 0 || deficitYears === 0
      ? `${a} had a ${surplusYears ? "surplus" : "deficit"} with ${b} in each of the ${ofYears} in ${span} (gaps in the data break the run), ${netText}`
      : `Over ${span} ${a} had ${surplusYears >= deficitYears ? `a surplus with ${b} in ${surplusYears} and a deficit in ${deficitYears}` : `a deficit with ${b} in ${deficitYears} and a surplus in ${surplusYears}`} of ${ofYears}, ${netText}; in ${s.through} the balance was a ${s.sign} of ${usd(Math.abs(recent[recent.length - 1]!.value))}`;
  return [say("balance.mixed", text, note(), ".")];
}

/** The footnote of a balance streak and its cumulative balance: one note wherever the streak is stated. */
export function streakNote(ctx: SectionContext, s: BalanceStreak) {
  const bal = ctx.profile.balance!;
  return ctx.notes.add(`Balance = ${ctx.a}'s exports FOB − imports CIF, ${ctx.reports.a}, ${yearSpan(s.since, s.through)}${erasAside(ctx.profile, s.since, s.through)}; cumulative = sum over those years.`, bal.sources, bal.formula);
}

export function balanceSection(ctx: SectionContext): Section | undefined {
  const { profile: p, notes, a, b } = ctx;
  const bal = p.balance;
  if (!bal) return undefined;
  const sentences: Sentence[] = [];
  const s = bal.streak;
  if (s && s.years >= THRESHOLDS.streakSentenceYears) {
    const word = s.sign === "deficit" ? "deficit" : "surplus";
    sentences.push(
      say(
        "balance.streak",
        `${a} has run a ${word} with ${b} every year since ${s.since} (${s.years} years through ${s.through}${erasSemi(p, s.since, s.through)}${s.since === p.period?.from ? `; ${s.since} is the first year covered, so it may have begun earlier` : ""}), ${usd(Math.abs(bal.cumulative!.value))} in all`,
        streakNote(ctx, s),
        ".",
      ),
    );
    const ofSign = bal.years.filter((y) => y.year >= s.since && y.year <= s.through);
    const extreme = [...ofSign].sort((x, y) => (s.sign === "deficit" ? x.value - y.value : y.value - x.value))[0]!;
    sentences.push(say("balance.extreme", `The ${word} was largest in ${extreme.year}${entitiesClause(p, extreme.year, a, b)}, at ${usd(Math.abs(extreme.value))}`, notes.add(`Balance in ${extreme.year}, ${ctx.reports.a}.`, bal.sources, bal.formula), "."));
    const prev = bal.streaks.filter((x) => x.through === s.since - 1 && x.sign !== s.sign)[0];
    if (prev) sentences.push(say("balance.previous", `Before that, ${a} had a ${prev.sign} in ${yearSpan(prev.since, prev.through)}${erasAside(p, prev.since, prev.through) || entitiesClause(p, prev.since, a, b)}`, notes.add(`Balance by year, ${ctx.reports.a}.`, bal.sources, bal.formula), "."));
  } else if (s) sentences.push(...shortRunSentences(ctx, s));
  return {
    id: "balance",
    title: "Trade balance",
    paragraphs: sentences.length ? [{ sentences }] : [],
    charts: [
      {
        id: "balance",
        title: `${a}'s balance with ${b}`,
        spec: balanceSpec({ title: `${a}'s trade balance with ${b}`, subtitle: `exports FOB − imports CIF${erasSubtitle(p, p.growth?.published_span?.from_year ?? p.growth?.from_year ?? 0, Infinity)}`, years: bal.years.filter((y) => y.year >= (p.growth?.published_span?.from_year ?? p.growth?.from_year ?? 0)).map((y) => ({ year: y.year, balanceUsd: y.value })) }) as unknown as Record<string, unknown>,
        caption: [{ text: `Surplus above zero, deficit below; figures ${ctx.reports.aThem}.` }, notes.add(`Balance = ${a}'s exports FOB − imports CIF, ${ctx.reports.a}.`, bal.sources, bal.formula)],
      },
    ],
    tables: [],
    items: [],
  };
}
