import { describe, expect, it } from "vitest";
import type { TradeTotalRow, TradeTotalsQuery } from "./TradeStore.js";
import { indexesMatching, totalColumnsFrom, totalColumnsMatching, totalRows, totalRowsMatching } from "./tradeTotalColumns.js";

/** SYNTHETIC totals in the store's order (year first), two loads of two datasets, every kind of partner. */
function rows(): TradeTotalRow[] {
  const out: TradeTotalRow[] = [];
  for (const year of [2018, 2019, 2020])
    for (const reporter of ["KOR", "SUN"])
      for (const partner of ["CHN", "EUU", "WLD"])
        for (const flow of ["export", "import"] as const)
          out.push({
            sourceId: year === 2019 ? "s-2" : "s-1",
            fileName: year === 2019 ? "two.csv" : "one.csv",
            dataset: year === 2019 ? "un-comtrade" : "imf-dots",
            vintage: "v1",
            adapter: "a",
            reportedBy: "reporter",
            year,
            reporter,
            partner,
            partnerKind: partner === "CHN" ? "country" : "aggregate",
            flow,
            valueUsd: year * 100 + partner.charCodeAt(0) + (flow === "export" ? 0.25 : 0.5),
            estimated: partner === "EUU",
          });
  return out;
}

/** The filter written the obvious way over row objects: the second method. */
function filtered(all: TradeTotalRow[], q: TradeTotalsQuery): TradeTotalRow[] {
  const has = (list: readonly string[] | undefined, v: string) => !list || list.includes(v);
  return all.filter((r) => has(q.reporters, r.reporter) && has(q.partners, r.partner) && has(q.flows, r.flow) && has(q.datasets, r.dataset) && r.year >= (q.fromYear ?? -Infinity) && r.year <= (q.toYear ?? Infinity));
}

const QUERIES: TradeTotalsQuery[] = [
  {},
  { fromYear: 2019 },
  { toYear: 2018 },
  { fromYear: 2019, toYear: 2019 },
  { fromYear: 2021 },
  { reporters: ["SUN"] },
  { partners: ["WLD", "CHN"], flows: ["import"] },
  { datasets: ["un-comtrade"] },
  { reporters: ["KOR"], partners: [], flows: ["export"] },
];

describe("trade totals as columns", () => {
  it("gives back every row, field for field, in order", () => {
    const all = rows();
    const columns = totalColumnsFrom(all);
    expect(columns.rowCount).toBe(all.length);
    expect(columns.loads).toHaveLength(2);
    expect(totalRows(columns)).toEqual(all);
    expect(totalRows(totalColumnsFrom([]))).toEqual([]);
  });

  it("filters as the store does: rows and columns both equal the plain filter of the rows", () => {
    const all = rows();
    const columns = totalColumnsFrom(all);
    for (const q of QUERIES) {
      expect(totalRowsMatching(columns, q)).toEqual(filtered(all, q));
      expect(totalRows(totalColumnsMatching(columns, q))).toEqual(filtered(all, q));
    }
  });

  it("gives the columns themselves when a filter keeps every row, a view for a year range, a copy otherwise", () => {
    const columns = totalColumnsFrom(rows());
    expect(totalColumnsMatching(columns, { toYear: 2020 })).toBe(columns);
    const lastYear = totalColumnsMatching(columns, { fromYear: 2020 });
    expect(lastYear.year.buffer).toBe(columns.year.buffer);
    expect(lastYear.rowCount).toBe(12);
    const korea = totalColumnsMatching(columns, { reporters: ["KOR"] });
    expect(korea.year.buffer).not.toBe(columns.year.buffer);
    expect(Array.from(indexesMatching(columns, { reporters: ["KOR"], fromYear: 2020 }))).toEqual([24, 25, 26, 27, 28, 29]);
  });

  it("refuses a kind or a flow the columns cannot hold, naming it", () => {
    const bad = { ...rows()[0]!, partnerKind: "planet" } as unknown as TradeTotalRow;
    expect(() => totalColumnsFrom([bad])).toThrow(/partner kind "planet"/);
  });
});
