/**
 * Profile → report document. Sections come from `sections/`, the headline and lead from the
 * strongest findings by the rules in `narrative.ts`. Nothing here reads files except the user's
 * context file; nothing here formats for a medium (see `render/`).
 * @module
 */
import { basename } from "node:path";
import { buildProfile, type ProfileOptions } from "../profile/buildProfile.js";
import type { Profile } from "../profile/types.js";
import { CountryRegistry } from "../reference/countries.js";
import type { TradeStore } from "../store/TradeStore.js";
import { contextMilestones, readContextFile, type UserContext } from "./context.js";
import type { ReportDocument, Section, Sentence, TextPart } from "./document.js";
import { layout } from "./render/layout.js";
import { polishDocument, polishProse } from "./language.js";
import { headlineAndLead } from "./headline.js";
import { FootnoteRegister, RULES } from "./narrative.js";
import { dataEditions } from "./provenance.js";
import { sideWording } from "./sides.js";
import type { SectionContext } from "./sections/context.js";
import { milestonesSection, dataSection } from "./sections/milestones.js";
import { peopleSection } from "./sections/people.js";
import { detectRisks, risksSection } from "./sections/risks.js";
import { competitionSection, compositionSection } from "./sections/structure.js";
import { balanceSection, volumeSection } from "./sections/trade.js";

export interface ReportOptions extends ProfileOptions {
  /** YAML or JSON with milestones, a reference year and a prospects text. */
  contextFile?: string;
  /** Printed only when given, so the same store and options give byte-identical output. */
  generatedAt?: string;
}

export async function buildReport(store: TradeStore, a: string, b: string, options: ReportOptions = {}): Promise<ReportDocument> {
  return (await buildReportWithProfile(store, a, b, options)).document;
}

/** The report and the profile it was written from (the batch index ranks partners by the profile's figures). */
export async function buildReportWithProfile(store: TradeStore, a: string, b: string, options: ReportOptions = {}): Promise<{ document: ReportDocument; profile: Profile }> {
  const context = options.contextFile ? await readContextFile(options.contextFile) : undefined;
  const milestones = options.milestones ?? contextMilestones(context);
  const profile = await buildProfile(store, a, b, {
    ...options,
    referenceYear: options.referenceYear ?? context?.reference_year,
    milestones,
    replaceMilestones: options.replaceMilestones ?? context?.replace_milestones,
    milestonesSource: options.milestonesSource ?? (context?.replace_milestones ? `the user's context file (${basename(context.file)})` : undefined),
  });
  const document = reportFromProfile(profile, { context, generatedAt: options.generatedAt });
  document.data = await dataEditions(store, document.sources, document.footnotes.flatMap((f) => f.sources));
  return { document, profile };
}

export function reportFromProfile(profile: Profile, options: { context?: UserContext; generatedAt?: string } = {}): ReportDocument {
  const registry = CountryRegistry.load();
  const notes = new FootnoteRegister();
  const [aName, bName] = [registry.displayName(profile.a), registry.displayName(profile.b)];
  // The period asked for bounds every milestone a sentence or chart discusses; the others are context, listed apart.
  const inPeriod = (m: { year: number }) => !profile.period || (m.year >= profile.period.from && m.year <= profile.period.to);
  const all = profile.events?.milestones ?? [];
  const ctx: SectionContext = { profile, notes, a: aName, b: bName, milestones: all.filter(inPeriod), contextMilestones: all.filter((m) => !inPeriod(m)), reports: sideWording(profile, aName, bName) };
  const risks = detectRisks(ctx);
  const sections = [volumeSection(ctx), balanceSection(ctx), compositionSection(ctx), competitionSection(ctx), peopleSection(ctx), risksSection(ctx, risks), milestonesSection(ctx), dataSection(ctx)].filter(
    (s): s is Section => s !== undefined,
  );
  const { headline, lead, headlineRule } = headlineAndLead(ctx, risks);
  const fired = new Set<string>();
  const collect = (s: Sentence) => fired.add(s.rule);
  for (const sec of sections) {
    sec.paragraphs.forEach((p) => p.sentences.forEach(collect));
    sec.items.forEach(collect);
  }
  lead.sentences.forEach(collect);
  if (headlineRule) fired.add(headlineRule);
  const refYear = profile.growth?.to_year;
  const span = profile.growth?.published_span;
  const from = span?.from_year ?? profile.growth?.from_year ?? profile.period?.from;
  const to = profile.period?.to;
  return polishDocument(renumberFootnotes({
    a: profile.a,
    b: profile.b,
    aName: ctx.a,
    bName: ctx.b,
    title: options.context?.title ?? polishProse(`${ctx.a} and ${ctx.b}: an assessment of economic relations${from && to ? `, ${from === to ? from : `${from}–${to}`}` : ""}`),
    headline,
    lead,
    period: from !== undefined && to !== undefined ? { from, to } : undefined,
    referenceYear: refYear,
    ...(options.generatedAt ? { generatedAt: options.generatedAt } : {}),
    sections: [
      ...sections,
      ...(options.context?.prospects || options.context?.notes.length
        ? [
            {
              id: "prospects" as const,
              title: "Prospects (the user's text, not computed from data)",
              paragraphs: options.context.prospects ? [{ sentences: [{ parts: [{ text: options.context.prospects.trim() }], rule: "user-context" }] }] : [],
              charts: [],
              tables: [],
              items: options.context.notes.map((n) => ({ parts: [{ text: n }], rule: "user-context" })),
            },
          ]
        : []),
    ],
    risks,
    footnotes: notes.all(),
    methodology: [...fired].filter((id) => RULES[id]).sort().map((id) => RULES[id]!),
    missing: profile.missing,
    ...(options.context ? { userContext: { file: basename(options.context.file), prospects: options.context.prospects, notes: options.context.notes } } : {}),
    sources: profile.sources,
  }));
}

/**
 * Footnotes are registered as sections are written (sections before the lead); readers expect
 * 1, 2, 3 down the page, and every consumer (renderers, dashboard, JSON) should see the same
 * numbers. Renumbers in the renderers' reading order, copying sentences (the lead shares risk sentences).
 */
function renumberFootnotes(doc: ReportDocument): ReportDocument {
  const { display } = layout(doc);
  const mapParts = (parts: TextPart[]): TextPart[] => parts.map((p) => ("fn" in p ? { fn: display.get(p.fn) ?? p.fn } : { ...p }));
  const mapSentence = (x: Sentence): Sentence => ({ ...x, parts: mapParts(x.parts) });
  return {
    ...doc,
    lead: { sentences: doc.lead.sentences.map(mapSentence) },
    sections: doc.sections.map((sec) => ({
      ...sec,
      paragraphs: sec.paragraphs.map((para) => ({ sentences: para.sentences.map(mapSentence) })),
      items: sec.items.map(mapSentence),
      charts: sec.charts.map((c) => ({ ...c, caption: mapParts(c.caption) })),
    })),
    risks: doc.risks.map((r) => ({ ...r, sentence: mapSentence(r.sentence) })),
    footnotes: doc.footnotes.map((f) => ({ ...f, fn: display.get(f.fn) ?? f.fn })).sort((x, y) => x.fn - y.fn),
  };
}
