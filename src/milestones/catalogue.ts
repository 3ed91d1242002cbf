/**
 * The milestone catalogue: every dataset in `<data folder>/milestones/` parsed once per process
 * (like the country registry), then asked for one pair at a time. Nothing is stored in the trade
 * store; each fact keeps its dataset, file and row.
 *
 * What a pair gets (`forPair`), before the selection rules of select.ts:
 * - agreements in force between the two (WTO RTA first; DESTA for agreements the WTO does not list),
 *   each from the day both were parties (a bloc member from its accession), until it ended;
 * - WTO, GATT and EU accessions (and EU exits) of either side;
 * - crises of either side (Laeven–Valencia), one episode per country and year;
 * - sanctions between the two (either direction), and sanctions with trade measures by the EU, the UN
 *   or the United States on one side (context);
 * - state changes of either side (dissolution of the USSR, German unification, …).
 * Each side includes its predecessor states (Russia: the USSR), named as they were.
 * @module
 */
import { agreementLabel, cleanName, destaLabel, episodeSpan, joinWords, sanctionsSender } from "./labels.js";
import { readFileSync } from "node:fs";
import { DataFolderError, dataFile } from "../dataFolder.js";
import { MissingDataError } from "../errors.js";
import type { EntityCode } from "../model.js";
import { CountryRegistry } from "../reference/countries.js";
import { BLOC_RECORD_NAMES, readDestaDyads, readWtoAgreements, type DestaDyad } from "./agreements.js";
import { MILESTONE_DATASETS } from "./datasets.js";
import { MilestoneCodes, parseCsvText } from "./codes.js";
import { FILES, readCrises, readEuMembership, readGattAccessions, readStateChanges, readWtoAccessions } from "./countryEvents.js";
import { euMembersFrom, readGiga, readGsdb, readTies, SANCTION_FILES } from "./sanctions.js";
import { loadCatalogueState } from "./snapshot.js";
import type { Agreement, CountryEvent, MilestoneCategory, MilestoneProvenance, PartySpell, SanctionsEpisode, UnmappedCode } from "./types.js";
import { packageFile } from "../packagePaths.js";


/** One candidate milestone for a pair, before selection. */
export interface PairMilestone {
  id: string;
  category: MilestoneCategory;
  /** yyyy-mm-dd, yyyy-mm or yyyy. */
  date: string;
  year: number;
  label: string;
  /** ≲ 26 characters, for chart rules. */
  shortLabel: string;
  /** The side it concerns (accessions, crises, state changes, sanctions' target); undefined for agreements between the two. */
  entity?: EntityCode;
  /** yyyy-mm-dd or yyyy when it ended (agreements, sanctions). */
  until?: string;
  /** Founding membership of an institution (GATT 1948, WTO 1995, EEC 1958). */
  founding?: boolean;
  /** Sanctions on one side by a third party (context, not a bilateral fact). */
  thirdParty?: boolean;
  /** Agreements: a customs union (deep integration) rather than a free-trade or preference agreement. */
  customsUnion?: boolean;
  provenance: MilestoneProvenance[];
}

export interface CatalogueStats {
  agreements: number;
  destaDyads: number;
  countryEvents: number;
  sanctions: number;
  parseMs: number;
  unmapped: UnmappedCode[];
}

let cached: MilestoneCatalogue | undefined;

const read = (rel: string, encoding: BufferEncoding = "utf8"): string => {
  let path: string;
  try {
    path = dataFile(rel);
  } catch (cause) {
    if (!(cause instanceof DataFolderError)) throw cause;
    throw new MissingDataError(`milestone dataset missing: ${cause.message}. docs/milestones.md says where to download each milestone dataset and where it goes under milestones/`, { file: rel }, { cause });
  }
  try {
    return readFileSync(path).toString(encoding);
  } catch (cause) {
    throw new MissingDataError(`cannot read the milestone dataset ${path}: ${(cause as Error).message}`, { file: rel }, { cause });
  }
};
const csv = (rel: string, encoding: BufferEncoding = "utf8"): Record<string, string>[] => parseCsvText(read(rel, encoding), rel);

