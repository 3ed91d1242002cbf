/**
 * Every value checked at the edge, the same way for every adapter (BACI's checks run in the store,
 * where its rows are): a value must be a finite number within the plausible range of its unit, and
 * its year within the years trade statistics can describe. A value outside is a rejected row that
 * names the line or cell, the field and the reason — never stored, never a crash.
 *
 * The bounds are wide on purpose: they catch typos, overflow (`1e400`), unit slips and signs, not
 * unusual but real figures. Documented in `docs/reliability.md` ("Plausible values").
 * @module
 */
import type { ParsedFile, RejectedRow } from "../model.js";

export interface Bounds {
  min: number;
  max: number;
  /** Why these bounds, for the docs and the reject message. */
  why: string;
}

/** The largest USD value one record may carry: 1e15 (USD 1,000 trillion, ~40× a year of world goods trade, ~2.5e13). */
export const MAX_USD = 1e15;

/** Plausible values by stored unit. A unit missing here has no documented bounds, and its values are rejected. */
export const UNIT_BOUNDS: Readonly<Record<string, Bounds>> = {
  USD: { min: 0, max: MAX_USD, why: "trade values are not negative and no single figure exceeds USD 1e15" },
  persons: { min: 0, max: 1e10, why: "a count of people is not negative and below 10 billion" },
  count: { min: 0, max: 1e12, why: "a count is not negative" },
  times: { min: 0, max: 1e6, why: "a growth multiple is not negative" },
  percent: { min: -100, max: 1e5, why: "a percentage or change cannot fall below −100 %" },
  "percent y/y": { min: -100, max: 1e5, why: "a year-on-year change cannot fall below −100 %" },
  // WTI settled at −37.63 USD on 20 April 2020: a negative price is rare but real.
  "USD per barrel": { min: -100, max: 1000, why: "oil has traded between −37.63 and ~150 USD a barrel" },
  "USD per MMBtu": { min: -100, max: 1000, why: "Henry Hub gas has traded between ~1 and ~25 USD per MMBtu" },
};

/** A published trade balance (exports − imports) may be negative; it is bounded like any USD figure. */
export const BALANCE_USD_BOUNDS: Bounds = { min: -MAX_USD, max: MAX_USD, why: "a trade balance lies within ±USD 1e15" };

/**
 * IMF DOTS cells may be negative: the World and Advanced Economies workbooks carry allocation
 * adjustments for 1960–1963 (World's −4.8 million USD to "Malaysia" offsetting "Malaysia, West"),
 * stored as published (README, "Negative values"). Every other trade source is refused a negative.
 */
export const DOTS_USD_BOUNDS: Bounds = { min: -MAX_USD, max: MAX_USD, why: "IMF DOTS values lie within ±USD 1e15 (negative cells are IMF allocation adjustments)" };

/** Quantities (tonnes, kg, items) in any unit: not negative, finite. */
export const QUANTITY_BOUNDS: Bounds = { min: 0, max: 1e15, why: "a quantity is not negative" };

/** A share stored as a fraction. */
export const SHARE_BOUNDS: Bounds = { min: 0, max: 1, why: "a share is a fraction between 0 and 1 (0 %–100 %)" };

/** Earliest year any adapter stores: statistical tables reach back to the 19th century, none before 1800. */
export const FIRST_YEAR = 1800;

/** The last plausible data year: next year (some publishers date forecasts a year ahead), never later. */
export function lastPlausibleYear(now: Date = new Date()): number {
  return now.getUTCFullYear() + 1;
}

/** Why `value` is not acceptable under `bounds`, or undefined when it is. */
export function valueProblem(value: number, bounds: Bounds, what: string): string | undefined {
  if (typeof value !== "number" || Number.isNaN(value)) return `${what} is not a number`;
  if (!Number.isFinite(value)) return `${what} is too large to be a number (it overflows to infinity); check the cell for a run of digits or an exponent such as 1e400`;
  if (value < bounds.min || value > bounds.max) {
    return `${what} ${formatValue(value)} is outside the plausible range ${formatValue(bounds.min)} to ${formatValue(bounds.max)} (${bounds.why}); check the sign, the unit and the digits`;
  }
  return undefined;
}

export function yearProblem(year: number, now: Date = new Date()): string | undefined {
  const last = lastPlausibleYear(now);
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > last) return `year ${formatValue(year)} is outside ${FIRST_YEAR}–${last}`;
  return undefined;
}

function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return Math.abs(v) >= 1e9 ? v.toExponential(3).replace("e+", "e") : v.toLocaleString("en-US", { maximumFractionDigits: 6 });
}

/**
 * Removes from `parsed` every record with an implausible value or year, adding one rejected row
 * for each (first problem only). Returns `parsed`; rowsRead is unchanged, so the accounting holds.
 */
export function rejectImplausible(parsed: ParsedFile, now: Date = new Date()): ParsedFile {
  const rejected: RejectedRow[] = [];
  const keep = <T extends { line: number; cell?: string; year: number }>(records: T[], problems: (r: T) => Array<[string, string | undefined]>): T[] =>
    records.filter((r) => {
      const found = [["year", yearProblem(r.year, now)] as [string, string | undefined], ...problems(r)].find(([, p]) => p !== undefined);
      if (!found) return true;
      rejected.push({ line: r.line, ...(r.cell ? { cell: r.cell } : {}), field: found[0], reason: found[1]! });
      return false;
    });
  const unitBounds = (unit: string): Bounds | undefined => UNIT_BOUNDS[unit];
  const byUnit = (value: number, unit: string, what: string): string | undefined => {
    const bounds = unitBounds(unit);
    return bounds ? valueProblem(value, bounds, what) : `unit "${unit}" has no documented plausible range; values in it cannot be checked and are not stored`;
  };

  parsed.trade = keep(parsed.trade, (r) => [
    ["value", valueProblem(r.valueUsd, parsed.adapter === "imf-dots" ? DOTS_USD_BOUNDS : UNIT_BOUNDS.USD!, "trade value (USD)")],
    ["quantity", r.quantity === undefined ? undefined : valueProblem(r.quantity, QUANTITY_BOUNDS, `quantity (${r.quantityUnit ?? "no unit"})`)],
  ]);
  parsed.series = keep(parsed.series, (r) => [
    ["value", r.unit === "USD" && /balance/i.test(r.metric) ? valueProblem(r.value, BALANCE_USD_BOUNDS, "balance (USD)") : byUnit(r.value, r.unit, `value (${r.unit})`)],
  ]);
  parsed.prices = keep(parsed.prices, (r) => [["value", byUnit(r.value, r.unit, `price (${r.unit})`)]]);
  parsed.products = keep(parsed.products, (r) => [
    ["value", r.valueUsd === undefined ? undefined : valueProblem(r.valueUsd, r.flow === "balance" ? BALANCE_USD_BOUNDS : UNIT_BOUNDS.USD!, "value (USD)")],
    ["share", r.share === undefined ? undefined : valueProblem(r.share, SHARE_BOUNDS, "share")],
  ]);
  if (rejected.length > 0) {
    parsed.rejected.push(...rejected);
    parsed.rejected.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  }
  return parsed;
}
