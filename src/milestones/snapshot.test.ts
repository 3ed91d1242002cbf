import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CountryRegistry } from "../reference/countries.js";
import { MilestoneCatalogue, parseCatalogue } from "./catalogue.js";
import { inputsKey, loadCatalogueState } from "./snapshot.js";

const PAIRS = [
  ["USA", "MEX"],
  ["BRA", "ARG"],
  ["KOR", "RUS"],
  ["POL", "DEU"],
  ["TUR", "RUS"],
] as const;

describe("the milestone catalogue kept between runs", () => {
  const folder = mkdtempSync(join(tmpdir(), "tradeties-cache-"));
  const before = process.env.TRADETIES_CACHE;
  process.env.TRADETIES_CACHE = folder;
  afterAll(() => {
    if (before === undefined) delete process.env.TRADETIES_CACHE;
    else process.env.TRADETIES_CACHE = before;
    rmSync(folder, { recursive: true, force: true });
  });
  const registry = CountryRegistry.load();
  const fresh = new MilestoneCatalogue(registry, parseCatalogue(registry));

  it("a second run reads the snapshot the first wrote, and answers every pair exactly as a fresh parse", () => {
    let parses = 0;
    const parse = () => {
      parses++;
      return parseCatalogue(registry);
    };
    loadCatalogueState(parse);
    const kept = new MilestoneCatalogue(registry, loadCatalogueState(parse));
    expect(parses).toBe(1);
    expect(readdirSync(folder)).toEqual([`milestones-${inputsKey()}.json`]);
    // As text, so the order of keys is the same too (a profile's JSON must not depend on the cache).
    for (const [a, b] of PAIRS) expect(JSON.stringify(kept.forPair(a, b))).toBe(JSON.stringify(fresh.forPair(a, b)));
    expect(kept.stats.unmapped).toEqual(fresh.stats.unmapped);
  });

  it("writing a snapshot removes those of other inputs, and leaves other files alone", () => {
    const stale = join(folder, "milestones-0123456789abcdef01234567.json");
    const other = join(folder, "notes.txt");
    writeFileSync(stale, "{}");
    writeFileSync(other, "kept");
    rmSync(join(folder, `milestones-${inputsKey()}.json`), { force: true });
    loadCatalogueState(() => parseCatalogue(registry));
    expect(readdirSync(folder).sort()).toEqual([`milestones-${inputsKey()}.json`, "notes.txt"]);
    rmSync(other);
  });

  it("a torn snapshot is parsed afresh, not read", () => {
    const file = join(folder, `milestones-${inputsKey()}.json`);
    writeFileSync(file, '{"format":1,"agreements":[');
    let parses = 0;
    loadCatalogueState(() => {
      parses++;
      return parseCatalogue(registry);
    });
    expect(parses).toBe(1);
  });

  it("TRADETIES_CACHE=off keeps nothing", () => {
    process.env.TRADETIES_CACHE = "off";
    try {
      let parses = 0;
      for (let n = 0; n < 2; n++)
        loadCatalogueState(() => {
          parses++;
          return parseCatalogue(registry);
        });
      expect(parses).toBe(2);
    } finally {
      process.env.TRADETIES_CACHE = folder;
    }
  });
});
