/**
 * Which of a pair's catalogue milestones a report shows. A pair report cannot list forty crises:
 * facts about the relationship itself are always shown, facts about one side only when the pair's
 * trade moved around them. Pure: takes the candidates and the pair's total trade.
 *
 * Rules (ids as in `Milestone.rule`):
 * - `agreement`: every trade agreement in force between the two at some time, from the day both were parties.
 * - `accession`: WTO, GATT and EU accessions (and EU exits) of either side, except founding memberships
 *   (GATT 1948, WTO 1995-01-01, EEC 1958), which are facts about the institution.
 * - `state-change`: dissolutions and unifications of either side (USSR, Czechoslovakia, Germany…).
 * - `sanctions-between`: sanctions one imposed on the other, all of them when the data hold at most
 *   `maxSanctionsListed`; beyond that only those starting in a year when (or the year before) the
 *   pair's trade fell by `contextFall` or more, largest falls first, and the others counted in one line.
 * - `context-with-fall`: a crisis of either side (Laeven–Valencia) or EU/UN sanctions with trade
 *   measures on one side, only when the pair's total trade fell by at least `contextFall` in its start
 *   year or the year after; the largest falls first, at most `maxContext`.
 * Sanctions and crises are chosen and counted only inside the report's period (`period`), so "also in
 * the data: N episodes" counts what the report covers; of the sanctions between the two outside it,
 * the latest `maxSanctionsListed` are kept for the report's context list.
 * @module
 */
import type { Milestone, MilestoneKind, MilestoneSource, YearValue } from "../indicators/index.js";
import { yearOnYear } from "../indicators/growth.js";
import type { PairMilestone } from "./catalogue.js";
import { datasetByName } from "./datasets.js";
import type { MilestoneCategory } from "./types.js";

export interface SelectionOptions {
  /** Fall of total trade (a negative fraction) that makes a crisis or third-party sanction worth showing; default −0.10. */
  contextFall?: number;
  /** Crises and third-party sanctions shown at most; default 3. */
  maxContext?: number;
  /** Sanctions between the two listed one by one at most; default 4. */
  maxSanctionsListed?: number;
  /** Years whose growth compares different entities (USSR 1991 → Russia 1992): not a fall. */
  excludeGrowthYears?: readonly number[];
  /** The report's period: sanctions and crises are chosen and counted only when they overlap it (a 1950s episode is nothing a 1990–2020 report can relate to). */
  period?: { from: number; to: number };
}

export const SELECTION_DEFAULTS = { contextFall: -0.1, maxContext: 3, maxSanctionsListed: 4 } as const;

export interface Selection {
  shown: Milestone[];
  /** What was considered and not shown, by rule, in words ("21 more sanctions cases between the two, 1980–2005"). */
  notShown: Array<{ rule: string; count: number; text: string; provenance: MilestoneSource[] }>;
  /** No agreement between the two in any dataset. */
  noAgreement: boolean;
}

const KIND: Record<MilestoneCategory, MilestoneKind> = { agreement: "agreement", accession: "accession", crisis: "crisis", sanctions: "sanctions", "state-change": "state" };

/** A catalogue candidate as a profile milestone. */
export function toMilestone(m: PairMilestone, rule: string): Milestone {
  const provenance: MilestoneSource[] = m.provenance.map((p) => ({ dataset: p.dataset, vintage: datasetByName(p.dataset)?.vintage ?? "", file: p.file, row: p.row, record: p.record }));
  return {
    id: m.id,
    year: m.year,
    ...(/^\d{4}-\d{2}(-\d{2})?$/.test(m.date) ? { date: m.date } : {}),
    label: m.label,
    shortLabel: m.shortLabel,
    kind: KIND[m.category],
    source: [...new Set(provenance.map((p) => `${p.dataset} ${p.vintage}, ${p.record}`))].join("; "),
    provenance,
    ...(m.until ? { until: m.until } : {}),
    rule,
  };
}

