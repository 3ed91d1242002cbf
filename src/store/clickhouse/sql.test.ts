import { describe, expect, it } from "vitest";
import { UsageError } from "../../errors.js";
import { parseClickHouseLocation } from "./location.js";
import { array, float, ident, int, list, sql, str } from "./sql.js";

describe("ClickHouse literals", () => {
  it("escapes quote, backslash and control characters as ClickHouse's lexer reads them", () => {
    expect(str("it's").text).toBe("'it\\'s'");
    expect(str("a\\b").text).toBe("'a\\\\b'");
    expect(str("line\nnext\x00").text).toBe("'line\\x0anext\\x00'");
    expect(str("Корея 한국").text).toBe("'Корея 한국'");
  });

  it("refuses numbers that are not what their type says", () => {
    expect(int(42, 16).text).toBe("42");
    expect(() => int(1.5)).toThrow(/safe integer/);
    expect(() => int(2 ** 60)).toThrow(/safe integer/);
    expect(() => int(70_000, 16)).toThrow(/UInt16/);
    expect(() => int(-1, 32)).toThrow(/UInt32/);
    expect(float(0.1).text).toBe("toFloat64(0.1)");
    expect(() => float(Number.NaN)).toThrow(/finite/);
    expect(() => float(Number.POSITIVE_INFINITY)).toThrow(/finite/);
  });

  it("accepts only whitelisted identifiers", () => {
    expect(ident("baci_flows_local").text).toBe("baci_flows_local");
    for (const bad of ["1abc", "a-b", "a b", "x;DROP", "`x`", ""]) expect(() => ident(bad)).toThrow(/not an allowed ClickHouse name/);
  });

  it("refuses a raw string spliced into a statement", () => {
    const input = "KOR' OR 1=1 --" as unknown as ReturnType<typeof str>;
    expect(() => sql`SELECT 1 WHERE code = ${input}`).toThrow(/not a typed literal/);
    expect(sql`SELECT 1 WHERE code IN ${list(["KOR", "it's"].map(str))} AND x = ${int(3)}`.text).toBe("SELECT 1 WHERE code IN ('KOR', 'it\\'s') AND x = 3");
    expect(list([]).text).toBe("(NULL)");
    expect(array([int(1), int(2)]).text).toBe("[1, 2]");
  });
});

describe("ClickHouse store address", () => {
  it("reads host, HTTP port, database, cluster and shards", () => {
    const l = parseClickHouseLocation("clickhouse://u:secret@127.0.0.1:18123/trade?cluster=two&shards=127.0.0.1:18123,127.0.0.1:18124");
    expect(l).toMatchObject({ httpUrl: "http://127.0.0.1:18123", username: "u", password: "secret", database: "trade", cluster: "two", shardUrls: ["http://127.0.0.1:18123", "http://127.0.0.1:18124"] });
    expect(l.display).not.toMatch(/secret/);
    expect(parseClickHouseLocation("clickhouse://h:8123/db")).toMatchObject({ cluster: undefined, shardUrls: [], username: "default" });
  });

  it("says which part of a bad address is wrong", () => {
    expect(() => parseClickHouseLocation("clickhouse://h:8123/")).toThrow(UsageError);
    expect(() => parseClickHouseLocation("clickhouse://h:8123/my-db")).toThrow(/database name 'my-db'/);
    expect(() => parseClickHouseLocation("clickhouse://h:8123/db?cluster=a;b")).toThrow(/cluster name/);
    expect(() => parseClickHouseLocation("clickhouse://h:8123/db?shards=h:1")).toThrow(/needs 'cluster'/);
    expect(() => parseClickHouseLocation("clickhouse://h:8123/db?replicas=2")).toThrow(/unknown option 'replicas'/);
  });
});
