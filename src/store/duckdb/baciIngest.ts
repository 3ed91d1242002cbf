/**
 * BACI ingest: a CEPII BACI CSV or Parquet file streamed through the engine in one typed scan,
 * checked in SQL, written to `baci_flows` with integer keys, then rolled up. Rows never pass
 * through JS. Accounting is exact: rows read = stored + rejected, every reject with its line.
 *
 * The scan writes every row it types: valid rows under the load's `source_key`, rows that fail a
 * value check under `-source_key` (with zero keys), so one pass yields both counts without a
 * staging table; the failed rows are then counted and deleted. Only when something was rejected
 * by a check or a (t,i,j,k) key repeats does a second, line-numbered scan run to name the lines.
 * @module
 */
import { IngestError, TradetiesError } from "../../errors.js";
import { BACI_FIRST_YEAR, BACI_MAX_QUANTITY_TONNES, BACI_MAX_VALUE_KUSD, lastBaciYear } from "../baciRules.js";
import type { RejectedRow } from "../../model.js";
import { CountryRegistry } from "../../reference/countries.js";
import type { BaciLoadOptions, StoreResult } from "../TradeStore.js";
import { baciRelation, firstLine, readerRejects, REJECT_ERRORS, REJECT_SCANS, type BaciRelation, type ReaderReject } from "./baciSource.js";
import { ingestThreads, type Params, type StoreDb } from "./connection.js";
import { ensureEntityKeys } from "./entities.js";
import { buildRollups, pairParts } from "./rollups.js";
import { findSource, insertSource, nextSourceKey, REJECT_SAMPLE_LIMIT } from "./sources.js";

import { currentVintage } from "./vintages.js";

export async function storeBaciFile(db: StoreDb, options: BaciLoadOptions): Promise<StoreResult> {
  db.assertWritable();
  return db.withThreads(ingestThreads(), () => storeBaciRows(db, options));
}

async function storeBaciRows(db: StoreDb, options: BaciLoadOptions): Promise<StoreResult> {
  const { identity, filePath } = options;
  const existing = await findSource(db, identity.sourceId);
  if (existing) return { source: existing, changed: false, rejected: [], rejectedCount: 0, skipped: [] };
  const progress = options.onProgress ?? (() => {});
  const relation = await baciRelation(db, filePath, identity.fileName);
  const bounds: Params = { minYear: BACI_FIRST_YEAR, maxYear: lastBaciYear(), maxV: BACI_MAX_VALUE_KUSD, maxQ: BACI_MAX_QUANTITY_TONNES };
  const result = await db.inTransaction(async () => {
    progress(0, "reading");
    const sk = await nextSourceKey(db);
    await loadCodes(db);
    await dropRejectTables(db);
    let written: number;
    try {
      written = await db.run(
        `INSERT INTO baci_flows
         SELECT CASE WHEN failed THEN -$sk ELSE $sk END, CASE WHEN failed THEN 0 ELSE t END, coalesce(exporter, 0), coalesce(importer, 0),
                CASE WHEN failed THEN 0 ELSE k END, CASE WHEN failed THEN 0 ELSE v * 1000 END, qd
         FROM (${checkedSql(relation.sql, "failed")})`,
        { sk, path: filePath, ...bounds },
      );
    } catch (cause) {
      throw readError(identity.fileName, relation, cause);
    }
    progress(0.5, "checking");
    const failedChecks = await db.run("DELETE FROM baci_flows WHERE source_key = $neg", { neg: -sk });
    const fromReader = relation.parquet ? [] : await readerRejects(db);
    const rowsRead = written + fromReader.length;
    if (rowsRead === 0) throw new IngestError(`${identity.fileName} has a header but no data rows`, { file: identity.fileName });
    const duplicates = await duplicateRows(db, sk, written);
    const byReason: Record<string, number> = {};
    for (const r of fromReader) byReason[r.kind] = (byReason[r.kind] ?? 0) + 1;
    let fromScan: RejectedRow[] = [];
    if (failedChecks > 0 || duplicates > 0) {
      progress(0.6, "rejects");
      fromScan = await lineNumberedRejects(db, sk, relation, filePath, bounds, fromReader, duplicates > 0, byReason);
      if ((await duplicateRows(db, sk, written)) !== 0) throw new TradetiesError(`duplicate keys remain in ${identity.fileName} after resolving them`);
    }
    const rejectedCount = Object.values(byReason).reduce((s, n) => s + n, 0);
    const rowsStored = written - failedChecks - duplicates;
    if (rowsStored + rejectedCount !== rowsRead) {
      throw new TradetiesError(`BACI accounting does not add up for ${identity.fileName}: read ${rowsRead}, stored ${rowsStored}, rejected ${rejectedCount}`);
    }
    const rejected = [...fromReader.map(({ line, field, reason }) => (field ? { line, field, reason } : { line, reason })), ...fromScan].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)).slice(0, REJECT_SAMPLE_LIMIT);
    progress(0.75, "rollups");
    await buildRollups(db, sk, rowsStored);
    const years = await db.all(`SELECT DISTINCT year::INTEGER AS year FROM baci_exporter_year WHERE source_key = $sk ORDER BY year`, { sk });
    const notes = [`years: ${years.map((y) => y.year).join(", ")}`, "values converted from thousand USD (v) to USD; quantities in tonnes (q)"];
    if (rejectedCount > 0) notes.push(`rejected by reason: ${Object.entries(byReason).map(([k, n]) => `${k} ${n}`).join(", ")}`);
    if (relation.parquet) notes.push("read from Parquet");
    const file = {
      adapter: "cepii-baci",
      dataset: "cepii-baci",
      datasetKey: options.datasetKey,
      vintageLabel: options.vintageLabel,
      reportedBy: "reconciled" as const,
      rowsRead,
      rejected,
      skipped: [],
      notes,
    };
    if (options.guard) {
      const candidate = {
        sourceId: identity.sourceId, fileName: identity.fileName, adapter: file.adapter, dataset: file.dataset, datasetKey: file.datasetKey,
        vintage: file.vintageLabel ?? "(new)", vintageNumber: 0, superseded: false, withdrawn: false, reportedBy: file.reportedBy,
        loadedAt: "", rowsRead, rowsStored, rowsRejected: rejectedCount, rowsSkipped: 0, notes,
      };
      options.guard({ source: candidate, years: years.map((y) => Number(y.year)) }, await currentVintage(db, options.datasetKey));
    }
    await insertSource(db, sk, identity, file, rowsStored, rejectedCount);
    await db.run("DROP TABLE IF EXISTS baci_codes");
    await dropRejectTables(db);
    return { rejected, rejectedCount, byReason };
  });
  progress(1, "done");
  const stored = await findSource(db, identity.sourceId);
  if (!stored) throw new TradetiesError(`source ${identity.fileName} vanished`);
  return { source: stored, changed: true, rejected: result.rejected, rejectedCount: result.rejectedCount, rejectedByReason: result.byReason, skipped: [] };
}

