/**
 * Queries over reconciled BACI data: the rollups, the HS6 detail and its Parquet export. Rows are
 * stored with integer keys (entity_key, hs6 as INTEGER, source_key); they are turned back into
 * codes here through the cached catalogs, so no string crosses from the engine per row.
 * @module
 */
import type {
  ReconciledChapterRow,
  ReconciledChapterWorldQuery,
  ReconciledChapterWorldRow,
  ReconciledFlowQuery,
  ReconciledProductExportQuery,
  ReconciledProductExportRow,
  ReconciledProductRow,
  ReconciledTotalRow,
  ReconciledWorldQuery,
  ReconciledWorldTotalRow,
} from "../TradeStore.js";
import type { Params, StoreDb } from "./connection.js";
import { addEntityIn, chapterText, entityCatalog, hs6Text } from "./entities.js";
import { CURRENT_KEYS, sourceCatalog, provenanceOf } from "./sources.js";
import { hasRows } from "./occupancy.js";
import { addIn, addRange, whereSql } from "./sqlParts.js";

/** Filters shared by the pair queries: current loads, exporters, importers, years. */
function flowFilter(q: ReconciledFlowQuery, params: Params): string[] {
  const where = [`b.source_key IN ${CURRENT_KEYS}`];
  addEntityIn(where, params, "b.exporter", "ex", q.exporters);
  addEntityIn(where, params, "b.importer", "im", q.importers);
  addRange(where, params, "b.year", q.fromYear, q.toYear);
  return where;
}

/** The source ids of a `list(DISTINCT source_key)`, in a stable order. */
async function sourceIdsOf(db: StoreDb, keys: unknown): Promise<string[]> {
  const catalog = await sourceCatalog(db);
  return ((keys as number[] | null) ?? []).map((k) => provenanceOf(catalog, k).sourceId).sort();
}

export async function reconciledTotals(db: StoreDb, q: ReconciledFlowQuery): Promise<ReconciledTotalRow[]> {
  if (!(await hasRows(db, "baci_pair_year"))) return [];
  const params: Params = {};
  const entitiesP = entityCatalog(db);
  const rows = await db.read(
    `SELECT b.year::INTEGER AS year, b.exporter, b.importer, sum(b.value_usd)::DOUBLE AS value_usd, sum(b.products)::INTEGER AS products,
            sum(b.value_sq_usd)::DOUBLE AS value_sq_usd, sum(b.intra_usd)::DOUBLE AS intra_usd,
            list(DISTINCT b.source_key) AS source_keys
     FROM baci_pair_year b ${whereSql(flowFilter(q, params))} GROUP BY ALL ORDER BY year, exporter, importer`,
    params,
  );
  const entities = await entitiesP;
  const out: ReconciledTotalRow[] = [];
  for (const r of rows) {
    out.push({
      year: Number(r.year),
      exporter: entities.codeOf(r.exporter),
      importer: entities.codeOf(r.importer),
      valueUsd: Number(r.value_usd),
      products: Number(r.products),
      sourceIds: await sourceIdsOf(db, r.source_keys),
      valueSqUsd: Number(r.value_sq_usd),
      intraUsd: Number(r.intra_usd),
    });
  }
  return sortByCodes(out, (r) => [r.year, r.exporter, r.importer]);
}

export async function reconciledProducts(db: StoreDb, q: ReconciledFlowQuery): Promise<ReconciledProductRow[]> {
  if (!(await hasRows(db, "baci_flows"))) return [];
  const params: Params = {};
  const entitiesP = entityCatalog(db);
  const rows = await db.read(
    `SELECT b.year::INTEGER AS year, b.exporter, b.importer, b.hs6, b.value_usd::DOUBLE AS value_usd, b.quantity_tonnes::DOUBLE AS q
     FROM baci_flows b ${whereSql(flowFilter(q, params))} ORDER BY year, exporter, importer, hs6`,
    params,
  );
  const entities = await entitiesP;
  const out = rows.map((r) => ({
    year: Number(r.year),
    exporter: entities.codeOf(r.exporter),
    importer: entities.codeOf(r.importer),
    hs6: hs6Text(r.hs6),
    valueUsd: Number(r.value_usd),
    quantityTonnes: r.q === null ? null : Number(r.q),
  }));
  return sortByCodes(out, (r) => [r.year, r.exporter, r.importer, r.hs6]);
}

