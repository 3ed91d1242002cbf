import { describe, expect, it } from "vitest";
import { agreementLabel, agreementTypesIn, destaLabel, episodeSpan, sanctionsSender, WTO_AGREEMENT_TYPES } from "./labels.js";

describe("milestone labels read as prose", () => {
  it("names a DESTA treaty called by its two countries as their agreement, with the signature after 'in force'", () => {
    expect(destaLabel("Argentina Brazil", ["Brazil", "Argentina"], 1986, 1987)).toBe("Argentina–Brazil agreement in force (signed 1986)");
    expect(destaLabel("Arab Trade Convention / Treaty on Transit Trade", ["Egypt", "Saudi Arabia"], 1953, 1953)).toBe("Arab Trade Convention / Treaty on Transit Trade in force");
  });
  it("puts an agreement's type inside its acronym's parentheses, and tidies spaces", () => {
    expect(agreementLabel("Global System of Trade Preferences among Developing Countries (GSTP)", "PSA", undefined, undefined)).toBe("Global System of Trade Preferences among Developing Countries (GSTP; PSA) in force");
    expect(agreementLabel("Arusha  Agreement", "FTA", undefined, "1975-12-31")).toBe("Arusha Agreement (FTA) in force, until 1975-12-31");
    expect(agreementLabel("ASEAN - Japan", "FTA & EIA", "Vietnam", undefined)).toBe("ASEAN - Japan (FTA & EIA) in force for Vietnam");
  });
  it("names a bloc's member as included, and a one-year episode by its year", () => {
    expect(sanctionsSender("the EU", "Germany", false)).toBe("the EU (including Germany)");
    expect(sanctionsSender("the EU and others", "Italy", false)).toBe("the EU (including Italy) and others");
    expect(sanctionsSender("the EU and others", "Ukraine", true)).toBe("Ukraine (with the EU and others)");
    expect(episodeSpan("2018", "2018")).toBe("(2018)");
    expect(episodeSpan("1978-09-24", "1984-09")).toBe("(from 1978-09-24 to 1984-09)");
    expect(episodeSpan("2019", undefined)).toBe("(from 2019, no end in the data)");
  });

  it("reads back the WTO types an agreement label names, and none from a label without one", () => {
    // Every type combination the WTO RTA export uses, through the label builder and back.
    for (const [type, codes] of [["FTA", ["FTA"]], ["CU", ["CU"]], ["PSA", ["PSA"]], ["EIA", ["EIA"]], ["FTA & EIA", ["FTA", "EIA"]], ["CU & EIA", ["CU", "EIA"]], ["PSA & EIA", ["PSA", "EIA"]]] as const) {
      expect(agreementTypesIn(agreementLabel("ASEAN - Japan", type, "Vietnam", "2020"))).toEqual(codes);
      expect(agreementTypesIn(agreementLabel("Pan-Arab Free Trade Area (PAFTA)", type, undefined, undefined))).toEqual(codes);
    }
    expect(agreementTypesIn(agreementLabel("EU (CU) enlargement", undefined, undefined, undefined))).toEqual([]);
    expect(agreementTypesIn(destaLabel("Argentina Brazil", ["Argentina", "Brazil"], 1986, 1990))).toEqual([]);
    expect(Object.keys(WTO_AGREEMENT_TYPES)).toEqual(["FTA", "CU", "PSA", "EIA"]);
  });
});
