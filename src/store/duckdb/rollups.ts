/**
 * BACI rollups, built at ingest from one load's rows in `baci_flows` (schema.ts says what each
 * holds), so that a pair profile never scans the HS6 detail. One INSERT per rollup, each from the
 * smallest table that has its grain: measured faster than one aggregate feeding all of them.
 * @module
 */
import type { StoreDb } from "./connection.js";
import { BACI_ROLLUP_TABLES } from "./schema.js";

/**
 * Temp `baci_overlap`: Σ_k min(x_ij,k, x_ji,k) by year × exporter × importer × chapter, from this
 * load's two-way lines only. A self-join of `baci_flows` on the reversed pair: lines without a
 * reverse line contribute nothing and never enter an aggregate. Needs unique (t,i,j,k) keys.
 */
async function buildOverlap(db: StoreDb, sourceKey: number): Promise<void> {
  await db.run(
    `CREATE OR REPLACE TEMP TABLE baci_overlap AS
     SELECT x.year, x.exporter, x.importer, (x.hs6 // 10000)::SMALLINT AS chapter, sum(least(x.value_usd, m.value_usd)) AS intra
     FROM baci_flows x JOIN baci_flows m
       ON m.year = x.year AND m.exporter = x.importer AND m.importer = x.exporter AND m.hs6 = x.hs6
     WHERE x.source_key = $sk AND m.source_key = $sk
     GROUP BY ALL`,
    { sk: sourceKey },
  );
}

/** Inserts every BACI rollup for one load. Caller holds the transaction; keys must be unique. */
export async function buildRollups(db: StoreDb, sourceKey: number): Promise<void> {
  const p = { sk: sourceKey };
  await buildOverlap(db, sourceKey);
  await db.run(
    `INSERT INTO baci_pair_chapter_year (source_key, year, exporter, importer, chapter, value_usd, products, value_sq_usd, intra_usd)
     SELECT $sk, f.year, f.exporter, f.importer, f.chapter, f.v, f.n, f.v2, coalesce(o.intra, 0)
     FROM (SELECT year, exporter, importer, (hs6 // 10000)::SMALLINT AS chapter, sum(value_usd) AS v, count(*)::INTEGER AS n, sum(value_usd * value_usd) AS v2
           FROM baci_flows WHERE source_key = $sk GROUP BY ALL) f
     LEFT JOIN baci_overlap o USING (year, exporter, importer, chapter)
     ORDER BY f.year, f.exporter, f.importer, f.chapter`,
    p,
  );
  await db.run("DROP TABLE baci_overlap");
  await db.run(
    `INSERT INTO baci_pair_year (source_key, year, exporter, importer, value_usd, products, value_sq_usd, intra_usd)
     SELECT $sk, year, exporter, importer, sum(value_usd), sum(products)::INTEGER, sum(value_sq_usd), sum(intra_usd)
     FROM baci_pair_chapter_year WHERE source_key = $sk GROUP BY ALL ORDER BY year, exporter, importer`,
    p,
  );
  await db.run(
    `INSERT INTO baci_exporter_hs6_year (source_key, year, exporter, hs6, value_usd, importers)
     SELECT $sk, year, exporter, hs6, sum(value_usd), count(*)::INTEGER FROM baci_flows WHERE source_key = $sk GROUP BY ALL ORDER BY year, hs6, exporter`,
    p,
  );
  await db.run(
    `INSERT INTO baci_exporter_chapter_year (source_key, year, exporter, chapter, value_usd, lines)
     SELECT $sk, year, exporter, chapter, sum(value_usd), sum(products)::INTEGER FROM baci_pair_chapter_year WHERE source_key = $sk GROUP BY ALL ORDER BY year, chapter, exporter`,
    p,
  );
  await db.run(
    `INSERT INTO baci_importer_chapter_year (source_key, year, importer, chapter, value_usd, lines)
     SELECT $sk, year, importer, chapter, sum(value_usd), sum(products)::INTEGER FROM baci_pair_chapter_year WHERE source_key = $sk GROUP BY ALL ORDER BY year, chapter, importer`,
    p,
  );
  await db.run(
    `INSERT INTO baci_exporter_year (source_key, year, exporter, value_usd, flows)
     SELECT $sk, year, exporter, sum(value_usd), sum(products)::INTEGER FROM baci_pair_year WHERE source_key = $sk GROUP BY ALL ORDER BY year, exporter`,
    p,
  );
  await db.run(
    `INSERT INTO baci_importer_year (source_key, year, importer, value_usd, flows)
     SELECT $sk, year, importer, sum(value_usd), sum(products)::INTEGER FROM baci_pair_year WHERE source_key = $sk GROUP BY ALL ORDER BY year, importer`,
    p,
  );
}

/** Rebuilds every BACI rollup from `baci_flows` (a migration). Caller holds the transaction. */
export async function rebuildAllRollups(db: StoreDb): Promise<void> {
  for (const t of BACI_ROLLUP_TABLES) await db.run(`DELETE FROM ${t}`);
  const keys = await db.all("SELECT DISTINCT source_key FROM baci_flows ORDER BY source_key");
  for (const r of keys) await buildRollups(db, Number(r.source_key));
}
