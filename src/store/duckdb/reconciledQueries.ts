/**
 * Queries over reconciled BACI data: the rollups, the HS6 detail and its Parquet export.
 * @module
 */
import type {
  ReconciledChapterRow,
  ReconciledFlowQuery,
  ReconciledProductExportQuery,
  ReconciledProductExportRow,
  ReconciledProductRow,
  ReconciledTotalRow,
  ReconciledWorldQuery,
  ReconciledWorldTotalRow,
} from "../TradeStore.js";
import type { Params, StoreDb } from "./connection.js";
import { addIn, addRange } from "./sqlParts.js";

export async function reconciledTotals(db: StoreDb, q: ReconciledFlowQuery): Promise<ReconciledTotalRow[]> {
  const where: string[] = [];
  const params: Params = {};
  addIn(where, params, "b.exporter", "ex", q.exporters);
  addIn(where, params, "b.importer", "im", q.importers);
  addRange(where, params, "b.year", q.fromYear, q.toYear);
  const rows = await db.read(
    `SELECT b.year::INTEGER AS year, b.exporter, b.importer, sum(b.value_usd)::DOUBLE AS value_usd, sum(b.products)::INTEGER AS products,
            sum(b.value_sq_usd)::DOUBLE AS value_sq_usd, sum(b.intra_usd)::DOUBLE AS intra_usd,
            list(DISTINCT b.source_id ORDER BY b.source_id) AS source_ids
     FROM baci_pair_year b JOIN current_sources s USING (source_id)
     ${where.length ? "WHERE " + where.join(" AND ") : ""} GROUP BY ALL ORDER BY year, exporter, importer`,
    params,
  );
  return rows.map((r) => ({
    year: Number(r.year),
    exporter: String(r.exporter),
    importer: String(r.importer),
    valueUsd: Number(r.value_usd),
    products: Number(r.products),
    sourceIds: (r.source_ids as string[]) ?? [],
    ...(r.value_sq_usd === null ? {} : { valueSqUsd: Number(r.value_sq_usd) }),
    ...(r.intra_usd === null ? {} : { intraUsd: Number(r.intra_usd) }),
  }));
}

export async function reconciledProducts(db: StoreDb, q: ReconciledFlowQuery): Promise<ReconciledProductRow[]> {
  const where: string[] = [];
  const params: Params = {};
  addIn(where, params, "b.exporter", "ex", q.exporters);
  addIn(where, params, "b.importer", "im", q.importers);
  addRange(where, params, "b.year", q.fromYear, q.toYear);
  const rows = await db.read(
    `SELECT b.year::INTEGER AS year, b.exporter, b.importer, b.hs6, b.value_usd::DOUBLE AS value_usd, b.quantity_tonnes::DOUBLE AS q
     FROM baci_flows b JOIN current_sources s USING (source_id)
     ${where.length ? "WHERE " + where.join(" AND ") : ""} ORDER BY year, exporter, importer, hs6`,
    params,
  );
  return rows.map((r) => ({
    year: Number(r.year),
    exporter: String(r.exporter),
    importer: String(r.importer),
    hs6: String(r.hs6),
    valueUsd: Number(r.value_usd),
    quantityTonnes: r.q === null ? null : Number(r.q),
  }));
}

export async function reconciledChapterTotals(db: StoreDb, q: ReconciledFlowQuery): Promise<ReconciledChapterRow[]> {
  const where: string[] = [];
  const params: Params = {};
  addIn(where, params, "b.exporter", "ex", q.exporters);
  addIn(where, params, "b.importer", "im", q.importers);
  addRange(where, params, "b.year", q.fromYear, q.toYear);
  const rows = await db.read(
    `SELECT b.year::INTEGER AS year, b.exporter, b.importer, b.chapter, sum(b.value_usd)::DOUBLE AS value_usd, sum(b.products)::INTEGER AS products,
            sum(b.value_sq_usd)::DOUBLE AS value_sq_usd, sum(b.intra_usd)::DOUBLE AS intra_usd,
            list(DISTINCT b.source_id ORDER BY b.source_id) AS source_ids
     FROM baci_pair_chapter_year b JOIN current_sources s USING (source_id)
     ${where.length ? "WHERE " + where.join(" AND ") : ""} GROUP BY ALL ORDER BY year, exporter, importer, chapter`,
    params,
  );
  return rows.map((r) => ({
    year: Number(r.year),
    exporter: String(r.exporter),
    importer: String(r.importer),
    chapter: String(r.chapter),
    valueUsd: Number(r.value_usd),
    products: Number(r.products),
    valueSqUsd: Number(r.value_sq_usd),
    intraUsd: Number(r.intra_usd),
    sourceIds: (r.source_ids as string[]) ?? [],
  }));
}

