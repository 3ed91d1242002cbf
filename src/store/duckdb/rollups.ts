/**
 * BACI rollups, built at ingest from one load's rows in `baci_flows` (schema.ts says what each
 * holds), so that a pair profile never scans the HS6 detail. One INSERT per rollup, each from the
 * smallest table that has its grain: measured faster than one aggregate feeding all of them.
 * @module
 */
import { UsageError } from "../../errors.js";
import type { StoreDb } from "./connection.js";
import { BACI_ROLLUP_TABLES } from "./schema.js";

/**
 * A load's HS6 lines are processed in this many rows at a time where a statement holds them all in
 * a hash table (the reverse-line join, the duplicate-key check): past a few million rows that table
 * alone outgrows the engine's memory limit and spills, which made peak memory and time grow with
 * the file. Measured at 20 M rows (1 thread, bench ingest-only runs of 2026-12-02): one pass
 * 1.3–1.9 GiB RSS; parts of 4 M 1.1–1.3 GiB (1.2 GiB is the target); parts of 2 M 0.81–0.83 GiB,
 * 1.08–1.12 × the 10 M figure, for the same CPU at 3.4 M and 10 M rows and 5–9 % more at 20 M;
 * parts of 1 M 0.70 GiB for 15–25 % more CPU.
 */
export const PART_ROWS = 2_000_000;

/** {@link PART_ROWS}, or TRADETIES_INGEST_PART_ROWS (smaller parts for less memory; tests use it to exercise the split on small files). */
function partRows(): number {
  const text = process.env.TRADETIES_INGEST_PART_ROWS;
  if (text === undefined || text === "") return PART_ROWS;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`TRADETIES_INGEST_PART_ROWS must be a whole number of rows, 1 or more; got "${text}"`, { field: "TRADETIES_INGEST_PART_ROWS" });
  return n;
}

/**
 * SQL predicates that split one load's lines into parts of about {@link PART_ROWS} rows, by the
 * unordered pair, so that both directions of a pair (and every copy of a key) fall in the same part.
 */
export function pairParts(rows: number, alias = ""): string[] {
  const parts = Math.max(1, Math.ceil(rows / partRows()));
  if (parts === 1) return ["true"];
  const a = alias ? `${alias}.` : "";
  return Array.from({ length: parts }, (_, p) => `least(${a}exporter, ${a}importer) % ${parts} = ${p}`);
}

/**
 * `baci_pair_chapter_year` for one load, the pre-aggregate every other pair and country rollup is
 * summed from. Each HS6 line is joined to its reverse line (same year and product, exporter and
 * importer swapped) in the same statement that aggregates it, so the Grubel–Lloyd overlap
 * Σ_k min(x_ij,k, x_ji,k) needs no table of its own: a line without a reverse adds 0. Needs unique
 * (t,i,j,k) keys, or a line would meet its reverse twice. One INSERT per part of the pairs.
 */
async function buildPairChapters(db: StoreDb, sourceKey: number, rows: number): Promise<void> {
  for (const part of pairParts(rows, "x")) {
    await db.run(
      `INSERT INTO baci_pair_chapter_year (source_key, year, exporter, importer, chapter, value_usd, products, value_sq_usd, intra_usd)
       SELECT $sk, x.year, x.exporter, x.importer, (x.hs6 // 10000)::SMALLINT AS chapter, sum(x.value_usd), count(*)::INTEGER, sum(x.value_usd * x.value_usd),
              coalesce(sum(CASE WHEN m.value_usd IS NULL THEN 0 ELSE least(x.value_usd, m.value_usd) END), 0)
       FROM (SELECT * FROM baci_flows x WHERE x.source_key = $sk AND ${part}) x
       LEFT JOIN (SELECT * FROM baci_flows x WHERE x.source_key = $sk AND ${part}) m
         ON m.year = x.year AND m.exporter = x.importer AND m.importer = x.exporter AND m.hs6 = x.hs6
       GROUP BY ALL
       ORDER BY x.year, x.exporter, x.importer, chapter`,
      { sk: sourceKey },
    );
  }
}

/**
 * Inserts every BACI rollup for one load. Caller holds the transaction; keys must be unique. Two
 * statements read the HS6 detail (pair × chapter, exporter × HS6: neither grain contains the
 * other); every other rollup is summed from the pair × chapter one, which is ~3× smaller.
 */
export async function buildRollups(db: StoreDb, sourceKey: number, rows: number): Promise<void> {
  const p = { sk: sourceKey };
  await buildPairChapters(db, sourceKey, rows);
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
  const keys = await db.all("SELECT source_key, count(*)::DOUBLE AS n FROM baci_flows GROUP BY source_key ORDER BY source_key");
  for (const r of keys) await buildRollups(db, Number(r.source_key), Number(r.n));
}
