import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { IngestError } from "../errors.js";
import type { ParsedFile, RawTradeRecord } from "../model.js";
import { arrayElementLines, comtradeAdapter } from "./comtrade.js";
import { dataFile } from "../dataFolder.js";

const JSON_FILE = dataFile("comtrade/HS-60a6ad.json");
const LEGACY_CSV = dataFile("comtrade/live-animal-trade.csv");
const BAD = "test/fixtures/bad/csv";

function accounted(p: ParsedFile): number {
  const stored = p.trade.length + p.series.length + p.prices.length + p.products.length;
  return stored + p.rejected.length + p.skipped.reduce((s, k) => s + k.count, 0);
}

function find(p: ParsedFile, partner: string, flow: RawTradeRecord["flow"]): RawTradeRecord {
  const hits = p.trade.filter((r) => r.partner.code === partner && r.flow === flow);
  expect(hits).toHaveLength(1);
  return hits[0]!;
}

async function tempFile(name: string, content: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "tradeties-comtrade-"));
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

describe("UN Comtrade API JSON (HS-60a6ad.json)", () => {
  // Values read by hand from <data folder>/comtrade/HS-60a6ad.json: reporter 156 (China), 2010, H3, TOTAL.
  it("reads China–Germany 2010 imports and exports", async () => {
    const p = await comtradeAdapter.parse(JSON_FILE);
    const m = find(p, "276", "import");
    expect(m).toMatchObject({
      year: 2010,
      reporter: { scheme: "comtrade", code: "156" },
      partner: { scheme: "comtrade", code: "276" },
      productCode: "TOTAL",
      classification: "H3",
      valueUsd: 74_251_272_075,
      valuation: "cif", // cifvalue is filled, fobvalue null
      estimated: false,
    });
    const x = find(p, "276", "export");
    expect(x.valueUsd).toBe(68_047_133_397);
    expect(x.valuation).toBe("fob"); // fobvalue is filled, cifvalue null
  });

  it("reads China–Argentina 2010 imports and exports", async () => {
    const p = await comtradeAdapter.parse(JSON_FILE);
    expect(find(p, "32", "import").valueUsd).toBe(6_804_128_143);
    expect(find(p, "32", "export").valueUsd).toBe(6_115_764_185);
  });

  it("accounts for all 4 records, with the line each record starts on", async () => {
    const p = await comtradeAdapter.parse(JSON_FILE);
    expect(p.rowsRead).toBe(4);
    expect(p.trade).toHaveLength(4);
    expect(accounted(p)).toBe(p.rowsRead);
    // the four record objects open on lines 5, 54, 103 and 152 of the file (counted by hand)
    expect(p.trade.map((r) => r.line)).toEqual([5, 54, 103, 152]);
    expect(p).toMatchObject({ adapter: "un-comtrade", dataset: "un-comtrade", reportedBy: "reporter", datasetKey: "un-comtrade:r156:p32+276:cTOTAL:y2010" });
  });

  it("skips customs, transport and second-partner breakdowns and keeps the totals (synthetic fixture)", async () => {
    // test/fixtures/bad/csv/comtrade-breakdowns.json: see the README there for its 8 records.
    const p = await comtradeAdapter.parse(`${BAD}/comtrade-breakdowns.json`);
    expect(p.rowsRead).toBe(8);
    expect(accounted(p)).toBe(8);
    expect(p.skipped).toEqual([{ reason: expect.stringMatching(/^breakdown row .*the total row is kept$/), count: 5 }]);
    const totals = p.trade.filter((r) => r.productCode === "TOTAL");
    expect(totals.map((r) => [r.flow, r.valueUsd, r.line])).toEqual([
      ["import", 1000, 5],
      ["export", 2000, 115],
    ]);
    // the 0101 import has only fobvalue filled, equal to primaryValue: the reporter valued it FOB
    const fobImport = p.trade.find((r) => r.productCode === "0101")!;
    expect(fobImport).toMatchObject({ flow: "import", valuation: "fob", valueUsd: 77, quantity: 12, quantityUnit: "u" });
    // commodity 01 exports exist only as a breakdown (line 137): the user is told
    expect(p.notes.join("\n")).toMatch(/1 flow has breakdown rows but no total row .*line 137/);
  });

  it("a record of the wrong shape is an IngestError naming the record index, line and field", async () => {
    let error: unknown;
    try {
      await comtradeAdapter.parse(`${BAD}/comtrade-wrong-shape.json`);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IngestError);
    const e = error as IngestError;
    expect(e.message).toContain("data[1]");
    expect(e.at).toMatchObject({ field: "primaryValue", line: 26 });
  });

  it("unparseable JSON and JSON without a data array are IngestErrors", async () => {
    const broken = await tempFile("broken.json", '{"data": [\n{"refYear": 2010,\n}');
    await expect(comtradeAdapter.parse(broken)).rejects.toThrow(/not valid JSON/);
    const wrong = await tempFile("wrong.json", '{"results": []}');
    await expect(comtradeAdapter.parse(wrong)).rejects.toThrow(/expected an object with a "data" array/);
    const apiError = await tempFile("err.json", '{"data": [], "error": "invalid reporterCode"}');
    await expect(comtradeAdapter.parse(apiError)).rejects.toThrow(/invalid reporterCode/);
  });

  it("rejects a record with a null primaryValue and skips monthly records", async () => {
    const rec = (over: object) => ({
      refYear: 2010, reporterCode: 156, flowCode: "M", partnerCode: 276, classificationCode: "H3", cmdCode: "TOTAL", primaryValue: 5, ...over,
    });
    const path = await tempFile("mixed.json", JSON.stringify({ data: [rec({}), rec({ primaryValue: null, partnerCode: 32 }), rec({ freqCode: "M" })] }, null, 1));
    const p = await comtradeAdapter.parse(path);
    expect(p.trade).toHaveLength(1);
    expect(p.rejected).toEqual([expect.objectContaining({ field: "primaryValue" })]);
    expect(p.skipped).toEqual([{ reason: expect.stringMatching(/^monthly record/), count: 1 }]);
    expect(accounted(p)).toBe(3);
  });

  it("arrayElementLines finds element starts, ignoring brackets inside strings", () => {
    const text = '{"note": "[{", "data": [\n  {"a": "}]"},\n  {"b": 1}\n, 3], "other": [{"x": 1}]}';
    expect(arrayElementLines(text, "data")).toEqual([2, 3, 4]);
  });
});

