/**
 * Predecessor states named in their own years: which entity the pair's figures describe in each
 * year ("the USSR to 1991, Russia from 1992"; "West Germany to 1990"), for sentences, chart
 * subtitles and captions. The table names the entity of every row itself.
 * @module
 */
import type { Profile } from "../profile/types.js";
import { yearSpan } from "./format.js";
import { CountryRegistry } from "../reference/countries.js";

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

/**
 * The states the sides were within [from, to] when not today's: "West Germany to 1990, Germany from
 * 1991" for a side that changed, "Czechoslovakia and West Germany in those years" for sides that were
 * another state throughout; "" when both were what they are today.
 */
export function erasLabel(p: Profile, from: number, to: number): string {
  const registry = CountryRegistry.load();
  const changed: string[] = [];
  const other: string[] = [];
  for (const [side, code] of [["a", p.a], ["b", p.b]] as const) {
    const eras = entityEras(p, side, from, to);
    if (eras.length >= 2) changed.push(erasInWords(eras));
    else if (eras[0] && eras[0].name !== registry.displayName(code)) other.push(eras[0].name);
  }
  const others = other.length ? `${other.join(" and ")} in ${from === to ? "that year" : "those years"}` : "";
  return [...changed, others].filter(Boolean).join("; ");
}

/** " (West Germany to 1990, Germany from 1991)" after a span of years in which a side's entity changed; "" otherwise. */
export function erasAside(p: Profile, from: number, to: number): string {
  const label = erasLabel(p, from, to);
  return label ? ` (${label})` : "";
}

/** "; West Germany to 1990, Germany from 1991" inside a parenthesis that already holds the span; "" otherwise. */
export function erasSemi(p: Profile, from: number, to: number): string {
  const label = erasLabel(p, from, to);
  return label ? `; ${label}` : "";
}
