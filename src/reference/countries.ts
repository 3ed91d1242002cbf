/**
 * The country registry: every country, former country, aggregate and source-specific label the
 * ingest adapters meet, resolved to one entity code (see `EntityCode` in src/model.ts).
 *
 * Built synchronously once per process from the publishers' code lists in the data folder
 * (src/dataFolder.ts): ISO 3166 current countries (`country-codes/country-codes.csv`), UN Comtrade
 * reporters (`country-codes/Reporters.json`), the CEPII BACI country list
 * (`baci/country_codes_V202201.csv`, Latin-1); and from four curated files of the project's own in
 * `data/reference/` (see its README): `historical-entities.csv`, `code-exceptions.csv`,
 * `dots-names.csv`, `kto-names.csv`.
 *
 * Rules worth knowing:
 * - Codes keep the entity the source means, whatever the year: 810 is the USSR even in a 1995 row.
 * - The Federal Republic of Germany before 1991 (280) is its own entity FRG, not DEU; IMF DOTS
 *   "Germany" is DEU in every year. Germany continues West Germany (`continued_by` in
 *   historical-entities.csv): a DEU figure of a year before 1991 describes the Federal Republic
 *   ({@link CountryRegistry.entityIn}), and the GDR is not one of Germany's series predecessors.
 * - BACI/Comtrade use 251 France, 579 Norway, 699 India, 757 Switzerland, 842 USA instead of the
 *   ISO numerics; 490 "Other Asia, nes" is S19 (Taiwan in practice), kind "other".
 * @module
 */
import { readFileSync } from "node:fs";
import { dataFile } from "../dataFolder.js";
import Papa from "papaparse";
import type { CodeScheme, EntityCode, RawCountryRef } from "../model.js";
import { InternalError } from "../errors.js";
import { CountrySearch } from "./countrySearch.js";
import { packageFile } from "../packagePaths.js";

export const ENTITY_KINDS = ["country", "historical", "aggregate", "other", "subtotal", "footer"] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export interface CountryEntity {
  entity: EntityCode;
  name: string;
  kind: EntityKind;
  /** The name a person writes in running text ("South Korea", "Russia", "USSR"); defaults to `name`. */
  shortName?: string;
  iso2?: string;
  iso3?: string;
  /** Three digits with leading zeros ("004"), as ISO writes it. */
  isoNumeric?: string;
  validFrom?: number;
  validTo?: number;
  successors: EntityCode[];
  /** Direct predecessors; `CountryRegistry.predecessors()` gives the transitive list. */
  predecessors: EntityCode[];
  /** The predecessor this entity's statistical series continue (DEU: FRG), from `continued_by`. */
  continues?: EntityCode;
  /** Other names and labels (English names from every list, DOTS and KTO labels). */
  aliases: string[];
}

export interface Resolution {
  entity: EntityCode;
  kind: EntityKind;
  name: string;
}

export interface SchemeCode {
  code: string;
  entity: EntityCode;
  kind: EntityKind;
  validFrom?: number;
  validTo?: number;
}

/** One row of a BACI country code list, either layout. */
export interface BaciCountryRow {
  code: string;
  name: string;
  fullName?: string;
  iso2?: string;
  iso3?: string;
}

const SHORT_NAME_OVERRIDES: Record<string, string> = { USA: "United States", GBR: "United Kingdom" };

const SCHEMES: readonly CodeScheme[] = ["iso3", "iso-numeric", "baci", "comtrade", "imf-dots-name", "kto-korean-name", "name"];
/** Countries before former countries before aggregates…: the order of search results and of code claims. */
export const KIND_RANK: Record<EntityKind, number> = { country: 0, historical: 1, aggregate: 2, other: 3, subtotal: 4, footer: 5 };

/**
 * Publishers' code lists are read from the data folder (never committed); the name maps, historical
 * entities and code exceptions are the project's own files in data/reference/.
 */
