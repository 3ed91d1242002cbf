/**
 * Dated facts about one country: WTO and GATT accessions, EU accessions and exit, financial crises
 * (Laeven–Valencia), and state changes (COW state list: dissolutions, unifications).
 * @module
 */
import type { EntityCode } from "../model.js";
import type { CountryRegistry } from "../reference/countries.js";
import type { MilestoneCodes } from "./codes.js";
import { MILESTONE_DATASETS } from "./datasets.js";
import type { CountryEvent, PartySpell } from "./types.js";

const D = MILESTONE_DATASETS;
export const FILES = { wto: D.wtoMembers.file, gatt: D.gatt.file, eu: D.eu.file, crises: D.crises.file, cow: D.cow.file } as const;
const DATASETS = { wto: D.wtoMembers.name, gatt: D.gatt.name, eu: D.eu.name, crises: D.crises.name, cow: D.cow.name } as const;

/** WTO accessions; original members (1995-01-01) are flagged as founding. */
export function readWtoAccessions(rows: ReadonlyArray<Record<string, string>>, codes: MilestoneCodes): CountryEvent[] {
  const out: CountryEvent[] = [];
  rows.forEach((r, i) => {
    const date = (r.accession_date ?? "").trim();
    const entity = codes.byName(DATASETS.wto, r.country_name ?? "", Number(date.slice(0, 4)));
    if (!entity || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return;
    out.push({ id: `wto-accession:${entity}`, category: "accession", entity, date, what: "WTO", founding: r.is_original_member === "TRUE", provenance: { dataset: DATASETS.wto, file: FILES.wto, row: i + 1, record: r.country_name ?? "" } });
  });
  return out;
}

/** GATT 1947 accessions; the 1948 contracting parties are flagged as founding. */
export function readGattAccessions(rows: ReadonlyArray<Record<string, string>>, codes: MilestoneCodes, registry: CountryRegistry): CountryEvent[] {
  const out: CountryEvent[] = [];
  rows.forEach((r, i) => {
    const date = (r.date ?? "").trim();
    const byIso = r.iso3c ? registry.get(r.iso3c)?.entity : undefined;
    // stevedata codes Germany's 1951 accession DEU and Yugoslavia YUG; the registry keeps the FRG apart.
    const entity = r.iso3c === "DEU" && date < "1990-10-03" ? "FRG" : (byIso ?? codes.byName(DATASETS.gatt, r.country ?? "", Number(date.slice(0, 4))));
    if (!entity || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return;
    out.push({ id: `gatt-accession:${entity}`, category: "accession", entity, date, what: "GATT", founding: date.startsWith("1948-"), provenance: { dataset: DATASETS.gatt, file: FILES.gatt, row: i + 1, record: r.country ?? "" } });
  });
  return out;
}

/** EU accessions (founders 1958-01-01 flagged as founding) and, from the WTO's EU Treaty record, exits. */
export function readEuMembership(rows: ReadonlyArray<Record<string, string>>, codes: MilestoneCodes, euSpells: readonly PartySpell[], euTreaty: CountryEvent["provenance"] | undefined): CountryEvent[] {
  const out: CountryEvent[] = [];
  rows.forEach((r, i) => {
    const date = (r.date ?? "").trim();
    const entity = codes.byName(DATASETS.eu, r.country ?? "", Number(date.slice(0, 4)));
    if (!entity) return;
    out.push({ id: `eu-accession:${entity}`, category: "accession", entity, date, what: "EU", founding: date === "1958-01-01", provenance: { dataset: DATASETS.eu, file: FILES.eu, row: i + 1, record: r.country ?? "" } });
  });
  if (euTreaty) {
    for (const s of euSpells) {
      if (s.to) out.push({ id: `eu-exit:${s.entity}`, category: "accession", entity: s.entity, date: s.to, what: "EU exit", provenance: euTreaty });
    }
  }
  return out;
}

const CRISIS_WORDS: Record<string, string> = { banking: "banking", currency: "currency", debt: "sovereign debt", debtrestructuring: "sovereign debt restructuring" };

/** Laeven–Valencia crisis starts (year, month where given). */
export function readCrises(rows: ReadonlyArray<Record<string, string>>, codes: MilestoneCodes): CountryEvent[] {
  const out: CountryEvent[] = [];
  rows.forEach((r, i) => {
    const year = Number(r.year);
    const entity = codes.byName(DATASETS.crises, r.country ?? "", year);
    if (!entity || !Number.isInteger(year)) return;
    const month = r.month ? String(Number(r.month)).padStart(2, "0") : undefined;
    const type = (r.type ?? "").trim();
    out.push({ id: `lv:${entity}:${year}:${type}`, category: "crisis", entity, date: month ? `${year}-${month}` : String(year), what: CRISIS_WORDS[type] ?? type, provenance: { dataset: DATASETS.crises, file: FILES.crises, row: i + 1, record: `${r.country} ${type} ${year}` } });
  });
  return out;
}

/**
 * State changes: when a predecessor state in the registry (USSR, Czechoslovakia, Yugoslavia, the two
 * Germanies, the two Yemens) gave way to its successors, dated by the COW state list — the first
 * COW spell of a successor that starts in the predecessor's last year or the year after (Ukraine
 * 1991-12-26, Czech Republic 1993-01-01, Germany 1990-10-03). One event per predecessor, attached to
 * the predecessor and each of its successors.
 */
export function readStateChanges(rows: ReadonlyArray<Record<string, string>>, codes: MilestoneCodes, registry: CountryRegistry): CountryEvent[] {
  const starts: Array<{ entity: EntityCode; date: string; row: number; record: string }> = [];
  rows.forEach((r, i) => {
    const date = (r.start ?? "").trim();
    const year = Number(date.slice(0, 4));
    if (year < 1945) return;
    const entity = codes.byCow(DATASETS.cow, r.cowcode ?? "", year);
    if (entity) starts.push({ entity, date, row: i + 1, record: `successor state ${r.cowcode} ${r.country_name} from ${date}` });
  });
  const out: CountryEvent[] = [];
  for (const p of registry.all()) {
    if (p.kind !== "historical" || !p.successors.length || p.validTo === undefined) continue;
    // The day most successors start (the USSR: 12 republics on 1991-12-26, after the Baltic states in September).
    const candidates = starts.filter((s) => p.successors.includes(s.entity) && (s.date.startsWith(String(p.validTo)) || s.date.startsWith(String(p.validTo! + 1))));
    const count = (d: string): number => candidates.filter((c) => c.date === d).length;
    const first = [...candidates].sort((a, b) => count(b.date) - count(a.date) || b.date.localeCompare(a.date))[0];
    if (!first) continue;
    const siblings = registry.all().filter((q) => q.kind === "historical" && q.entity !== p.entity && q.validTo === p.validTo && q.successors.length === 1 && p.successors.length === 1 && q.successors[0] === p.successors[0]);
    const before = [p.entity, ...siblings.map((s) => s.entity)].sort();
    if (before[0] !== p.entity) continue; // a unification is written once, from its first predecessor
    const provenance = { dataset: DATASETS.cow, file: FILES.cow, row: first.row, record: first.record };
    for (const entity of [...before, ...p.successors]) {
      out.push({ id: `state:${before.join("+")}:${entity}`, category: "state-change", entity, date: first.date, what: before.length > 1 ? "unification" : "dissolution", before, after: [...p.successors], provenance });
    }
  }
  return out;
}