export function selectMilestones(candidates: readonly PairMilestone[], totals: readonly YearValue[], options: SelectionOptions = {}): Selection {
  const contextFall = options.contextFall ?? SELECTION_DEFAULTS.contextFall;
  const maxContext = options.maxContext ?? SELECTION_DEFAULTS.maxContext;
  const maxSanctions = options.maxSanctionsListed ?? SELECTION_DEFAULTS.maxSanctionsListed;
  const excluded = new Set(options.excludeGrowthYears ?? []);
  const growth = new Map(yearOnYear([...totals]).filter((g) => !excluded.has(g.year)).map((g) => [g.year, g.growth]));
  /** The larger fall of total trade in the start year or the next; undefined when neither is observed. */
  const fallAround = (year: number): number | undefined => {
    const gs = [growth.get(year), growth.get(year + 1)].filter((g): g is number => g !== undefined);
    return gs.length ? Math.min(...gs) : undefined;
  };
  const shown: Milestone[] = [];
  const notShown: Selection["notShown"] = [];

  for (const m of candidates) {
    if (m.category === "agreement") shown.push(toMilestone(m, "agreement"));
    else if (m.category === "accession" && !m.founding) shown.push(toMilestone(m, "accession"));
    else if (m.category === "state-change") shown.push(toMilestone(m, "state-change"));
  }
  const founding = candidates.filter((m) => m.category === "accession" && m.founding);
  if (founding.length) notShown.push({ rule: "accession", count: founding.length, provenance: founding.flatMap((m) => toMilestone(m, "accession").provenance ?? []), text: `founding memberships, not listed: ${founding.map((m) => m.label.replace(/^(.*): founding member of the ([A-Z]+).*$/, "$1 ($2)").replace(/^The /, "the ")).join(", ")}` });

  const period = options.period;
  const overlaps = (m: PairMilestone): boolean => !period || (m.year <= period.to && (m.until ? Number(m.until.slice(0, 4)) : m.year) >= period.from);
  const between = candidates.filter((m) => m.category === "sanctions" && !m.thirdParty && overlaps(m));
  const withFallOnly = (xs: PairMilestone[]): PairMilestone[] =>
    xs
      .filter((m) => (fallAround(m.year) ?? 0) <= contextFall)
      .sort((x, y) => fallAround(x.year)! - fallAround(y.year)! || y.year - x.year)
      .slice(0, maxSanctions);
  const listed = between.length <= maxSanctions ? between : withFallOnly(between);
  for (const m of listed) shown.push(toMilestone(m, "sanctions-between"));
  // Outside the period a report lists milestones as context only (South Korea's 2022 sanctions on
  // Russia beside data to 2020): the latest few, neither judged by trade nor counted with the others.
  const outside = candidates.filter((m) => m.category === "sanctions" && !m.thirdParty && !overlaps(m)).sort((x, y) => y.date.localeCompare(x.date)).slice(0, maxSanctions);
  for (const m of outside) shown.push(toMilestone(m, "sanctions-between"));
  const rest = between.filter((m) => !listed.includes(m));
  if (rest.length) {
    const years = rest.map((m) => m.year);
    notShown.push({ rule: "sanctions-between", count: rest.length, provenance: rest.flatMap((m) => toMilestone(m, "sanctions-between").provenance ?? []), text: `${rest.length} ${listed.length ? "more " : ""}sanctions episodes between the two (${Math.min(...years)}–${Math.max(...years)}; ${[...new Set(rest.flatMap((m) => m.provenance.map((p) => p.dataset.split(" (")[0])))].join(", ")}), not listed one by one: ${listed.length ? "only those in years when" : "none started in a year when"} pair trade fell by ${Math.round(-contextFall * 100)} % or more${listed.length ? " are listed" : ""}` });
  }

  const context = candidates.filter((m) => (m.category === "crisis" || (m.category === "sanctions" && m.thirdParty)) && overlaps(m));
  const withFall = context.map((m) => ({ m, fall: fallAround(m.year) })).filter((x): x is { m: PairMilestone; fall: number } => x.fall !== undefined && x.fall <= contextFall);
  const chosen = withFall.sort((x, y) => x.fall - y.fall || x.m.date.localeCompare(y.m.date)).slice(0, maxContext);
  for (const { m } of chosen) shown.push(toMilestone(m, "context-with-fall"));
  const skipped = context.length - chosen.length;
  const skippedProvenance = context.filter((m) => !chosen.some((c) => c.m === m)).flatMap((m) => toMilestone(m, "context-with-fall").provenance ?? []);
  if (skipped > 0) notShown.push({ rule: "context-with-fall", count: skipped, provenance: skippedProvenance, text: `${skipped} crisis or third-party sanctions episode${skipped > 1 ? "s" : ""} of either side not listed (pair trade did not fall by ${Math.round(-contextFall * 100)} % or more around ${skipped > 1 ? "them" : "it"}, or ${maxContext} larger falls were listed)` });

  shown.sort((x, y) => (x.date ?? String(x.year)).localeCompare(y.date ?? String(y.year)) || x.label.localeCompare(y.label));
  return { shown, notShown, noAgreement: !candidates.some((m) => m.category === "agreement") };
}

/**
 * Lays the user's (or the seed article's) milestones over the catalogue's. An entry replaces a
 * catalogue milestone with the same `id`, or else one of the same kind on the same day (the same
 * year when either gives only a year); the others are added. `replace` drops the base list.
 */
export function overlayMilestones(base: readonly Milestone[], own: readonly Milestone[], replace = false): Milestone[] {
  if (replace) return [...own];
  const sameKind = (x: Milestone, y: Milestone): boolean => x.kind === y.kind && (x.date && y.date && /^\d{4}-\d{2}-\d{2}$/.test(x.date) && /^\d{4}-\d{2}-\d{2}$/.test(y.date) ? x.date === y.date : x.year === y.year);
  const kept = base.filter((b) => !own.some((o) => (o.id !== undefined && o.id === b.id) || sameKind(o, b)));
  return [...kept, ...own].sort((x, y) => (x.date ?? String(x.year)).localeCompare(y.date ?? String(y.year)) || x.label.localeCompare(y.label));
}
