/**
 * What readers of a ClickHouse store see: the visible sources and entity codes at one moment.
 *
 * A load is visible once its `sources` row exists. A vintage change is one more single-row insert,
 * into `source_states`: a source's state there withdraws it (listed, read by no query: the
 * previous vintage of its key is current again) or drops it (no longer listed; its rows are then
 * removed). Each is one atomic step, so a reader sees the store before or after a change, never
 * between. The sources and their states are read in one statement, so one snapshot is consistent.
 * @module
 */
import type { SourceRecord } from "../TradeStore.js";
import { sourceRecordFrom } from "../sourceRows.js";
import type { ClickHouseConnection } from "./connection.js";
import { sql, type SqlFragment } from "./sql.js";

/** `source_states.state`: a higher state wins over a lower one for the same source. */
export const SOURCE_STATE = { withdrawn: 1, dropped: 2 } as const;

export interface Snapshot {
  /** Listed sources (not dropped), in load order. */
  sources: SourceRecord[];
  keyOf: Map<string, number>;
  byKey: Map<number, SourceRecord>;
  /** Keys of the latest load of each dataset key that is not withdrawn, ascending. */
  current: number[];
  entityCode: Map<number, string>;
  entityId: Map<string, number>;
}

/** `table(name)` names a table of the store; `withStates` is false for a store written before `source_states` existed. */
export async function readSnapshot(home: ClickHouseConnection, table: (name: string) => SqlFragment, withStates: boolean): Promise<Snapshot> {
  const states = withStates
    ? sql`ANY LEFT JOIN (SELECT source_key, max(state) AS state FROM ${table("source_states")} GROUP BY source_key) USING source_key`
    : sql``;
  const [sourceRows, entityRows] = await Promise.all([
    home.rows(
      sql`SELECT source_key, source_id, file_name, adapter, dataset, dataset_key, vintage, vintage_number, reported_by, loaded_at,
                 toFloat64(rows_read) AS rows_read, toFloat64(rows_stored) AS rows_stored, toFloat64(rows_rejected) AS rows_rejected,
                 toFloat64(rows_skipped) AS rows_skipped, notes${withStates ? sql`, state` : sql``}
          FROM ${table("sources")} ${states} ORDER BY source_key`,
    ),
    home.rows(sql`SELECT entity_id, code FROM ${table("entities")}`),
  ]);
  const keyOf = new Map<string, number>();
  const byKey = new Map<number, SourceRecord>();
  const latest = new Map<string, number>();
  const sources: SourceRecord[] = [];
  for (const r of sourceRows) {
    const state = Number(r.state ?? 0);
    if (state === SOURCE_STATE.dropped) continue;
    const key = Number(r.source_key);
    const sourceId = String(r.source_id);
    if (keyOf.has(sourceId)) continue;
    const source = sourceRecordFrom(r, { superseded: false, withdrawn: state === SOURCE_STATE.withdrawn });
    keyOf.set(sourceId, key);
    byKey.set(key, source);
    sources.push(source);
    if (!source.withdrawn) latest.set(source.datasetKey, key);
  }
  const current = new Set(latest.values());
  for (const [key, s] of byKey) s.superseded = !current.has(key) && !s.withdrawn;
  const entityCode = new Map<number, string>();
  const entityId = new Map<string, number>();
  for (const r of entityRows) {
    entityCode.set(Number(r.entity_id), String(r.code));
    entityId.set(String(r.code), Number(r.entity_id));
  }
  return { sources, keyOf, byKey, current: [...current].sort((a, b) => a - b), entityCode, entityId };
}

/** The current load of `datasetKey` in `snap`, if any. */
export function currentKeyOf(snap: Snapshot, datasetKey: string): number | undefined {
  return snap.current.find((k) => snap.byKey.get(k)!.datasetKey === datasetKey);
}
