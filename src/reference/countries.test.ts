import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { NotFoundError } from "../errors.js";
import { CountryRegistry, parseBaciCountryCodes } from "./countries.js";
import { dataFile } from "../dataFolder.js";

const sample = (p: string): string => dataFile(p);
const csvRows = (p: string, encoding: BufferEncoding = "utf8"): Record<string, string>[] =>
  Papa.parse<Record<string, string>>(readFileSync(sample(p)).toString(encoding).replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true }).data;

const reg = CountryRegistry.load();
const entityOf = (scheme: Parameters<CountryRegistry["resolve"]>[0]["scheme"], code: string, year?: number) => reg.resolve({ scheme, code }, year)?.entity;

describe("CountryRegistry loading", () => {
  it("is a cached singleton and the curated files point only at known entities", () => {
    expect(CountryRegistry.load()).toBe(reg);
    expect(reg.warnings).toEqual([]);
  });
  it("gives one entity per code in every scheme (safe to join on)", () => {
    for (const scheme of ["baci", "comtrade", "iso-numeric", "imf-dots-name", "kto-korean-name"] as const) {
      const codes = reg.codesFor(scheme).map((c) => c.code);
      expect(new Set(codes).size, scheme).toBe(codes.length);
    }
  });
});

describe("Korea, Russia and the USSR through every scheme", () => {
  // Codes from ISO 3166 / UN M49 and from the source files themselves (country-codes.csv, Reporters.json, BACI list).
  it.each([
    ["iso3", "KOR", "KOR"],
    ["iso3", "RUS", "RUS"],
    ["iso3", "SUN", "SUN"],
    ["iso-numeric", "410", "KOR"],
    ["iso-numeric", "643", "RUS"],
    ["iso-numeric", "810", "SUN"],
    ["baci", "410", "KOR"],
    ["baci", "643", "RUS"],
    ["baci", "810", "SUN"],
    ["comtrade", "410", "KOR"],
    ["comtrade", "643", "RUS"],
    ["comtrade", "810", "SUN"],
    ["imf-dots-name", "Korea, Rep. of", "KOR"],
    ["imf-dots-name", "Russian Federation", "RUS"],
    ["imf-dots-name", "USSR", "SUN"],
    ["imf-dots-name", "China, P.R.: Mainland", "CHN"],
    ["imf-dots-name", "Korea, Dem. People's Rep. of", "PRK"],
    ["imf-dots-name", "China, P.R.: Hong Kong", "HKG"],
    ["imf-dots-name", "Taiwan Province of China", "TWN"],
    ["kto-korean-name", "러시아", "RUS"],
    ["kto-korean-name", "중국", "CHN"],
    ["kto-korean-name", "일본", "JPN"],
    ["kto-korean-name", "미국", "USA"],
    ["kto-korean-name", "대만", "TWN"],
    ["kto-korean-name", "홍콩", "HKG"],
    ["name", "Republic of Korea", "KOR"],
    ["name", "South Korea", "KOR"],
    ["name", "russian federation", "RUS"],
    ["name", "Soviet Union", "SUN"],
  ] as const)("%s %s → %s", (scheme, code, entity) => {
    expect(entityOf(scheme, code)).toBe(entity);
  });

  it("accepts ISO numerics with leading zeros", () => {
    expect(entityOf("iso-numeric", "004")).toBe("AFG");
    expect(entityOf("iso-numeric", "4")).toBe("AFG");
    expect(entityOf("baci", "008")).toBe("ALB");
  });

  it("keeps 810 the USSR (to 1991, successor RUS) whatever the year of the row", () => {
    expect(entityOf("iso-numeric", "810", 1995)).toBe("SUN");
    const sun = reg.get("SUN")!;
    expect(sun.kind).toBe("historical");
    expect(sun.validTo).toBe(1991);
    expect(sun.successors).toContain("RUS");
    expect(sun.successors).toHaveLength(15); // the 15 Soviet republics
    expect(reg.get("RUS")!.validFrom).toBe(1992);
    expect(reg.predecessors("RUS").map((e) => e.entity)).toContain("SUN");
  });

  it("follows predecessors transitively", () => {
    expect(reg.predecessors("SRB").map((e) => e.entity)).toEqual(["SCG", "YUG"]);
    expect(reg.predecessors("CZE").map((e) => e.entity)).toEqual(["CSK"]);
    expect(reg.predecessors("DEU").map((e) => e.entity).sort()).toEqual(["DDR", "FRG"]);
    expect(reg.predecessors("KOR")).toEqual([]);
  });

  it("names the state a figure or event describes in its year: Germany continues West Germany, the GDR was another country", () => {
    expect(reg.get("DEU")!.continues).toBe("FRG");
    expect(reg.seriesPredecessors("DEU").map((e) => e.entity)).toEqual(["FRG"]);
    expect(reg.seriesPredecessors("RUS").map((e) => e.entity)).toEqual(["SUN"]);
    // Only the state a predecessor's series continues (its first-listed successor) inherits it.
    for (const republic of ["TJK", "KGZ", "LVA", "BLR", "UKR"]) expect(reg.seriesPredecessors(republic)).toEqual([]);
    expect(reg.seriesPredecessors("SRB").map((e) => e.entity)).toEqual(["SCG", "YUG"]);
    for (const republic of ["HRV", "SVN", "BIH", "MNE"]) expect(reg.seriesPredecessors(republic)).toEqual([]);
    expect(reg.seriesPredecessors("CZE").map((e) => e.entity)).toEqual(["CSK"]);
    expect(reg.seriesPredecessors("SVK")).toEqual([]);
    expect([1985, 1990, 1991].map((y) => reg.entityIn("DEU", y))).toEqual(["FRG", "FRG", "DEU"]);
    expect([1991, 1992].map((y) => reg.entityIn("RUS", y))).toEqual(["SUN", "RUS"]);
    expect([1992, 1993].map((y) => reg.entityIn("CZE", y))).toEqual(["CSK", "CZE"]);
    // Two states before 1975 (North and South Vietnam): the data cannot say which, so the name stays.
    expect(reg.entityIn("VNM", 1970)).toBe("VNM");
    expect(reg.continuesFrom("DEU", "FRG")).toBe(true);
    expect(reg.continuesFrom("RUS", "SUN")).toBe(false);
    expect(reg.continuesFrom("DEU", "DDR")).toBe(false);
  });
});

