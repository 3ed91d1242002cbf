/**
 * The store as one request (a profile) sees it: a read asked twice while the request runs is run
 * once. Blocks ask their own questions and some coincide (the pair's BACI totals are read by the
 * pair series and by the composition block, the bilateral series by growth and by people, the
 * source list by both); sharing them here keeps the blocks independent of each other. Nothing
 * outlives the request, so this is right for a writable store too, unlike the store's own memo.
 * A narrower read of all-product totals is answered from a wider one already asked (a side's
 * trade with every partner holds its largest partners in one year): the rows the store would
 * return, in its order, without another scan.
 * @module
 */
import { memoKey } from "./readMemo.js";
import type { TradeStore, TradeTotalRow, TradeTotalsQuery } from "./TradeStore.js";

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

/** `store` with its reads shared for as long as the returned object is used: each caller gets its own copy, except of the read-only totals, which are shared. */
export function requestReads(store: TradeStore): TradeStore {
  const asked = new Map<string, Promise<readonly unknown[]>>();
  const totals: { query: TradeTotalsQuery; rows: Promise<readonly TradeTotalRow[]> }[] = [];
  const totalsRead = (query: TradeTotalsQuery): Promise<readonly TradeTotalRow[]> => {
    const wider = totals.find((t) => covers(t.query, query));
    if (wider) return wider.rows.then((r) => narrowed(r, query));
    const rows = store.tradeTotals(query);
    totals.push({ query, rows });
    return rows;
  };
  return new Proxy(store, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== "function") return value;
      if (typeof prop !== "string" || !SHARED_READS.has(prop)) return value.bind(target);
      return (...args: unknown[]) => {
        const key = memoKey(prop, args);
        let rows = asked.get(key);
        if (!rows) {
          rows = prop === "tradeTotals" ? totalsRead((args[0] ?? {}) as TradeTotalsQuery) : (value as (...a: unknown[]) => Promise<unknown[]>).apply(target, args);
          asked.set(key, rows);
        }
        // Totals are read-only (the type says so), so callers may share them; other reads are copied.
        return prop === "tradeTotals" ? rows : rows.then((r) => r.slice());
      };
    },
  });
}

/** Whether every row `narrow` asks for is among `wide`'s: each list unset on `wide` or holding all of `narrow`'s, the years inside. */
export function covers(wide: TradeTotalsQuery, narrow: TradeTotalsQuery): boolean {
  const holds = (w: readonly string[] | undefined, n: readonly string[] | undefined) => w === undefined || (n !== undefined && n.every((x) => w.includes(x)));
  return (
    holds(wide.reporters, narrow.reporters) &&
    holds(wide.partners, narrow.partners) &&
    holds(wide.flows, narrow.flows) &&
    holds(wide.datasets, narrow.datasets) &&
    (wide.fromYear === undefined || (narrow.fromYear !== undefined && narrow.fromYear >= wide.fromYear)) &&
    (wide.toYear === undefined || (narrow.toYear !== undefined && narrow.toYear <= wide.toYear))
  );
}

/** Narrower reads already taken from a shared (frozen) read: every pair of a reporter asks the same ones. */
const narrowings = new WeakMap<readonly TradeTotalRow[], Map<string, readonly TradeTotalRow[]>>();

/** The rows of `wide` that `query` asks for, in their order; remembered against `wide` when the store shares it. */
function narrowed(wide: readonly TradeTotalRow[], query: TradeTotalsQuery): readonly TradeTotalRow[] {
  if (!Object.isFrozen(wide)) return sameIfWhole(wide, totalsIn(wide, query));
  let byQuery = narrowings.get(wide);
  if (!byQuery) narrowings.set(wide, (byQuery = new Map()));
  const key = memoKey("tradeTotals", [query]);
  let rows = byQuery.get(key);
  if (!rows) byQuery.set(key, (rows = sameIfWhole(wide, Object.freeze(totalsIn(wide, query)))));
  return rows;
}

/** `wide` itself when the narrowing kept every row (a side cut at the last year it has): what is built from `wide` is then reused. */
function sameIfWhole(wide: readonly TradeTotalRow[], rows: readonly TradeTotalRow[]): readonly TradeTotalRow[] {
  return rows.length === wide.length ? wide : rows;
}

/** The store's filter of a totals query, on rows already read. Totals come ordered by year first, so a year range is a slice. */
function totalsIn(rows: readonly TradeTotalRow[], q: TradeTotalsQuery): TradeTotalRow[] {
  const first = q.fromYear === undefined ? 0 : firstIndexFrom(rows, q.fromYear);
  const end = q.toYear === undefined ? rows.length : firstIndexFrom(rows, q.toYear + 1);
  const among = (list: readonly string[] | undefined) => (list ? new Set(list) : undefined);
  const [reporters, partners, flows, datasets] = [among(q.reporters), among(q.partners), among(q.flows), among(q.datasets)];
  const out: TradeTotalRow[] = [];
  for (let i = first; i < end; i++) {
    const r = rows[i]!;
    if ((!reporters || reporters.has(r.reporter)) && (!partners || partners.has(r.partner)) && (!flows || flows.has(r.flow)) && (!datasets || datasets.has(r.dataset))) out.push(r);
  }
  return out;
}

/** The first index whose year is at least `year` in rows ordered by year. */
function firstIndexFrom(rows: readonly TradeTotalRow[], year: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]!.year < year) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
