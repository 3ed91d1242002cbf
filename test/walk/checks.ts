/** What the walk checks in every report, as functions a reader of one report can run too. */
import { MIN_BASE_FRACTION } from "../../src/indicators/index.js";
import { CountryRegistry } from "../../src/reference/countries.js";
import { THRESHOLDS } from "../../src/report/narrative.js";
import { sentenceText, type ReportDocument } from "../../src/report/document.js";

/** Every prose string and table cell a reader sees (footnote source ids are hashes, not numbers a person reads). */
export function readerText(doc: ReportDocument): string[] {
  return [
    doc.headline,
    doc.title,
    sentenceText(doc.lead),
    ...doc.sections.flatMap((s) => [
      ...s.paragraphs.map((p) => sentenceText(p)),
      ...s.items.map((i) => sentenceText(i)),
      ...s.charts.map((c) => `${c.title} ${sentenceText(c.caption)}`),
      ...s.tables.flatMap((t) => [t.title, ...t.header, ...t.rows.flat(), t.note ?? ""]),
    ]),
    ...doc.risks.map((r) => sentenceText(r.sentence)),
    ...doc.footnotes.map((f) => `${f.text} ${f.formula ?? ""}`),
  ];
}

/** Digit runs of five or more not part of a grouped number, a decimal part, a date or a code. */
export function ungroupedNumbers(text: string): string[] {
  return [...text.matchAll(/(?<![\d,.\-_A-Za-z])\d{5,}(?![\d_A-Za-z])/g)].map((m) => m[0]);
}

/** Negative numbers printed with a hyphen-minus ("-0.4 %") instead of the minus sign U+2212 ("−0.4 %"); dates and codes do not count. */
export function hyphenMinusNumbers(text: string): string[] {
  return [...text.matchAll(/(?<![\w\-])-\d[\d,.]*/g)].map((m) => m[0]);
}

/** The multiples stated in prose: "25 times", "1,234 times", "25-fold". */
export function statedMultiples(text: string): number[] {
  return [...text.matchAll(/(\d[\d,]*(?:\.\d+)?)(?: times|-fold)/g)].map((m) => Number(m[1]!.replaceAll(",", "")));
}

/** The reader's prose, each string once: sentences, captions, list items, risks, table titles and notes, footnotes (not the title, which names the pair as it is today). */
export function readerProse(doc: ReportDocument): string[] {
  return [
    doc.headline,
    sentenceText(doc.lead),
    ...doc.sections.flatMap((s) => [...s.paragraphs.map((p) => sentenceText(p)), ...s.items.map((i) => sentenceText(i)), ...s.charts.map((c) => `${c.title} ${sentenceText(c.caption)}`), ...s.tables.flatMap((t) => [t.title, t.note ?? ""])]),
    ...doc.risks.map((r) => sentenceText(r.sentence)),
    ...doc.footnotes.map((f) => f.text),
  ].flatMap((t) => t.split(/(?<=\.)\s+(?=[A-Z])/));
}

/**
 * Anachronistic entity names: a clause that names a side as it is today ("Germany", "Russia")
 * beside a year in which the registry says it was another state ({@link CountryRegistry.entityIn}:
 * Germany in 1985 was West Germany, Russia in 1991 the USSR) without naming that state; a table row
 * of such a year under today's name.
 */
/** Splits at "; " and ", against " outside parentheses: a parenthesis belongs to its clause. */
function clauses(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "(") depth++;
    else if (c === ")") depth = Math.max(0, depth - 1);
    else if (depth === 0 && (text.startsWith("; ", i) || text.startsWith(", against ", i))) {
      out.push(text.slice(start, i));
      start = i + 2;
    }
  }
  out.push(text.slice(start));
  return out;
}

export function anachronisms(doc: ReportDocument): string[] {
  const registry = CountryRegistry.load();
  const out: string[] = [];
  for (const code of [doc.a, doc.b]) {
    const name = registry.displayName(code);
    const thenOf = (year: number) => registry.entityIn(code, year);
    const today = new RegExp(`(?<![\\w-])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w-])`);
    // A clause is the unit: "China's share …: 0.1 % (1965) → 18.6 % (2020), against Germany's 4.9 %" names Germany for 2020 only.
    for (const text of readerProse(doc).flatMap(clauses)) {
      const years = [...text.matchAll(/(?<!\d|\d[.,])(1[89]\d\d|20\d\d)(?!\d|[.,]\d)/g)].map((m) => Number(m[1]));
      const then = [...new Set(years.map(thenOf).filter((e) => e !== code))].map((e) => registry.displayName(e));
      if (!then.length || then.some((t) => text.includes(t)) || !today.test(text)) continue;
      out.push(`"${name}" for ${then.join(", ")}: ${text.slice(0, 160)}`);
    }
    for (const t of doc.sections.flatMap((s) => s.tables)) {
      const yearCol = t.header.indexOf("Year");
      if (yearCol < 0) continue;
      for (const row of t.rows) if (thenOf(Number(row[yearCol])) !== code && row.includes(name)) out.push(`table "${t.title}" names ${name} in ${row[yearCol]}`);
    }
  }
  return out;
}

/**
 * A fold headline ("Trade grew 21-fold in three decades") over a last decade in which trade fell,
 * by the report's own standard-window sentence ("trade fell 13 % over one decade"), that does not
 * say so: the long-run multiple would hide the recent fall.
 */
