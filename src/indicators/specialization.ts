/**
 * Specialization and fit of two countries' trade: revealed comparative advantage, trade
 * complementarity, export similarity and trade intensity.
 * @module
 */
import { MissingDataError, UsageError } from "../errors.js";
import { finiteOrUndefined, requireFinite } from "./series.js";

function nonNegative(x: number, what: string): void {
  requireFinite(x, what);
  if (x < 0) throw new UsageError(`${what} is negative (${x}); trade values must be ≥ 0`);
}

/**
 * Balassa's (1965) revealed comparative advantage of country i in product j:
 * RCA = (x_ij / X_i) / (x_wj / X_w), product j's share in i's exports over its share in world
 * exports. RCA > 1 means i is specialized in j. Unitless, ≥ 0; the four values share one unit.
 * Example: Brazil soybeans 2008, 7.8 % of Brazil's exports vs 0.35 % of world exports → 22.3.
 *
 * @returns `undefined` when countryTotalExports, worldProductExports or worldTotalExports is 0, or
 *   the ratio over- or underflows (extreme magnitudes).
 * @throws UsageError when a value is negative or not finite.
 */
export function rca(
  countryProductExports: number,
  countryTotalExports: number,
  worldProductExports: number,
  worldTotalExports: number,
): number | undefined {
  nonNegative(countryProductExports, "Country's product exports");
  nonNegative(countryTotalExports, "Country's total exports");
  nonNegative(worldProductExports, "World product exports");
  nonNegative(worldTotalExports, "World total exports");
  if (countryTotalExports === 0 || worldProductExports === 0 || worldTotalExports === 0) return undefined;
  return finiteOrUndefined(countryProductExports / countryTotalExports / (worldProductExports / worldTotalExports));
}

/** Product code → amount, in one unit (e.g. USD by HS6 code). */
export type ProductValues = ReadonlyMap<string, number>;

/**
 * {@link rca} for every product the world exports. Totals default to the sums of the maps, which
 * is right when the maps hold every product (all HS6 lines); pass the official totals otherwise.
 * A product absent from the country map has RCA 0 (the country does not export it).
 * Sorted by RCA descending, then product.
 *
 * @returns entries whose RCA exists (products with world exports 0 are left out); empty when a total is 0.
 * @throws MissingDataError when the country exports a product the world map lacks (the world
 *   figure must include the country's, so the maps do not match).
 * @throws UsageError when a value is negative or not finite.
 */
export function rcaByProduct(
  countryExports: ProductValues,
  worldExports: ProductValues,
  totals: { countryTotalExports?: number; worldTotalExports?: number } = {},
): { product: string; rca: number }[] {
  const missing = [...countryExports.keys()].filter((k) => !worldExports.has(k));
  if (missing.length > 0) {
    throw new MissingDataError(
      `World exports lack product(s) ${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ", …" : ""} that the country exports`,
    );
  }
  const sum = (m: ProductValues): number => [...m.values()].reduce((s, v) => s + v, 0);
  const countryTotal = totals.countryTotalExports ?? sum(countryExports);
  const worldTotal = totals.worldTotalExports ?? sum(worldExports);
  const out: { product: string; rca: number }[] = [];
  for (const [product, worldValue] of worldExports) {
    const value = rca(countryExports.get(product) ?? 0, countryTotal, worldValue, worldTotal);
    if (value !== undefined) out.push({ product, rca: value });
  }
  return out.sort((a, b) => b.rca - a.rca || a.product.localeCompare(b.product));
}

function checkShares(shares: ProductValues, what: string): void {
  for (const [k, v] of shares) {
    requireFinite(v, `${what} of '${k}'`);
    if (v < 0 || v > 1) throw new UsageError(`${what} of '${k}' is ${v}; shares are fractions in [0, 1]`);
  }
}

/**
 * Trade complementarity index (World Bank WITS): TC_ij = 100 · (1 − Σ_k |m_jk − x_ik| / 2), where
 * m_jk is product k's share in importer j's total imports and x_ik its share in exporter i's total
 * exports. 0 = nothing i exports is imported by j, 100 = the structures match exactly.
 * Returned on WITS's 0–100 scale (not a fraction) so it compares directly with published values.
 * Products missing from one map count as share 0. Shares should each cover all products (sum to 1).
 *
 * @returns `undefined` when both maps are empty.
 * @throws UsageError when a share is outside [0, 1] or not finite.
 */
export function complementarity(importerShares: ProductValues, exporterShares: ProductValues): number | undefined {
  checkShares(importerShares, "Importer share");
  checkShares(exporterShares, "Exporter share");
  const keys = new Set([...importerShares.keys(), ...exporterShares.keys()]);
  if (keys.size === 0) return undefined;
  let sumAbs = 0;
  for (const k of keys) sumAbs += Math.abs((importerShares.get(k) ?? 0) - (exporterShares.get(k) ?? 0));
  return Math.min(100, Math.max(0, 100 * (1 - sumAbs / 2)));
}

/**
 * Export similarity index (Finger & Kreinin 1979): S(a, b) = Σ_k min(x_ak, x_bk), where x_ak is
 * product k's share in country a's exports (to the world or to one market). Returned as a fraction
 * in [0, 1] (1 = identical export structures); Finger and Kreinin publish it ×100 (0–100).
 * Products missing from one map count as share 0.
 *
 * @returns `undefined` when both maps are empty.
 * @throws UsageError when a share is outside [0, 1] or not finite.
 */
export function exportSimilarity(sharesA: ProductValues, sharesB: ProductValues): number | undefined {
  checkShares(sharesA, "Share of a");
  checkShares(sharesB, "Share of b");
  const keys = new Set([...sharesA.keys(), ...sharesB.keys()]);
  if (keys.size === 0) return undefined;
  let s = 0;
  for (const k of keys) s += Math.min(sharesA.get(k) ?? 0, sharesB.get(k) ?? 0);
  return Math.min(1, s);
}

/**
 * Trade intensity index of i's exports to j. WITS defines it as T_ij = (x_ij / X_i) / (x_wj / X_w):
 * the share of i's exports going to j over the share of world exports going to j. World exports
 * to j are, from the other side, j's imports from the world, so this function takes the mirror
 * form (x_ij / X_i) / (M_j / M_w) with M_j = j's total imports and M_w = world total imports, which
 * is what national import statistics provide; with world exports data pass x_wj and X_w instead —
 * the formula is the same. T > 1: i exports more to j than j's weight in world trade predicts.
 * Unitless, ≥ 0; each ratio's two values must share a unit.
 *
 * @returns `undefined` when totalExports, partnerTotalImports or worldTotalImports is 0, or the
 *   ratio over- or underflows.
 * @throws UsageError when a value is negative or not finite.
 */
export function tradeIntensity(
  exportsToPartner: number,
  totalExports: number,
  partnerTotalImports: number,
  worldTotalImports: number,
): number | undefined {
  nonNegative(exportsToPartner, "Exports to partner");
  nonNegative(totalExports, "Total exports");
  nonNegative(partnerTotalImports, "Partner's total imports");
  nonNegative(worldTotalImports, "World total imports");
  if (totalExports === 0 || partnerTotalImports === 0 || worldTotalImports === 0) return undefined;
  return finiteOrUndefined(exportsToPartner / totalExports / (partnerTotalImports / worldTotalImports));
}
