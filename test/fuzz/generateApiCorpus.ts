/**
 * Writes the API fuzz corpus (`test/fuzz/api-corpus.json`): SYNTHETIC requests, hostile and
 * malformed on purpose, drawn from a seeded generator so the file is the same on every run.
 * Each request is a method, a path with its query, and headers. `apiFuzz.test.ts` sends them all.
 *
 *   npx tsx test/fuzz/generateApiCorpus.ts > test/fuzz/api-corpus.json
 * @module
 */
import { seededRandom } from "../seededRandom.js";


export interface FuzzRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

const random = seededRandom(20261201);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const chance = (p: number) => random() < p;

const COUNTRIES_OK = ["KOR", "RUS", "410", "643", "KR", "south%20korea", "Russian%20Federation", "USA", "CHN"];
const COUNTRIES_BAD = [
  "XXX", "korea", "Rusia", "%00", "%ZZ", "%", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%2F..%2Fetc%2Fpasswd", "'%20OR%201=1--", "KOR';DROP%20TABLE%20sources;--",
  "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%F0%9F%92%A5", "%E2%80%AE", "%C0%AF", "%FF%FE", "null", "undefined", "__proto__", "constructor", "0", "-1", "1e309",
  "NaN", "%20", "a".repeat(101), "K".repeat(5000), "%0d%0aSet-Cookie:x=1", "${7*7}", "{{7*7}}", "$(id)", "*", "%2A", "\\\\server\\share", "C:%5Cwindows",
];
const YEARS_OK = ["1990", "2000", "2010", "2019"];
const YEARS_BAD = [
  "", "-1", "0", "199", "19900", "1e3", "0x7d0", "%201990", "1990%20", "1990.0", "1990,1991", "99999999999999999999", "NaN", "Infinity", "-Infinity",
  "1899", "2101", "%00", "1990%00", "١٩٩٠", "１９９０", "true", "[]", "{}", "1990;SELECT", "'1990'",
];
const FORMATS = ["json", "md", "html", "csv", "pdf", "PDF", "docx", "", "xml", "json%00", "../json", "md%20"];
const CHARTS = ["trade-volume.svg", "balance.svg", "import-shares.svg", "people-flows.svg", "trade-vs-price.svg", "composition.svg", "nope.svg", "balance", "balance.png", "..%2Fbalance.svg", "BALANCE.SVG", "%00.svg"];
const UNKNOWN_PARAMS = ["form", "referenceYear", "__proto__", "constructor", "prototype", "toString", "q[]", "from[]", "a", "b", "callback", "jsonp", "%00", "x".repeat(300)];

function year(): string {
  return chance(0.6) ? pick(YEARS_OK) : pick(YEARS_BAD);
}

function country(): string {
  return chance(0.55) ? pick(COUNTRIES_OK) : pick(COUNTRIES_BAD);
}

function query(params: Array<[string, string]>): string {
  return params.length ? `?${params.map(([k, v]) => (v === "\u0000none" ? k : `${k}=${v}`)).join("&")}` : "";
}

function periodParams(withReference: boolean): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (chance(0.6)) out.push(["from", year()]);
  if (chance(0.6)) out.push(["to", year()]);
  if (withReference && chance(0.3)) out.push(["reference_year", year()]);
  if (chance(0.08)) out.push([pick(["from", "to"]), year()]); // repeated
  if (chance(0.1)) out.push([pick(UNKNOWN_PARAMS), pick(["1", "", "x", "\u0000none"])]);
  if (chance(0.04)) out.push(["from", "\u0000none"]); // bare key
  return out;
}

