/**
 * Trade balance: exports − imports per year, surplus/deficit streaks ("chronic deficit since
 * 2009") and cumulative balances. Values keep the caller's unit (e.g. USD); a positive balance is
 * a surplus of the exporting side of `exports`.
 * @module
 */
import { MissingDataError, UsageError } from "../errors.js";
import { sortByYear, toYearMap } from "./series.js";
import type { YearValue } from "./types.js";

/**
 * Balance per year: exports(t) − imports(t), in the unit of the inputs (both must share it).
 * Only years present in both series are returned (a missing side is not read as zero); sorted by year.
 * @throws UsageError when either series is malformed (see `sortByYear`).
 */
export function balanceSeries(exports: readonly YearValue[], imports: readonly YearValue[]): YearValue[] {
  const importsByYear = toYearMap(imports);
  const out: YearValue[] = [];
  for (const e of sortByYear(exports)) {
    const m = importsByYear.get(e.year);
    if (m !== undefined) out.push({ year: e.year, value: e.value - m });
  }
  return out;
}

/** A run of consecutive years with the same balance sign. */
export interface BalanceStreak {
  sign: "surplus" | "deficit";
  /** First year of the run. */
  since: number;
  /** Last year of the run. */
  through: number;
  /** Number of years in the run (through − since + 1, since runs have no gaps). */
  years: number;
}

/**
 * All surplus/deficit runs in a balance series, in chronological order.
 *
 * What breaks a run: a change of sign, a year with a balance of exactly zero (neither surplus nor
 * deficit, and belongs to no run), and a missing year (a gap: we cannot claim the sign held in a
 * year we have no figure for).
 *
 * @throws UsageError when the series is malformed (see `sortByYear`).
 */
export function allStreaks(balances: readonly YearValue[]): BalanceStreak[] {
  const out: BalanceStreak[] = [];
  let current: BalanceStreak | undefined;
  let prevYear: number | undefined;
  for (const p of sortByYear(balances)) {
    const sign = p.value > 0 ? "surplus" : p.value < 0 ? "deficit" : undefined;
    const continues = current !== undefined && sign === current.sign && prevYear === p.year - 1;
    if (continues && current) {
      current.through = p.year;
      current.years += 1;
    } else {
      current = sign === undefined ? undefined : { sign, since: p.year, through: p.year, years: 1 };
      if (current) out.push(current);
    }
    prevYear = p.year;
  }
  return out;
}

/**
 * The run that ends at the last observed year (or at the last observed year ≤ `asOf`), e.g. Korea
 * vs Russia (DOTS): surplus 2006–2008, then deficit since 2009 through 2020. Runs break as in
 * {@link allStreaks}.
 *
 * @param options.asOf ignore years after this one (to ask "as of 2015, since when?").
 * @returns `undefined` when no year qualifies or the last year's balance is exactly zero.
 * @throws UsageError when the series is malformed (see `sortByYear`).
 */
export function balanceStreak(balances: readonly YearValue[], options: { asOf?: number } = {}): BalanceStreak | undefined {
  const { asOf } = options;
  const considered = sortByYear(balances).filter((p) => asOf === undefined || p.year <= asOf);
  if (considered.length === 0) return undefined;
  const lastYear = considered[considered.length - 1].year;
  const last = allStreaks(considered).at(-1);
  return last !== undefined && last.through === lastYear ? last : undefined;
}

/**
 * Sum of the balances over fromYear..toYear inclusive, in the series' unit (e.g. cumulative
 * deficit 2009–2020).
 *
 * Gaps are not tolerated: a missing year would silently understate the total, so every year of
 * the range must be present.
 *
 * @throws MissingDataError naming the years of the range that have no balance.
 * @throws UsageError when fromYear > toYear or the series is malformed.
 */
export function cumulativeBalance(balances: readonly YearValue[], fromYear: number, toYear: number): number {
  if (fromYear > toYear) throw new UsageError(`Balance range is reversed: ${fromYear} is after ${toYear}`);
  const byYear = toYearMap(balances);
  let sum = 0;
  const missing: number[] = [];
  for (let y = fromYear; y <= toYear; y++) {
    const v = byYear.get(y);
    if (v === undefined) missing.push(y);
    else sum += v;
  }
  if (missing.length > 0) {
    throw new MissingDataError(
      `No balance for ${missing.join(", ")}; a cumulative balance ${fromYear}–${toYear} needs every year`,
    );
  }
  return sum;
}
