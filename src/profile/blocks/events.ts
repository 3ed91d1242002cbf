/**
 * Milestones of the relationship and the pair's growth before and after each.
 * @module
 */
import { DEFAULT_KOR_RUS_MILESTONES, beforeAfter, type Milestone, type YearValue } from "../../indicators/index.js";
import type { EntityCode } from "../../model.js";
import type { EventsBlock } from "../types.js";

/** The documented default milestones: the Korea–Russia sample's list for that pair (either order), none otherwise. */
export function defaultMilestones(a: EntityCode, b: EntityCode): Milestone[] {
  return [a, b].sort().join("-") === "KOR-RUS" ? [...DEFAULT_KOR_RUS_MILESTONES] : [];
}

export interface EventsInput {
  a: EntityCode;
  b: EntityCode;
  milestones?: Milestone[];
  milestonesSource?: string;
  windowYears: number;
  /** Milestones are compared only inside the volatility window (same entity, unbroken). */
  window: { from_year: number; to_year: number };
  seriesRun: YearValue[];
}

export function eventsBlock(input: EventsInput): EventsBlock {
  const defaults = defaultMilestones(input.a, input.b);
  const milestones = input.milestones ?? defaults;
  const { window, windowYears } = input;
  return {
    milestones,
    milestones_source: input.milestonesSource ?? (input.milestones ? "user context file" : defaults.length ? "tradeties default milestones for the Korea–Russia sample (src/indicators/events.ts)" : "none given"),
    before_after: milestones
      .filter((m) => m.year > window.from_year && m.year <= window.to_year)
      .map((m) => ({ ...beforeAfter(input.seriesRun, m.year, windowYears), label: m.label })),
    window_years: windowYears,
  };
}
