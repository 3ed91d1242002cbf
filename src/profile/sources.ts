/**
 * Footnote sources of profile blocks: from stored provenance and from pair years, one per file and side.
 * @module
 */
import type { FigureSource, PairYear } from "../query/pair.js";
import type { LoadProvenance } from "../store/TradeStore.js";
import type { SourceRef } from "./types.js";

export function ref(p: LoadProvenance, side: string, detail?: string): SourceRef {
  return { dataset: p.dataset, vintage: p.vintage, file: p.fileName, source_id: p.sourceId, side, ...(detail ? { detail } : {}) };
}

export function uniqueRefs(refs: SourceRef[]): SourceRef[] {
  const m = new Map<string, SourceRef>();
  for (const r of refs) m.set(`${r.source_id}|${r.side}`, r);
  return [...m.values()];
}

/** The sources behind some figures of some pair years, one per file and side. */
export function pairSourceRefs(years: readonly PairYear[], figures: readonly FigureSource["figure"][]): SourceRef[] {
  const m = new Map<string, SourceRef>();
  for (const y of years)
    for (const s of y.sources)
      if (figures.includes(s.figure)) {
        const side = s.figure.startsWith("mirror") || s.basis === "mirror" ? "mirror" : s.figure.startsWith("reconciled") ? "reconciled" : "reporter";
        m.set(`${s.source_id}|${side}`, { dataset: s.dataset, vintage: s.vintage, file: s.file, source_id: s.source_id, side });
      }
  return [...m.values()];
}

/** The years the user asked for (--from/--to); either end may be open. */
export interface YearPeriod {
  from?: number;
  to?: number;
}

export function inPeriod(year: number, period: YearPeriod): boolean {
  return (period.from === undefined || year >= period.from) && (period.to === undefined || year <= period.to);
}
