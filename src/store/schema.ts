/**
 * DuckDB schema. Table names state their grain (tradestatistics' habit): `trade_reported` holds
 * values as one country declared them; `baci_flows` holds reconciled exporter→importer×HS6 flows.
 * Values are USD as DOUBLE; codes are VARCHAR so "010600" keeps its zero.
 * @module
 */
export const SCHEMA_VERSION = 1;

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
CREATE OR REPLACE VIEW current_sources AS
  SELECT s.* FROM sources s
  WHERE s.load_seq = (SELECT max(s2.load_seq) FROM sources s2 WHERE s2.dataset_key = s.dataset_key);
`;
