/**
 * BACI `t,i,j,k,v,q` CSV into ClickHouse: the file's bytes are streamed to the server, which parses
 * them (`INSERT … FORMAT CSVWithNames` into a TinyLog staging table); rows never become JS objects.
 * Then, all in SQL on the store's server:
 * 1. number the rows in file order (line = row + 1 for the header; TinyLog keeps insertion order and
 *    is read by one thread) and check every field, as the DuckDB store does (same reasons);
 * 2. keep the first line of a repeated (t,i,j,k) key, reject the later ones as duplicates;
 * 3. insert the valid rows into `baci_flows` and the rollups into their tables (through the
 *    `Distributed` tables in cluster mode, waiting for every shard), summing in file order as the
 *    DuckDB store does, so that both stores hold the same doubles;
 * 4. publish the `sources` row, the one step that makes the file visible.
 * A failure anywhere before 4 drops what was written under the load's key (see `abandonLoad`).
 * @module
 */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { IngestError, TradetiesError, UsageError } from "../../errors.js";
import type { RejectedRow } from "../../model.js";
import { CountryRegistry } from "../../reference/countries.js";
import type { BaciLoadOptions, StoreResult } from "../TradeStore.js";
import type { ClickHouseTradeStore } from "./ClickHouseTradeStore.js";
import { REJECT_SAMPLE_LIMIT } from "../sourceRows.js";
import { BACI_FIRST_YEAR, BACI_MAX_QUANTITY_TONNES, BACI_MAX_VALUE_KUSD, baciCandidate, baciRejectReason, lastBaciYear } from "../baciRules.js";
import { exactDecimal } from "./exactFloats.js";
import { array, float, int, raw, sql, str, type SqlFragment } from "./sql.js";

/** Reject kinds in the order notes list them. */
const KINDS = ["year", "exporter", "importer", "hs", "value", "negative", "implausible", "quantity", "duplicate"] as const;

/** Settings for statements whose sums must run in file order (one thread reads the Log tables in order). */
const IN_ORDER = { max_threads: 1 } as const;
/** Inserts through a Distributed table return only once every shard holds its rows. */
const TO_SHARDS = { insert_distributed_sync: 1 } as const;

