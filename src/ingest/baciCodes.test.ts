import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { baciCodesAdapter, decodeCodeList } from "./baciCodes.js";
import { dataFile } from "../dataFolder.js";

const BACI = (f: string) => dataFile(`baci/${f}`);

describe("BACI code lists", () => {
  it("reads the Latin-1 V202201 list: 238 rows, all known; former entities labelled with successors' codes are noted", async () => {
    const parsed = await baciCodesAdapter.parse(BACI("country_codes_V202201.csv"));
    expect(parsed.rowsRead).toBe(238); // wc -l minus header
    expect(parsed.rejected).toEqual([]);
    expect(parsed.notes.join(" ")).toMatch(/latin1/);
    expect(parsed.notes.join(" ")).toMatch(/280 → DEU/);
  });

  it("Latin-1 bytes are decoded as Latin-1 (Côte d'Ivoire is byte 0xF4)", () => {
    const { text, encoding } = decodeCodeList(readFileSync(BACI("country_codes_V202201.csv")));
    expect(encoding).toBe("latin1");
    expect(text).toContain("Côte d'Ivoire");
  });

  it("flags the V202001 list's line 8, where Antigua and Barbuda (28) carries Antarctica's code ATA", async () => {
    const parsed = await baciCodesAdapter.parse(BACI("country_codes_V202001.csv"));
    expect(parsed.rowsRead).toBe(227);
    expect(parsed.rejected).toHaveLength(1);
    expect(parsed.rejected[0]).toMatchObject({ line: 8, field: "iso_3digit_alpha" });
    expect(parsed.rejected[0]!.reason).toMatch(/ATA/);
  });

  it("reads the mis-encoded UTF-8 copy and says its names are mojibake", async () => {
    const parsed = await baciCodesAdapter.parse(BACI("country_codes.csv"));
    expect(parsed.rowsRead).toBe(238);
    expect(parsed.rejected).toEqual([]);
    expect(parsed.notes.join(" ")).toMatch(/mis-encoded/);
  });

  it("reads the 4-column V2024 layout (built here from the real V202201 rows)", async () => {
    const text = readFileSync(BACI("country_codes_V202201.csv")).toString("latin1");
    const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
    const out = Papa.unparse(rows.map((r) => ({ country_code: r.country_code, country_name: r.country_name_abbreviation, country_iso2: r.iso_2digit_alpha, country_iso3: r.iso_3digit_alpha })));
    const path = join(mkdtempSync(join(tmpdir(), "baci-codes-")), "country_codes_V202401.csv");
    writeFileSync(path, out, "utf8");
    expect(baciCodesAdapter.detect("country_codes_V202401.csv", readFileSync(path))).toBe(true);
    const parsed = await baciCodesAdapter.parse(path);
    expect(parsed.rowsRead).toBe(238);
    expect(parsed.rejected).toEqual([]);
    expect(parsed.notes.join(" ")).toMatch(/4 columns/);
  });

  it("checks the product list: 5,384 valid HS6 codes", async () => {
    const parsed = await baciCodesAdapter.parse(BACI("product_codes.csv"));
    expect(parsed.rowsRead).toBe(5384);
    expect(parsed.rejected).toEqual([]);
  });
});
