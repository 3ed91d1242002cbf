/**
 * Every request the API accepts, as zod schemas, and every route as a {@link RouteSpec}. The same
 * objects validate requests (`validate.ts`) and generate `/openapi.json` (`openapi.ts`): a
 * parameter cannot be documented one way and checked another.
 *
 * Years are strings in URLs; they are checked as four digits before they become numbers, so
 * `1e3` or `1990.5` never slip through as a year.
 * @module
 * @see https://zod.dev/json-schema
 * @example
 * ```ts
 * ProfileQuery.parse({ from: "1990", to: "2020" }); // { from: 1990, to: 2020 }
 * ```
 */
import { z } from "zod";

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;
/** Longest period one request may ask for, in years. */
export const MAX_SPAN_YEARS = 200;
/** Longest country text (name or code) and search query, in characters. */
export const MAX_QUERY_CHARS = 100;
export const MAX_SEARCH_RESULTS = 50;

export const REPORT_FORMATS = ["md", "html", "pdf", "json"] as const;
export const DATA_FORMATS = ["json", "csv"] as const;
export const CHART_IDS = ["trade-volume", "balance", "import-shares", "people-flows", "trade-vs-price", "composition"] as const;

const year = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}$/, { error: (issue) => `${what} must be a four-digit year, got "${String(issue.input)}"` })
    .transform(Number)
    .pipe(z.number().int().min(MIN_YEAR, { error: `${what} must be ${MIN_YEAR} or later` }).max(MAX_YEAR, { error: `${what} must be ${MAX_YEAR} or earlier` }))
    .meta({ description: `${what}: a four-digit year, ${MIN_YEAR}–${MAX_YEAR}`, examples: ["1990"] });

const countryText = (which: string, example: string) =>
  z
    .string()
    .trim()
    .min(1, { error: `country ${which} is empty` })
    .max(MAX_QUERY_CHARS, { error: `country ${which} is longer than ${MAX_QUERY_CHARS} characters` })
    .meta({ description: `Country ${which}: any code (ISO alpha-2/3, numeric, BACI, Comtrade) or a name`, examples: [example] });

/** `:a/:b` in every pair route. */
export const PairParams = z.strictObject({ a: countryText("a", "KOR"), b: countryText("b", "RUS") });

const periodShape = {
  from: year("from").optional(),
  to: year("to").optional(),
};

/** from ≤ to, and the span is bounded: checked at the edge so the handler never sees a bad period. */
function checkPeriod(q: { from?: number; to?: number; reference_year?: number }, ctx: z.RefinementCtx): void {
  if (q.from !== undefined && q.to !== undefined) {
    if (q.from > q.to) ctx.addIssue({ code: "custom", path: ["from"], message: `from ${q.from} is after to ${q.to}; swap them` });
    else if (q.to - q.from > MAX_SPAN_YEARS) ctx.addIssue({ code: "custom", path: ["to"], message: `the period ${q.from}–${q.to} is longer than ${MAX_SPAN_YEARS} years` });
  }
  if (q.reference_year !== undefined) {
    if (q.from !== undefined && q.reference_year < q.from) ctx.addIssue({ code: "custom", path: ["reference_year"], message: `reference_year ${q.reference_year} is before from ${q.from}` });
    if (q.to !== undefined && q.reference_year > q.to) ctx.addIssue({ code: "custom", path: ["reference_year"], message: `reference_year ${q.reference_year} is after to ${q.to}` });
  }
}

export const CountriesQuery = z.strictObject({
  q: z
    .string()
    .trim()
    .min(1, { error: "q is empty: give part of a name or a code, e.g. q=korea" })
    .max(MAX_QUERY_CHARS, { error: `q is longer than ${MAX_QUERY_CHARS} characters` })
    .meta({ description: "Part of a name, or a code (ISO alpha-2/3, numeric, BACI, Comtrade)", examples: ["korea"] }),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, { error: (i) => `limit must be a whole number, got "${String(i.input)}"` })
    .transform(Number)
    .pipe(z.number().int().min(1, { error: "limit must be at least 1" }).max(MAX_SEARCH_RESULTS, { error: `limit must be at most ${MAX_SEARCH_RESULTS}` }))
    .optional()
    .meta({ description: `Most matches to return, 1–${MAX_SEARCH_RESULTS} (default 10)`, examples: ["10"] }),
});

export const PairQuery = z
  .strictObject({
    ...periodShape,
    format: z.enum(DATA_FORMATS, { error: (i) => `format must be one of ${DATA_FORMATS.join(", ")}, got "${String(i.input)}"` }).optional().meta({ description: "json (default) or csv" }),
  })
  .superRefine(checkPeriod);

export const ProfileQuery = z
  .strictObject({
    ...periodShape,
    reference_year: year("reference_year").optional(),
  })
  .superRefine(checkPeriod);

