/**
 * SQL fragments shared by the query modules: bound IN lists, year ranges.
 * @module
 */
import type { Params } from "./connection.js";

/** Binds `values` as `$<prefix>0, $<prefix>1, …` and returns that placeholder list. */
export function boundList(params: Params, prefix: string, values: readonly (string | number)[]): string {
  return values
    .map((v, i) => {
      params[`${prefix}${i}`] = v;
      return `$${prefix}${i}`;
    })
    .join(", ");
}

/** Adds `column IN ($p0, $p1, …)` with bound parameters; nothing is concatenated into SQL but placeholders. */
export function addIn(where: string[], params: Params, column: string, prefix: string, values: readonly (string | number)[] | undefined): void {
  if (!values) return;
  where.push(values.length ? `${column} IN (${boundList(params, prefix, values)})` : "FALSE");
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

/** `WHERE a AND b …`, or nothing. */
export function whereSql(parts: readonly string[]): string {
  return parts.length ? "WHERE " + parts.join(" AND ") : "";
}
