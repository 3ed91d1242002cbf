/**
 * BACI rollups maintained at ingest (see schema.ts for what each holds), so a pair profile never scans `baci_flows`.
 * @module
 */
import { BACI_ROLLUP_TABLES } from "./schema.js";
import type { StoreDb } from "./connection.js";

/**
 * (Re)builds temp `baci_overlap`: Σ_k min(x_ij,k, x_ji,k) by unordered pair × chapter, from this
 * source's rows. Returns how many rows repeat a (t,i,j,k) key (0 for a clean file): the same
 * GROUP BY finds both, so a clean file pays for one aggregate.
 */
export async function buildOverlap(db: StoreDb, id: string): Promise<number> {
  await db.run(
    `CREATE OR REPLACE TEMP TABLE baci_overlap AS
     SELECT year, a, b, chapter,
            sum(CASE WHEN nx > 0 AND nm > 0 THEN least(x, m) ELSE 0 END) AS intra,
            sum(greatest(nx - 1, 0) + greatest(nm - 1, 0))::DOUBLE AS dup_rows
     FROM (SELECT year, least(exporter, importer) AS a, greatest(exporter, importer) AS b, hs6[1:2] AS chapter, hs6,
                  sum(value_usd) FILTER (WHERE exporter <= importer) AS x, sum(value_usd) FILTER (WHERE exporter > importer) AS m,
                  count(*) FILTER (WHERE exporter <= importer) AS nx, count(*) FILTER (WHERE exporter > importer) AS nm
           FROM baci_flows WHERE source_id = $id GROUP BY ALL)
     GROUP BY ALL`,
    { id },
  );
  const rows = await db.all("SELECT coalesce(sum(dup_rows), 0)::DOUBLE AS d FROM baci_overlap");
  return Number(rows[0]?.d ?? 0);
}

/** Inserts every BACI rollup for one source from its rows in `baci_flows` (and temp `baci_overlap`). */
export async function buildRollups(db: StoreDb, id: string): Promise<void> {
  const p = { id };
  await db.run(
    `INSERT INTO baci_pair_chapter_year (source_id, year, exporter, importer, chapter, value_usd, products, value_sq_usd, intra_usd)
     SELECT $id, f.year, f.exporter, f.importer, f.chapter, f.v, f.n, f.v2, coalesce(o.intra, 0)
     FROM (SELECT year, exporter, importer, hs6[1:2] AS chapter, sum(value_usd) AS v, count(*)::INTEGER AS n, sum(value_usd * value_usd) AS v2
           FROM baci_flows WHERE source_id = $id GROUP BY ALL) f
     LEFT JOIN baci_overlap o ON o.year = f.year AND o.a = least(f.exporter, f.importer) AND o.b = greatest(f.exporter, f.importer) AND o.chapter = f.chapter
     ORDER BY f.year, f.exporter, f.importer, f.chapter`,
    p,
  );
  await db.run(
    `INSERT INTO baci_pair_year (source_id, year, exporter, importer, value_usd, products, value_sq_usd, intra_usd)
     SELECT $id, year, exporter, importer, sum(value_usd), sum(products)::INTEGER, sum(value_sq_usd), sum(intra_usd)
     FROM baci_pair_chapter_year WHERE source_id = $id GROUP BY ALL ORDER BY year, exporter, importer`,
    p,
  );
  await db.run(
    `INSERT INTO baci_exporter_hs6_year (source_id, year, exporter, hs6, value_usd, importers)
     SELECT $id, year, exporter, hs6, sum(value_usd), count(*)::INTEGER FROM baci_flows WHERE source_id = $id GROUP BY ALL ORDER BY year, hs6, exporter`,
    p,
  );
  await db.run(
    `INSERT INTO baci_exporter_year (source_id, year, exporter, value_usd, flows)
     SELECT $id, year, exporter, sum(value_usd), sum(products)::INTEGER FROM baci_pair_year WHERE source_id = $id GROUP BY ALL ORDER BY year, exporter`,
    p,
  );
  await db.run(
    `INSERT INTO baci_importer_year (source_id, year, importer, value_usd, flows)
     SELECT $id, year, importer, sum(value_usd), sum(products)::INTEGER FROM baci_pair_year WHERE source_id = $id GROUP BY ALL ORDER BY year, importer`,
    p,
  );
}

/** Rebuilds every BACI rollup from `baci_flows` (a version-1 store had only `baci_pair_year`, without Σv² and overlap). */
export async function rebuildAllRollups(db: StoreDb): Promise<void> {
  const ids = await db.all("SELECT DISTINCT source_id FROM baci_flows ORDER BY source_id");
  await db.inTransaction(async () => {
    for (const t of BACI_ROLLUP_TABLES) await db.run(`DELETE FROM ${t}`);
    for (const r of ids) {
      const id = String(r.source_id);
      await buildOverlap(db, id);
      await buildRollups(db, id);
    }
    await db.run("DROP TABLE IF EXISTS baci_overlap");
  });
}