export const ReportQuery = z
  .strictObject({
    ...periodShape,
    reference_year: year("reference_year").optional(),
    format: z
      .enum(REPORT_FORMATS, { error: (i) => `format must be one of ${REPORT_FORMATS.join(", ")}, got "${String(i.input)}"` })
      .optional()
      .meta({ description: "md, html, pdf or json (default json)" }),
    download: z.enum(["0", "1"], { error: "download must be 0 or 1" }).optional().meta({ description: "1: answer with Content-Disposition: attachment" }),
  })
  .superRefine(checkPeriod);

/** `:a` of the country routes. */
export const CountryParams = z.strictObject({ a: countryText("a", "KOR") });

export const PartnersQuery = z.strictObject({
  reference_year: year("reference_year").optional(),
  growth_years: z
    .string()
    .regex(/^\d{1,2}$/, { error: (i) => `growth_years must be a whole number of years, got "${String(i.input)}"` })
    .transform(Number)
    .pipe(z.number().int().min(1, { error: "growth_years must be at least 1" }).max(50, { error: "growth_years must be at most 50" }))
    .optional()
    .meta({ description: "Length of the common growth window ending in the reference year, 1–50 (default 5)", examples: ["5"] }),
  format: z.enum(DATA_FORMATS, { error: (i) => `format must be one of ${DATA_FORMATS.join(", ")}, got "${String(i.input)}"` }).optional().meta({ description: "json (default) or csv" }),
});

export const PRODUCT_LEVEL_VALUES = ["section", "chapter", "hs4", "hs6"] as const;

export const ProductsQuery = z.strictObject({
  year: year("year").optional(),
  level: z.enum(PRODUCT_LEVEL_VALUES, { error: (i) => `level must be one of ${PRODUCT_LEVEL_VALUES.join(", ")}, got "${String(i.input)}"` }).optional().meta({ description: "Grouping: HS section (default), chapter, hs4 or hs6" }),
  within: z
    .string()
    .trim()
    .regex(/^(\d{2}|\d{4}|[IVXLivxl]{1,6})$/, { error: (i) => `within must be an HS section numeral (V), a chapter (27) or a heading (2709), got "${String(i.input)}"` })
    .optional()
    .meta({ description: "Only products inside this section, chapter or heading (drill-down)", examples: ["27"] }),
  format: z.enum(DATA_FORMATS, { error: (i) => `format must be one of ${DATA_FORMATS.join(", ")}, got "${String(i.input)}"` }).optional().meta({ description: "json (default) or csv" }),
});

export const ChartParams = z.strictObject({
  a: PairParams.shape.a,
  b: PairParams.shape.b,
  chart: z
    .string()
    .regex(/^[a-z-]+\.svg$/, { error: (i) => `chart must be <id>.svg, got "${String(i.input)}"` })
    .transform((s) => s.slice(0, -4))
    .pipe(z.enum(CHART_IDS, { error: (i) => `no chart "${String(i.input)}"; charts: ${CHART_IDS.join(", ")}` }))
    .meta({ description: `One of ${CHART_IDS.map((c) => c + ".svg").join(", ")}` }),
});

export const ChartQuery = z
  .strictObject({ ...periodShape, reference_year: year("reference_year").optional() })
  .superRefine(checkPeriod);

export const NoQuery = z.strictObject({});
export const NoParams = z.strictObject({});

/** The body of every 4xx/5xx answer. */
export const ErrorBody = z
  .object({
    error: z.string().meta({ description: "What was wrong and what to do about it, in words" }),
    field: z.string().optional().meta({ description: "The parameter at fault" }),
    suggestions: z
      .array(z.object({ code: z.string(), name: z.string() }))
      .optional()
      .meta({ description: "Closest matches, for an unknown country" }),
    id: z.string().optional().meta({ description: "For a 500: quote it when reporting the problem (the server log has the details)" }),
  })
  .meta({ title: "Error" });

export const CountryMatch = z
  .object({
    code: z.string(),
    name: z.string(),
    display_name: z.string(),
    kind: z.string(),
    iso2: z.string().optional(),
    iso3: z.string().optional(),
    valid_from: z.number().optional(),
    valid_to: z.number().optional(),
  })
  .meta({ title: "CountryMatch" });

export const CountriesResponse = z.object({
  query: z.string(),
  results: z.array(CountryMatch),
  suggestions: z.array(CountryMatch).optional().meta({ description: "Only when nothing matched: the closest names by spelling" }),
});

export const HealthResponse = z.object({
  status: z.literal("ok"),
  store: z.object({ name: z.string().describe("the store's file name (never the server's path)"), read_only: z.boolean(), content_version: z.string(), sources: z.number() }),
  version: z.string(),
  uptime_seconds: z.number(),
});

const opaque = (description: string) => z.object({}).passthrough().meta({ description });

export interface ResponseSpec {
  description: string;
  /** Content type → schema; JSON unless stated. */
  content: Record<string, z.ZodType | { type: "string"; format?: string }>;
}

export interface RouteSpec<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType> {
  method: "get";
  /** Hono path syntax (`/api/pairs/:a/:b`); OpenAPI's `{a}` form is derived. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  params: P;
  query: Q;
  /** Answers 304 to a matching If-None-Match. */
  cached: boolean;
  responses: Record<number, ResponseSpec>;
}