const year = (date: string): number => Number(date.slice(0, 4));
const later = (a: string, b: string): string => (a >= b ? a : b);
const earlier = (a: string | undefined, b: string | undefined): string | undefined => (a === undefined ? b : b === undefined ? a : a <= b ? a : b);
const alnum = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Everything the catalogue knows once its datasets are parsed: plain data, so that it can be kept between runs (snapshot.ts). */
export interface CatalogueState {
  agreements: Agreement[];
  blocMembers: Map<string, PartySpell[]>;
  desta: Map<string, DestaDyad[]>;
  events: Map<EntityCode, CountryEvent[]>;
  sanctions: SanctionsEpisode[];
  stats: CatalogueStats;
  absorbed: Set<string>;
}

/** Parses every milestone dataset of the data folder (~10 MB of CSV: a few hundred ms). */
export function parseCatalogue(registry: CountryRegistry): CatalogueState {
  const t0 = performance.now();
  const overrides = readFileSync(packageFile("data/reference/milestone-codes.csv"), "utf8");
  const cowStates = csv(FILES.cow);
  const codes = new MilestoneCodes(registry, overrides, cowStates);
  const absorbed = new Set(codes.absorbed().map(([p, into]) => `${p}>${into}`));
  const wto = readWtoAgreements(csv(MILESTONE_DATASETS.wtoRta.file), codes);
  const desta = new Map<string, DestaDyad[]>();
  const dyads = readDestaDyads(csv(MILESTONE_DATASETS.desta.file, "latin1"), codes);
  for (const d of dyads) {
    const key = [...d.entities].sort().join("|");
    desta.set(key, [...(desta.get(key) ?? []), d]);
  }
  const euSpells = wto.blocMembers.get("European Union") ?? [];
  const euTreaty = wto.agreements.find((a) => a.name === "EU Treaty")?.provenance;
  const countryEvents = [
    ...readWtoAccessions(csv(FILES.wto), codes),
    ...readGattAccessions(csv(FILES.gatt), codes, registry),
    ...readEuMembership(csv(FILES.eu), codes, euSpells, euTreaty),
    ...readCrises(csv(FILES.crises), codes),
    ...readStateChanges(cowStates, codes, registry),
  ];
  const events = new Map<EntityCode, CountryEvent[]>();
  for (const e of countryEvents) events.set(e.entity, [...(events.get(e.entity) ?? []), e]);
  const euMembers = euMembersFrom(euSpells);
  const sanctions = [...readTies(csv(SANCTION_FILES.ties, "latin1"), codes), ...readGiga(csv(SANCTION_FILES.giga), codes, euMembers), ...readGsdb(csv(SANCTION_FILES.gsdb), codes, euMembers)];
  const stats = { agreements: wto.agreements.length, destaDyads: dyads.length, countryEvents: countryEvents.length, sanctions: sanctions.length, parseMs: performance.now() - t0, unmapped: codes.unmapped() };
  return { agreements: wto.agreements, blocMembers: wto.blocMembers, desta, events, sanctions, stats, absorbed };
}

export class MilestoneCatalogue {
  readonly agreements: Agreement[];
  readonly blocMembers: Map<string, PartySpell[]>;
  readonly desta: Map<string, DestaDyad[]>;
  readonly events: Map<EntityCode, CountryEvent[]>;
  readonly sanctions: SanctionsEpisode[];
  readonly stats: CatalogueStats;
  private readonly wtoNames: Set<string>;
  private readonly absorbed: Set<string>;

  constructor(
    private readonly registry: CountryRegistry,
    state: CatalogueState,
  ) {
    this.agreements = state.agreements;
    this.blocMembers = state.blocMembers;
    this.desta = state.desta;
    this.events = state.events;
    this.sanctions = state.sanctions;
    this.stats = state.stats;
    this.absorbed = state.absorbed;
    this.wtoNames = new Set(this.agreements.map((a) => alnum(a.name)));
  }

  /**
   * The catalogue of the data folder, once per process: from the snapshot a previous run kept
   * (snapshot.ts) when the datasets and this code are unchanged, else parsed (and kept).
   */
  static load(): MilestoneCatalogue {
    if (!cached) {
      const registry = CountryRegistry.load();
      cached = new MilestoneCatalogue(registry, loadCatalogueState(() => parseCatalogue(registry)));
    }
    return cached;
  }

  /** For tests that point TRADETIES_DATA elsewhere. */
  static reset(): void {
    cached = undefined;
  }

