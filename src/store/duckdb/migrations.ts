/**
 * Schema creation and upgrades: a writable store is brought to {@link SCHEMA_VERSION}; one open
 * read-only that an older (or newer) tradeties wrote is refused with what to do.
 * @module
 */
import { UsageError } from "../../errors.js";
import type { StoreDb } from "./connection.js";
import { ensureEntityKeys } from "./entities.js";
import { rebuildAllRollups } from "./rollups.js";
import { BACI_ROLLUP_TABLES, SCHEMA_SQL, SCHEMA_VERSION } from "./schema.js";

export async function migrate(db: StoreDb): Promise<void> {
  const before = await schemaVersion(db);
  refuseNewer(db, before);
  if (before !== undefined && before < 3) await db.inTransaction(() => upgradeToIntegerKeys(db));
  else await db.run(SCHEMA_SQL);
  await db.run("INSERT OR REPLACE INTO meta VALUES ('schema_version', $v)", { v: String(SCHEMA_VERSION) });
}

export async function checkSchema(db: StoreDb): Promise<void> {
  const rows = await db.all("SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_name = 'sources'");
  if (Number(rows[0]?.n) === 0) {
    throw new UsageError(`${db.location} is not a tradeties store (no sources table); load data with 'tradeties ingest'`, { file: db.location });
  }
  const version = await schemaVersion(db);
  refuseNewer(db, version);
  if (version === undefined || version < SCHEMA_VERSION) {
    throw new UsageError(
      `${db.location} was written by an older tradeties (store schema ${version ?? 1}, this version reads ${SCHEMA_VERSION}); ` +
        `upgrade it in place with any ingest into it (e.g. 'tradeties ingest <a file already loaded> --store ${db.location}': the upgrade runs first and the file is not loaded twice), ` +
        `or rebuild it by ingesting the files again into a new store`,
      { file: db.location },
    );
  }
}

function refuseNewer(db: StoreDb, version: number | undefined): void {
  if (version !== undefined && version > SCHEMA_VERSION) {
    throw new UsageError(`${db.location} was written by a newer tradeties (store schema ${version}, this version reads ${SCHEMA_VERSION}); use that version or rebuild the store`, {
      file: db.location,
    });
  }
}

/** The stored schema version; undefined for a new, empty file. */
async function schemaVersion(db: StoreDb): Promise<number | undefined> {
  const t = await db.all("SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_name = 'meta'");
  if (Number(t[0]?.n) === 0) return undefined;
  const rows = await db.all("SELECT value FROM meta WHERE key = 'schema_version'");
  return rows[0] ? Number(rows[0].value) : undefined;
}

const REPORTED_TABLES = ["trade_reported", "bilateral_series", "price_series", "published_products"] as const;

/**
 * Schema 1–2 → 3: text `source_id` in every row becomes the integer `source_key` (the old load
 * sequence number), the `current_sources` view becomes the `is_current` flag, BACI rows get
 * integer entity and HS6 keys, and the rollups are rebuilt from the detail (schema 1 lacked most).
 */
async function upgradeToIntegerKeys(db: StoreDb): Promise<void> {
  const old = [...REPORTED_TABLES, "sources", "baci_flows", ...BACI_ROLLUP_TABLES];
  const present = new Set((await db.all("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'")).map((r) => String(r.table_name)));
  await db.run("DROP VIEW IF EXISTS current_sources");
  for (const t of old) if (present.has(t)) await db.run(`ALTER TABLE ${t} RENAME TO ${t}_v2`);
  await db.run(SCHEMA_SQL);
  await db.run(
    `INSERT INTO sources (source_id, source_key, is_current, file_name, adapter, dataset, dataset_key, vintage, vintage_number,
                          reported_by, loaded_at, rows_read, rows_stored, rows_rejected, rows_skipped, notes, rejects_sample)
     SELECT source_id, load_seq::INTEGER, row_number() OVER (PARTITION BY dataset_key ORDER BY load_seq DESC) = 1, file_name, adapter, dataset,
            dataset_key, vintage, vintage_number, reported_by, loaded_at, rows_read, rows_stored, rows_rejected, rows_skipped, notes, rejects_sample
     FROM sources_v2`,
  );
  for (const t of REPORTED_TABLES) {
    if (present.has(t)) await db.run(`INSERT INTO ${t} SELECT s.source_key, o.* EXCLUDE (source_id) FROM ${t}_v2 o JOIN sources s USING (source_id)`);
  }
  if (present.has("baci_flows")) {
    const codes = await db.all("SELECT DISTINCT exporter AS c FROM baci_flows_v2 UNION SELECT DISTINCT importer FROM baci_flows_v2");
    await ensureEntityKeys(db, codes.map((r) => String(r.c)));
    await db.run(
      `INSERT INTO baci_flows
       SELECT s.source_key, f.year, ex.entity_key, im.entity_key, f.hs6::INTEGER, f.value_usd, f.quantity_tonnes
       FROM baci_flows_v2 f JOIN sources s USING (source_id)
       JOIN entities ex ON ex.code = f.exporter JOIN entities im ON im.code = f.importer`,
    );
    await rebuildAllRollups(db);
  }
  for (const t of old) if (present.has(t)) await db.run(`DROP TABLE ${t}_v2`);
}