export async function loadBaciFile(store: ClickHouseTradeStore, options: BaciLoadOptions): Promise<StoreResult> {
  const { identity, filePath } = options;
  const progress = options.onProgress ?? (() => {});
  if (/\.parquet$/i.test(filePath)) {
    throw new UsageError(`${identity.fileName}: the ClickHouse store reads BACI as CSV only (ClickHouse 18.16 has no Parquet input); load the CSV release`, { file: identity.fileName });
  }
  await checkHeader(filePath, identity.fileName);
  const key = await store.beginLoad(identity);
  try {
    const home = store.home;
    const rawTable = store.stagingName(key, "baci_raw");
    const checked = store.stagingName(key, "baci_checked");
    const valid = store.stagingName(key, "baci_valid");
    progress(0, "reading");
    const codes = CountryRegistry.load().codesFor("baci").filter((c) => Number.isInteger(Number(c.code)));
    const ids = await store.entityIds(codes.map((c) => c.entity));
    const codeById = new Map([...ids].map(([code, id]) => [id, code]));

    await home.run(sql`CREATE TABLE ${rawTable} (t String, i String, j String, k String, v String, q String) ENGINE = TinyLog`);
    try {
      await home.insertCsvStream(rawTable, createReadStream(filePath), { format_csv_allow_single_quotes: 0, input_format_allow_errors_num: "0" });
    } catch (cause) {
      throw new IngestError(`cannot read ${identity.fileName} as a BACI CSV (t,i,j,k,v,q): ${(cause as Error).message}`, { file: identity.fileName }, { cause });
    }
    progress(0.3, "checking");
    const seen = new Set<number>();
    const baciCodes: SqlFragment[] = [];
    const entityIds: SqlFragment[] = [];
    for (const c of codes) {
      const n = Number(c.code);
      if (seen.has(n)) continue;
      seen.add(n);
      baciCodes.push(int(n));
      entityIds.push(int(ids.get(c.entity)!, 16));
    }
    await home.run(sql`CREATE TABLE ${checked} ENGINE = Log AS ${checkedSql(rawTable, array(baciCodes), array(entityIds))}`, IN_ORDER);

    const counts = await home.rows(sql`SELECT kind, toFloat64(count()) AS n FROM ${checked} GROUP BY kind`);
    const byKind = new Map(counts.map((r) => [String(r.kind), Number(r.n)]));
    const rowsRead = [...byKind.values()].reduce((s, n) => s + n, 0);
    if (rowsRead === 0) throw new IngestError(`${identity.fileName} has a header but no data rows`, { file: identity.fileName });
    const dupRows = Number(
      (await home.rows(sql`SELECT toFloat64(sum(c - 1)) AS d FROM (SELECT count() AS c FROM ${checked} WHERE kind = '' GROUP BY year, exporter, importer, hs6 HAVING c > 1)`))[0]?.d ?? 0,
    );
    // Valid rows in file order; a repeated key keeps its first line.
    const validRows =
      dupRows > 0
        ? sql`SELECT first_line AS line, year, exporter, importer, hs6, first_value AS value_usd, first_q AS qn, first_has_q AS has_q FROM (
                SELECT min(line) AS first_line, year, exporter, importer, hs6, argMin(value_usd, line) AS first_value, argMin(qn, line) AS first_q,
                       argMin(has_q, line) AS first_has_q
                FROM ${checked} WHERE kind = '' GROUP BY year, exporter, importer, hs6) ORDER BY line`
        : sql`SELECT line, year, exporter, importer, hs6, value_usd, qn, has_q FROM ${checked} WHERE kind = ''`;
    await home.run(sql`CREATE TABLE ${valid} ENGINE = Log AS ${validRows}`, IN_ORDER);

    const byReason: Record<string, number> = {};
    for (const kind of KINDS) {
      const n = kind === "duplicate" ? dupRows : (byKind.get(kind) ?? 0);
      if (n > 0) byReason[kind] = n;
    }
    const rejectedCount = Object.values(byReason).reduce((s, n) => s + n, 0);
    const rowsStored = (byKind.get("") ?? 0) - dupRows;
    if (rowsStored + rejectedCount !== rowsRead) {
      throw new TradetiesError(`BACI accounting does not add up for ${identity.fileName}: read ${rowsRead}, stored ${rowsStored}, rejected ${rejectedCount}`);
    }
    const rejected = rejectedCount > 0 ? await rejectSample(store, checked, dupRows > 0) : [];

    progress(0.5, "storing");
    await home.run(
      sql`INSERT INTO ${store.table("baci_flows")} SELECT ${int(key)}, year, exporter, importer, hs6, value_usd, if(has_q = 1, qn, NULL) FROM ${valid}`,
      { ...IN_ORDER, ...TO_SHARDS },
    );
    progress(0.75, "rollups");
    await buildRollups(store, key, valid, codeById);
    const years = await home.rows(sql`SELECT DISTINCT year FROM ${valid} ORDER BY year`);

    const notes = [`years: ${years.map((y) => y.year).join(", ")}`, "values converted from thousand USD (v) to USD; quantities in tonnes (q)"];
    if (rejectedCount > 0) notes.push(`rejected by reason: ${Object.entries(byReason).map(([k, n]) => `${k} ${n}`).join(", ")}`);
    const load = { datasetKey: options.datasetKey, vintageLabel: options.vintageLabel, rowsRead, rowsStored, rowsRejected: rejectedCount, notes };
    // Before the one step that makes the load visible: a refused vintage is dropped as a failed load is.
    options.guard?.({ source: baciCandidate(identity, load), years: years.map((y) => Number(y.year)) }, await store.currentVintage(options.datasetKey));
    const source = await store.publishSource(
      key,
      identity,
      { adapter: "cepii-baci", dataset: "cepii-baci", datasetKey: options.datasetKey, vintageLabel: options.vintageLabel, reportedBy: "reconciled", rowsRead, rejected, skipped: [], notes },
      rowsStored,
      rejectedCount,
    );
    await store.dropStaging(key);
    progress(1, "done");
    return { source, changed: true, rejected, rejectedCount, rejectedByReason: byReason, skipped: [] };
  } catch (e) {
    return store.abandonLoad(key, e);
  }
}

/** The header must be the six BACI columns: the staging columns are positional. */
async function checkHeader(path: string, fileName: string): Promise<void> {
  const handle = await open(path, "r");
  try {
    const buf = Buffer.alloc(256);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const first = buf.subarray(0, bytesRead).toString("utf8").split(/\r?\n/)[0] ?? "";
    const names = first.replace(/^\uFEFF/, "").split(",").map((n) => n.trim().replace(/^"|"$/g, "").toLowerCase());
    if (names.join(",") !== "t,i,j,k,v,q") {
      throw new IngestError(`${fileName}: line 1 is '${first.slice(0, 80)}', expected the BACI header t,i,j,k,v,q`, { file: fileName, line: 1 });
    }
  } finally {
    await handle.close();
  }
}

