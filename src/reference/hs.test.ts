import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { UnknownCodeError } from "../errors.js";
import { HsNomenclature, normalizeHs6, RAW_MATERIAL_HS_CHAPTERS } from "./hs.js";
import { dataFile } from "../dataFolder.js";

const hs = HsNomenclature.load();

describe("HsNomenclature", () => {
  it("has the counts the datasets/harmonized-system package documents (HS 2022)", () => {
    expect(hs.chapters()).toHaveLength(97);
    expect(hs.headings()).toHaveLength(1229);
    expect(hs.subheadings()).toHaveLength(5613);
    expect(hs.sections()).toHaveLength(21);
  });

  it("skips the one level-5 'TOTAL' row of the source", () => {
    expect(hs.skippedRows).toHaveLength(1);
    expect(hs.skippedRows[0]!.reason).toMatch(/level 5 code "TOTAL"/);
    expect(hs.isKnown("TOTAL")).toBe(false);
  });

  it("puts chapter 27 (mineral fuels) in section V, Mineral products", () => {
    expect(hs.sectionOf("27")).toEqual({ section: "V", name: "Mineral products" });
    expect(hs.sectionOf("270900")).toEqual({ section: "V", name: "Mineral products" });
    expect(hs.sections().find((s) => s.section === "V")?.chapters).toEqual(["25", "26", "27"]);
    // sections.csv starts with a BOM: the first section must still be found by its key.
    expect(hs.sectionOf("01")?.section).toBe("I");
  });

  it("describes chapters, headings and subheadings as the file writes them", () => {
    expect(hs.describe("01")).toBe("Animals; live");
    expect(hs.describe("2709")).toMatch(/^Petroleum oils and oils obtained from bituminous minerals; crude/);
    expect(hs.describe("010121")).toBe("Horses; live, pure-bred breeding animals");
  });

  it("describes HS92 '010600' (live animals, other) through its heading 0106, saying it is not an HS 2022 subheading", () => {
    expect(hs.isKnown("010600")).toBe(false);
    expect(hs.describe("010600")).toMatch(/^Animals; live, n\.e\.c\. in chapter 01 \[heading 0106; 010600 is not an HS 2022 subheading\]$/);
    expect(hs.describe("10600")).toBe(hs.describe("010600"));
  });

  it("keeps leading zeros", () => {
    expect(normalizeHs6("10600")).toBe("010600");
    expect(normalizeHs6("382390")).toBe("382390");
    expect(normalizeHs6(" 010121 ")).toBe("010121");
    expect(hs.chapterOf("10600")).toBe("01");
    expect(hs.headingOf("010121")).toBe("0101");
    expect(hs.isKnown("010121")).toBe(true);
    expect(hs.chapters()[0]!.code).toBe("01");
  });

  it("rejects codes that are not HS6 numbers with a clear message", () => {
    expect(() => normalizeHs6("27a900")).toThrow(UnknownCodeError);
    expect(() => normalizeHs6("27a900")).toThrow(/is not a number/);
    expect(() => normalizeHs6("27090000")).toThrow(/has 8 digits/);
    expect(() => normalizeHs6("2709")).toThrow(/has 4 digits/);
  });

  it("raw-material chapters are 25–27 and 72–81 without the reserved 77, all in sections V and XV", () => {
    expect([...RAW_MATERIAL_HS_CHAPTERS]).toEqual(["25", "26", "27", "72", "74", "75", "76", "78", "79", "80", "81"]);
    for (const ch of RAW_MATERIAL_HS_CHAPTERS) {
      expect(hs.isKnown(ch), ch).toBe(true);
      expect(["V", "XV"]).toContain(hs.sectionOf(ch)?.section);
    }
  });

  it("covers every chapter that occurs in the file", () => {
    const text = readFileSync(dataFile("hs/harmonized-system.csv"), "utf8");
    const chapters = new Set(text.split("\n").slice(1).filter((l) => /,2\s*$/.test(l)).map((l) => l.split(",")[1]));
    expect(chapters.has("77")).toBe(false);
    for (const c of chapters) expect(hs.isKnown(c!), c).toBe(true);
  });
});
