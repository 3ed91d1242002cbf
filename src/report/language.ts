/**
 * Country names as running English writes them: with their article ("the United States", "the
 * Netherlands", "the USSR"), possessives of plural-form names ("the United States'", "the
 * Philippines'", but "Russia's", "Cyprus's"), and "The" at the start of a sentence or title.
 *
 * Sentence writers use plain display names ("United States") and `'s`; {@link polishProse} runs
 * once over every prose string of a finished report (see {@link polishDocument}), so the rule
 * lives in one place whatever section wrote the text. Table cells, chart data and axis labels
 * are names, not prose, and keep the bare display name.
 * @module
 */
import type { ChartBlock, ReportDocument, Sentence, TextPart } from "./document.js";

/**
 * Display names (as `CountryRegistry.displayName` gives them) that take "the" in running text.
 * Names that are plural in form (United States, Netherlands, Philippines, Bahamas, … Islands)
 * also take a bare apostrophe in the possessive.
 */
export const NAMES_WITH_ARTICLE: readonly string[] = [
  "United States",
  "United Kingdom",
  "Netherlands",
  "Philippines",
  "United Arab Emirates",
  "Central African Republic",
  "Dominican Republic",
  "Bahamas",
  "Gambia",
  "Maldives",
  "Comoros",
  "Solomon Islands",
  "Marshall Islands",
  "Cayman Islands",
  "Falkland Islands",
  "Faroe Islands",
  "Cook Islands",
  "Cocos Islands",
  "Northern Mariana Islands",
  "British Virgin Islands",
  "U.S. Virgin Islands",
  "U.S. Outlying Islands",
  "Turks & Caicos Islands",
  "Heard & McDonald Islands",
  "South Georgia & South Sandwich Islands",
  "French Southern Territories",
  "Netherlands Antilles",
  "Caribbean Netherlands",
  "Pacific Islands (Trust Territory)",
  "USSR",
  "Republic of Vietnam",
  "Democratic Republic of Vietnam",
  "Yemen Arab Republic",
  "People's Democratic Republic of Yemen",
  "Southern African Customs Union (to 1999)",
  "Federation of Rhodesia and Nyasaland (to 1964)",
];

const PLURAL_LAST_WORDS = new Set(["States", "Netherlands", "Philippines", "Bahamas", "Maldives", "Comoros", "Islands", "Emirates", "Territories", "Antilles", "Seychelles", "Grenadines"]);

/** Whether a display name is plural in form ("the United States'", not "'s"). */
export function isPluralName(name: string): boolean {
  const last = name.replace(/\s*\(.*\)$/, "").split(/\s+/).pop() ?? "";
  return PLURAL_LAST_WORDS.has(last);
}

/** "the United States" for names that take the article, else the name itself. */
export function nameInProse(name: string): string {
  return NAMES_WITH_ARTICLE.includes(name) ? `the ${name}` : name;
}

/** "the United States'", "the Philippines'", "Russia's", "Cyprus's". */
export function possessive(name: string): string {
  const prose = nameInProse(name);
  return isPluralName(name) ? `${prose}'` : `${prose}'s`;
}

/** Upper-cases the first letter ("the United States has…" → "The United States has…"). */
export function capitalizeFirst(text: string): string {
  return text.replace(/^(\s*)([a-z])/, (_m, space: string, c: string) => space + c.toUpperCase());
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
// Longest first, so "Netherlands Antilles" and "Caribbean Netherlands" win over "Netherlands".
const NAME_PATTERN = new RegExp(
  `(${[...NAMES_WITH_ARTICLE].sort((x, y) => y.length - x.length).map(escape).join("|")})(?![\\p{L}])('s)?`,
  "gu",
);

/**
 * Puts the article and possessive on every country name of `text` that needs them, and "The" at
 * the start of the text (when `startsSentence`) and after a full stop. A name already preceded by
 * "the" keeps it; a name inside another word is left alone.
 */
export function polishProse(text: string, startsSentence = true): string {
  const withNames = text.replace(NAME_PATTERN, (match: string, name: string, apostrophe: string | undefined, offset: number, whole: string) => {
    const before = whole.slice(0, offset);
    if (/[\p{L}\p{N}]$/u.test(before) || /[\p{L}]-$/u.test(before)) return match;
    const possessiveMark = apostrophe ? (isPluralName(name) ? "'" : "'s") : "";
    // In a compound ("United States–China trade") the name is an adjective and takes no article.
    const compound = !apostrophe && /^[–-]/.test(whole.slice(offset + match.length));
    const hasArticle = compound || /\bthe\s+$/i.test(before);
    return `${hasArticle ? "" : "the "}${name}${possessiveMark}`;
  });
  const capitalized = withNames.replace(/([.!?]\s+)the\s/g, (_m, stop: string) => `${stop}The `);
  return startsSentence ? capitalizeFirst(capitalized) : capitalized;
}

function polishParts(parts: TextPart[]): TextPart[] {
  let first = true;
  return parts.map((p) => {
    if (!("text" in p)) return p;
    const out = { text: polishProse(p.text, first) };
    first = false;
    return out;
  });
}

/** The user's own text (context file) is shown as written. */
function polishSentence(s: Sentence): Sentence {
  return s.rule === "user-context" ? s : { ...s, parts: polishParts(s.parts) };
}

/** Chart titles and subtitles inside a Vega-Lite spec; data, labels and legends are left as they are. */
function polishSpecTitles(spec: unknown): unknown {
  if (Array.isArray(spec)) return spec.map(polishSpecTitles);
  if (!spec || typeof spec !== "object") return spec;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(spec as Record<string, unknown>)) {
    if (key === "title" && typeof value === "string") out[key] = polishProse(value);
    else if (key === "title" && value && typeof value === "object" && !Array.isArray(value)) {
      const t = value as Record<string, unknown>;
      out[key] = { ...t, ...(typeof t.text === "string" ? { text: polishProse(t.text) } : {}), ...(typeof t.subtitle === "string" ? { subtitle: polishProse(t.subtitle) } : {}) };
    } else if (key === "data" || key === "datasets") out[key] = value;
    else out[key] = polishSpecTitles(value);
  }
  return out;
}

function polishChart(c: ChartBlock): ChartBlock {
  return { ...c, title: polishProse(c.title), caption: polishParts(c.caption), spec: polishSpecTitles(c.spec) as Record<string, unknown> };
}

/**
 * The whole report's prose with {@link polishProse}: headline, lead, every section's
 * title, sentences, items, chart titles and captions, table notes, risks, footnotes and the list of
 * what is missing. Table cells and headers are names, not prose, and stay as they are; so do the
 * user's text and the title (which may be the user's: the generated one is polished where it is
 * written).
 */
export function polishDocument(doc: ReportDocument): ReportDocument {
  return {
    ...doc,
    headline: polishProse(doc.headline),
    lead: { sentences: doc.lead.sentences.map(polishSentence) },
    sections: doc.sections.map((sec) => ({
      ...sec,
      title: polishProse(sec.title),
      paragraphs: sec.paragraphs.map((p) => ({ sentences: p.sentences.map(polishSentence) })),
      items: sec.items.map(polishSentence),
      charts: sec.charts.map(polishChart),
      tables: sec.tables.map((t) => ({ ...t, ...(t.note ? { note: polishProse(t.note) } : {}) })),
    })),
    risks: doc.risks.map((r) => ({ ...r, title: polishProse(r.title), sentence: polishSentence(r.sentence) })),
    footnotes: doc.footnotes.map((f) => ({ ...f, text: polishProse(f.text) })),
    missing: doc.missing.map((m) => polishProse(m, false)),
  };
}
