/**
 * Fills in each chart's SVG before a document is written as Markdown, HTML or PDF.
 * @module
 */
import type { VegaLiteSpec } from "../charts/common.js";
import type { ReportDocument } from "../document.js";

/**
 * Returns a copy of `doc` with every chart's `svg` rendered from its spec; the input is left
 * as it was (the same document may also be served as JSON without SVG). Charts are rendered one
 * after another, not in parallel: vega's text-measuring hook is process-wide, and one at a time
 * keeps the output identical run to run. A chart that already has SVG is kept as it is. The
 * spec is typed loosely in the document (it is JSON the dashboard embeds as-is); renderSvg
 * reports a broken one.
 */
export async function renderCharts(doc: ReportDocument): Promise<ReportDocument> {
  const renderSvg = doc.sections.some((s) => s.charts.some((c) => !c.svg)) ? (await loadChartRenderer()).renderSvg : undefined;
  const sections: ReportDocument["sections"] = [];
  for (const section of doc.sections) {
    const charts: typeof section.charts = [];
    for (const chart of section.charts) {
      // A copy: vega tags the spec's inline data rows with a Symbol(vega_id) as it renders.
      const spec = JSON.parse(JSON.stringify(chart.spec)) as VegaLiteSpec;
      charts.push(chart.svg ? chart : { ...chart, svg: await renderSvg!(spec) });
    }
    sections.push({ ...section, charts });
  }
  return { ...doc, sections };
}

let renderer: Promise<typeof import("../charts/render.js")> | undefined;

/**
 * The chart renderer, imported on first use: vega and vega-lite take ~0.4 s to import, which a
 * command that draws no chart (a profile, JSON, a server that has not drawn one yet) need not pay.
 * A command that will draw calls this early, so the import overlaps the store's queries.
 */
export function loadChartRenderer(): Promise<typeof import("../charts/render.js")> {
  renderer ??= import("../charts/render.js");
  return renderer;
}

/** The document without rendered SVG (JSON output: the specs are the data, SVG is derived). */
export function withoutSvg(doc: ReportDocument): ReportDocument {
  return {
    ...doc,
    sections: doc.sections.map((s) => ({ ...s, charts: s.charts.map(({ svg: _svg, ...chart }) => chart) })),
  };
}
