import { describe, expect, it } from "vitest";
import { requestReads } from "./requestReads.js";
import type { TradeStore } from "./TradeStore.js";

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
