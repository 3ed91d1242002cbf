import { describe, expect, it } from "vitest";
import { describeYears } from "./yearRuns.js";

describe("describeYears", () => {
  it("writes a hole as two runs", () => expect(describeYears([1976, 1977, 1978, 1979, 1980, 1981, 1991, 1992, 1993])).toBe("1976–1981, 1991–1993"));
  it("writes a lone year on its own, and ignores order and repeats", () => expect(describeYears([1995, 1990, 1991, 1992, 1990])).toBe("1990–1992, 1995"));
  it("is empty for no years", () => expect(describeYears([])).toBe(""));
});
