import { describe, expect, it } from "vitest";
import type { TradeStore, TradeTotalRow } from "../../store/TradeStore.js";
import { totalColumnsFrom, type TradeTotalColumns } from "../../store/tradeTotalColumns.js";
import { sideTrade, worldTotals } from "./position.js";

// SYNTHETIC rows: USSR (SUN) reports until 1991, Russia from 1992 and also, by the IMF's back data, in 1991.
function row(reporter: string, partner: string, year: number, flow: "export" | "import", valueUsd: number, partnerKind: TradeTotalRow["partnerKind"] = "country"): TradeTotalRow {
  return { sourceId: `s-${reporter}`, fileName: `${reporter}.xlsx`, dataset: "imf-dots", vintage: "v1", adapter: "dots", reportedBy: reporter, year, reporter, partner, partnerKind, flow, valueUsd, estimated: false };
}
const ROWS: TradeTotalRow[] = [
  row("SUN", "DEU", 1990, "export", 10),
  row("SUN", "DEU", 1990, "import", 20),
  row("SUN", "WLD", 1990, "export", 100, "aggregate"),
  row("SUN", "WLD", 1990, "import", 200, "aggregate"),
  row("RUS", "DEU", 1991, "export", 11),
  row("SUN", "DEU", 1991, "export", 99),
  row("RUS", "DEU", 1992, "export", 12),
  row("RUS", "DEU", 1992, "import", 13),
  row("RUS", "EUU", 1992, "import", 50, "aggregate"),
];

/** A store whose totals read answers with `answer()` each time, as columns. */
function storeAnswering(answer: () => TradeTotalColumns): TradeStore {
  return { tradeTotalColumns: async () => answer() } as unknown as TradeStore;
}

describe("sideTrade", () => {
  it("takes each year from the side's own entity first, drops aggregates, and keeps the World apart", async () => {
    const side = await sideTrade(storeAnswering(() => totalColumnsFrom(ROWS)), ["RUS", "SUN"], {});
    expect(side.flows.map((f) => [f.partner, f.year, f.exports, f.imports])).toEqual([
      ["DEU", 1990, 10, 20],
      ["DEU", 1991, 11, undefined],
      ["DEU", 1992, 12, 13],
    ]);
    expect(worldTotals(side)).toEqual([{ year: 1990, value: 300 }]);
  });

  it("summarises a shared read once: the same array gives the same side, an equal copy a new one", async () => {
    const shared = totalColumnsFrom(ROWS);
    const fromShared = storeAnswering(() => shared);
    const first = await sideTrade(fromShared, ["RUS", "SUN"], {});
    expect(await sideTrade(fromShared, ["RUS", "SUN"], {})).toBe(first);
    const copied = await sideTrade(storeAnswering(() => totalColumnsFrom(ROWS)), ["RUS", "SUN"], {});
    expect(copied).not.toBe(first);
    expect(copied).toEqual(first);
  });
});
