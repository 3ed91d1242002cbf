// The vintage operations themselves are tested on every backend in test/conformance/vintages.test.ts.
import { describe, expect, it } from "vitest";
import { DiskFullError } from "../../errors.js";
import { StoreDb } from "./connection.js";

describe("transactions", () => {
  it("a ROLLBACK that fails after the transaction died does not hide the real error (a full disk)", async () => {
    const db = await StoreDb.open(":memory:");
    try {
      const error = await db
        .inTransaction(async () => {
          // DuckDB ends a transaction itself when a write fails; the ROLLBACK that follows then fails too.
          await db.run("ROLLBACK");
          throw new Error("IO Error: Could not write file \"/store.duckdb.wal\": No space left on device");
        })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(DiskFullError);
      expect((error as DiskFullError).exitCode).toBe(74);
      expect((error as DiskFullError).message).toMatch(/no space left on the disk/);
    } finally {
      await db.close();
    }
  });
});
