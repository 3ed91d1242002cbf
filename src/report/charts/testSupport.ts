/**
 * Helpers for the chart tests only: a small well-formedness check for SVG text and access
 * to the data and drawn paths of a spec. Not used by the charts themselves.
 * @module
 */

import type { VegaLiteSpec } from "./common.js";

/**
 * Checks that `svg` is one `<svg>` element whose tags all nest and close properly and whose
 * attributes are quoted; returns a description of the first problem, or null when well formed.
 * Deliberately simple (no DTDs, CDATA or processing instructions, which vega never writes).
 */
export function svgProblem(svg: string): string | null {
  if (!svg.startsWith("<svg")) return "does not start with <svg";
  if (!svg.trimEnd().endsWith("</svg>")) return "does not end with </svg>";
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/y;
  let i = 0;
  let roots = 0;
  while (i < svg.length) {
    const lt = svg.indexOf("<", i);
    if (lt === -1) break;
    const text = svg.slice(i, lt);
    if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[\da-fA-F]+);)/.test(text)) return `bad entity in text near ${lt}`;
    tag.lastIndex = lt;
    const m = tag.exec(svg);
    if (!m) return `malformed tag at ${lt}: ${svg.slice(lt, lt + 60)}`;
    const [whole, closing, name, , selfClosing] = m;
    if (closing) {
      const open = stack.pop();
      if (open !== name) return `</${name}> closes <${open ?? "nothing"}> at ${lt}`;
    } else if (!selfClosing) {
      if (stack.length === 0) roots++;
      stack.push(name);
    } else if (stack.length === 0) {
      roots++;
    }
    i = lt + whole.length;
  }
  if (stack.length > 0) return `unclosed <${stack[stack.length - 1]}>`;
  if (roots !== 1) return `${roots} root elements`;
  return null;
}

/** The `d` attribute of every line-mark path in vega's SVG, keyed by its aria-label. */
export function linePaths(svg: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /<path aria-label="([^"]*)" role="graphics-symbol" aria-roledescription="line mark" d="([^"]*)"/g;
  for (const m of svg.matchAll(re)) out.set(m[1], m[2]);
  return out;
}

/** Number of separate pieces a path is drawn in (its move-to commands). */
export function pieces(d: string): number {
  return (d.match(/M/g) ?? []).length;
}

/** The inline data rows of a spec (top level). */
export function dataRows(spec: VegaLiteSpec): Record<string, unknown>[] {
  const data = (spec as { data?: { values?: unknown } }).data;
  if (!data || !Array.isArray(data.values)) throw new Error("spec has no inline data.values");
  return data.values as Record<string, unknown>[];
}

/** Every object nested anywhere in `value` (depth first), for finding encodings in layers. */
export function allObjects(value: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === "object") {
      out.push(v as Record<string, unknown>);
      Object.values(v).forEach(visit);
    }
  };
  visit(value);
  return out;
}

/** The titles of all y (and y2) position encodings in a spec, layers included. */
export function yTitles(spec: VegaLiteSpec): string[] {
  return allObjects(spec)
    .map((o) => o.y as { title?: unknown } | undefined)
    .filter((y): y is { title?: unknown } => !!y && typeof y === "object" && typeof y.title === "string")
    .map((y) => y.title as string);
}
