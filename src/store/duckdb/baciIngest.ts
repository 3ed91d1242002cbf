/**
 * BACI ingest: a CEPII BACI CSV or Parquet file streamed through the engine, validated in SQL, rejects line-numbered.
 * @module
 */
import { IngestError, TradetiesError } from "../../errors.js";
import type { RejectedRow } from "../../model.js";
import { CountryRegistry } from "../../reference/countries.js";
import type { BaciLoadOptions, StoreResult } from "../TradeStore.js";
import type { StoreDb } from "./connection.js";
import { buildOverlap, buildRollups } from "./rollups.js";
import { findSource, insertSource, REJECT_SAMPLE_LIMIT } from "./sources.js";

export async function storeBaciFile(db: StoreDb, options: BaciLoadOptions): Promise<StoreResult> {
  db.assertWritable();
  const { identity, filePath } = options;
  const existing = await findSource(db, identity.sourceId);
  if (existing) return { source: existing, changed: false, rejected: [], rejectedCount: 0, skipped: [] };
  const progress = options.onProgress ?? (() => {});
  const id = identity.sourceId;
  const source = baciSourceSql(filePath);
  const codes = CountryRegistry.load().codesFor("baci");
  const readError = (cause: unknown) =>
    new IngestError(
      `cannot read ${identity.fileName} as ${source.parquet ? "a BACI Parquet file (columns t,i,j,k,v,q)" : "a BACI CSV (t,i,j,k,v,q)"}: ${(cause as Error).message}`,
      { file: identity.fileName },
      { cause },
    );
  const result = await db.inTransaction(async () => {
    progress(0, "reading");
    await db.run("CREATE OR REPLACE TEMP TABLE baci_codes (code INTEGER, entity VARCHAR)");
    const ap = await db.createAppender("baci_codes", "main", "temp");
    for (const c of codes) {
      const n = Number(c.code);
      if (!Number.isInteger(n)) continue;
      ap.appendInteger(n);
      ap.appendVarchar(c.entity);
      ap.endRow();
    }
    ap.closeSync();
    // Pass 1: one streaming scan, validated in SQL, straight into the detail table. Rows that fail a
    // field check are filtered out here and counted below; duplicates are resolved after.
    let inserted: number;
    try {
      const r = await db.run(
        `INSERT INTO baci_flows SELECT $id, year, exporter, importer, hs6, value_usd, quantity_tonnes FROM (${checkedSql(source.sql)}) WHERE kind IS NULL`,
        { id, path: filePath },
      );
      inserted = r;
    } catch (cause) {
      throw readError(cause);
    }
    progress(0.5, "counting");
    // Pass 2: the bare row count (the reader parses no columns for it). Only when it differs from
    // what pass 1 stored does a third, line-numbered scan find the rejects and their reasons.
    const rowsRead = Number((await db.all(`SELECT count(*)::DOUBLE AS n FROM ${source.sql}`, { path: filePath }))[0]?.n ?? 0);
    if (rowsRead === 0) throw new IngestError(`${identity.fileName} has a header but no data rows`, { file: identity.fileName });
    progress(0.6, "checking");
    // Grubel–Lloyd overlap by (pair, HS6) and, from the same aggregate, duplicate (t,i,j,k) keys.
    let dupRows = await buildOverlap(db, id);
    const byReason: Record<string, number> = {};
    let rejected: RejectedRow[] = [];
    if (rowsRead !== inserted || dupRows > 0) {
      progress(0.65, "rejects");
      rejected = await resolveRejects(db, id, filePath, source.sql, dupRows > 0, byReason);
      if (dupRows > 0) dupRows = await buildOverlap(db, id);
      if (dupRows !== 0) throw new TradetiesError(`duplicate keys remain in ${identity.fileName} after resolving them`);
    }
    const rejectedCount = Object.values(byReason).reduce((s, n) => s + n, 0);
    const rowsStored = inserted - (byReason.duplicate ?? 0);
    if (rowsStored + rejectedCount !== rowsRead) {
      throw new TradetiesError(`BACI accounting does not add up for ${identity.fileName}: read ${rowsRead}, stored ${rowsStored}, rejected ${rejectedCount}`);
    }
    progress(0.75, "rollups");
    await buildRollups(db, id);
    const years = await db.all(`SELECT DISTINCT year::INTEGER AS year FROM baci_exporter_year WHERE source_id = $id ORDER BY year`, { id });
    const notes = [`years: ${years.map((y) => y.year).join(", ")}`, "values converted from thousand USD (v) to USD; quantities in tonnes (q)"];
    if (rejectedCount > 0) notes.push(`rejected by reason: ${Object.entries(byReason).map(([k, n]) => `${k} ${n}`).join(", ")}`);
    if (source.parquet) notes.push("read from Parquet");
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
    await insertSource(db, identity, file, rowsStored, rejectedCount);
    await db.run("DROP TABLE IF EXISTS baci_codes; DROP TABLE IF EXISTS baci_overlap");
    return { rejected, rejectedCount, byReason };
  });
  progress(1, "done");
  const stored = await findSource(db, id);
  if (!stored) throw new TradetiesError(`source ${identity.fileName} vanished`);
  return { source: stored, changed: true, rejected: result.rejected, rejectedCount: result.rejectedCount, rejectedByReason: result.byReason, skipped: [] };
}