  /** The entity and its predecessors, less those absorbed into another (the GDR: Germany's trade series continue West Germany's). */
  private side(entity: EntityCode): Set<EntityCode> {
    return new Set([entity, ...this.registry.predecessors(entity).map((e) => e.entity).filter((p) => !this.absorbed.has(`${p}>${entity}`))]);
  }

  /** The name for running text; with `year`, the state the entity then was (Germany in 1980: West Germany; Russia in 1991: the USSR). */
  private name(entity: EntityCode, inYear?: number): string {
    return theName(this.registry.displayName(inYear === undefined ? entity : this.registry.entityIn(entity, inYear)));
  }

  private memberAt(bloc: string, entity: EntityCode, date: string): boolean {
    return (this.blocMembers.get(bloc) ?? []).some((s) => s.entity === entity && s.from <= date && (s.to === undefined || s.to >= date));
  }

  /**
   * Two members of one bloc are not parties to each other through the bloc's external agreements:
   * Germany and France are both parties to Lomé and to the EU–Korea FTA, but neither binds them to
   * each other. An agreement is external to bloc X when half of X's members on its entry into
   * force are parties and so is a non-member (the bloc's own record and its enlargements excepted; GSTP,
   * signed before MERCOSUR existed, still binds Brazil and Argentina); it is left out for a
   * pair that were both members of X at some time while it bound them (EC–Austria 1972 counts for
   * Germany–Austria, not for Germany–United Kingdom).
   */
  private externalOfCommonBloc(ag: Agreement, a: EntityCode, b: EntityCode, from: string, to: string | undefined): boolean {
    for (const spells of this.blocMembers.values()) {
      const own = BLOC_RECORD_NAMES.has(ag.name) || BLOC_RECORD_NAMES.has(baseName(ag.name));
      if (own) continue;
      const bothMembers = spells.some((sa) => sa.entity === a && spells.some((sb) => sb.entity === b && later(later(sa.from, sb.from), from) < (earlier(earlier(sa.to, sb.to), to) ?? "9999")));
      if (!bothMembers) continue;
      const memberAtStart = (e: EntityCode): boolean => spells.some((m) => m.entity === e && m.from <= ag.inForce && (m.to === undefined || m.to > ag.inForce));
      const membersAtStart = [...new Set(spells.filter((m) => memberAtStart(m.entity)).map((m) => m.entity))];
      // The bloc acts as a whole (half its members at the start are parties: the WTO lists only some of the Twelve for Lomé III) with at least one outsider.
      const wholeBloc = membersAtStart.length >= 2 && membersAtStart.filter((e) => ag.parties.some((p) => p.entity === e)).length >= membersAtStart.length / 2;
      const outsider = ag.parties.some((p) => !memberAtStart(p.entity));
      if (wholeBloc && outsider) return true;
    }
    return false;
  }

  /** Every candidate milestone for the pair, oldest first (see the module comment). */
  forPair(a: EntityCode, b: EntityCode): PairMilestone[] {
    const sa = this.side(a);
    const sb = this.side(b);
    const out: PairMilestone[] = [];
    const agreements = this.agreementsBetween(sa, sb);
    out.push(...agreements);
    out.push(...this.destaBetween(sa, sb, agreements));
    const seen = new Set<string>();
    for (const entity of [...sa, ...sb]) {
      for (const e of this.events.get(entity) ?? []) {
        const groupId = e.category === "state-change" ? e.id.split(":").slice(0, 2).join(":") : e.id;
        if (seen.has(groupId)) continue;
        seen.add(groupId);
        out.push(this.countryMilestone(e, sa.has(entity) ? a : b));
      }
    }
    out.push(...this.crisesMerged(out));
    out.push(...this.sanctionsFor(sa, sb));
    return foldSameDay(out.filter((m) => m.category !== "crisis" || m.id.startsWith("crisis:"))).sort((x, y) => x.date.localeCompare(y.date) || x.label.localeCompare(y.label));
  }

