// BACI files as users and publishers actually get them wrong. Every file here is SYNTHETIC, written
// by the test; codes are real BACI numeric codes (4 Afghanistan, 8 Albania, 410 Korea, 643 Russia).
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IngestError } from "../../errors.js";
import { baciAdapter } from "../../ingest/baci.js";
import { identifyFile } from "../../ingest/fileIdentity.js";
import { DuckDbTradeStore } from "../DuckDbTradeStore.js";

let dir: string;
let n = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tradeties-baci-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Loads `content` as a BACI file into a fresh in-memory store; returns the result and the store's pair totals. */
async function load(content: string | Buffer) {
  const path = join(dir, `BACI_HS92_Y2021_V2024${String(++n).padStart(2, "0")}.csv`);
  await writeFile(path, content);
  const store = await DuckDbTradeStore.open(":memory:");
  try {
    const result = await store.storeBaciFile({ filePath: path, identity: await identifyFile(path), ...baciAdapter.describe(path) });
    const totals = await store.reconciledTotals({});
    return { result, totals };
  } finally {
    await store.close();
  }
}

async function loadError(content: string | Buffer): Promise<IngestError> {
  const error = await load(content).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IngestError);
  return error as IngestError;
}

describe("a store that had no BACI", () => {
  it("answers BACI reads after its first BACI load (whether a table is empty is asked again after a write)", async () => {
    const path = join(dir, "BACI_HS92_Y2021_V202401_first.csv");
    await writeFile(path, "t,i,j,k,v,q\n2021,410,643,270900,1000.5,NA\n");
    const store = await DuckDbTradeStore.open(":memory:");
    try {
      expect(await store.reconciledTotals({})).toEqual([]);
      expect(await store.reconciledWorldTotals({})).toEqual([]);
      await store.storeBaciFile({ filePath: path, identity: await identifyFile(path), ...baciAdapter.describe(path) });
      expect(await store.reconciledTotals({})).toEqual([expect.objectContaining({ year: 2021, exporter: "KOR", importer: "RUS", valueUsd: 1_000_500 })]);
      expect(await store.reconciledWorldTotals({})).toContainEqual({ year: 2021, entity: "WLD", exportsUsd: 1_000_500, importsUsd: 1_000_500 });
    } finally {
      await store.close();
    }
  });
});

describe("BACI columns are found by header name", () => {
  it('a "t","j","i",… header keeps exporter and importer apart (read by name, not by position)', async () => {
    const { totals } = await load('"t","j","i","k","v","q"\n2021,643,410,270900,1000.5,NA\n');
    // j = 643 is the importer (Russia), i = 410 the exporter (Korea): 1000.5 thousand USD KOR → RUS.
    expect(totals).toEqual([expect.objectContaining({ year: 2021, exporter: "KOR", importer: "RUS", valueUsd: 1_000_500 })]);
  });

  it("any column order, and columns BACI does not have, are fine", async () => {
    const { totals, result } = await load("q,note,v,k,j,i,t\n12.5,x,2.5,10121,8,4,2021\n");
    expect(result.source.rowsStored).toBe(1);
    expect(totals).toEqual([expect.objectContaining({ exporter: "AFG", importer: "ALB", valueUsd: 2500 })]);
  });

  it("a UTF-8 byte-order mark before the header is accepted", async () => {
    const { result } = await load(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("t,i,j,k,v,q\r\n2021,4,8,10121,1.5,NA\r\n")]));
    expect(result.source.rowsStored).toBe(1);
  });

  it("a missing column is a plain error naming it, at line 1, with no engine SQL in it", async () => {
    const error = await loadError("t,i,j,k,value,q\n2021,4,8,10121,1.5,NA\n");
    expect(error.message).toMatch(/no "v" column/);
    expect(error.at.line).toBe(1);
    expect(error.message).not.toMatch(/SELECT|read_csv|\n/);
  });

  it("an empty file and a header-only file are errors in plain words", async () => {
    expect((await loadError("")).message).toMatch(/is empty/);
    expect((await loadError("t,i,j,k,v,q\n")).message).toMatch(/header but no data rows/);
  });
});

