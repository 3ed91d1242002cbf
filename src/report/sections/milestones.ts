/** Milestones with their sources and growth before and after; the data table. */
import type { Milestone } from "../../indicators/index.js";
import type { SourceRef } from "../../profile/types.js";
import type { Section, Sentence } from "../document.js";
import { pct, printed, signedPct, usd } from "../format.js";
import { pairSourceRefs } from "../../profile/buildProfile.js";
import { datasetsInWords, RULES, say } from "../narrative.js";
import { dataQualitySentences } from "./quality.js";
import { entitiesClause } from "../entities.js";
import { agreementTypesIn, WTO_AGREEMENT_TYPES } from "../../milestones/labels.js";
import type { SectionContext } from "./context.js";

/** Milestones the trade-volume chart marks: agreements, accessions, state changes and the user's own, at most `max`, most recent first. */
export function chartMilestones(milestones: readonly Milestone[], max = 6): Array<{ year: number; label: string }> {
  const keep = milestones.filter((m) => !m.rule || m.rule === "agreement" || m.rule === "accession" || m.rule === "state-change");
  return keep
    .slice(-max)
    .map((m) => ({ year: m.year, label: m.shortLabel ?? m.label }));
}

/** A catalogue milestone's dataset rows as footnote sources. */
function milestoneSources(m: Pick<Milestone, "provenance">): SourceRef[] {
  return (m.provenance ?? []).map((p) => ({ dataset: p.dataset, vintage: p.vintage, file: p.file, source_id: `${p.file}#${p.row}`, side: "reference", detail: `data row ${p.row}, ${p.record}` }));
}

export function milestonesSection(ctx: SectionContext): Section | undefined {
  const { profile: p, notes, a, b } = ctx;
  const ev = p.events;
  if (!ev || (!ctx.milestones.length && !ctx.contextMilestones.length && !ev.catalogue)) return undefined;
  const items: Sentence[] = [];
  for (const m of [...ctx.milestones].sort((x, y) => (x.date ?? String(x.year)).localeCompare(y.date ?? String(y.year)) || x.label.localeCompare(y.label))) {
    const ba = ev.before_after.find((x) => x.eventYear === m.year && x.label === m.label);
    const hasBoth = ba && ba.meanGrowthBefore !== undefined && ba.meanGrowthAfter !== undefined;
    const rule = m.rule && RULES[`milestones.${m.rule}`] ? (`milestones.${m.rule}` as const) : "milestones.before-after";
    const sources = milestoneSources(m);
    items.push(
      say(
        rule,
        `${m.date ?? m.year} — ${m.label}`,
        ...(sources.length ? [notes.add(`Milestone: ${m.label} (${m.date ?? m.year}).`, sources)] : m.source ? [` (date: ${m.source})`] : []),
        ...(hasBoth
          ? [
              `: total trade changed by ${signedPct(ba!.meanGrowthBefore!)} a year on average in the ${years(ba!.nBefore)} before and ${signedPct(ba!.meanGrowthAfter!)} in the ${years(ba!.nAfter)} from ${m.year}`,
              notes.add(`Mean year-on-year growth of total trade (${ctx.reports.a}) in the ${ev.window_years} years before the milestone and from its year on.`, p.growth?.sources ?? [], "mean of growth(t) = total(t)/total(t−1) − 1 over each window"),
            ]
          : []),
        ".",
      ),
    );
  }
  for (const [when, list] of [[`Before ${p.period?.from}`, ctx.contextMilestones.filter((m) => p.period && m.year < p.period.from)], [`After ${p.period?.to}`, ctx.contextMilestones.filter((m) => p.period && m.year > p.period.to)]] as const) {
    if (!list.length) continue;
    const parts = list.flatMap((m, i) => {
      const sources = milestoneSources(m);
      return [`${i ? "; " : ""}${m.date ?? m.year} — ${m.label}`, ...(sources.length ? [notes.add(`Milestone: ${m.label} (${m.date ?? m.year}).`, sources)] : [])];
    });
    items.push(say("milestones.context", `${when}, outside the period covered, as context only: `, ...parts, "."));
  }
  for (const left of ev.catalogue?.not_shown ?? []) items.push(say("milestones.not-shown", `Also in the data: ${left.text}`, notes.add(`Milestone candidates not listed (rule ${left.rule}).`, milestoneSources(left)), "."));
  const sentences: Sentence[] = [say("milestones.before-after", `Milestones: ${ev.milestones_source}.`)];
  const types = [...new Set([...ctx.milestones, ...ctx.contextMilestones].flatMap((m) => agreementTypesIn(m.label)))];
  if (types.length) {
    const order = Object.keys(WTO_AGREEMENT_TYPES);
    const spelled = types.sort((x, y) => order.indexOf(x) - order.indexOf(y)).map((t) => `${t}, ${WTO_AGREEMENT_TYPES[t]}`);
    sentences.push(say("milestones.agreement-types", `Agreement types as the WTO RTA database abbreviates them: ${spelled.join("; ")}.`));
  }
  if (ev.catalogue?.no_agreement) sentences.push(say("milestones.no-agreement", `No trade agreement between ${a} and ${b} is in force, or has been, in the data (WTO RTA database, DESTA).`));
  return {
    id: "milestones",
    title: "Milestones",
    paragraphs: [{ sentences }],
    charts: [],
    tables: [],
    items,
  };
}

