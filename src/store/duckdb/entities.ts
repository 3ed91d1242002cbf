/**
 * Entity keys: BACI rows name countries by a SMALLINT `entity_key` instead of repeating the code
 * text in every row. Keys are assigned by the store on first use and never change.
 * @module
 */
import type { EntityCode } from "../../model.js";
import type { Params, StoreDb } from "./connection.js";
import { boundList } from "./sqlParts.js";

export interface EntityCatalog {
  codeOf(key: unknown): EntityCode;
}

/** Gives every code that has no key yet the next free one. Caller holds the transaction. */
export async function ensureEntityKeys(db: StoreDb, codes: readonly string[]): Promise<void> {
  const unique = [...new Set(codes)];
  if (!unique.length) return;
  const params: Params = {};
  await db.run(
    `INSERT INTO entities
     SELECT ((SELECT coalesce(max(entity_key), 0) FROM entities) + row_number() OVER (ORDER BY code))::SMALLINT, code
     FROM (SELECT unnest([${boundList(params, "c", unique)}]) AS code) WHERE code NOT IN (SELECT code FROM entities)`,
    params,
  );
}

/** Code by key, read once per store state. */
export function entityCatalog(db: StoreDb): Promise<EntityCatalog> {
  return db.cached("entities", async () => {
    const rows = await db.read("SELECT entity_key, code FROM entities");
    const byKey = new Map<number, EntityCode>(rows.map((r) => [Number(r.entity_key), String(r.code)]));
    return {
      codeOf(key: unknown): EntityCode {
        const code = byKey.get(Number(key));
        if (code === undefined) throw new Error(`store inconsistency: entity_key ${String(key)} has no entities row`);
        return code;
      },
    };
  });
}

/** `column IN (keys of these codes)`, bound; an empty list matches nothing. */
export function addEntityIn(where: string[], params: Params, column: string, prefix: string, codes: readonly string[] | undefined): void {
  if (!codes) return;
  where.push(codes.length ? `${column} IN (SELECT entity_key FROM entities WHERE code IN (${boundList(params, prefix, codes)}))` : "FALSE");
}

/** HS6 as stored (INTEGER) back to its six-digit text: 10600 → "010600". */
export function hs6Text(hs6: unknown): string {
  return String(hs6).padStart(6, "0");
}

/** An HS chapter as stored (SMALLINT) back to its two-digit text: 1 → "01". */
export function chapterText(chapter: unknown): string {
  return String(chapter).padStart(2, "0");
}