describe("UN Comtrade legacy CSV (live-animal-trade.csv)", () => {
  it("keeps all 127 rows: each reporter uses one classification, none is a breakdown", async () => {
    const p = await comtradeAdapter.parse(LEGACY_CSV);
    expect(p.rowsRead).toBe(127); // 128 lines including the header (wc -l)
    expect(p.trade).toHaveLength(127);
    expect(accounted(p)).toBe(127);
    expect(new Set(p.trade.map((r) => r.classification))).toEqual(new Set(["H4", "H3", "H2"]));
    expect(new Set(p.trade.map((r) => r.flow))).toEqual(new Set(["import", "export", "re-export", "re-import"]));
  });

  it("reads the Australia 2016 import of live animals: 91,128,858 USD (line 2)", async () => {
    const p = await comtradeAdapter.parse(LEGACY_CSV);
    const r = p.trade.find((t) => t.reporter.code === "36" && t.flow === "import")!;
    expect(r).toEqual({
      line: 2,
      year: 2016,
      reporter: { scheme: "comtrade", code: "36" },
      partner: { scheme: "comtrade", code: "0" },
      flow: "import",
      productCode: "01",
      classification: "H4",
      valueUsd: 91_128_858,
      valuation: "cif",
      estimated: false,
    });
  });

  it("reads a reporter name with a quoted comma (Hong Kong, line 45) without shifting columns", async () => {
    const p = await comtradeAdapter.parse(LEGACY_CSV);
    const r = p.trade.find((t) => t.line === 45)!;
    expect(r).toMatchObject({ reporter: { code: "344" }, flow: "import", valueUsd: 596_925_427 });
  });

  it("keeps the first classification, notes differing values, rejects duplicates and bad rows (synthetic fixture)", async () => {
    // test/fixtures/bad/csv/comtrade-legacy-mixed.csv: 10 data rows, described line by line in the README there.
    const p = await comtradeAdapter.parse(`${BAD}/comtrade-legacy-mixed.csv`);
    expect(p.rowsRead).toBe(10);
    expect(accounted(p)).toBe(10);
    expect(p.trade.map((r) => [r.line, r.classification, r.flow, r.productCode, r.valueUsd, r.valuation])).toEqual([
      [2, "H4", "import", "01", 1000, "cif"],
      [5, "H4", "export", "01", 500, "fob"],
      [11, "H4", "export", "01", 8, "fob"], // code "1" got its leading zero back
    ]);
    expect(p.skipped).toEqual([
      { reason: "same flow reported under H4 already", count: 2 },
      { reason: expect.stringMatching(/^breakdown row/), count: 1 },
    ]);
    expect(p.rejected.map((r) => [r.line, r.field])).toEqual([
      [6, undefined],
      [7, "TradeValueUS"],
      [8, "TradeFlow Code"],
      [10, undefined],
    ]);
    expect(p.rejected[0]!.reason).toMatch(/duplicate of line 5/);
    expect(p.rejected[3]!.reason).toMatch(/10 fields but the header has 35/);
    const notes = p.notes.join("\n");
    expect(notes).toMatch(/different values.*line 3: H3 1,100 vs H4 1,000/);
    expect(notes).toMatch(/1 flow is reported under more than one classification with identical values/);
    expect(notes).toMatch(/leading zero/);
  });

  it("names the missing columns when the header is not Comtrade's", async () => {
    const path = await tempFile("cut.csv", "Classification,Year,Period,TradeFlow Code,Reporter Code\nH4,2016,2016,1,36\n");
    await expect(comtradeAdapter.parse(path)).rejects.toThrow(/missing columns "TradeFlow", "Partner Code", "Commodity Code", "TradeValueUS"/);
  });
});
