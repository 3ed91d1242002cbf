// Every BACI rollup table, as the ingest builds it, equals a plain GROUP BY over the same store's
// HS6 detail (`baci_flows`), column by column: counts exactly, sums to 1e-10 relative (the engine
// adds in another order). The overlap is recomputed here from the two-way lines of the detail
// with a FULL JOIN, not with the ingest's LEFT JOIN. Two SYNTHETIC years (src/synthetic/baciGenerator.ts)
// with malformed and repeated lines, so rejects and duplicates are resolved before the rollups.
// The store is built twice: as one part, and split into parts of 8,000 lines (what a file of
// millions of lines does, TRADETIES_INGEST_PART_ROWS), and both must give the same tables.
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baciAdapter } from "../../src/ingest/baci.js";
import { identifyFile } from "../../src/ingest/fileIdentity.js";
import { DuckDbTradeStore } from "../../src/store/DuckDbTradeStore.js";
import { writeSyntheticBaci } from "../../src/synthetic/baciGenerator.js";

let root: string;
let instance: DuckDBInstance;
let sql: DuckDBConnection;

async function buildStore(storePath: string, files: { path: string; validRows: number }[], partRows?: string): Promise<void> {
  const before = process.env.TRADETIES_INGEST_PART_ROWS;
  if (partRows) process.env.TRADETIES_INGEST_PART_ROWS = partRows;
  const store = await DuckDbTradeStore.open(storePath);
  try {
    for (const f of files) {
      const r = await store.storeBaciFile({ filePath: f.path, identity: await identifyFile(f.path), ...baciAdapter.describe(f.path) });
      expect(r.source.rowsStored).toBe(f.validRows);
    }
  } finally {
    await store.close();
    if (before === undefined) delete process.env.TRADETIES_INGEST_PART_ROWS;
    else process.env.TRADETIES_INGEST_PART_ROWS = before;
  }
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "tradeties-rollups-"));
  const gen = await writeSyntheticBaci({ dir: join(root, "gen"), years: [2020, 2021], rowsPerYear: 25_000, countries: 35, products: 350, seed: 17, malformedRows: 40 });
  await buildStore(join(root, "whole.duckdb"), gen.files);
  await buildStore(join(root, "parts.duckdb"), gen.files, "8000");
  instance = await DuckDBInstance.create(":memory:");
  sql = await instance.connect();
  await sql.run(`ATTACH '${join(root, "whole.duckdb")}' AS whole (READ_ONLY); ATTACH '${join(root, "parts.duckdb")}' AS parts (READ_ONLY); USE whole`);
}, 180_000);

afterAll(async () => {
  sql?.closeSync();
  instance?.closeSync();
  await rm(root, { recursive: true, force: true });
});

/** Rows of `query` keyed by their first `keys` columns. */
async function keyed(query: string, keys: number): Promise<Map<string, number[]>> {
  const rows = (await sql.runAndReadAll(query)).getRows();
  return new Map(rows.map((r) => [r.slice(0, keys).map(String).join("|"), r.slice(keys).map(Number)]));
}

/** The same keys, and every value equal to 1e-10 relative: sums may differ in their last bits, counts (below 1e9) cannot differ at all. */
function expectEqualTables(actual: Map<string, number[]>, expected: Map<string, number[]>): void {
  expect(actual.size).toBe(expected.size);
  expect(expected.size).toBeGreaterThan(0);
  for (const [key, values] of expected) {
    const got = actual.get(key);
    expect(got, `missing ${key}`).toBeDefined();
    values.forEach((v, i) => expect(Math.abs(got![i]! - v), `${key}[${i}]: ${got![i]} vs ${v}`).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(v))));
  }
}

const CHAPTER = "(hs6 // 10000)";

