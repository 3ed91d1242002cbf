/**
 * The malformed-input corpus in CI (synthetic files made by corpus.ts): 0 crashes, 0 accepted-but-wrong,
 * and every case with the outcome it must have.
 */
import { describe, expect, it } from "vitest";
import { buildCorpus } from "./corpus.js";
import { runCorpus } from "./runCorpus.js";

describe("malformed-input corpus", () => {
  it("has at least 150 cases across the CSV, JSON and xlsx formats", async () => {
    const corpus = await buildCorpus();
    expect(corpus.length).toBeGreaterThanOrEqual(150);
    const formats = new Set(corpus.map((c) => c.name.split("/")[0]));
    expect([...formats].sort()).toEqual(["bilateral-series", "imf-dots", "price-series", "published-figures", "published-products", "un-comtrade", "un-comtrade-json"]);
  });

  it("every case ends as expected: no crash, nothing wrong accepted, every error clear", { timeout: 600_000 }, async () => {
    const outcomes = await runCorpus();
    const bad = outcomes.filter((o) => o.verdict !== "ok").map((o) => `${o.verdict}: ${o.name} — ${o.got}`);
    expect(bad).toEqual([]);
    expect(outcomes.filter((o) => o.verdict === "crash")).toHaveLength(0);
  });
});
