import { describe, expect, it } from "vitest";
import { UsageError } from "../errors.js";
import { compositionByGroup, hsChapter } from "./composition.js";

describe("compositionByGroup", () => {
  it("groups HS6 codes by chapter with an unclassified bucket", () => {
    const rows = [
      { code: "270900", value: 60 },
      { code: "870323", value: 15 },
      { code: "271111", value: 20 },
      { code: "TOTAL", value: 5 },
    ];
    // Total 100: chapter 27 = 60 + 20 = 80 → 0.8; chapter 87 = 15 → 0.15; "TOTAL" unclassified 5 → 0.05.
    expect(compositionByGroup(rows, hsChapter)).toEqual({
      groups: [
        { group: "27", value: 80, share: 0.8, codes: 2 },
        { group: "87", value: 15, share: 0.15, codes: 1 },
      ],
      unclassified: { value: 5, share: 0.05, codes: 1 },
      total: 100,
    });
  });
  it("is undefined without value and rejects negatives", () => {
    expect(compositionByGroup([], hsChapter)).toBeUndefined();
    expect(() => compositionByGroup([{ code: "270900", value: -1 }], hsChapter)).toThrow(UsageError);
  });
  it("reads the chapter from six digits only", () => {
    expect(hsChapter("010600")).toBe("01");
    expect(hsChapter("2709")).toBeUndefined();
    expect(hsChapter("TOTAL")).toBeUndefined();
  });
});