const trim = (column: SqlFragment) => sql`replaceRegexpAll(${column}, '^ +| +$', '')`;

/**
 * Typed, checked rows of the raw staging table in file order: `kind` is '' for a valid row, else the
 * first failed check (the DuckDB store's order). BACI codes map to entity ids with transform()
 * (0 = unknown). v is thousand USD; value_usd is USD.
 */
function checkedSql(rawTable: SqlFragment, baciCodes: SqlFragment, entityIds: SqlFragment): SqlFragment {
  return sql`SELECT line, t, i, j, k, v, q, year, exporter, importer, hs6, value_usd, q_value AS qn, has_q, kind FROM (${inner(rawTable, baciCodes, entityIds)})`;
}

function inner(rawTable: SqlFragment, baciCodes: SqlFragment, entityIds: SqlFragment): SqlFragment {
  const tt = trim(raw`t`);
  const vv = trim(raw`v`);
  const qq = trim(raw`q`);
  const kk = trim(raw`k`);
  return sql`SELECT line, t, i, j, k, v, q, year, exporter, importer, hs6, vd * 1000 AS value_usd, ifNull(qd, 0) AS q_value, has_q,
      multiIf(isNull(y) OR y < ${int(BACI_FIRST_YEAR)} OR y > ${int(lastBaciYear())}, 'year', exporter = 0, 'exporter', importer = 0, 'importer',
              NOT match(kt, '^[0-9]+$') OR hs6 < 10000 OR hs6 > 999999, 'hs',
              NOT isFinite(vd), 'value', vd < 0, 'negative', vd > ${float(BACI_MAX_VALUE_KUSD)}, 'implausible',
              has_q = 1 AND (NOT isFinite(ifNull(qd, nan)) OR qd < 0 OR qd > ${float(BACI_MAX_QUANTITY_TONNES)}), 'quantity', '') AS kind
    FROM (
      SELECT rowNumberInAllBlocks() + 2 AS line, t, i, j, k, v, q,
             toInt32OrNull(${tt}) AS y, toUInt16(ifNull(y, 0)) AS year,
             transform(ifNull(toInt32OrNull(${trim(raw`i`)}), -1), ${baciCodes}, ${entityIds}, 0) AS exporter,
             transform(ifNull(toInt32OrNull(${trim(raw`j`)}), -1), ${baciCodes}, ${entityIds}, 0) AS importer,
             ${kk} AS kt, toUInt32OrZero(kt) AS hs6,
             ifNull(${exactDecimal(vv)}, nan) AS vd,
             if(${qq} != 'NA' AND ${qq} != '', 1, 0) AS has_q,
             if(has_q = 1, ${exactDecimal(qq)}, NULL) AS qd
      FROM ${rawTable})`;
}


/** The first {@link REJECT_SAMPLE_LIMIT} rejects by line, duplicates included. */
async function rejectSample(store: ClickHouseTradeStore, checked: SqlFragment, hasDuplicates: boolean): Promise<RejectedRow[]> {
  const limit = int(REJECT_SAMPLE_LIMIT);
  const bad = await store.home.rows(sql`SELECT line, kind, t, i, j, k, v, q FROM ${checked} WHERE kind != '' ORDER BY line LIMIT ${limit}`);
  const out: RejectedRow[] = bad.map((r) => ({ line: Number(r.line), reason: baciRejectReason(String(r.kind), r) }));
  if (hasDuplicates) {
    const dups = await store.home.rows(
      sql`SELECT line, first FROM (
            SELECT groupArray(line) AS lines, min(line) AS first FROM ${checked} WHERE kind = '' GROUP BY year, exporter, importer, hs6 HAVING count() > 1
          ) ARRAY JOIN lines AS line WHERE line != first ORDER BY line LIMIT ${limit}`,
    );
    for (const r of dups) out.push({ line: Number(r.line), reason: `duplicate of line ${Number(r.first)} (same t,i,j,k)` });
    out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  }
  return out.slice(0, REJECT_SAMPLE_LIMIT);
}

