/**
 * The bilateral profile: one typed object with the series and every indicator the loaded data
 * supports, each block naming the sources it was computed from. Field names are plain and
 * snake_case in JSON (documented in README, "Profile fields"). Values: USD; shares and growth
 * rates are fractions (0.223 = 22.3 %); people in persons.
 * @module
 */
import type { BalanceStreak, BeforeAfter, DecadeSummary, GrowthWindow, Milestone, MilestoneSource, PartnerRank, RelativeVolatility, SeriesCorrelation, ShareChange, ShockFrequency, ShockYear, StandardWindow, SuspectYear } from "../indicators/index.js";
import type { EntityCode } from "../model.js";
import type { PairYear } from "../query/pair.js";

/** Which stored source a figure came from. */
export interface SourceRef {
  dataset: string;
  vintage: string;
  file: string;
  source_id: string;
  /** "reporter" (a country's own declaration), "mirror" (the partner's), "publisher" (a published point), "reconciled" (BACI), "source" (other statistics). */
  side: string;
  /** e.g. "Korea, Rep. of reports exports FOB to Russian Federation". */
  detail?: string;
  /** The slice of the dataset the file holds, in words ("Korea, Rep. of as reporter"); filled in by the report from the loaded source. */
  scope?: string;
}

export interface Point {
  year: number;
  value: number;
}

export interface GrowthBlock {
  measure: "total trade (exports + imports), USD, reporter-side";
  from_year: number;
  to_year: number;
  from_value: number;
  to_value: number;
  multiple: number | undefined;
  cagr: number | undefined;
  record_high: { year: number; value: number };
  record_low: { year: number; value: number };
  last_is_record_high: boolean;
  year_on_year: Array<{ year: number; growth: number }>;
  decades: DecadeSummary[];
  /** Years in which either side became another country (1992: USSR → Russian Federation); growth into them is not like-for-like. */
  entity_changes: number[];
  /** Years in which a side's series continue under a new name (1991: West Germany → Germany); windows may cross them, named. */
  entity_continuations: number[];
  /** Years inside the series with no total (a report not filed; at most two in a row): statistics skip the growth terms across them. */
  gap_years: number[];
  formula: string;
  sources: SourceRef[];
  /** The long span using a published starting point (e.g. KITA's 1990 figure) and the data's end point. */
  published_span?: {
    from_year: number;
    from_value: number;
    from_source: SourceRef & { publisher?: string; source_url?: string; entity: EntityCode };
    to_year: number;
    to_value: number;
    to_source: SourceRef[];
    multiple: number | undefined;
    cagr: number | undefined;
    note: string;
    formula: string;
  };
  /** Published end-point check: a publisher's figure for the same year as ours. */
  published_checks: Array<{ year: number; published_value: number; our_value: number; difference_ratio: number; publisher?: string; source: SourceRef }>;
  /** Windows whose base is meaningful, and the standard comparable windows (see `windows.rule`). */
  windows?: GrowthWindows;
}

export interface GrowthWindows {
  rule: string;
  min_base_fraction: number;
  /** The longest window ending at the reference year inside one unbroken same-entity run whose base passes the rule. */
  long_run: (GrowthWindow & { moved: boolean }) | undefined;
  /** 10/20/30 years ending at the reference year, within the unbroken run; with each side's total trade over the same years. */
  standard: Array<
    StandardWindow & {
      /** The partner entity changed inside the window (e.g. USSR → Russia): the multiple is not like-for-like and is not stated. */
      crosses_entity_change: boolean;
      /** The pair's share of A's trade with the World (A's reports) at both ends. */
      share_of_a: ShareChange | undefined;
      /** The pair's share of B's trade with the World (B's reports) at both ends. */
      share_of_b: ShareChange | undefined;
    }
  >;
  formula: string;
}

