/**
 * Sanctions episodes: TIES 4.1 (1945–2005, day precision, COW-coded senders and targets), GIGA
 * (US, EU and UN sanctions 1990–2010) and the GSDB R3 subset (cases ending 2013 or later only: see
 * its PROVENANCE.md). Only sanctions actually imposed are kept (TIES threats without imposition are not).
 * An EU sender is expanded to the EU's members in the start year, so Germany–Russia sees the EU's 2014 sanctions.
 * @module
 */
import type { EntityCode } from "../model.js";
import type { MilestoneCodes } from "./codes.js";
import { MILESTONE_DATASETS } from "./datasets.js";
import type { PartySpell, SanctionsEpisode } from "./types.js";

const D = MILESTONE_DATASETS;
export const SANCTION_FILES = { ties: D.ties.file, giga: D.giga.file, gsdb: D.gsdb.file } as const;
const SANCTION_DATASETS = { ties: D.ties.name, giga: D.giga.name, gsdb: D.gsdb.name } as const;

const pad = (n: string): string => n.padStart(2, "0");

/** yyyy-mm-dd, yyyy-mm or yyyy from TIES's year/month/day columns (99 or empty = unknown). */
function tiesDate(year: string | undefined, month: string | undefined, day: string | undefined): string | undefined {
  const y = Number(year);
  if (!Number.isInteger(y) || y < 1900) return undefined;
  const m = Number(month);
  if (!Number.isInteger(m) || m < 1 || m > 12) return String(y);
  const d = Number(day);
  return !Number.isInteger(d) || d < 1 || d > 31 ? `${y}-${pad(String(m))}` : `${y}-${pad(String(m))}-${pad(String(d))}`;
}

/** Members of the EU in a given year (for EU-sent sanctions). */
export type EuMembersInYear = (year: number) => EntityCode[];

export function euMembersFrom(spells: readonly PartySpell[]): EuMembersInYear {
  return (year) => [...new Set(spells.filter((s) => Number(s.from.slice(0, 4)) <= year && (s.to === undefined || Number(s.to.slice(0, 4)) >= year)).map((s) => s.entity))];
}

export function readTies(rows: ReadonlyArray<Record<string, string>>, codes: MilestoneCodes): SanctionsEpisode[] {
  const out: SanctionsEpisode[] = [];
  rows.forEach((r, i) => {
    if (r.imposition !== "1") return;
    const start = tiesDate(r.sancimpositionstartyear, r.sancimpositionstartmonth, r.sancimpositionstartday) ?? tiesDate(r.startyear, r.startmonth, r.startday);
    if (!start) return;
    const year = Number(start.slice(0, 4));
    const target = codes.byCow(SANCTION_DATASETS.ties, r.targetstate ?? "", year);
    const senders = ["sender1", "sender2", "sender3", "sender4", "sender5"].map((k) => (r[k] ? codes.byCow(SANCTION_DATASETS.ties, r[k]!, year) : undefined)).filter((e): e is EntityCode => e !== undefined);
    if (!target || !senders.length) return;
    const end = tiesDate(r.endyear, r.endmonth, r.endday);
    out.push({
      id: `ties:${r.caseid}`,
      senders,
      viaBloc: [],
      senderLabel: "",
      target,
      start,
      ...(end ? { end } : {}),
      measures: [],
      trade: true,
      // TIES senders are states even when an institution coordinated them; third-party context comes from GIGA and GSDB.
      multilateral: false,
      provenance: { dataset: SANCTION_DATASETS.ties, file: SANCTION_FILES.ties, row: i + 1, record: `caseid ${r.caseid}` },
    });
  });
  return out;
}

const GIGA_MEASURES: Record<string, string> = { AS: "aid suspension", FB: "flight ban", AE: "arms embargo", FS: "financial sanctions", VB: "visa ban", CT: "comprehensive trade embargo", CE: "commodity embargo" };

