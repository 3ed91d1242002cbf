/**
 * The milestone catalogue's shapes: what each dataset contributes, with its provenance.
 * @module
 */
import type { EntityCode } from "../model.js";

/** What a milestone is about; decides the selection rule that shows it (see select.ts). */
export type MilestoneCategory = "agreement" | "accession" | "crisis" | "sanctions" | "state-change";

/** Where a catalogue fact comes from: the dataset, the file in the data folder and the data row. */
export interface MilestoneProvenance {
  /** "WTO RTA database", "DESTA 2.3", "Laeven–Valencia 2020", … */
  dataset: string;
  /** Path relative to the data folder: "milestones/wto-rta/AllRTAs_2026-04.AllRTAs.csv". */
  file: string;
  /** 1-based data row (the header is row 0); for JSON files the 1-based entry index. */
  row: number;
  /** The record's own key in the dataset ("RTA ID 53", "caseid 1980010401"). */
  record: string;
}

/** When a party belongs to an agreement: ISO dates (yyyy-mm-dd) or years when that is all the source gives. */
export interface PartySpell {
  entity: EntityCode;
  /** yyyy-mm-dd or yyyy. */
  from: string;
  /** yyyy-mm-dd or yyyy; undefined while still a party. */
  to?: string;
  /** The bloc through which the entity is a party ("European Union"), when it is not one in its own name. */
  bloc?: string;
}

/** A trade agreement with the spells of each party, blocs already expanded to their members. */
export interface Agreement {
  id: string;
  name: string;
  /** "FTA & EIA", "CU", "PSA"… as the source gives it; undefined for DESTA. */
  type?: string;
  /** Day precision (WTO RTA) or year only (DESTA). */
  precision: "day" | "year";
  /** Entry into force (goods part when the source distinguishes). */
  inForce: string;
  /** The date the agreement as a whole became inactive (superseded, ended). */
  inactive?: string;
  parties: PartySpell[];
  /** An accession or enlargement record (its base agreement usually carries the same dates). */
  accession: boolean;
  /** Blocs named as one side of the agreement ("EU - Korea, Republic of"): two of their members are not parties to each other through it. */
  sameSideBlocs: string[];
  provenance: MilestoneProvenance;
}

/** A dated fact about one country: accession, crisis, state change. */
export interface CountryEvent {
  id: string;
  category: Exclude<MilestoneCategory, "agreement" | "sanctions">;
  entity: EntityCode;
  /** yyyy-mm-dd when the source gives the day, yyyy-mm for a month, else yyyy. */
  date: string;
  /** Detail written into the label: "WTO", "GATT", "EU", "EU exit"; crisis types; the state change. */
  what: string;
  /** A founding membership (GATT 1948, WTO 1995-01-01, EEC 1958): a fact about the institution, not the country. */
  founding?: boolean;
  /** State changes: the entities before and after. */
  before?: EntityCode[];
  after?: EntityCode[];
  provenance: MilestoneProvenance;
}

/** A sanctions episode: sender(s), target, measures, dates. */
export interface SanctionsEpisode {
  id: string;
  /** Member states that imposed it (an EU sender expanded to its members in the start year). */
  senders: EntityCode[];
  /** Senders that are members only through a bloc the source names (the EU's members for an "EU" sender). */
  viaBloc: EntityCode[];
  /** The sender as the source names it ("EU", "United States", "UN"). */
  senderLabel: string;
  target: EntityCode;
  /** yyyy-mm-dd, yyyy-mm or yyyy. */
  start: string;
  /** yyyy-mm-dd or yyyy; undefined when ongoing at the dataset's release. */
  end?: string;
  /** "trade", "financial", "arms", … as the source codes them, in words. */
  measures: string[];
  /** The sanctions include trade measures. */
  trade: boolean;
  /** An international organisation imposed it (UN, EU as a bloc): shown only as context for the target. */
  multilateral: boolean;
  provenance: MilestoneProvenance;
}

/** A code or name a dataset uses that no reference table maps to an entity: counted, never dropped silently. */
export interface UnmappedCode {
  dataset: string;
  code: string;
  /** Data rows that carried it. */
  rows: number;
}
