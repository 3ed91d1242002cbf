/**
 * A report chart's Vega-Lite spec made live for the dashboard: it fills its container's width,
 * clicking a legend entry highlights that series, tooltips name the source, and legends wrap on
 * narrow screens. The report itself keeps the unchanged spec (deterministic SVG); only this copy
 * is changed, and only in presentation.
 */

import { placeMilestoneLabels } from "../../src/report/charts/tradeVolume.js";

type Json = Record<string, unknown>;

/** Room the y axis and its title take left of the plot, px (for re-placing milestone labels). */
const Y_AXIS_PX = 70;

/** Fonts as rendered, px: the same 11 px floor the report config uses, whatever the width. */
export const MIN_FONT_PX = 11;

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

function layersOf(spec: Json): Json[] {
  const out: Json[] = [];
  const walk = (s: Json) => {
    out.push(s);
    for (const l of (s.layer as Json[] | undefined) ?? []) walk(l);
  };
  walk(spec);
  return out;
}

export interface LiveOptions {
  /** Container width in CSS px: below 560 the legend goes into one column. */
  widthPx: number;
  /** Shown in every tooltip as "Source". */
  source?: string;
}

/** The title moves out of the chart (into HTML, where it wraps instead of being cut). */
export function liveSpec(spec: Json, options: LiveOptions): { spec: Json; milestoneKey: MilestoneKey[] } {
  const s = clone(spec);
  delete s.title;
  s.width = "container";
  s.autosize = { type: "fit-x", contains: "padding" };
  // A world map is about twice as wide as tall: a fixed height would leave a phone's map a strip in white space.
  if (s.projection && typeof s.height === "number") s.height = Math.min(s.height, Math.round(options.widthPx * 0.5));
  const config = (s.config ?? {}) as Json;
  const legend = (config.legend ?? {}) as Json;
  config.legend = { ...legend, columns: options.widthPx < 560 ? 1 : 3, labelLimit: Math.max(160, options.widthPx - 60) };
  s.config = config;

  // Text beside the plot (bar-end values, end labels) gets room instead of being cut.
  s.padding = { left: 5, top: 5, bottom: 5, right: 28 };

  const layers = layersOf(s);
  const milestoneKey = replaceMilestones(layers, options.widthPx - Y_AXIS_PX);
  if (options.source) {
    const hasTopData = Boolean(s.data);
    if (hasTopData) s.transform = [...((s.transform as Json[] | undefined) ?? []), { calculate: JSON.stringify(options.source), as: "Source" }];
    for (const l of layers) {
      const enc = l.encoding as Json | undefined;
      if (!enc?.tooltip || l.data) continue;
      const tips = Array.isArray(enc.tooltip) ? (enc.tooltip as Json[]) : [enc.tooltip as Json];
      if (hasTopData && !tips.some((t) => t.field === "Source")) enc.tooltip = [...tips, { field: "Source", type: "nominal" }];
    }
  }

  // Legend selection: the first layer that colours by a field carries a point selection bound
  // to the legend; every layer coloured by that field fades what is not selected.
  const colored = layers.filter((l) => {
    const color = (l.encoding as Json | undefined)?.color as Json | undefined;
    return typeof color?.field === "string" && (l.mark as Json | string | undefined) !== undefined;
  });
  const lineOrBar = colored.find((l) => {
    const m = l.mark as Json | string;
    const type = typeof m === "string" ? m : (m.type as string);
    return type === "line" || type === "bar" || type === "area" || type === "arc";
  });
  if (lineOrBar) {
    const field = ((lineOrBar.encoding as Json).color as Json).field as string;
    lineOrBar.params = [...((lineOrBar.params as Json[] | undefined) ?? []), { name: "legendPick", select: { type: "point", fields: [field] }, bind: "legend" }];
    for (const l of colored) {
      const enc = l.encoding as Json;
      if ((enc.color as Json).field !== field || enc.opacity) continue;
      const mark = l.mark as Json | string;
      const base = typeof mark === "object" && typeof mark.opacity === "number" ? (mark.opacity as number) : 1;
      if (base === 0) continue;
      enc.opacity = { condition: { param: "legendPick", value: base, empty: true }, value: 0.15 };
    }
  }
  return { spec: s, milestoneKey };
}

/** Below this plot width milestone names do not fit above the plot: they become numbers with a key under the chart. */
export const MILESTONE_NAMES_MIN_PX = 480;

export interface MilestoneKey {
  n: number;
  year: number;
  label: string;
}

/**
 * Milestone labels were placed for the report's 640 px plot; at another width they would overlap,
 * so they are placed again for the width the chart gets here (same rules: no label on a label).
 * On a narrow plot each label is its number, and the names go into a key under the chart.
 */
function replaceMilestones(layers: Json[], plotWidthPx: number): MilestoneKey[] {
  const milestoneLayers = layers.filter((l) => {
    const first = ((l.data as Json | undefined)?.values as Json[] | undefined)?.[0];
    return first !== undefined && "labelY" in first && "anchor" in first && "lines" in first;
  });
  if (!milestoneLayers.length) return [];
  const domain = (((milestoneLayers[0]!.encoding as Json).x as Json).scale as Json | undefined)?.domain as [number, number] | undefined;
  if (!domain) return [];
  const milestones = ((milestoneLayers[0]!.data as Json).values as Array<{ year: number; label: string }>).map((m) => ({ year: m.year, label: m.label }));
  const width = Math.max(200, plotWidthPx);
  const narrow = width < MILESTONE_NAMES_MIN_PX;
  const key = milestones.map((m, i) => ({ n: i + 1, year: m.year, label: m.label }));
  const placed = placeMilestoneLabels(narrow ? key.map((k) => ({ year: k.year, label: String(k.n) })) : milestones, domain[0], domain[1], width);
  for (const l of milestoneLayers) (l.data as Json).values = placed;
  return narrow ? key : [];
}

/** The chart's own data as rows for a CSV: the spec's inline values without drawing helpers. */
export function chartRows(spec: Json): Json[] {
  const values = ((spec.data as Json | undefined)?.values as Json[] | undefined) ?? [];
  return values.map((v) => {
    const { isolated: _isolated, labelY: _labelY, anchor: _anchor, ...rest } = v;
    return rest;
  });
}