describe("BACI and Comtrade codes", () => {
  it.each([
    ["842", "USA"],
    ["251", "FRA"],
    ["579", "NOR"],
    ["699", "IND"],
    ["757", "CHE"],
    ["280", "FRG"],
    ["278", "DDR"],
    ["200", "CSK"],
    ["891", "SCG"],
  ])("baci %s → %s", (code, entity) => {
    expect(entityOf("baci", code)).toBe(entity);
  });

  it("490 (Other Asia, nes) is S19, kind other", () => {
    expect(reg.resolve({ scheme: "baci", code: "490" })).toMatchObject({ entity: "S19", kind: "other" });
    expect(reg.resolve({ scheme: "comtrade", code: "490" })).toMatchObject({ entity: "S19", kind: "other" });
  });

  it("Comtrade 0 is the World, an aggregate", () => {
    expect(reg.resolve({ scheme: "comtrade", code: "0" })).toMatchObject({ entity: "WLD", kind: "aggregate" });
  });

  it.each([
    ["country_codes_V202201.csv", "latin1"],
    ["country_codes_V202001.csv", "latin1"],
    ["country_codes.csv", "utf8"], // the mojibake re-save
  ] as const)("every code in baci/%s resolves under baci, to its ISO alpha-3 where the file gives a real one", (file, enc) => {
    const rows = csvRows(`baci/${file}`, enc);
    expect(rows.length).toBeGreaterThan(200);
    for (const r of rows) {
      const e = entityOf("baci", r.country_code!);
      expect(e, `${file} code ${r.country_code} ${r.country_name_abbreviation}`).toBeDefined();
      const iso3 = r.iso_3digit_alpha!;
      // The file's own alpha-3 agrees except where we keep a former entity apart, or the file is wrong (V202001: Antigua "ATA").
      const apart: Record<string, string> = { "58": "BLX", "280": "FRG", "711": "ZA1", "490": "S19", "697": "AGG:europe-efta-nes", "849": "UMI", "28": "ATG" };
      expect(e, `${file} code ${r.country_code}`).toBe(apart[r.country_code!] ?? iso3);
    }
  });

  it("reads the newer 4-column BACI layout too", () => {
    // Layout of country_codes_V2024xx.csv (no real copy in the data folder; rows typed from the BACI V202401 list).
    const rows = parseBaciCountryCodes('country_code,country_name,country_iso2,country_iso3\n4,Afghanistan,AF,AFG\n842,USA,US,USA\n490,"Other Asia, nes",N/A,N/A\n');
    expect(rows).toEqual([
      { code: "4", name: "Afghanistan", iso2: "AF", iso3: "AFG" },
      { code: "842", name: "USA", iso2: "US", iso3: "USA" },
      { code: "490", name: "Other Asia, nes", iso2: undefined, iso3: undefined },
    ]);
    for (const r of rows) expect(entityOf("baci", r.code)).toBeDefined();
  });

  it("reads the Latin-1 BACI list with its accents intact", () => {
    const rows = parseBaciCountryCodes(readFileSync(sample("baci/country_codes_V202201.csv")).toString("latin1"));
    expect(rows.find((r) => r.code === "384")?.name).toBe("Côte d'Ivoire");
    expect(rows).toHaveLength(238);
  });

  it("every reporter in Comtrade's Reporters.json resolves, to its alpha-3 unless kept apart", () => {
    const reporters = JSON.parse(readFileSync(sample("country-codes/Reporters.json"), "utf8")).results as Array<{ reporterCode: number; reporterCodeIsoAlpha3: string; text: string }>;
    expect(reporters).toHaveLength(255);
    for (const r of reporters) expect(entityOf("comtrade", String(r.reporterCode)), `${r.reporterCode} ${r.text}`).toBeDefined();
    expect(entityOf("comtrade", "276")).toBe("DEU");
    expect(entityOf("comtrade", "58")).toBe("BLX");
    expect(entityOf("comtrade", "842")).toBe("USA");
  });

  it("every exporter and importer code in the BACI sample resolves", () => {
    const text = readFileSync(sample("baci/ExampleTradeData.csv"), "utf8");
    const codes = new Set<string>();
    for (const line of text.split("\n").slice(1)) {
      const [, i, j] = line.split(",");
      if (i) codes.add(i);
      if (j) codes.add(j);
    }
    expect(codes.size).toBeGreaterThan(200);
    for (const c of codes) expect(entityOf("baci", c), `BACI code ${c}`).toBeDefined();
  });

  it("codesFor('baci') maps 842 to USA and 810 to SUN", () => {
    const codes = reg.codesFor("baci");
    expect(codes.find((c) => c.code === "842")?.entity).toBe("USA");
    expect(codes.find((c) => c.code === "810")).toMatchObject({ entity: "SUN", kind: "historical", validTo: 1991 });
  });
});

