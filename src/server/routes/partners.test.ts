/** The country routes through `sample.app.request()` over the sample store: ranking, CSV, relevance and typos in the search. */
import { describe, expect, it } from "vitest";
import { sampleApp } from "../../../test/sampleApp.js";

const sample = sampleApp();

describe("GET /api/countries/:a/partners", () => {
  it("ranks the partners of a country given by name, with an ETag", async () => {
    const res = await sample.app.request("/api/countries/south%20korea/partners?reference_year=2015&growth_years=10");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { a: string; reference_year: number; growth_window: { from_year: number }; partners: Array<{ partner: string; rank: number }> };
    expect(body.a).toBe("KOR");
    expect(body.reference_year).toBe(2015);
    expect(body.growth_window.from_year).toBe(2005);
    expect(body.partners[0]!.rank).toBe(1);
    const again = await sample.app.request("/api/countries/KOR/partners?reference_year=2015&growth_years=10", { headers: { "If-None-Match": res.headers.get("etag")! } });
    expect(again.status).toBe(304);
  });

  it("writes CSV with one row per partner and no float noise", async () => {
    const res = await sample.app.request("/api/countries/KOR/partners?format=csv");
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="kor-partners-\d{4}\.csv"/);
    const text = await res.text();
    expect(text.split("\r\n")[0]).toMatch(/^rank,partner,name,reference_year,total_usd,share_of_total,/);
    expect(text).not.toMatch(/\d\.\d*0000000\d|\d\.\d*9999999\d/);
  });

  it("answers an unknown country with a 404 and suggestions, and a bad window with a 400", async () => {
    const unknown = await sample.app.request("/api/countries/Rusia/partners");
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { suggestions: Array<{ code: string }> }).suggestions[0]!.code).toBe("RUS");
    const bad = await sample.app.request("/api/countries/KOR/partners?growth_years=0");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { field: string }).field).toBe("growth_years");
  });
});

describe("GET /api/countries (relevance)", () => {
  it("lists South Korea before North Korea for 'korea': it trades far more in the loaded data", async () => {
    const body = (await (await sample.app.request("/api/countries?q=korea&limit=3")).json()) as { results: Array<{ code: string }> };
    expect(body.results.map((r) => r.code).slice(0, 2)).toEqual(["KOR", "PRK"]);
  });

  it("offers the closest spellings when nothing matches", async () => {
    const body = (await (await sample.app.request("/api/countries?q=Rusia")).json()) as { results: unknown[]; suggestions: Array<{ code: string }> };
    expect(body.results).toEqual([]);
    expect(body.suggestions[0]!.code).toBe("RUS");
  });
});
