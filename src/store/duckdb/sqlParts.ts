/**
 * SQL fragments shared by the query modules: bound IN lists, year ranges, provenance columns.
 * @module
 */
import type { Params, SqlRow } from "./connection.js";

export function provenance(r: SqlRow) {
  return {
    sourceId: String(r.source_id),
    fileName: String(r.file_name),
    dataset: String(r.dataset),
    vintage: String(r.vintage),
    adapter: String(r.adapter),
    reportedBy: String(r.reported_by),
    line: Number(r.line),
    cell: optText(r.cell),
  };
}

export function optText(v: unknown): string | undefined {
  return v === null || v === undefined ? undefined : String(v);
}

/** Adds `column IN ($p0, $p1, …)` with bound parameters; nothing is concatenated into SQL but placeholders. */
export function addIn(where: string[], params: Params, column: string, prefix: string, values: readonly string[] | undefined): void {
  if (!values) return;
  if (values.length === 0) {
    where.push("FALSE");
    return;
  }
  const names = values.map((v, i) => {
    params[`${prefix}${i}`] = v;
    return `$${prefix}${i}`;
  });
  where.push(`${column} IN (${names.join(", ")})`);
}

export function addRange(where: string[], params: Params, column: string, from?: number, to?: number): void {
  if (from !== undefined) {
    where.push(`${column} >= $fromYear`);
    params.fromYear = from;
  }
  if (to !== undefined) {
    where.push(`${column} <= $toYear`);
    params.toYear = to;
  }
}