const REF_FILES = {
  iso: "data:country-codes/country-codes.csv",
  comtrade: "data:country-codes/Reporters.json",
  baci: "data:baci/country_codes_V202201.csv",
  historical: "historical-entities.csv",
  exceptions: "code-exceptions.csv",
  dots: "dots-names.csv",
  kto: "kto-names.csv",
} as const;

function refPath(path: string): string {
  return path.startsWith("data:") ? dataFile(path.slice("data:".length)) : packageFile(`data/reference/${path}`);
}

function readText(path: string, encoding: BufferEncoding = "utf8"): string {
  const file = refPath(path);
  try {
    return readFileSync(file).toString(encoding).replace(/^\uFEFF/, "");
  } catch (cause) {
    throw new InternalError(`cannot read reference file ${file}: ${(cause as Error).message}; restore it from the repository or the data folder`, { file }, { cause });
  }
}

function readCsv(path: string, encoding: BufferEncoding = "utf8"): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(readText(path, encoding), { header: true, skipEmptyLines: true, dynamicTyping: false });
  if (parsed.errors.length > 0) {
    const e = parsed.errors[0]!;
    throw new InternalError(`reference file ${refPath(path)} is malformed at row ${(e.row ?? 0) + 2}: ${e.message}`, { file: refPath(path), line: (e.row ?? 0) + 2 });
  }
  return parsed.data;
}

/** The two BACI country-list headers: up to V2023 (5 columns) and from V2024 (4 columns). */
export const BACI_COUNTRY_LAYOUTS = [
  ["country_code", "country_name_abbreviation", "country_name_full", "iso_2digit_alpha", "iso_3digit_alpha"],
  ["country_code", "country_name", "country_iso2", "country_iso3"],
] as const;

/** Parses a BACI country code list in the old 5-column layout (`country_code, country_name_abbreviation,
 * country_name_full, iso_2digit_alpha, iso_3digit_alpha`, V2020xx–V2023xx) or the newer 4-column one
 * (`country_code, country_name, country_iso2, country_iso3`, V2024xx). Decode the bytes first (the
 * original files are Latin-1). "N/A" and empty ISO fields become undefined. */
export function parseBaciCountryCodes(text: string): BaciCountryRow[] {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true, dynamicTyping: false, transformHeader: (h) => h.trim() });
  const fields = parsed.meta.fields ?? [];
  const iso = (v: string | undefined): string | undefined => {
    const t = (v ?? "").trim();
    return t === "" || t.toUpperCase() === "N/A" ? undefined : t;
  };
  if (BACI_COUNTRY_LAYOUTS[0].every((c) => fields.includes(c))) {
    return parsed.data.map((r) => ({ code: (r.country_code ?? "").trim(), name: (r.country_name_abbreviation ?? "").trim(), fullName: iso(r.country_name_full), iso2: iso(r.iso_2digit_alpha), iso3: iso(r.iso_3digit_alpha) }));
  }
  if (BACI_COUNTRY_LAYOUTS[1].every((c) => fields.includes(c))) {
    return parsed.data.map((r) => ({ code: (r.country_code ?? "").trim(), name: (r.country_name ?? "").trim(), iso2: iso(r.country_iso2), iso3: iso(r.country_iso3) }));
  }
  throw new InternalError(`not a BACI country code list: header is "${fields.join(",")}"; expected country_code,country_name_abbreviation,… or country_code,country_name,country_iso2,country_iso3`);
}

