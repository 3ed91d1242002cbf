import { describe, expect, it } from "vitest";
import { changeInWords } from "./position.js";

describe("changeInWords", () => {
  it("says a change under twofold in per cent, never 'grew 1 times' (Russia–Germany 1992–2000: $12.6 bn → $13.13 bn)", () => {
    expect(changeInWords(13.13 / 12.6)).toBe("was about flat (+4.2 %)");
    expect(changeInWords(2.61 / 3)).toBe("fell 13 %");
    expect(changeInWords(1.5)).toBe("grew 50 %");
    expect(changeInWords(3.6)).toBe("grew 3.6 times");
  });
});