/** One side's view: the partner's rank and share in the reporter's trade, from the reporter's own reports. */
export interface PositionSide {
  reporter: EntityCode;
  reporter_name: string;
  partner: EntityCode;
  partner_name: string;
  total: PartnerRank & { partner_in_since_year: string };
  exports: (PartnerRank & { partner_in_since_year: string }) | undefined;
  imports: (PartnerRank & { partner_in_since_year: string }) | undefined;
  formula: string;
  sources: SourceRef[];
}

export interface PositionBlock {
  year: number;
  /** B in A's trade, from A's reports. */
  in_a: PositionSide | undefined;
  /** A in B's trade, from B's reports. */
  in_b: PositionSide | undefined;
}

export interface BalanceBlock {
  years: Point[];
  streak: BalanceStreak | undefined;
  streaks: BalanceStreak[];
  cumulative: { from_year: number; to_year: number; value: number } | undefined;
  formula: string;
  sources: SourceRef[];
}

/** Years the statistics leave out, and why (see `indicators/screening.ts`). */
export interface QualityBlock {
  suspect: SuspectYear[];
  excluded_years: number[];
  thresholds: Record<string, number>;
  formula: string;
}

export interface VolatilityBlock {
  measure: string;
  value: number | undefined;
  coefficient_of_variation: number | undefined;
  peers: Array<{ partner: EntityCode; name: string; volatility: number | undefined; total_last_year: number }>;
  relative: RelativeVolatility | undefined;
  /** Years of the window left out (quality screening); volatility, peers, shocks are computed without them. */
  excluded_years: number[];
  /** The same figures with the excluded years kept in: the sensitivity of the judgement to them. */
  with_excluded?: { value: number | undefined; ratio_to_peer_median: number | undefined };
  /** Ratio to the peer median with each single growth year left out: the lowest and highest. */
  leave_one_out?: { min_ratio: number; min_year: number; max_ratio: number; max_year: number };
  shocks: ShockYear[];
  shock_threshold: number;
  /** How often the pair fell by the threshold against the same peers over the same years (screened years left out alike). */
  shock_frequency?: ShockFrequency;
  /** Same-entity, unbroken years the volatility, shocks and price link are computed over. */
  window: { from_year: number; to_year: number };
  formula: string;
  sources: SourceRef[];
}

export interface EventsBlock {
  milestones: Milestone[];
  milestones_source: string;
  before_after: Array<BeforeAfter & { label: string }>;
  window_years: number;
  /** What the milestone catalogue had for the pair beyond the milestones shown. */
  catalogue?: {
    /** No agreement between the two in the WTO RTA database or DESTA. */
    no_agreement: boolean;
    /** Candidates the selection rules left out, counted by rule. */
    not_shown: Array<{ rule: string; count: number; text: string; provenance: MilestoneSource[] }>;
  };
}

export interface CommodityBlock {
  price_series: string;
  price_unit: string;
  years: Array<{ year: number; price: number; trade: number }>;
  levels: { pearson?: SeriesCorrelation; spearman?: SeriesCorrelation };
  growth: { pearson?: SeriesCorrelation; spearman?: SeriesCorrelation };
  growth_lag1?: SeriesCorrelation;
  /** Years left out by the quality screening. */
  excluded_years: number[];
  /** Pearson r on growth of the reporter's trade with its largest other partners and the price, same years. */
  peers_growth?: { median_r: number; peers: Array<{ partner: EntityCode; r: number; n: number }> };
  formula: string;
  sources: SourceRef[];
}

export interface CompetitionBlock {
  partner: EntityCode;
  partner_name: string;
  /** B's imports by supplier as B reports them (CIF), shares of B's imports from the world. */
  partner_import_shares: {
    suppliers: Array<{ supplier: EntityCode; name: string }>;
    years: Array<{ year: number; supplier: EntityCode; share: number; value: number }>;
    shifts: Array<{ supplier: EntityCode; name: string; from_year: number; to_year: number; from_share: number | undefined; to_share: number | undefined; change: number | undefined; rank_from?: number; rank_to?: number; low?: { year: number; share: number }; high?: { year: number; share: number } }>;
  };
  /** Years left out of the shares because a supplier's imports exceed B's World total that year (the World figure is incomplete). */
  world_below_supplier?: Array<{ year: number; supplier: EntityCode; supplier_name: string; value_usd: number; world_usd: number }>;
  formula: string;
  sources: SourceRef[];
}

