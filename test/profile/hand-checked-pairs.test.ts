/**
 * Rank, share and growth windows for eight pairs across continents, checked against the IMF DOTS
 * workbooks themselves: the test reads each workbook with ExcelJS (its own reader, not the ingest
 * adapter) and recomputes totals, shares and windows; the countries ranked above each partner were
 * read off the workbook by hand (rows above the partner's 2020 total, aggregates set aside) and are
 * written below. Values are USD millions as published; " e" cells (IMF estimates) count as values, as the ingest stores them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataFile } from "../../src/dataFolder.js";
import { ingestFile } from "../../src/ingest/pipeline.js";
import { buildProfile } from "../../src/profile/buildProfile.js";
import type { Profile } from "../../src/profile/types.js";
import { DuckDbTradeStore } from "../../src/store/DuckDbTradeStore.js";

const WORKBOOKS: Record<string, { file: string; name: string }> = {
  JPN: { file: "DOTS_101.xlsx", name: "Japan" },
  CHN: { file: "DOTS_40.xlsx", name: "China, P.R.: Mainland" },
  USA: { file: "DOTS_208.xlsx", name: "United States" },
  MEX: { file: "DOTS_127.xlsx", name: "Mexico" },
  BRA: { file: "DOTS_28.xlsx", name: "Brazil" },
  ARG: { file: "DOTS_8.xlsx", name: "Argentina" },
  DEU: { file: "DOTS_77.xlsx", name: "Germany" },
  FRA: { file: "DOTS_72.xlsx", name: "France" },
  ZAF: { file: "DOTS_179.xlsx", name: "South Africa" },
  NGA: { file: "DOTS_146.xlsx", name: "Nigeria" },
  AUS: { file: "DOTS_11.xlsx", name: "Australia" },
  IND: { file: "DOTS_93.xlsx", name: "India" },
  TUR: { file: "DOTS_200.xlsx", name: "Turkey" },
  RUS: { file: "DOTS_162.xlsx", name: "Russian Federation" },
};

/** Rows of a DOTS workbook that are not countries (regions, groups, "not specified"). */
const AGGREGATE_ROWS = /^(World|Advanced Economies|Emerging and Developing .*|Emerging Market and Developing Economies by Source of Export Earnings: .*|European Union|Euro Area|Western Hemisphere|Middle East( and Central Asia)?|Africa|Sub-Saharan Africa|Special Categories|Countries & Areas not specified)$/;

/** Countries whose 2020 total (exports + imports) in the reporter's workbook exceeds the partner's, read by hand. */
const ABOVE_IN_2020: Array<[string, string, string[]]> = [
  ["JPN", "CHN", []],
  ["CHN", "JPN", ["United States"]],
  ["USA", "MEX", ["China, P.R.: Mainland"]],
  ["MEX", "USA", []],
  ["BRA", "ARG", ["China, P.R.: Mainland", "United States"]],
  ["ARG", "BRA", []],
  ["DEU", "FRA", ["Netherlands, The", "China, P.R.: Mainland", "United States"]],
  ["FRA", "DEU", []],
  ["ZAF", "NGA", ["China, P.R.: Mainland", "Germany", "United States", "India", "United Kingdom", "Japan", "Netherlands, The", "Mozambique, Rep. of", "Botswana", "Namibia", "Belgium", "Saudi Arabia", "United Arab Emirates"]],
  ["NGA", "ZAF", ["China, P.R.: Mainland", "India", "Indonesia", "United States", "Netherlands, The", "Spain"]],
  ["AUS", "CHN", []],
  ["CHN", "AUS", ["United States", "Japan", "Korea, Rep. of", "China, P.R.: Hong Kong", "Taiwan Province of China", "Vietnam", "Germany"]],
  ["IND", "USA", ["China, P.R.: Mainland"]],
  ["USA", "IND", ["China, P.R.: Mainland", "Mexico", "Canada", "Japan", "Germany", "Korea, Rep. of", "United Kingdom", "Switzerland", "Taiwan Province of China", "Vietnam"]],
  ["TUR", "RUS", ["Germany", "China, P.R.: Mainland"]],
  ["RUS", "TUR", ["China, P.R.: Mainland", "Germany", "Netherlands, The", "Belarus, Rep. of", "United Kingdom", "United States"]],
];

