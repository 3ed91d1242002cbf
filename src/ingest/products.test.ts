import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { productsAdapter } from "./products.js";
import { dataFile } from "../dataFolder.js";

const FILE = dataFile("trade/korea-russia-products/kr_ru_products_compiled.csv");

// Values read by hand from kr_ru_products_compiled.csv (PROVENANCE §10).
describe("published product composition", () => {
  it("accounts for all 53 rows", async () => {
    const p = await productsAdapter.parse(FILE);
    expect(p.rowsRead).toBe(53);
    expect(p.products).toHaveLength(53);
    expect(p.rejected).toEqual([]);
    expect(p).toMatchObject({ adapter: "published-products", dataset: "published-products", reportedBy: "publisher" });
    expect(p.trade).toEqual([]); // never HS-coded trade
  });

  it("2020 naphtha imports from Russia: 2,537 USD million (line 4)", async () => {
    const p = await productsAdapter.parse(FILE);
    const r = p.products.find((x) => x.period === "2020" && x.code === "133400")!;
    expect(r).toMatchObject({
      line: 4,
      year: 2020,
      reporter: { scheme: "iso3", code: "KOR" },
      partner: { scheme: "iso3", code: "RUS" },
      flow: "import",
      classification: "MTI",
      product: "나프타 naphtha",
      valueUsd: 2_537_000_000,
      publisher: "KOTRA Moscow (data: KITA)",
      published: "2022-03-02",
    });
    expect(r.share).toBeUndefined();
  });

  it("2021 naphtha share of imports from Russia: 25.3 % → 0.253", async () => {
    const p = await productsAdapter.parse(FILE);
    const shares = p.products.filter((x) => x.year === 2021 && x.code === "133400" && x.share !== undefined);
    expect(shares).toHaveLength(1);
    expect(shares[0]!.share).toBe(0.253);
    expect(shares[0]!.valueUsd).toBeUndefined();
  });

  it("keeps classifications and the world partner as published", async () => {
    const p = await productsAdapter.parse(FILE);
    expect(new Set(p.products.map((x) => x.classification))).toEqual(new Set(["MTI", "HS4", "TNVED group"]));
    const fcs = p.products.find((x) => x.period === "2019-01..09" && x.code === "27")!;
    expect(fcs).toMatchObject({ year: 2019, reporter: { code: "RUS" }, partner: { code: "WLD" }, share: 0.634 });
    // the Jan–Sep 2019 total: 311,400 USD million
    expect(p.products.find((x) => x.period === "2019-01..09" && x.code === "TOTAL")!.valueUsd).toBe(311_400_000_000);
    // balances are negative
    expect(p.products.find((x) => x.year === 2020 && x.flow === "balance")!.valueUsd).toBe(-3_731_000_000);
    // 10 rows of 2018 name products without a code
    expect(p.products.filter((x) => x.code === "")).toHaveLength(10);
    expect(p.notes.join()).toMatch(/10 product rows have no product code/);
  });

  it("rejects bad rows with line and field", async () => {
    const header = "period,reporter,partner,flow,classification,code,product,value_usd_m,share_pct,publisher,source_url,published,note";
    const rows = [
      "2021,KOR,RUS,import,MTI,1,a,10,,P,,,", // 2 kept
      "2021,KOR,RUS,imports,MTI,2,b,10,,P,,,", // 3 unknown flow
      "2021,KOR,RUS,import,MTI,3,c,,,P,,,", // 4 no figure
      "2021,KOR,RUS,import,MTI,4,d,ten,,P,,,", // 5 text in value
      "2021,KOR,RUS,import,MTI,5,e,,120,P,,,", // 6 share over 100 %
      "2021,Korea,RUS,import,MTI,6,f,1,,P,,,", // 7 not ISO3
      "2021,KOR,RUS,import,MTI,1,a,10,,P,,,", // 8 duplicate of 2
    ];
    const dir = await mkdtemp(join(tmpdir(), "tradeties-products-"));
    const path = join(dir, "p.csv");
    await writeFile(path, [header, ...rows].join("\n") + "\n");
    const p = await productsAdapter.parse(path);
    expect(p.products.map((x) => x.line)).toEqual([2]);
    expect(p.rejected.map((r) => [r.line, r.field])).toEqual([
      [3, "flow"],
      [4, "value_usd_m"],
      [5, "value_usd_m"],
      [6, "share_pct"],
      [7, "reporter"],
      [8, undefined],
    ]);
    expect(p.rowsRead).toBe(7);
  });
});
