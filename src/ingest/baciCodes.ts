/**
 * CEPII BACI code lists: the country list (5-column layout up to V2023, 4-column from V2024; the
 * originals are Latin-1, some copies are mis-encoded UTF-8) and the product list (`code,description`).
 *
 * tradeties resolves BACI codes through its own reference registry (`data/reference/`), so a code
 * list is not stored as data: loading one CHECKS it against the registry. Every row is read and
 * either counted as checked (skipped, "code list row: known to the registry") or rejected with its
 * line when the registry does not know the code or maps it to another country than the file's ISO
 * alpha-3 — which is what a user needs to know before loading BACI flows of a new release.
 * @module
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { IngestError } from "../errors.js";
import { addSkipped, emptyParsedFile, type ParsedFile } from "../model.js";
import { BACI_COUNTRY_LAYOUTS, CountryRegistry } from "../reference/countries.js";
import { normalizeHs6 } from "../reference/hs.js";
import { detectByHeader, parseCsvText } from "./csv.js";


const PRODUCT_COLUMNS = ["code", "description"] as const;

/** Latin-1 when the bytes are not valid UTF-8 (the original BACI lists), UTF-8 otherwise. */
export function decodeCodeList(bytes: Buffer): { text: string; encoding: "utf-8" | "latin1" } {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: bytes.toString("latin1"), encoding: "latin1" };
  }
}

/** Text that was Latin-1/Windows-1252 read as something else ("CÙte d'Ivoire", "CuraÁao", "CÃ´te"). */
const MOJIBAKE = /Ã.|Ù|Á(?=[a-z])/;

export const baciCodesAdapter = {
  name: "baci-codes",
  detect(_fileName: string, head: Buffer): boolean {
    const text = decodeCodeList(head).text;
    const asBuffer = Buffer.from(text, "utf8");
    return BACI_COUNTRY_LAYOUTS.some((cols) => detectByHeader(asBuffer, cols)) || (detectByHeader(asBuffer, PRODUCT_COLUMNS) && /^\uFEFF?"?code"?,/.test(text));
  },
  async parse(filePath: string): Promise<ParsedFile> {
    const bytes = await readFile(filePath);
    const { text, encoding } = decodeCodeList(bytes);
    const file = basename(filePath);
    const head = Buffer.from(text.slice(0, 4096), "utf8");
    const layout = BACI_COUNTRY_LAYOUTS.find((cols) => detectByHeader(head, cols));
    if (layout) return checkCountries(text, filePath, file, encoding, layout);
    if (detectByHeader(head, PRODUCT_COLUMNS)) return checkProducts(text, filePath, file);
    throw new IngestError(
      `${file} is not a BACI code list; expected a header of ${BACI_COUNTRY_LAYOUTS.map((c) => c.join(",")).join(" or ")} (countries) or code,description (products)`,
      { file: filePath, line: 1 },
    );
  },
};

function checkCountries(text: string, filePath: string, file: string, encoding: string, layout: readonly string[]): ParsedFile {
  const table = parseCsvText(text, filePath, { required: layout });
  const parsed = emptyParsedFile({ adapter: "baci-codes", dataset: "cepii-baci-codes", datasetKey: `cepii-baci-codes:countries:${file}`, reportedBy: "source" });
  parsed.rowsRead = table.rowsRead;
  parsed.rejected.push(...table.rejected);
  if (table.emptyRows) addSkipped(parsed, "empty row", table.emptyRows);
  const registry = CountryRegistry.load();
  const iso3Column = layout.includes("iso_3digit_alpha") ? "iso_3digit_alpha" : "country_iso3";
  let mojibake = 0;
  const labelledWithSuccessor: string[] = [];
  for (const row of table.rows) {
    const code = (row.fields.country_code ?? "").trim();
    const iso3 = (row.fields[iso3Column] ?? "").trim();
    const name = row.fields.country_name_abbreviation ?? row.fields.country_name ?? "";
    if (MOJIBAKE.test(name)) mojibake++;
    const resolved = /^\d+$/.test(code) ? registry.resolve({ scheme: "baci", code }) : undefined;
    if (!resolved) {
      parsed.rejected.push({ line: row.line, field: "country_code", reason: `BACI country code "${code}" (${name.trim() || "no name"}) is not in the reference registry; add it to data/reference/code-exceptions.csv before loading flows that use it` });
    } else if (/^[A-Z]{3}$/.test(iso3) && resolved.entity !== iso3 && (registry.get(resolved.entity)?.successors ?? []).includes(iso3)) {
      // BACI labels former entities with their successor's ISO code (280 → DEU); we keep them apart.
      labelledWithSuccessor.push(`${code} → ${iso3}`);
      addSkipped(parsed, "code list row: known to the reference registry (code lists are checked, not stored)");
    } else if (/^[A-Z]{3}$/.test(iso3) && resolved.entity !== iso3 && registry.get(resolved.entity)?.iso3 !== iso3) {
      parsed.rejected.push({ line: row.line, field: iso3Column, reason: `code ${code} is ${iso3} in ${file} but ${resolved.entity} (${resolved.name}) in the reference registry; check which release is right` });
    } else addSkipped(parsed, "code list row: known to the reference registry (code lists are checked, not stored)");
  }
  parsed.checkOnly = true;
  parsed.notes.push(`layout: ${layout.length} columns; encoding read as ${encoding}`);
  if (labelledWithSuccessor.length) parsed.notes.push(`${labelledWithSuccessor.length} former entities are labelled with their successor's ISO code in the file (${labelledWithSuccessor.join(", ")}); tradeties keeps them as separate historical entities`);
  if (mojibake) parsed.notes.push(`${mojibake} country names look mis-encoded (e.g. "CÙte d'Ivoire"): the file was re-saved with the wrong encoding; codes are unaffected`);
  return parsed;
}

function checkProducts(text: string, filePath: string, file: string): ParsedFile {
  const table = parseCsvText(text, filePath, { required: PRODUCT_COLUMNS, optional: ["bec"] });
  const parsed = emptyParsedFile({ adapter: "baci-codes", dataset: "cepii-baci-codes", datasetKey: `cepii-baci-codes:products:${file}`, reportedBy: "source" });
  parsed.rowsRead = table.rowsRead;
  parsed.rejected.push(...table.rejected);
  if (table.emptyRows) addSkipped(parsed, "empty row", table.emptyRows);
  let restored = 0;
  for (const row of table.rows) {
    const raw = (row.fields.code ?? "").trim();
    try {
      if (normalizeHs6(raw) !== raw) restored++;
      addSkipped(parsed, "product code row: a valid HS6 code (code lists are checked, not stored)");
    } catch (e) {
      parsed.rejected.push({ line: row.line, field: "code", reason: (e as Error).message });
    }
  }
  parsed.checkOnly = true;
  if (restored) parsed.notes.push(`${restored} product codes had lost their leading zero (e.g. 10121 → 010121)`);
  return parsed;
}
