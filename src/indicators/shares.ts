/**
 * Shares of a total (partner shares of a country's imports, product shares of exports), their
 * evolution over time and changes in rank. Shares are fractions (0.223, rendered "22.3 %" by reports);
 * a change of shares is a difference of fractions (0.204 = 20.4 percentage points).
 * @module
 */
import { MissingDataError, UsageError } from "../errors.js";
import { finiteOrUndefined, requireFinite, toYearMap } from "./series.js";
import type { KeyShare, KeyValue, YearValue } from "./types.js";

function checkParts(parts: readonly KeyValue[], what: string): void {
  const seen = new Set<string>();
  for (const p of parts) {
    requireFinite(p.value, `${what} '${p.key}'`);
    if (p.value < 0) throw new UsageError(`${what} '${p.key}' is negative (${p.value}); shares need amounts ≥ 0`);
    if (seen.has(p.key)) throw new UsageError(`${what} '${p.key}' appears twice; pass one value per key`);
    seen.add(p.key);
  }
}

/**
 * Each part's share: value / total, a fraction. With `total` (e.g. Russia's imports from the World)
 * the shares are of that total and need not sum to 1 (the rest are partners not listed); without it
 * they are shares of the parts' sum and sum to 1. Order of the input is kept.
 *
 * @returns `undefined` when the denominator is ≤ 0 (no share exists) or a share overflows.
 * @throws UsageError when a value is negative or not finite, or a key repeats.
 */
export function sharesOfTotal(parts: readonly KeyValue[], total?: number): KeyShare[] | undefined {
  checkParts(parts, "Part");
  if (total !== undefined) requireFinite(total, "Total");
  const denominator = total ?? parts.reduce((s, p) => s + p.value, 0);
  if (!(denominator > 0) || !Number.isFinite(denominator)) return undefined;
  const shares = parts.map((p) => ({ key: p.key, value: p.value, share: finiteOrUndefined(p.value / denominator) }));
  return shares.every((p) => p.share !== undefined) ? (shares as KeyShare[]) : undefined;
}

/** One key's amount in one year. */
export interface YearKeyValue {
  year: number;
  key: string;
  value: number;
}

/** One key's share in one year, a fraction of that year's total. */
export interface YearKeyShare extends YearKeyValue {
  share: number;
}

/**
 * Shares per year: value(year, key) / total(year), e.g. China's share of Russia's imports each year
 * with total = Russia's imports from the World. Rows of a year with no total, or a total ≤ 0, are
 * left out (no share exists); the caller sees which years are absent. Sorted by year, then share
 * descending, then key.
 *
 * @throws UsageError when a value is negative or not finite, a (year, key) repeats, or the totals are malformed.
 */
export function shareSeries(byPartnerByYear: readonly YearKeyValue[], totalsByYear: readonly YearValue[]): YearKeyShare[] {
  const totals = toYearMap(totalsByYear);
  const seen = new Set<string>();
  const out: YearKeyShare[] = [];
  for (const row of byPartnerByYear) {
    requireFinite(row.value, `Value of '${row.key}' in ${row.year}`);
    if (row.value < 0) throw new UsageError(`Value of '${row.key}' in ${row.year} is negative (${row.value})`);
    const id = `${row.year}\u0000${row.key}`;
    if (seen.has(id)) throw new UsageError(`'${row.key}' has two values for ${row.year}`);
    seen.add(id);
    const total = totals.get(row.year);
    const share = total !== undefined && total > 0 ? finiteOrUndefined(row.value / total) : undefined;
    if (share === undefined) continue;
    out.push({ ...row, share });
  }
  return out.sort((a, b) => a.year - b.year || b.share - a.share || a.key.localeCompare(b.key));
}

/** A key's share in two years and the change between them. */
export interface ShareShift {
  key: string;
  /** Share in fromYear / toYear, fractions; `undefined` when the key has no row that year. */
  fromShare: number | undefined;
  toShare: number | undefined;
  /** toShare − fromShare as a fraction (0.204 = +20.4 percentage points); `undefined` if either is. */
  change: number | undefined;
}

function sharesInYear(shares: readonly YearKeyShare[], year: number): Map<string, number> {
  const m = new Map(shares.filter((s) => s.year === year).map((s) => [s.key, s.share] as const));
  if (m.size === 0) throw new MissingDataError(`No shares for ${year}`);
  return m;
}

/**
 * Change of each key's share between two years (e.g. China in Russia's imports 1995 → 2019:
 * 0.019 → 0.223, change +0.204). A key missing in one year gets an undefined share there: it may
 * have been zero or simply not reported, and the function does not guess which.
 * Sorted by change descending (undefined last), then key.
 *
 * @throws MissingDataError when either year has no shares at all.
 */
export function shareShift(shares: readonly YearKeyShare[], fromYear: number, toYear: number): ShareShift[] {
  const from = sharesInYear(shares, fromYear);
  const to = sharesInYear(shares, toYear);
  const keys = [...new Set([...from.keys(), ...to.keys()])];
  return keys
    .map((key) => {
      const fromShare = from.get(key);
      const toShare = to.get(key);
      return {
        key,
        fromShare,
        toShare,
        change: fromShare === undefined || toShare === undefined ? undefined : toShare - fromShare,
      };
    })
    .sort((a, b) => {
      if (a.change === undefined || b.change === undefined) {
        return (a.change === undefined ? 1 : 0) - (b.change === undefined ? 1 : 0) || a.key.localeCompare(b.key);
      }
      return b.change - a.change || a.key.localeCompare(b.key);
    });
}

/** A key's rank (1 = largest share) in two years. */
export interface RankChange {
  key: string;
  /** Rank in fromYear / toYear; `undefined` when the key has no row that year. */
  fromRank: number | undefined;
  toRank: number | undefined;
  /** fromRank − toRank: positive = moved up (e.g. 5th → 1st = +4); `undefined` if either rank is. */
  rankChange: number | undefined;
}

/** Competition ranks ("1224"): equal shares share the better rank. */
function ranksInYear(shares: Map<string, number>): Map<string, number> {
  const sorted = [...shares.entries()].sort((a, b) => b[1] - a[1]);
  const ranks = new Map<string, number>();
  sorted.forEach(([key, share], i) => {
    const prev = sorted[i - 1];
    ranks.set(key, i > 0 && prev[1] === share ? (ranks.get(prev[0]) as number) : i + 1);
  });
  return ranks;
}

/**
 * How each key's rank by share moved between two years ("China rose from 8th to 1st supplier").
 * Ranks are 1 = largest among the keys present that year, with standard competition ranking for
 * ties (1, 2, 2, 4); they are ranks among the rows given, so pass all partners for a true ranking.
 * Sorted by toRank (undefined last), then key.
 *
 * @throws MissingDataError when either year has no shares at all.
 */
export function rankChanges(shares: readonly YearKeyShare[], fromYear: number, toYear: number): RankChange[] {
  const from = ranksInYear(sharesInYear(shares, fromYear));
  const to = ranksInYear(sharesInYear(shares, toYear));
  const keys = [...new Set([...from.keys(), ...to.keys()])];
  return keys
    .map((key) => {
      const fromRank = from.get(key);
      const toRank = to.get(key);
      return {
        key,
        fromRank,
        toRank,
        rankChange: fromRank === undefined || toRank === undefined ? undefined : fromRank - toRank,
      };
    })
    .sort(
      (a, b) =>
        (a.toRank ?? Number.MAX_SAFE_INTEGER) - (b.toRank ?? Number.MAX_SAFE_INTEGER) || a.key.localeCompare(b.key),
    );
}