  private agreementsBetween(sa: Set<EntityCode>, sb: Set<EntityCode>): PairMilestone[] {
    const found: Array<{ ag: Agreement; from: string; to?: string; joiner?: EntityCode }> = [];
    for (const ag of this.agreements) {
      let best: { from: string; to?: string; joiner?: EntityCode } | undefined;
      for (const pa of ag.parties.filter((p) => sa.has(p.entity))) {
        for (const pb of ag.parties.filter((p) => sb.has(p.entity))) {
          if (pa.entity === pb.entity || (pa.bloc && pa.bloc === pb.bloc)) continue;
          const from = later(pa.from, pb.from);
          const to = earlier(pa.to, pb.to);
          if (to !== undefined && to <= from) continue;
          // "EU - Korea" binds an EU member to Korea, not two members nor two non-members (EC–Czechoslovakia does not bind Czechia to Slovakia).
          if (ag.sameSideBlocs.some((bl) => this.memberAt(bl, pa.entity, from) === this.memberAt(bl, pb.entity, from))) continue;
          if (this.externalOfCommonBloc(ag, pa.entity, pb.entity, from, to)) continue;
          if (PREFERENCE_CONVENTIONS.test(cleanName(ag.name)) && !this.memberAt("European Union", pa.entity, from) && !this.memberAt("European Union", pb.entity, from)) continue;
          if (!best || from < best.from) best = { from, ...(to ? { to } : {}), ...(from > ag.inForce ? { joiner: pa.from > pb.from ? pa.entity : pb.entity } : {}) };
        }
      }
      if (best) found.push({ ag, ...best });
    }
    // An accession or enlargement record repeats what its base agreement's entry dates already say.
    const bases = new Set(found.filter((f) => !f.ag.accession).map((f) => f.ag.name));
    const kept = found.filter((f) => !f.ag.accession || !bases.has(baseName(f.ag.name)));
    return kept.map(({ ag, from, to, joiner }) => ({
      id: ag.id,
      category: "agreement" as const,
      date: from,
      year: year(from),
      label: agreementLabel(ag.name, ag.type, joiner ? this.name(joiner) : undefined, to),
      shortLabel: shortAgreementName(ag.name),
      ...(to ? { until: to } : {}),
      customsUnion: /^CU\b/.test(ag.type ?? ""),
      provenance: [ag.provenance],
    }));
  }

  private destaBetween(sa: Set<EntityCode>, sb: Set<EntityCode>, wto: PairMilestone[]): PairMilestone[] {
    const out: PairMilestone[] = [];
    const seen = new Set<string>();
    const wtoYears = new Set(wto.map((w) => w.year));
    const inCustomsUnion = (y: number): boolean => wto.some((w) => w.customsUnion && w.year <= y && (w.until === undefined || year(w.until) >= y));
    for (const x of sa) {
      for (const y of sb) {
        for (const d of this.desta.get([x, y].sort().join("|")) ?? []) {
          if (seen.has(d.id) || d.entryType === "consolidated" || d.entryType === "withdrawal") continue;
          seen.add(d.id);
          if (d.wtoName && this.wtoNames.has(alnum(d.wtoName))) continue;
          if (wtoYears.has(d.inForceYear)) continue;
          if (inCustomsUnion(d.inForceYear)) continue;
          out.push({
            id: d.id,
            category: "agreement",
            date: String(d.inForceYear),
            year: d.inForceYear,
            label: destaLabel(d.name, [this.registry.displayName(d.entities[0]), this.registry.displayName(d.entities[1])], d.signedYear, d.inForceYear),
            shortLabel: shortAgreementName(d.name),
            provenance: [d.provenance],
          });
        }
      }
    }
    return out;
  }

