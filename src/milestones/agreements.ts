/**
 * Trade agreements from the WTO RTA database (day precision) and DESTA's dyadic list (year
 * precision, many agreements the WTO was never notified of).
 *
 * WTO rows name their parties (`Current signatories`, or `Original signatories` for inactive
 * agreements) with later entries and exits in `Specific Entry/Exit dates` ("Poland(01-May-2004 - )").
 * A bloc that is a party ("European Union", "EFTA", "ASEAN Free Trade Area (AFTA)", "EAEU",
 * "MERCOSUR", "SACU", "GCC", "CACM") is expanded to its members with the dates of the bloc's own
 * constituting record (the EU Treaty, RTA 120; the EFTA Convention, RTA 152; …), each member's spell
 * cut to the agreement's: the EU–Korea FTA binds Croatia from 2013-07-01 and the UK until 2020-12-31.
 * @module
 */
import { normalizeName } from "../reference/countries.js";
import type { EntityCode } from "../model.js";
import type { MilestoneCodes } from "./codes.js";
import { MILESTONE_DATASETS } from "./datasets.js";
import type { Agreement, MilestoneProvenance, PartySpell } from "./types.js";

const WTO_RTA_DATASET = MILESTONE_DATASETS.wtoRta.name;
const WTO_RTA_FILE = MILESTONE_DATASETS.wtoRta.file;
const DESTA_DATASET = MILESTONE_DATASETS.desta.name;
const DESTA_DYADS_FILE = MILESTONE_DATASETS.desta.file;

/** Blocs that appear as one party, by the name WTO writes for them → the name of their constituting record. */
const BLOC_RECORDS: Record<string, string> = {
  "European Union": "EU Treaty",
  "European Free Trade Association (EFTA)": "European Free Trade Association (EFTA)",
  "ASEAN Free Trade Area (AFTA)": "ASEAN Free Trade Area (AFTA)",
  "Eurasian Economic Union (EAEU)": "Eurasian Economic Union (EAEU)",
  "Southern Common Market (MERCOSUR)": "Southern Common Market (MERCOSUR)",
  "Southern African Customs Union (SACU)": "Southern African Customs Union (SACU)",
  "Gulf Cooperation Council (GCC)": "Gulf Cooperation Council (GCC)",
  "Central American Common Market (CACM)": "Central American Common Market (CACM)",
};

/** Names of the blocs' own constituting records. */
export const BLOC_RECORD_NAMES: ReadonlySet<string> = new Set(Object.values(BLOC_RECORDS));

/** How agreement names write a bloc as one side ("EU - Korea, Republic of", "EC - Poland Europe Agreement"). */
const BLOC_SIDE_NAMES: Record<string, string> = {
  EU: "European Union",
  EC: "European Union",
  "European Union": "European Union",
  EFTA: "European Free Trade Association (EFTA)",
  ASEAN: "ASEAN Free Trade Area (AFTA)",
  "ASEAN Free Trade Area (AFTA)": "ASEAN Free Trade Area (AFTA)",
  "Eurasian Economic Union (EAEU)": "Eurasian Economic Union (EAEU)",
  "Southern Common Market (MERCOSUR)": "Southern Common Market (MERCOSUR)",
  MERCOSUR: "Southern Common Market (MERCOSUR)",
  "Southern African Customs Union (SACU)": "Southern African Customs Union (SACU)",
  SACU: "Southern African Customs Union (SACU)",
  "Gulf Cooperation Council (GCC)": "Gulf Cooperation Council (GCC)",
  GCC: "Gulf Cooperation Council (GCC)",
  "Central American Common Market (CACM)": "Central American Common Market (CACM)",
};

const MONTHS: Record<string, string> = { jan: "01", feb: "02", mar: "03", apr: "04", may: "05", jun: "06", jul: "07", aug: "08", sep: "09", oct: "10", nov: "11", dec: "12" };

/** "01-May-2004" → "2004-05-01"; "" → undefined. */
export function parseWtoDayMonthYear(text: string): string | undefined {
  const m = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(text.trim());
  if (!m) return undefined;
  const month = MONTHS[m[2]!.toLowerCase()];
  return month ? `${m[3]}-${month}-${m[1]!.padStart(2, "0")}` : undefined;
}

