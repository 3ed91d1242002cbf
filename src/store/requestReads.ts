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
import { totalColumnsMatching, totalRowsMatching, type TradeTotalColumns } from "./tradeTotalColumns.js";

const SHARED_READS = new Set<string>([
  "listSources",
  "tradeRows",
  "tradeTotals",
  "tradeTotalColumns",
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
  const asked = new Map<string, Promise<unknown>>();
  const rowReads: { query: TradeTotalsQuery; rows: Promise<readonly TradeTotalRow[]> }[] = [];
  const columnReads: { query: TradeTotalsQuery; columns: Promise<TradeTotalColumns> }[] = [];
  const totalsRead = (query: TradeTotalsQuery): Promise<readonly TradeTotalRow[]> => {
    const wider = rowReads.find((t) => covers(t.query, query));
    if (wider) return wider.rows.then((r) => narrowed(r, query));
    const widerColumns = columnReads.find((t) => covers(t.query, query));
    if (widerColumns) return widerColumns.columns.then((c) => rowsFromColumns(c, query));
    const rows = store.tradeTotals(query);
    rowReads.push({ query, rows });
    return rows;
  };
  const columnsRead = (query: TradeTotalsQuery): Promise<TradeTotalColumns> => {
    const wider = columnReads.find((t) => covers(t.query, query));
    if (wider) return wider.columns.then((c) => columnsFromColumns(c, query));
    const columns = store.tradeTotalColumns(query);
    columnReads.push({ query, columns });
    return columns;
  };
  return new Proxy(store, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== "function") return value;
      if (typeof prop !== "string" || !SHARED_READS.has(prop)) return value.bind(target);
      return (...args: unknown[]) => {
        const key = memoKey(prop, args);
        let read = asked.get(key);
        if (!read) {
          const query = (args[0] ?? {}) as TradeTotalsQuery;
          read = prop === "tradeTotals" ? totalsRead(query) : prop === "tradeTotalColumns" ? columnsRead(query) : (value as (...a: unknown[]) => Promise<unknown[]>).apply(target, args);
          asked.set(key, read);
        }
        // Totals are read-only (the types say so), so callers may share them; other reads are copied.
        return prop === "tradeTotals" || prop === "tradeTotalColumns" ? read : read.then((r) => (r as unknown[]).slice());
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

/** Rows and columns already taken from columns: columns are read-only whether or not the store shares them, so a narrowing is always remembered against them. */
const fromColumns = new WeakMap<TradeTotalColumns, Map<string, readonly TradeTotalRow[] | TradeTotalColumns>>();

function takenFrom<T extends readonly TradeTotalRow[] | TradeTotalColumns>(wide: TradeTotalColumns, key: string, take: () => T): T {
  let byQuery = fromColumns.get(wide);
  if (!byQuery) fromColumns.set(wide, (byQuery = new Map()));
  let taken = byQuery.get(key) as T | undefined;
  if (!taken) byQuery.set(key, (taken = take()));
  return taken;
}

function rowsFromColumns(wide: TradeTotalColumns, query: TradeTotalsQuery): readonly TradeTotalRow[] {
  return takenFrom(wide, memoKey("tradeTotals", [query]), () => Object.freeze(totalRowsMatching(wide, query)));
}

function columnsFromColumns(wide: TradeTotalColumns, query: TradeTotalsQuery): TradeTotalColumns {
  return takenFrom(wide, memoKey("tradeTotalColumns", [query]), () => totalColumnsMatching(wide, query));
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
