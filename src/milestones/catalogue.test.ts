// Expected dates are the publishers' (WTO RTA-IS records, the WTO members list, europa.eu, COW),
// checked by hand against the files in the data folder and their PROVENANCE.md spot checks.
import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { dataFile } from "../dataFolder.js";
import { CountryRegistry } from "../reference/countries.js";
import { MilestoneCatalogue, type PairMilestone } from "./catalogue.js";
import { MilestoneCodes } from "./codes.js";

const catalogue = MilestoneCatalogue.load();
const of = (a: string, b: string): PairMilestone[] => catalogue.forPair(a, b);
const find = (ms: PairMilestone[], id: string): PairMilestone | undefined => ms.find((m) => m.id === id);

describe("agreements in force between two countries", () => {
  it("USA–MEX: NAFTA 1994-01-01 until 2020-07-01, then USMCA from 2020-07-01", () => {
    const ms = of("USA", "MEX");
    expect(find(ms, "wto-rta:122")).toMatchObject({ category: "agreement", date: "1994-01-01", until: "2020-07-01", shortLabel: "NAFTA" });
    expect(find(ms, "wto-rta:1087")).toMatchObject({ category: "agreement", date: "2020-07-01", shortLabel: "USMCA" });
    expect(find(ms, "wto-rta:1087")!.until).toBeUndefined();
    expect(find(ms, "wto-rta:122")!.provenance[0]).toMatchObject({ file: "milestones/wto-rta/AllRTAs_2026-04.AllRTAs.csv", record: "RTA ID 122" });
  });

  it("BRA–ARG: MERCOSUR from 1991-11-29, the Treaty of Asunción's entry into force (the data has no 1995 customs-union date)", () => {
    const ms = of("BRA", "ARG");
    expect(find(ms, "wto-rta:130")).toMatchObject({ date: "1991-11-29", customsUnion: true });
    expect(ms.filter((m) => m.category === "agreement" && /MERCOSUR/.test(m.label) && m.year === 1995)).toEqual([]);
    // DESTA adds the bilateral Argentina–Brazil agreements the WTO was never notified of (1987, 1990: year precision).
    expect(ms.filter((m) => m.id.startsWith("desta:") && /^Argentina–Brazil agreement in force/.test(m.label)).map((m) => m.date)).toEqual(["1987", "1990"]);
    expect(find(ms, "wto-rta:146")).toMatchObject({ date: "1989-04-19", shortLabel: "GSTP" });
  });

  it("KOR–CHL: the Korea–Chile FTA from 2004-04-01 (WTO day precision wins over DESTA's 2004)", () => {
    const ms = of("KOR", "CHL");
    expect(find(ms, "wto-rta:53")).toMatchObject({ date: "2004-04-01" });
    expect(find(ms, "desta:208")).toBeUndefined();
  });

  it("POL–DEU: Poland's EU accession on 2004-05-01 is one milestone that carries the EU Treaty's record", () => {
    const ms = of("POL", "DEU");
    const accession = ms.find((m) => m.date === "2004-05-01");
    expect(accession).toMatchObject({ category: "accession", id: "eu-accession:POL" });
    expect(accession!.provenance.map((p) => p.record)).toContain("RTA ID 120");
    expect(ms.filter((m) => m.date === "2004-05-01")).toHaveLength(1);
    // Before accession: the Europe Agreement 1994-02-01 to 2004-05-01.
    expect(find(ms, "wto-rta:264")).toMatchObject({ date: "1994-02-01", until: "2004-05-01" });
  });

  it("a bloc's external agreements do not bind two of its members: DEU–FRA gets the EU Treaty of 1958, not Lomé or EU–Korea", () => {
    const ms = of("DEU", "FRA").filter((m) => m.category === "agreement");
    expect(find(ms, "wto-rta:120")).toMatchObject({ date: "1958-01-01" });
    expect(ms.some((m) => /Lomé|Korea|Yaoundé/.test(m.label))).toBe(false);
  });

  it("the Community's one-way conventions with ACP states bind a member to an ACP state, never two ACP states: Lomé and Yaoundé for France–Senegal, not for Kenya–Uganda", () => {
    const conventions = (a: string, b: string) => of(a, b).filter((m) => m.category === "agreement" && /Lomé|Yaoundé/.test(m.label));
    expect(conventions("KEN", "UGA")).toEqual([]);
    expect(conventions("SEN", "CIV")).toEqual([]);
    const fraSen = conventions("FRA", "SEN").map((m) => m.label);
    expect(fraSen.some((l) => /^First Convention of Lomé/.test(l))).toBe(true);
    expect(fraSen.some((l) => /^Yaoundé I\b/.test(l))).toBe(true);
  });

  it("a member's spell is cut to its membership: EU–Korea binds Croatia from 2013-07-01 and the UK until 2020-12-31", () => {
    expect(of("HRV", "KOR").find((m) => m.provenance.some((p) => p.record === "RTA ID 167"))!.date).toBe("2013-07-01");
    const gbr = of("GBR", "KOR");
    expect(find(gbr, "wto-rta:167")).toMatchObject({ date: "2011-07-01", until: "2020-12-31" });
  });

  it("a bloc's agreement with one country binds a member to it, not two non-members: EC–Czechoslovakia is not a Czechia–Slovakia agreement", () => {
    const ms = of("CZE", "SVK").filter((m) => m.category === "agreement");
    expect(ms.some((m) => /^EC - Czech/.test(m.label))).toBe(false);
    expect(find(ms, "wto-rta:229")).toMatchObject({ date: "1993-01-01", until: "2004-05-01" });
  });

  it("the GDR's sanctions are not Germany's milestones (Germany's series continue West Germany's); unification is", () => {
    const ms = of("DEU", "FRA");
    expect(ms.filter((m) => m.entity === "DDR")).toEqual([]);
    expect(ms.filter((m) => m.category === "state-change").map((m) => m.date)).toEqual(["1990-10-03"]);
  });

  it("KOR–RUS: no agreement in the WTO RTA database or DESTA", () => {
    expect(of("KOR", "RUS").filter((m) => m.category === "agreement")).toEqual([]);
  });
});

