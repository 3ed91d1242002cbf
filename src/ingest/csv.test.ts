import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { FileMissingError, IngestError } from "../errors.js";
import { comtradeAdapter } from "./comtrade.js";
import { detectByHeader, headerOf, listKey, parseCsvText, parseNumber, parseYear, readCsv, stripBom } from "./csv.js";
import { pricesAdapter } from "./prices.js";
import { productsAdapter } from "./products.js";
import { publishedFiguresAdapter } from "./published.js";
import { seriesAdapter } from "./series.js";
import { dataFile } from "../dataFolder.js";
import { writeKtoAnnualAsSeries } from "../../test/fixtures/series/ktoAnnualAsSeries.js";

const BAD = "test/fixtures/bad/csv";
const opts = { required: ["a", "b", "c"] };

function ingestError(fn: () => unknown): IngestError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(IngestError);
    return e as IngestError;
  }
  throw new Error("expected an IngestError");
}

async function ingestErrorAsync(p: Promise<unknown>): Promise<IngestError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(IngestError);
    return e as IngestError;
  }
  throw new Error("expected an IngestError");
}

describe("parseCsvText", () => {
  it("keeps every field as text, leading zeros included", () => {
    const t = parseCsvText("a,b,c\n01,007,1e3\n", "x.csv", opts);
    expect(t.rows).toEqual([{ line: 2, fields: { a: "01", b: "007", c: "1e3" } }]);
  });

  it("gives each row the physical line it starts on, across quoted multi-line fields and blank lines", () => {
    const text = 'a,b,c\n1,"two\nlines",x\n\n2,"three\nmore\nlines",y\n3,z,w\n';
    const t = parseCsvText(text, "x.csv", opts);
    // lines counted by hand: header 1; row "1" starts on 2 (ends 3); 4 is blank; row "2" spans 5–7; row "3" on 8
    expect(t.rows.map((r) => [r.line, r.fields.a])).toEqual([
      [2, "1"],
      [5, "2"],
      [8, "3"],
    ]);
    expect(t.rows[1]!.fields.b).toBe("three\nmore\nlines");
    expect(t.rowsRead).toBe(3);
  });

  it("handles CRLF line endings without leaving \\r in fields", () => {
    const t = parseCsvText("a,b,c\r\n1,2,3\r\n4,5,6\r\n", "x.csv", opts);
    expect(t.rows.map((r) => [r.line, r.fields.c])).toEqual([
      [2, "3"],
      [3, "6"],
    ]);
  });

  it("strips a UTF-8 BOM so the first column keeps its name", () => {
    const t = parseCsvText("\uFEFFa,b,c\n1,2,3\n", "x.csv", opts);
    expect(t.header).toEqual(["a", "b", "c"]);
    expect(t.rows[0]!.fields.a).toBe("1");
  });

  it("rejects rows with too few or too many fields, with their line; rowsRead counts them", () => {
    const t = parseCsvText("a,b,c\n1,2\n3,4,5\n6,7,8,9\n", "x.csv", opts);
    expect(t.rows.map((r) => r.line)).toEqual([3]);
    expect(t.rejected.map((r) => r.line)).toEqual([2, 4]);
    expect(t.rejected[0]!.reason).toMatch(/2 fields but the header has 3/);
    expect(t.rowsRead).toBe(3);
  });

  it("counts rows of only separators as empty rows, not data", () => {
    const t = parseCsvText("a,b,c\n,,\n1,2,3\n", "x.csv", opts);
    expect(t.emptyRows).toBe(1);
    expect(t.rows).toHaveLength(1);
    expect(t.rowsRead).toBe(2);
  });

  it("throws for an empty text", () => {
    const e = ingestError(() => parseCsvText("  \n", "x.csv", opts));
    expect(e.message).toMatch(/empty/);
    expect(e.at.line).toBe(1);
  });

  it("names missing columns and shows the expected header", () => {
    const e = ingestError(() => parseCsvText("a,x\n1,2\n", "x.csv", opts));
    expect(e.message).toContain('missing columns "b", "c"');
    expect(e.message).toContain("Expected header: a,b,c");
    expect(e.at).toMatchObject({ file: "x.csv", line: 1, field: "b" });
  });

  it("in strict mode refuses unknown columns", () => {
    const e = ingestError(() => parseCsvText("a,b,c,d\n1,2,3,4\n", "x.csv", { ...opts, strict: true }));
    expect(e.message).toContain('unknown column "d"');
  });

  it("throws at the line where a quote is never closed", () => {
    const e = ingestError(() => parseCsvText('a,b,c\n1,2,3\n4,"open,6\n7,8,9\n', "x.csv", opts));
    expect(e.at.line).toBe(3);
  });
});

