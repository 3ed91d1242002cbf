/**
 * The store as one request (a profile) sees it: a read asked twice while the request runs is run
 * once. Blocks ask their own questions and some coincide (the pair's BACI totals are read by the
 * pair series and by the composition block, the bilateral series by growth and by people, the
 * source list by both); sharing them here keeps the blocks independent of each other. Nothing
 * outlives the request, so this is right for a writable store too, unlike the store's own memo.
 * @module
 */
import { memoKey } from "./readMemo.js";
import type { TradeStore } from "./TradeStore.js";

const SHARED_READS = new Set<string>([
  "listSources",
  "tradeRows",
  "tradeTotals",
  "seriesRows",
  "priceRows",
  "productPoints",
  "reconciledTotals",
  "reconciledProducts",
  "reconciledChapterTotals",
  "reconciledWorldTotals",
  "reconciledChapterWorld",
  "reconciledProductExports",
] satisfies (keyof TradeStore)[]);

/** `store` with its reads shared for as long as the returned object is used; each caller gets its own array. */
export function requestReads(store: TradeStore): TradeStore {
  const asked = new Map<string, Promise<unknown[]>>();
  return new Proxy(store, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== "function") return value;
      if (typeof prop !== "string" || !SHARED_READS.has(prop)) return value.bind(target);
      return (...args: unknown[]) => {
        const key = memoKey(prop, args);
        let rows = asked.get(key);
        if (!rows) {
          rows = (value as (...a: unknown[]) => Promise<unknown[]>).apply(target, args);
          asked.set(key, rows);
        }
        return rows.then((r) => r.slice());
      };
    },
  });
}
