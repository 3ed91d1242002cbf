/**
 * Numbers as a person writes them. Values arrive in base units (USD, fractions, persons);
 * rounding happens here and only here.
 * @module
 */

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * `x` in en-US digits. `toLocaleString` builds a new Intl.NumberFormat at every call (~30 µs; a
 * batch of reports formats ~100,000 numbers), so one formatter is kept per option set.
 */
function enUs(x: number, options: Pick<Intl.NumberFormatOptions, "minimumFractionDigits" | "maximumFractionDigits"> = {}): string {
  const key = `${options.minimumFractionDigits}|${options.maximumFractionDigits}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat("en-US", options);
    formatters.set(key, f);
  }
  return f.format(x);
}

/** "$22.32 billion", "$888.8 million", "$54,000": three or four significant digits, unit written out. */
export function usd(valueUsd: number | undefined | null): string {
  if (valueUsd === undefined || valueUsd === null || !Number.isFinite(valueUsd)) return "n/a";
  // −$0.40 prints as "$0": a sign only on what prints as more than nothing.
  const sign = valueUsd < 0 && Math.round(-valueUsd) > 0 ? "−" : "";
  const v = Math.abs(valueUsd);
  if (v >= 1e12) return `${sign}$${trim(v / 1e12, 2)} trillion`;
  if (v >= 1e9) return `${sign}$${trim(v / 1e9, 2)} billion`;
  if (v >= 1e6) return `${sign}$${trim(v / 1e6, 1)} million`;
  return `${sign}$${enUs(Math.round(v))}`;
}

/** Fixed decimals without a trailing ".0": 22.32, 888.8, 25. */
function trim(x: number, digits: number): string {
  return enUs(x, { minimumFractionDigits: 0, maximumFractionDigits: digits });
}

/** A number for print with the minus sign (U+2212), never the hyphen-minus: "−0.4"; "0.0" for −0.04. Data files (CSV, JSON) keep "-". */
export function printed(x: number, options: Pick<Intl.NumberFormatOptions, "minimumFractionDigits" | "maximumFractionDigits">): string {
  const text = enUs(x, options);
  // A negative that rounds to zero prints without its sign: "0.0", never "−0.0".
  return /[1-9]/.test(text) ? text.replace(/^-/, "−") : text.replace(/^-/, "");
}

/** "1.9 %" from 0.019; one decimal (the French/ISO space before % keeps "22.3 %" readable in running
 * text). A share that is not zero but rounds to it is written "< 0.1 %", never "0.0 %"; one that is
 * not all but rounds to it "> 99.9 %", never "100.0 %" (Uruguay–Sudan's trade did not fall "100 %"
 * from its peak: it fell 99.7 %). */
export function pct(fraction: number | undefined | null, digits = 1): string {
  if (fraction === undefined || fraction === null || !Number.isFinite(fraction)) return "n/a";
  const smallest = 10 ** -digits / 100;
  if (fraction !== 0 && Math.abs(fraction) < smallest / 2) return `${fraction < 0 ? "> −" : "< "}${enUs(smallest * 100, { maximumFractionDigits: digits })} %`;
  if (Math.abs(fraction) < 1 && Math.abs(fraction) >= 1 - smallest / 2) return `${fraction < 0 ? "< −" : "> "}${enUs((1 - smallest) * 100, { maximumFractionDigits: digits })} %`;
  return `${printed(fraction * 100, { minimumFractionDigits: digits, maximumFractionDigits: digits })} %`;
}

/**
 * Signed change: "+22 %", "−38 %". A change that rounds to zero gets one more decimal ("−0.3 %"),
 * and one that still rounds to zero is "0 %": never a signed zero ("changed by −0 % a year").
 */
export function signedPct(fraction: number, digits = 0): string {
  const rounded = (d: number) => enUs(Math.abs(fraction) * 100, { minimumFractionDigits: d, maximumFractionDigits: d });
  const isZero = (text: string) => !/[1-9]/.test(text);
  let s = rounded(digits);
  if (isZero(s)) s = rounded(digits + 1);
  if (isZero(s)) return `${enUs(0, { minimumFractionDigits: digits, maximumFractionDigits: digits })} %`;
  return `${fraction < 0 ? "−" : "+"}${s} %`;
}

/** Percentage points: "+20.4 pp"; "0.0 pp" when the change rounds to zero, never "−0.0 pp". */
export function pp(fraction: number): string {
  const s = enUs(Math.abs(fraction) * 100, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  if (!/[1-9]/.test(s)) return `${s} pp`;
  return `${fraction < 0 ? "−" : "+"}${s} pp`;
}

/** "25 times", "13,011 times" (≥ 10: whole number, grouped), "18.6 times", "1.4 times". */
export function times(multiple: number | undefined): string {
  if (multiple === undefined || !Number.isFinite(multiple)) return "n/a";
  return `${multipleNumber(multiple)} times`;
}

/**
 * "grew 3.6 times", "grew 40 %", "was about flat (+2 %)", "fell 12 %", "was unchanged": a multiple as a person says
 * it. Under twofold a change is said in per cent ("grew 1.2 times" reads as a doubling to many
 * readers); the report and the dashboard card both use this one rule.
 */
export function changeInWords(multiple: number | undefined): string {
  if (multiple === undefined || !Number.isFinite(multiple) || multiple >= 2) return `grew ${times(multiple)}`;
  const change = multiple - 1;
  if (change === 0) return "was unchanged";
  // Under 0.05 % the parenthesis would print "(+< 0.1 %)": the words say it.
  if (Math.abs(change) < 0.0005) return "was about flat";
  if (Math.abs(change) < 0.05) return `was about flat (${change < 0 ? "−" : "+"}${pct(Math.abs(change))})`;
  return change > 0 ? `grew ${pct(change, 0)}` : `fell ${pct(-change, 0)}`;
}

/** "25-fold", "13,011-fold", "2.5-fold". */
export function fold(multiple: number): string {
  return Number.isFinite(multiple) ? `${multipleNumber(multiple)}-fold` : "n/a";
}

function multipleNumber(multiple: number): string {
  return multiple >= 10 ? enUs(Math.round(multiple)) : printed(multiple, { maximumFractionDigits: 1 });
}

/** "770,000" persons; "about 30,000" when approximate. */
export function persons(n: number, approximate = false): string {
  return `${approximate ? "about " : ""}${enUs(Math.round(n))}`;
}

/** A correlation coefficient: "0.88". */
export function coefficient(r: number): string {
  return printed(r, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** "p < 0.001", "p = 0.03". */
export function pValue(p: number): string {
  if (p < 0.001) return "p < 0.001";
  return `p = ${enUs(p, { maximumFractionDigits: 3, minimumFractionDigits: 2 })}`;
}

/** "1990–2019", or "2019" for a single year: never "2001–2001". */
export function yearSpan(first: number, last: number): string {
  return first === last ? String(first) : `${first}–${last}`;
}
