import { describe, expect, it } from "vitest";
import { covers, requestReads } from "./requestReads.js";
import type { TradeStore, TradeTotalRow, TradeTotalsQuery } from "./TradeStore.js";
import { totalColumnsFrom, totalRows } from "./tradeTotalColumns.js";

/** A SYNTHETIC store that counts its reads. */
function countingStore() {
  const calls: string[] = [];
  const store = {
    location: "counting",
    tradeRows: async (q: unknown) => {
      calls.push(`tradeRows ${JSON.stringify(q)}`);
      return [{ valueUsd: 1 }, { valueUsd: 2 }];
    },
    priceRows: async (series: string) => {
      calls.push(`priceRows ${series}`);
      if (series === "missing") throw new Error("no such series");
      return [];
    },
    close: async () => {
      calls.push("close");
    },
  };
  return { calls, store: store as unknown as TradeStore };
}

describe("requestReads", () => {
  it("runs a read asked twice once, whatever the order of the query's fields, and gives each caller its own array", async () => {
    const { calls, store } = countingStore();
    const shared = requestReads(store);
    const [x, y] = await Promise.all([shared.tradeRows({ reporters: ["KOR"], flows: ["export"] }), shared.tradeRows({ flows: ["export"], reporters: ["KOR"] })]);
    expect(calls).toEqual(['tradeRows {"reporters":["KOR"],"flows":["export"]}']);
    expect(x).toEqual(y);
    expect(x).not.toBe(y);
    x.sort((a, b) => b.valueUsd - a.valueUsd);
    expect((await shared.tradeRows({ reporters: ["KOR"], flows: ["export"] })).map((r) => r.valueUsd)).toEqual([1, 2]);
    await shared.tradeRows({ reporters: ["RUS"], flows: ["export"] });
    expect(calls).toHaveLength(2);
  });

  it("tells every caller of a failed read, passes other methods and properties through, and shares nothing with another request", async () => {
    const { calls, store } = countingStore();
    const shared = requestReads(store);
    await expect(shared.priceRows("missing")).rejects.toThrow("no such series");
    await expect(shared.priceRows("missing")).rejects.toThrow("no such series");
    expect(shared.location).toBe("counting");
    await shared.close();
    await requestReads(store).priceRows("brent");
    await requestReads(store).priceRows("brent");
    expect(calls).toEqual(["priceRows missing", "close", "priceRows brent", "priceRows brent"]);
  });
});

/** A SYNTHETIC store of all-product totals that answers each query by its own filter and counts the reads. */
function totalsStore(shared = false) {
  const rows: TradeTotalRow[] = [];
  for (const reporter of ["KOR", "RUS"])
    for (const partner of ["CHN", "JPN", "WLD", "RUS", "KOR"])
      for (const year of [2018, 2019, 2020])
        for (const flow of ["export", "import"] as const)
          rows.push({ sourceId: `s-${reporter}-${year === 2018 ? "comtrade" : "imf-dots"}`, fileName: `${reporter}.xlsx`, dataset: year === 2018 ? "comtrade" : "imf-dots", vintage: "v", adapter: "a", reportedBy: reporter, year, reporter, partner, partnerKind: partner === "WLD" ? "aggregate" : "country", flow, valueUsd: year * 10 + partner.length, estimated: false });
  // The store's order: year, reporter, partner, flow.
  rows.sort((x, y) => x.year - y.year || x.reporter.localeCompare(y.reporter) || x.partner.localeCompare(y.partner) || x.flow.localeCompare(y.flow));
  const calls: TradeTotalsQuery[] = [];
  const inList = (list: readonly string[] | undefined, v: string) => list === undefined || list.includes(v);
  const answer = (q: TradeTotalsQuery) =>
    rows.filter((r) => inList(q.reporters, r.reporter) && inList(q.partners, r.partner) && inList(q.flows, r.flow) && inList(q.datasets, r.dataset) && r.year >= (q.fromYear ?? -Infinity) && r.year <= (q.toYear ?? Infinity));
  const store = {
    tradeTotals: async (q: TradeTotalsQuery) => {
      calls.push(q);
      return shared ? Object.freeze(answer(q)) : answer(q);
    },
    tradeTotalColumns: async (q: TradeTotalsQuery) => {
      calls.push(q);
      return totalColumnsFrom(answer(q));
    },
  };
  return { calls, answer, store: store as unknown as TradeStore };
}

