/**
 * People flows between the pair: published points and statistical visitor arrivals by year.
 * @module
 */
import { cagr, growthMultiple, yearOnYear } from "../../indicators/index.js";
import type { EntityCode } from "../../model.js";
import type { StoredSeriesRow, TradeStore } from "../../store/TradeStore.js";
import { inPeriod, ref, uniqueRefs, type YearPeriod } from "../sources.js";
import type { PeopleBlock } from "../types.js";

/** Only years inside `period` (the user's --from/--to) are used. */
export async function peopleBlock(store: TradeStore, setA: EntityCode[], setB: EntityCode[], period: YearPeriod = {}): Promise<PeopleBlock | undefined> {
  const both = [...setA, ...setB];
  const rows = (await store.seriesRows({ from: both, to: both })).filter(
    (r) => inPeriod(r.year, period) && ((setA.includes(r.from) && setB.includes(r.to)) || (setB.includes(r.from) && setA.includes(r.to))) && r.unit === "persons",
  );
  if (!rows.length) return undefined;
  const published = rows
    .filter((r) => r.publishedPoint)
    .map((r) => ({ year: r.year, period: r.period, from: r.from, to: r.to, metric: r.metric, value: r.value, unit: r.unit, approximate: r.approximate, publisher: r.publisher, source: ref(r, "publisher") }));
  const block: PeopleBlock = { published, arrivals: [] };
  const totalsPublished = published.filter((p) => /tourists_total|visitors_total/.test(p.metric) && /^\d{4}$/.test(p.period)).sort((x, y) => x.year - y.year);
  if (totalsPublished.length >= 2) {
    const first = totalsPublished[0]!;
    const last = totalsPublished[totalsPublished.length - 1]!;
    block.published_span = {
      metric: first.metric,
      from_year: first.year,
      from_value: first.value,
      from_approximate: first.approximate,
      to_year: last.year,
      to_value: last.value,
      to_approximate: last.approximate,
      multiple: growthMultiple(first.value, last.value),
      note: "both ends are published point figures, not a statistical series",
      sources: uniqueRefs([first.source, last.source]),
    };
  }
  const monthly = rows.filter((r) => !r.publishedPoint && r.month !== undefined && r.metric === "visitor_arrivals");
  const groups = new Map<string, StoredSeriesRow[]>();
  for (const r of monthly) {
    const key = `${r.from}|${r.to}|${r.breakdown}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  for (const [key, rs] of groups) {
    const [from, to, breakdown] = key.split("|") as [string, string, string];
    const byYear = new Map<number, { value: number; months: Set<number> }>();
    for (const r of rs) {
      const y = byYear.get(r.year) ?? { value: 0, months: new Set<number>() };
      // One figure per month: a second source for the same month is not added on top.
      if (!y.months.has(r.month!)) {
        y.value += r.value;
        y.months.add(r.month!);
      }
      byYear.set(r.year, y);
    }
    block.arrivals.push({
      from,
      to,
      breakdown,
      years: [...byYear].sort((x, y) => x[0] - y[0]).map(([year, v]) => ({ year, value: v.value, months: v.months.size, complete: v.months.size === 12 })),
      sources: uniqueRefs(rs.map((r) => ref(r, "source", `${r.publisher ?? r.dataset}: monthly arrivals summed by year`))),
    });
  }
  const annualRows = rows.filter((r) => !r.publishedPoint && r.month === undefined && r.metric === "visitor_arrivals" && /^\d{4}$/.test(r.period));
  const annualGroups = new Map<string, StoredSeriesRow[]>();
  for (const r of annualRows) annualGroups.set(`${r.from}|${r.to}|${r.breakdown}`, [...(annualGroups.get(`${r.from}|${r.to}|${r.breakdown}`) ?? []), r]);
  for (const [key, rs] of annualGroups) {
    if (block.arrivals.some((x) => `${x.from}|${x.to}|${x.breakdown}` === key)) continue;
    const [from, to, breakdown] = key.split("|") as [string, string, string];
    block.arrivals.push({ from, to, breakdown, years: rs.map((r) => ({ year: r.year, value: r.value, months: 12, complete: true })), sources: uniqueRefs(rs.map((r) => ref(r, "source"))) });
  }
  const total = block.arrivals.find((x) => x.breakdown === "total");
  const complete = total?.years.filter((y) => y.complete) ?? [];
  if (total && complete.length >= 2) {
    const first = complete[0]!;
    const last = complete[complete.length - 1]!;
    block.arrivals_growth = {
      from: total.from,
      to: total.to,
      from_year: first.year,
      to_year: last.year,
      from_value: first.value,
      to_value: last.value,
      multiple: growthMultiple(first.value, last.value),
      cagr: cagr(first.value, last.value, last.year - first.year),
      year_on_year: yearOnYear(complete.map((y) => ({ year: y.year, value: y.value }))),
    };
  }
  return block;
}
