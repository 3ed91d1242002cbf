/**
 * Vintage operations on a ClickHouse store, with the DuckDB store's semantics
 * (src/store/duckdb/vintages.ts): the current load of a key with its years; withdrawing the
 * current vintage so the previous one is used again; dropping a source with everything it stored.
 * Each change becomes visible in one single-row insert into `source_states` (see snapshot.ts);
 * a drop then removes the source's rows, which no reader reads any more.
 * @module
 */
import { TradetiesError } from "../../errors.js";
import { noEarlierVintage, noSuchSource, nothingUnderKey } from "../sourceRows.js";
import type { SourceRecord, VintageChange, VintageCoverage } from "../TradeStore.js";
import type { ClickHouseTradeStore } from "./ClickHouseTradeStore.js";
import { currentKeyOf, SOURCE_STATE, type Snapshot } from "./snapshot.js";
import { int, join, sql } from "./sql.js";

/** Tables with a `year` per row that together give a source's years (BACI's from its smallest rollup). */
const YEAR_TABLES = ["trade_reported", "bilateral_series", "price_series", "published_products", "baci_exporter_year"];

function currentOf(snap: Snapshot, datasetKey: string): SourceRecord | undefined {
  const key = currentKeyOf(snap, datasetKey);
  return key === undefined ? undefined : snap.byKey.get(key);
}

export async function currentVintage(store: ClickHouseTradeStore, datasetKey: string): Promise<VintageCoverage | undefined> {
  const snap = await store.snapshot();
  const key = currentKeyOf(snap, datasetKey);
  if (key === undefined) return undefined;
  const perTable = YEAR_TABLES.map((t) => sql`SELECT year FROM ${store.table(t)} WHERE source_key = ${int(key)}`);
  const rows = await store.home.rows(sql`SELECT DISTINCT year FROM (${join(perTable, " UNION ALL ")}) ORDER BY year`);
  return { source: snap.byKey.get(key)!, years: rows.map((r) => Number(r.year)) };
}

async function setState(store: ClickHouseTradeStore, key: number, state: number): Promise<void> {
  await store.home.insertRows(store.table("source_states"), [{ source_key: key, state, changed_at: new Date().toISOString() }]);
}

export async function restorePreviousVintage(store: ClickHouseTradeStore, datasetKey: string): Promise<VintageChange> {
  const snap = await store.refresh();
  const key = currentKeyOf(snap, datasetKey);
  if (key === undefined) throw nothingUnderKey(datasetKey);
  const current = snap.byKey.get(key)!;
  if (!snap.sources.some((s) => s.datasetKey === datasetKey && s.superseded)) throw noEarlierVintage(datasetKey, current);
  await setState(store, key, SOURCE_STATE.withdrawn);
  return { removed: { ...current }, current: currentOf(await store.refresh(), datasetKey) };
}

export async function dropSource(store: ClickHouseTradeStore, sourceId: string): Promise<VintageChange> {
  const snap = await store.refresh();
  const key = snap.keyOf.get(sourceId);
  const removed = key === undefined ? undefined : snap.byKey.get(key);
  if (key === undefined || !removed) throw noSuchSource(sourceId);
  await setState(store, key, SOURCE_STATE.dropped);
  const after = await store.refresh();
  const problems = await store.dropRowsOf(key);
  if (problems.length > 0) {
    throw new TradetiesError(
      `dropped ${removed.fileName} (no query reads it any more), but removing its rows failed: ${problems[0]}; they stay invisible, under source key ${key}`,
    );
  }
  return { removed: { ...removed }, current: currentOf(after, removed.datasetKey) };
}
