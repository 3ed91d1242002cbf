/**
 * ClickHouse schema. Same grain and names as the DuckDB store (src/store/schema.ts), with integer
 * keys: a source is `source_key` (UInt32, its load order), a country or group `entity_id`
 * (UInt16, table `entities`), an HS6 product `hs6` (UInt32, 10600 = "010600"), an HS chapter
 * `chapter` (UInt8). Values are USD as Float64.
 *
 * Placement:
 * - bookkeeping (`sources`, `load_attempts`, `entities`, `meta`) and the small datasets (DOTS,
 *   Comtrade, series, prices, published points) are MergeTree tables on the server the store
 *   address names: they are megabytes, and every query of them is a point lookup;
 * - BACI detail and its rollups are the big tables. In cluster mode each is `<name>_local`
 *   (MergeTree) on every shard behind a `Distributed` table `<name>`. The pair tables shard by the
 *   unordered pair, cityHash64(least(exporter, importer), greatest(exporter, importer)): both
 *   directions of a pair land on one shard, so a pair's rows (and the two-way Grubel–Lloyd overlap)
 *   are answered by one shard with no shuffle; the country rollups shard by their country.
 *
 * Every data table is partitioned by `source_key`: a failed load is removed by dropping one
 * partition, and a read that names the visible sources prunes the others.
 * @module
 */
import { ident, qualified, raw, sql, type SqlFragment } from "./sql.js";

export const CLICKHOUSE_SCHEMA_VERSION = 1;

/** Columns shared by every table that holds a file's rows. */
const PER_SOURCE = "source_key UInt32";

/** Small tables, on the store's own server. */
export const HOME_TABLES: Record<string, { columns: string; orderBy: string; partitioned: boolean }> = {
  meta: { columns: "key String, value String", orderBy: "key", partitioned: false },
  load_attempts: { columns: "source_key UInt32, source_id String, started_at String", orderBy: "source_key", partitioned: false },
  entities: { columns: "entity_id UInt16, code String", orderBy: "entity_id", partitioned: false },
  /** Vintage changes, one row each (snapshot.ts): a source withdrawn (state 1) or dropped (2). */
  source_states: { columns: "source_key UInt32, state UInt8, changed_at String", orderBy: "source_key", partitioned: false },
  sources: {
    columns: `${PER_SOURCE}, source_id String, file_name String, adapter String, dataset String, dataset_key String, vintage String,
      vintage_number UInt32, reported_by String, loaded_at String, rows_read UInt64, rows_stored UInt64, rows_rejected UInt64,
      rows_skipped UInt64, notes String, rejects_sample String`,
    orderBy: "source_key",
    partitioned: false,
  },
  trade_reported: {
    columns: `${PER_SOURCE}, line UInt32, cell Nullable(String), year UInt16, reporter UInt16, partner UInt16, partner_kind String,
      flow String, product_code String, classification String, value_usd Float64, valuation String, estimated UInt8,
      quantity Nullable(Float64), quantity_unit Nullable(String)`,
    orderBy: "reporter, partner, year",
    partitioned: true,
  },
  bilateral_series: {
    columns: `${PER_SOURCE}, line UInt32, cell Nullable(String), period String, year UInt16, month Nullable(UInt8), from_entity UInt16,
      to_entity UInt16, metric String, breakdown String, value Float64, unit String, published_point UInt8, approximate UInt8,
      publisher Nullable(String), source_url Nullable(String), published Nullable(String), note Nullable(String)`,
    orderBy: "from_entity, to_entity, year",
    partitioned: true,
  },
  price_series: {
    columns: `${PER_SOURCE}, line UInt32, series String, date String, year UInt16, month Nullable(UInt8), frequency String, value Float64, unit String`,
    orderBy: "series, date",
    partitioned: true,
  },
  published_products: {
    columns: `${PER_SOURCE}, line UInt32, period String, year UInt16, reporter UInt16, partner UInt16, flow String, classification String,
      code String, product String, value_usd Nullable(Float64), share Nullable(Float64), publisher Nullable(String),
      source_url Nullable(String), published Nullable(String), note Nullable(String)`,
    orderBy: "reporter, partner, year",
    partitioned: true,
  },
};

const PAIR_SHARD = "cityHash64(least(exporter, importer), greatest(exporter, importer))";

