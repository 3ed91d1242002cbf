import { pairSeries } from "../../query/pair.js";
import { openStore } from "../openStore.js";
import { millions, textTable } from "../format.js";
import { parseYear } from "../parse.js";

export async function pair(a: string, b: string, options: { store?: string; from?: string; to?: string; json?: boolean }, log: (line: string) => void = console.log): Promise<void> {
  const store = await openStore(options.store, { readOnly: true });
  try {
    const series = await pairSeries(store, a, b, { from: parseYear(options.from, "--from"), to: parseYear(options.to, "--to") });
    if (options.json) return log(JSON.stringify(series, null, 2));
    if (series.years.length === 0) return log(`no trade data between ${series.a} and ${series.b} in the store; see 'tradeties sources'`);
    const mark = (v: number | null, est: boolean) => millions(v) + (est ? " e" : "");
    log(`${series.a_name} (${series.a}) – ${series.b_name} (${series.b}), million USD; ${series.basis === "mirror" ? `${series.a} has no reports of its own loaded: exports and imports are ${series.b}'s reports (mirror)` : `${series.a}'s reports, and ${series.b}'s as mirror`}. "e" = estimate.`);
    log(
      textTable(
        ["year", "partner entity", "exports", "imports", "total", "balance", "mirror exp.", "mirror imp.", "sources"],
        series.years.map((y) => [
          String(y.year),
          y.entity_b,
          mark(y.exports, y.estimated.exports),
          mark(y.imports, y.estimated.imports),
          millions(y.total),
          millions(y.balance),
          mark(y.mirror.exports, y.estimated.mirror_exports),
          mark(y.mirror.imports, y.estimated.mirror_imports),
          [...new Set(y.sources.map((s) => s.dataset))].join(", "),
        ]),
        [false, false, true, true, true, true, true, true, false],
      ),
    );
    log(`precedence: ${series.precedence}`);
  } finally {
    await store.close();
  }
}