/**
 * Finds the rejected rows with their line numbers: a third scan, run only when pass 1 left rows
 * out or keys repeat. It numbers the file's rows (a streaming row_number in file order; line =
 * row + 1 for the header, so a quoted field spanning lines would shift it) and keeps only the
 * rejects and the rows of repeated keys. A repeated key keeps its first line; the later lines are
 * deleted from `baci_flows` and rejected as duplicates. Fills `byReason`; returns the first
 * {@link REJECT_SAMPLE_LIMIT} rejects by line.
 */
async function resolveRejects(db: StoreDb, id: string, path: string, sourceSql: string, hasDuplicates: boolean, byReason: Record<string, number>): Promise<RejectedRow[]> {
  if (hasDuplicates) {
    await db.run(
      `CREATE OR REPLACE TEMP TABLE baci_dupkeys AS
       SELECT year, exporter, importer, hs6 FROM baci_flows WHERE source_id = $id GROUP BY ALL HAVING count(*) > 1`,
      { id },
    );
  } else {
    await db.run("CREATE OR REPLACE TEMP TABLE baci_dupkeys (year INTEGER, exporter VARCHAR, importer VARCHAR, hs6 VARCHAR)");
  }
  const order = await db.all("SELECT current_setting('preserve_insertion_order')::BOOLEAN AS p");
  await db.run("SET preserve_insertion_order = true");
  try {
    await db.run(
      `CREATE OR REPLACE TEMP TABLE baci_marked AS
       SELECT c.* FROM (${checkedSql(`(SELECT row_number() OVER () + 1 AS line, * FROM ${sourceSql})`, "r.line, r.t, r.i, r.j, r.k, r.v, r.q,")}) c
       LEFT JOIN baci_dupkeys d ON c.kind IS NULL AND d.year = c.year AND d.exporter = c.exporter AND d.importer = c.importer AND d.hs6 = c.hs6
       WHERE c.kind IS NOT NULL OR d.year IS NOT NULL`,
      { path },
    );
  } finally {
    if (order[0]?.p === false) await db.run("SET preserve_insertion_order = false");
  }
  await db.run(
    `CREATE OR REPLACE TEMP TABLE baci_dups AS
     SELECT line, year, exporter, importer, hs6, value_usd, quantity_tonnes, min(line) OVER (PARTITION BY year, exporter, importer, hs6) AS first_line
     FROM baci_marked WHERE kind IS NULL`,
  );
  if (hasDuplicates) {
    await db.run(
      `DELETE FROM baci_flows USING baci_dupkeys d
       WHERE baci_flows.source_id = $id AND baci_flows.year = d.year AND baci_flows.exporter = d.exporter AND baci_flows.importer = d.importer AND baci_flows.hs6 = d.hs6`,
      { id },
    );
    await db.run(
      `INSERT INTO baci_flows SELECT $id, year, exporter, importer, hs6, value_usd, quantity_tonnes FROM baci_dups WHERE line = first_line`,
      { id },
    );
  }
  const counts = await db.all(
    `SELECT kind, count(*)::DOUBLE AS n FROM baci_marked WHERE kind IS NOT NULL GROUP BY kind
     UNION ALL SELECT 'duplicate', count(*)::DOUBLE FROM baci_dups WHERE line <> first_line HAVING count(*) > 0`,
  );
  for (const r of counts) byReason[String(r.kind)] = Number(r.n);
  const sample = await db.all(
    `SELECT line::INTEGER AS line, reason FROM (
       SELECT line, ${REASON_SQL} AS reason FROM baci_marked WHERE kind IS NOT NULL
       UNION ALL SELECT line, 'duplicate of line ' || first_line || ' (same t,i,j,k)' FROM baci_dups WHERE line <> first_line
     ) ORDER BY line LIMIT ${REJECT_SAMPLE_LIMIT}`,
  );
  await db.run("DROP TABLE baci_marked; DROP TABLE baci_dups; DROP TABLE baci_dupkeys");
  return sample.map((r) => ({ line: Number(r.line), reason: String(r.reason) }));
}



