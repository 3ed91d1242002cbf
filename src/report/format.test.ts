import { describe, expect, it } from "vitest";
import { changeInWords, coefficient, fold, pct, pp, printed, signedPct, times, usd, yearSpan } from "./format.js";

describe("numbers in prose", () => {
  it("groups the digits of large multiples", () => {
    expect(times(13011.4)).toBe("13,011 times");
    expect(fold(132690)).toBe("132,690-fold");
    expect(times(25.2)).toBe("25 times");
    expect(fold(2.46)).toBe("2.5-fold");
  });
  it("never writes a share that is not zero as 0.0 %", () => {
    expect(pct(0.0004)).toBe("< 0.1 %");
    expect(pct(0.0005)).toBe("0.1 %");
    expect(pct(0)).toBe("0.0 %");
    expect(pct(0.186)).toBe("18.6 %");
    expect(pct(0.004, 0)).toBe("< 1 %");
  });
  it("never writes a share that is not all of it as 100 %", () => {
    expect(pct(0.9996)).toBe("> 99.9 %");
    expect(pct(0.9994)).toBe("99.9 %");
    expect(pct(0.997, 0)).toBe("> 99 %");
    expect(pct(1)).toBe("100.0 %");
    expect(pct(1.004, 0)).toBe("100 %");
    expect(pct(-0.9996)).toBe("< \u221299.9 %");
  });
  it("prints negative numbers with the minus sign U+2212, not a hyphen", () => {
    expect(pct(-0.004)).toBe("\u22120.4 %");
    expect(coefficient(-0.123)).toBe("\u22120.12");
    expect(pct(-0.0004)).toBe("> \u22120.1 %");
  });
});

describe("yearSpan", () => {
  it("names one year once, never as a range of itself", () => {
    expect(yearSpan(2001, 2001)).toBe("2001");
    expect(yearSpan(1990, 2019)).toBe("1990–2019");
  });
});

describe("changeInWords", () => {
  it("says a change under twofold in per cent, never 'grew 1 times' (Russia–Germany 1992–2000: $12.6 bn → $13.13 bn)", () => {
    expect(changeInWords(13.13 / 12.6)).toBe("was about flat (+4.2 %)");
    expect(changeInWords(2.61 / 3)).toBe("fell 13 %");
    expect(changeInWords(1.5)).toBe("grew 50 %");
    expect(changeInWords(3.6)).toBe("grew 3.6 times");
  });
  it("says equal values are unchanged, never 'about flat (+0.0 %)' (Serbia and Montenegro–Honduras)", () => {
    expect(changeInWords(1)).toBe("was unchanged");
    expect(changeInWords(1.0003)).toBe("was about flat");
    expect(changeInWords(0.9996)).toBe("was about flat");
    expect(changeInWords(1.0006)).toBe("was about flat (+0.1 %)");
  });
});

describe("signed changes", () => {
  it("never prints a signed zero: a change rounding to 0 % gets a decimal, a smaller one is 0 %", () => {
    expect(signedPct(-0.003)).toBe("\u22120.3 %");
    expect(signedPct(0.004)).toBe("+0.4 %");
    expect(signedPct(-0.0004)).toBe("0 %");
    expect(signedPct(0)).toBe("0 %");
    expect(signedPct(0.22)).toBe("+22 %");
    expect(signedPct(-0.384)).toBe("\u221238 %");
    expect(signedPct(-0.00004, 1)).toBe("0.0 %");
    expect(pp(-0.0004)).toBe("0.0 pp");
    expect(pp(0.204)).toBe("+20.4 pp");
    expect(pp(-0.0006)).toBe("\u22120.1 pp");
  });
  it("prints a table figure or a dollar amount that rounds to zero without a sign", () => {
    expect(printed(-0.04, { minimumFractionDigits: 1, maximumFractionDigits: 1 })).toBe("0.0");
    expect(printed(-0.06, { minimumFractionDigits: 1, maximumFractionDigits: 1 })).toBe("\u22120.1");
    expect(usd(-0.4)).toBe("$0");
    expect(usd(-36e6)).toBe("\u2212$36 million");
  });
});
