import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ParsedFile, RawSeriesRecord } from "../model.js";
import { parseSubject, publishedFiguresAdapter } from "./published.js";
import { dataFile } from "../dataFolder.js";

const FILE = dataFile("indicators/published_figures.csv");

function byId(p: ParsedFile, id: string): RawSeriesRecord {
  const hits = p.series.filter((r) => r.note?.startsWith(`[${id}]`));
  expect(hits).toHaveLength(1);
  return hits[0]!;
}

// Values read by hand from <data folder>/indicators/published_figures.csv (PROVENANCE §8).
describe("published figures", () => {
  it("stores or accounts for all 22 rows", async () => {
    const p = await publishedFiguresAdapter.parse(FILE);
    expect(p.rowsRead).toBe(22);
    expect(p.series).toHaveLength(22);
    expect(p.rejected).toEqual([]);
    expect(p.skipped).toEqual([]);
    expect(p).toMatchObject({ adapter: "published-figures", dataset: "published-figures", reportedBy: "publisher", datasetKey: "published-figures:published_figures" });
    expect(p.series.every((r) => r.publishedPoint)).toBe(true);
  });

  it("KITA 1990 trade with the USSR: 888.8 USD million → 888,800,000 USD from KOR to SUN", async () => {
    const r = byId(await publishedFiguresAdapter.parse(FILE), "kita2020-1");
    expect(r).toMatchObject({
      line: 2,
      period: "1990",
      year: 1990,
      from: { scheme: "iso3", code: "KOR" },
      to: { scheme: "iso3", code: "SUN" },
      metric: "bilateral_trade_total",
      value: 888_800_000,
      unit: "USD",
      approximate: false,
      publisher: "Korea International Trade Association (KITA) news release",
      published: "2020-09-07",
    });
    expect(r.sourceUrl).toMatch(/^http:\/\/global\.kita\.net/);
  });

  it("tourists between the two countries: about 30,000 in 1990 and 770,000 in 2019", async () => {
    const p = await publishedFiguresAdapter.parse(FILE);
    expect(byId(p, "kita2020-3")).toMatchObject({ year: 1990, value: 30_000, unit: "persons", to: { code: "SUN" } });
    expect(byId(p, "kita2020-4")).toMatchObject({ year: 2019, value: 770_000, unit: "persons", from: { code: "KOR" }, to: { code: "RUS" } });
  });

  it("reads directions, periods and approximate units", async () => {
    const p = await publishedFiguresAdapter.parse(FILE);
    // "KOR<-RUS": flows from Russia to Korea
    expect(byId(p, "kita2023-4")).toMatchObject({ from: { code: "RUS" }, to: { code: "KOR" }, value: -14.6, unit: "percent y/y" });
    expect(byId(p, "tour-2014q1-3")).toMatchObject({ from: { code: "KOR" }, to: { code: "RUS" }, period: "2014Q1", year: 2014 });
    expect(byId(p, "tour-2018-09")).toMatchObject({ year: 2018, month: 9, value: 23_388 });
    expect(byId(p, "tour-2013-1")).toMatchObject({ period: "2013-01..2013-11", year: 2013, value: 160_639 });
    expect(byId(p, "tour-2013-1").month).toBeUndefined();
    expect(byId(p, "kita2020-5")).toMatchObject({ year: 2019, value: 25, unit: "times" });
    expect(byId(p, "rus2019-1")).toMatchObject({ value: 25_000_000_000, unit: "USD", approximate: true, from: { code: "RUS" } });
    expect(byId(p, "tour-2014-1")).toMatchObject({ value: 180_000, unit: "persons", approximate: true });
    // Unit "persons", but the note quotes KITA: "stated as 'approximately 30,000' tourists".
    expect(byId(p, "kita2020-3")).toMatchObject({ value: 30_000, approximate: true });
    expect(byId(p, "kita2020-4")).toMatchObject({ value: 770_000, approximate: false });
    // tour-2012-1 has an empty `published` column
    expect(byId(p, "tour-2012-1").published).toBeUndefined();
  });

  it("parseSubject", () => {
    expect(parseSubject("KOR-USSR")).toEqual([{ scheme: "iso3", code: "KOR" }, { scheme: "iso3", code: "SUN" }]);
    expect(parseSubject("RUS->KOR")).toEqual([{ scheme: "iso3", code: "RUS" }, { scheme: "iso3", code: "KOR" }]);
    expect(parseSubject("KOR<-RUS")).toEqual([{ scheme: "iso3", code: "RUS" }, { scheme: "iso3", code: "KOR" }]);
    expect(parseSubject("Korea->Soviet Union")).toEqual([{ scheme: "name", code: "Korea" }, { scheme: "name", code: "Soviet Union" }]);
    expect(parseSubject("KOR")).toBeUndefined();
  });

  it("rejects bad rows with line and field; rowsRead = records + rejected", async () => {
    const header = "id,metric,subject,period,value,unit,publisher,source_url,published,note";
    const text = [
      header,
      "a,exports,KOR->RUS,2021,9980,USD million,P,,,", // line 2: kept
      "b,exports,KOR->RUS,2022,6330,EUR million,P,,,", // line 3: unknown unit
      "c,exports,KOR,2022,6330,USD million,P,,,", // line 4: one-sided subject
      "d,exports,KOR->RUS,last year,6330,USD million,P,,,", // line 5: bad period
      "e,exports,KOR->RUS,2022,about 6000,USD million,P,,,", // line 6: text in value
      "a,exports,KOR->RUS,2020,1,USD million,P,,,", // line 7: id used twice
    ].join("\n");
    const dir = await mkdtemp(join(tmpdir(), "tradeties-published-"));
    const path = join(dir, "figures.csv");
    await writeFile(path, text + "\n");
    const p = await publishedFiguresAdapter.parse(path);
    expect(p.series.map((r) => [r.line, r.value])).toEqual([[2, 9_980_000_000]]);
    expect(p.rejected.map((r) => [r.line, r.field])).toEqual([
      [3, "unit"],
      [4, "subject"],
      [5, "period"],
      [6, "value"],
      [7, "id"],
    ]);
    expect(p.rejected[0]!.reason).toContain('"EUR million"');
    expect(p.rowsRead).toBe(6);
  });
});
