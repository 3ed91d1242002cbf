/**
 * One entry point for every output format of a report document.
 * @module
 */
import { UsageError } from "../../errors.js";
import type { ChartBlock, ReportDocument } from "../document.js";
import { renderCharts, withoutSvg } from "./charts.js";
import { toHtml } from "./html.js";
import { toMarkdown } from "./markdown.js";
import { PdfPrinter } from "./pdf.js";

export { loadChartRenderer, renderCharts, withoutSvg } from "./charts.js";
export { escapeHtml, toHtml } from "./html.js";
export { escapeMarkdown, toMarkdown, type MarkdownOptions } from "./markdown.js";
export { CHROMIUM_PATH, ChromiumMissingError, PdfPrinter } from "./pdf.js";

export const REPORT_FORMATS = ["md", "html", "pdf", "json"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  /**
   * Base name of the Markdown file without extension ("kor-rus"); chart SVGs are returned as
   * `<name>.<chart-id>.svg` to be written beside it. Without it the Markdown leaves the charts
   * out (stdout has nowhere to put them) and keeps their captions.
   */
  name?: string;
  /** A running printer to reuse (batches); otherwise one is started and closed for this PDF. */
  printer?: PdfPrinter;
}

export interface RenderedReport {
  body: string | Buffer;
  contentType: string;
  extension: string;
  /** Files to write next to the body (the Markdown's charts). */
  files?: Array<{ name: string; content: string }>;
}

export function parseFormat(value: string | undefined): ReportFormat {
  const f = (value ?? "md").toLowerCase();
  if ((REPORT_FORMATS as readonly string[]).includes(f)) return f as ReportFormat;
  throw new UsageError(`--format takes md, html, pdf or json, got "${value}"`, { field: "--format" });
}

/** "kor-rus": the file name a report gets when the user names none. */
export function reportBaseName(doc: Pick<ReportDocument, "a" | "b">): string {
  return `${doc.a}-${doc.b}`.toLowerCase().replace(/[^a-z0-9_-]+/g, "_");
}

export async function renderReport(doc: ReportDocument, format: ReportFormat, options: RenderOptions = {}): Promise<RenderedReport> {
  if (format === "json") {
    return { body: JSON.stringify(withoutSvg(doc), null, 2) + "\n", contentType: "application/json; charset=utf-8", extension: "json" };
  }
  const drawn = await renderCharts(doc);
  if (format === "md") {
    const name = options.name;
    if (name === undefined) return { body: toMarkdown(drawn), contentType: "text/markdown; charset=utf-8", extension: "md" };
    // Chart ids are unique in buildReport's documents; a repeated id still gets its own file.
    const fileOf = new Map<ChartBlock, string>();
    const used = new Map<string, number>();
    for (const c of drawn.sections.flatMap((s) => s.charts)) {
      const k = (used.get(c.id) ?? 0) + 1;
      used.set(c.id, k);
      fileOf.set(c, `${name}.${c.id}${k > 1 ? `-${k}` : ""}.svg`);
    }
    const files = [...fileOf].map(([c, file]) => ({ name: file, content: c.svg ?? "" }));
    return { body: toMarkdown(drawn, { chartPath: (c) => fileOf.get(c)! }), contentType: "text/markdown; charset=utf-8", extension: "md", files };
  }
  const html = toHtml(drawn);
  if (format === "html") return { body: html, contentType: "text/html; charset=utf-8", extension: "html" };
  const printer = options.printer ?? (await PdfPrinter.launch());
  try {
    return { body: await printer.print(html), contentType: "application/pdf", extension: "pdf" };
  } finally {
    if (!options.printer) await printer.close();
  }
}