export async function reconciledChapterTotals(db: StoreDb, q: ReconciledFlowQuery): Promise<ReconciledChapterRow[]> {
  if (!(await hasRows(db, "baci_pair_chapter_year"))) return [];
  const params: Params = {};
  const entitiesP = entityCatalog(db);
  const rows = await db.read(
    `SELECT b.year::INTEGER AS year, b.exporter, b.importer, b.chapter, sum(b.value_usd)::DOUBLE AS value_usd, sum(b.products)::INTEGER AS products,
            sum(b.value_sq_usd)::DOUBLE AS value_sq_usd, sum(b.intra_usd)::DOUBLE AS intra_usd,
            list(DISTINCT b.source_key) AS source_keys
     FROM baci_pair_chapter_year b ${whereSql(flowFilter(q, params))} GROUP BY ALL ORDER BY year, exporter, importer, chapter`,
    params,
  );
  const entities = await entitiesP;
  const out: ReconciledChapterRow[] = [];
  for (const r of rows) {
    out.push({
      year: Number(r.year),
      exporter: entities.codeOf(r.exporter),
      importer: entities.codeOf(r.importer),
      chapter: chapterText(r.chapter),
      valueUsd: Number(r.value_usd),
      products: Number(r.products),
      valueSqUsd: Number(r.value_sq_usd),
      intraUsd: Number(r.intra_usd),
      sourceIds: await sourceIdsOf(db, r.source_keys),
    });
  }
  return sortByCodes(out, (r) => [r.year, r.exporter, r.importer, r.chapter]);
}

export async function reconciledWorldTotals(db: StoreDb, q: ReconciledWorldQuery): Promise<ReconciledWorldTotalRow[]> {
  if (!(await hasRows(db, "baci_exporter_year")) && !(await hasRows(db, "baci_importer_year"))) return [];
  const params: Params = {};
  const range = [`b.source_key IN ${CURRENT_KEYS}`];
  addRange(range, params, "b.year", q.fromYear, q.toYear);
  const ex = [...range];
  const im = [...range];
  addEntityIn(ex, params, "b.exporter", "en", q.entities);
  addEntityIn(im, params, "b.importer", "en", q.entities);
  const entitiesP = entityCatalog(db);
  const rows = await db.read(
    `WITH e AS (SELECT b.year, b.exporter AS entity, sum(b.value_usd) AS v FROM baci_exporter_year b ${whereSql(ex)} GROUP BY ALL),
          i AS (SELECT b.year, b.importer AS entity, sum(b.value_usd) AS v FROM baci_importer_year b ${whereSql(im)} GROUP BY ALL),
          wld AS (SELECT b.year, sum(b.value_usd) AS v FROM baci_exporter_year b ${whereSql(range)} GROUP BY ALL)
     SELECT year::INTEGER AS year, entity, coalesce(e.v, 0)::DOUBLE AS exports_usd, coalesce(i.v, 0)::DOUBLE AS imports_usd
     FROM e FULL JOIN i USING (year, entity)
     UNION ALL SELECT year::INTEGER, NULL, v::DOUBLE, v::DOUBLE FROM wld`,
    params,
  );
  const entities = await entitiesP;
  const out = rows.map((r) => ({
    year: Number(r.year),
    entity: r.entity === null ? "WLD" : entities.codeOf(r.entity),
    exportsUsd: Number(r.exports_usd),
    importsUsd: Number(r.imports_usd),
  }));
  return sortByCodes(out, (r) => [r.year, r.entity]);
}

