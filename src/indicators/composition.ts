/**
 * Composition of trade by product group (HS chapter, section, or any grouping the caller defines).
 * @module
 */
import { UsageError } from "../errors.js";
import { requireFinite } from "./series.js";

/** A product group's amount and share of the total. */
export interface GroupShare {
  group: string;
  /** Sum of the members' values, in the rows' unit. */
  value: number;
  /** value / total of all rows (classified and unclassified), a fraction. */
  share: number;
  /** Number of rows (product codes) in the group. */
  codes: number;
}

export interface Composition {
  /** Classified groups, largest value first (ties by group name). */
  groups: GroupShare[];
  /** Rows for which groupOf returned undefined, kept so shares of all rows still add to 1. */
  unclassified: Omit<GroupShare, "group">;
  /** Sum of all row values. */
  total: number;
}

/**
 * Groups product rows and gives each group's share of the total. The grouping is the caller's:
 * for HS chapters pass {@link hsChapter} (the chapter is the first two digits of a 6-digit HS
 * code, "270900" → "27"); for sections or the caller's own categories pass another function.
 * Rows whose code it cannot place go to `unclassified` rather than being dropped, so a report can
 * say how much it could not classify.
 *
 * @returns `undefined` when there are no rows or all values are 0 (no shares exist).
 * @throws UsageError when a value is negative or not finite.
 */
export function compositionByGroup(
  rows: readonly { code: string; value: number }[],
  groupOf: (code: string) => string | undefined,
): Composition | undefined {
  const byGroup = new Map<string, { value: number; codes: number }>();
  const unclassified = { value: 0, codes: 0 };
  for (const row of rows) {
    requireFinite(row.value, `Value of product ${row.code}`);
    if (row.value < 0) throw new UsageError(`Value of product ${row.code} is negative (${row.value})`);
    const group = groupOf(row.code);
    const bucket = group === undefined ? unclassified : byGroup.get(group) ?? { value: 0, codes: 0 };
    bucket.value += row.value;
    bucket.codes += 1;
    if (group !== undefined) byGroup.set(group, bucket);
  }
  const total = rows.reduce((s, r) => s + r.value, 0);
  if (!(total > 0)) return undefined;
  const shareOf = (v: number): number => v / total;
  const groups = [...byGroup.entries()]
    .map(([group, b]) => ({ group, value: b.value, share: shareOf(b.value), codes: b.codes }))
    .sort((a, b) => b.value - a.value || a.group.localeCompare(b.group));
  return { groups, unclassified: { ...unclassified, share: shareOf(unclassified.value) }, total };
}

/**
 * HS chapter of a 6-digit HS code: its first two digits ("270900" → "27", "010600" → "01").
 * Codes must keep their leading zeros (as `RawTradeRecord.productCode` does).
 * @returns `undefined` for anything that is not exactly six digits (e.g. "TOTAL", "2709").
 */
export function hsChapter(code: string): string | undefined {
  return /^\d{6}$/.test(code) ? code.slice(0, 2) : undefined;
}
