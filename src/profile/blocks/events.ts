/**
 * Milestones of the relationship and the pair's growth before and after each. The list is the
 * milestone catalogue's for the pair (src/milestones/: agreements, accessions, state changes,
 * sanctions, crises, chosen by the rules of select.ts), plus the seed article's Korea–Russia
 * milestones for that pair, with the user's context file laid over them.
 * @module
 */
import { DEFAULT_KOR_RUS_MILESTONES, beforeAfter, type Milestone, type YearValue } from "../../indicators/index.js";
import { MissingDataError } from "../../errors.js";
import { MilestoneCatalogue } from "../../milestones/catalogue.js";
import { overlayMilestones, selectMilestones, type Selection } from "../../milestones/select.js";
import type { EntityCode } from "../../model.js";
import type { EventsBlock } from "../types.js";

/** The seed article's milestones for Korea–Russia (either order), none for other pairs. */
export function defaultMilestones(a: EntityCode, b: EntityCode): Milestone[] {
  return [a, b].sort().join("-") === "KOR-RUS" ? [...DEFAULT_KOR_RUS_MILESTONES] : [];
}

export interface EventsInput {
  a: EntityCode;
  b: EntityCode;
  /** The user's milestones, laid over the catalogue's (same id, or same kind and date, replaces). */
  milestones?: Milestone[];
  /** The user's list replaces the catalogue's and the defaults instead of adding to them. */
  replaceMilestones?: boolean;
  milestonesSource?: string;
  /** Read the milestone catalogue from the data folder (default true). */
  useCatalogue?: boolean;
  windowYears: number;
  /** Milestones are compared only inside the volatility window (same entity, unbroken). */
  window: { from_year: number; to_year: number };
  seriesRun: YearValue[];
  /** Years whose growth spans an entity change: not a fall of trade. */
  entityChangeYears: readonly number[];
  /** The report's period (years with data, bounded by --from/--to): sanctions and crises outside it are neither listed nor counted. */
  period?: { from: number; to: number };
  /** The profile's list of what could not be computed: a missing milestone dataset is reported there. */
  missing: string[];
}

function catalogueFor(a: EntityCode, b: EntityCode, missing: string[]): MilestoneCatalogue | undefined {
  try {
    return MilestoneCatalogue.load();
  } catch (e) {
    if (!(e instanceof MissingDataError)) throw e;
    missing.push(`milestone catalogue for ${a}–${b}: ${e.message}`);
    return undefined;
  }
}

export function eventsBlock(input: EventsInput): EventsBlock {
  const catalogue = input.useCatalogue === false || input.replaceMilestones ? undefined : catalogueFor(input.a, input.b, input.missing);
  const selection: Selection | undefined = catalogue && selectMilestones(catalogue.forPair(input.a, input.b), input.seriesRun, { excludeGrowthYears: input.entityChangeYears, ...(input.period ? { period: input.period } : {}) });
  const defaults = defaultMilestones(input.a, input.b);
  const base = overlayMilestones(selection?.shown ?? [], defaults);
  const milestones = overlayMilestones(base, input.milestones ?? [], input.replaceMilestones);
  const { window, windowYears } = input;
  const parts = [selection ? "the milestone catalogue (WTO RTA, DESTA, WTO/GATT and EU membership, COW states, TIES/GIGA/GSDB sanctions, Laeven–Valencia crises; selection rules in the methodology)" : undefined, defaults.length && !input.replaceMilestones ? "the seed article's Korea–Russia milestones (src/indicators/events.ts)" : undefined, input.milestones?.length ? "the user's context file" : undefined].filter(Boolean);
  return {
    milestones,
    milestones_source: input.milestonesSource ?? (parts.length ? parts.join(", ") : "none given"),
    before_after: milestones
      .filter((m) => m.year > window.from_year && m.year <= window.to_year)
      .map((m) => ({ ...beforeAfter(input.seriesRun, m.year, windowYears), label: m.label })),
    window_years: windowYears,
    ...(selection ? { catalogue: { no_agreement: selection.noAgreement, not_shown: selection.notShown } } : {}),
  };
}
