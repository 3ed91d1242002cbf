/**
 * How catalogue milestones are named: one place for the label shapes, so a reader meets the same
 * wording whatever dataset a milestone comes from. Checked on labels for pairs on every continent:
 * DESTA names that are only the two countries ("Argentina Brazil") become "Argentina–Brazil
 * agreement"; a signature year is an aside after "in force", never "(signed 1986) in force"; a bloc
 * sender names its member as "including Germany", not "(Germany a member)"; a one-year episode is
 * "(2018)", never "from 2018 to 2018"; a name already ending in its acronym takes the type inside the
 * same parentheses ("(GSTP; PSA)"), never "(GSTP) (PSA)".
 * @module
 */

/** "a", "a and b", "a, b and c". */
export function joinWords(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

/** Publishers' names with stray spaces ("Arusha  Agreement"). */
export function cleanName(name: string): string {
  return name.replace(/\s+/g, " ").trim();
}

/** "Pan-Arab Free Trade Area (PAFTA) (FTA)" → "Pan-Arab Free Trade Area (PAFTA; FTA)"; "EU - Morocco (FTA)". */
export function withType(name: string, type: string | undefined): string {
  const n = cleanName(name);
  if (!type) return n;
  return /\)$/.test(n) ? `${n.slice(0, -1)}; ${type})` : `${n} (${type})`;
}

/**
 * The WTO RTA database's agreement types, for readers who do not know its abbreviations (WTO,
 * "RTA types": goods under GATT Article XXIV or the Enabling Clause, services under GATS Article V).
 */
export const WTO_AGREEMENT_TYPES = {
  FTA: "free trade agreement (goods)",
  CU: "customs union (goods, with a common external tariff)",
  PSA: "partial scope agreement (tariff cuts on some goods only)",
  EIA: "economic integration agreement (services)",
} as const;

/** The type abbreviations an {@link agreementLabel} names, in {@link WTO_AGREEMENT_TYPES}' order: "ASEAN–Japan (FTA & EIA) in force…" → ["FTA", "EIA"]. */
export function agreementTypesIn(label: string): Array<keyof typeof WTO_AGREEMENT_TYPES> {
  const codes = Object.keys(WTO_AGREEMENT_TYPES) as Array<keyof typeof WTO_AGREEMENT_TYPES>;
  const type = /[(;] ?((?:FTA|CU|PSA|EIA)(?: & (?:FTA|CU|PSA|EIA))*)\) in force\b/.exec(label)?.[1];
  return type ? codes.filter((c) => type.split(" & ").includes(c)) : [];
}

/** A WTO RTA agreement in force between the two: "ASEAN–Japan (FTA & EIA) in force for Vietnam, until 2020". */
export function agreementLabel(name: string, type: string | undefined, joiner: string | undefined, until: string | undefined): string {
  return `${withType(name, type)} in force${joiner ? ` for ${joiner}` : ""}${until ? `, until ${until}` : ""}`;
}

/**
 * A DESTA agreement (year precision): "Argentina–Brazil agreement in force (signed 1986)". DESTA names
 * many bilateral treaties by the two countries alone; those read as a list of names, not an agreement.
 */
export function destaLabel(name: string, partyNames: readonly [string, string], signedYear: number, inForceYear: number): string {
  const n = cleanName(name);
  const [x, y] = partyNames;
  const named = n === `${x} ${y}` || n === `${y} ${x}` ? `${n.startsWith(x) ? x : y}–${n.startsWith(x) ? y : x} agreement` : n;
  return `${named} in force${Number.isFinite(signedYear) && signedYear < inForceYear ? ` (signed ${signedYear})` : ""}`;
}

/**
 * The sender of a sanctions episode: a member acting with a bloc is named first ("Ukraine (with the
 * EU and others)"); a member only through the bloc after it ("the EU (including Germany)", "the EU
 * (including Italy) and others").
 */
export function sanctionsSender(bloc: string, members: string, memberActsAlone: boolean): string {
  if (memberActsAlone) return `${members} (with ${bloc})`;
  const others = / and others$/.exec(bloc);
  return others ? `${bloc.slice(0, others.index)} (including ${members}) and others` : `${bloc} (including ${members})`;
}

/** "(from 2016 to 2017)", "(2018)", "(from 2019, no end in the data)". */
export function episodeSpan(start: string, end: string | undefined): string {
  if (end === undefined) return `(from ${start}, no end in the data)`;
  return end === start || end.slice(0, 4) === start && start.length === 4 ? `(${start})` : `(from ${start} to ${end})`;
}
