import { describe, expect, it } from "vitest";
import type { ResolvedFile, ResolvedTradeRow } from "../TradeStore.js";
import { StoreDb } from "./connection.js";
import { storeFile } from "./fileIngest.js";
import { RESORT_SHARE, sortTradeRows } from "./layout.js";
import { migrate } from "./migrations.js";
import { tradeRows } from "./reportedQueries.js";
import { dropSource } from "./vintages.js";

// SYNTHETIC rows: one reporter per file, files stored in an order that is not the reporters' order.
function rows(reporter: string, n: number): ResolvedTradeRow[] {
  return Array.from({ length: n }, (_, i) => ({
    line: i + 2, year: 1990 + (i % 30), reporter, partner: i % 2 ? "CHN" : "BRA", partnerKind: "country", flow: i % 4 < 2 ? "export" : "import",
    productCode: "TOTAL", classification: "TOTAL", valueUsd: i * 1000 + 0.5, valuation: "fob", estimated: false,
  }));
}
function file(trade: ResolvedTradeRow[], datasetKey: string): ResolvedFile {
  return { adapter: "synthetic", dataset: "synthetic", datasetKey, reportedBy: "reporter", rowsRead: trade.length, trade, series: [], prices: [], products: [], rejected: [], skipped: [], notes: [] };
}
async function store(db: StoreDb, reporter: string, n: number, id: string) {
  return storeFile(db, { sourceId: id.repeat(64), fileName: `${reporter}.csv` }, file(rows(reporter, n), `synthetic:${reporter}`));
}
/** The table as stored, in its physical order. */
async function physical(db: StoreDb): Promise<string[]> {
  return (await db.all("SELECT reporter || '|' || partner || '|' || year || '|' || flow AS k FROM trade_reported ORDER BY rowid")).map((r) => String(r.k));
}

describe("sortTradeRows", () => {
  it("puts trade rows in reporter, partner, year, flow order without changing any answer, and only when enough arrived since", async () => {
    const db = await StoreDb.open(":memory:");
    try {
      await migrate(db);
      await store(db, "ZAF", 300, "a");
      await store(db, "ARG", 200, "b");
      await store(db, "MEX", 100, "c");
      const before = await tradeRows(db, {});
      const stored = await physical(db);
      expect(stored.slice(0, 1)[0]).toMatch(/^ZAF/);

      expect(await sortTradeRows(db)).toBe(600);
      // Expected order worked out independently: the same keys sorted as text (codes and flows are ASCII, years 4 digits).
      expect(await physical(db)).toEqual([...stored].sort());
      expect(await tradeRows(db, {})).toEqual(before);
      expect(await sortTradeRows(db)).toBe(0);

      // 60 new rows = 9.1 % of 660, not above RESORT_SHARE (10 %): left as they are; 10 more (10.6 % of 670) sort again.
      expect(RESORT_SHARE).toBe(0.1);
      await store(db, "BRA", 60, "d");
      expect(await sortTradeRows(db)).toBe(0);
      await store(db, "AUS", 10, "e");
      expect(await sortTradeRows(db)).toBe(670);
      expect((await physical(db))[0]).toMatch(/^ARG/);

      // A source dropped after a sort leaves the rest in order and its rows gone.
      await dropSource(db, "a".repeat(64));
      expect((await tradeRows(db, { reporters: ["ZAF"] })).length).toBe(0);
      const left = await physical(db);
      expect(left).toEqual([...left].sort());
      expect(await sortTradeRows(db)).toBe(0);
    } finally {
      await db.close();
    }
  });
});
