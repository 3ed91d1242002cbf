/**
 * A pair whose side ended: Serbia and Montenegro (2006). Korea's IMF DOTS workbook (DOTS_106),
 * read with a second reader (Python zipfile + XML), USD millions: exports to Serbia and Montenegro
 * 17.888004 in 2004 and 7.453335 in 2005, nothing later; imports from "Yugoslavia" 0.000425 in 2016,
 * a residual line of a state gone since 1991, which the registry makes Serbia and Montenegro's predecessor.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildProfile } from "../../src/profile/buildProfile.js";
import { pairSeries } from "../../src/query/pair.js";
import type { DuckDbTradeStore } from "../../src/store/DuckDbTradeStore.js";
import { openWorkbookStore } from "../workbookStore.js";

let store: DuckDbTradeStore;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ store, close } = await openWorkbookStore(["DOTS_106.xlsx"]));
}, 300_000);
afterAll(async () => close?.());

describe("rows dated after a side ceased to exist", () => {
  it("Korea–Serbia and Montenegro ends in 2005: Korea's 2016 'Yugoslavia' import of $425 is left out and said so", async () => {
    const pair = await pairSeries(store, "KOR", "SCG");
    const last = pair.years[pair.years.length - 1]!;
    expect(last.year).toBe(2005);
    expect(last.exports).toBeCloseTo(7.453335e6, 0);
    expect(pair.years.some((y) => y.year > 2006)).toBe(false);
    expect(pair.after_end).toEqual([{ entity: "SCG", entity_name: "Serbia and Montenegro", ended: 2006, rows: 1, from_year: 2016, to_year: 2016 }]);
    const profile = await buildProfile(store, "KOR", "SCG");
    expect(profile.missing).toContain("Serbia and Montenegro after 2006, when it ceased to exist: 1 row dated 2016 under its name or a predecessor's is a reporter's residual line, not that state's trade, and is left out");
  });

  it("a side that still exists keeps every year: Korea–Serbia has no rows left out", async () => {
    const pair = await pairSeries(store, "KOR", "SRB");
    expect(pair.after_end).toEqual([]);
    expect(pair.years.some((y) => y.year === 2016)).toBe(true);
  });
});
