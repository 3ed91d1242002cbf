/**
 * Whose figures a report reads, in words: "South Korea's reports", "IMF estimates for North Korea
 * (built from partner data)" when every figure of that side is a DOTS estimate, or "China's reports
 * (mirror)" when A has no reports of its own and the pair falls back to B's (see `query/pair.ts`).
 * Sentence writers use these instead of writing "X's reports" themselves.
 * @module
 */
import type { Profile } from "../profile/types.js";

export interface SideWording {
  /** Whose figures `exports`/`imports` are: "South Korea's reports". */
  a: string;
  /** The same after "figures": "as South Korea reports them". */
  aThem: string;
  /** Whose the mirror figures are: "Russia's reports". */
  b: string;
  /** Every figure of that side is an IMF estimate built from partner data (North Korea): never "its reports". */
  aEstimated: boolean;
  bEstimated: boolean;
}

type Flags = { value: number | null; estimated: boolean }[];

function estimatedShare(flags: Flags): { n: number; estimated: number } {
  const present = flags.filter((f) => f.value !== null);
  return { n: present.length, estimated: present.filter((f) => f.estimated).length };
}

function reportsOf(name: string, flags: Flags): { reports: string; them: string; estimated: boolean } {
  const { n, estimated } = estimatedShare(flags);
  if (n > 0 && estimated === n) return { reports: `IMF estimates for ${name} (built from partner data)`, them: "as the IMF estimates them from partner data", estimated: true };
  // Some estimated cells among declared ones: still the country's reports; the table marks each "e".
  return { reports: `${name}'s reports`, them: `as ${name} reports them`, estimated: false };
}

export function sideWording(p: Profile, a: string, b: string): SideWording {
  const own = p.series.flatMap((y) => [
    { value: y.exports, estimated: y.estimated.exports },
    { value: y.imports, estimated: y.estimated.imports },
  ]);
  const mirror = p.series.flatMap((y) => [
    { value: y.mirror.exports, estimated: y.estimated.mirror_exports },
    { value: y.mirror.imports, estimated: y.estimated.mirror_imports },
  ]);
  const bSide = reportsOf(b, mirror);
  if (p.basis === "mirror") {
    return { a: `${bSide.reports} (mirror: ${a} has no reports of its own loaded)`, aThem: `${bSide.them} (mirror: ${a} has no reports of its own loaded)`, b: bSide.reports, aEstimated: bSide.estimated, bEstimated: bSide.estimated };
  }
  const aSide = reportsOf(a, own);
  return { a: aSide.reports, aThem: aSide.them, b: bSide.reports, aEstimated: aSide.estimated, bEstimated: bSide.estimated };
}