describe("IMF DOTS labels", () => {
  it("World is WLD and Advanced Economies an aggregate", () => {
    expect(reg.resolve({ scheme: "imf-dots-name", code: "World" })).toMatchObject({ entity: "WLD", kind: "aggregate" });
    expect(reg.resolve({ scheme: "imf-dots-name", code: "Advanced Economies" })).toMatchObject({ entity: "AGG:advanced-economies", kind: "aggregate" });
    expect(reg.resolve({ scheme: "imf-dots-name", code: "Countries & Areas not specified" })).toMatchObject({ entity: "AGG:not-specified", kind: "other" });
  });

  it("Germany is reunified Germany as DOTS means it, Eastern Germany the GDR", () => {
    expect(entityOf("imf-dots-name", "Germany", 1985)).toBe("DEU");
    expect(entityOf("imf-dots-name", "Eastern Germany", 1985)).toBe("DDR");
  });

  it("every reporter and partner label of the long DOTS file resolves", () => {
    const rows = csvRows("trade/imf-dots/dots_kor_rus_ussr_by_partner_long.csv");
    expect(rows).toHaveLength(30930);
    const labels = new Set(rows.flatMap((r) => [r.partner!, r.reporter!]));
    expect(labels.size).toBeGreaterThan(200);
    for (const l of labels) expect(entityOf("imf-dots-name", l), l).toBeDefined();
    // Memorandum Items rows are aggregates, never countries.
    const memo = new Set(rows.filter((x) => x.memo_group === "memo").map((x) => x.partner!));
    expect(memo.size).toBeGreaterThan(0);
    for (const p of memo) expect(reg.resolve({ scheme: "imf-dots-name", code: p })?.kind, p).toBe("aggregate");
  });
});

