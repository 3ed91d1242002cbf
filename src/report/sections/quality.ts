/**
 * What the reader must know about the figures before trusting a statistic: whose reports they are
 * (mirror fallback, IMF estimates) and which years the quality screening flagged and why.
 */
import { CountryRegistry } from "../../reference/countries.js";
import { pairSourceRefs } from "../../profile/sources.js";
import type { Sentence } from "../document.js";
import { usd } from "../format.js";
import { listInWords, say } from "../narrative.js";
import type { SectionContext } from "./context.js";
import { entityInYear, erasAside } from "../entities.js";

export function dataQualitySentences(ctx: SectionContext): Sentence[] {
  const { profile: p, notes, a, b } = ctx;
  const out: Sentence[] = [];
  const ownRefs = pairSourceRefs(p.series, ["exports", "imports"]);
  const mirrorRefs = pairSourceRefs(p.series, ["mirror.exports", "mirror.imports"]);
  if (p.basis === "mirror") {
    out.push(
      say(
        "data.mirror-basis",
        `${a} has no reports of its own of this trade loaded, so every figure here is ${b}'s report of the same flows (mirror): ${a}'s exports are ${b}'s imports from ${a} (CIF) and its imports are ${b}'s exports to ${a} (FOB)`,
        notes.add(`Mirror figures: ${b}'s reports of its trade with ${a}.`, mirrorRefs),
        ".",
      ),
    );
  }
  const allEstimated = (flags: { value: number | null; estimated: boolean }[]) => flags.some((f) => f.value !== null) && flags.filter((f) => f.value !== null).every((f) => f.estimated);
  const own = p.series.flatMap((y) => [{ value: y.exports, estimated: y.estimated.exports }, { value: y.imports, estimated: y.estimated.imports }]);
  const mirror = p.series.flatMap((y) => [{ value: y.mirror.exports, estimated: y.estimated.mirror_exports }, { value: y.mirror.imports, estimated: y.estimated.mirror_imports }]);
  const estimatedSides = [...(p.basis !== "mirror" && allEstimated(own) ? [{ name: a, refs: ownRefs }] : []), ...(allEstimated(mirror) ? [{ name: b, refs: mirrorRefs }] : [])];
  for (const side of estimatedSides) {
    out.push(
      say(
        "data.estimates",
        `Every figure given for ${side.name} is an IMF estimate built from its partners' reports, not ${side.name}'s own declaration (marked "e" in the table)`,
        notes.add(`IMF DOTS marks these cells as estimates ("e"): the IMF derives them from the partner countries' reports.`, side.refs),
        ".",
      ),
    );
  }
  const gaps = p.growth?.gap_years ?? [];
  if (gaps.length && p.basis !== "mirror") {
    // Named as the states were in the gap's first year (West Germany in 1976, the USSR in 1965).
    const ea = entityInYear(p, "a", gaps[0]!, a);
    const eb = entityInYear(p, "b", gaps[0]!, b);
    const aReports = ea === a ? ctx.reports.a : `${ea}'s reports`;
    const bReports = eb === b ? ctx.reports.b : `${eb}'s reports`;
    const mirrorTotals = gaps.map((y) => p.series.find((s) => s.year === y)).filter((s) => s && s.mirror.exports !== null && s.mirror.imports !== null);
    const mirrorAside = mirrorTotals.length === gaps.length ? `; ${bReports} show ${listInWords(mirrorTotals.map((s) => `${usd(s!.mirror.exports! + s!.mirror.imports!)} in ${s!.year}`))}, so trade went on` : "";
    out.push(
      say(
        "data.gap",
        `${aReports.charAt(0).toUpperCase()}${aReports.slice(1)} have no complete figure for ${ea}'s trade with ${eb} in ${listInWords(yearRanges(gaps))}${mirrorAside}. The series runs across the gap; growth into and out of it is left out of volatility, shocks and the price link`,
        notes.add(`Years without both ${a}'s exports and imports in its reports.`, [...ownRefs, ...mirrorRefs]),
        ".",
      ),
    );
  }
  const registry = CountryRegistry.load();
  const q = p.quality;
  if (!q) return out;
  const qualityNote = () => notes.add("Quality screening of the reporter-side totals before the statistics.", [...ownRefs, ...mirrorRefs], q.formula);
  for (const s of q.suspect.filter((x) => x.excluded)) {
    const year = p.series.find((y) => y.year === s.year);
    if (s.reason === "split-transition" && year) {
      out.push(
        say(
          "data.screening",
          `${s.year} is a split transition year: ${a} booked ${usd(s.chosenValue)} of that year's trade with ${year.entity_b} and ${usd(s.otherValue)} more with ${listInWords((s.otherEntity ?? "").split("+").map((e) => registry.displayName(e)))}, so the year is left out of volatility, shocks and the price link`,
          qualityNote(),
          ".",
        ),
      );
    } else if (s.reason === "spike-or-dip" && !q.suspect.some((x) => x.year === s.year && x.reason === "split-transition")) {
      out.push(say("data.screening", `${s.year} is a one-year ${s.logChangeIn! < 0 ? "dip" : "spike"} (${s.logChangeIn! < 0 ? "halved or more and recovered" : "doubled or more and fell back"} the next year), more likely a recording break than trade; it is left out of volatility, shocks and the price link`, qualityNote(), "."));
    } else if (s.reason === "mirror-outlier") {
      out.push(say("data.screening", `In ${s.year}, the last year, ${a}'s figure is less than half of what ${b}'s reports imply (a likely partial year); it is left out of volatility, shocks and the price link`, qualityNote(), "."));
    }
  }
  const caveats = q.suspect.filter((x) => x.reason === "mirror-outlier" && !q.excluded_years.includes(x.year)).map((x) => x.year);
  if (caveats.length && p.basis !== "mirror") {
    out.push(
      say(
        "data.screening",
        `${a}'s and ${b}'s reports of the same trade differ by more than a factor of two beyond their usual ratio in ${listInWords(yearRanges(caveats))}${erasAside(p, Math.min(...caveats), Math.max(...caveats))}; one side is off but the data cannot say which, so ${a}'s own figures are kept`,
        qualityNote(),
        ".",
      ),
    );
  }
  return out;
}

/** [1993, 1994, 1995, 2000] → ["1993–1995", "2000"]. */
export function yearRanges(years: number[]): string[] {
  const sorted = [...new Set(years)].sort((x, y) => x - y);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    out.push(i === j ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return out;
}
