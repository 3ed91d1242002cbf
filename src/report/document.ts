/**
 * The report as data: what the narrative rules produce and every renderer (Markdown, HTML, PDF,
 * JSON, the dashboard) consumes. Text is split into parts so a renderer can place footnote marks
 * without parsing prose; numbers are already rendered for people ("$22.32 billion").
 * @module
 */
import type { SourceRef } from "../profile/types.js";
import type { DataEdition } from "./provenance.js";

/** A run of prose, or a reference to footnote `fn` (1-based, numbered in order of first use). */
export type TextPart = { text: string } | { fn: number };

export interface Sentence {
  parts: TextPart[];
  /** Id of the narrative rule that wrote it (listed in the methodology appendix). */
  rule: string;
}

export interface Paragraph {
  sentences: Sentence[];
}

export interface Footnote {
  fn: number;
  /** What the figure is and where it comes from, in words. */
  text: string;
  sources: SourceRef[];
  formula?: string;
}

export interface ChartBlock {
  id: "trade-volume" | "balance" | "import-shares" | "people-flows" | "trade-vs-price" | "composition";
  title: string;
  /** A Vega-Lite spec (JSON), rendered to SVG for documents and embedded as-is by the dashboard. */
  spec: Record<string, unknown>;
  /** Rendered SVG, filled in by `renderCharts` before Markdown/HTML output. */
  svg?: string;
  caption: TextPart[];
}

export interface TableBlock {
  title: string;
  header: string[];
  rows: string[][];
  /** Columns to right-align (numbers). */
  numeric: boolean[];
  note?: string;
}

export interface Section {
  id: "volume" | "balance" | "composition" | "competition" | "people" | "risks" | "milestones" | "prospects" | "data";
  title: string;
  paragraphs: Paragraph[];
  charts: ChartBlock[];
  tables: TableBlock[];
  /** Bullet items (risks, milestones), each a sentence. */
  items: Sentence[];
}

export interface Risk {
  id: string;
  title: string;
  /** "high" | "medium" from the rule's documented thresholds. */
  level: "high" | "medium";
  sentence: Sentence;
  /** The judgement with its key figure as a noun phrase, for the lead ("a chronic deficit with Saudi Arabia, every year since 1994 and 37 % of two-way trade over those years"). */
  brief: string;
  /** The risk named in passing ("the chronic deficit", "China's surge in Russia's imports"). */
  name: string;
}

export interface RuleDoc {
  id: string;
  /** When it fires, with the threshold in words ("total trade fell by 15 % or more from one year to the next"). */
  condition: string;
  /** The indicator(s) and formula it reads. */
  reads: string;
}

export interface ReportDocument {
  a: string;
  b: string;
  aName: string;
  bName: string;
  title: string;
  headline: string;
  /** The strongest findings, in one paragraph. */
  lead: Paragraph;
  period: { from: number; to: number } | undefined;
  referenceYear: number | undefined;
  /** ISO timestamp, only when the user asked for one (`--generated-at`): output stays byte-identical otherwise. */
  generatedAt?: string;
  sections: Section[];
  risks: Risk[];
  footnotes: Footnote[];
  /** Rules that fired in this report, for the methodology appendix. */
  methodology: RuleDoc[];
  /** What the data could not support, said plainly. */
  missing: string[];
  /** User-supplied text (context file), shown as the user's, never as findings. */
  userContext?: { file: string; prospects?: string; notes?: string[] };
  sources: SourceRef[];
  /** The datasets behind the figures with their edition and load date (title page); absent when built without a store. */
  data?: DataEdition[];
}

export function plain(text: string): TextPart {
  return { text };
}

/** The text of a sentence without footnote marks (for tests and summaries). */
export function sentenceText(s: Sentence | Paragraph | TextPart[]): string {
  if (Array.isArray(s)) return s.map((p) => ("text" in p ? p.text : "")).join("");
  if ("sentences" in s) return s.sentences.map((x) => sentenceText(x)).join(" ");
  return sentenceText(s.parts);
}