  private countryMilestone(e: CountryEvent, side: EntityCode): PairMilestone {
    const who = this.name(e.entity, year(e.date));
    const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
    let label: string;
    let shortLabel: string;
    switch (e.category) {
      case "accession":
        label =
          e.what === "EU exit"
            ? `${cap(who)} leaves the EU single market and customs union (transition period ends ${e.date})`
            : e.founding
              ? `${cap(who)}: founding member of the ${e.what === "EU" ? "EEC" : e.what === "GATT" ? "GATT (contracting party from 1948)" : e.what}`
              : `${cap(who)} ${e.what === "GATT" ? "accedes to the GATT" : `joins the ${e.what}`}`;
        shortLabel = e.what === "EU exit" ? `${shortName(this.registry, e.entity)} leaves EU` : `${shortName(this.registry, e.entity)} joins ${e.what}`;
        break;
      case "state-change": {
        const subject = e.what === "unification" ? this.name(e.after![0]!) : (e.before ?? []).map((p) => this.name(p)).join(" and ");
        label = e.what === "unification" ? `Unification of ${subject} (${(e.before ?? []).map((p) => this.name(p)).join(" and ")})` : `Dissolution of ${subject}`;
        shortLabel = e.what === "unification" ? `${shortName(this.registry, e.after![0]!)} unified` : `${shortName(this.registry, e.before![0]!)} dissolved`;
        break;
      }
      default:
        label = `${cap(who)}: ${e.what} crisis`;
        shortLabel = `${shortName(this.registry, e.entity)} crisis`;
    }
    return { id: e.id, category: e.category, date: e.date, year: year(e.date), label, shortLabel, entity: e.category === "state-change" ? side : e.entity, ...(e.founding ? { founding: true } : {}), provenance: [e.provenance] };
  }

  /** Laeven–Valencia lists banking, currency and debt crises apart; one country's crises starting within a year of each other are one episode. */
  private crisesMerged(all: PairMilestone[]): PairMilestone[] {
    const crises = all.filter((m) => m.category === "crisis").sort((x, y) => (x.entity ?? "").localeCompare(y.entity ?? "") || x.date.localeCompare(y.date));
    const episodes: PairMilestone[][] = [];
    for (const c of crises) {
      const last = episodes[episodes.length - 1];
      if (last && last[0]!.entity === c.entity && c.year - last[0]!.year <= 1) last.push(c);
      else episodes.push([c]);
    }
    return episodes.map((ep) => {
      const first = ep[0]!;
      const kinds = [...new Set(ep.map((m) => m.label.replace(/^.*: (.*) crisis$/, "$1")))];
      const who = first.label.replace(/: .*$/, "");
      const years = [...new Set(ep.map((m) => m.year))];
      return {
        ...first,
        id: `crisis:${first.entity}:${first.year}`,
        label: `${who}: ${joinWords(kinds)} ${kinds.length > 1 ? "crises" : "crisis"}${years.length > 1 ? ` (${years.join("–")})` : ""}`,
        provenance: ep.flatMap((m) => m.provenance),
      };
    });
  }

  private sanctionsFor(sa: Set<EntityCode>, sb: Set<EntityCode>): PairMilestone[] {
    const out: PairMilestone[] = [];
    for (const s of this.sanctions) {
      const aSends = s.senders.some((e) => sa.has(e));
      const bSends = s.senders.some((e) => sb.has(e));
      const between = (aSends && sb.has(s.target)) || (bSends && sa.has(s.target));
      const onOne = !between && (sa.has(s.target) || sb.has(s.target)) && s.trade && s.multilateral;
      if (!between && !onOne) continue;
      const senderSide = onOne ? undefined : sa.has(s.target) ? sb : sa;
      const sideSenders = [...new Set(s.senders.filter((e) => !senderSide || senderSide.has(e)))];
      const named = joinWords(sideSenders.slice(0, 2).map((e) => this.name(e, year(s.start))));
      // A member acting with a bloc is named first (Ukraine joined the EU's 2014 sanctions on Russia); a member only through the bloc is named after it.
      const sender = !s.senderLabel || !senderSide ? (s.senderLabel ? theName(s.senderLabel) : named) : sanctionsSender(theName(s.senderLabel), named, !sideSenders.every((e) => s.viaBloc.includes(e)));
      const measures = s.measures.length ? `: ${joinWords(s.measures.slice(0, 3))}` : "";
      out.push({
        id: s.id,
        category: "sanctions",
        date: s.start,
        year: year(s.start),
        label: `Sanctions by ${sender} on ${this.name(s.target, year(s.start))}${measures} ${episodeSpan(s.start, s.end)}`,
        shortLabel: `Sanctions on ${shortName(this.registry, s.target)}`,
        entity: s.target,
        ...(s.end ? { until: s.end } : {}),
        ...(onOne ? { thirdParty: true } : {}),
        provenance: [s.provenance],
      });
    }
    return foldSameEpisode(out);
  }
}