function readError(fileName: string, relation: BaciRelation, cause: unknown): IngestError {
  const what = relation.parquet ? "a BACI Parquet file (columns t,i,j,k,v,q)" : "a BACI CSV (comma-separated, header t,i,j,k,v,q)";
  return new IngestError(`cannot read ${fileName} as ${what}: ${firstLine(cause)}`, { file: fileName }, { cause });
}

/** Temp `baci_codes`: BACI numeric country code → entity_key, every entity given a key first. */
async function loadCodes(db: StoreDb): Promise<void> {
  const codes = CountryRegistry.load()
    .codesFor("baci")
    .filter((c) => Number.isInteger(Number(c.code)));
  await ensureEntityKeys(db, codes.map((c) => c.entity));
  await db.run("CREATE OR REPLACE TEMP TABLE baci_code_entity (code INTEGER, entity VARCHAR)");
  const ap = await db.createAppender("baci_code_entity", "main", "temp");
  for (const c of codes) {
    ap.appendInteger(Number(c.code));
    ap.appendVarchar(c.entity);
    ap.endRow();
  }
  ap.closeSync();
  await db.run(
    `CREATE OR REPLACE TEMP TABLE baci_codes AS SELECT c.code, e.entity_key FROM baci_code_entity c JOIN entities e ON e.code = c.entity;
     DROP TABLE baci_code_entity`,
  );
}

async function dropRejectTables(db: StoreDb): Promise<void> {
  await db.run(`DROP TABLE IF EXISTS ${REJECT_ERRORS}; DROP TABLE IF EXISTS ${REJECT_SCANS}`);
}

/** Rows beyond the first of each repeated (t,i,j,k) key: a separate aggregate, cheap when keys are unique; in parts for a large load (rollups.ts). */
async function duplicateRows(db: StoreDb, sk: number, rows: number): Promise<number> {
  let total = 0;
  for (const part of pairParts(rows)) {
    const r = await db.all(
      `SELECT coalesce(sum(n - 1), 0)::DOUBLE AS d FROM (
         SELECT count(*) AS n FROM baci_flows WHERE source_key = $sk AND ${part} GROUP BY year, exporter, importer, hs6 HAVING count(*) > 1)`,
      { sk },
    );
    total += Number(r[0]?.d ?? 0);
  }
  return total;
}

