/**
 * What every document renderer (Markdown, HTML, and through HTML the PDF) must agree on: the
 * order blocks are read in, the footnote numbers a reader sees, the figure and table numbers,
 * and how a footnote's sources are described. Kept apart so the Markdown and the HTML of one
 * report never number a note differently.
 * @module
 */
import type { SourceRef } from "../../profile/types.js";
import type { ChartBlock, Footnote, ReportDocument, Section, Sentence, TableBlock, TextPart } from "../document.js";

/** One block of a section, in the order it is printed. */
export type Block =
  | { kind: "paragraph"; sentences: Sentence[] }
  | { kind: "items"; items: Sentence[] }
  | { kind: "chart"; chart: ChartBlock; number: number }
  | { kind: "table"; table: TableBlock; number: number };

export interface Layout {
  sections: Array<{ section: Section; blocks: Block[]; userText: boolean }>;
  /** Footnotes renumbered 1…n in reading order; notes nothing refers to come last. */
  footnotes: Array<Footnote & { display: number }>;
  /** Document footnote number → the number printed. */
  display: Map<number, number>;
  /** Each distinct formula once, in the order the notes first use it: notes refer to it by number. */
  formulas: string[];
}

/**
 * Section blocks in reading order: prose first, then charts and tables, then bullet items.
 * A section without prose (the risks) leads with its items, because there the items are the
 * body and the chart only illustrates one of them.
 */
function blocksOf(section: Section, counters: { chart: number; table: number }): Block[] {
  const prose: Block[] = section.paragraphs.filter((p) => p.sentences.length > 0).map((p) => ({ kind: "paragraph" as const, sentences: p.sentences }));
  const figures: Block[] = [
    ...section.charts.map((chart) => ({ kind: "chart" as const, chart, number: ++counters.chart })),
    ...section.tables.map((table) => ({ kind: "table" as const, table, number: ++counters.table })),
  ];
  const items: Block[] = section.items.length ? [{ kind: "items", items: section.items }] : [];
  return prose.length ? [...prose, ...figures, ...items] : [...items, ...figures];
}

/**
 * The user's own text: the prospects section buildReport adds from the context file, or, when a
 * document carries a context but no such section, one made here so the text is never dropped.
 */
function withUserSection(doc: ReportDocument): Array<{ section: Section; userText: boolean }> {
  const out = doc.sections.map((section) => ({ section, userText: section.id === "prospects" }));
  const ctx = doc.userContext;
  if (ctx && !out.some((s) => s.userText) && (ctx.prospects?.trim() || ctx.notes?.length)) {
    out.push({
      userText: true,
      section: {
        id: "prospects",
        title: "Prospects (from the user's context file, not computed)",
        paragraphs: ctx.prospects?.trim() ? [{ sentences: [{ parts: [{ text: ctx.prospects.trim() }], rule: "user-context" }] }] : [],
        charts: [],
        tables: [],
        items: (ctx.notes ?? []).map((n) => ({ parts: [{ text: n }], rule: "user-context" })),
      },
    });
  }
  return out;
}

export function layout(doc: ReportDocument): Layout {
  const counters = { chart: 0, table: 0 };
  const sections = withUserSection(doc).map(({ section, userText }) => ({ section, userText, blocks: blocksOf(section, counters) }));
  // buildReport numbers notes in the order it wrote them (sections before the lead), so the lead
  // would open with note 32; readers expect 1, 2, 3 down the page.
  const display = new Map<number, number>();
  const see = (parts: TextPart[]) => {
    for (const p of parts) if ("fn" in p && !display.has(p.fn)) display.set(p.fn, display.size + 1);
  };
  doc.lead.sentences.forEach((s) => see(s.parts));
  for (const { blocks } of sections) {
    for (const b of blocks) {
      if (b.kind === "paragraph") b.sentences.forEach((s) => see(s.parts));
      else if (b.kind === "items") b.items.forEach((s) => see(s.parts));
      else if (b.kind === "chart") see(b.chart.caption);
    }
  }
  for (const f of [...doc.footnotes].sort((x, y) => x.fn - y.fn)) if (!display.has(f.fn)) display.set(f.fn, display.size + 1);
  const footnotes = doc.footnotes.map((f) => ({ ...f, display: display.get(f.fn)! })).sort((x, y) => x.display - y.display);
  const formulas = [...new Set(footnotes.map((f) => f.formula?.trim()).filter((f): f is string => !!f))];
  return { sections, footnotes, display, formulas };
}

/** The 1-based number of a note's formula in `Layout.formulas`, if it has one. */
export function formulaNumber(layout: Layout, formula: string | undefined): number | undefined {
  const i = formula ? layout.formulas.indexOf(formula.trim()) : -1;
  return i >= 0 ? i + 1 : undefined;
}

/** The printed number of a mark; a mark without a footnote is a bug in the document. */
export function displayNumber(layout: Layout, fn: number): number {
  const n = layout.display.get(fn);
  if (n === undefined) throw new RangeError(`footnote ${fn} is referenced but the document has no such note`);
  return n;
}

/** The audit-trail form for the methodology's list of files: "imf-dots (vintage v1), reporter side, file DOTS_106.xlsx: …". Notes use `plainSource`. */
export function describeSource(s: SourceRef): { text: string; url?: string } {
  const extra = s as SourceRef & { publisher?: string; source_url?: string };
  const bits = [`${s.dataset} (vintage ${s.vintage})`, `${s.side} side`, `file ${s.file}`];
  if (extra.publisher) bits.push(`published by ${extra.publisher}`);
  let text = bits.join(", ");
  if (s.detail) text += `: ${s.detail}`;
  return { text, ...(extra.source_url ? { url: extra.source_url } : {}) };
}

/** Sources once each, in the order given (a note may list the same file for two figures). */
export function uniqueSources(sources: SourceRef[]): SourceRef[] {
  const seen = new Set<string>();
  return sources.filter((s) => {
    const key = `${s.source_id}|${s.side}|${s.detail ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Risk level for a bullet written by a risk rule, so the list can say "high" or "medium". */
export function riskLevel(doc: ReportDocument, sentence: Sentence): "high" | "medium" | undefined {
  return doc.risks.find((r) => r.id === sentence.rule)?.level;
}

/** "1990–2020, figures to 2019" for the line under the headline. */
export function periodLine(doc: ReportDocument): string | undefined {
  const bits: string[] = [];
  if (doc.period) bits.push(`Period covered: ${doc.period.from === doc.period.to ? doc.period.from : `${doc.period.from}–${doc.period.to}`}`);
  if (doc.referenceYear !== undefined) bits.push(`reference year ${doc.referenceYear}`);
  return bits.length ? bits.join("; ") : undefined;
}

/** Whether the Vega-Lite spec draws a title above the chart. */
export function chartHasTitle(c: ChartBlock): boolean {
  const t = c.spec["title"];
  return typeof t === "string" ? t.trim() !== "" : typeof t === "object" && t !== null && "text" in t && String((t as { text: unknown }).text).trim() !== "";
}
