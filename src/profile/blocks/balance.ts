/**
 * The pair's balance (A's exports − A's imports, reporter-side): streaks and the cumulative balance.
 * @module
 */
import { allStreaks, balanceStreak, cumulativeBalance, type YearValue } from "../../indicators/index.js";
import type { PairYear } from "../../query/pair.js";
import type { BalanceBlock, SourceRef } from "../types.js";

export function balanceBlock(years: readonly PairYear[], pairRefs: SourceRef[]): BalanceBlock {
  const balances: YearValue[] = years.filter((y) => y.balance !== null).map((y) => ({ year: y.year, value: y.balance! }));
  const streak = balanceStreak(balances);
  return {
    years: balances,
    streak,
    streaks: allStreaks(balances),
    cumulative: streak ? { from_year: streak.since, to_year: streak.through, value: cumulativeBalance(balances, streak.since, streak.through) } : undefined,
    formula: "balance = exports FOB − imports CIF (reporter-side); a streak is consecutive years of one sign, broken by a zero or a missing year",
    sources: pairRefs,
  };
}
