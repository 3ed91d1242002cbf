/**
 * Safe SQL text for ClickHouse 18.16, which has no server-side query parameters. Every value that
 * reaches a statement passes through one of the typed literal makers here, and the `sql` tag
 * refuses anything else: a raw string interpolated into a statement is an error, not a splice.
 *
 * - integers are checked `Number.isSafeInteger` (and the range of their column type when given);
 * - floats are checked finite and written in JS's round-trip form;
 * - strings are written as '…' with backslash and quote escaped as ClickHouse's lexer reads them
 *   (`\\`, `\'`), control characters as `\xHH`, so no byte ends the literal early;
 * - identifiers (table, column, database, cluster names) must match a whitelist pattern.
 * @module
 * @example
 * ```ts
 * const q = sql`SELECT year FROM ${ident("baci_pair_year")} WHERE exporter IN ${list(ids.map(int))}`;
 * ```
 */
import { TradetiesError } from "../../errors.js";

const FRAGMENT = Symbol("sql fragment");

/** A piece of SQL text that is safe to splice: built only by the functions in this module. */
export interface SqlFragment {
  readonly [FRAGMENT]: true;
  readonly text: string;
}

function fragment(text: string): SqlFragment {
  return { [FRAGMENT]: true, text };
}

function isFragment(v: unknown): v is SqlFragment {
  return typeof v === "object" && v !== null && (v as SqlFragment)[FRAGMENT] === true;
}

/** Tag for statements: interpolations must be fragments (literals, identifiers, lists, other `sql`). */
export function sql(strings: TemplateStringsArray, ...values: SqlFragment[]): SqlFragment {
  let text = strings[0]!;
  values.forEach((v, i) => {
    if (!isFragment(v)) throw new TypeError(`sql: interpolation ${i + 1} is a ${typeof v}, not a typed literal; wrap it in int(), float(), str() or ident()`);
    text += v.text + strings[i + 1]!;
  });
  return fragment(text);
}

/** An integer literal; `bits` checks an unsigned range (UInt8/16/32) when given. */
export function int(n: number, bits?: 8 | 16 | 32): SqlFragment {
  if (!Number.isSafeInteger(n)) throw new TypeError(`sql: ${String(n)} is not a safe integer`);
  if (bits !== undefined && (n < 0 || n >= 2 ** bits)) throw new TypeError(`sql: ${n} is outside UInt${bits}`);
  return fragment(String(n));
}

/** A Float64 literal; NaN and infinities are refused (they are never a stored value). */
export function float(n: number): SqlFragment {
  if (!Number.isFinite(n)) throw new TypeError(`sql: ${String(n)} is not a finite number`);
  // toFloat64 keeps an integral value typed as a float (1 would otherwise be UInt8).
  return fragment(`toFloat64(${String(n)})`);
}

/** A String literal in ClickHouse's quoting rules. */
export function str(s: string): SqlFragment {
  if (typeof s !== "string") throw new TypeError(`sql: ${String(s)} is not a string`);
  let out = "'";
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === "\\") out += "\\\\";
    else if (ch === "'") out += "\\'";
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return fragment(out + "'");
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** A database, table, column or cluster name; only `[A-Za-z_][A-Za-z0-9_]*` passes, unquoted. */
export function ident(name: string): SqlFragment {
  if (!IDENT.test(name)) throw new TradetiesError(`'${name}' is not an allowed ClickHouse name (letters, digits and _ only, not starting with a digit)`);
  return fragment(name);
}

/** `db.table`, both parts checked. */
export function qualified(database: string, table: string): SqlFragment {
  return fragment(`${ident(database).text}.${ident(table).text}`);
}

/** `(a, b, c)` from fragments; an empty list is `(NULL)`, which matches nothing in `IN`. */
export function list(items: readonly SqlFragment[]): SqlFragment {
  for (const f of items) if (!isFragment(f)) throw new TypeError("sql: list items must be typed literals");
  return fragment(items.length ? `(${items.map((f) => f.text).join(", ")})` : "(NULL)");
}

/** `[a, b, c]` (an Array literal) from fragments. */
export function array(items: readonly SqlFragment[]): SqlFragment {
  for (const f of items) if (!isFragment(f)) throw new TypeError("sql: array items must be typed literals");
  return fragment(`[${items.map((f) => f.text).join(", ")}]`);
}

/** Fragments joined by a fixed separator (" AND ", ", "). */
export function join(items: readonly SqlFragment[], separator: " AND " | ", " | " UNION ALL "): SqlFragment {
  for (const f of items) if (!isFragment(f)) throw new TypeError("sql: join items must be fragments");
  return fragment(items.map((f) => f.text).join(separator));
}

/** `WHERE a AND b`, or nothing. */
export function where(conditions: readonly SqlFragment[]): SqlFragment {
  return conditions.length ? sql`WHERE ${join(conditions, " AND ")}` : fragment("");
}

/** SQL text with no interpolation, for constant clauses kept in one place. */
export function raw(constant: TemplateStringsArray): SqlFragment {
  if (constant.length !== 1) throw new TypeError("sql: raw`` takes no interpolations");
  return fragment(constant[0]!);
}
