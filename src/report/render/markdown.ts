/**
 * The report as GitHub-flavoured Markdown: headline, lead, sections, GFM tables and footnotes,
 * then the limits of the data, the notes with their sources and the methodology. Same document
 * → same bytes (nothing here reads the clock or the environment).
 * @module
 */
import type { ChartBlock, ReportDocument, Sentence, TableBlock, TextPart } from "../document.js";
import { chartHasTitle, describeSource, displayNumber, formulaNumber, layout, periodLine, riskLevel, type Layout, uniqueSources } from "./layout.js";
import { describeEdition, plainSource } from "../provenance.js";
import { safeHref } from "./links.js";

export interface MarkdownOptions {
  /** Where the chart's SVG file will be, relative to the Markdown file; without it charts are left out and their captions kept. */
  chartPath?: (chart: ChartBlock) => string;
}

/**
 * Backslash-escapes what Markdown would read as markup. `&` only before something that looks
 * like an entity ("&amp;"), so "R&D" stays readable in the raw file. `$` is left alone: GitHub
 * only reads "$…$" as maths when no space precedes the closing sign, which report prose never has
 * ("$888.8 million in 1990 to $22.32 billion").
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>~]/g, (c) => `\\${c}`)
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, "\\&")
    .replace(/\r?\n/g, " ");
}

/** At the start of a block, "# ", "- ", "+ " and "1. " would become headings and lists. */
function escapeBlockStart(text: string): string {
  return text.replace(/^(\s*)([#+-])(?=\s|$)/, "$1\\$2").replace(/^(\s*\d+)([.)])(?=\s|$)/, "$1\\$2");
}

/** A code span that survives backticks inside (fence one longer than the longest run). */
function codeSpan(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text.replace(/\r?\n/g, " ")}${pad}${fence}`;
}

function parts(l: Layout, ps: TextPart[]): string {
  return ps.map((p) => ("fn" in p ? `[^${displayNumber(l, p.fn)}]` : escapeMarkdown(p.text))).join("");
}

function sentences(l: Layout, ss: Sentence[]): string {
  return escapeBlockStart(ss.map((s) => parts(l, s.parts).trim()).join(" "));
}

function tableCell(text: string): string {
  return escapeMarkdown(text).replace(/\|/g, "\\|") || " ";
}

function table(t: TableBlock, n: number): string[] {
  const out = [`**Table ${n}. ${escapeMarkdown(t.title)}**`, ""];
  out.push(`| ${t.header.map(tableCell).join(" | ")} |`);
  out.push(`| ${t.header.map((_, i) => (t.numeric[i] ? "---:" : "---")).join(" | ")} |`);
  for (const row of t.rows) out.push(`| ${t.header.map((_, i) => tableCell(row[i] ?? "")).join(" | ")} |`);
  if (t.note) out.push("", `*${escapeMarkdown(t.note)}*`);
  return out;
}

function chart(l: Layout, c: ChartBlock, n: number, options: MarkdownOptions): string[] {
  const label = (withTitle: boolean) => `*Figure ${n}.${withTitle ? ` ${escapeMarkdown(c.title)}.` : ""}* ${parts(l, c.caption).trim()}`;
  if (!options.chartPath) return [`${label(true)} (The chart is in the HTML and PDF editions.)`];
  // Angle brackets keep a path with spaces or parentheses one link destination.
  const path = options.chartPath(c);
  const target = /[\s()<>]/.test(path) ? `<${path.replace(/[<>]/g, encodeURIComponent)}>` : path;
  // The drawn chart shows its title; the caption does not repeat it.
  return [`![${escapeMarkdown(c.title)}](${target})`, "", label(!chartHasTitle(c))];
}

export function toMarkdown(doc: ReportDocument, options: MarkdownOptions = {}): string {
  const l = layout(doc);
  const out: string[] = [];
  const block = (...lines: string[]) => out.push(...lines, "");

  block(`# ${escapeMarkdown(doc.headline)}`);
  const meta = [`**${escapeMarkdown(doc.title)}**`];
  const period = periodLine(doc);
  if (period) meta.push(`${escapeMarkdown(period)}. Values in US dollars unless stated; every figure has a note with its source.`);
  if (doc.generatedAt) meta.push(`Generated ${escapeMarkdown(doc.generatedAt)}.`);
  if (doc.data?.length) meta.push(`**Data:** ${doc.data.map((e) => escapeMarkdown(describeEdition(e))).join("; ")}.`);
  // Two trailing spaces: a line break inside one paragraph.
  block(meta.join("  \n"));
  if (doc.lead.sentences.length) block(sentences(l, doc.lead.sentences));

  for (const { section, blocks, userText } of l.sections) {
    block(`## ${escapeMarkdown(section.title)}`);
    if (userText) {
      const file = doc.userContext?.file;
      block(`*The user's own text${file ? ` from the context file ${codeSpan(file)}` : ""}, shown as written: tradeties did not compute or check it.*`);
    }
    for (const b of blocks) {
      if (b.kind === "paragraph") block(sentences(l, b.sentences));
      else if (b.kind === "items") {
        block(
          ...b.items.map((s) => {
            const level = section.id === "risks" ? riskLevel(doc, s) : undefined;
            return `- ${level ? `**${level === "high" ? "High" : "Medium"} risk.** ` : ""}${sentences(l, [s])}`;
          }),
        );
      } else if (b.kind === "chart") block(...chart(l, b.chart, b.number, options));
      else block(...table(b.table, b.number));
    }
  }

  if (doc.missing.length) {
    block("## What the data does not cover");
    block("Figures this report leaves out because the loaded data cannot support them, and the data that would:");
    block(...doc.missing.map((m) => `- ${escapeBlockStart(escapeMarkdown(m))}`));
  }

  if (l.footnotes.length) {
    block("## Notes");
    if (l.formulas.length) {
      block("How the figures are computed (each note below names its formula):");
      block(...l.formulas.map((f, i) => `${i + 1}. ${codeSpan(f)}`));
    }
    block(
      ...l.footnotes.map((f) => {
        const sources = uniqueSources(f.sources).map((s) => {
          const d = plainSource(s);
          const href = safeHref(d.url);
          if (!href) return escapeMarkdown(d.text) + (d.url ? ` (address, not a web link: ${codeSpan(d.url)})` : "");
          return `${escapeMarkdown(d.text)} <${href}>`;
        });
        const source = sources.length ? ` — Source${sources.length > 1 ? "s" : ""}: ${sources.join("; ")}.` : " — No stored source is attached to this note.";
        const k = formulaNumber(l, f.formula);
        const formula = k ? ` Computed as formula ${k}.` : "";
        return `[^${f.display}]: ${escapeMarkdown(f.text.trim())}${source}${formula}`;
      }),
    );
  }

  if (doc.methodology.length || doc.sources.length) {
    block("## Methodology");
    if (doc.methodology.length) {
      block("Every sentence above was written by one of these rules, and a rule writes only when its condition holds.");
      block(...doc.methodology.map((r) => `- When ${escapeMarkdown(r.condition)}; reads ${escapeMarkdown(r.reads)}. (rule ${codeSpan(r.id)})`));
    }
    if (doc.sources.length) {
      block("### Data sources");
      block("The files every figure was read from. Each loaded file is identified by the SHA-256 of its bytes (first 12 characters here; `tradeties sources` lists them in full).");
      block(...uniqueSources(doc.sources).map((s) => `- ${escapeMarkdown(describeSource(s).text)} (${codeSpan(s.source_id.slice(0, 12))})`));
    }
  }
  return out.join("\n").replace(/\n+$/, "\n");
}
