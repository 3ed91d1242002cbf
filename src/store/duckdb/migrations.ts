/**
 * Schema creation and version checks: a writable store is brought to {@link SCHEMA_VERSION}; a
 * read-only one written by an older tradeties is refused with what to do.
 * @module
 */
import { UsageError } from "../../errors.js";
import type { StoreDb } from "./connection.js";
import { rebuildAllRollups } from "./rollups.js";
import { SCHEMA_SQL, SCHEMA_VERSION } from "./schema.js";

export async function migrate(db: StoreDb): Promise<void> {
  const before = await schemaVersion(db);
  await db.run(SCHEMA_SQL);
  // Version 1 kept only baci_pair_year (no Σv², no overlap): rebuild every rollup from the detail once.
  if (before !== undefined && before < 2) await rebuildAllRollups(db);
  await db.run("INSERT OR REPLACE INTO meta VALUES ('schema_version', $v)", { v: String(SCHEMA_VERSION) });
}

/** The stored schema version; undefined for a new, empty file. */
async function schemaVersion(db: StoreDb): Promise<number | undefined> {
  const t = await db.all("SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_name = 'meta'");
  if (Number(t[0]?.n) === 0) return undefined;
  const rows = await db.all("SELECT value FROM meta WHERE key = 'schema_version'");
  return rows[0] ? Number(rows[0].value) : undefined;
}

export async function checkSchema(db: StoreDb): Promise<void> {
  const rows = await db.all("SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_name = 'sources'");
  if (Number(rows[0]?.n) === 0) {
    throw new UsageError(`${db.location} is not a tradeties store (no sources table); load data with 'tradeties ingest'`, { file: db.location });
  }
  const version = await schemaVersion(db);
  if (version !== undefined && version < SCHEMA_VERSION) {
    throw new UsageError(
      `${db.location} was written by an older tradeties (schema ${version}, need ${SCHEMA_VERSION}); open it once for writing (e.g. 'tradeties ingest' of any file) to migrate it`,
      { file: db.location },
    );
  }
}
