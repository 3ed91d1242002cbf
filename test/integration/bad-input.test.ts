/**
 * The bad-input corpus through the whole pipeline (adapter → resolver → store): every file either
 * fails with an error naming the file (and the store is exactly as before) or is stored with
 * counted rejects that name a line, and the counts add up. Fixtures are synthetic (see their READMEs).
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TradetiesError } from "../../src/errors.js";
import { dotsAdapter } from "../../src/ingest/dots.js";
import { ingestFile, resolveParsedFile } from "../../src/ingest/pipeline.js";
import { rejectImplausible } from "../../src/ingest/plausibility.js";
import type { DuckDbTradeStore } from "../../src/store/DuckDbTradeStore.js";
import { storeWith } from "./helpers.js";

const BAD = (p: string) => join(process.cwd(), "test/fixtures/bad", p);
let store: DuckDbTradeStore;

beforeAll(async () => {
  ({ store } = await storeWith(["indicators/published_figures.csv"]));
});
afterAll(async () => store?.close());

async function snapshot() {
  return { sources: await store.listSources(), series: (await store.seriesRows({})).length, trade: (await store.tradeRows({ productCodes: undefined })).length };
}

// Each expected message names what is wrong, specifically enough that a different failure would not match.
const failing: Array<[string, RegExp, string?]> = [
  ["xlsx/empty.xlsx", /is empty \(0 bytes\)/],
  ["xlsx/not_a_zip.xlsx", /is not an xlsx workbook .*starts with "PK"/, "imf-dots"],
  ["xlsx/dots_truncated.xlsx", /truncated or damaged: the zip directory/, "imf-dots"],
  ["xlsx/dots_missing_imports.xlsx", /no sheet "Imports, CIF from Partner Countries"/, "imf-dots"],
  ["xlsx/dots_wrong_unit.xlsx", /Imports, CIF!B5 says "Euros, Millions"/, "imf-dots"],
  ["xlsx/kto_wrong_header.xlsx", /C2 says "상용객", expected "상용"/, "kto-arrivals"],
  ["xlsx/title-mismatch/kto_201902.xlsx", /says 2019-01 but the file name kto_201902\.xlsx says 2019-02/, "kto-arrivals"],
  ["csv/empty.csv", /is empty \(0 bytes\)/],
  ["csv/wrong-header.csv", /missing columns "year", "value"/, "bilateral-series"],
  ["csv/comtrade-wrong-shape.json", /data\[1\] \(line 26\): field "primaryValue"/, "un-comtrade"],
];

describe("bad input", () => {
  for (const [file, message, format] of failing) {
    it(`${file} fails with a clear error and leaves the store unchanged`, async () => {
      const before = await snapshot();
      const error = await ingestFile(store, BAD(file), { format }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, "expected an error").toBeInstanceOf(TradetiesError);
      const err = error as TradetiesError;
      expect(err.describe()).toMatch(message);
      expect(err.describe()).toMatch(/\.(xlsx|csv|json)/);
      expect(await snapshot()).toEqual(before);
    });
  }

  const partial: Array<[string, number, string?]> = [
    // [file, rejected rows expected from the fixture README, format]
    ["csv/text-in-value.csv", 2],
    ["csv/unknown-country.csv", 1],
    ["csv/duplicate-rows.csv", 1],
    ["csv/too-few-fields.csv", 1],
    ["csv/unknown-unit.csv", 1],
    ["csv/multiline-quoted.csv", 1],
    ["csv/bom.csv", 0],
  ];
  for (const [file, rejected, format] of partial) {
    it(`${file}: ${rejected} counted reject(s) with a line, and the counts add up`, async () => {
      // These synthetic fixtures share one dataset key; each is a smaller vintage than the one before.
      const report = await ingestFile(store, BAD(file), { format, allowShrink: true });
      expect(report.rowsRejected).toBe(rejected);
      expect(report.rowsStored + report.rowsRejected + report.rowsSkipped).toBe(report.rowsRead);
      for (const r of report.rejected) {
        expect(r.line).toBeGreaterThan(1);
        expect(r.reason.length).toBeGreaterThan(10);
      }
    });
  }

  it("the unknown country is named in the reject", async () => {
    const source = (await store.listSources()).find((s) => s.fileName === "unknown-country.csv");
    expect(source?.rowsRejected).toBe(1);
  });

  it("the resolver names an unknown DOTS partner (synthetic 'Atlantis') with its cell", async () => {
    const resolved = resolveParsedFile(rejectImplausible(await dotsAdapter.parse(BAD("xlsx/dots_bad_values.xlsx"))));
    const atlantis = resolved.rejected.find((r) => /Atlantis|Testland/.test(r.reason));
    expect(atlantis?.cell).toMatch(/!/);
  });

  it("dots_bad_values.xlsx stores none of its 19 value cells, so the whole file is refused and the store is unchanged", async () => {
    const before = await snapshot();
    const error = await ingestFile(store, BAD("xlsx/dots_bad_values.xlsx"), { format: "imf-dots" }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TradetiesError);
    expect((error as TradetiesError).describe()).toMatch(/none of the 19 rows of dots_bad_values\.xlsx could be stored \(15 rejected, 4 skipped — first: line 9, Exports, FOB!D9/);
    expect(await snapshot()).toEqual(before);
  });
});
