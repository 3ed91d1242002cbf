/** Numbers for people, as the reports write them. */

/** No sign on a figure that prints as zero: a change of −0.004 % is "0.0 %", never "−0.0 %" (the reports' rule too). */
function signOf(negative: boolean, digits: string): string {
  return !/[1-9]/.test(digits) ? "" : negative ? "−" : "+";
}

export function usd(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "–";
  const sign = v < 0 && Math.round(Math.abs(v)) > 0 ? "−" : "";
  const a = Math.abs(v);
  if (a >= 1e9) return `${sign}$${(a / 1e9).toLocaleString("en-US", { maximumFractionDigits: 2 })} bn`;
  if (a >= 1e6) return `${sign}$${(a / 1e6).toLocaleString("en-US", { maximumFractionDigits: 1 })} m`;
  return `${sign}$${Math.round(a).toLocaleString("en-US")}`;
}

export function pct(f: number | undefined, digits = 1): string {
  if (f === undefined || !Number.isFinite(f)) return "–";
  return `${minusSign((f * 100).toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }))}\u00a0%`;
}

/** The minus sign (U+2212) for print in place of a leading hyphen-minus; CSV downloads keep "-". */
function minusSign(text: string): string {
  return /[1-9]/.test(text) ? text.replace(/^-/, "−") : text.replace(/^-/, "");
}

export function signedPct(f: number, digits = 0): string {
  const text = (Math.abs(f) * 100).toLocaleString("en-US", { maximumFractionDigits: digits });
  return `${signOf(f < 0, text)}${text}\u00a0%`;
}

/** A signed rate with one decimal always, so a column of them lines up: "+3.0 %", "−0.1 %". */
export function fixedPct(f: number): string {
  const text = (Math.abs(f) * 100).toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return `${signOf(f < 0, text)}${text}\u00a0%`;
}

export function times(m: number | undefined): string {
  if (m === undefined || !Number.isFinite(m)) return "–";
  return m >= 10 ? `×${Math.round(m)}` : `×${m.toLocaleString("en-US", { maximumFractionDigits: 1 })}`;
}

export function coefficient(r: number): string {
  return minusSign(r.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
}

export { describeYears } from "../../src/reference/yearRuns.js";

/** A unit for a whole table column, chosen from its largest magnitude, so every cell reads in one unit. */
export interface ColumnUnit {
  divisor: number;
  /** For the header: "USD bn", "USD m", "USD". */
  label: string;
  digits: number;
}

export function columnUnit(values: ReadonlyArray<number | null | undefined>): ColumnUnit {
  let max = 0;
  for (const v of values) if (v !== null && v !== undefined && Number.isFinite(v)) max = Math.max(max, Math.abs(v));
  if (max >= 1e9) return { divisor: 1e9, label: "USD bn", digits: 2 };
  if (max >= 1e6) return { divisor: 1e6, label: "USD m", digits: 1 };
  if (max >= 1e3) return { divisor: 1e3, label: "USD thousand", digits: 1 };
  return { divisor: 1, label: "USD", digits: 0 };
}

/** A number in a column's unit, without the unit (the header names it); "–" when missing. */
export function inUnit(v: number | null | undefined, unit: ColumnUnit): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "–";
  const text = (Math.abs(v) / unit.divisor).toLocaleString("en-US", { minimumFractionDigits: unit.digits, maximumFractionDigits: unit.digits });
  return signOf(v < 0, text) === "−" ? `−${text}` : text;
}

const DATASET_NAMES: Record<string, string> = {
  "imf-dots": "IMF Direction of Trade Statistics",
  "un-comtrade": "UN Comtrade",
  "cepii-baci": "CEPII BACI",
  "kto-arrivals": "Korea Tourism Organization",
  "published-figures": "published figures",
  "published-products": "published product figures",
  "price-series": "price series",
  "bilateral-series": "bilateral series",
};

/** "IMF Direction of Trade Statistics", not "imf-dots". */
export function datasetName(id: string): string {
  return DATASET_NAMES[id] ?? id;
}

/**
 * What the data cannot say, in a reader's words: the subject and why it matters, without the
 * command-line advice the core writes for operators ("load …", "pass a context file …").
 */
export function readerMissing(text: string): string {
  const colon = text.indexOf(": ");
  const subject = colon > 0 ? text.slice(0, colon) : text;
  const detail = colon > 0 ? text.slice(colon + 2) : "";
  const kept = detail
    .split(/;\s*/)
    .map((clause) => clause.replace(/\b(load|pass|run|ingest|give|use)\b.*$/i, "").replace(/[\s,]+$/, "").trim())
    .filter((clause) => clause && !/^none (given|loaded)/i.test(clause));
  const cap = subject.charAt(0).toUpperCase() + subject.slice(1);
  return kept.length ? `${cap}: ${kept.join("; ")}.` : `${cap}: not in the loaded data.`;
}