export function silentDecadeFall(doc: ReportDocument): string[] {
  if (!/grew [\d.,]+-fold in /.test(doc.headline)) return [];
  const windows = doc.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.sentences)).find((s) => s.rule === "growth.standard-windows");
  const fell = windows && /trade fell ([\d.]+ %) over one decade/.exec(sentenceText(windows));
  if (!fell || doc.headline.includes(`fell ${fell[1]} in the last ten years`)) return [];
  return [`headline "${doc.headline}" hides the last decade's fall of ${fell[1]}`];
}

/** A sharp-falls sentence that lists more than the few largest falls (and the latest), or does not give the count over the window ("in 8 of 43 years"). */
export function longShockLists(doc: ReportDocument, most: number): string[] {
  const all = [...doc.risks.map((r) => r.sentence), ...doc.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.sentences))].filter((s) => s.rule === "risk.shocks" || s.rule === "risk.shocks-common");
  return all.map(sentenceText).flatMap((t) => {
    const listed = (t.match(/\(−\d+ %, to /g) ?? []).length;
    const counted = /or more in \d+ (of \d+ )?years? \(/.test(t);
    return listed > most || !counted ? [`sharp falls: ${listed} falls listed${counted ? "" : ", no count over the window"}: ${t.slice(0, 120)}`] : [];
  });
}

/** Lead sentences printed again word for word in a later section: the lead should summarise, not copy. */
export function leadRepeats(doc: ReportDocument): string[] {
  const later = new Set(doc.sections.flatMap((s) => [...s.paragraphs.flatMap((p) => p.sentences), ...s.items]).map((s) => sentenceText(s)));
  return doc.lead.sentences.map((s) => sentenceText(s)).filter((t) => later.has(t)).map((t) => `the lead repeats "${t.slice(0, 100)}"`);
}

/** Milestone label shapes that read oddly: "(signed 1986) in force", "(Germany a member)", "from 2018 to 2018", "(GSTP) (PSA)", doubled spaces. */
export function oddMilestoneLabels(doc: ReportDocument): string[] {
  const items = doc.sections.filter((s) => s.id === "milestones").flatMap((s) => s.items.map((i) => sentenceText(i)));
  const shapes: Array<[string, RegExp]> = [
    ["signature before 'in force'", /\(signed \d{4}\) in force/],
    ["'a member' aside", / a member\)/],
    ["one-year span as a range", /from (\d{4}) to \1\)/],
    ["two parentheses in a row", /\([^()]*\) \([A-Z&\s]+\) in force/],
    ["doubled space", /\S {2,}\S/],
  ];
  return items.flatMap((t) => shapes.filter(([, re]) => re.test(t)).map(([what]) => `milestone label, ${what}: ${t.slice(0, 120)}`));
}

/** Sentences with two "but"s ("faster than X but more slowly than Y, but it grew only 30 %"): a second contrast needs its own clause. */
export function doubleButs(doc: ReportDocument): string[] {
  return readerProse(doc)
    .filter((s) => (s.match(/\bbut\b/g) ?? []).length > 1)
    .map((s) => `two "but"s in one sentence: ${s.slice(0, 160)}`);
}

/** Zeros with a sign or a direction ("−0 % a year", "+0.0 pp", "rose 0 %", "(+< 0.1 %)"): a change that rounds to nothing is said as such. */
export function signedZeros(doc: ReportDocument): string[] {
  const shapes = /[+−]0(?:\.0+)? ?(?:%|pp)|\b(?:rose|fell|grew) 0(?:\.0+)? %|[+−]< /;
  return readerProse(doc)
    .filter((s) => shapes.test(s))
    .map((s) => `a signed or directed zero: ${s.match(shapes)![0]} in ${s.slice(0, 140)}`);
}

/**
 * Every check on a report's text that holds for any pair: numbers grouped, minus signs, no multiple
 * above the base rule's bound, names of their years, no stalled decade hidden, a lead that does not
 * copy, milestone labels as prose, short shock lists. Each problem is prefixed with `pair`.
 */
export function reportProblems(pair: string, doc: ReportDocument): string[] {
  const problems: string[] = [];
  const text = readerText(doc).join("\n");
  const ungrouped = ungroupedNumbers(text);
  if (ungrouped.length) problems.push(`${pair}: ungrouped ${ungrouped.slice(0, 3).join(", ")}`);
  const hyphens = hyphenMinusNumbers(text);
  if (hyphens.length) problems.push(`${pair}: hyphen-minus for a minus sign ${hyphens.slice(0, 3).join(", ")}`);
  const tooLarge = statedMultiples(text).filter((m) => m > 1 / MIN_BASE_FRACTION);
  if (tooLarge.length) problems.push(`${pair}: multiple over a meaningless base ${tooLarge.join(", ")}`);
  const anachronistic = anachronisms(doc);
  if (anachronistic.length) problems.push(`${pair}: anachronistic entity name ${anachronistic.slice(0, 3).join(" | ")}`);
  for (const p of [...silentDecadeFall(doc), ...leadRepeats(doc), ...oddMilestoneLabels(doc), ...longShockLists(doc, THRESHOLDS.shocksListed + 1), ...doubleButs(doc), ...signedZeros(doc)]) problems.push(`${pair}: ${p}`);
  return problems;
}
