/** People flows: published tourist totals and statistical arrivals. */
import type { Section, Sentence } from "../document.js";
import { peopleFlowsSpec } from "../charts/index.js";
import { persons, signedPct, times } from "../format.js";
import { THRESHOLDS, datasetsInWords, say, spanInWords } from "../narrative.js";
import type { SectionContext } from "./context.js";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export function peopleSection(ctx: SectionContext): Section | undefined {
  const { profile: p, notes, a, b } = ctx;
  const people = p.people;
  if (!people) return undefined;
  const sentences: Sentence[] = [];
  const name = (code: string) => (code === p.a ? a : code === p.b ? b : (p.series.find((y) => y.entity_b_code === code)?.entity_b ?? code));
  const span = people.published_span;
  if (span) {
    sentences.push(
      say(
        "people.published-span",
        `The number of tourists between the two countries went from ${persons(span.from_value, span.from_approximate)} in ${span.from_year} to ${persons(span.to_value, span.to_approximate)} in ${span.to_year}, ${times(span.multiple)} in ${spanInWords(span.to_year - span.from_year)}`,
        notes.add(`Published point figures (${[...new Set(people.published.filter((x) => x.metric === span.metric).map((x) => x.publisher))].join("; ")}); approximate, both directions together.`, span.sources, "multiple = persons(end) / persons(start)"),
        ".",
      ),
    );
  }
  const growth = people.arrivals_growth;
  const total = people.arrivals.find((x) => x.breakdown === "total" && growth && x.from === growth.from && x.to === growth.to);
  if (growth && total) {
    const arrivalsNote = notes.add(`Arrivals of ${name(growth.from)} nationals in ${name(growth.to)}, monthly counts summed by calendar year (${datasetsInWords(total.sources)}); crew excluded.`, total.sources, "year = sum of 12 monthly counts");
    sentences.push(
      say(
        "people.arrivals",
        `Arrival statistics show visitors from ${name(growth.from)} to ${name(growth.to)} rising from ${persons(growth.from_value)} in ${growth.from_year} to ${persons(growth.to_value)} in ${growth.to_year} (${times(growth.multiple)})`,
        arrivalsNote,
        ".",
      ),
    );
    for (const m of ctx.milestones.filter((x) => x.kind === "policy")) {
      const yoy = growth.year_on_year.find((y) => y.year === m.year);
      if (yoy && Math.abs(yoy.growth) >= THRESHOLDS.arrivalsEventChange) {
        sentences.push(say("people.event", `In ${m.year} (${m.label}${m.date ? `, ${m.date}` : ""}), arrivals ${yoy.growth > 0 ? "rose" : "fell"} ${signedPct(yoy.growth).replace(/^[+−]/, "")}`, arrivalsNote, "."));
      }
    }
    const lastYear = total.years[total.years.length - 1];
    if (lastYear && !lastYear.complete) {
      sentences.push(say("people.incomplete", `${lastYear.year} covers ${MONTHS[0]}–${MONTHS[lastYear.months - 1]} only (${lastYear.months} months, ${persons(lastYear.value)} arrivals), so it is not compared with full years`, arrivalsNote, "."));
    }
  }
  if (!sentences.length) return undefined;
  const points = [
    ...(total?.years.filter((y) => y.complete).map((y) => ({ year: y.year, value: y.value, series: `${name(total.from)} arrivals in ${name(total.to)} (statistics)` })) ?? []),
    ...people.published.filter((x) => /^\d{4}$/.test(x.period) && (x.metric === span?.metric)).map((x) => ({ year: x.year, value: x.value, series: "Tourists both ways (published)", approximate: true })),
  ];
  return {
    id: "people",
    title: "People flows",
    paragraphs: [{ sentences }],
    charts: points.length
      ? [
          {
            id: "people-flows",
            title: "People between the two countries",
            spec: peopleFlowsSpec({ title: "People between the two countries", subtitle: "persons per year", points }) as unknown as Record<string, unknown>,
            caption: [{ text: "Statistical series as lines; published point figures as hollow markers." }, ...(total ? [notes.add(`Arrivals by year (${datasetsInWords(total.sources)}) and published totals.`, [...total.sources, ...(span?.sources ?? [])])] : [])],
          },
        ]
      : [],
    tables: [],
    items: [],
  };
}