export interface PeopleBlock {
  /** Published point figures (press releases), kept as such. */
  published: Array<{ year: number; period: string; from: EntityCode; to: EntityCode; metric: string; value: number; unit: string; approximate: boolean; publisher?: string; source: SourceRef }>;
  published_span?: { metric: string; from_year: number; from_value: number; from_approximate: boolean; to_year: number; to_value: number; to_approximate: boolean; multiple: number | undefined; note: string; sources: SourceRef[] };
  /** Statistical series of visitor arrivals by year (e.g. KTO): months counted, complete only with 12. */
  arrivals: Array<{ from: EntityCode; to: EntityCode; breakdown: string; years: Array<{ year: number; value: number; months: number; complete: boolean }>; sources: SourceRef[] }>;
  arrivals_growth?: { from: EntityCode; to: EntityCode; from_year: number; to_year: number; from_value: number; to_value: number; multiple: number | undefined; cagr: number | undefined; year_on_year: Array<{ year: number; growth: number }> };
}

export interface CompositionBlock {
  /** Published product points (not HS data): e.g. mineral fuels' share of A's imports from B. */
  published: Array<{ year: number; period: string; flow: string; classification: string; code: string; product: string; value: number | undefined; share: number | undefined; publisher?: string; source: SourceRef }>;
  /** Derived from published points: share of the mineral-fuel items in A's imports from B, by year. */
  mineral_fuel_share_of_imports: Array<{ year: number; share: number; items: string[]; total: number; note: string; sources: SourceRef[] }>;
  /** From product-level reconciled data (BACI), when loaded for the pair. */
  hs?: {
    year: number;
    exports_by_chapter: Array<{ chapter: string; description: string; value: number; share: number }>;
    imports_by_chapter: Array<{ chapter: string; description: string; value: number; share: number }>;
    hhi_exports: number | undefined;
    hhi_imports: number | undefined;
    raw_material_share_of_imports: number | undefined;
    grubel_lloyd: number | undefined;
    /** RCA, complementarity, intensity and export similarity at HS chapter level, from rollups. */
    specialization: {
      level: string;
      coverage: { exporters_in_loaded_files: number; note: string };
      rca_top_chapters: Array<{ chapter: string; description: string; exports_to_partner: number; rca: number | undefined }>;
      /** WITS scale 0–100. */
      complementarity: number | undefined;
      trade_intensity: number | undefined;
      /** Fraction 0–1. */
      export_similarity: number | undefined;
      formula: string;
    };
    sources: SourceRef[];
  };
}

export interface MirrorBlock {
  years: Array<{ year: number; exports_gap: number | undefined; exports_ratio: number | undefined; imports_gap: number | undefined; imports_ratio: number | undefined; imports_adjusted_gap: number | undefined }>;
  cif_fob_factor: number;
  formula: string;
}

export interface Profile {
  a: EntityCode;
  b: EntityCode;
  a_name: string;
  b_name: string;
  unit: "USD";
  period: { from: number; to: number } | undefined;
  series: PairYear[];
  /** "mirror" when A has no reports of its own and `series` exports/imports are B's (see `query/pair.ts`). */
  basis?: "own" | "mirror";
  growth?: GrowthBlock;
  position?: PositionBlock;
  balance?: BalanceBlock;
  quality?: QualityBlock;
  volatility?: VolatilityBlock;
  events?: EventsBlock;
  commodity?: CommodityBlock;
  competition?: CompetitionBlock;
  people?: PeopleBlock;
  composition?: CompositionBlock;
  mirror?: MirrorBlock;
  /** What could not be computed and which data would be needed. */
  missing: string[];
  sources: SourceRef[];
}