export async function reconciledWorldTotals(db: StoreDb, q: ReconciledWorldQuery): Promise<ReconciledWorldTotalRow[]> {
  const range: string[] = [];
  const params: Params = {};
  addRange(range, params, "b.year", q.fromYear, q.toYear);
  const ex = [...range];
  const im = [...range];
  addIn(ex, params, "b.exporter", "en", q.entities);
  addIn(im, params, "b.importer", "en", q.entities);
  const w = (parts: string[]) => (parts.length ? "WHERE " + parts.join(" AND ") : "");
  const rows = await db.read(
    `WITH e AS (SELECT b.year, b.exporter AS entity, sum(b.value_usd) AS v FROM baci_exporter_year b JOIN current_sources s USING (source_id) ${w(ex)} GROUP BY ALL),
          i AS (SELECT b.year, b.importer AS entity, sum(b.value_usd) AS v FROM baci_importer_year b JOIN current_sources s USING (source_id) ${w(im)} GROUP BY ALL),
          wld AS (SELECT b.year, 'WLD' AS entity, sum(b.value_usd) AS v FROM baci_exporter_year b JOIN current_sources s USING (source_id) ${w(range)} GROUP BY ALL)
     SELECT year::INTEGER AS year, entity, coalesce(e.v, 0)::DOUBLE AS exports_usd, coalesce(i.v, 0)::DOUBLE AS imports_usd
     FROM e FULL JOIN i USING (year, entity)
     UNION ALL SELECT year::INTEGER, entity, v::DOUBLE, v::DOUBLE FROM wld
     ORDER BY year, entity`,
    params,
  );
  return rows.map((r) => ({ year: Number(r.year), entity: String(r.entity), exportsUsd: Number(r.exports_usd), importsUsd: Number(r.imports_usd) }));
}

export async function reconciledProductExports(db: StoreDb, q: ReconciledProductExportQuery): Promise<ReconciledProductExportRow[]> {
  const where: string[] = [];
  const params: Params = {};
  addIn(where, params, "b.exporter", "ex", q.exporters);
  addIn(where, params, "b.hs6", "k", q.products);
  addRange(where, params, "b.year", q.fromYear, q.toYear);
  const exporter = q.exporters ? "b.exporter" : "'WLD'";
  const rows = await db.read(
    `SELECT b.year::INTEGER AS year, ${exporter} AS exporter, b.hs6, sum(b.value_usd)::DOUBLE AS value_usd
     FROM baci_exporter_hs6_year b JOIN current_sources s USING (source_id)
     ${where.length ? "WHERE " + where.join(" AND ") : ""} GROUP BY ALL ORDER BY year, exporter, hs6`,
    params,
  );
  return rows.map((r) => ({ year: Number(r.year), exporter: String(r.exporter), hs6: String(r.hs6), valueUsd: Number(r.value_usd) }));
}

/**
 * Writes the current BACI detail as Parquet, one folder per year (`year=2021/…`), zstd-compressed:
 * columns year, exporter, importer (tradeties entity codes), hs6, value_usd (USD), quantity_tonnes, source_id.
 * @returns rows written.
 */
export async function exportBaciParquet(db: StoreDb, dir: string): Promise<number> {
  const r = await db.run(
    `COPY (SELECT f.year, f.exporter, f.importer, f.hs6, f.value_usd, f.quantity_tonnes, f.source_id
           FROM baci_flows f JOIN current_sources s USING (source_id))
     TO '${dir.replace(/'/g, "''")}' (FORMAT parquet, PARTITION_BY (year), COMPRESSION zstd, OVERWRITE_OR_IGNORE true)`,
  );
  return r;
}
