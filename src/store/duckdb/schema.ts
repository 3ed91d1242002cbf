/**
 * DuckDB schema, version 3. Table names state their grain (tradestatistics' habit): `trade_reported`
 * holds values as one country declared them; `baci_flows` holds reconciled exporter→importer×HS6
 * flows. Values are USD as DOUBLE. Why each choice: docs/store-schema.md.
 *
 * Keys are integers wherever a column repeats in millions of rows: every data row names its load
 * by `source_key` (not the 64-character sha256 `source_id`, which lives once in `sources`); BACI
 * rows name countries by `entities.entity_key` (SMALLINT) and products by `hs6` as INTEGER
 * (010600 → 10600; rendered back with its zero at the store boundary). Reported tables (DOTS,
 * Comtrade, series) are small and keep entity codes as text.
 * @module
 */
export const SCHEMA_VERSION = 3;

/**
 * BACI rollups, all maintained at ingest from the rows of one source (see `rollups.ts`), so that
 * a pair profile never scans `baci_flows`:
 * - `baci_pair_chapter_year`: year × exporter × importer × HS chapter, with Σv² (HHI over HS6 lines)
 *   and `intra_usd` = Σ_k min(x_ij,k, x_ji,k) over the chapter's HS6 lines (Grubel–Lloyd at HS6);
 * - `baci_pair_year`: the same summed over chapters;
 * - `baci_exporter_hs6_year`: world exports by exporter × HS6 (RCA numerators and world product totals);
 * - `baci_exporter_chapter_year`, `baci_importer_chapter_year`: a country's exports / imports with the
 *   world by HS chapter (chapter-level RCA, complementarity, similarity without HS6 rows);
 * - `baci_exporter_year`, `baci_importer_year`: world exports / imports by country.
 */
export const BACI_ROLLUP_TABLES = [
  "baci_pair_year",
  "baci_pair_chapter_year",
  "baci_exporter_hs6_year",
  "baci_exporter_chapter_year",
  "baci_importer_chapter_year",
  "baci_exporter_year",
  "baci_importer_year",
] as const;

/** Every table whose rows belong to one load (`source_key`): what dropping a source deletes from. */
export const SOURCE_DATA_TABLES = ["trade_reported", "bilateral_series", "price_series", "published_products", "baci_flows", ...BACI_ROLLUP_TABLES] as const;

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE SEQUENCE IF NOT EXISTS load_seq START 1;
CREATE TABLE IF NOT EXISTS sources (
  source_id VARCHAR PRIMARY KEY,
  source_key INTEGER NOT NULL UNIQUE,
  is_current BOOLEAN NOT NULL,
  file_name VARCHAR NOT NULL,
  adapter VARCHAR NOT NULL,
  dataset VARCHAR NOT NULL,
  dataset_key VARCHAR NOT NULL,
  vintage VARCHAR NOT NULL,
  vintage_number INTEGER NOT NULL,
  reported_by VARCHAR NOT NULL,
  loaded_at VARCHAR NOT NULL,
  rows_read BIGINT NOT NULL,
  rows_stored BIGINT NOT NULL,
  rows_rejected BIGINT NOT NULL,
  rows_skipped BIGINT NOT NULL,
  notes VARCHAR NOT NULL,
  rejects_sample VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS entities (
  entity_key SMALLINT PRIMARY KEY,
  code VARCHAR NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS trade_reported (
  source_key INTEGER NOT NULL,
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
  source_key INTEGER NOT NULL,
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
  source_key INTEGER NOT NULL,
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
  source_key INTEGER NOT NULL,
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
  source_key INTEGER NOT NULL,
  year SMALLINT NOT NULL,
  exporter SMALLINT NOT NULL,
  importer SMALLINT NOT NULL,
  hs6 INTEGER NOT NULL,
  value_usd DOUBLE NOT NULL,
  quantity_tonnes DOUBLE
);
CREATE TABLE IF NOT EXISTS baci_pair_year (
  source_key INTEGER NOT NULL,
  year SMALLINT NOT NULL,
  exporter SMALLINT NOT NULL,
  importer SMALLINT NOT NULL,
  value_usd DOUBLE NOT NULL,
  products INTEGER NOT NULL,
  value_sq_usd DOUBLE NOT NULL,
  intra_usd DOUBLE NOT NULL
);
CREATE TABLE IF NOT EXISTS baci_pair_chapter_year (
  source_key INTEGER NOT NULL,
  year SMALLINT NOT NULL,
  exporter SMALLINT NOT NULL,
  importer SMALLINT NOT NULL,
  chapter SMALLINT NOT NULL,
  value_usd DOUBLE NOT NULL,
  products INTEGER NOT NULL,
  value_sq_usd DOUBLE NOT NULL,
  intra_usd DOUBLE NOT NULL
);
CREATE TABLE IF NOT EXISTS baci_exporter_hs6_year (
  source_key INTEGER NOT NULL,
  year SMALLINT NOT NULL,
  exporter SMALLINT NOT NULL,
  hs6 INTEGER NOT NULL,
  value_usd DOUBLE NOT NULL,
  importers INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS baci_exporter_chapter_year (
  source_key INTEGER NOT NULL,
  year SMALLINT NOT NULL,
  exporter SMALLINT NOT NULL,
  chapter SMALLINT NOT NULL,
  value_usd DOUBLE NOT NULL,
  lines INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS baci_importer_chapter_year (
  source_key INTEGER NOT NULL,
  year SMALLINT NOT NULL,
  importer SMALLINT NOT NULL,
  chapter SMALLINT NOT NULL,
  value_usd DOUBLE NOT NULL,
  lines INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS baci_exporter_year (
  source_key INTEGER NOT NULL,
  year SMALLINT NOT NULL,
  exporter SMALLINT NOT NULL,
  value_usd DOUBLE NOT NULL,
  flows INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS baci_importer_year (
  source_key INTEGER NOT NULL,
  year SMALLINT NOT NULL,
  importer SMALLINT NOT NULL,
  value_usd DOUBLE NOT NULL,
  flows INTEGER NOT NULL
);
-- Set by restorePreviousVintage: rows kept, never the current vintage again (src/store/duckdb/vintages.ts).
ALTER TABLE sources ADD COLUMN IF NOT EXISTS withdrawn BOOLEAN DEFAULT false;
`;