describe("BACI lines are checked one by one", () => {
  const header = "t,i,j,k,v,q\n";
  const good = "2021,4,8,10121,1.5,NA\n";

  it("a line the reader cannot type is one reject with its line and field; the other lines load", async () => {
    const { result } = await load(header + good + "2021,4,8,10122,twelve,NA\n" + "2021,4,8\n" + "2021,4,8,10123,2.5,3\n");
    expect(result.source.rowsRead).toBe(4);
    expect(result.source.rowsStored).toBe(2);
    expect(result.rejected).toEqual([
      { line: 3, field: "v", reason: "value (v) is not a number: twelve" },
      { line: 4, reason: expect.stringMatching(/has 3 fields/) },
    ]);
  });

  it("v = 1e306 (a finite double that becomes Infinity in USD) and v = 1e400 are rejects, not blank totals", async () => {
    const { result, totals } = await load(header + good + "2021,4,8,10122,1e306,NA\n" + "2021,4,8,10123,1e400,NA\n");
    expect(result.source.rowsStored).toBe(1);
    expect(result.rejected).toEqual([
      { line: 3, field: "v", reason: expect.stringMatching(/above the plausible maximum/) },
      { line: 4, field: "v", reason: expect.stringMatching(/not a finite number/) },
    ]);
    expect(totals[0]!.valueUsd).toBe(1500);
  });

  it("years −5, 0 and 99999 are rejects with line, field and reason", async () => {
    const { result } = await load(header + good + "-5,4,8,10122,1,NA\n" + "0,4,8,10123,1,NA\n" + "99999,4,8,10124,1,NA\n");
    expect(result.source.rowsStored).toBe(1);
    expect(result.rejected).toEqual([
      { line: 3, field: "t", reason: expect.stringMatching(/year \(t\) -5 is outside 1988–/) },
      { line: 4, field: "t", reason: expect.stringMatching(/year \(t\) 0 is outside/) },
      { line: 5, field: "t", reason: expect.stringMatching(/year \(t\) 99999 is outside/) },
    ]);
  });

  it("line numbers stay right when reader rejects and check rejects interleave", async () => {
    const lines = [good, "2021,4,8,10122,x,NA\n", "2021,999,8,10123,1,NA\n", "2021,4,8,10124,y,NA\n", "2021,4,8,10125,-1,NA\n", "2021,4,8,10121,9,NA\n"];
    const { result } = await load(header + lines.join(""));
    expect(result.rejected.map((r) => [r.line, r.field ?? null])).toEqual([
      [3, "v"],
      [4, "i"],
      [5, "v"],
      [6, "v"],
      [7, null],
    ]);
    expect(result.rejected[4]!.reason).toBe("duplicate of line 2 (same t,i,j,k)");
    expect(result.rejectedByReason).toEqual({ value: 2, exporter: 1, negative: 1, duplicate: 1 });
  });

  it("a negative or absurd quantity is a reject; NA (quoted and padded, as BACI writes it) is no quantity", async () => {
    const { result } = await load(header + '2021,4,8,10121,1.5,"         NA"\n' + "2021,4,8,10122,1.5,-3\n" + "2021,4,8,10123,1.5,1e12\n");
    expect(result.source.rowsStored).toBe(1);
    expect(result.rejected.map((r) => [r.line, r.field])).toEqual([
      [3, "q"],
      [4, "q"],
    ]);
  });

  it("a binary file is refused in plain words, without engine SQL", async () => {
    const error = await loadError(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x08, 0x00, 0x08, 0x00, 0x0a, 0x00]));
    expect(error.message).toMatch(/no "t", "i", "j", "k", "v", "q" column|header/);
    expect(error.message).not.toMatch(/SELECT|read_csv/);
  });
});
