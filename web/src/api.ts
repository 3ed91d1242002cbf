/**
 * The API shapes the dashboard reads (the core's types; the API contract is /openapi.json and the
 * README), and a fetch that turns the API's JSON errors into messages.
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

// The response shapes are the core's own types, imported for type-checking only (nothing of the
// core is bundled): one definition, so the dashboard cannot drift from what the API sends.
export type { ChartBlock, ReportDocument, Section, Sentence, TextPart } from "../../src/report/document";
export type { PairYear } from "../../src/query/pair";
export type { CountryPartners, PartnerRow } from "../../src/query/partners";
export type { PairProducts, ProductGroup } from "../../src/query/products";
export type { Profile } from "../../src/profile/types";

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
