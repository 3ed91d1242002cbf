/**
 * DuckDB schema. Table names state their grain (tradestatistics' habit): `trade_reported` holds
 * values as one country declared them; `baci_flows` holds reconciled exporter→importer×HS6 flows.
 * Values are USD as DOUBLE; codes are VARCHAR so "010600" keeps its zero.
 * @module
 */
export const SCHEMA_VERSION = 2;

/**
 * BACI rollups, all maintained at ingest from the rows of one source (see `rollups.ts`),
 * so that a pair profile never scans `baci_flows`:
 * - `baci_pair_chapter_year`: year × exporter × importer × HS chapter, with Σv² (HHI over HS6 lines)
 *   and `intra_usd` = Σ_k min(x_ij,k, x_ji,k) over the chapter's HS6 lines (Grubel–Lloyd at HS6);
 * - `baci_pair_year`: the same summed over chapters;
 * - `baci_exporter_hs6_year`: world exports by exporter × HS6 (RCA numerators and world product totals);
 * - `baci_exporter_year`, `baci_importer_year`: world exports / imports by country.
 * Version 2 added every table but `baci_pair_year` and its `value_sq_usd`/`intra_usd` columns; a
 * version-1 store is migrated by rebuilding the rollups from `baci_flows` (see `migrations.ts`).
 */
export const BACI_ROLLUP_TABLES = ["baci_pair_year", "baci_pair_chapter_year", "baci_exporter_hs6_year", "baci_exporter_year", "baci_importer_year"] as const;

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE SEQUENCE IF NOT EXISTS load_seq START 1;
CREATE TABLE IF NOT EXISTS sources (
  source_id VARCHAR PRIMARY KEY,
  file_name VARCHAR NOT NULL,
  adapter VARCHAR NOT NULL,
  dataset VARCHAR NOT NULL,
  dataset_key VARCHAR NOT NULL,
  vintage VARCHAR NOT NULL,
  vintage_number INTEGER NOT NULL,
  load_seq BIGINT NOT NULL,
  reported_by VARCHAR NOT NULL,
  loaded_at VARCHAR NOT NULL,
  rows_read BIGINT NOT NULL,
  rows_stored BIGINT NOT NULL,
  rows_rejected BIGINT NOT NULL,
  rows_skipped BIGINT NOT NULL,
  notes VARCHAR NOT NULL,
  rejects_sample VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS trade_reported (
  source_id VARCHAR NOT NULL,
  line INTEGER NOT NULL,
  cell VARCHAR,
  year INTEGER NOT NULL,
  reporter VARCHAR NOT NULL,
  partner VARCHAR NOT NULL,
  partner_kind VARCHAR NOT NULL,
  flow VARCHAR NOT NULL,
  product_code VARCHAR NOT NULL,
  classification VARCHAR NOT NULL,
  value_usd DOUBLE NOT NULL,
  valuation VARCHAR NOT NULL,
  estimated BOOLEAN NOT NULL,
  quantity DOUBLE,
  quantity_unit VARCHAR
);
CREATE TABLE IF NOT EXISTS bilateral_series (
  source_id VARCHAR NOT NULL,
  line INTEGER NOT NULL,
  cell VARCHAR,
  period VARCHAR NOT NULL,
  year INTEGER NOT NULL,
  month INTEGER,
  from_entity VARCHAR NOT NULL,
  to_entity VARCHAR NOT NULL,
  metric VARCHAR NOT NULL,
  breakdown VARCHAR NOT NULL,
  value DOUBLE NOT NULL,
  unit VARCHAR NOT NULL,
  published_point BOOLEAN NOT NULL,
  approximate BOOLEAN NOT NULL,
  publisher VARCHAR,
  source_url VARCHAR,
  published VARCHAR,
  note VARCHAR
);
CREATE TABLE IF NOT EXISTS price_series (
  source_id VARCHAR NOT NULL,
  line INTEGER NOT NULL,
  series VARCHAR NOT NULL,
  date VARCHAR NOT NULL,
  year INTEGER NOT NULL,
  month INTEGER,
  frequency VARCHAR NOT NULL,
  value DOUBLE NOT NULL,
  unit VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS published_products (
  source_id VARCHAR NOT NULL,
  line INTEGER NOT NULL,
  period VARCHAR NOT NULL,
  year INTEGER NOT NULL,
  reporter VARCHAR NOT NULL,
  partner VARCHAR NOT NULL,
  flow VARCHAR NOT NULL,
  classification VARCHAR NOT NULL,
  code VARCHAR NOT NULL,
  product VARCHAR NOT NULL,
  value_usd DOUBLE,
  share DOUBLE,
  publisher VARCHAR,
  source_url VARCHAR,
  published VARCHAR,
  note VARCHAR
);
CREATE TABLE IF NOT EXISTS baci_flows (
  source_id VARCHAR NOT NULL,
  year INTEGER NOT NULL,
  exporter VARCHAR NOT NULL,
  importer VARCHAR NOT NULL,
  hs6 VARCHAR NOT NULL,
  value_usd DOUBLE NOT NULL,
  quantity_tonnes DOUBLE
);
CREATE TABLE IF NOT EXISTS baci_pair_year (
  source_id VARCHAR NOT NULL,
  year INTEGER NOT NULL,
  exporter VARCHAR NOT NULL,
  importer VARCHAR NOT NULL,
  value_usd DOUBLE NOT NULL,
  products INTEGER NOT NULL
);
ALTER TABLE baci_pair_year ADD COLUMN IF NOT EXISTS value_sq_usd DOUBLE;
ALTER TABLE baci_pair_year ADD COLUMN IF NOT EXISTS intra_usd DOUBLE;
CREATE TABLE IF NOT EXISTS baci_pair_chapter_year (
  source_id VARCHAR NOT NULL,
  year INTEGER NOT NULL,
  exporter VARCHAR NOT NULL,
  importer VARCHAR NOT NULL,
  chapter VARCHAR NOT NULL,
  value_usd DOUBLE NOT NULL,
  products INTEGER NOT NULL,
  value_sq_usd DOUBLE NOT NULL,
  intra_usd DOUBLE NOT NULL
);
CREATE TABLE IF NOT EXISTS baci_exporter_hs6_year (
  source_id VARCHAR NOT NULL,
  year INTEGER NOT NULL,
  exporter VARCHAR NOT NULL,
  hs6 VARCHAR NOT NULL,
  value_usd DOUBLE NOT NULL,
  importers INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS baci_exporter_year (
  source_id VARCHAR NOT NULL,
  year INTEGER NOT NULL,
  exporter VARCHAR NOT NULL,
  value_usd DOUBLE NOT NULL,
  flows INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS baci_importer_year (
  source_id VARCHAR NOT NULL,
  year INTEGER NOT NULL,
  importer VARCHAR NOT NULL,
  value_usd DOUBLE NOT NULL,
  flows INTEGER NOT NULL
);
-- The latest load of each dataset key. A window, not a correlated subquery: one pass over sources.
CREATE OR REPLACE VIEW current_sources AS
  SELECT * EXCLUDE (rn) FROM (
    SELECT s.*, row_number() OVER (PARTITION BY s.dataset_key ORDER BY s.load_seq DESC) AS rn FROM sources s
  ) WHERE rn = 1;
`;
