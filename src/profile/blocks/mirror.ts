/**
 * Mirror comparison: what A reports against what B reports for the same flows.
 * @module
 */
import { mirrorGap } from "../../indicators/index.js";
import type { PairYear } from "../../query/pair.js";
import type { MirrorBlock } from "../types.js";

/** IMF DOTS' conventional CIF/FOB factor (imports CIF ≈ exports FOB × 1.10). */
export const CIF_FOB_FACTOR = 1.1;

/** Undefined when B reports nothing on trade with A. */
export function mirrorBlock(years: readonly PairYear[]): MirrorBlock | undefined {
  const mirrorYears = years
    .filter((y) => y.mirror.exports !== null || y.mirror.imports !== null)
    .map((y) => {
      const ex = y.exports !== null && y.mirror.exports !== null ? mirrorGap(y.exports, y.mirror.exports) : undefined;
      const im = y.imports !== null && y.mirror.imports !== null ? mirrorGap(y.imports, y.mirror.imports, { cifFobFactor: CIF_FOB_FACTOR }) : undefined;
      return { year: y.year, exports_gap: ex?.gapUsd, exports_ratio: ex?.ratio, imports_gap: im?.gapUsd, imports_ratio: im?.ratio, imports_adjusted_gap: im?.adjustedGap };
    });
  if (!mirrorYears.length) return undefined;
  return {
    years: mirrorYears,
    cif_fob_factor: CIF_FOB_FACTOR,
    formula: `gap = reporter's figure − partner's mirror figure; ratio = reporter / partner; imports adjusted = imports CIF / ${CIF_FOB_FACTOR} − partner's exports FOB`,
  };
}
