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
