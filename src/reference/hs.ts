/**
 * The Harmonized System nomenclature, HS 2022 edition (UN Comtrade list via datasets/harmonized-system,
 * read from the data folder, `hs/`; never committed). Loaded synchronously once per process.
 *
 * Codes are text with their leading zeros ("010600"). Trade data in older HS editions (BACI HS92, Comtrade H2–H4)
 * uses 6-digit codes that HS 2022 split or dropped (HS92 "010600" live animals, other, became 010611…010690):
 * `describe()` then falls back to the heading and says so; `isKnown()` is true only for HS 2022 codes.
 *
 * Source oddity: one row has level 5 (`TOTAL,TOTAL,Total of all HS2022 commodities,TOTAL,5`), a grand total that is
 * not a code; it is skipped (counted in `skippedRows`).
 * @module
 */
import { readFileSync } from "node:fs";
import { dataFile } from "../dataFolder.js";
import Papa from "papaparse";
import { InternalError, UnknownCodeError } from "../errors.js";

export type HsLevel = 2 | 4 | 6;

export interface HsEntry {
  code: string;
  level: HsLevel;
  description: string;
  /** The enclosing code ("0106" for "010611"); undefined for chapters. */
  parent?: string;
  /** Roman numeral of the section ("V"). */
  section: string;
}

export interface HsSection {
  section: string;
  name: string;
  /** Two-digit chapter codes in the section. */
  chapters: string[];
}

/**
 * Chapters counted as raw materials for the resource-dependence risk: section V "Mineral products" (25 salt,
 * sulphur, earths and stone, cement; 26 ores, slag and ash; 27 mineral fuels and oils) plus the base-metal chapters
 * 72–81 of section XV (72 iron and steel … 81 other base metals; chapter 77 is reserved and unused). Chapters 82 and
 * 83 (tools and miscellaneous articles of base metal) and 73 (articles of iron or steel) are manufactures and excluded;
 * the "articles thereof" parts of 74–81 are semi-manufactures kept in for simplicity. Chapter 71 (precious metals and
 * stones, incl. platinum-group metals) is not included: it mixes unwrought metal with jewellery.
 */
export const RAW_MATERIAL_HS_CHAPTERS: readonly string[] = Object.freeze(["25", "26", "27", "72", "74", "75", "76", "78", "79", "80", "81"]);


function readCsv(file: string): Record<string, string>[] {
  // The nomenclature is the publisher's list: it lives in the data folder, never in the repository.
  const path = dataFile(`hs/${file}`);
  let text: string;
  try {
    text = readFileSync(path, "utf8").replace(/^\uFEFF/, "");
  } catch (cause) {
    throw new InternalError(`cannot read the HS nomenclature ${path}: ${(cause as Error).message}`, { file: path }, { cause });
  }
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true, dynamicTyping: false });
  if (parsed.errors.length) {
    const e = parsed.errors[0]!;
    throw new InternalError(`${path} is malformed at line ${(e.row ?? 0) + 2}: ${e.message}`, { file: path, line: (e.row ?? 0) + 2 });
  }
  return parsed.data;
}

/** Restores the leading zero a 6-digit HS code loses when stored as a number ("10600" → "010600").
 * Throws UnknownCodeError for anything that is not 5 or 6 digits. */
export function normalizeHs6(code: string): string {
  const t = String(code).trim();
  if (!/^\d+$/.test(t)) throw new UnknownCodeError(`HS code "${code}" is not a number; an HS6 product code has 6 digits such as "010600" or "270900"`);
  if (t.length > 6) throw new UnknownCodeError(`HS code "${code}" has ${t.length} digits; an HS6 product code has 6 (national tariff lines with 8–10 digits must be cut to 6 first)`);
  if (t.length < 5) throw new UnknownCodeError(`HS code "${code}" has ${t.length} digits; an HS6 product code has 6 (or 5 when a leading zero was lost, "10600" = "010600")`);
  return t.padStart(6, "0");
}

/** Restores a lost leading zero for codes of any level: odd lengths are padded to the next even one
 * ("1" → "01", "106" → "0106", "10600" → "010600"). Throws UnknownCodeError for non-digits or more than 6 digits. */