export async function reconciledProductExports(db: StoreDb, q: ReconciledProductExportQuery): Promise<ReconciledProductExportRow[]> {
  if (!(await hasRows(db, "baci_exporter_hs6_year"))) return [];
  const params: Params = {};
  const where = [`b.source_key IN ${CURRENT_KEYS}`];
  addEntityIn(where, params, "b.exporter", "ex", q.exporters);
  if (q.products) addIn(where, params, "b.hs6", "k", q.products.filter((k) => /^[0-9]{1,6}$/.test(k)).map(Number));
  addRange(where, params, "b.year", q.fromYear, q.toYear);
  const exporter = q.exporters ? "b.exporter" : "NULL::SMALLINT";
  const entitiesP = entityCatalog(db);
  const rows = await db.read(
    `SELECT b.year::INTEGER AS year, ${exporter} AS exporter, b.hs6, sum(b.value_usd)::DOUBLE AS value_usd
     FROM baci_exporter_hs6_year b ${whereSql(where)} GROUP BY ALL ORDER BY year, exporter, hs6`,
    params,
  );
  const entities = await entitiesP;
  const out = rows.map((r) => ({
    year: Number(r.year),
    exporter: r.exporter === null ? "WLD" : entities.codeOf(r.exporter),
    hs6: hs6Text(r.hs6),
    valueUsd: Number(r.value_usd),
  }));
  return q.exporters ? sortByCodes(out, (r) => [r.year, r.exporter, r.hs6]) : out;
}

export async function reconciledChapterWorld(db: StoreDb, q: ReconciledChapterWorldQuery): Promise<ReconciledChapterWorldRow[]> {
  const [table, column] = q.side === "exports" ? (["baci_exporter_chapter_year", "exporter"] as const) : (["baci_importer_chapter_year", "importer"] as const);
  if (!(await hasRows(db, table))) return [];
  const params: Params = {};
  const where = [`b.source_key IN ${CURRENT_KEYS}`];
  addEntityIn(where, params, `b.${column}`, "en", q.entities);
  addRange(where, params, "b.year", q.fromYear, q.toYear);
  const entity = q.entities ? `b.${column}` : "NULL::SMALLINT";
  const entitiesP = entityCatalog(db);
  const rows = await db.read(
    `SELECT b.year::INTEGER AS year, ${entity} AS entity, b.chapter, sum(b.value_usd)::DOUBLE AS value_usd
     FROM ${table} b ${whereSql(where)} GROUP BY ALL ORDER BY year, entity, chapter`,
    params,
  );
  const entities = await entitiesP;
  const out = rows.map((r) => ({
    year: Number(r.year),
    entity: r.entity === null ? "WLD" : entities.codeOf(r.entity),
    chapter: chapterText(r.chapter),
    valueUsd: Number(r.value_usd),
  }));
  return sortByCodes(out, (r) => [r.year, r.entity, r.chapter]);
}

/**
 * Orders rows by their (year, code, …) keys as text, as callers expect: the engine sorted by
 * entity_key, whose order is the order keys were assigned, not the codes'.
 */
function sortByCodes<T>(rows: T[], key: (row: T) => readonly (number | string)[]): T[] {
  return rows.sort((x, y) => {
    const a = key(x);
    const b = key(y);
    for (let i = 0; i < a.length; i++) {
      if (a[i] === b[i]) continue;
      return a[i]! < b[i]! ? -1 : 1;
    }
    return 0;
  });
}

/**
 * Writes the current BACI detail as Parquet, one folder per year (`year=2021/…`), zstd-compressed:
 * columns year, exporter, importer (tradeties entity codes), hs6 (six-digit text), value_usd (USD),
 * quantity_tonnes, source_id.
 * @returns rows written.
 */
export async function exportBaciParquet(db: StoreDb, dir: string): Promise<number> {
  return db.run(
    `COPY (SELECT f.year::INTEGER AS year, ex.code AS exporter, im.code AS importer, lpad(f.hs6::VARCHAR, 6, '0') AS hs6,
                  f.value_usd, f.quantity_tonnes, s.source_id
           FROM baci_flows f JOIN sources s ON s.source_key = f.source_key AND s.is_current
           JOIN entities ex ON ex.entity_key = f.exporter JOIN entities im ON im.entity_key = f.importer)
     TO '${dir.replace(/'/g, "''")}' (FORMAT parquet, PARTITION_BY (year), COMPRESSION zstd, OVERWRITE_OR_IGNORE true)`,
  );
}