type Sheet = Map<string, Map<number, number>>;
/** Exports and imports by partner row and year, USD millions; " e" estimates read as numbers; blanks left out. */
async function readWorkbook(file: string): Promise<{ exports: Sheet; imports: Sheet }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(dataFile(`trade/imf-dots-world/${file}`));
  const read = (ws: ExcelJS.Worksheet): Sheet => {
    const years = new Map<number, number>();
    ws.getRow(7).eachCell((cell, col) => {
      if (/^\d{4}$/.test(String(cell.value))) years.set(col, Number(cell.value));
    });
    const out: Sheet = new Map();
    for (let r = 8; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const name = row.getCell(2).value;
      if (typeof name !== "string") continue;
      const values = new Map<number, number>();
      for (const [col, year] of years) {
        const v = row.getCell(col).value;
        // Estimates are published as text with grouping and a trailing " e": "10,424.20 e".
        const text = typeof v === "string" ? v.replaceAll(",", "").trim() : undefined;
        const n = typeof v === "number" ? v : text !== undefined && /^-?[\d.]+( e)?$/.test(text) ? parseFloat(text) : undefined;
        if (n !== undefined) values.set(year, n);
      }
      out.set(name, values);
    }
    return out;
  };
  const [exp, imp] = wb.worksheets;
  return { exports: read(exp!), imports: read(imp!) };
}

function totals(book: { exports: Sheet; imports: Sheet }, row: string): Map<number, number> {
  const ex = book.exports.get(row) ?? new Map();
  const im = book.imports.get(row) ?? new Map();
  return new Map([...ex].filter(([y]) => im.has(y)).map(([y, v]) => [y, v + im.get(y)!] as const));
}

let store: DuckDbTradeStore;
let dir: string;
const books = new Map<string, { exports: Sheet; imports: Sheet }>();
const profiles = new Map<string, Profile>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tradeties-hand-"));
  store = await DuckDbTradeStore.open(join(dir, "pairs.duckdb"));
  for (const [code, w] of Object.entries(WORKBOOKS)) {
    await ingestFile(store, dataFile(`trade/imf-dots-world/${w.file}`));
    books.set(code, await readWorkbook(w.file));
  }
  for (const [a, b] of ABOVE_IN_2020) profiles.set(`${a}-${b}`, await buildProfile(store, a, b));
}, 600_000);
afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("rank and share in 2020, each side from its own workbook", () => {
  for (const [a, b, above] of ABOVE_IN_2020) {
    it(`${WORKBOOKS[b]!.name} in ${WORKBOOKS[a]!.name}'s trade: rank ${above.length + 1}`, () => {
      const book = books.get(a)!;
      const partner = totals(book, WORKBOOKS[b]!.name).get(2020)!;
      const world = totals(book, "World").get(2020)!;
      const countriesAbove = [...book.exports.keys()].filter((row) => !AGGREGATE_ROWS.test(row) && (totals(book, row).get(2020) ?? 0) > partner);
      expect(new Set(countriesAbove)).toEqual(new Set(above));
      const side = profiles.get(`${a}-${b}`)!.position!.in_a!;
      expect(side.total.year).toBe(2020);
      expect(side.total.rank).toBe(above.length + 1);
      expect(side.total.value / 1e6).toBeCloseTo(partner, 3);
      expect(side.total.share!).toBeCloseTo(partner / world, 9);
    });
  }
});