export function readGiga(rows: ReadonlyArray<Record<string, string>>, codes: MilestoneCodes, euMembers: EuMembersInYear): SanctionsEpisode[] {
  const out: SanctionsEpisode[] = [];
  rows.forEach((r, i) => {
    const m = /^(\d{4})\s*-\s*(\d{4}|ongoing)/i.exec((r.timeframe ?? "").trim());
    if (!m) return;
    const year = Number(m[1]);
    const sender = (r.sender ?? "").trim();
    const target = codes.byName(SANCTION_DATASETS.giga, r.target ?? "", year);
    if (!target) return;
    const senders = sender === "US" ? ["USA"] : sender === "EU" ? euMembers(year) : [];
    // Codes the dataset does not document ("DS") are left out of the label: the row is in the note.
    const measures = (r.measures ?? "").split(/[,\s]+/).filter(Boolean).flatMap((c) => (GIGA_MEASURES[c] ? [GIGA_MEASURES[c]] : []));
    out.push({
      id: `giga:${r.code}`,
      senders,
      viaBloc: sender === "EU" ? senders : [],
      senderLabel: sender === "US" ? "the United States" : sender === "EU" ? "the EU" : "the UN",
      target,
      start: String(year),
      ...(m[2]!.toLowerCase() === "ongoing" ? {} : { end: m[2]! }),
      measures,
      trade: /\b(CT|CE)\b/.test(r.measures ?? ""),
      multilateral: sender !== "US",
      provenance: { dataset: SANCTION_DATASETS.giga, file: SANCTION_FILES.giga, row: i + 1, record: `code ${r.code}` },
    });
  });
  return out;
}

const ORGANISATIONS = new Set(["EU", "UN", "G7", "ECOWAS", "African Union", "OSCE", "League of Arab States", "OAS", "CIS", "NATO", "Arab League", "SADC", "EAC", "IGAD", "ECCAS", "CEMAC", "WAEMU"]);

/** GSDB lists several countries in one cell ("EU, Montenegro, Iceland"); some names carry a comma ("Yemen, North"). */
function gsdbNames(cell: string, codes: MilestoneCodes, dataset: string, year: number): { entities: EntityCode[]; organisations: string[] } {
  const tokens = cell.split(",").map((t) => t.trim()).filter(Boolean);
  const entities: EntityCode[] = [];
  const organisations: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (ORGANISATIONS.has(t)) {
      organisations.push(t);
      continue;
    }
    const joined = i + 1 < tokens.length ? `${t}, ${tokens[i + 1]}` : undefined;
    const withNext = joined && /^(North|South|The|Rep\.|Republic of|Dem\. Rep\.|Islamic Rep\.)$/i.test(tokens[i + 1]!) ? codes.byName(dataset, joined, year) : undefined;
    if (withNext) {
      entities.push(withNext);
      i++;
      continue;
    }
    const e = codes.byName(dataset, t, year);
    if (e) entities.push(e);
  }
  return { entities, organisations };
}

const GSDB_TRADE: Record<string, string> = { exp_part: "partial export ban", exp_compl: "complete export ban", imp_part: "partial import ban", imp_compl: "complete import ban" };

export function readGsdb(rows: ReadonlyArray<Record<string, string>>, codes: MilestoneCodes, euMembers: EuMembersInYear): SanctionsEpisode[] {
  const out: SanctionsEpisode[] = [];
  rows.forEach((r, i) => {
    const year = Number(r.begin);
    if (!Number.isInteger(year)) return;
    const targets = gsdbNames(r.sanctioned_state ?? "", codes, SANCTION_DATASETS.gsdb, year).entities;
    const senderNames = gsdbNames(r.sanctioning_state ?? "", codes, SANCTION_DATASETS.gsdb, year);
    const senders = [...new Set([...senderNames.entities, ...(senderNames.organisations.includes("EU") ? euMembers(year) : [])])];
    const measures = [
      ...(r.descr_trade ?? "").split(",").map((s) => s.trim()).filter(Boolean).map((c) => GSDB_TRADE[c] ?? c),
      ...(["arms", "military", "financial", "travel"] as const).filter((k) => r[k] === "1").map((k) => (k === "arms" ? "arms embargo" : k === "military" ? "military assistance cut" : k === "financial" ? "financial sanctions" : "travel bans")),
    ];
    const cell = (r.sanctioning_state ?? "").trim();
    const label = senderNames.organisations.length ? (cell.length <= 30 ? cell.replace(/, ([^,]+)$/, " and $1") : `${cell.split(",")[0]} and others`) : "";
    for (const target of targets) {
      out.push({
        id: `gsdb:${r.case_id}:${target}`,
        senders: senders.filter((s) => s !== target),
        viaBloc: senders.filter((s) => !senderNames.entities.includes(s)),
        senderLabel: label,
        target,
        start: String(year),
        ...(r.end && r.end !== "2022" ? { end: r.end } : {}),
        measures,
        trade: r.trade === "1",
        multilateral: senderNames.organisations.length > 0,
        provenance: { dataset: SANCTION_DATASETS.gsdb, file: SANCTION_FILES.gsdb, row: i + 1, record: `case_id ${r.case_id}` },
      });
    }
  });
  return out;
}