function pairPath(): string {
  const base = `/api/pairs/${country()}/${country()}`;
  switch (pick(["series", "profile", "report", "chart", "extra"] as const)) {
    case "series": {
      const q = periodParams(false);
      if (chance(0.5)) q.push(["format", pick(FORMATS)]);
      return base + query(q);
    }
    case "profile":
      return `${base}/profile${query(periodParams(true))}`;
    case "report": {
      const q = periodParams(true);
      if (chance(0.7)) q.push(["format", pick(FORMATS)]);
      if (chance(0.2)) q.push(["download", pick(["1", "0", "yes", "", "2"])]);
      return `${base}/report${query(q)}`;
    }
    case "chart":
      return `${base}/charts/${pick(CHARTS)}${query(periodParams(true))}`;
    case "extra":
      return `${base}/${pick(["", "profile/", "report/x", "charts", "charts/", "..", "%2e%2e", "profile%00", "sources", "../../../openapi.json"])}`;
  }
}

function otherPath(): string {
  switch (pick(["countries", "health", "sources", "openapi", "odd"] as const)) {
    case "countries": {
      const q: Array<[string, string]> = [];
      if (chance(0.9)) q.push(["q", chance(0.5) ? pick(COUNTRIES_OK) : pick(COUNTRIES_BAD)]);
      if (chance(0.4)) q.push(["limit", pick(["1", "10", "50", "0", "51", "-1", "2.5", "ten", "1e1", "", "99999999999"])]);
      if (chance(0.1)) q.push([pick(UNKNOWN_PARAMS), "1"]);
      return `/api/countries${query(q)}`;
    }
    case "health":
      return `/api/health${chance(0.3) ? query([[pick(UNKNOWN_PARAMS), "1"]]) : ""}`;
    case "sources":
      return `/api/sources${chance(0.3) ? query([[pick(UNKNOWN_PARAMS), "1"]]) : ""}`;
    case "openapi":
      return `/openapi.json${chance(0.3) ? "?x=1" : ""}`;
    case "odd":
      return pick([
        "/api", "/api/", "/api/pairs", "/api/pairs/", "/api/pairs/KOR", "/api//pairs//KOR//RUS", "/api/pairs/KOR/RUS/profile/extra/segments", "/API/HEALTH",
        "/api/health/", "/api/%2e%2e/%2e%2e/etc/passwd", "/api/pairs/KOR/RUS%2Fprofile", "/api/pairs/KOR/RUS?format=csv&format=json", "/.env", "/.git/config",
        "/api/countries?q=%", "/api/countries?q=%E0%A4%A", "/api/sources?__proto__[x]=1", "/api/pairs/KOR/RUS?from=1990&to=2020&from=2000",
        `/api/countries?q=${"%41".repeat(2000)}`, `/api/pairs/KOR/RUS?${"x=1&".repeat(500)}`, "/api/pairs/KOR/RUS/report?format=md&format=html",
      ]);
  }
}

const HEADER_SETS: Array<Record<string, string> | undefined> = [
  undefined,
  { "If-None-Match": "*" },
  { "If-None-Match": '"nope"' },
  { "If-None-Match": 'W/"x", "y", ,,' },
  { "If-None-Match": "x".repeat(4000) },
  { Accept: "text/html" },
  { Accept: "*/*;q=abc" },
  { Range: "bytes=0-10" },
  { Range: "bytes=999999999999-" },
  { Origin: "http://evil.example" },
  { "Accept-Encoding": "gzip, br, zstd, *;q=0" },
  { "X-Forwarded-For": "127.0.0.1, ::1, <script>" },
  { Cookie: "a=".padEnd(3000, "b") },
  { "Content-Type": "application/json" },
];

const corpus: FuzzRequest[] = [];
for (let i = 0; i < 1200; i++) {
  const method = chance(0.88) ? "GET" : pick(["HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND", "get"]);
  const path = chance(0.7) ? pairPath() : otherPath();
  const headers = chance(0.25) ? pick(HEADER_SETS) : undefined;
  const request: FuzzRequest = { method, path, ...(headers ? { headers } : {}) };
  if (method !== "GET" && method !== "HEAD" && method !== "get" && chance(0.5)) request.body = pick(['{"a":1}', "x".repeat(20_000), "", "<xml/>", "\u0000\u0001"]);
  corpus.push(request);
}
process.stdout.write(`${JSON.stringify(corpus, null, 1)}\n`);