/** TIES, GIGA and GSDB often record one episode each (US sanctions on China after June 1989): same target, a common sender and the same start year are one milestone, dated by the most precise record. */
function foldSameEpisode(ms: PairMilestone[]): PairMilestone[] {
  const out: PairMilestone[] = [];
  for (const m of [...ms].sort((x, y) => y.date.length - x.date.length || x.date.localeCompare(y.date))) {
    const same = out.find((o) => o.entity === m.entity && o.year === m.year && o.thirdParty === m.thirdParty && sendersOf(o) === sendersOf(m));
    if (same) same.provenance.push(...m.provenance);
    else out.push({ ...m, provenance: [...m.provenance] });
  }
  return out;
}

const sendersOf = (m: PairMilestone): string => m.label.replace(/^Sanctions by (.*?) on .*$/, "$1").replace(/^the /, "");

function baseName(name: string): string {
  if (/^E[CU] \(\d+\) Enlargement$/.test(name)) return "EU Treaty";
  return name.replace(/\s*-\s*Accession of.*$/i, "").trim();
}

/** "North American Free Trade Agreement (NAFTA)" → "NAFTA"; "EU Treaty" → "EU"; else the name, cut. */
export function shortAgreementName(name: string): string {
  if (name === "EU Treaty") return "EU";
  const acronym = /\(([A-Z][A-Za-z-]*?)(?:[/)])/.exec(name);
  if (acronym) return acronym[1]!;
  return name.length <= 26 ? name : `${name.slice(0, 25).trimEnd()}…`;
}

function shortName(registry: CountryRegistry, entity: EntityCode): string {
  return registry.displayName(entity);
}

/**
 * The Community's conventions with the African, Caribbean and Pacific states (Yaoundé I–II, Lomé I–III)
 * gave each of those states preferences in the Community's market, one way; they opened no trade
 * between two of those states, though the WTO lists every party side by side as one "FTA". Such a
 * convention binds a pair only when one of the two is a Community member on the day (Kenya–Uganda
 * was given "First Convention of Lomé (FTA) in force").
 */
const PREFERENCE_CONVENTIONS = /^(Yaoundé I{1,2}|(First|Second|Third|Fourth) Convention of Lomé)$/;

const ARTICLE = /^(USSR|United States|United Kingdom|Netherlands|Czech Republic|Philippines|Dominican Republic|Central African Republic|Federal Republic|German Democratic Republic|Socialist Federal Republic|Republic of|Democratic Republic|Gambia|Bahamas|Maldives|Comoros|Seychelles|United Arab Emirates|Marshall Islands|Solomon Islands|EU\b|UN\b)/;

/** "USSR" → "the USSR"; "Russia" unchanged. Only for labels written here. */
export function theName(name: string): string {
  return ARTICLE.test(name) ? `the ${name}` : name;
}

/**
 * Facts on the same day are one milestone: Poland's EU accession and the EU Treaty applying between
 * Poland and Germany from 2004-05-01 are the same event; the accession's label wins and both sources stay.
 */
function foldSameDay(ms: PairMilestone[]): PairMilestone[] {
  const out: PairMilestone[] = [];
  const byDay = new Map<string, PairMilestone[]>();
  for (const m of ms) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(m.date) || (m.category !== "agreement" && m.category !== "accession")) {
      out.push(m);
      continue;
    }
    byDay.set(m.date, [...(byDay.get(m.date) ?? []), m]);
  }
  for (const group of byDay.values()) {
    const lead = group.find((m) => m.category === "accession" && !m.founding) ?? group.find((m) => m.category === "agreement") ?? group[0]!;
    const others = group.filter((m) => m !== lead && (m.category === "agreement" || (lead.category === "agreement" && m.category === "accession" && !m.founding)));
    const rest = group.filter((m) => m !== lead && !others.includes(m));
    const alsoAgreements = others.filter((m) => m.category === "agreement" && lead.category !== "agreement");
    out.push({
      ...lead,
      label: alsoAgreements.length ? `${lead.label}: ${joinWords(alsoAgreements.map((m) => m.label.replace(/ in force.*$/, "")))} in force between the two from that day` : lead.label,
      provenance: [...lead.provenance, ...others.flatMap((m) => m.provenance)],
      ...(lead.category === "accession" && others.some((m) => m.category === "agreement") ? { category: "accession" as const } : {}),
    });
    out.push(...rest);
  }
  return out;
}
