/**
 * The few API shapes the dashboard reads (the full ones are in /openapi.json and the README),
 * and a fetch that turns the API's JSON errors into messages.
 */

export interface CountryMatch {
  code: string;
  name: string;
  display_name: string;
  kind: string;
  iso3?: string;
  valid_from?: number;
  valid_to?: number;
}

export type TextPart = { text: string } | { fn: number };
export interface Sentence {
  parts: TextPart[];
}
export interface ChartBlock {
  id: string;
  title: string;
  /** The report's Vega-Lite spec, embedded live. */
  spec: Record<string, unknown>;
  caption: TextPart[];
}
export interface Section {
  id: string;
  title: string;
  paragraphs: Array<{ sentences: Sentence[] }>;
  charts: ChartBlock[];
  items: Sentence[];
}
export interface ReportDocument {
  a: string;
  b: string;
  aName: string;
  bName: string;
  title: string;
  headline: string;
  lead: { sentences: Sentence[] };
  period?: { from: number; to: number };
  referenceYear?: number;
  sections: Section[];
  risks: Array<{ id: string; title: string; level: "high" | "medium"; sentence: Sentence }>;
  footnotes: Array<{ fn: number; text: string; sources?: Array<{ dataset: string; vintage: string; file: string }> }>;
  missing: string[];
}

export interface PairYear {
  year: number;
  exports: number | null;
  imports: number | null;
  total: number | null;
  balance: number | null;
  mirror: { exports: number | null; imports: number | null };
  estimated: { exports: boolean; imports: boolean };
  entity_b: string;
  entity_b_code: string;
}

export interface Correlation {
  n: number;
  r: number;
  pValue: number;
}

export interface Profile {
  a: string;
  b: string;
  a_name: string;
  b_name: string;
  period?: { from: number; to: number };
  series: PairYear[];
  growth?: {
    from_year: number;
    to_year: number;
    from_value: number;
    to_value: number;
    multiple?: number;
    cagr?: number;
    record_high: { year: number; value: number };
    published_span?: { from_year: number; to_year: number; from_value: number; to_value: number; multiple?: number; cagr?: number };
  };
  balance?: {
    streak?: { sign: "surplus" | "deficit"; since: number; through: number; years: number };
    cumulative?: { from_year: number; to_year: number; value: number };
  };
  volatility?: {
    value?: number;
    relative?: { targetVolatility: number; peerMedianVolatility: number; peersCompared: number; percentileRank: number };
    shocks: Array<{ year: number; growth: number }>;
    shock_threshold: number;
    window: { from_year: number; to_year: number };
  };
  commodity?: { price_series: string; levels: { pearson?: Correlation }; growth: { pearson?: Correlation } };
  competition?: {
    partner_name: string;
    partner_import_shares: {
      shifts: Array<{ supplier: string; name: string; from_year: number; to_year: number; from_share?: number; to_share?: number; change?: number }>;
    };
  };
  missing: string[];
}

export interface PartnerRow {
  partner: string;
  name: string;
  iso_numeric?: string;
  kind: string;
  rank: number;
  rank_start?: number;
  rank_change?: number;
  exports_usd: number | null;
  imports_usd: number | null;
  total_usd: number;
  balance_usd: number | null;
  share: number;
  start_total_usd?: number;
  growth_cagr?: number;
  series: Array<{ year: number; total_usd: number | null }>;
  estimated: boolean;
}

export interface CountryPartners {
  a: string;
  a_name: string;
  side: "reporter" | "mirror";
  reference_year: number;
  growth_window: { from_year: number; to_year: number; years: number };
  years: number[];
  total_usd: number;
  partners: PartnerRow[];
  measure: string;
  sources: Array<{ dataset: string; vintage: string; file: string }>;
}

export interface ApiErrorBody {
  error: string;
  field?: string;
  suggestions?: Array<{ code: string; name: string }>;
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.error);
  }
}

export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { signal, headers: { Accept: "application/json" } });
  } catch (e) {
    if ((e as Error).name === "AbortError") throw e;
    throw new ApiFailure(0, { error: "The server did not answer. Check the connection and reload the page." });
  }
  if (!res.ok) {
    let body: ApiErrorBody;
    try {
      body = (await res.json()) as ApiErrorBody;
    } catch {
      body = { error: `the server answered ${res.status}` };
    }
    throw new ApiFailure(res.status, body);
  }
  return (await res.json()) as T;
}

export interface Selection {
  a?: string;
  b?: string;
  from?: number;
  to?: number;
  /** Partners of A shown side by side (`compare=CHN,USA`). */
  compare?: string[];
  /** Reference year of the country view. */
  year?: number;
}

/** `?from=1990&to=2020` (only what is set). */
export function periodQuery(s: Selection, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  if (s.from !== undefined) p.set("from", String(s.from));
  if (s.to !== undefined) p.set("to", String(s.to));
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  const q = p.toString();
  return q ? `?${q}` : "";
}

export function pairPath(s: Selection): string {
  return `/api/pairs/${encodeURIComponent(s.a!)}/${encodeURIComponent(s.b!)}`;
}

/** Selection ⇄ the page URL (`/?a=KOR&b=RUS&from=1990&to=2020`, `/?a=KOR`, `/?a=KOR&compare=CHN,USA`), so a view is a shareable link. */
export function readUrl(search = location.search): Selection {
  const p = new URLSearchParams(search);
  const year = (k: string) => {
    const v = p.get(k);
    return v && /^\d{4}$/.test(v) ? Number(v) : undefined;
  };
  const code = (k: string) => {
    const v = p.get(k)?.trim();
    return v ? v.slice(0, 100) : undefined;
  };
  const compare = p
    .get("compare")
    ?.split(",")
    .map((c) => c.trim())
    .filter(Boolean)
    .slice(0, 8);
  return { a: code("a"), b: code("b"), from: year("from"), to: year("to"), ...(compare?.length ? { compare } : {}), ...(year("year") ? { year: year("year") } : {}) };
}

export function urlFor(s: Selection): string {
  const p = new URLSearchParams();
  if (s.a) p.set("a", s.a);
  if (s.b) p.set("b", s.b);
  if (!s.b && s.compare?.length) p.set("compare", s.compare.join(","));
  if (!s.b && s.year !== undefined) p.set("year", String(s.year));
  if (s.b && s.from !== undefined) p.set("from", String(s.from));
  if (s.b && s.to !== undefined) p.set("to", String(s.to));
  const q = p.toString().replace(/%2C/g, ",");
  return q ? `/?${q}` : "/";
}
