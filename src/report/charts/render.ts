/**
 * Renders a chart spec to a standalone SVG string in Node, without a browser or canvas.
 * The report renderer inlines the result into Markdown/HTML/PDF.
 * @module
 */

import * as vega from "vega";
import { logger, parse, View, Warn } from "vega";
import { compile } from "vega-lite";
import { InternalError } from "../../errors.js";
import type { VegaLiteSpec } from "./common.js";
import { vegaTextWidth, type TextItemLike } from "./textWidth.js";

/** vega's text measuring hook; exported by vega at run time but missing from its typings. */
const textMetrics = (vega as unknown as { textMetrics: { width: (item: TextItemLike, text: unknown) => number } })
  .textMetrics;

/**
 * Compiles `spec` with Vega-Lite and renders it to SVG text.
 *
 * Output is byte-identical for the same spec, whatever was rendered before in this process:
 * vega numbers clip paths and gradients with module-wide counters (`clip7`, `gradient_3`), so
 * the ids are renamed in order of appearance afterwards (see `canonicalizeSvgIds`). A new View
 * per call keeps no state between charts. The spec's `description` becomes the SVG's
 * `aria-label`. Text is laid out with DejaVu Sans metrics
 * (`textWidth.ts`) instead of vega's canvas-less guess, so the layout is the same everywhere.
 */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  // Without a canvas vega guesses text widths far too wide; measure with real font metrics.
  // This is process-wide (vega keeps one hook) and is what vl-convert does too; set on every
  // call so nothing that reset it in between changes our layout.
  textMetrics.width = vegaTextWidth;
  const problems: string[] = [];
  // Collected, not printed: a warning from vega-lite or vega means a broken spec, which is a
  // bug in the chart code, and must not pass silently as a half-drawn chart.
  const log = logger(Warn, "warn", (_method, _level, args) => {
    problems.push(args.map(String).join(" "));
  });
  // vega tags inline data rows in place; work on a copy so the caller's spec stays clean.
  const compiled = compile(structuredClone(spec), { logger: log });
  const view = new View(parse(compiled.spec), { renderer: "none", logger: log });
  try {
    const svg = await view.toSVG();
    if (problems.length > 0) throw new InternalError(`chart does not render cleanly: ${problems.join("; ")}`);
    return labelSvg(canonicalizeSvgIds(svg), view.description());
  } finally {
    view.finalize();
  }
}

/**
 * Puts the spec's description on the root `<svg>` as its accessible name, with the same
 * attributes vega sets on a live view in the browser; vega's string renderer leaves it out.
 */
export function labelSvg(svg: string, description: string | undefined | null): string {
  if (!description) return svg;
  const attrs = ` role="graphics-document" aria-roledescription="visualization" aria-label="${escapeXmlAttr(description)}"`;
  return svg.replace(/^<svg\b/, `<svg${attrs}`);
}

/** Escapes text for a double-quoted XML attribute value. */
function escapeXmlAttr(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\n/g, "&#10;");
}

/**
 * Renames vega's counter-based element ids (`clip12`, `gradient_4`, `p_gradient_4`) to
 * `clip1`, `clip2`, … in order of first appearance, updating every `url(#…)` and `href="#…"`.
 * Only ids in attribute positions are touched, so chart text such as "clip12" is left alone.
 */
export function canonicalizeSvgIds(svg: string): string {
  const renames = new Map<string, string>();
  const counters = { clip: 0, gradient: 0 };
  const idPattern = /\bid="(p_)?(clip|gradient_)(\d+)"/g;
  for (const m of svg.matchAll(idPattern)) {
    const kind = m[2] === "clip" ? "clip" : "gradient";
    const oldId = `${m[2]}${m[3]}`;
    if (!renames.has(oldId)) {
      counters[kind]++;
      renames.set(oldId, kind === "clip" ? `clip${counters.clip}` : `gradient_${counters.gradient}`);
    }
  }
  if (renames.size === 0) return svg;
  // Two passes through a placeholder would be needed if old and new names overlapped
  // (clip2→clip1 while clip1→clip2); a single regex replace with a lookup avoids that.
  return svg.replace(
    /(\bid="|url\(#|href="#)(p_)?(clip\d+|gradient_\d+)(?=[")])/g,
    (whole, prefix: string, p: string | undefined, id: string) => {
      const renamed = renames.get(id);
      return renamed ? `${prefix}${p ?? ""}${renamed}` : whole;
    },
  );
}