/**
 * The checks, in order: a row fails the first whose condition is true (v is thousand USD; q is
 * the quantity as written, qd its number). One list for both forms below, so they cannot disagree.
 */
const CHECKS: ReadonlyArray<readonly [kind: string, condition: string]> = [
  ["year", "r.t IS NULL OR r.t < $minYear OR r.t > $maxYear"],
  ["exporter", "ce.entity_key IS NULL"],
  ["importer", "ci.entity_key IS NULL"],
  ["hs", "r.k IS NULL OR r.k < 10000 OR r.k > 999999"],
  ["value", "r.v IS NULL OR NOT isfinite(r.v)"],
  ["negative", "r.v < 0"],
  ["implausible", "r.v > $maxV"],
  // The text is only looked at when the number is missing: most rows carry a number.
  ["quantity", "CASE WHEN r.qd IS NULL THEN coalesce(trim(r.q), '') NOT IN ('NA', '') ELSE NOT isfinite(r.qd) OR r.qd < 0 OR r.qd > $maxQ END"],
];

/**
 * Typed rows with the checks' verdict, as `verdict`: "kind" gives the first failed check's name
 * (NULL for a valid row) for the reject scan; "failed" only a boolean, for the loading scan, which
 * needs no names and so builds no string per row. A check whose condition is NULL has not failed.
 */
function checkedSql(from: string, verdict: "kind" | "failed", extra = ""): string {
  const column =
    verdict === "kind"
      ? `CASE ${CHECKS.map(([kind, condition]) => `WHEN ${condition} THEN '${kind}'`).join(" ")} ELSE NULL END AS kind`
      : `coalesce(${CHECKS.map(([, condition]) => `(${condition})`).join(" OR ")}, false) AS failed`;
  // DuckDB's cast to DOUBLE skips surrounding whitespace itself: BACI pads q to 13 characters.
  return `SELECT ${extra} r.t, r.i, r.j, r.k, r.v, r.q, r.qd, ce.entity_key AS exporter, ci.entity_key AS importer, ${column}
    FROM (SELECT *, TRY_CAST(q AS DOUBLE) AS qd FROM ${from}) r
    LEFT JOIN baci_codes ce ON ce.code = r.i
    LEFT JOIN baci_codes ci ON ci.code = r.j`;
}

/** The BACI column a failed check is about. */
const FIELD_SQL = `CASE kind WHEN 'year' THEN 't' WHEN 'exporter' THEN 'i' WHEN 'importer' THEN 'j' WHEN 'hs' THEN 'k' WHEN 'quantity' THEN 'q' ELSE 'v' END`;

/** The reject message of a failed check, from its kind and typed values. */
const REASON_SQL = `CASE kind
    WHEN 'year' THEN CASE WHEN t IS NULL THEN 'year (t) is empty' ELSE 'year (t) ' || t || ' is outside ' || $minYear || '–' || $maxYear END
    WHEN 'exporter' THEN CASE WHEN i IS NULL THEN 'exporter code (i) is empty' ELSE 'unknown exporter code (i): ' || i END
    WHEN 'importer' THEN CASE WHEN j IS NULL THEN 'importer code (j) is empty' ELSE 'unknown importer code (j): ' || j END
    WHEN 'hs' THEN 'product code (k) is not an HS6 code (10000–999999 as written, without its leading zero): ' || coalesce(k::VARCHAR, '(empty)')
    WHEN 'value' THEN 'value (v) is empty or not a finite number'
    WHEN 'negative' THEN 'value (v) is negative: ' || v
    WHEN 'implausible' THEN 'value (v) ' || v || ' thousand USD is above the plausible maximum for one flow (' || $maxV::DOUBLE || ' thousand USD)'
    WHEN 'quantity' THEN 'quantity (q) is not a plausible tonnage (0 to ' || $maxQ::DOUBLE || ' t): ' || trim(q)
  END`;

/**
 * The second scan, run only when a check failed or a key repeats: it numbers the typed rows in
 * file order and maps each to its file line (row + header + the reader-rejected lines before it,
 * which the typed scan skips), keeping only failed rows and rows of repeated keys. A repeated key
 * keeps its first line; later lines are removed from `baci_flows` and rejected as duplicates.
 * Adds to `byReason`; returns the first {@link REJECT_SAMPLE_LIMIT} of these rejects by line.
 */
