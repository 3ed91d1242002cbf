import { UsageError } from "../errors.js";

/** Flags stay strings until here (never auto-cast: "0303" is a product code, not 303). */
export function parseYear(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}$/.test(value.trim())) throw new UsageError(`${flag} takes a four-digit year, got "${value}"`, { field: flag });
  return Number(value);
}
