/** The products route through `sample.app.request()` over the sample store (its BACI file: CEPII's example, South Africa's 2021 exports). */
import { describe, expect, it } from "vitest";
import { sampleApp } from "../../../test/sampleApp.js";

const sample = sampleApp();

describe("GET /api/pairs/:a/:b/products", () => {
  it("groups South Africa's BACI exports to Botswana by section, shares summing to 1, and drills into a chapter", async () => {
    const res = await sample.app.request("/api/pairs/ZAF/BWA/products");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { year: number; exports_total_usd: number; groups: Array<{ code: string; exports_usd: number; export_share: number }> };
    expect(body.year).toBe(2021);
    expect(body.groups.reduce((s, g) => s + g.export_share, 0)).toBeCloseTo(1, 9);
    expect(body.groups.reduce((s, g) => s + g.exports_usd, 0)).toBeCloseTo(body.exports_total_usd, 0);
    const v = body.groups.find((g) => g.code === "V")!;
    const chapters = (await (await sample.app.request("/api/pairs/ZAF/BWA/products?level=chapter&within=V")).json()) as { groups: Array<{ code: string; exports_usd: number }> };
    expect(chapters.groups.every((g) => ["25", "26", "27"].includes(g.code))).toBe(true);
    expect(chapters.groups.reduce((s, g) => s + g.exports_usd, 0)).toBeCloseTo(v.exports_usd, 0);
  });

  it("is a 422 in words for a pair without product data, and a 400 for a bad level", async () => {
    const none = await sample.app.request("/api/pairs/KOR/RUS/products");
    expect(none.status).toBe(422);
    expect(((await none.json()) as { error: string }).error).toMatch(/no product-level trade between South Korea and Russia/);
    expect((await sample.app.request("/api/pairs/ZAF/BWA/products?level=hs8")).status).toBe(400);
  });
});
