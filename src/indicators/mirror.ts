/**
 * Mirror statistics: the same flow as reported by both sides (Chile's exports to Argentina vs
 * Argentina's imports from Chile), their gap and the gap after removing freight and insurance.
 * @module
 */
import { UsageError } from "../errors.js";
import { finiteOrUndefined, requireFinite, sortByYear, toYearMap } from "./series.js";
import type { YearValue } from "./types.js";

export interface MirrorOptions {
  /**
   * CIF/FOB factor: CIF value = FOB value × factor. Default 1.0 (no adjustment). The IMF DOTS
   * convention, used when it derives one side from the other, is 1.10 (CIF imports 10 % above FOB exports).
   */
  cifFobFactor?: number;
  /**
   * Which side's value is CIF imports, to be deflated by the factor: "reporter" (default, e.g.
   * Korea's imports from Russia against Russia's exports to Korea) or "partner" (e.g. Chile's FOB
   * exports against Argentina's CIF imports).
   */
  cifSide?: "reporter" | "partner";
}

export interface MirrorGap {
  /** reporterValue − partnerValue, in the inputs' unit (USD in this system). */
  gapUsd: number;
  /** reporterValue / partnerValue; `undefined` when partnerValue ≤ 0 (or the ratio overflows). */
  ratio: number | undefined;
  /** The gap with the CIF side divided by cifFobFactor: both sides on an FOB basis. */
  adjustedGap: number;
}

/**
 * Gap between a reporter's figure and its partner's mirror figure for the same flow.
 * gap = reporter − partner; ratio = reporter / partner; adjustedGap compares on an FOB basis:
 * importsCif / cifFobFactor − exportsFob, keeping the sign convention reporter − partner
 * (so with cifSide "partner": reporter − partner / factor). With the default factor 1.0 the
 * adjusted gap equals the gap. What remains after adjustment is timing, valuation, attribution
 * of origin and transit (re-exports), which this function does not try to split.
 * Example (OTS, 2002): Chile's exports to Argentina 191,070,218 USD vs Argentina's imports from
 * Chile 142,974,825 USD → gap 48,095,393, ratio 1.336.
 *
 * @throws UsageError when a value is not finite or cifFobFactor is not > 0.
 */
export function mirrorGap(reporterValue: number, partnerValue: number, options: MirrorOptions = {}): MirrorGap {
  const { cifFobFactor = 1.0, cifSide = "reporter" } = options;
  requireFinite(reporterValue, "Reporter value");
  requireFinite(partnerValue, "Partner value");
  requireFinite(cifFobFactor, "CIF/FOB factor");
  if (cifFobFactor <= 0) throw new UsageError(`CIF/FOB factor must be > 0, got ${cifFobFactor}`);
  const reporterFob = cifSide === "reporter" ? reporterValue / cifFobFactor : reporterValue;
  const partnerFob = cifSide === "partner" ? partnerValue / cifFobFactor : partnerValue;
  return {
    gapUsd: reporterValue - partnerValue,
    ratio: partnerValue > 0 ? finiteOrUndefined(reporterValue / partnerValue) : undefined,
    adjustedGap: reporterFob - partnerFob,
  };
}

export interface MirrorYear extends MirrorGap {
  year: number;
  reporterValue: number;
  partnerValue: number;
}

/**
 * {@link mirrorGap} for every year both sides reported; years missing on either side are left out
 * (a missing report is not a zero). Sorted by year.
 * @throws UsageError as {@link mirrorGap}, or when a series is malformed (see `sortByYear`).
 */
export function mirrorSeries(
  reporter: readonly YearValue[],
  partner: readonly YearValue[],
  options: MirrorOptions = {},
): MirrorYear[] {
  const partnerByYear = toYearMap(partner);
  const out: MirrorYear[] = [];
  for (const r of sortByYear(reporter)) {
    const p = partnerByYear.get(r.year);
    if (p === undefined) continue;
    out.push({ year: r.year, reporterValue: r.value, partnerValue: p, ...mirrorGap(r.value, p, options) });
  }
  return out;
}
