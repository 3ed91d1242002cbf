import { describe, expect, it } from "vitest";
import { memoKey, ReadMemo } from "./readMemo.js";

describe("ReadMemo", () => {
  it("loads a key once and gives every caller its own array of the same rows", async () => {
    const memo = new ReadMemo(100);
    let loads = 0;
    const load = async () => {
      loads++;
      return [{ v: 1 }, { v: 2 }];
    };
    const first = await memo.rows("k", load);
    const second = await memo.rows("k", load);
    expect(loads).toBe(1);
    expect(second).toEqual([{ v: 1 }, { v: 2 }]);
    expect(second).not.toBe(first);
    first.pop();
    expect(await memo.rows("k", load)).toHaveLength(2);
  });

  it("shares one frozen array between the callers of shared(), and copies it for rows()", async () => {
    const memo = new ReadMemo(100);
    let loads = 0;
    const load = async () => {
      loads++;
      return [{ v: 1 }];
    };
    const first = await memo.shared("k", load);
    expect(await memo.shared("k", load)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(await memo.rows("k", load)).not.toBe(first);
    expect(loads).toBe(1);
    const off = new ReadMemo(0);
    expect(await off.shared("k", load)).not.toBe(await off.shared("k", load));
  });

  it("freezes stored rows, so a caller that changes one fails instead of changing later answers", async () => {
    const memo = new ReadMemo(100);
    const rows = await memo.rows("k", async () => [{ v: 1 }]);
    expect(() => {
      (rows[0] as { v: number }).v = 5;
    }).toThrow(TypeError);
  });

  it("keeps at most maxRows rows, dropping the least recently used entry first", async () => {
    const memo = new ReadMemo(5);
    const loads: string[] = [];
    const load = (key: string, n: number) => async () => {
      loads.push(key);
      return Array.from({ length: n }, (_, i) => ({ i }));
    };
    await memo.rows("a", load("a", 2));
    await memo.rows("b", load("b", 2));
    await memo.rows("a", load("a", 2)); // a is now the most recently used
    await memo.rows("c", load("c", 2)); // 6 rows > 5: b goes
    expect(memo.size).toEqual({ entries: 2, rows: 4 });
    await memo.rows("a", load("a", 2));
    await memo.rows("b", load("b", 2));
    expect(loads).toEqual(["a", "b", "c", "b"]);
  });

  it("does not keep a result larger than the whole budget, nor a failed load", async () => {
    const memo = new ReadMemo(3);
    await memo.rows("big", async () => [{}, {}, {}, {}]);
    expect(memo.size).toEqual({ entries: 0, rows: 0 });
    await expect(memo.rows("bad", async () => Promise.reject(new Error("disk")))).rejects.toThrow("disk");
    let loaded = false;
    await memo.rows("bad", async () => {
      loaded = true;
      return [];
    });
    expect(loaded).toBe(true);
  });

  it("a budget of 0 turns it off", async () => {
    const memo = new ReadMemo(0);
    let loads = 0;
    for (let n = 0; n < 3; n++) await memo.rows("k", async () => [{ n: loads++ }]);
    expect(loads).toBe(3);
  });

  it("keys do not depend on the order of a query's fields", () => {
    expect(memoKey("tradeRows", { reporters: ["KOR"], flows: ["export"] })).toBe(memoKey("tradeRows", { flows: ["export"], reporters: ["KOR"] }));
    expect(memoKey("tradeRows", { reporters: ["KOR"] })).not.toBe(memoKey("tradeRows", { reporters: ["RUS"] }));
    expect(memoKey("tradeRows", { reporters: ["KOR"] })).not.toBe(memoKey("seriesRows", { reporters: ["KOR"] }));
  });
});