function years(n: number): string {
  return n === 1 ? "year" : `${n} years`;
}

export function dataSection(ctx: SectionContext): Section | undefined {
  const { profile: p, notes, a, b } = ctx;
  if (!p.series.length) return undefined;
  const first = p.growth?.published_span?.from_year ?? p.growth?.from_year ?? p.series[0]!.year;
  const rows = p.series.filter((y) => y.year >= first);
  // A true minus sign, as in the prose.
  const m = (v: number | null) => (v === null ? "–" : printed(v / 1e6, { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
  const tableSources = pairSourceRefs(rows, ["exports", "imports", "mirror.exports", "mirror.imports"]);
  const note = notes.add(`${ctx.reports.a} and, as mirror, ${ctx.reports.b} of the same flows (${datasetsInWords(tableSources)}); "e" marks an IMF estimate.`, tableSources);
  // An IMF estimate built from the partner's report is no independent second figure: compare only declared ones.
  const declared = (year: number) => p.series.some((y) => y.year === year && !y.estimated.imports && !y.estimated.mirror_imports);
  const mirrorLast = p.mirror?.years.filter((y) => y.imports_ratio !== undefined && declared(y.year)).slice(-1)[0];
  const quality = dataQualitySentences(ctx);
  return {
    id: "data",
    title: "The figures",
    paragraphs: [
      ...(quality.length ? [{ sentences: quality }] : []),
      ...(mirrorLast
      ? [
          {
            sentences: [
              say(
                "data.mirror-gap",
                `Both sides report the same trade differently: in ${mirrorLast.year}${entitiesClause(p, mirrorLast.year, a, b)} ${a}'s imports from ${b} were ${pct(Math.abs(mirrorLast.imports_ratio! - 1))} ${mirrorLast.imports_ratio! >= 1 ? "above" : "below"} ${b}'s reported exports to ${a} (a gap of ${usd(Math.abs(mirrorLast.imports_gap!))}; CIF/FOB-adjusted ${usd(Math.abs(mirrorLast.imports_adjusted_gap!))})`,
                notes.add(`Mirror comparison: ${a}'s imports CIF vs ${b}'s exports FOB to ${a}; adjusted gap divides CIF by ${p.mirror!.cif_fob_factor}.`, pairSourceRefs(p.series.filter((y) => y.year === mirrorLast.year), ["imports", "mirror.imports"]), p.mirror!.formula),
                ". This report uses each country's own reports and never mixes the two sides.",
              ),
            ],
          },
        ]
      : []),
    ],
    charts: [],
    tables: [
      {
        title: `${a}–${b} trade, million USD`,
        header: ["Year", `Partner`, "Exports", "Imports", "Total", "Balance", `Mirror exports`, `Mirror imports`],
        rows: rows.map((y) => [String(y.year), y.entity_b, m(y.exports) + (y.estimated.exports ? " e" : ""), m(y.imports) + (y.estimated.imports ? " e" : ""), m(y.total), m(y.balance), m(y.mirror.exports) + (y.estimated.mirror_exports ? " e" : ""), m(y.mirror.imports) + (y.estimated.mirror_imports ? " e" : "")]),
        numeric: [false, false, true, true, true, true, true, true],
        note: `Exports and imports ${ctx.reports.aThem}; mirror = ${ctx.reports.b} (imports from and exports to ${a}).`,
      },
    ],
    items: [say("data.table", "Sources of the table", note, ".")],
  };
}
