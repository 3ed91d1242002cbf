/**
 * Predecessor states named in their own years: which entity the pair's figures describe in each
 * year ("the USSR to 1991, Russia from 1992"; "West Germany to 1990"), for sentences, chart
 * subtitles and captions. The table names the entity of every row itself.
 * @module
 */
import type { Profile } from "../profile/types.js";
import { yearSpan } from "./format.js";

export interface EntityEra {
  name: string;
  from: number;
  to: number;
}

/** Runs of consecutive rows describing one entity, for side `a` or `b`, within [from, to]. */
export function entityEras(p: Profile, side: "a" | "b", from = -Infinity, to = Infinity): EntityEra[] {
  const eras: EntityEra[] = [];
  for (const y of p.series.filter((x) => x.year >= from && x.year <= to)) {
    const name = side === "a" ? y.entity_a : y.entity_b;
    const last = eras[eras.length - 1];
    if (last && last.name === name) last.to = y.year;
    else eras.push({ name, from: y.year, to: y.year });
  }
  return eras;
}

/** "USSR to 1991, Russia from 1992" when the side changed entity in the years, else "". */
export function erasInWords(eras: EntityEra[]): string {
  if (eras.length < 2) return "";
  return eras.map((e, i) => (i === 0 ? `${e.name} to ${e.to}` : i === eras.length - 1 ? `${e.name} from ${e.from}` : `${e.name} ${yearSpan(e.from, e.to)}`)).join(", ");
}

/** The entity a side's figures describe in `year` ("USSR" in 1991 for Russia), or `fallback`. */
export function entityInYear(p: Profile, side: "a" | "b", year: number, fallback: string): string {
  const y = p.series.find((x) => x.year === year);
  return (side === "a" ? y?.entity_a : y?.entity_b) ?? fallback;
}

/** " (with the USSR)", " (as West Germany)" or " (West Germany with the USSR)" for a year whose entities differ from today's names; "" otherwise. */
export function entitiesClause(p: Profile, year: number, a: string, b: string): string {
  const ea = entityInYear(p, "a", year, a);
  const eb = entityInYear(p, "b", year, b);
  if (ea === a && eb === b) return "";
  if (ea === a) return ` (with ${eb})`;
  return eb === b ? ` (as ${ea})` : ` (${ea} with ${eb})`;
}

/** "; partner: USSR to 1991, Russia from 1992" for a chart's subtitle over [from, to]; "" without a change. */
export function erasSubtitle(p: Profile, from: number, to: number): string {
  const parts = [["reporter", erasInWords(entityEras(p, "a", from, to))], ["partner", erasInWords(entityEras(p, "b", from, to))]].filter(([, w]) => w);
  return parts.map(([who, w]) => `; ${who}: ${w}`).join("");
}
