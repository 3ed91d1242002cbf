import { describe, expect, it } from "vitest";
import { nameInProse, polishProse, possessive } from "./language.js";

describe("country names in prose", () => {
  it("gives plural-form names a bare apostrophe and the article", () => {
    expect(possessive("United States")).toBe("the United States'");
    expect(possessive("Philippines")).toBe("the Philippines'");
    expect(possessive("Netherlands")).toBe("the Netherlands'");
    expect(possessive("Russia")).toBe("Russia's");
    // Singular names ending in s keep 's.
    expect(possessive("Cyprus")).toBe("Cyprus's");
    expect(nameInProse("USSR")).toBe("the USSR");
    expect(nameInProse("Czechoslovakia")).toBe("Czechoslovakia");
  });

  it("rewrites sentences written with bare names and 's", () => {
    expect(polishProse("United States's exports to China")).toBe("The United States' exports to China");
    expect(polishProse("trade with Netherlands and Philippines's imports")).toBe("Trade with the Netherlands and the Philippines' imports");
    expect(polishProse("against China 23.7 %, Germany 10.1 % and United States 5.7 %")).toBe("Against China 23.7 %, Germany 10.1 % and the United States 5.7 %");
    expect(polishProse("1.2 billion in 1991 (with the USSR). USSR reported")).toBe("1.2 billion in 1991 (with the USSR). The USSR reported");
  });

  it("leaves names already with the article, longer names and compounds alone", () => {
    expect(polishProse("with the United States", false)).toBe("with the United States");
    expect(polishProse("from Caribbean Netherlands", false)).toBe("from the Caribbean Netherlands");
    expect(polishProse("Netherlands Antilles' ports", false)).toBe("the Netherlands Antilles' ports");
    expect(polishProse("United States–China trade")).toBe("United States–China trade");
    expect(polishProse("Russia's share", false)).toBe("Russia's share");
  });

  it("does not start a sentence in lower case, only where one starts", () => {
    expect(polishProse("the deficit", true)).toBe("The deficit");
    expect(polishProse("and United States' share", false)).toBe("and the United States' share");
  });
});
