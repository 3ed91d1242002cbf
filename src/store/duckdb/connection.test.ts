import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StoreDb } from "./connection.js";

/**
 * SYNTHETIC rows (range() and literals) over every type the store reads straight off DuckDB's
 * vectors, nulls included, across several 2,048-row chunks: the values must be the ones the
 * client's own JS conversion (getColumnsJS) gives, the second method here.
 */
const PLAIN = `SELECT i::INTEGER AS int_col, (i % 100)::TINYINT AS tiny, (i % 30000)::SMALLINT AS small, (i % 200)::UTINYINT AS utiny,
    (i % 60000)::USMALLINT AS usmall, i::UINTEGER AS uint, (i / 7)::FLOAT AS real4, (i / 3)::DOUBLE AS real8, i % 2 = 0 AS flag,
    CASE WHEN i % 5 = 0 THEN NULL ELSE 'row ' || i END AS text, (['export', 'import'])[1 + i % 2]::ENUM('export', 'import') AS flow,
    CASE WHEN i % 7 = 0 THEN NULL ELSE i END::INTEGER AS maybe
  FROM range(5000) r(i) ORDER BY i`;
/** Types outside the plain set go through the client's converter: BIGINT stays a BigInt, a date a Date-like value. */
const OTHER = `SELECT i AS big, DATE '2020-01-01' + i::INTEGER AS day, [i, i + 1] AS list FROM range(3000) r(i) ORDER BY i`;

let db: StoreDb;
let instance: DuckDBInstance;
beforeAll(async () => {
  db = await StoreDb.open(":memory:");
  instance = await DuckDBInstance.create(":memory:");
});
afterAll(async () => {
  await db?.close();
  instance?.closeSync();
});

describe("StoreDb.readColumns", () => {
  for (const [name, sql] of [["plain types", PLAIN], ["other types", OTHER]] as const) {
    it(`gives the client's JS values for ${name}, chunk after chunk`, async () => {
      const expected = (await (await instance.connect()).runAndReadAll(sql)).getColumnsJS();
      const got = await db.readColumns(sql);
      expect(got.rowCount).toBe(expected[0]!.length);
      expect(got.columns).toEqual(expected);
    });
  }

  it("gives no rows and every column name for an empty result", async () => {
    const got = await db.readColumns("SELECT 1::INTEGER AS a, 'x' AS b WHERE false");
    expect(got).toEqual({ names: ["a", "b"], columns: [[], []], rowCount: 0 });
    expect(await db.readColumns("SELECT 1::BIGINT AS a, [1] AS b WHERE false")).toEqual({ names: ["a", "b"], columns: [[], []], rowCount: 0 });
  });
});

describe("StoreDb.readTypedColumns", () => {
  const NUMBERS = `SELECT i::INTEGER AS year, (i % 250)::UTINYINT AS code, (i % 60000)::USMALLINT AS wide, (i / 3)::DOUBLE AS value, (i % 2 = 0)::UTINYINT AS flag FROM range(5000) r(i) ORDER BY i`;
  it("copies each vector into the caller's typed arrays: the client's own values, chunk after chunk", async () => {
    const expected = (await (await instance.connect()).runAndReadAll(NUMBERS)).getColumnsJS();
    const got = await db.readTypedColumns(NUMBERS, undefined, { year: Int32Array, code: Uint16Array, wide: Uint16Array, value: Float64Array, flag: Uint8Array });
    expect(got.rowCount).toBe(5000);
    expect([got.year, got.code, got.wide, got.value, got.flag].map((a) => Array.from(a))).toEqual(expected);
    expect(got.code).toBeInstanceOf(Uint16Array);
  });

  it("refuses a NULL and a column list that is not the caller's, saying which", async () => {
    await expect(db.readTypedColumns("SELECT CASE WHEN i = 3000 THEN NULL ELSE i END::INTEGER AS year FROM range(4000) r(i)", undefined, { year: Int32Array })).rejects.toThrow(/column year holds NULL at row 3000/);
    await expect(db.readTypedColumns("SELECT 1::INTEGER AS a", undefined, { b: Int32Array })).rejects.toThrow(/gives columns a, the caller expects b/);
  });
});

describe("prepared reads", () => {
  it("runs one statement text with other bindings, several at once on the pool, and sees a write made between runs", async () => {
    const store = await StoreDb.open(":memory:");
    try {
      await store.run("CREATE TABLE t AS SELECT i::INTEGER AS k, (i * 10)::INTEGER AS v FROM range(100) r(i)");
      const sql = "SELECT v FROM t WHERE k = $k";
      const keys = Array.from({ length: 12 }, (_, i) => i * 7);
      const got = await Promise.all(keys.map((k) => store.read(sql, { k })));
      expect(got.map((rows) => rows.map((r) => r.v))).toEqual(keys.map((k) => [k * 10]));
      await store.run("UPDATE t SET v = -v");
      expect((await store.read(sql, { k: 3 })).map((r) => r.v)).toEqual([-30]);
      await store.run("DROP TABLE t");
      await store.run("CREATE TABLE t AS SELECT 3 AS k, 'rebuilt' AS v");
      expect((await store.read(sql, { k: 3 })).map((r) => r.v)).toEqual(["rebuilt"]);
    } finally {
      await store.close();
    }
  });
});