describe("requestReads: a narrower totals read from a wider one", () => {
  it("answers every covered query with exactly the rows, in the order, the store gives it, without asking the store", async () => {
    const { calls, answer, store } = totalsStore();
    const shared = requestReads(store);
    const wide = shared.tradeTotals({ reporters: ["KOR", "RUS"], flows: ["export", "import"], toYear: 2020 });
    const narrow: TradeTotalsQuery[] = [
      { reporters: ["KOR"], flows: ["export", "import"], fromYear: 2020, toYear: 2020 },
      { reporters: ["RUS"], partners: ["CHN", "JPN"], flows: ["import"], fromYear: 2019, toYear: 2020 },
      { reporters: ["KOR"], partners: [], flows: ["export"], toYear: 2019 },
      { reporters: ["KOR", "RUS"], flows: ["export"], datasets: ["comtrade"], toYear: 2020 },
      // Partners listed twice and out of order: each row once, in the store's order.
      { reporters: ["KOR", "RUS"], partners: ["WLD", "CHN", "WLD"], flows: ["export", "import"], fromYear: 2019, toYear: 2020 },
    ];
    const got = await Promise.all(narrow.map((q) => shared.tradeTotals(q)));
    await wide;
    expect(calls).toHaveLength(1);
    narrow.forEach((q, i) => expect(got[i]).toEqual(answer(q)));
    expect(got[0]!.length).toBe(10);
  });

  it("asks the store when the wider read lacks a reporter, a flow, a partner list's member or a year", async () => {
    const wide: TradeTotalsQuery = { reporters: ["KOR"], partners: ["CHN", "WLD"], flows: ["import"], fromYear: 2019, toYear: 2020 };
    for (const narrow of [
      { reporters: ["RUS"], partners: ["CHN"], flows: ["import"], fromYear: 2019, toYear: 2020 },
      { reporters: ["KOR"], partners: ["CHN"], flows: ["export"], fromYear: 2019, toYear: 2020 },
      { reporters: ["KOR"], partners: ["CHN", "JPN"], flows: ["import"], fromYear: 2019, toYear: 2020 },
      { reporters: ["KOR"], flows: ["import"], fromYear: 2019, toYear: 2020 },
      { reporters: ["KOR"], partners: ["CHN"], flows: ["import"], fromYear: 2018, toYear: 2020 },
      { reporters: ["KOR"], partners: ["CHN"], flows: ["import"], fromYear: 2019 },
    ] satisfies TradeTotalsQuery[]) {
      expect(covers(wide, narrow)).toBe(false);
      const { calls, answer, store } = totalsStore();
      const shared = requestReads(store);
      await shared.tradeTotals(wide);
      expect(await shared.tradeTotals(narrow)).toEqual(answer(narrow));
      expect(calls).toHaveLength(2);
    }
  });

  it("takes a narrower read once from a read the store shares, for every later request too", async () => {
    const { calls, answer, store } = totalsStore(true);
    const wide: TradeTotalsQuery = { reporters: ["KOR"], flows: ["export", "import"] };
    const narrow: TradeTotalsQuery = { reporters: ["KOR"], partners: ["JPN"], flows: ["import"], fromYear: 2019, toYear: 2019 };
    const first = requestReads(store);
    const wideRows = await first.tradeTotals(wide);
    const once = await first.tradeTotals(narrow);
    expect(once).toEqual(answer(narrow));
    expect(once).toHaveLength(1);
    // A store that shares its reads gives the next request the same wide array: the narrow one comes back as it was.
    const again = requestReads({ tradeTotals: async () => wideRows } as unknown as TradeStore);
    await again.tradeTotals(wide);
    expect(await again.tradeTotals(narrow)).toBe(once);
    expect(calls).toHaveLength(1);
  });

  it("gives the wider read itself when the narrower one keeps all its rows (a side cut at its last year), so what is built from it is reused", async () => {
    for (const shared of [false, true]) {
      const { calls, answer, store } = totalsStore(shared);
      const reads = requestReads(store);
      const wide = await reads.tradeTotals({ reporters: ["KOR", "RUS"], flows: ["export", "import"] });
      const whole: TradeTotalsQuery = { reporters: ["KOR", "RUS"], flows: ["export", "import"], toYear: 2020 };
      const cut: TradeTotalsQuery = { reporters: ["KOR", "RUS"], flows: ["export", "import"], toYear: 2019 };
      expect(await reads.tradeTotals(whole)).toBe(wide);
      const narrower = await reads.tradeTotals(cut);
      expect(narrower).not.toBe(wide);
      expect(narrower).toEqual(answer(cut));
      expect(narrower.length).toBe(wide.length - 20);
      expect(calls).toHaveLength(1);
    }
  });
});

describe("requestReads: totals taken from a columns read", () => {
  it("answers covered row and column reads from the columns, as the store would, asking it once", async () => {
    const { calls, answer, store } = totalsStore();
    const shared = requestReads(store);
    const wide = await shared.tradeTotalColumns({ reporters: ["KOR", "RUS"], flows: ["export", "import"] });
    const narrow: TradeTotalsQuery[] = [
      { reporters: ["RUS"], partners: ["WLD"], flows: ["import"], fromYear: 2019, toYear: 2020 },
      { reporters: ["KOR"], flows: ["export", "import"], fromYear: 2020, toYear: 2020 },
      { reporters: ["KOR", "RUS"], flows: ["export"], datasets: ["comtrade"] },
    ];
    for (const q of narrow) {
      expect(await shared.tradeTotals(q)).toEqual(answer(q));
      expect(totalRows(await shared.tradeTotalColumns(q))).toEqual(answer(q));
    }
    expect(calls).toHaveLength(1);
    // A cut keeping every row is the columns themselves (a side built from them is reused); the same narrowing twice is one object.
    expect(await shared.tradeTotalColumns({ reporters: ["KOR", "RUS"], flows: ["export", "import"], toYear: 2020 })).toBe(wide);
    const q = narrow[0]!;
    const next = requestReads({ tradeTotalColumns: async () => wide, tradeTotals: async () => Promise.reject(new Error("asked the store")) } as unknown as TradeStore);
    await next.tradeTotalColumns({ reporters: ["KOR", "RUS"], flows: ["export", "import"] });
    expect(await next.tradeTotals(q)).toBe(await shared.tradeTotals(q));
  });
});