/** "Austria(01-Jan-1995 - ); United Kingdom(01-Jan-1973 - 31-Dec-2020)" → name → { from, to }. */
export function parseEntryExitDates(text: string): Map<string, { from?: string; to?: string }> {
  const out = new Map<string, { from?: string; to?: string }>();
  for (const part of text.split(";")) {
    const m = /^(.*)\(([^()]*)\)\s*$/.exec(part.trim());
    if (!m) continue;
    const [from, to] = m[2]!.split(" - ").map((s) => s.trim());
    out.set(m[1]!.trim(), { from: parseWtoDayMonthYear(from ?? ""), to: parseWtoDayMonthYear(to ?? "") });
  }
  return out;
}

const splitNames = (text: string | undefined): string[] =>
  (text ?? "")
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean);

const later = (a: string, b: string): string => (a >= b ? a : b);
const earlier = (a: string | undefined, b: string | undefined): string | undefined => (a === undefined ? b : b === undefined ? a : a <= b ? a : b);

/** A bloc's members with their spells, from the bloc's own records (possibly several, e.g. AFTA 1993 and 2010). */
type BlocMembers = Map<string, PartySpell[]>;

interface WtoRow {
  row: number;
  r: Record<string, string>;
}

/** Parses the WTO RTA "AllRTAs" sheet (as CSV) into agreements in force at some time; announcements are skipped. */
export function readWtoAgreements(rows: ReadonlyArray<Record<string, string>>, codes: MilestoneCodes): { agreements: Agreement[]; blocMembers: Map<string, PartySpell[]> } {
  const all: WtoRow[] = rows.map((r, i) => ({ row: i + 1, r }));
  const inForceRows = all.filter(({ r }) => /^(In Force|Inactive|In force for at least one Party)/i.test((r.Status ?? "").trim()) && (r["Date of Entry into Force (G)"] || r["Date of Entry into Force (S)"]));
  const byName = new Map<string, WtoRow[]>();
  for (const w of inForceRows) {
    const name = (w.r["RTA Name"] ?? "").trim();
    byName.set(name, [...(byName.get(name) ?? []), w]);
  }
  const rawSpells = (w: WtoRow): Array<{ name: string; from: string; to?: string }> => {
    const r = w.r;
    const eif = inForceDate(r);
    const inactive = r["Inactive Date"]?.trim() || undefined;
    const current = splitNames(r["Current signatories"]);
    const original = splitNames(r["Original signatories"]);
    const special = parseEntryExitDates(r["Specific Entry/Exit dates"] ?? "");
    const names = [...new Set([...current, ...original, ...special.keys()])];
    const base = (r["RTA Name"] ?? "").trim();
    return names.map((name) => {
      const s = special.get(name);
      let from = s?.from;
      if (from === undefined && !original.includes(name) && current.includes(name)) {
        // Joined later without a date here: the accession record of the same agreement gives it.
        const acc = inForceRows.find((x) => (x.r["RTA Name"] ?? "").startsWith(`${base} - Accession`) && normalizeName(x.r["RTA Name"] ?? "").includes(normalizeName(name).replace(/^the /, "")));
        from = acc ? inForceDate(acc.r) : undefined;
      }
      const left = !current.includes(name) && current.length > 0;
      return { name, from: later(from ?? eif, eif), to: earlier(s?.to, inactive) ?? (left ? eif : undefined) };
    });
  };
  const blocs = new Map<string, BlocMembers>();
  for (const [blocName, recordName] of Object.entries(BLOC_RECORDS)) {
    const members: BlocMembers = new Map();
    for (const w of byName.get(recordName) ?? []) {
      for (const s of rawSpells(w)) members.set(s.name, [...(members.get(s.name) ?? []), { entity: s.name, from: s.from, to: s.to }]);
    }
    blocs.set(blocName, members);
  }
  const out: Agreement[] = [];
  for (const w of inForceRows) {
    const r = w.r;
    const name = (r["RTA Name"] ?? "").trim();
    const inForce = inForceDate(r);
    const inactive = r["Inactive Date"]?.trim() || undefined;
    const parties: PartySpell[] = [];
    const year = Number(inForce.slice(0, 4));
    const add = (wtoName: string, from: string, to: string | undefined, viaBloc?: string): void => {
      const entity = codes.byName(WTO_RTA_DATASET, wtoName, year);
      if (!entity) return;
      if (to !== undefined && to < from) return;
      parties.push({ entity, from, ...(to ? { to } : {}), ...(viaBloc ? { bloc: viaBloc } : {}) });
    };
    for (const s of rawSpells(w)) {
      const members = blocs.get(s.name);
      if (!members || BLOC_RECORDS[s.name] === name) {
        add(s.name, s.from, s.to);
        continue;
      }
      for (const [member, spells] of members) for (const m of spells) add(member, later(s.from, m.from), earlier(s.to, m.to), s.name);
    }
    out.push({
      id: `wto-rta:${r["RTA ID"]}`,
      name,
      type: r.Type?.trim() || undefined,
      precision: "day",
      inForce,
      ...(inactive ? { inactive } : {}),
      parties,
      accession: r["Accession?"]?.trim() === "Yes" || /^E[CU] \(\d+\) Enlargement$/.test(name),
      provenance: { dataset: WTO_RTA_DATASET, file: WTO_RTA_FILE, row: w.row, record: `RTA ID ${r["RTA ID"]}` },
      sameSideBlocs: sameSideBlocs(name),
    });
  }
  const members = new Map<string, PartySpell[]>();
  for (const [bloc, byMember] of blocs) {
    const spells: PartySpell[] = [];
    for (const [member, list] of byMember) {
      for (const m of list) {
        const entity = codes.byName(WTO_RTA_DATASET, member, Number(m.from.slice(0, 4)));
        if (entity) spells.push({ ...m, entity });
      }
    }
    members.set(bloc, spells);
  }
  return { agreements: out, blocMembers: members };
}