const errors = (...statuses: number[]): Record<number, ResponseSpec> => {
  const words: Record<number, string> = {
    400: "Bad input: the error names the parameter and what it must be",
    404: "Unknown country (with the closest matches) or unknown route",
    413: "Request body too large",
    422: "The loaded data cannot support the request",
    503: "PDF needs Chromium, which is not installed (the error says how to install it)",
    504: "The request took longer than the server's per-request limit",
  };
  return Object.fromEntries(statuses.map((s) => [s, { description: words[s] ?? "Error", content: { "application/json": ErrorBody } }]));
};

const pairErrors = errors(400, 404, 422, 504);

export const ROUTES = {
  health: {
    method: "get",
    path: "/api/health",
    operationId: "health",
    summary: "Server and store status",
    params: NoParams,
    query: NoQuery,
    cached: false,
    responses: { 200: { description: "The server is up and the store is open", content: { "application/json": HealthResponse } }, ...errors(400) },
  },
  sources: {
    method: "get",
    path: "/api/sources",
    operationId: "listSources",
    summary: "The loaded files: dataset, vintage, side that reported, rows read/stored/rejected/skipped",
    params: NoParams,
    query: NoQuery,
    cached: true,
    responses: { 200: { description: "Loaded sources", content: { "application/json": z.object({ content_version: z.string(), sources: z.array(opaque("A SourceRecord")) }) } }, ...errors(400) },
  },
  countries: {
    method: "get",
    path: "/api/countries",
    operationId: "searchCountries",
    summary: "Find countries, former countries and aggregates by name or any code",
    params: NoParams,
    query: CountriesQuery,
    cached: true,
    responses: { 200: { description: "Matches, best first", content: { "application/json": CountriesResponse } }, ...errors(400) },
  },
  pair: {
    method: "get",
    path: "/api/pairs/:a/:b",
    operationId: "pairSeries",
    summary: "Trade between A and B year by year: A's reports, B's mirror reports, sources and precedence",
    params: PairParams,
    query: PairQuery,
    cached: true,
    responses: {
      200: { description: "The pair series (JSON), or one row per year (CSV)", content: { "application/json": opaque("PairSeries (see README, 'pair --json')"), "text/csv": { type: "string" } } },
      ...pairErrors,
    },
  },
  profile: {
    method: "get",
    path: "/api/pairs/:a/:b/profile",
    operationId: "pairProfile",
    summary: "Every indicator the loaded data supports for A and B, each with its sources",
    params: PairParams,
    query: ProfileQuery,
    cached: true,
    responses: { 200: { description: "The bilateral profile (fields in README, 'Profile fields')", content: { "application/json": opaque("Profile") } }, ...pairErrors },
  },
  report: {
    method: "get",
    path: "/api/pairs/:a/:b/report",
    operationId: "pairReport",
    summary: "The written assessment of A's relationship with B, as JSON (the report document), Markdown, HTML or PDF",
    params: PairParams,
    query: ReportQuery,
    cached: true,
    responses: {
      200: {
        description: "The report",
        content: {
          "application/json": opaque("ReportDocument"),
          "text/markdown": { type: "string" },
          "text/html": { type: "string" },
          "application/pdf": { type: "string", format: "binary" },
        },
      },
      ...pairErrors,
      ...errors(503),
    },
  },
  chart: {
    method: "get",
    path: "/api/pairs/:a/:b/charts/:chart",
    operationId: "pairChart",
    summary: "One chart of the report as SVG, rendered on the server from the report's Vega-Lite spec",
    params: ChartParams,
    query: ChartQuery,
    cached: true,
    responses: { 200: { description: "SVG", content: { "image/svg+xml": { type: "string" } } }, ...pairErrors },
  },
  partners: {
    method: "get",
    path: "/api/countries/:a/partners",
    operationId: "countryPartners",
    summary: "Every partner of A ranked by total trade in a reference year: share, rank change, growth over one window, balance, a yearly series",
    description:
      "A's own reports when A reports; otherwise its partners' (mirror) reports, labelled by `side`. The default reference year is the latest year whose figures cover at least 80 % of the partners of A's best-covered year.",
    params: CountryParams,
    query: PartnersQuery,
    cached: true,
    responses: {
      200: { description: "The ranking (JSON, fields in docs/api.md), or one row per partner (CSV)", content: { "application/json": opaque("CountryPartners (see docs/api.md)"), "text/csv": { type: "string" } } },
      ...errors(400, 404, 422, 504),
    },
  },
  products: {
    method: "get",
    path: "/api/pairs/:a/:b/products",
    operationId: "pairProducts",
    summary: "A's exports to and imports from B by HS section, chapter, heading or subheading (CEPII BACI), with RCA and complementarity",
    params: PairParams,
    query: ProductsQuery,
    cached: true,
    responses: {
      200: { description: "The breakdown (JSON, fields in docs/api.md), or one row per product group (CSV)", content: { "application/json": opaque("PairProducts (see docs/api.md)"), "text/csv": { type: "string" } } },
      ...errors(400, 404, 422, 504),
    },
  },
} as const satisfies Record<string, RouteSpec>;

export type RouteName = keyof typeof ROUTES;