async function lineNumberedRejects(
  db: StoreDb,
  sk: number,
  relation: BaciRelation,
  path: string,
  bounds: Params,
  fromReader: readonly ReaderReject[],
  hasDuplicates: boolean,
  byReason: Record<string, number>,
): Promise<RejectedRow[]> {
  await db.run("CREATE OR REPLACE TEMP TABLE baci_skipped_lines (skipped_before BIGINT, m BIGINT)");
  if (fromReader.length) {
    // For the m-th reader-rejected line L (1-based), L − 1 − m typed rows come before it.
    const ap = await db.createAppender("baci_skipped_lines", "main", "temp");
    fromReader.forEach((r, index) => {
      ap.appendBigInt(BigInt(r.line - 2 - index));
      ap.appendBigInt(BigInt(index + 1));
      ap.endRow();
    });
    ap.closeSync();
  }
  if (hasDuplicates) {
    await db.run(
      `CREATE OR REPLACE TEMP TABLE baci_dupkeys AS SELECT year, exporter, importer, hs6 FROM baci_flows WHERE source_key = $sk GROUP BY ALL HAVING count(*) > 1`,
      { sk },
    );
  } else await db.run("CREATE OR REPLACE TEMP TABLE baci_dupkeys (year SMALLINT, exporter SMALLINT, importer SMALLINT, hs6 INTEGER)");
  await dropRejectTables(db);
  const order = await db.all("SELECT current_setting('preserve_insertion_order')::BOOLEAN AS p");
  await db.run("SET preserve_insertion_order = true");
  try {
    await db.run(
      `CREATE OR REPLACE TEMP TABLE baci_marked AS
       WITH numbered AS (${checkedSql(`(SELECT row_number() OVER () AS row_index, * FROM ${relation.sql})`, "kind", "r.row_index,")}),
            skips AS (SELECT skipped_before, max(m) AS m FROM baci_skipped_lines GROUP BY skipped_before)
       SELECT c.row_index + 1 + coalesce(s.m, 0) AS line, c.* EXCLUDE (row_index)
       FROM numbered c
       ASOF LEFT JOIN skips s ON c.row_index > s.skipped_before
       LEFT JOIN baci_dupkeys d ON c.kind IS NULL AND d.year = c.t AND d.exporter = c.exporter AND d.importer = c.importer AND d.hs6 = c.k
       WHERE c.kind IS NOT NULL OR d.year IS NOT NULL`,
      { path, ...bounds },
    );
  } finally {
    if (order[0]?.p === false) await db.run("SET preserve_insertion_order = false");
  }
  await db.run(
    `CREATE OR REPLACE TEMP TABLE baci_dups AS
     SELECT line, t, exporter, importer, k, v, qd, min(line) OVER (PARTITION BY t, exporter, importer, k) AS first_line
     FROM baci_marked WHERE kind IS NULL`,
  );
  if (hasDuplicates) {
    await db.run(
      `DELETE FROM baci_flows USING baci_dupkeys d
       WHERE baci_flows.source_key = $sk AND baci_flows.year = d.year AND baci_flows.exporter = d.exporter AND baci_flows.importer = d.importer AND baci_flows.hs6 = d.hs6`,
      { sk },
    );
    await db.run(`INSERT INTO baci_flows SELECT $sk, t, exporter, importer, k, v * 1000, qd FROM baci_dups WHERE line = first_line`, { sk });
  }
  const counts = await db.all(
    `SELECT kind, count(*)::DOUBLE AS n FROM baci_marked WHERE kind IS NOT NULL GROUP BY kind
     UNION ALL SELECT 'duplicate', count(*)::DOUBLE FROM baci_dups WHERE line <> first_line HAVING count(*) > 0`,
  );
  for (const r of counts) byReason[String(r.kind)] = (byReason[String(r.kind)] ?? 0) + Number(r.n);
  const sample = await db.all(
    `SELECT line::INTEGER AS line, field, reason FROM (
       SELECT line, ${FIELD_SQL} AS field, ${REASON_SQL} AS reason FROM baci_marked WHERE kind IS NOT NULL
       UNION ALL SELECT line, NULL, 'duplicate of line ' || first_line || ' (same t,i,j,k)' FROM baci_dups WHERE line <> first_line
     ) ORDER BY line LIMIT ${REJECT_SAMPLE_LIMIT}`,
    bounds,
  );
  await db.run("DROP TABLE baci_marked; DROP TABLE baci_dups; DROP TABLE baci_dupkeys; DROP TABLE baci_skipped_lines");
  return sample.map((r) => (r.field === null ? { line: Number(r.line), reason: String(r.reason) } : { line: Number(r.line), field: String(r.field), reason: String(r.reason) }));
}
