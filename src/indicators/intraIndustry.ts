/**
 * Intra-industry trade: Grubel–Lloyd indices (Grubel & Lloyd 1975). 0 = pure one-way trade in a
 * product, 1 = exports equal imports (two-way trade).
 * @module
 */
import { UsageError } from "../errors.js";
import { requireFinite } from "./series.js";

function checkFlows(exports: number, imports: number, what: string): void {
  requireFinite(exports, `${what} exports`);
  requireFinite(imports, `${what} imports`);
  if (exports < 0 || imports < 0) throw new UsageError(`${what} has a negative flow; trade values must be ≥ 0`);
}

/**
 * Grubel–Lloyd index of one product: GL_k = 1 − |X_k − M_k| / (X_k + M_k), a fraction in [0, 1].
 * Exports and imports must share a unit.
 *
 * @returns `undefined` when both flows are 0 (no trade, no index).
 * @throws UsageError when a flow is negative or not finite.
 */
export function grubelLloyd(exports: number, imports: number): number | undefined {
  checkFlows(exports, imports, "Product");
  const total = exports + imports;
  return total > 0 ? 1 - Math.abs(exports - imports) / total : undefined;
}

/** One product's two-way trade with a partner. */
export interface ProductFlows {
  key?: string;
  exports: number;
  imports: number;
}

/**
 * Trade-weighted aggregate Grubel–Lloyd index over products:
 * GL = 1 − Σ_k |X_k − M_k| / Σ_k (X_k + M_k), equal to the average of the product indices
 * weighted by each product's share of total trade (Grubel & Lloyd 1975). A fraction in [0, 1].
 * It is not corrected for the overall trade imbalance (Aquino's adjustment), so a large
 * bilateral deficit lowers it; reports should say so next to a balance figure.
 *
 * @returns `undefined` when there are no products or all flows are 0.
 * @throws UsageError when a flow is negative or not finite.
 */
export function grubelLloydAggregate(products: readonly ProductFlows[]): number | undefined {
  let gap = 0;
  let total = 0;
  products.forEach((p, i) => {
    checkFlows(p.exports, p.imports, `Product ${p.key ?? `#${i + 1}`}`);
    gap += Math.abs(p.exports - p.imports);
    total += p.exports + p.imports;
  });
  return total > 0 ? Math.min(1, Math.max(0, 1 - gap / total)) : undefined;
}
