import { describe, expect, it } from "vitest";
import { environmentErrorFrom, inputFileError } from "./environmentErrors.js";
import { CorruptStoreError, DiskFullError, FileMissingError, IngestError, PermissionDeniedError } from "./errors.js";

const errno = (code: string, message: string) => Object.assign(new Error(message), { code });

describe("environment errors", () => {
  it("recognises Node's errno codes and DuckDB's messages, each with its exit code", () => {
    const cases: Array<[unknown, new (...a: never[]) => Error, number]> = [
      [errno("ENOSPC", "ENOSPC: no space left on device, write"), DiskFullError, 74],
      [new Error('IO Error: Could not write file "x.wal": No space left on device'), DiskFullError, 74],
      [errno("EACCES", "EACCES: permission denied, open '/ro/store.duckdb'"), PermissionDeniedError, 77],
      [new Error('IO Error: Cannot open file "/ro/s.duckdb": Read-only file system'), PermissionDeniedError, 77],
      [new Error("IO Error: Corrupt database file: computed checksum 1 does not match stored checksum 2 in block at location 1847296"), CorruptStoreError, 65],
      [errno("ENOENT", "ENOENT: no such file or directory, open 'x'"), FileMissingError, 66],
    ];
    for (const [cause, kind, code] of cases) {
      const e = environmentErrorFrom(cause, { path: "/s.duckdb", action: "write the store" });
      expect(e, String(cause)).toBeInstanceOf(kind);
      expect(e!.exitCode).toBe(code);
      expect(e!.message).not.toMatch(/this is a bug/);
    }
    expect(environmentErrorFrom(new TypeError("Cannot read properties of undefined"))).toBeUndefined();
  });

  it("a short read of the store is a truncated store (65); a short read of another file is not", () => {
    const short = (file: string) => new Error(`IO Error: Could not read enough bytes from file "${file}": attempted to read 262144 bytes from location 1060864`);
    const store = environmentErrorFrom(short("/s.duckdb"), { path: "/s.duckdb", action: "read the store" });
    expect(store).toBeInstanceOf(CorruptStoreError);
    expect(store!.message).toMatch(/damaged and cannot be read \(the file is truncated: Could not read enough bytes/);
    expect(environmentErrorFrom(short("/data/baci.csv"), { path: "/s.duckdb", action: "write the store" })).toBeUndefined();
  });

  it("finds the cause inside a wrapping error", () => {
    const wrapped = new Error("Binder failed", { cause: errno("ENOSPC", "no space left on device") });
    expect(environmentErrorFrom(wrapped)).toBeInstanceOf(DiskFullError);
  });

  it("input files: missing is 66, not permitted 77, a folder an IngestError, each naming the file", () => {
    expect(inputFileError(errno("ENOENT", "x"), "/d/a.csv")).toBeInstanceOf(FileMissingError);
    expect(inputFileError(errno("EACCES", "x"), "/d/a.csv")).toMatchObject({ exitCode: 77, at: { file: "/d/a.csv" } });
    expect(inputFileError(errno("EISDIR", "x"), "/d")).toBeInstanceOf(IngestError);
  });
});
