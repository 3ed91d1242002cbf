import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { DataFolderError, dataFile, dataRoot, repoRoot } from "./dataFolder.js";

describe("the data folder", () => {
  it("defaults to ../shared/data beside the repository, where every machine here has the IMF DOTS world set", () => {
    expect(dataRoot({})).toBe(resolve(repoRoot(), "..", "shared", "data"));
    expect(existsSync(join(dataRoot({}), "trade", "imf-dots-world", "DOTS_106.xlsx"))).toBe(true);
  });

  it("takes TRADETIES_DATA from the environment, relative to the working directory", () => {
    expect(dataRoot({ TRADETIES_DATA: "some/where" })).toBe(resolve(process.cwd(), "some/where"));
  });

  it("names the folder, the file and the fix when a file is missing", () => {
    let error: unknown;
    try {
      dataFile("trade/imf-dots-world/DOTS_999.xlsx", {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataFolderError);
    expect((error as Error).message).toMatch(/has no trade\/imf-dots-world\/DOTS_999\.xlsx; download it as the README's "Data" section says/);
  });

  it("says the folder itself does not exist when TRADETIES_DATA points nowhere", () => {
    expect(() => dataFile("oil/brent-year.csv", { TRADETIES_DATA: "/nonexistent/tradeties-data" })).toThrow(/does not exist \(TRADETIES_DATA=\/nonexistent\/tradeties-data\)/);
  });
});