/** Lower case, accents and apostrophe variants folded, spaces collapsed: the key for names. */
export function normalizeName(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[’‘`]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

const koreanKey = (text: string): string => text.normalize("NFC").replace(/\s+/g, "");
const numericKey = (code: string): string | undefined => {
  const t = code.trim();
  return /^\d{1,4}$/.test(t) ? String(Number(t)) : undefined;
};
const entityKey = (code: string): string => {
  const t = code.trim();
  return /^agg:/i.test(t) ? `AGG:${t.slice(4).toLowerCase()}` : t.toUpperCase();
};
const yearOf = (v: string | undefined): number | undefined => {
  const m = /^(\d{4})/.exec((v ?? "").trim());
  return m ? Number(m[1]) : undefined;
};

interface Candidate {
  entity: EntityCode;
  validFrom?: number;
  validTo?: number;
}

let cached: CountryRegistry | undefined;

export class CountryRegistry {
  private readonly entities = new Map<EntityCode, CountryEntity>();
  private readonly index = new Map<CodeScheme, Map<string, Candidate[]>>(SCHEMES.map((s) => [s, new Map()]));
  /** The codes of each scheme as the source writes them, for codesFor(). */
  private readonly lists = new Map<CodeScheme, Map<string, SchemeCode>>(SCHEMES.map((s) => [s, new Map()]));
  private readonly iso2Index = new Map<string, EntityCode[]>();
  /** Reference rows that point at nothing (a curated file out of step with a source list). Empty when the files are consistent. */
  readonly warnings: string[] = [];
  /** Milliseconds the last build took. */
  readonly loadMs: number;

  private constructor() {
    const t0 = performance.now();
    this.build();
    this.loadMs = performance.now() - t0;
  }

  /** The registry built from data/reference, once per process. */
  static load(): CountryRegistry {
    cached ??= new CountryRegistry();
    return cached;
  }

  // ---------------------------------------------------------------- building

  private addEntity(e: Omit<CountryEntity, "successors" | "predecessors" | "aliases"> & Partial<Pick<CountryEntity, "successors" | "aliases">>): CountryEntity {
    const existing = this.entities.get(e.entity);
    if (existing) return existing;
    const entity: CountryEntity = { successors: [], predecessors: [], aliases: [], ...e };
    this.entities.set(entity.entity, entity);
    return entity;
  }

  private addAlias(entity: CountryEntity, alias: string | undefined): void {
    const a = (alias ?? "").replace(/\s+/g, " ").trim();
    if (!a || a === entity.name || entity.aliases.includes(a)) return;
    entity.aliases.push(a);
  }

  private addCode(scheme: CodeScheme, key: string, sourceCode: string, c: Candidate): void {
    const idx = this.index.get(scheme)!;
    const list = idx.get(key);
    if (!list) idx.set(key, [c]);
    else if (!list.some((x) => x.entity === c.entity)) list.push(c);
    const lists = this.lists.get(scheme)!;
    if (!lists.has(key)) lists.set(key, { code: sourceCode, entity: c.entity, kind: "country", validFrom: c.validFrom, validTo: c.validTo });
  }

  private build(): void {
    const exceptions = readCsv(REF_FILES.exceptions);
    const historical = readCsv(REF_FILES.historical);

    // 1. ISO 3166 current countries.
    for (const r of readCsv(REF_FILES.iso)) {
      const iso3 = (r["ISO3166-1-Alpha-3"] ?? "").trim();
      const num = (r["ISO3166-1-numeric"] ?? "").trim();
      if (!/^[A-Z]{3}$/.test(iso3)) continue;
      const clean = (s: string | undefined): string => (s ?? "").replace(/\s*\(the\)\s*$/i, "").replace(/^the\s+/i, "").trim();
      const name = clean(r.official_name_en) || clean(r["CLDR display name"]) || iso3;
      // CLDR abbreviates two names ("US", "UK"); running text wants them written out.
      const shortName = SHORT_NAME_OVERRIDES[iso3] ?? (clean(r["CLDR display name"]) || undefined);
      const e = this.addEntity({ entity: iso3, name, shortName, kind: "country", iso2: (r["ISO3166-1-Alpha-2"] ?? "").trim() || undefined, iso3, isoNumeric: num ? num.padStart(3, "0") : undefined });
      for (const col of ["CLDR display name", "UNTERM English Short", "UNTERM English Formal"]) this.addAlias(e, clean(r[col]));
    }

    // 2. Curated historical / special entities.
    const startsSuccessors = new Set<EntityCode>();
    const continuations: Array<[EntityCode, EntityCode]> = [];
    for (const r of historical) {
      const entity = entityKey(r.entity ?? "");
      const e = this.addEntity({
        entity,
        name: (r.name ?? "").trim(),
        shortName: r.short_name?.trim() || undefined,
        kind: (r.kind?.trim() || "historical") as EntityKind,
        iso2: r.iso2?.trim() || undefined,
        iso3: /^[A-Z]{3}$/.test(entity) ? entity : undefined,
        isoNumeric: r.iso_numeric?.trim() ? r.iso_numeric.trim().padStart(3, "0") : undefined,
        validFrom: yearOf(r.valid_from),
        validTo: yearOf(r.valid_to),
        successors: (r.successors ?? "").split(/\s+/).filter(Boolean),
      });
      for (const a of (r.aliases ?? "").split("|")) this.addAlias(e, a);
      if (r.successors_start?.trim() === "yes") startsSuccessors.add(entity);
      if (r.continued_by?.trim()) continuations.push([entity, entityKey(r.continued_by)]);
    }

    // 3. Scheme-specific code exceptions (BACI/Comtrade codes that are not the ISO numeric).
    for (const r of exceptions) {
      const entity = entityKey(r.entity ?? "");
      if (!this.entities.has(entity)) {
        if (!r.kind?.trim()) {
          this.warnings.push(`code-exceptions.csv: ${r.scheme} ${r.code} points at unknown entity ${entity}`);
          continue;
        }
        this.addEntity({ entity, name: r.name?.trim() || entity, kind: r.kind.trim() as EntityKind });
      }
      if (r.name?.trim()) this.addAlias(this.entities.get(entity)!, r.name);
      const key = numericKey(r.code ?? "");
      if (key === undefined) {
        this.warnings.push(`code-exceptions.csv: code "${r.code}" is not numeric`);
        continue;
      }
      this.addCode(r.scheme as CodeScheme, key, key, { entity, validFrom: yearOf(r.valid_from), validTo: yearOf(r.valid_to) });
    }

    // 4. Numeric codes of ISO and historical entities: iso-numeric and baci (BACI = ISO numeric + exceptions).
    for (const e of this.entities.values()) {
      if (!e.isoNumeric) continue;
      const key = String(Number(e.isoNumeric));
      const c = { entity: e.entity, validFrom: e.validFrom, validTo: e.validTo };
      this.addCode("iso-numeric", key, key, c);
      this.addCode("baci", key, key, c);
    }

    // 5. UN Comtrade reporters.
    const byNumericHistorical = new Map<string, EntityCode>();
    for (const r of historical) if (r.iso_numeric?.trim()) byNumericHistorical.set(String(Number(r.iso_numeric)), entityKey(r.entity ?? ""));
    const comtradeFrom = new Map<EntityCode, number>();
    const reporters = (JSON.parse(readText(REF_FILES.comtrade)) as { results: Array<Record<string, unknown>> }).results;
    for (const r of reporters) {
      const code = String(r.reporterCode);
      const alpha3 = String(r.reporterCodeIsoAlpha3 ?? "").trim();
      const text = String(r.text ?? "").trim();
      const from = yearOf(String(r.entryEffectiveDate ?? ""));
      const to = yearOf(String(r.entryExpiredDate ?? ""));
      const validFrom = from !== undefined && from > 1900 ? from : undefined;
      const entity = this.index.get("comtrade")!.get(code)?.[0]?.entity ?? byNumericHistorical.get(code) ?? (this.entities.has(alpha3) ? alpha3 : undefined);
      if (!entity) {
        this.warnings.push(`country-codes/Reporters.json: reporter ${code} "${text}" (${alpha3}) has no entity; add it to historical-entities.csv or code-exceptions.csv`);
        continue;
      }
      const lists = this.lists.get("comtrade")!;
      const known = lists.get(code);
      if (known) {
        known.validFrom ??= validFrom;
        known.validTo ??= to;
      } else this.addCode("comtrade", code, code, { entity, validFrom, validTo: to });
      if (validFrom !== undefined && to === undefined) comtradeFrom.set(entity, validFrom);
      const e = this.entities.get(entity)!;
      this.addAlias(e, text);
      this.addAlias(e, text.replace(/\s*\(\.\.\.\d{4}\)$/, ""));
    }

    // 6. BACI country list (Latin-1).
    for (const r of parseBaciCountryCodes(readText(REF_FILES.baci, "latin1"))) {
      const key = numericKey(r.code);
      if (key === undefined) continue;
      let entity = this.index.get("baci")!.get(key)?.[0]?.entity;
      if (!entity && r.iso3 && this.entities.has(r.iso3)) {
        entity = r.iso3;
        this.addCode("baci", key, key, { entity });
      }
      if (!entity) {
        this.warnings.push(`${REF_FILES.baci}: BACI code ${r.code} "${r.name}" has no entity; add it to code-exceptions.csv`);
        continue;
      }
      const e = this.entities.get(entity)!;
      this.addAlias(e, r.name);
      this.addAlias(e, r.fullName);
    }

    // 7. IMF DOTS labels and KTO nationality labels.
    for (const [file, scheme, labelCol] of [
      [REF_FILES.dots, "imf-dots-name", "dots_name"],
      [REF_FILES.kto, "kto-korean-name", "kto_name"],
    ] as const) {
      for (const r of readCsv(file)) {
        const label = (r[labelCol] ?? "").trim();
        const entity = entityKey(r.entity ?? "");
        const kind = (r.kind ?? "").trim() as EntityKind;
        if (!this.entities.has(entity)) {
          if (!entity.startsWith("AGG:")) {
            this.warnings.push(`${file}: "${label}" points at unknown entity ${entity}`);
            continue;
          }
          this.addEntity({ entity, name: (r.english ?? "").trim() || label, kind });
        }
        const e = this.entities.get(entity)!;
        this.addAlias(e, label);
        if (r.english?.trim()) this.addAlias(e, r.english);
        const key = scheme === "kto-korean-name" ? koreanKey(label) : normalizeName(label);
        this.addCode(scheme, key, label, { entity });
      }
    }

    // 8. Successor links, validity of successor states, names index.
    for (const e of this.entities.values()) {
      for (const s of e.successors) {
        const succ = this.entities.get(s);
        if (!succ) {
          this.warnings.push(`historical-entities.csv: ${e.entity} lists unknown successor ${s}`);
          continue;
        }
        if (!succ.predecessors.includes(e.entity)) succ.predecessors.push(e.entity);
        if (startsSuccessors.has(e.entity) && succ.validFrom === undefined && e.validTo !== undefined) {
          succ.validFrom = comtradeFrom.get(s) ?? e.validTo + 1;
        }
      }
    }
    for (const [older, newer] of continuations) {
      const succ = this.entities.get(newer);
      if (succ?.predecessors.includes(older)) succ.continues = older;
      else this.warnings.push(`historical-entities.csv: ${older} is continued_by ${newer}, which does not list it as a predecessor`);
    }
    const entries = [...this.entities.values()].sort((a, b) => KIND_RANK[a.kind] - KIND_RANK[b.kind]);
    for (const e of entries) {
      const c = { entity: e.entity, validFrom: e.validFrom, validTo: e.validTo };
      this.addCode("iso3", entityKey(e.entity), e.entity, c);
      for (const n of [e.name, ...e.aliases]) if (!/[\uac00-\ud7af]/.test(n)) this.addCode("name", normalizeName(n), n, c);
      if (e.iso2) this.iso2Index.set(e.iso2.toUpperCase(), [...(this.iso2Index.get(e.iso2.toUpperCase()) ?? []), e.entity]);
    }
    // Scheme lists carry the entity's kind; validity defaults to the entity's.
    for (const list of this.lists.values()) {
      for (const sc of list.values()) {
        const e = this.entities.get(sc.entity)!;
        sc.kind = e.kind;
      }
    }
  }

  // ---------------------------------------------------------------- queries

  private pick(cands: Candidate[] | undefined, year?: number): CountryEntity | undefined {
    if (!cands || cands.length === 0) return undefined;
    let c = cands[0]!;
    if (cands.length > 1 && year !== undefined) c = cands.find((x) => (x.validFrom ?? -Infinity) <= year && year <= (x.validTo ?? Infinity)) ?? c;
    return this.entities.get(c.entity);
  }

  private lookupScheme(scheme: CodeScheme, code: string, year?: number): CountryEntity | undefined {
    const idx = this.index.get(scheme)!;
    switch (scheme) {
      case "iso3":
        return this.entities.get(entityKey(code));
      case "iso-numeric":
      case "baci": {
        const key = numericKey(code);
        return key === undefined ? undefined : this.pick(idx.get(key), year);
      }
      case "comtrade": {
        const key = numericKey(code);
        if (key === undefined) return undefined;
        // Comtrade partner codes not in the reporter list are ISO numerics (territories such as 16 American Samoa).
        return this.pick(idx.get(key), year) ?? this.pick(this.index.get("iso-numeric")!.get(key), year);
      }
      case "imf-dots-name": {
        const found = this.pick(idx.get(normalizeName(code)), year);
        if (found) return found;
        // A DOTS workbook for another reporter may carry a country label not listed yet: accept plain country names only.
        const byName = this.pick(this.index.get("name")!.get(normalizeName(code)), year);
        return byName && (byName.kind === "country" || byName.kind === "historical") ? byName : undefined;
      }
      case "kto-korean-name":
        return this.pick(idx.get(koreanKey(code)), year);
      case "name":
        return this.pick(idx.get(normalizeName(code)), year);
      default:
        return undefined;
    }
  }

  /** Resolves a source's code or label. `year` only breaks ties between entities sharing a code;
   * codes keep the entity the source means (810 in a 1995 row is still SUN). */
  resolve(ref: RawCountryRef, year?: number): Resolution | undefined {
    const e = this.lookupScheme(ref.scheme, ref.code, year);
    return e ? { entity: e.entity, kind: e.kind, name: e.name } : undefined;
  }

  /** The name for running text: the short name when there is one ("Russia", "USSR"), else the entity code. */
  displayName(entity: EntityCode): string {
    const e = this.entities.get(entity);
    return e ? (e.shortName ?? e.name) : entity;
  }

  get(entity: EntityCode): CountryEntity | undefined {
    return this.entities.get(entity) ?? this.entities.get(entityKey(entity));
  }

  all(): CountryEntity[] {
    return [...this.entities.values()].sort((a, b) => a.entity.localeCompare(b.entity));
  }

  /** Entities whose code (alpha-2/3, ISO numeric, BACI, Comtrade) or name matches `text`, case-insensitive:
   * exact matches first, then names starting with it, then names containing it; see {@link CountrySearch.find}. */
  find(text: string, limit = 20, prominence?: (entity: EntityCode) => number): CountryEntity[] {
    return this.search().find(text, limit, prominence);
  }

  /** The names closest to `text` by edit distance ("Rusia" → Russia), for a search that found nothing. */
  suggest(text: string, limit = 5): CountryEntity[] {
    return this.search().suggest(text, limit);
  }

  /** For CLI and API arguments: an exact code or name, or a name prefix only one country or former country has; see {@link CountrySearch.lookup}. */
  lookup(text: string): CountryEntity {
    return this.search().lookup(text);
  }

  /** Searching, set up on the first search (every API request looks its two countries up). */
  private search(): CountrySearch {
    this.searchMemo ??= new CountrySearch(this.entities, (text) => this.exactCodeMatches(text));
    return this.searchMemo;
  }

  private searchMemo: CountrySearch | undefined;

  private exactCodeMatches(text: string): Set<EntityCode> {
    const t = text.trim();
    const out = new Set<EntityCode>();
    if (!t) return out;
    const e = this.entities.get(entityKey(t));
    if (e) out.add(e.entity);
    for (const code of this.iso2Index.get(t.toUpperCase()) ?? []) out.add(code);
    const key = numericKey(t);
    if (key !== undefined) for (const s of ["iso-numeric", "baci", "comtrade"] as const) for (const c of this.index.get(s)!.get(key) ?? []) out.add(c.entity);
    for (const c of this.index.get("kto-korean-name")!.get(koreanKey(t)) ?? []) out.add(c.entity);
    return out;
  }

  /** All earlier entities, nearest first: RUS → [SUN]; SRB → [SCG, YUG]. */
  predecessors(entity: EntityCode): CountryEntity[] {
    const out: CountryEntity[] = [];
    const seen = new Set<EntityCode>([entity]);
    const queue = [...(this.get(entity)?.predecessors ?? [])];
    while (queue.length) {
      const code = queue.shift()!;
      if (seen.has(code)) continue;
      seen.add(code);
      const e = this.entities.get(code);
      if (!e) continue;
      out.push(e);
      queue.push(...e.predecessors);
    }
    return out;
  }

  /**
   * The predecessors whose figures stand in for `entity`'s series in their own years. An entity that
   * continues one predecessor (Germany the Federal Republic) has that one and its own predecessors;
   * the others were absorbed (the GDR), a different country in those years. Otherwise the
   * predecessors that list `entity` first among their successors, through the chain: the USSR's
   * figures are Russia's earlier years, not Tajikistan's (Peru–Tajikistan read Peru–USSR trade of
   * 1984–1991 as its own, and Kyrgyzstan–Nigeria "fell 92 % since its 1983 peak", the USSR's);
   * Serbia ← Serbia and Montenegro ← Yugoslavia.
   */
  seriesPredecessors(entity: EntityCode): CountryEntity[] {
    const continued = this.get(entity)?.continues;
    if (continued) {
      const e = this.entities.get(continued);
      return e ? [e, ...this.predecessors(continued)] : [];
    }
    const out: CountryEntity[] = [];
    const seen = new Set<EntityCode>([entity]);
    let heirs = [entity];
    while (heirs.length) {
      const next: EntityCode[] = [];
      for (const heir of heirs)
        for (const code of this.get(heir)?.predecessors ?? []) {
          const p = this.entities.get(code);
          if (!p || seen.has(code) || p.successors[0] !== heir) continue;
          seen.add(code);
          out.push(p);
          next.push(code);
        }
      heirs = next;
    }
    return out;
  }

  /**
   * The state a figure or event booked under `entity` describes in `year`: `entity` while it exists;
   * before it began, the predecessor it continues (a DOTS "Germany" figure of 1985: West Germany),
   * else its only predecessor existing then (Russia in 1991: the USSR); `entity` itself when the
   * year had several (Vietnam before 1975: the data cannot say which).
   */
  entityIn(entity: EntityCode, year: number): EntityCode {
    const e = this.get(entity);
    if (!e || e.validFrom === undefined || year >= e.validFrom) return entity;
    if (e.continues) return this.entityIn(e.continues, year);
    const then = e.predecessors.map((p) => this.entities.get(p)).filter((p): p is CountryEntity => p !== undefined && (p.validFrom ?? -Infinity) <= year && year <= (p.validTo ?? Infinity));
    return then.length === 1 ? then[0]!.entity : entity;
  }

  /** True when `later` continues `earlier` (Germany the Federal Republic): one statistical series, not a new country. */
  continuesFrom(later: EntityCode, earlier: EntityCode): boolean {
    let e = this.get(later);
    while (e?.continues) {
      if (e.continues === earlier) return true;
      e = this.entities.get(e.continues);
    }
    return false;
  }

  /** Every code of a scheme with its entity, one row per code (safe to join on in SQL). Numeric codes
   * are written without leading zeros ("4"); name schemes give the labels as the source writes them. */
  codesFor(scheme: CodeScheme): SchemeCode[] {
    const list = this.lists.get(scheme);
    if (!list) return [];
    return [...list.values()].map((c) => {
      const e = this.entities.get(c.entity)!;
      return { code: c.code, entity: c.entity, kind: e.kind, validFrom: c.validFrom ?? e.validFrom, validTo: c.validTo ?? e.validTo };
    });
  }
}
