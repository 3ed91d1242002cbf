// Every BACI rollup the store builds equals the same figure computed a second way: plain SQL over
// the CSV in a separate engine, with the previous ingest's method (every cell as text, TRY_CAST,
// first line of a repeated key kept, the Grubel–Lloyd overlap as a FILTER aggregate over both
// directions). The file is SYNTHETIC (src/synthetic/baciGenerator.ts), with malformed rows of every kind.
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baciAdapter } from "../../src/ingest/baci.js";
import { identifyFile } from "../../src/ingest/fileIdentity.js";
import { CountryRegistry } from "../../src/reference/countries.js";
import { DuckDbTradeStore } from "../../src/store/DuckDbTradeStore.js";
import { writeSyntheticBaci } from "../../src/synthetic/baciGenerator.js";

let root: string;
let store: DuckDbTradeStore;
let instance: DuckDBInstance;
let sql: DuckDBConnection;
let entities: string[];

async function rows(query: string): Promise<Record<string, unknown>[]> {
  return (await sql.runAndReadAll(query)).getRowObjectsJS() as Record<string, unknown>[];
}

/** `actual` and `expected` hold the same keys with values equal to 1e-9 relative (sums run in another order). */
function expectSameFigures(actual: Map<string, number[]>, expected: Map<string, number[]>): void {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [key, values] of expected) {
    const got = actual.get(key)!;
    values.forEach((v, i) => expect(Math.abs(got[i]! - v), `${key}[${i}]: ${got[i]} vs ${v}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(v))));
  }
}

const byKey = <T>(list: T[], key: (r: T) => string, values: (r: T) => number[]) => new Map(list.map((r) => [key(r), values(r)]));

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "tradeties-equiv-"));
  const gen = await writeSyntheticBaci({ dir: root, years: [2021, 2021], rowsPerYear: 20_000, countries: 30, products: 300, seed: 5, malformedRows: 50 });
  const path = gen.files[0]!.path;
  store = await DuckDbTradeStore.open(":memory:");
  await store.storeBaciFile({ filePath: path, identity: await identifyFile(path), ...baciAdapter.describe(path) });

  instance = await DuckDBInstance.create(":memory:");
  sql = await instance.connect();
  await sql.run("CREATE TABLE codes (code INTEGER, entity VARCHAR)");
  const codes = CountryRegistry.load().codesFor("baci").filter((c) => Number.isInteger(Number(c.code)));
  await sql.run(`INSERT INTO codes VALUES ${codes.map((c) => `(${Number(c.code)}, '${c.entity}')`).join(", ")}`);
  await sql.run(
    `CREATE TABLE raw AS SELECT row_number() OVER () + 1 AS line, * FROM read_csv('${path}', header = true, all_varchar = true,
       columns = {'t': 'VARCHAR', 'i': 'VARCHAR', 'j': 'VARCHAR', 'k': 'VARCHAR', 'v': 'VARCHAR', 'q': 'VARCHAR'}, null_padding = true, strict_mode = false)`,
  );
  await sql.run(
    `CREATE TABLE flows AS
     SELECT * FROM (
       SELECT line, TRY_CAST(trim(t) AS INTEGER) AS year, ce.entity AS exporter, ci.entity AS importer, lpad(trim(k), 6, '0') AS hs6,
              TRY_CAST(trim(v) AS DOUBLE) * 1000 AS value_usd
       FROM raw JOIN codes ce ON ce.code = TRY_CAST(trim(i) AS INTEGER) JOIN codes ci ON ci.code = TRY_CAST(trim(j) AS INTEGER)
       WHERE TRY_CAST(trim(t) AS INTEGER) IS NOT NULL AND regexp_full_match(trim(k), '[0-9]{4,6}') AND TRY_CAST(trim(v) AS DOUBLE) >= 0)
     QUALIFY line = min(line) OVER (PARTITION BY year, exporter, importer, hs6)`,
  );
  // The previous overlap: one aggregate over both directions of each unordered pair × HS6.
  await sql.run(
    `CREATE TABLE overlap AS
     SELECT year, a, b, chapter, sum(CASE WHEN nx > 0 AND nm > 0 THEN least(x, m) ELSE 0 END) AS intra
     FROM (SELECT year, least(exporter, importer) AS a, greatest(exporter, importer) AS b, hs6[1:2] AS chapter, hs6,
                  sum(value_usd) FILTER (WHERE exporter <= importer) AS x, sum(value_usd) FILTER (WHERE exporter > importer) AS m,
                  count(*) FILTER (WHERE exporter <= importer) AS nx, count(*) FILTER (WHERE exporter > importer) AS nm
           FROM flows GROUP BY ALL)
     GROUP BY ALL`,
  );
  await sql.run(
    `CREATE TABLE chapters AS
     SELECT f.year, f.exporter, f.importer, f.chapter, f.v, f.n, f.v2, coalesce(o.intra, 0) AS intra
     FROM (SELECT year, exporter, importer, hs6[1:2] AS chapter, sum(value_usd) AS v, count(*) AS n, sum(value_usd * value_usd) AS v2 FROM flows GROUP BY ALL) f
     LEFT JOIN overlap o ON o.year = f.year AND o.a = least(f.exporter, f.importer) AND o.b = greatest(f.exporter, f.importer) AND o.chapter = f.chapter`,
  );
  entities = (await rows("SELECT DISTINCT exporter AS e FROM flows UNION SELECT DISTINCT importer FROM flows ORDER BY 1")).map((r) => String(r.e));
}, 120_000);

afterAll(async () => {
  await store?.close();
  sql?.closeSync();
  instance?.closeSync();
  await rm(root, { recursive: true, force: true });
});

describe("BACI rollups equal a second computation from the CSV (synthetic file)", () => {
  it("detail: the same rows survive (rejects and duplicates resolved the same way)", async () => {
    const expected = await rows("SELECT year, exporter, importer, hs6, value_usd FROM flows");
    const actual = await store.reconciledProducts({});
    expectSameFigures(
      byKey(actual, (r) => `${r.year}|${r.exporter}|${r.importer}|${r.hs6}`, (r) => [r.valueUsd]),
      byKey(expected, (r) => `${r.year}|${r.exporter}|${r.importer}|${r.hs6}`, (r) => [Number(r.value_usd)]),
    );
  });

  it("pair × chapter and pair totals: value, HS6 lines, Σv² and the two-way overlap", async () => {
    const expected = await rows("SELECT * FROM chapters");
    expectSameFigures(
      byKey(await store.reconciledChapterTotals({}), (r) => `${r.year}|${r.exporter}|${r.importer}|${r.chapter}`, (r) => [r.valueUsd, r.products, r.valueSqUsd, r.intraUsd]),
      byKey(expected, (r) => `${r.year}|${r.exporter}|${r.importer}|${r.chapter}`, (r) => [Number(r.v), Number(r.n), Number(r.v2), Number(r.intra)]),
    );
    const pairs = await rows("SELECT year, exporter, importer, sum(v) AS v, sum(n) AS n, sum(v2) AS v2, sum(intra) AS intra FROM chapters GROUP BY ALL");
    expectSameFigures(
      byKey(await store.reconciledTotals({}), (r) => `${r.year}|${r.exporter}|${r.importer}`, (r) => [r.valueUsd, r.products, r.valueSqUsd!, r.intraUsd!]),
      byKey(pairs, (r) => `${r.year}|${r.exporter}|${r.importer}`, (r) => [Number(r.v), Number(r.n), Number(r.v2), Number(r.intra)]),
    );
  });

  it("exporter × HS6 and the world by HS6", async () => {
    const byExporter = await rows("SELECT year, exporter, hs6, sum(value_usd) AS v FROM flows GROUP BY ALL");
    expectSameFigures(
      byKey(await store.reconciledProductExports({ exporters: entities }), (r) => `${r.year}|${r.exporter}|${r.hs6}`, (r) => [r.valueUsd]),
      byKey(byExporter, (r) => `${r.year}|${r.exporter}|${r.hs6}`, (r) => [Number(r.v)]),
    );
    const world = await rows("SELECT year, hs6, sum(value_usd) AS v FROM flows GROUP BY ALL");
    expectSameFigures(
      byKey(await store.reconciledProductExports({}), (r) => `${r.year}|${r.exporter}|${r.hs6}`, (r) => [r.valueUsd]),
      byKey(world, (r) => `${r.year}|WLD|${r.hs6}`, (r) => [Number(r.v)]),
    );
  });

  it("countries' and the world's exports and imports, in total and by chapter", async () => {
    const totals = await rows(
      `WITH e AS (SELECT year, exporter AS entity, sum(value_usd) AS x FROM flows GROUP BY ALL),
            i AS (SELECT year, importer AS entity, sum(value_usd) AS m FROM flows GROUP BY ALL)
       SELECT year, entity, coalesce(x, 0) AS x, coalesce(m, 0) AS m FROM e FULL JOIN i USING (year, entity)
       UNION ALL SELECT year, 'WLD', sum(value_usd), sum(value_usd) FROM flows GROUP BY year`,
    );
    expectSameFigures(
      byKey(await store.reconciledWorldTotals({}), (r) => `${r.year}|${r.entity}`, (r) => [r.exportsUsd, r.importsUsd]),
      byKey(totals, (r) => `${r.year}|${r.entity}`, (r) => [Number(r.x), Number(r.m)]),
    );
    for (const [side, column] of [["exports", "exporter"], ["imports", "importer"]] as const) {
      const expected = await rows(
        `SELECT year, ${column} AS entity, hs6[1:2] AS chapter, sum(value_usd) AS v FROM flows GROUP BY ALL
         UNION ALL SELECT year, 'WLD', hs6[1:2], sum(value_usd) FROM flows GROUP BY ALL`,
      );
      const actual = [...(await store.reconciledChapterWorld({ side, entities })), ...(await store.reconciledChapterWorld({ side }))];
      expectSameFigures(
        byKey(actual, (r) => `${r.year}|${r.entity}|${r.chapter}`, (r) => [r.valueUsd]),
        byKey(expected, (r) => `${r.year}|${r.entity}|${r.chapter}`, (r) => [Number(r.v)]),
      );
    }
  });
});