describe("KTO nationality labels", () => {
  it("all 60 nationality labels of kto_total.xlsx resolve and none is a subtotal", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(sample("tourism/kto/kto_total.xlsx"));
    const labels = new Set<string>();
    wb.worksheets[0]!.eachRow((row, n) => {
      if (n > 1) labels.add(String(row.getCell(1).value));
    });
    expect(labels.size).toBe(60);
    for (const l of labels) {
      const r = reg.resolve({ scheme: "kto-korean-name", code: l });
      expect(r, l).toBeDefined();
      expect(["country", "aggregate", "other"], l).toContain(r!.kind);
    }
    expect(reg.resolve({ scheme: "kto-korean-name", code: "교포" })).toMatchObject({ entity: "AGG:overseas-koreans", kind: "other" });
  });

  it("continent subtotals and footer lines of the monthly tables are marked so adapters skip them", () => {
    for (const l of ["아시아주", "미주", "구주", "대양주", "아프리카주", "기타대륙", "교포소계"]) expect(reg.resolve({ scheme: "kto-korean-name", code: l })?.kind, l).toBe("subtotal");
    for (const l of ["계", "전년동기", "성장률(%)", "구성비(%)"]) expect(reg.resolve({ scheme: "kto-korean-name", code: l })?.kind, l).toBe("footer");
  });
});

describe("find and lookup", () => {
  it("find('korea') returns both Koreas first", () => {
    const found = reg.find("korea").map((e) => e.entity);
    expect(found.slice(0, 2).sort()).toEqual(["KOR", "PRK"]);
  });

  it("find matches codes exactly first", () => {
    expect(reg.find("RU")[0]?.entity).toBe("RUS");
    expect(reg.find("810")[0]?.entity).toBe("SUN");
    expect(reg.find("842")[0]?.entity).toBe("USA");
  });

  it("lookup accepts codes and unambiguous names", () => {
    expect(reg.lookup("kor").entity).toBe("KOR");
    expect(reg.lookup("Russia").entity).toBe("RUS");
    expect(reg.lookup("643").entity).toBe("RUS");
    expect(reg.lookup("USSR").entity).toBe("SUN");
  });

  it("lookup('Rusia') throws NotFoundError suggesting RUS", () => {
    expect(() => reg.lookup("Rusia")).toThrow(NotFoundError);
    expect(() => reg.lookup("Rusia")).toThrow(/unknown country "Rusia"; did you mean: RUS Russian Federation/);
  });

  it("lookup of an ambiguous name lists the candidates", () => {
    expect(() => reg.lookup("Korea")).toThrow(NotFoundError);
    expect(() => reg.lookup("Korea")).toThrow(/PRK .*KOR |KOR .*PRK /);
  });
});