export function normalizeHsCode(code: string): string {
  const t = String(code).trim();
  if (!/^\d{1,6}$/.test(t)) throw new UnknownCodeError(`HS code "${code}" is not a 2-, 4- or 6-digit number such as "27", "2709" or "270900"`);
  return t.length % 2 === 1 ? `0${t}` : t;
}

let cached: HsNomenclature | undefined;

export class HsNomenclature {
  private readonly entries = new Map<string, HsEntry>();
  private readonly sectionList: HsSection[] = [];
  private readonly sectionNames = new Map<string, string>();
  /** Rows of the source not used as codes (the level-5 grand total). */
  readonly skippedRows: Array<{ line: number; reason: string }> = [];

  private constructor() {
    for (const r of readCsv("sections.csv")) {
      const name = (r.name ?? "").trim();
      const section = (r.section ?? "").trim();
      this.sectionNames.set(section, name.charAt(0).toUpperCase() + name.slice(1));
      this.sectionList.push({ section, name: this.sectionNames.get(section)!, chapters: [] });
    }
    readCsv("harmonized-system.csv").forEach((r, i) => {
      const level = Number(r.level);
      const code = (r.hscode ?? "").trim();
      if (!(level === 2 || level === 4 || level === 6) || code.length !== level || !/^\d+$/.test(code)) {
        this.skippedRows.push({ line: i + 2, reason: `level ${r.level} code "${code}" (${r.description}) is not a 2/4/6-digit HS code` });
        return;
      }
      const parent = (r.parent ?? "").trim();
      this.entries.set(code, { code, level, description: (r.description ?? "").trim(), parent: parent === "TOTAL" ? undefined : parent, section: (r.section ?? "").trim() });
      if (level === 2) this.sectionList.find((s) => s.section === r.section?.trim())?.chapters.push(code);
    });
  }

  static load(): HsNomenclature {
    cached ??= new HsNomenclature();
    return cached;
  }

  /** The HS 2022 entry for exactly this code (2, 4 or 6 digits; a lost leading zero is restored). */
  entry(code: string): HsEntry | undefined {
    return this.entries.get(normalizeHsCode(code));
  }

  isKnown(code: string): boolean {
    try {
      return this.entry(code) !== undefined;
    } catch {
      return false;
    }
  }

  /** The description of a chapter, heading or subheading. A 6-digit code HS 2022 does not have (an older edition's
   * subheading) gets its heading's description, marked "[heading 0106; 010600 is not an HS 2022 subheading]". */
  describe(code: string): string | undefined {
    const c = normalizeHsCode(code);
    const e = this.entries.get(c);
    if (e) return e.description;
    if (c.length === 6) {
      const h = this.entries.get(c.slice(0, 4));
      if (h) return `${h.description} [heading ${h.code}; ${c} is not an HS 2022 subheading]`;
    }
    return undefined;
  }

  /** "270900" → "27". */
  chapterOf(code: string): string {
    const c = normalizeHsCode(code);
    return c.slice(0, 2);
  }

  /** "270900" → "2709"; a chapter code has no heading. */
  headingOf(code: string): string {
    const c = normalizeHsCode(code);
    if (c.length < 4) throw new UnknownCodeError(`HS code "${code}" is a chapter; a heading needs 4 or 6 digits`);
    return c.slice(0, 4);
  }

  /** The section of a chapter, heading or subheading: "270900" → { section: "V", name: "Mineral products" }. */
  sectionOf(code: string): { section: string; name: string } | undefined {
    const ch = this.entries.get(this.chapterOf(code));
    if (!ch) return undefined;
    return { section: ch.section, name: this.sectionNames.get(ch.section) ?? ch.section };
  }

  chapters(): HsEntry[] {
    return [...this.entries.values()].filter((e) => e.level === 2).sort((a, b) => a.code.localeCompare(b.code));
  }

  headings(): HsEntry[] {
    return [...this.entries.values()].filter((e) => e.level === 4).sort((a, b) => a.code.localeCompare(b.code));
  }

  subheadings(): HsEntry[] {
    return [...this.entries.values()].filter((e) => e.level === 6).sort((a, b) => a.code.localeCompare(b.code));
  }

  sections(): HsSection[] {
    return this.sectionList.map((s) => ({ ...s, chapters: [...s.chapters] }));
  }
}