describe("readCsv on the bad-input fixtures", () => {
  it("empty.csv (0 bytes) is an IngestError", async () => {
    const e = await ingestErrorAsync(readCsv(`${BAD}/empty.csv`, opts));
    expect(e.message).toMatch(/is empty/);
    expect(e.at.file).toBe(`${BAD}/empty.csv`);
  });

  it("bom.csv starts with EF BB BF and still has a 'year' column", async () => {
    const bytes = await readFile(`${BAD}/bom.csv`);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const t = await readCsv(`${BAD}/bom.csv`, { required: ["year", "value"] });
    expect(t.rows[0]!.fields.year).toBe("2019");
  });

  it("a missing file is a FileMissingError (exit 66) that names the path", async () => {
    const e = await readCsv(`${BAD}/no-such-file.csv`, opts).then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(FileMissingError);
    expect((e as FileMissingError).exitCode).toBe(66);
    expect((e as FileMissingError).message).toMatch(/file not found: .*no-such-file\.csv/);
  });
});

describe("helpers", () => {
  it("detectByHeader looks at the first line only, BOM or not", () => {
    expect(detectByHeader(Buffer.from("\uFEFFDate,Price\n1,2\n"), ["Date", "Price"])).toBe(true);
    expect(detectByHeader(Buffer.from("Date,Value\n"), ["Date", "Price"])).toBe(false);
    expect(detectByHeader(Buffer.from("x\nDate,Price\n"), ["Date", "Price"])).toBe(false);
    expect(detectByHeader(Buffer.alloc(0), ["Date"])).toBe(false);
    expect(headerOf(Buffer.from('"Reporter Code", Partner \r\n'))).toEqual(["Reporter Code", "Partner"]);
  });

  it("parseNumber accepts plain decimals only and scales in decimal", () => {
    expect(parseNumber("91128858")).toBe(91128858);
    expect(parseNumber(" -3.5 ")).toBe(-3.5);
    expect(parseNumber("")).toBeUndefined();
    expect(parseNumber("270,427")).toBeNaN();
    expect(parseNumber("n/a")).toBeNaN();
    expect(parseNumber("888.8", 6)).toBe(888_800_000);
    expect(parseNumber("25.3", -2)).toBe(0.253);
    expect(parseNumber("1.5e3", 3)).toBe(1_500_000);
  });

  it("parseYear wants four digits in a plausible range", () => {
    expect(parseYear("2016")).toBe(2016);
    expect(parseYear("16")).toBeUndefined();
    expect(parseYear("20x6")).toBeUndefined();
    expect(parseYear("0999")).toBeUndefined();
  });

  it("stripBom and listKey", () => {
    expect(stripBom("\uFEFFa")).toBe("a");
    expect(stripBom("a\uFEFF")).toBe("a\uFEFF");
    expect(listKey(["276", "32", "276"])).toBe("32+276");
    expect(listKey(["1", "2", "3", "4", "5", "6", "7"])).toMatch(/^7x[0-9a-f]{8}$/);
  });
});

describe("detect: exactly one adapter claims each sample file", () => {
  const adapters = [comtradeAdapter, seriesAdapter, publishedFiguresAdapter, pricesAdapter, productsAdapter];
  const cases: Array<[string, string | undefined]> = [
    [dataFile("comtrade/HS-60a6ad.json"), "un-comtrade"],
    [dataFile("comtrade/live-animal-trade.csv"), "un-comtrade"],
    [writeKtoAnnualAsSeries(), "bilateral-series"],
    [dataFile("indicators/published_figures.csv"), "published-figures"],
    [dataFile("oil/brent-year.csv"), "price-series"],
    [dataFile("oil/brent-monthly.csv"), "price-series"],
    [dataFile("oil/wti-year.csv"), "price-series"],
    [dataFile("oil/wti-monthly.csv"), "price-series"],
    [dataFile("natural-gas/monthly.csv"), "price-series"],
    [dataFile("trade/korea-russia-products/kr_ru_products_compiled.csv"), "published-products"],
    // files for other adapters: none of these five may claim them
    [dataFile("baci/ExampleTradeData.csv"), undefined],
    [dataFile("trade/imf-dots/dots_korea_russia_annual.csv"), undefined],
    [dataFile("trade/imf-dots/dots_kor_rus_ussr_by_partner_long.csv"), undefined],
    [dataFile("tourism/kto/kto_russia_annual.csv"), undefined],
    [dataFile("tourism/API_ST.INT.ARVL_DS2_en_csv_v2_868314.csv"), undefined],
    [dataFile("hs/sections.csv"), undefined],
    [dataFile("hs/harmonized-system.csv"), undefined],
    [dataFile("country-codes/Reporters.json"), undefined],
    [dataFile("country-codes/country-codes.csv"), undefined],
  ];
  it.each(cases)("%s → %s", async (path, expected) => {
    const head = (await readFile(path)).subarray(0, 64 * 1024);
    const name = path.split("/").pop()!;
    const claims = adapters.filter((a) => a.detect(name, head)).map((a) => a.name);
    expect(claims).toEqual(expected ? [expected] : []);
  });
});