/** The BACI reader as SQL over `$path`: every column as text, so a bad cell becomes a counted reject, not a failed cast. */
function baciSourceSql(path: string): { sql: string; parquet: boolean } {
  if (/\.parquet$/i.test(path)) {
    return {
      parquet: true,
      sql: `(SELECT CAST(t AS VARCHAR) AS t, CAST(i AS VARCHAR) AS i, CAST(j AS VARCHAR) AS j, CAST(k AS VARCHAR) AS k, CAST(v AS VARCHAR) AS v, CAST(q AS VARCHAR) AS q FROM read_parquet($path))`,
    };
  }
  return {
    parquet: false,
    sql: `read_csv($path, header = true, all_varchar = true,
            columns = {'t': 'VARCHAR', 'i': 'VARCHAR', 'j': 'VARCHAR', 'k': 'VARCHAR', 'v': 'VARCHAR', 'q': 'VARCHAR'},
            quote = '"', strict_mode = false, null_padding = true)`,
  };
}

/**
 * Typed, validated BACI rows over a relation of text columns t,i,j,k,v,q: `kind` is NULL for a
 * valid row, else the first failed check (year, exporter, importer, hs, value, negative, quantity).
 * Codes resolve through temp `baci_codes`. v is thousand USD; value_usd is USD.
 */
function checkedSql(from: string, extra = ""): string {
  return `SELECT ${extra} r.y AS year, ce.entity AS exporter, ci.entity AS importer, lpad(r.kt, 6, '0') AS hs6,
      r.vd * 1000 AS value_usd, r.qd AS quantity_tonnes,
      CASE
        WHEN r.y IS NULL THEN 'year'
        WHEN ce.entity IS NULL THEN 'exporter'
        WHEN ci.entity IS NULL THEN 'importer'
        WHEN NOT regexp_full_match(r.kt, '[0-9]{4,6}') THEN 'hs'
        WHEN r.vd IS NULL OR NOT isfinite(r.vd) THEN 'value'
        WHEN r.vd < 0 THEN 'negative'
        WHEN r.qt <> 'NA' AND r.qt <> '' AND (r.qd IS NULL OR NOT isfinite(r.qd)) THEN 'quantity'
        ELSE NULL END AS kind
    FROM (SELECT *, TRY_CAST(trim(t) AS INTEGER) AS y, TRY_CAST(trim(i) AS INTEGER) AS ii, TRY_CAST(trim(j) AS INTEGER) AS jj,
                 coalesce(trim(k), '') AS kt, TRY_CAST(trim(v) AS DOUBLE) AS vd, coalesce(trim(q), '') AS qt,
                 TRY_CAST(nullif(trim(q), 'NA') AS DOUBLE) AS qd
          FROM ${from}) r
    LEFT JOIN baci_codes ce ON ce.code = r.ii
    LEFT JOIN baci_codes ci ON ci.code = r.jj`;
}

/** The reject message of a `baci_marked` row, from its kind and raw text. */
const REASON_SQL = `CASE kind
    WHEN 'year' THEN 'year (t) is not a number: ' || coalesce(t, '(empty)')
    WHEN 'exporter' THEN 'unknown exporter code (i): ' || coalesce(i, '(empty)')
    WHEN 'importer' THEN 'unknown importer code (j): ' || coalesce(j, '(empty)')
    WHEN 'hs' THEN 'product code (k) is not a 4–6 digit HS code: ' || coalesce(k, '(empty)')
    WHEN 'value' THEN 'value (v) is not a number: ' || coalesce(v, '(empty)')
    WHEN 'negative' THEN 'value (v) is negative: ' || v
    WHEN 'quantity' THEN 'quantity (q) is not a number: ' || q
  END`;