function inForceDate(r: Record<string, string>): string {
  const g = r["Date of Entry into Force (G)"]?.trim();
  const s = r["Date of Entry into Force (S)"]?.trim();
  return g || s || "";
}

/** Blocs named as one side of the agreement ("EU - Korea, Republic of" → European Union). */
function sameSideBlocs(name: string): string[] {
  const sides = name.split(" - ").map((s) => s.trim());
  if (sides.length < 2) return [];
  return sides.map((s) => BLOC_SIDE_NAMES[s.replace(/\s*\(\d+\)$/, "")]).filter((b): b is string => b !== undefined);
}

/** One DESTA pair × treaty row: year precision. */
export interface DestaDyad {
  id: string;
  name: string;
  entities: [EntityCode, EntityCode];
  signedYear: number;
  inForceYear: number;
  entryType: string;
  wtoName?: string;
  provenance: MilestoneProvenance;
}

/** DESTA's dyadic list: rows with an entry-into-force year (the others were signed but never in force). */
export function readDestaDyads(rows: ReadonlyArray<Record<string, string>>, codes: MilestoneCodes): DestaDyad[] {
  const out: DestaDyad[] = [];
  rows.forEach((r, i) => {
    const inForceYear = Number(r.entryforceyear);
    if (!r.entryforceyear || r.entryforceyear === "NA" || !Number.isInteger(inForceYear)) return;
    const a = codes.byIsoNumeric(DESTA_DATASET, r.iso1 ?? "");
    const b = codes.byIsoNumeric(DESTA_DATASET, r.iso2 ?? "");
    if (!a || !b) return;
    out.push({
      id: `desta:${r.number}`,
      name: (r.name ?? "").trim(),
      entities: [a, b],
      signedYear: Number(r.year),
      inForceYear,
      entryType: (r.entry_type ?? "").trim(),
      ...(r.wto_listed === "1" && r.wto_name ? { wtoName: r.wto_name.trim() } : {}),
      provenance: { dataset: DESTA_DATASET, file: DESTA_DYADS_FILE, row: i + 1, record: `treaty ${r.number}` },
    });
  });
  return out;
}