describe("BACI rollup tables equal plain GROUP BYs over the stored detail (synthetic files)", () => {
  it("the detail holds unique (year, exporter, importer, hs6) keys (the rollups assume it)", async () => {
    const r = (await sql.runAndReadAll("SELECT count(*)::DOUBLE, count(DISTINCT (year, exporter, importer, hs6))::DOUBLE FROM baci_flows")).getRows()[0]!;
    expect(r[0]).toBe(50_000);
    expect(r[1]).toBe(r[0]);
  });

  it("pair × chapter: value, HS6 lines, Σv² and the two-way overlap Σ min(x_ij,k, x_ji,k)", async () => {
    const expected = await keyed(
      `WITH two_way AS (
         SELECT x.year, x.exporter, x.importer, ${CHAPTER.replace("hs6", "x.hs6")} AS chapter, least(x.value_usd, m.value_usd) AS overlap
         FROM baci_flows x FULL JOIN baci_flows m ON m.year = x.year AND m.exporter = x.importer AND m.importer = x.exporter AND m.hs6 = x.hs6
         WHERE x.value_usd IS NOT NULL AND m.value_usd IS NOT NULL),
       overlap AS (SELECT year, exporter, importer, chapter, sum(overlap) AS intra FROM two_way GROUP BY ALL)
       SELECT d.year, d.exporter, d.importer, d.chapter, d.v, d.n, d.v2, coalesce(o.intra, 0)
       FROM (SELECT year, exporter, importer, ${CHAPTER} AS chapter, sum(value_usd) AS v, count(*) AS n, sum(value_usd ^ 2) AS v2 FROM baci_flows GROUP BY ALL) d
       LEFT JOIN overlap o USING (year, exporter, importer, chapter)`,
      4,
    );
    expectEqualTables(await keyed("SELECT year, exporter, importer, chapter, value_usd, products, value_sq_usd, intra_usd FROM baci_pair_chapter_year", 4), expected);
    const withOverlap = [...expected.values()].filter((v) => v[3]! > 0).length;
    expect(withOverlap).toBeGreaterThan(100); // the file has two-way trade, so the overlap is really compared
  });

  it("pair × year, from the detail (not from the chapter rollup)", async () => {
    const expected = await keyed(
      `SELECT x.year, x.exporter, x.importer, sum(x.value_usd), count(*), sum(x.value_usd ^ 2), sum(CASE WHEN m.value_usd IS NULL THEN 0 ELSE least(x.value_usd, m.value_usd) END)
       FROM baci_flows x LEFT JOIN baci_flows m ON m.year = x.year AND m.exporter = x.importer AND m.importer = x.exporter AND m.hs6 = x.hs6
       GROUP BY ALL`,
      3,
    );
    expectEqualTables(await keyed("SELECT year, exporter, importer, value_usd, products, value_sq_usd, intra_usd FROM baci_pair_year", 3), expected);
  });

  it("exporter × HS6: value and number of importers", async () => {
    expectEqualTables(
      await keyed("SELECT year, exporter, hs6, value_usd, importers FROM baci_exporter_hs6_year", 3),
      await keyed("SELECT year, exporter, hs6, sum(value_usd), count(DISTINCT importer) FROM baci_flows GROUP BY ALL", 3),
    );
  });

  it("a load split into parts gives the same tables as one part", async () => {
    const tables = ["baci_flows", "baci_pair_chapter_year", "baci_pair_year", "baci_exporter_hs6_year", "baci_exporter_chapter_year", "baci_importer_chapter_year", "baci_exporter_year", "baci_importer_year"];
    const keys: Record<string, number> = { baci_flows: 5, baci_pair_chapter_year: 5, baci_pair_year: 4, baci_exporter_hs6_year: 4, baci_exporter_chapter_year: 4, baci_importer_chapter_year: 4, baci_exporter_year: 3, baci_importer_year: 3 };
    for (const t of tables) expectEqualTables(await keyed(`SELECT * FROM parts.${t}`, keys[t]!), await keyed(`SELECT * FROM whole.${t}`, keys[t]!));
  });

  it("exporter and importer × chapter, and exporter and importer totals, with their line counts", async () => {
    for (const side of ["exporter", "importer"]) {
      expectEqualTables(
        await keyed(`SELECT year, ${side}, chapter, value_usd, lines FROM baci_${side}_chapter_year`, 3),
        await keyed(`SELECT year, ${side}, ${CHAPTER}, sum(value_usd), count(*) FROM baci_flows GROUP BY ALL`, 3),
      );
      expectEqualTables(
        await keyed(`SELECT year, ${side}, value_usd, flows FROM baci_${side}_year`, 2),
        await keyed(`SELECT year, ${side}, sum(value_usd), count(*) FROM baci_flows GROUP BY ALL`, 2),
      );
    }
  });
});