/** BACI tables: sharded in cluster mode. */
export const BACI_TABLES: Record<string, { columns: string; orderBy: string; shardBy: string }> = {
  baci_flows: {
    columns: `${PER_SOURCE}, year UInt16, exporter UInt16, importer UInt16, hs6 UInt32, value_usd Float64, quantity_tonnes Nullable(Float64)`,
    orderBy: "exporter, importer, year, hs6",
    shardBy: PAIR_SHARD,
  },
  baci_pair_chapter_year: {
    columns: `${PER_SOURCE}, year UInt16, exporter UInt16, importer UInt16, chapter UInt8, value_usd Float64, products UInt32, value_sq_usd Float64, intra_usd Float64`,
    orderBy: "exporter, importer, year, chapter",
    shardBy: PAIR_SHARD,
  },
  baci_pair_year: {
    columns: `${PER_SOURCE}, year UInt16, exporter UInt16, importer UInt16, value_usd Float64, products UInt32, value_sq_usd Float64, intra_usd Float64`,
    orderBy: "exporter, importer, year",
    shardBy: PAIR_SHARD,
  },
  baci_exporter_hs6_year: {
    columns: `${PER_SOURCE}, year UInt16, exporter UInt16, hs6 UInt32, value_usd Float64, importers UInt32`,
    orderBy: "exporter, hs6, year",
    shardBy: "cityHash64(exporter)",
  },
  baci_exporter_chapter_year: {
    columns: `${PER_SOURCE}, year UInt16, exporter UInt16, chapter UInt8, value_usd Float64, lines UInt32`,
    orderBy: "exporter, chapter, year",
    shardBy: "cityHash64(exporter)",
  },
  baci_importer_chapter_year: {
    columns: `${PER_SOURCE}, year UInt16, importer UInt16, chapter UInt8, value_usd Float64, lines UInt32`,
    orderBy: "importer, chapter, year",
    shardBy: "cityHash64(importer)",
  },
  baci_exporter_year: {
    columns: `${PER_SOURCE}, year UInt16, exporter UInt16, value_usd Float64, flows UInt32`,
    orderBy: "exporter, year",
    shardBy: "cityHash64(exporter)",
  },
  baci_importer_year: {
    columns: `${PER_SOURCE}, year UInt16, importer UInt16, value_usd Float64, flows UInt32`,
    orderBy: "importer, year",
    shardBy: "cityHash64(importer)",
  },
};

export type BaciTable = keyof typeof BACI_TABLES;
export type HomeTable = keyof typeof HOME_TABLES;

/** Table definitions are constants of this module, never input: they are spliced as trusted text. */
function trusted(text: string): SqlFragment {
  return sql`${raw([text] as unknown as TemplateStringsArray)}`;
}

function mergeTree(database: string, table: string, def: { columns: string; orderBy: string }, partitioned: boolean): SqlFragment {
  const partition = partitioned ? "PARTITION BY source_key " : "";
  return sql`CREATE TABLE IF NOT EXISTS ${qualified(database, table)} (${trusted(def.columns)}) ENGINE = MergeTree() ${trusted(partition)}ORDER BY (${trusted(def.orderBy)})`;
}

export function homeTableDdl(database: string): SqlFragment[] {
  return Object.entries(HOME_TABLES).map(([name, def]) => mergeTree(database, name, def, def.partitioned));
}

/** The physical MergeTree behind a BACI table: `<name>_local` in cluster mode, `<name>` otherwise. */
export function baciPhysicalName(table: string, cluster: string | undefined): string {
  return cluster ? `${table}_local` : table;
}

/** DDL for the MergeTree tables holding BACI rows (run on every shard in cluster mode). */
export function baciLocalDdl(database: string, cluster: string | undefined): SqlFragment[] {
  return Object.entries(BACI_TABLES).map(([name, def]) => mergeTree(database, baciPhysicalName(name, cluster), def, true));
}

/** DDL for the Distributed tables over the shards' local tables (cluster mode, on the store's server). */
export function baciDistributedDdl(database: string, cluster: string): SqlFragment[] {
  return Object.entries(BACI_TABLES).map(
    ([name, def]) =>
      sql`CREATE TABLE IF NOT EXISTS ${qualified(database, name)} AS ${qualified(database, `${name}_local`)}
          ENGINE = Distributed(${ident(cluster)}, ${ident(database)}, ${ident(`${name}_local`)}, ${trusted(def.shardBy)})`,
  );
}