describe("accessions, state changes, crises and sanctions", () => {
  it("CHN–USA: China's WTO accession 2001-12-11; the United States' founding memberships are flagged", () => {
    const ms = of("CHN", "USA");
    expect(find(ms, "wto-accession:CHN")).toMatchObject({ date: "2001-12-11", label: "China joins the WTO" });
    expect(find(ms, "wto-accession:USA")).toMatchObject({ date: "1995-01-01", founding: true });
    expect(find(ms, "gatt-accession:USA")).toMatchObject({ founding: true });
  });

  it("RUS–UKR: the USSR's dissolution on 1991-12-26, Russia's 2014 trade sanctions on Ukraine (GSDB case 1020), WTO accessions 2008 and 2012", () => {
    const ms = of("RUS", "UKR");
    const dissolution = ms.filter((m) => m.category === "state-change");
    expect(dissolution.map((m) => [m.date, m.label])).toEqual([["1991-12-26", "Dissolution of the USSR"]]);
    expect(ms.find((m) => m.provenance.some((p) => p.record === "case_id 1020"))).toMatchObject({ category: "sanctions", year: 2014, entity: "UKR" });
    expect(find(ms, "wto-accession:UKR")!.date).toBe("2008-05-16");
    expect(find(ms, "wto-accession:RUS")!.date).toBe("2012-08-22");
  });

  it("German unification on 1990-10-03 for a German pair; West Germany's GATT accession 1951-10-01 under its own name", () => {
    const ms = of("DEU", "POL");
    expect(ms.find((m) => m.category === "state-change")).toMatchObject({ date: "1990-10-03" });
    expect(find(ms, "gatt-accession:FRG")).toMatchObject({ date: "1951-10-01", label: "West Germany accedes to the GATT" });
  });

  it("Laeven–Valencia: Korea's 1997 banking and 1998 currency crises are one episode from 1997-08", () => {
    const crisis = of("KOR", "JPN").find((m) => m.category === "crisis" && m.entity === "KOR" && m.year === 1997);
    expect(crisis).toMatchObject({ date: "1997-08", label: "South Korea: banking and currency crises (1997–1998)" });
    expect(crisis!.provenance).toHaveLength(2);
  });

  it("US sanctions on the USSR after Afghanistan (TIES 1980-01-04) belong to USA–RUS, named for the USSR", () => {
    const m = of("USA", "RUS").find((x) => x.provenance.some((p) => p.record === "caseid 1980010401"));
    expect(m).toMatchObject({ date: "1980-01-04", entity: "SUN" });
    expect(m!.label).toMatch(/^Sanctions by the United States on the USSR/);
  });
});

