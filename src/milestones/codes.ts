/**
 * Country codes of the milestone datasets → entity codes of the country registry.
 *
 * The datasets code countries differently: WTO and GSDB by name, DESTA by ISO numeric, TIES and the
 * COW state list by Correlates-of-War number, Laeven–Valencia by IMF name. Names and ISO numerics
 * go through the registry (src/reference/countries.ts); COW numbers through the COW state list's
 * own names (cowstates.csv, 243 spells) and the registry — a test checks every one against the
 * countrycode panel's COW → ISO3 table, which is too large (1.8 MB) to parse at every start.
 * `data/reference/milestone-codes.csv` holds what neither knows (predecessor states by year, WTO
 * spellings such as "Kosovo (under UNSC res. 1244)").
 * Every code that still resolves to nothing is counted by dataset (`unmapped()`), never dropped silently.
 * @module
 */
import Papa from "papaparse";
import { InternalError } from "../errors.js";
import type { EntityCode } from "../model.js";
import { normalizeName, type CountryRegistry } from "../reference/countries.js";
import type { UnmappedCode } from "./types.js";

interface Override {
  entity: EntityCode;
  from?: number;
  to?: number;
}

/** Rows of a CSV file read as text (no type guessing), BOM removed. */
export function parseCsvText(text: string, file: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true, dynamicTyping: false });
  const bad = parsed.errors.find((e) => e.type !== "FieldMismatch");
  if (bad) throw new InternalError(`${file} is malformed at data row ${(bad.row ?? 0) + 1}: ${bad.message}`, { file, line: (bad.row ?? 0) + 2 });
  return parsed.data;
}

export class MilestoneCodes {
  private readonly overrides = new Map<string, Override[]>();
  /** COW number → the state list's spells with its names. */
  private readonly cow = new Map<number, Array<{ from: number; to: number; name: string }>>();
  private readonly misses = new Map<string, UnmappedCode>();
  private readonly memo = new Map<string, EntityCode | undefined>();

  constructor(
    private readonly registry: CountryRegistry,
    overridesCsv: string,
    cowStateRows: ReadonlyArray<Record<string, string>>,
  ) {
    for (const r of parseCsvText(overridesCsv, "data/reference/milestone-codes.csv")) {
      const key = `${r.scheme}:${r.scheme === "name" ? normalizeName(r.code ?? "") : (r.code ?? "").trim()}`;
      const list = this.overrides.get(key) ?? [];
      list.push({ entity: (r.entity ?? "").trim(), from: r.valid_from ? Number(r.valid_from) : undefined, to: r.valid_to ? Number(r.valid_to) : undefined });
      this.overrides.set(key, list);
    }
    for (const r of cowStateRows) {
      const code = Number(r.cowcode);
      const spells = this.cow.get(code) ?? [];
      spells.push({ from: Number((r.start ?? "").slice(0, 4)), to: Number((r.end ?? "").slice(0, 4)), name: (r.country_name ?? "").trim() });
      this.cow.set(code, spells);
    }
  }

  /** Looks a key up once; a miss is counted on every row that carries it. */
  private cached(dataset: string, key: string, shown: string, resolve: () => EntityCode | undefined): EntityCode | undefined {
    const k = `${dataset}|${key}`;
    if (!this.memo.has(k)) this.memo.set(k, resolve());
    const e = this.memo.get(k);
    return e === undefined ? this.miss(dataset, shown) : e === "-" ? undefined : e;
  }

  private override(scheme: string, code: string, year?: number): EntityCode | undefined {
    const list = this.overrides.get(`${scheme}:${scheme === "name" ? normalizeName(code) : code.trim()}`);
    if (!list) return undefined;
    if (year === undefined) return list[0]!.entity;
    return list.find((o) => (o.from ?? -Infinity) <= year && year <= (o.to ?? Infinity))?.entity;
  }

  private miss(dataset: string, code: string): undefined {
    const key = `${dataset}|${code}`;
    const m = this.misses.get(key) ?? { dataset, code, rows: 0 };
    m.rows++;
    this.misses.set(key, m);
    return undefined;
  }

  /** A country name (WTO, GSDB, Laeven–Valencia, WTO/GATT member lists). */
  byName(dataset: string, name: string, year?: number): EntityCode | undefined {
    const t = name.replace(/\s+/g, " ").trim();
    if (!t) return undefined;
    const byYear = this.overrides.has(`name:${normalizeName(t)}`) ? String(year) : "";
    return this.cached(dataset, `name:${t}:${byYear}`, t, () => {
      const own = this.override("name", t, year);
      if (own !== undefined) return own;
      const r = this.registry.resolve({ scheme: "imf-dots-name", code: t }, year) ?? this.registry.resolve({ scheme: "name", code: t }, year);
      return r && (r.kind === "country" || r.kind === "historical") ? r.entity : undefined;
    });
  }

  /** An ISO 3166 numeric code (DESTA). Predecessor codes (810, 200, 278, 280, 890, 891) resolve to their own entity. */
  byIsoNumeric(dataset: string, code: string | number): EntityCode | undefined {
    const c = String(code).trim();
    if (!c || c === "NA") return undefined;
    return this.cached(dataset, `iso:${Number(c)}`, c, () => {
      const own = this.override("iso-numeric", String(Number(c)));
      if (own !== undefined) return own;
      const r = this.registry.resolve({ scheme: "iso-numeric", code: c });
      return r && (r.kind === "country" || r.kind === "historical") ? r.entity : undefined;
    });
  }

  /** A Correlates-of-War state number in a given year (TIES, the COW state list). */
  byCow(dataset: string, code: string | number, year: number): EntityCode | undefined {
    const n = Number(code);
    if (!Number.isInteger(n) || n <= 0) return undefined;
    const spells = this.cow.get(n);
    const spell = spells?.find((s) => s.from <= year && year <= s.to) ?? spells?.[spells.length - 1];
    const own = this.override("cow", String(n), year);
    return this.cached(dataset, `cow:${n}:${own ?? ""}:${spell?.name ?? ""}`, `COW ${n}${spell ? ` (${spell.name})` : ""}`, () => {
      if (own !== undefined) return own;
      if (!spell) return undefined;
      const r = this.registry.resolve({ scheme: "name", code: spell.name }, year);
      return r && (r.kind === "country" || r.kind === "historical") ? r.entity : undefined;
    });
  }

  /** Predecessors absorbed into a successor whose trade series continue another predecessor's: [predecessor, successor]. */
  absorbed(): Array<[EntityCode, EntityCode]> {
    return [...this.overrides.entries()].filter(([k]) => k.startsWith("absorbed:")).flatMap(([k, list]) => list.map((o) => [k.slice("absorbed:".length), o.entity] as [EntityCode, EntityCode]));
  }

  /** Every code that resolved to nothing, by dataset, most rows first. */
  unmapped(): UnmappedCode[] {
    return [...this.misses.values()].sort((a, b) => a.dataset.localeCompare(b.dataset) || b.rows - a.rows || a.code.localeCompare(b.code));
  }
}
