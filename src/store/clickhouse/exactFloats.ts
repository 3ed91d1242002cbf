/**
 * Float64 values that arrive in ClickHouse exactly as DuckDB and JS hold them.
 *
 * ClickHouse 18.16's text-to-float parser is not correctly rounded: measured here, about 0.06 % of
 * JS doubles sent as JSON numbers and 0.6 % of BACI-style three-decimal texts ("7.560") came out
 * one unit in the last place away from the nearest double. Its float output is exact. So:
 * - JS values are sent as the hex of their 8 little-endian bytes and decoded in SQL with
 *   `reinterpretAsFloat64(unhex(…))` (bit-exact, any version);
 * - decimal text (BACI `v`, `q`) of up to 15 significant digits is parsed as an integer and divided
 *   by an exact power of ten: both operands are exact doubles, so IEEE division gives the correctly
 *   rounded value (Clinger's fast path). Longer or exponent forms fall back to `toFloat64OrNull`.
 * @module
 */
import { raw, sql, type SqlFragment } from "./sql.js";

/** The hex of a double's little-endian bytes; "" for null/undefined/non-finite (stored as NULL). */
export function floatHex(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "";
  const b = Buffer.alloc(8);
  b.writeDoubleLE(v);
  return b.toString("hex");
}

/** SQL decoding a hex column written by {@link floatHex}; `nullable` maps "" to NULL. */
export function decodeFloatHex(column: SqlFragment, nullable: boolean): SqlFragment {
  return nullable
    ? sql`if(${column} = '', NULL, reinterpretAsFloat64(unhex(${column})))`
    : sql`reinterpretAsFloat64(unhex(${column}))`;
}

/**
 * SQL for the correctly rounded Float64 of trimmed decimal text in `column`, NULL when it is no
 * number; 'nan'/'inf' parse (as DuckDB's TRY_CAST does) and are rejected by the caller's finiteness check.
 */
export function exactDecimal(column: SqlFragment): SqlFragment {
  const digits = sql`replaceAll(replaceAll(${column}, '-', ''), '.', '')`;
  const decimals = sql`if(position(${column}, '.') = 0, 0, length(${column}) - position(${column}, '.'))`;
  return sql`if(match(${column}, ${SHORT_DECIMAL}) AND length(${digits}) <= 15,
      toFloat64(toInt64OrZero(replaceAll(${column}, '.', ''))) / toFloat64(intExp10(${decimals})),
      toFloat64OrNull(${column}))`;
}

const SHORT_DECIMAL = raw`'^-?[0-9]{1,15}([.][0-9]{1,15})?$'`;