describe("reference data cross-checks", () => {
  it("EU accession dates from europa.eu (eustates.csv) equal the WTO EU Treaty record's entry dates", () => {
    const eu = Papa.parse<Record<string, string>>(readFileSync(dataFile("milestones/eu-membership/eustates.csv"), "utf8"), { header: true, skipEmptyLines: true }).data;
    const registry = CountryRegistry.load();
    const spells = catalogue.blocMembers.get("European Union")!;
    expect(eu).toHaveLength(28);
    for (const r of eu) {
      const entity = registry.find(r.iso2c!, 1)[0]!.entity;
      expect(spells.find((s) => s.entity === entity)?.from, `${r.country}`).toBe(r.date);
    }
    expect(spells.find((s) => s.entity === "GBR")!.to).toBe("2020-12-31");
  });

  it("COW numbers map to the entity the countrycode panel gives (ISO3 per year) for every state spell since 1945", () => {
    const panel = Papa.parse<Record<string, string>>(readFileSync(dataFile("milestones/countrycode-panel/codelist_panel_subset.csv"), "utf8"), { header: true, skipEmptyLines: true }).data;
    const iso = new Map(panel.filter((r) => r.cown && r.iso3c).map((r) => [`${r.cown}|${r.year}`, r.iso3c!]));
    const states = Papa.parse<Record<string, string>>(readFileSync(dataFile("milestones/states-cow-gw/cowstates.csv"), "utf8"), { header: true, skipEmptyLines: true }).data;
    const codes = new MilestoneCodes(CountryRegistry.load(), readFileSync(new URL("../../data/reference/milestone-codes.csv", import.meta.url), "utf8"), states);
    let compared = 0;
    const differ: string[] = [];
    for (const s of states) {
      const year = Math.min(Number(s.end!.slice(0, 4)), 2016);
      if (year < 1945) continue;
      const expected = iso.get(`${s.cowcode}|${year}`);
      if (!expected) continue;
      compared++;
      const got = codes.byCow("test", s.cowcode!, year);
      if (got !== expected) differ.push(`${s.cowcode} ${s.country_name} ${year}: panel ${expected}, ours ${got}`);
    }
    expect(compared).toBeGreaterThan(180);
    expect(differ).toEqual([]);
  });

  it("counts every code it cannot map, by dataset: only non-state senders and targets are left", () => {
    const left = catalogue.stats.unmapped.map((u) => `${u.dataset.split(" ")[0]}:${u.code}`);
    expect(left.sort()).toEqual(
      [
        "Global:Balkans", "Global:Commonwealth", "Global:Kimberly Process Participants", "Global:MERCOSUR", "Global:OIC", "Global:Pacific Islands Forum",
        "Global:Terrorist Organizations (Al-Qaeda)", "Global:Terrorist Organizations (ISIL and ANF)", "Global:Terrorist Organizations (Taliban)", "Global:UNASUR", "Global:Western Balkans",
        "TIES:COW 1000",
      ].sort(),
    );
  });
});