/**
 * Every BACI rollup of one load, from its valid rows. Sums run on one thread over rows in the
 * order the DuckDB store sums them (file order for the detail; chapters, then importers or
 * exporters by code, for the rollups built from rollups), so both stores hold the same doubles.
 */
async function buildRollups(store: ClickHouseTradeStore, key: number, valid: SqlFragment, codeById: Map<number, string>): Promise<void> {
  const home = store.home;
  const k = int(key);
  const ids = [...codeById.keys()].sort((a, b) => a - b);
  const codeOf = (column: SqlFragment) => sql`transform(${column}, ${array(ids.map((n) => int(n, 16)))}, ${array(ids.map((n) => str(codeById.get(n)!)))}, '')`;
  const chapterStage = store.stagingName(key, "baci_chapter");
  const pairStage = store.stagingName(key, "baci_pair");
  const settings = { ...IN_ORDER, ...TO_SHARDS };
  // Σ_k min(x_ij,k, x_ji,k) by unordered pair × chapter (the two-way overlap), joined onto the chapter sums.
  await home.run(
    sql`CREATE TABLE ${chapterStage} ENGINE = Log AS
        SELECT year, exporter, importer, chapter, v, n, v2, intra FROM (
          SELECT year, exporter, importer, intDiv(hs6, 10000) AS chapter, least(exporter, importer) AS a, greatest(exporter, importer) AS b,
                 sum(value_usd) AS v, toUInt32(count()) AS n, sum(value_usd * value_usd) AS v2
          FROM ${valid} GROUP BY year, exporter, importer, chapter, a, b
        ) ANY LEFT JOIN (
          SELECT year, a, b, chapter, sum(if(nx > 0 AND nm > 0, least(x, m), 0)) AS intra FROM (
            SELECT year, least(exporter, importer) AS a, greatest(exporter, importer) AS b, intDiv(hs6, 10000) AS chapter, hs6,
                   sumIf(value_usd, exporter <= importer) AS x, sumIf(value_usd, exporter > importer) AS m,
                   countIf(exporter <= importer) AS nx, countIf(exporter > importer) AS nm
            FROM ${valid} GROUP BY year, a, b, chapter, hs6 ORDER BY year, a, b, chapter, hs6
          ) GROUP BY year, a, b, chapter
        ) USING (year, a, b, chapter)
        ORDER BY year, ${codeOf(raw`exporter`)}, ${codeOf(raw`importer`)}, chapter`,
    IN_ORDER,
  );
  await home.run(
    sql`INSERT INTO ${store.table("baci_pair_chapter_year")} SELECT ${k}, year, exporter, importer, chapter, v, n, v2, intra FROM ${chapterStage}`,
    settings,
  );
  await home.run(
    sql`CREATE TABLE ${pairStage} ENGINE = Log AS
        SELECT year, exporter, importer, sum(v) AS v, toUInt32(sum(n)) AS n, sum(v2) AS v2, sum(intra) AS intra
        FROM ${chapterStage} GROUP BY year, exporter, importer ORDER BY year, ${codeOf(raw`exporter`)}, ${codeOf(raw`importer`)}`,
    IN_ORDER,
  );
  for (const [table, column] of [["baci_exporter_chapter_year", raw`exporter`], ["baci_importer_chapter_year", raw`importer`]] as const) {
    await home.run(
      sql`INSERT INTO ${store.table(table)} SELECT ${k}, year, ${column}, chapter, sum(v), toUInt32(sum(n)) FROM ${chapterStage} GROUP BY year, ${column}, chapter`,
      settings,
    );
  }
  await home.run(sql`INSERT INTO ${store.table("baci_pair_year")} SELECT ${k}, year, exporter, importer, v, n, v2, intra FROM ${pairStage}`, settings);
  await home.run(
    sql`INSERT INTO ${store.table("baci_exporter_hs6_year")}
        SELECT ${k}, year, exporter, hs6, sum(value_usd), toUInt32(count()) FROM ${valid} GROUP BY year, exporter, hs6`,
    settings,
  );
  await home.run(
    sql`INSERT INTO ${store.table("baci_exporter_year")} SELECT ${k}, year, exporter, sum(v), toUInt32(sum(n)) FROM ${pairStage} GROUP BY year, exporter`,
    settings,
  );
  await home.run(
    sql`INSERT INTO ${store.table("baci_importer_year")} SELECT ${k}, year, importer, sum(v), toUInt32(sum(n)) FROM ${pairStage} GROUP BY year, importer`,
    settings,
  );
}
