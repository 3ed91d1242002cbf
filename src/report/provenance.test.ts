import { describe, expect, it } from "vitest";
import { describeEdition, editionLabel, plainSource } from "./provenance.js";

const dots = { dataset: "imf-dots", vintage: "v1", file: "DOTS_106.xlsx", source_id: "9aabba7a061c", side: "reporter" };

describe("provenance in a reader's words", () => {
  it("names the publisher and whose declaration a figure is, not the file or tradeties' vintage number", () => {
    expect(plainSource({ ...dots, scope: "Korea, Rep. of as reporter" }).text).toBe("IMF Direction of Trade Statistics, Korea, Rep. of as reporter");
    expect(plainSource({ ...dots, side: "mirror", scope: "Russian Federation as reporter" }).text).toBe(
      "IMF Direction of Trade Statistics, Russian Federation as reporter (the partner's declaration, read as a mirror figure)",
    );
    expect(plainSource(dots).text).toBe("IMF Direction of Trade Statistics, the reporting country's own declaration");
  });

  it("gives an edition only when the file states one (BACI's V202301), never tradeties' own v1, v2", () => {
    expect(editionLabel("v1")).toBeUndefined();
    expect(editionLabel("V202301")).toBe("V202301");
    expect(plainSource({ ...dots, dataset: "cepii-baci", vintage: "V202301", side: "reconciled" }).text).toBe("CEPII BACI, reconciled by CEPII from both countries' declarations, edition V202301");
  });

  it("summarises a dataset's editions, reporters and load dates for the title page", () => {
    const line = describeEdition({ dataset: "imf-dots", name: "IMF Direction of Trade Statistics", editions: [], loadedFrom: "2026-11-30", loadedTo: "2026-12-01", files: 3, scopes: ["Korea, Rep. of as reporter"] });
    expect(line).toBe("IMF Direction of Trade Statistics (Korea, Rep. of as reporter; edition not stated in the files; 3 files loaded 2026-11-30 to 2026-12-01)");
  });
});
