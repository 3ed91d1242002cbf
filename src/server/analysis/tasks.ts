/**
 * The analyses the API serves, as tasks that run the same way in the server's main thread or in
 * an analysis worker: each takes a store and gives back the finished response body, serialised,
 * so the main thread only sends bytes (a profile is ~100 KB of JSON; serialising it per request
 * was most of a cached hit's cost). Report documents are kept per store opening and key, so a
 * report and its six charts build the document once.
 * @module
 * @example
 * ```ts
 * const out = await runAnalysis(store, { kind: "profile", key: { a: "KOR", b: "RUS" } }, docs, signal);
 * c.body(out.body, 200, { "Content-Type": out.contentType });
 * ```
 */
import { buildProfile } from "../../profile/buildProfile.js";
import { buildReport } from "../../report/buildReport.js";
import type { ReportDocument } from "../../report/document.js";
import { renderCharts, renderReport, withoutSvg } from "../../report/render/index.js";
import type { TradeStore } from "../../store/TradeStore.js";
import type { Lru } from "../cache.js";
import { ApiError } from "../errors.js";
import { AnalysisCancelled, cancellableStore } from "./cancellable.js";

/** A pair and the period asked for, countries already resolved. */
export interface PairKey {
  a: string;
  b: string;
  from?: number;
  to?: number;
  reference_year?: number;
}

export type AnalysisTask =
  | { kind: "profile"; key: PairKey }
  /** `pdf` is the HTML edition, printed by the server's one browser afterwards. */
  | { kind: "report"; key: PairKey; format: "json" | "md" | "html" }
  | { kind: "chart"; key: PairKey; chart: string };

export interface AnalysisBody {
  body: string;
  contentType: string;
}

export const keyOf = (k: PairKey): string => JSON.stringify([k.a, k.b, k.from ?? null, k.to ?? null, k.reference_year ?? null]);

/** Report documents with their charts drawn, by store opening and key. */
export type DocumentCache = Lru<Promise<ReportDocument>>;

export async function runAnalysis(store: TradeStore, task: AnalysisTask, docs: DocumentCache, signal: AbortSignal, storeKey: string): Promise<AnalysisBody> {
  const view = cancellableStore(store, signal);
  const { key } = task;
  const options = { from: key.from, to: key.to, referenceYear: key.reference_year };
  if (task.kind === "profile") {
    const profile = await buildProfile(view, key.a, key.b, options);
    return { body: JSON.stringify(profile), contentType: "application/json; charset=utf-8" };
  }
  // The document is shared by every request for the key; one that is cancelled is not kept.
  const doc = await docs.memo(`${storeKey}|${keyOf(key)}`, async () => {
    const built = await buildReport(view, key.a, key.b, options);
    if (signal.aborted) throw new AnalysisCancelled(signal.reason);
    return renderCharts(built);
  });
  if (signal.aborted) throw new AnalysisCancelled(signal.reason);
  if (task.kind === "chart") {
    const charts = doc.sections.flatMap((s) => s.charts);
    const chart = charts.find((ch) => ch.id === task.chart);
    if (!chart?.svg) {
      const have = charts.map((ch) => ch.id);
      throw new ApiError(404, `the ${key.a}–${key.b} report has no "${task.chart}" chart for this period (the loaded data does not support it)${have.length ? `; it has: ${have.join(", ")}` : ""}`, { field: "chart" });
    }
    return { body: chart.svg, contentType: "image/svg+xml; charset=utf-8" };
  }
  if (task.format === "json") return { body: JSON.stringify(withoutSvg(doc), null, 2) + "\n", contentType: "application/json; charset=utf-8" };
  const out = await renderReport(doc, task.format);
  return { body: out.body as string, contentType: out.contentType };
}
