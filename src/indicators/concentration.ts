/**
 * Concentration of trade across partners or products: Herfindahl–Hirschman index and top-n shares.
 * All results are fractions (HHI 0.25, not 2,500 points; reports may rescale).
 * @module
 */
import { UsageError } from "../errors.js";
import { requireFinite } from "./series.js";
import type { KeyShare, KeyValue } from "./types.js";

function sharesOf(values: readonly number[]): number[] | undefined {
  values.forEach((v, i) => {
    requireFinite(v, `Value #${i + 1}`);
    if (v < 0) throw new UsageError(`Value #${i + 1} is negative (${v}); concentration needs amounts ≥ 0`);
  });
  const total = values.reduce((s, v) => s + v, 0);
  return total > 0 && Number.isFinite(total) ? values.map((v) => v / total) : undefined;
}

/**
 * Herfindahl–Hirschman index H = Σ s_i², with s_i = v_i / Σv the shares of the sum (Hirschman 1945,
 * Herfindahl 1950; as used for export concentration by UNCTAD). Lies in [1/n, 1]: 1/n when all n
 * values are equal, 1 when one takes everything. Unitless fraction (×10,000 gives the antitrust
 * "points" scale).
 *
 * @param values amounts ≥ 0 in one unit; zeros count as members with share 0.
 * @returns `undefined` when there are no values, they sum to 0, or the sum overflows.
 * @throws UsageError when a value is negative or not finite.
 */
export function hhi(values: readonly number[]): number | undefined {
  const shares = sharesOf(values);
  return shares === undefined ? undefined : shares.reduce((s, x) => s + x * x, 0);
}

/**
 * Normalized HHI H* = (H − 1/n) / (1 − 1/n), rescaling {@link hhi} to [0, 1] so that values for
 * different numbers of members compare (0 = equal shares, 1 = one member takes all). n counts every
 * value passed, zeros included, so pass the full set of partners or products, not only the traded ones.
 *
 * @returns `undefined` for n = 1 (1 − 1/n = 0), no values, or a zero sum.
 * @throws UsageError when a value is negative or not finite.
 */
export function normalizedHhi(values: readonly number[]): number | undefined {
  const h = hhi(values);
  const n = values.length;
  if (h === undefined || n < 2) return undefined;
  // Clamp: rounding can put H a hair below 1/n for equal shares.
  return Math.min(1, Math.max(0, (h - 1 / n) / (1 - 1 / n)));
}

/** The largest parts and what they take together. */
export interface TopShares {
  /** The n largest parts, largest first (ties by key), with shares of the sum of all parts. */
  top: KeyShare[];
  /** Sum of the top shares, a fraction. */
  combinedShare: number;
}

/**
 * The n largest parts with their shares of the sum of all parts ("the top 3 products make 78 %").
 * If fewer than n parts exist, all are returned.
 *
 * @returns `undefined` when the parts sum to 0 or there are none.
 * @throws UsageError when n is not a whole number ≥ 1, or a value is negative or not finite.
 */
export function topShares(parts: readonly KeyValue[], n: number): TopShares | undefined {
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`Top-n needs a whole number ≥ 1, got ${n}`);
  const shares = sharesOf(parts.map((p) => p.value));
  if (shares === undefined) return undefined;
  const top = parts
    .map((p, i) => ({ key: p.key, value: p.value, share: shares[i] }))
    .sort((a, b) => b.value - a.value || a.key.localeCompare(b.key))
    .slice(0, n);
  return { top, combinedShare: top.reduce((s, p) => s + p.share, 0) };
}