describe("growth windows ending in 2020, recomputed from the workbooks", () => {
  for (const [a, b] of ABOVE_IN_2020) {
    it(`${a}–${b}: 20-year multiple, share of each side's trade, and the long-run window's start`, () => {
      const p = profiles.get(`${a}-${b}`)!;
      const own = totals(books.get(a)!, WORKBOOKS[b]!.name);
      const ownWorld = totals(books.get(a)!, "World");
      const w20 = p.growth!.windows!.standard.find((w) => w.years === 20)!;
      expect(w20.from_year).toBe(2000);
      expect(w20.multiple!).toBeCloseTo(own.get(2020)! / own.get(2000)!, 9);
      expect(w20.share_of_a!.from_share!).toBeCloseTo(own.get(2000)! / ownWorld.get(2000)!, 9);
      expect(w20.share_of_a!.to_share!).toBeCloseTo(own.get(2020)! / ownWorld.get(2020)!, 9);
      // B's side from B's workbook: B's trade with A over B's trade with the World.
      const mirror = totals(books.get(b)!, WORKBOOKS[a]!.name);
      const mirrorWorld = totals(books.get(b)!, "World");
      expect(w20.share_of_b!.to_share!).toBeCloseTo(mirror.get(2020)! / mirrorWorld.get(2020)!, 9);
      // Long run: the unbroken run of years with this partner row ending in 2020, from its first year ≥ 2 % of 2020.
      let first = 2020;
      while (own.has(first - 1)) first--;
      let start = first;
      while (own.get(start)! < 0.02 * own.get(2020)!) start++;
      expect(p.growth!.windows!.long_run!.from_year).toBe(start);
      expect(p.growth!.windows!.long_run!.multiple!).toBeCloseTo(own.get(2020)! / own.get(start)!, 9);
      expect(p.growth!.windows!.long_run!.multiple!).toBeLessThanOrEqual(50);
    });
  }

  it("Türkiye–Russia: the 30-year window starts with the USSR (1990), so its multiple is not stated; the share uses Turkey's USSR row", () => {
    const p = profiles.get("TUR-RUS")!;
    const w30 = p.growth!.windows!.standard.find((w) => w.years === 30)!;
    expect(p.series.find((y) => y.year === 1990)!.entity_b_code).toBe("SUN");
    expect([w30.from_year, w30.crosses_entity_change, w30.meaningful]).toEqual([1990, true, false]);
    const ussr = totals(books.get("TUR")!, "USSR").get(1990)!;
    expect(w30.share_of_a!.from_share!).toBeCloseTo(ussr / totals(books.get("TUR")!, "World").get(1990)!, 9);
    // The long run starts no earlier than 1992, Russia's first year.
    expect(p.growth!.windows!.long_run!.from_year).toBeGreaterThanOrEqual(1992);
  });
});

describe("Germany before 1991 is West Germany: one series under two names", () => {
  it("France–Germany: DOTS 'Germany' figures to 1990 name West Germany; the long run crosses 1991 as one series", () => {
    const p = profiles.get("FRA-DEU")!;
    expect([1990, 1991].map((y) => p.series.find((s) => s.year === y)!.entity_b_code)).toEqual(["FRG", "DEU"]);
    expect(p.series.find((s) => s.year === 1990)!.entity_b).toBe("West Germany");
    expect(p.growth!.entity_continuations).toEqual([1991]);
    expect(p.growth!.entity_changes).toEqual([]);
    // France's own workbook row "Germany" for 1985: the pair total is that row, nothing from East Germany added.
    expect(p.series.find((s) => s.year === 1985)!.total! / 1e6).toBeCloseTo(totals(books.get("FRA")!, "Germany").get(1985)!, 6);
    expect(p.growth!.windows!.long_run!.from_year).toBeLessThan(1991);
  });

  it("Germany–France: the reporter side is West Germany to 1990", () => {
    const p = profiles.get("DEU-FRA")!;
    expect([1990, 1991].map((y) => p.series.find((s) => s.year === y)!.entity_a_code)).toEqual(["FRG", "DEU"]);
    expect(p.growth!.entity_continuations).toEqual([1991]);
  });
});

describe("volatility starts where a growth window could", () => {
  it("United States–China: from 1988, the first year with at least 2 % of 2020's trade, not from 1972's $99 million; σ recomputed from the workbook", async () => {
    const p = await buildProfile(store, "USA", "CHN");
    const own = totals(books.get("USA")!, WORKBOOKS.CHN!.name);
    const first = [...own.keys()].sort((x, y) => x - y).find((y) => own.get(y)! >= 0.02 * own.get(2020)!)!;
    expect(first).toBe(1988);
    expect(p.volatility!.window).toEqual({ from_year: first, to_year: 2020 });
    const logs: number[] = [];
    for (let y = first + 1; y <= 2020; y++) logs.push(Math.log(own.get(y)! / own.get(y - 1)!));
    const mean = logs.reduce((s, x) => s + x, 0) / logs.length;
    const sd = Math.sqrt(logs.reduce((s, x) => s + (x - mean) ** 2, 0) / (logs.length - 1));
    expect(p.volatility!.value!).toBeCloseTo(sd, 9);
  });
});
