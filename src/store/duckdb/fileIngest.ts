/**
 * Stores the rows of a parsed file (every adapter but BACI) in one transaction.
 * @module
 */
import { TradetiesError } from "../../errors.js";
import type { FileIdentity, ResolvedFile, StoreResult } from "../TradeStore.js";
import type { StoreDb } from "./connection.js";
import { findSource, insertSource, nextSourceKey } from "./sources.js";

export async function storeFile(db: StoreDb, identity: FileIdentity, file: ResolvedFile): Promise<StoreResult> {
  db.assertWritable();
  const existing = await findSource(db, identity.sourceId);
  if (existing) return { source: existing, changed: false, rejected: [], rejectedCount: 0, skipped: [] };
  const stored = file.trade.length + file.series.length + file.prices.length + file.products.length;
  await db.inTransaction(async () => {
    const key = await nextSourceKey(db);
    await insertSource(db, key, identity, file, stored, file.rejected.length);
    await db.appendRows("trade_reported", file.trade, [
      ["int", () => key], ["int", (r) => r.line], ["text", (r) => r.cell], ["int", (r) => r.year],
      ["text", (r) => r.reporter], ["text", (r) => r.partner], ["text", (r) => r.partnerKind], ["text", (r) => r.flow],
      ["text", (r) => r.productCode], ["text", (r) => r.classification], ["double", (r) => r.valueUsd], ["text", (r) => r.valuation],
      ["bool", (r) => r.estimated], ["double", (r) => r.quantity], ["text", (r) => r.quantityUnit],
    ]);
    await db.appendRows("bilateral_series", file.series, [
      ["int", () => key], ["int", (r) => r.line], ["text", (r) => r.cell], ["text", (r) => r.period], ["int", (r) => r.year],
      ["int", (r) => r.month], ["text", (r) => r.from], ["text", (r) => r.to], ["text", (r) => r.metric], ["text", (r) => r.breakdown],
      ["double", (r) => r.value], ["text", (r) => r.unit], ["bool", (r) => r.publishedPoint], ["bool", (r) => r.approximate],
      ["text", (r) => r.publisher], ["text", (r) => r.sourceUrl], ["text", (r) => r.published], ["text", (r) => r.note],
    ]);
    await db.appendRows("price_series", file.prices, [
      ["int", () => key], ["int", (r) => r.line], ["text", (r) => r.series], ["text", (r) => r.date], ["int", (r) => r.year],
      ["int", (r) => r.month], ["text", (r) => r.frequency], ["double", (r) => r.value], ["text", (r) => r.unit],
    ]);
    await db.appendRows("published_products", file.products, [
      ["int", () => key], ["int", (r) => r.line], ["text", (r) => r.period], ["int", (r) => r.year], ["text", (r) => r.reporter],
      ["text", (r) => r.partner], ["text", (r) => r.flow], ["text", (r) => r.classification], ["text", (r) => r.code],
      ["text", (r) => r.product], ["double", (r) => r.valueUsd], ["double", (r) => r.share], ["text", (r) => r.publisher],
      ["text", (r) => r.sourceUrl], ["text", (r) => r.published], ["text", (r) => r.note],
    ]);
  });
  const source = await findSource(db, identity.sourceId);
  if (!source) throw new TradetiesError(`source ${identity.fileName} vanished after commit`);
  return { source, changed: true, rejected: file.rejected, rejectedCount: file.rejected.length, skipped: file.skipped };
}
