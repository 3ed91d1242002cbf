/**
 * A table of bad requests: each must get a 4xx with a JSON body a person can act on (the error
 * says what was wrong; `field` names the parameter; unknown countries come with suggestions),
 * never a 500 and never a stack trace.
 */
import { describe, expect, it } from "vitest";
import { sampleApp } from "../../test/sampleApp.js";

interface Case {
  path: string;
  status: number;
  field?: string;
  /** Words the error must contain. */
  says: RegExp;
  suggests?: string;
  init?: RequestInit;
}

const P = "/api/pairs/KOR/RUS";
const long = "x".repeat(101);

const CASES: Case[] = [
  // countries
  { path: "/api/countries", status: 400, field: "q", says: /q/ },
  { path: "/api/countries?q=", status: 400, field: "q", says: /q is empty/ },
  { path: "/api/countries?q=%20%20", status: 400, field: "q", says: /q is empty/ },
  { path: `/api/countries?q=${long}`, status: 400, field: "q", says: /longer than 100/ },
  { path: "/api/countries?q=kor&limit=0", status: 400, field: "limit", says: /at least 1/ },
  { path: "/api/countries?q=kor&limit=51", status: 400, field: "limit", says: /at most 50/ },
  { path: "/api/countries?q=kor&limit=ten", status: 400, field: "limit", says: /whole number/ },
  { path: "/api/countries?q=kor&limit=-1", status: 400, field: "limit", says: /whole number/ },
  { path: "/api/countries?q=kor&limit=2.5", status: 400, field: "limit", says: /whole number/ },
  { path: "/api/countries?q=kor&q=rus", status: 400, field: "q", says: /given 2 times/ },
  { path: "/api/countries?query=korea", status: 400, field: "query", says: /unknown query parameter "query".*takes q, limit/ },
  // countries in pairs
  { path: "/api/pairs/KOR/Rusia", status: 404, field: "b", says: /unknown country "Rusia".*did you mean/, suggests: "RUS" },
  { path: "/api/pairs/Koera/RUS", status: 404, field: "a", says: /unknown country "Koera"/, suggests: "KOR" },
  { path: "/api/pairs/XXX/RUS", status: 404, field: "a", says: /unknown country "XXX"/ },
  { path: "/api/pairs/KOR/Atlantis", status: 404, field: "b", says: /unknown country "Atlantis"/ },
  { path: "/api/pairs/korea/RUS", status: 404, field: "a", says: /ambiguous|did you mean/, suggests: "KOR" },
  { path: "/api/pairs/KOR/KOR", status: 400, field: "b", says: /two different countries/ },
  { path: "/api/pairs/KOR/south%20korea", status: 400, field: "b", says: /two different countries/ },
  { path: `/api/pairs/${long}/RUS`, status: 400, field: "a", says: /longer than 100/ },
  { path: `/api/pairs/KOR/${long}`, status: 400, field: "b", says: /longer than 100/ },
  { path: "/api/pairs/%20/RUS", status: 400, field: "a", says: /empty/ },
  { path: `/api/pairs/Rusia/RUS/profile`, status: 404, field: "a", says: /unknown country/, suggests: "RUS" },
  { path: `/api/pairs/KOR/Rusia/report`, status: 404, field: "b", says: /unknown country/, suggests: "RUS" },
  { path: `/api/pairs/KOR/Rusia/charts/balance.svg`, status: 404, field: "b", says: /unknown country/ },
  // years
  { path: `${P}?from=199`, status: 400, field: "from", says: /four-digit year, got "199"/ },
  { path: `${P}?from=19900`, status: 400, field: "from", says: /four-digit year/ },
  { path: `${P}?from=abcd`, status: 400, field: "from", says: /four-digit year/ },
  { path: `${P}?from=1e3`, status: 400, field: "from", says: /four-digit year/ },
  { path: `${P}?from=1990.5`, status: 400, field: "from", says: /four-digit year/ },
  { path: `${P}?from=`, status: 400, field: "from", says: /four-digit year/ },
  { path: `${P}?to=-200`, status: 400, field: "to", says: /four-digit year/ },
  { path: `${P}?from=1850`, status: 400, field: "from", says: /1900 or later/ },
  { path: `${P}?to=2200`, status: 400, field: "to", says: /2100 or earlier/ },
  { path: `${P}?from=2020&to=1990`, status: 400, field: "from", says: /after to 1990; swap them/ },
  { path: `${P}/profile?from=2020&to=1990`, status: 400, field: "from", says: /swap/ },
  { path: `${P}/report?from=2020&to=1990`, status: 400, field: "from", says: /swap/ },
  { path: `${P}/profile?reference_year=20x0`, status: 400, field: "reference_year", says: /four-digit year/ },
  { path: `${P}/profile?from=2000&to=2010&reference_year=2015`, status: 400, field: "reference_year", says: /after to 2010/ },
  { path: `${P}/profile?from=2000&reference_year=1995`, status: 400, field: "reference_year", says: /before from 2000/ },
  { path: `${P}/report?reference_year=1800`, status: 400, field: "reference_year", says: /1900 or later/ },
  { path: `${P}?from=1990&from=1991`, status: 400, field: "from", says: /given 2 times/ },
  // formats and unknown parameters
  { path: `${P}/report?format=docx`, status: 400, field: "format", says: /md, html, pdf, json.*"docx"/ },
  { path: `${P}/report?format=PDF`, status: 400, field: "format", says: /one of/ },
  { path: `${P}/report?format=`, status: 400, field: "format", says: /one of/ },
  { path: `${P}?format=xlsx`, status: 400, field: "format", says: /json, csv/ },
  { path: `${P}/report?download=yes`, status: 400, field: "download", says: /0 or 1/ },
  { path: `${P}/profile?format=csv`, status: 400, field: "format", says: /unknown query parameter "format".*takes from, to, reference_year/ },
  { path: `${P}?form=1990`, status: 400, field: "form", says: /unknown query parameter "form"/ },
  { path: `${P}/profile?referenceYear=2019`, status: 400, field: "referenceYear", says: /unknown query parameter "referenceYear"/ },
  { path: "/api/health?verbose=1", status: 400, field: "verbose", says: /takes none/ },
  { path: "/api/sources?all=1", status: 400, field: "all", says: /takes none/ },
  { path: "/openapi.json?x=1", status: 400, field: "x", says: /no query parameters/ },
  // charts
  { path: `${P}/charts/balance`, status: 400, field: "chart", says: /<id>\.svg/ },
  { path: `${P}/charts/pie.svg`, status: 400, field: "chart", says: /no chart "pie"; charts: trade-volume/ },
  { path: `${P}/charts/BALANCE.svg`, status: 400, field: "chart", says: /<id>\.svg/ },
  { path: `${P}/charts/balance.svg?format=png`, status: 400, field: "format", says: /unknown query parameter/ },
  // routes and methods
  { path: "/api", status: 404, says: /no such route/ },
  { path: "/api/pair/KOR/RUS", status: 404, says: /no such route.*openapi/ },
  { path: `${P}/balance`, status: 404, says: /no such route/ },
  { path: "/api/pairs/KOR", status: 404, says: /no such route/ },
  { path: `${P}/report/extra/path`, status: 404, says: /no such route/ },
  { path: "/api/../etc/passwd", status: 404, says: /no such route/ },
  { path: "/api/sources", status: 405, says: /read-only/, init: { method: "POST" } },
  { path: "/api/health", status: 405, says: /OPTIONS is not allowed.*read-only/, init: { method: "OPTIONS" } },
  { path: `${P}/profile`, status: 405, says: /OPTIONS is not allowed/, init: { method: "OPTIONS" } },
  { path: "/", status: 405, says: /PROPFIND is not allowed/, init: { method: "PROPFIND" } },
  { path: `${P}/report`, status: 405, says: /read-only/, init: { method: "DELETE" } },
  { path: "/api/countries?q=kor", status: 405, says: /read-only/, init: { method: "PUT", body: "x" } },
  { path: "/api/sources", status: 413, says: /larger than/, init: { method: "POST", body: "y".repeat(20_000), headers: { "Content-Length": "20000" } } },
];

const logged: string[] = [];

const sample = sampleApp({ log: (l) => logged.push(l) });

describe("bad inputs get a 4xx with a JSON error a person can act on", () => {
  it("has at least 50 cases", () => expect(CASES.length).toBeGreaterThanOrEqual(50));

  it.each(CASES)("$status $path", async (c) => {
    const res = await sample.app.request(c.path, c.init);
    const text = await res.text();
    expect(res.status, text).toBe(c.status);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body = JSON.parse(text) as { error: string; field?: string; suggestions?: Array<{ code: string; name: string }> };
    expect(typeof body.error).toBe("string");
    expect(body.error).toMatch(c.says);
    if (c.field) expect(body.field).toBe(c.field);
    if (c.suggests) expect(body.suggestions?.map((s) => s.code)).toContain(c.suggests);
    expect(text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("logged no unexpected error along the way", () => expect(logged).toEqual([]));
});
