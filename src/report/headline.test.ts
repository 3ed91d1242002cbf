import { describe, expect, it } from "vitest";
import { joinedRises } from "./headline.js";

describe("joinedRises", () => {
  it("names a market once for every rival rising in it, keeping the other risks and the order", () => {
    expect(joinedRises(["China's rise in the United States' imports", "sharp falls", "Mexico's rise in the United States' imports"])).toEqual(["the rise of China and Mexico in the United States' imports", "sharp falls"]);
    expect(joinedRises(["China's rise in Japan's imports", "Germany's rise in Japan's imports", "Korea's rise in Japan's imports"])).toEqual(["the rise of China, Germany and Korea in Japan's imports"]);
  });
  it("leaves a single rise, and rises in different markets, as they were", () => {
    const names = ["China's rise in Japan's imports", "China's rise in Korea's imports", "the tie to the Brent oil price"];
    expect(joinedRises(names)).toEqual(names);
  });
});
