/**
 * Builds the bilateral {@link Profile} from the store: typed queries in, pure indicators over
 * them, every block naming its sources. Anything the loaded data cannot support is listed in
 * `missing` with the data it would need, instead of failing.
 * @module
 */
import {
  DEFAULT_KOR_RUS_MILESTONES,
  allStreaks,
  balanceStreak,
  beforeAfter,
  cagr,
  coefficientOfVariation,
  complementarity,
  compositionByGroup,
  exportSimilarity,
  rca,
  tradeIntensity,
  cumulativeBalance,
  decadeSummaries,
  growthMultiple,
  logGrowthVolatility,
  mirrorGap,
  records,
  relativeVolatility,
  seriesCorrelation,
  shockYears,
  yearOnYear,
  type Milestone,
  type YearValue,
} from "../indicators/index.js";
import type { EntityCode } from "../model.js";
import { bestRowPerKey, pairSeries, type FigureSource, type PairSeries, type PairYear } from "../query/pair.js";
import { CountryRegistry } from "../reference/countries.js";
import { HsNomenclature, RAW_MATERIAL_HS_CHAPTERS } from "../reference/hs.js";
import type { ReconciledChapterRow, StoredSeriesRow, StoredTradeRow, TradeStore, Provenance } from "../store/TradeStore.js";
import type { CompetitionBlock, CompositionBlock, PeopleBlock, Profile, SourceRef } from "./types.js";

export interface ProfileOptions {
  from?: number;
  to?: number;
  /** Year the headline comparisons end in (default: the last year with pair data). Series still run to `to`. */
  referenceYear?: number;
  /** Milestones for event comparisons; default: the documented Korea–Russia list for that pair, none otherwise. */
  milestones?: Milestone[];
  milestonesSource?: string;
  /** Price series to correlate with; default "brent". */
  priceSeries?: string;
  /** How many of A's largest partners to compare volatility with; default 10. */
  peerCount?: number;
  /** Year-on-year fall that counts as a shock, a negative fraction; default −0.15. */
  shockThreshold?: number;
  /** Years on each side of a milestone for before/after growth; default 3. */
  eventWindowYears?: number;
  /** Suppliers always shown in the partner's import shares besides A and the largest ones. */
  extraSuppliers?: EntityCode[];
}

/** IMF DOTS' conventional CIF/FOB factor (imports CIF ≈ exports FOB × 1.10). */
export const CIF_FOB_FACTOR = 1.1;


export async function buildProfile(store: TradeStore, a: string, b: string, options: ProfileOptions = {}): Promise<Profile> {
  const registry = CountryRegistry.load();
  const pair = await pairSeries(store, a, b, { from: options.from, to: options.to });
  const profile: Profile = {
    a: pair.a,
    b: pair.b,
    a_name: pair.a_name,
    b_name: pair.b_name,
    unit: "USD",
    period: pair.years.length ? { from: pair.years[0]!.year, to: pair.years[pair.years.length - 1]!.year } : undefined,
    series: pair.years,
    missing: [],
    sources: [],
  };
  const allSources = new Map<string, SourceRef>();
  const remember = (refs: SourceRef[]) => {
    for (const r of refs) allSources.set(`${r.source_id}|${r.side}`, r);
    return refs;
  };

  const totals: YearValue[] = pair.years.filter((y) => y.total !== null).map((y) => ({ year: y.year, value: y.total! }));
  const pairRefs = remember(pairSourceRefs(pair.years, ["exports", "imports"]));
  const referenceYear = options.referenceYear ?? totals[totals.length - 1]?.year;
  const setA = [pair.a, ...pair.predecessors_a];
  const setB = [pair.b, ...pair.predecessors_b];
  // Independent queries start together (the store runs them on several connections); each is
  // awaited where its block is built, so errors still surface there.
  const priceName = options.priceSeries ?? "brent";
  const publishedP = started(publishedTradePoints(store, setA, setB));
  const pricesP = started(annualPrices(store, priceName));
  const competitionP = started(competition(store, pair, referenceYear, options.extraSuppliers ?? []));
  const peopleP = started(people(store, setA, setB));
  const compositionP = started(composition(store, setA, setB, referenceYear));

  if (totals.length < 2) {
    profile.missing.push(
      `reporter-side trade between ${pair.a} and ${pair.b}: ${totals.length === 0 ? "no year" : "only one year"} with both exports and imports; load ${pair.a}'s IMF DOTS workbook or UN Comtrade data (growth, balance, volatility, shocks and the price link need a series)`,
    );
  } else {
    // A multiple across years with no data at all is not growth: use the unbroken run of years that ends at the reference year.
    const run = unbrokenRunEndingAt(totals, referenceYear ?? totals[totals.length - 1]!.year);
    const upTo = run.length >= 2 ? run : totals.filter((t) => referenceYear === undefined || t.year <= referenceYear);
    const runStart = upTo[0]!.year;
    const seriesRun = totals.filter((t) => t.year >= runStart);
    // Growth across a change of entity (USSR 1991 → Russia 1992) compares different countries: kept out of volatility and shocks.
    const entityChangeYears = pair.years.filter((y, i) => i > 0 && y.entity_b_code !== pair.years[i - 1]!.entity_b_code && y.year - 1 === pair.years[i - 1]!.year).map((y) => y.year);
    const lastChange = Math.max(-Infinity, ...entityChangeYears.filter((y) => y > runStart));
    const sameEntityRun = seriesRun.filter((t) => t.year >= lastChange || !Number.isFinite(lastChange));
    const first = upTo[0]!;
    const last = upTo[upTo.length - 1]!;
    const rec = records(upTo)!;
    const published = await publishedP;
    const checks = published
      .map((p) => {
        const ours = totals.find((t) => t.year === p.year && String(p.year) === p.period);
        return ours ? { year: p.year, published_value: p.value, our_value: ours.value, difference_ratio: ours.value / p.value - 1, publisher: p.publisher, source: ref(p, "publisher") } : undefined;
      })
      .filter((x): x is NonNullable<typeof x> => x !== undefined);
    profile.growth = {
      measure: "total trade (exports + imports), USD, reporter-side",
      from_year: first.year,
      to_year: last.year,
      from_value: first.value,
      to_value: last.value,
      multiple: growthMultiple(first.value, last.value),
      cagr: cagr(first.value, last.value, last.year - first.year),
      record_high: rec.high,
      record_low: rec.low,
      last_is_record_high: rec.lastIsRecordHigh,
      year_on_year: yearOnYear(seriesRun),
      decades: decadeSummaries(seriesRun),
      entity_changes: entityChangeYears,
      formula: "multiple = total(to) / total(from); CAGR = multiple^(1/(to − from)) − 1; total = exports FOB + imports CIF as the reporter declares them",
      sources: pairRefs,
      published_checks: checks,
    };
    remember(checks.map((c) => c.source));
    const start = published.filter((p) => p.year < first.year && String(p.year) === p.period && (options.from === undefined || p.year >= options.from)).sort((x, y) => x.year - y.year)[0];
    if (start) {
      // End where the same publisher's own headline ends, so the multiple is comparable with theirs.
      const samePublisherEnd = published.filter((p) => p.publisher === start.publisher && p.year > start.year && p.year <= last.year && totals.some((t) => t.year === p.year)).sort((x, y) => y.year - x.year)[0];
      const endYear = samePublisherEnd?.year ?? last.year;
      const end = totals.find((t) => t.year === endYear)!;
      const fromRef = { ...ref(start, "publisher"), publisher: start.publisher, source_url: start.sourceUrl, entity: start.to === pair.a ? start.from : start.to };
      profile.growth.published_span = {
        from_year: start.year,
        from_value: start.value,
        from_source: fromRef,
        to_year: end.year,
        to_value: end.value,
        to_source: pairRefs,
        multiple: growthMultiple(start.value, end.value),
        cagr: cagr(start.value, end.value, end.year - start.year),
        note: `${start.year} is a published point (${start.publisher ?? start.dataset}, ${registry.displayName(fromRef.entity)}); ${end.year} is the reporter-side data. Mixed sources: read as an order of magnitude.`,
        formula: "multiple = total(end) / published total(start); CAGR = multiple^(1/years) − 1",
      };
      remember([fromRef]);
    }

    const balances: YearValue[] = pair.years.filter((y) => y.balance !== null).map((y) => ({ year: y.year, value: y.balance! }));
    const streak = balanceStreak(balances);
    profile.balance = {
      years: balances,
      streak,
      streaks: allStreaks(balances),
      cumulative: streak ? { from_year: streak.since, to_year: streak.through, value: cumulativeBalance(balances, streak.since, streak.through) } : undefined,
      formula: "balance = exports FOB − imports CIF (reporter-side); a streak is consecutive years of one sign, broken by a zero or a missing year",
      sources: pairRefs,
    };

    const shockThreshold = options.shockThreshold ?? -0.15;
    const window = { from_year: sameEntityRun[0]!.year, to_year: sameEntityRun[sameEntityRun.length - 1]!.year };
    const peers = await partnerPeers(store, pair.a, setB, window, options.peerCount ?? 10);
    const relative = peers.length ? relativeVolatility(sameEntityRun, peers.map((p) => ({ key: p.partner, series: p.series }))) : undefined;
    profile.volatility = {
      measure: "standard deviation of year-on-year log growth of total trade",
      value: logGrowthVolatility(sameEntityRun),
      coefficient_of_variation: coefficientOfVariation(sameEntityRun.map((t) => t.value)),
      peers: peers.map((p) => ({ partner: p.partner, name: registry.displayName(p.partner), volatility: logGrowthVolatility(p.series), total_last_year: p.lastTotal })),
      relative,
      shocks: shockYears(sameEntityRun, { thresholdFall: shockThreshold }),
      shock_threshold: shockThreshold,
      window,
      formula: "σ = sample SD (n − 1) of ln(total_t / total_{t−1}); peers: the reporter's largest partners by total trade in the last year, same years; shock: y/y change ≤ threshold",
      sources: remember(peers.length ? [...pairRefs, ...uniqueRefs(peers.flatMap((p) => p.refs))] : pairRefs),
    };
    if (!peers.length) profile.missing.push(`${pair.a}'s trade with other partners: needed to judge volatility relative to something (load ${pair.a}'s full DOTS workbook)`);

    const defaults = defaultMilestones(pair.a, pair.b);
    const milestones = options.milestones ?? defaults;
    const windowYears = options.eventWindowYears ?? 3;
    profile.events = {
      milestones,
      milestones_source: options.milestonesSource ?? (options.milestones ? "user context file" : defaults.length ? "tradeties default milestones for the Korea–Russia sample (src/indicators/events.ts)" : "none given"),
      before_after: milestones
        .filter((m) => m.year > window.from_year && m.year <= window.to_year)
        .map((m) => ({ ...beforeAfter(seriesRun, m.year, windowYears), label: m.label })),
      window_years: windowYears,
    };
    if (!milestones.length) profile.missing.push("milestones: none given for this pair; pass a context file with milestones to get before/after comparisons");

    const prices = await pricesP;
    if (prices.series.length >= 3) {
      const aligned = sameEntityRun.filter((t) => prices.series.some((p) => p.year === t.year));
      profile.commodity = {
        price_series: priceName,
        price_unit: prices.unit,
        years: aligned.map((t) => ({ year: t.year, trade: t.value, price: prices.series.find((p) => p.year === t.year)!.value })),
        levels: { pearson: seriesCorrelation(sameEntityRun, prices.series, { method: "pearson" }), spearman: seriesCorrelation(sameEntityRun, prices.series, { method: "spearman" }) },
        growth: {
          pearson: seriesCorrelation(sameEntityRun, prices.series, { method: "pearson", on: "growth" }),
          spearman: seriesCorrelation(sameEntityRun, prices.series, { method: "spearman", on: "growth" }),
        },
        growth_lag1: seriesCorrelation(sameEntityRun, prices.series, { method: "pearson", on: "growth", lagYears: 1 }),
        formula: "Pearson r and Spearman ρ between total trade and the annual price, on levels and on year-on-year growth; p-value from Student's t with n − 2 degrees of freedom",
        sources: remember([...pairRefs, ...prices.refs]),
      };
    } else {
      profile.missing.push(`price series "${priceName}": load e.g. data/sample/oil/brent-year.csv to correlate trade with commodity prices`);
    }

    const mirrorYears = pair.years
      .filter((y) => y.mirror.exports !== null || y.mirror.imports !== null)
      .map((y) => {
        const ex = y.exports !== null && y.mirror.exports !== null ? mirrorGap(y.exports, y.mirror.exports) : undefined;
        const im = y.imports !== null && y.mirror.imports !== null ? mirrorGap(y.imports, y.mirror.imports, { cifFobFactor: CIF_FOB_FACTOR }) : undefined;
        return { year: y.year, exports_gap: ex?.gapUsd, exports_ratio: ex?.ratio, imports_gap: im?.gapUsd, imports_ratio: im?.ratio, imports_adjusted_gap: im?.adjustedGap };
      });
    if (mirrorYears.length) {
      profile.mirror = {
        years: mirrorYears,
        cif_fob_factor: CIF_FOB_FACTOR,
        formula: `gap = reporter's figure − partner's mirror figure; ratio = reporter / partner; imports adjusted = imports CIF / ${CIF_FOB_FACTOR} − partner's exports FOB`,
      };
      remember(pairSourceRefs(pair.years, ["mirror.exports", "mirror.imports"]));
    } else profile.missing.push(`${pair.b}'s own reports of trade with ${pair.a} (mirror data): load ${pair.b}'s DOTS workbook to compare both sides`);
  }

  profile.competition = await competitionP;
  if (profile.competition) remember(profile.competition.sources);
  else profile.missing.push(`${pair.b}'s imports by supplier: load ${pair.b}'s IMF DOTS workbook (imports CIF by partner) for supplier shares`);

  profile.people = await peopleP;
  if (profile.people) remember([...profile.people.published.map((p) => p.source), ...profile.people.arrivals.flatMap((x) => x.sources)]);
  else profile.missing.push(`people flows between ${pair.a} and ${pair.b}: load visitor arrivals (e.g. KTO workbooks) or a bilateral series CSV`);

  profile.composition = await compositionP;
  if (profile.composition) remember([...profile.composition.published.map((p) => p.source), ...(profile.composition.hs?.sources ?? [])]);
  if (!profile.composition?.hs) profile.missing.push(`product-level trade (CEPII BACI) for ${pair.a}–${pair.b}: needed for HS composition, concentration (HHI), intra-industry trade and raw-material dependence`);
  if (!profile.composition) profile.missing.push(`published product composition for ${pair.a}–${pair.b}: none loaded`);

  profile.sources = [...allSources.values()].sort((x, y) => (x.dataset + x.file + x.side).localeCompare(y.dataset + y.file + y.side));
  return profile;
}

/** The documented default milestones: the Korea–Russia sample's list for that pair (either order), none otherwise. */
export function defaultMilestones(a: EntityCode, b: EntityCode): Milestone[] {
  return [a, b].sort().join("-") === "KOR-RUS" ? [...DEFAULT_KOR_RUS_MILESTONES] : [];
}

/** Marks a promise as handled now (it is awaited later), so an early throw elsewhere cannot leave it unhandled. */
function started<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** The longest run of consecutive years ending at `endYear` (or the last year before it). */
export function unbrokenRunEndingAt(series: YearValue[], endYear: number): YearValue[] {
  const upTo = series.filter((s) => s.year <= endYear).sort((x, y) => x.year - y.year);
  let start = upTo.length - 1;
  while (start > 0 && upTo[start - 1]!.year === upTo[start]!.year - 1) start--;
  return upTo.slice(Math.max(start, 0));
}

function ref(p: Provenance, side: string, detail?: string): SourceRef {
  return { dataset: p.dataset, vintage: p.vintage, file: p.fileName, source_id: p.sourceId, side, ...(detail ? { detail } : {}) };
}

function uniqueRefs(refs: SourceRef[]): SourceRef[] {
  const m = new Map<string, SourceRef>();
  for (const r of refs) m.set(`${r.source_id}|${r.side}`, r);
  return [...m.values()];
}

/** The sources behind some figures of some pair years, one per file and side. */
export function pairSourceRefs(years: readonly PairYear[], figures: readonly FigureSource["figure"][]): SourceRef[] {
  const m = new Map<string, SourceRef>();
  for (const y of years)
    for (const s of y.sources)
      if (figures.includes(s.figure)) {
        const side = s.figure.startsWith("mirror") ? "mirror" : s.figure.startsWith("reconciled") ? "reconciled" : "reporter";
        m.set(`${s.source_id}|${side}`, { dataset: s.dataset, vintage: s.vintage, file: s.file, source_id: s.source_id, side });
      }
  return [...m.values()];
}

async function publishedTradePoints(store: TradeStore, setA: EntityCode[], setB: EntityCode[]): Promise<StoredSeriesRow[]> {
  const both = [...setA, ...setB];
  const rows = await store.seriesRows({ from: both, to: both, metrics: ["bilateral_trade_total"] });
  return rows.filter((r) => r.publishedPoint && !r.approximate && ((setA.includes(r.from) && setB.includes(r.to)) || (setB.includes(r.from) && setA.includes(r.to))) && r.unit === "USD");
}

/** One value per (partner, year, flow) under the pair precedence, then totals per partner-year. */
function totalsByPartner(rows: StoredTradeRow[]): Map<EntityCode, { series: YearValue[]; refs: SourceRef[] }> {
  const best = bestRowPerKey(rows, (r) => `${r.partner}|${r.year}|${r.flow}`);
  const byPartner = new Map<EntityCode, Map<number, { ex?: number; im?: number; refs: SourceRef[] }>>();
  for (const r of best) {
    const years = byPartner.get(r.partner) ?? new Map();
    byPartner.set(r.partner, years);
    const y = years.get(r.year) ?? { refs: [] };
    years.set(r.year, y);
    if (r.flow === "export") y.ex = r.valueUsd;
    else y.im = r.valueUsd;
    y.refs.push(ref(r, "reporter"));
  }
  const out = new Map<EntityCode, { series: YearValue[]; refs: SourceRef[] }>();
  for (const [partner, years] of byPartner) {
    const series: YearValue[] = [];
    const refs: SourceRef[] = [];
    for (const [year, v] of [...years].sort((x, y) => x[0] - y[0])) {
      if (v.ex !== undefined && v.im !== undefined) {
        series.push({ year, value: v.ex + v.im });
        refs.push(...v.refs);
      }
    }
    out.set(partner, { series, refs: uniqueRefs(refs) });
  }
  return out;
}

async function partnerPeers(store: TradeStore, a: EntityCode, excluded: EntityCode[], window: { from_year: number; to_year: number }, count: number) {
  // Two small queries (rank partners on the last year, then fetch only the top ones' series)
  // instead of every partner's whole history: the reporter may have 240 partners over 60 years.
  const isPeer = (r: StoredTradeRow) => r.partnerKind === "country" && !excluded.includes(r.partner);
  const lastYear = await store.tradeRows({ reporters: [a], flows: ["export", "import"], fromYear: window.to_year, toYear: window.to_year });
  const ranked = [...totalsByPartner(lastYear.filter(isPeer)).entries()]
    .map(([partner, v]) => ({ partner, lastTotal: v.series[0]?.value ?? 0 }))
    .filter((p) => p.lastTotal > 0)
    .sort((x, y) => y.lastTotal - x.lastTotal || x.partner.localeCompare(y.partner))
    .slice(0, count);
  if (!ranked.length) return [];
  const rows = await store.tradeRows({ reporters: [a], partners: ranked.map((p) => p.partner), flows: ["export", "import"], fromYear: window.from_year, toYear: window.to_year });
  const byPartner = totalsByPartner(rows.filter(isPeer));
  return ranked.map((p) => ({ ...p, series: byPartner.get(p.partner)?.series ?? [], refs: byPartner.get(p.partner)?.refs ?? [] }));
}

async function annualPrices(store: TradeStore, series: string): Promise<{ series: YearValue[]; unit: string; refs: SourceRef[] }> {
  const annual = await store.priceRows(series, "annual");
  if (annual.length) return { series: annual.map((p) => ({ year: p.year, value: p.value })), unit: annual[0]!.unit, refs: uniqueRefs(annual.map((p) => ref(p, "source"))) };
  const monthly = await store.priceRows(series, "monthly");
  const byYear = new Map<number, number[]>();
  for (const p of monthly) byYear.set(p.year, [...(byYear.get(p.year) ?? []), p.value]);
  const complete = [...byYear].filter(([, v]) => v.length === 12).map(([year, v]) => ({ year, value: v.reduce((s, x) => s + x, 0) / 12 }));
  return { series: complete, unit: monthly[0]?.unit ?? "", refs: uniqueRefs(monthly.map((p) => ref(p, "source", "annual mean of 12 monthly values"))) };
}

async function competition(store: TradeStore, pair: PairSeries, referenceYear: number | undefined, extra: EntityCode[]): Promise<CompetitionBlock | undefined> {
  const registry = CountryRegistry.load();
  // B's World total first, then only the two years that rank suppliers, then only the chosen
  // suppliers' history: a partner reports imports from ~230 suppliers over decades.
  const world = await store.tradeRows({ reporters: [pair.b], partners: ["WLD"], flows: ["import"] });
  if (!world.length) return undefined;
  const pick = (rs: StoredTradeRow[]) => bestRowPerKey(rs, (r) => `${r.partner}|${r.year}`);
  const worldByYear = new Map(pick(world).map((r) => [r.year, r.valueUsd] as const));
  const years = [...worldByYear.keys()].sort((x, y) => x - y);
  const refYear = referenceYear !== undefined && worldByYear.has(referenceYear) ? referenceYear : years[years.length - 1]!;
  const baseYear = years[0]!;
  const inYear = (year: number) => store.tradeRows({ reporters: [pair.b], flows: ["import"], fromYear: year, toYear: year }).then((rs) => pick(rs.filter((r) => r.partnerKind === "country")));
  const [refRows, baseRows] = await Promise.all([inYear(refYear), inYear(baseYear)]);
  const top = refRows
    .filter((r) => r.year === refYear)
    .sort((x, y) => y.valueUsd - x.valueUsd)
    .slice(0, 6)
    .map((r) => r.partner);
  const candidates = [...new Set([...top, pair.a, ...extra])];
  const suppliersRows = pick((await store.tradeRows({ reporters: [pair.b], partners: candidates, flows: ["import"] })).filter((r) => r.partnerKind === "country"));
  const chosen = candidates.filter((c) => suppliersRows.some((r) => r.partner === c));
  const series = suppliersRows
    .filter((r) => chosen.includes(r.partner) && worldByYear.get(r.year))
    .map((r) => ({ year: r.year, supplier: r.partner, value: r.valueUsd, share: r.valueUsd / worldByYear.get(r.year)! }))
    .sort((x, y) => x.year - y.year || x.supplier.localeCompare(y.supplier));
  const rankIn = (year: number, supplier: EntityCode) => {
    const ordered = (year === refYear ? refRows : year === baseYear ? baseRows : []).slice().sort((x, y) => y.valueUsd - x.valueUsd);
    const i = ordered.findIndex((r) => r.partner === supplier);
    return i >= 0 ? i + 1 : undefined;
  };
  const shifts = chosen.map((supplier) => {
    const own = series.filter((s) => s.supplier === supplier && s.year <= refYear);
    const low = [...own].sort((x, y) => x.share - y.share || x.year - y.year)[0];
    const high = [...own].sort((x, y) => y.share - x.share || x.year - y.year)[0];
    const from = own.find((s) => s.year === baseYear);
    const to = own.find((s) => s.year === refYear);
    return {
      supplier,
      name: registry.displayName(supplier),
      from_year: baseYear,
      to_year: refYear,
      from_share: from?.share,
      to_share: to?.share,
      change: from && to ? to.share - from.share : undefined,
      rank_from: rankIn(baseYear, supplier),
      rank_to: rankIn(refYear, supplier),
      low: low ? { year: low.year, share: low.share } : undefined,
      high: high ? { year: high.year, share: high.share } : undefined,
    };
  });
  const refs = uniqueRefs([...world, ...suppliersRows.filter((r) => chosen.includes(r.partner))].map((r) => ref(r, "reporter", `${pair.b} reports imports CIF by supplier`)));
  return {
    partner: pair.b,
    partner_name: pair.b_name,
    partner_import_shares: { suppliers: chosen.map((s) => ({ supplier: s, name: registry.displayName(s) })), years: series, shifts },
    formula: `share = ${pair.b}'s imports CIF from the supplier / ${pair.b}'s imports CIF from the World, as ${pair.b} reports them; shifts run from the first year with a World total to the reference year; each supplier's low and high up to the reference year are given`,
    sources: refs,
  };
}

async function people(store: TradeStore, setA: EntityCode[], setB: EntityCode[]): Promise<PeopleBlock | undefined> {
  const both = [...setA, ...setB];
  const rows = (await store.seriesRows({ from: both, to: both })).filter(
    (r) => ((setA.includes(r.from) && setB.includes(r.to)) || (setB.includes(r.from) && setA.includes(r.to))) && r.unit === "persons",
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

async function composition(store: TradeStore, setA: EntityCode[], setB: EntityCode[], referenceYear: number | undefined): Promise<CompositionBlock | undefined> {
  const points = await store.productPoints({ reporters: setA, partners: setB });
  const block: CompositionBlock = {
    published: points.map((p) => ({ year: p.year, period: p.period, flow: p.flow, classification: p.classification, code: p.code, product: p.product, value: p.valueUsd, share: p.share, publisher: p.publisher, source: ref(p, "publisher") })),
    mineral_fuel_share_of_imports: [],
  };
  // Mineral fuels' share of A's imports from B per year: fuel items over the published total of the same table.
  const years = [...new Set(points.map((p) => p.year))].sort();
  for (const year of years) {
    const imports = points.filter((p) => p.year === year && p.flow === "import" && String(p.year) === p.period);
    const totalRow = imports.find((p) => p.code === "TOTAL" && p.valueUsd !== undefined);
    if (!totalRow) continue;
    // Items from the same publication as the total, so numerator and denominator share a table.
    const fuels = imports.filter((p) => p.code !== "TOTAL" && p.valueUsd !== undefined && p.publisher === totalRow.publisher && /naphtha|crude|coal|anthracite|gas|LNG|petroleum|fuel/i.test(p.product));
    if (!fuels.length) continue;
    const sum = fuels.reduce((s, p) => s + p.valueUsd!, 0);
    block.mineral_fuel_share_of_imports.push({
      year,
      share: sum / totalRow.valueUsd!,
      items: fuels.map((p) => p.product),
      total: totalRow.valueUsd!,
      note: "sum of the listed mineral-fuel items over total imports in the same published table; a lower bound for the HS 27 share (MTI codes are not HS)",
      sources: uniqueRefs([ref(totalRow, "publisher"), ...fuels.map((p) => ref(p, "publisher"))]),
    });
  }
  const hsBlock = await hsComposition(store, setA, setB, referenceYear);
  if (hsBlock) block.hs = hsBlock;
  if (!points.length && !hsBlock) return undefined;
  return block;
}

/**
 * HS composition of the pair's reconciled (BACI) trade in one year, from the rollups only
 * (`reconciledTotals` for the years, Σv² and the two-way overlap; `reconciledChapterTotals` for the
 * chapters): never the HS6 detail, so it costs the same on a 300 M-row store as on the sample.
 * HHI over HS6 lines = Σv² / (Σv)²; Grubel–Lloyd at HS6 = 2·Σ_k min(x_k, m_k) / (X + M), both exact
 * for one exporter→importer pair (when A or B spans several entity codes in a year, the overlap is
 * summed pairwise, an approximation).
 */
async function hsComposition(store: TradeStore, setA: EntityCode[], setB: EntityCode[], referenceYear: number | undefined): Promise<CompositionBlock["hs"]> {
  const [expTotals, impTotals] = await Promise.all([
    store.reconciledTotals({ exporters: setA, importers: setB }),
    store.reconciledTotals({ exporters: setB, importers: setA }),
  ]);
  if (!expTotals.length && !impTotals.length) return undefined;
  const years = [...new Set([...expTotals, ...impTotals].map((r) => r.year))].sort((x, y) => x - y);
  const year = referenceYear !== undefined && years.includes(referenceYear) ? referenceYear : years[years.length - 1]!;
  const [exp, imp] = await Promise.all([
    store.reconciledChapterTotals({ exporters: setA, importers: setB, fromYear: year, toYear: year }),
    store.reconciledChapterTotals({ exporters: setB, importers: setA, fromYear: year, toYear: year }),
  ]);
  const hs = HsNomenclature.load();
  const byChapter = (rows: ReconciledChapterRow[]) => {
    const comp = compositionByGroup(rows.map((r) => ({ code: r.chapter, value: r.valueUsd })), (chapter) => chapter);
    return (comp?.groups ?? []).map((g) => ({ chapter: g.group, description: hs.describe(g.group) ?? "", value: g.value, share: g.share }));
  };
  const sum = (rows: ReconciledChapterRow[], pick: (r: ReconciledChapterRow) => number) => rows.reduce((s, r) => s + pick(r), 0);
  const hhiOf = (rows: ReconciledChapterRow[]) => {
    const total = sum(rows, (r) => r.valueUsd);
    return total > 0 ? sum(rows, (r) => r.valueSqUsd) / (total * total) : undefined;
  };
  const exportsTotal = sum(exp, (r) => r.valueUsd);
  const importsTotal = sum(imp, (r) => r.valueUsd);
  const raw = sum(imp.filter((r) => RAW_MATERIAL_HS_CHAPTERS.includes(r.chapter)), (r) => r.valueUsd);
  // The overlap is stored on both directions' rows; take it from the A→B side (it is 0 when either side is empty).
  const intra = exp.length && imp.length ? sum(exp, (r) => r.intraUsd) : 0;
  const twoWay = exportsTotal + importsTotal;
  const sourceIds = [...new Set([...exp, ...imp].flatMap((r) => r.sourceIds))].sort();
  return {
    year,
    exports_by_chapter: byChapter(exp),
    imports_by_chapter: byChapter(imp),
    hhi_exports: hhiOf(exp),
    hhi_imports: hhiOf(imp),
    raw_material_share_of_imports: importsTotal > 0 ? raw / importsTotal : undefined,
    grubel_lloyd: twoWay > 0 ? Math.min(1, Math.max(0, (2 * intra) / twoWay)) : undefined,
    specialization: await specialization(store, setA, setB, year, exp),
    sources: await baciSourceRefs(store, sourceIds),
  };
}

/** The loaded BACI files behind some rollup rows, as footnote sources. */
async function baciSourceRefs(store: TradeStore, sourceIds: string[]): Promise<SourceRef[]> {
  const byId = new Map((await store.listSources()).map((s) => [s.sourceId, s]));
  return sourceIds.map((id) => {
    const s = byId.get(id);
    return { dataset: s?.dataset ?? "cepii-baci", vintage: s?.vintage ?? "", file: s?.fileName ?? "", source_id: id, side: "reconciled" };
  });
}

/**
 * Specialisation indicators at HS chapter level, from rollups only: Balassa RCA of A in the
 * chapters it sells most to B, the WITS trade complementarity index (A's exports vs B's imports),
 * the trade intensity index and Finger–Kreinin export similarity of A and B. "World" is every
 * exporter in the loaded BACI files; `coverage` says how many that is.
 */
async function specialization(store: TradeStore, setA: EntityCode[], setB: EntityCode[], year: number, exportsToB: ReconciledChapterRow[]) {
  const range = { fromYear: year, toYear: year };
  const [aProducts, bProducts, worldProducts, totals, bImports] = await Promise.all([
    store.reconciledProductExports({ exporters: setA, ...range }),
    store.reconciledProductExports({ exporters: setB, ...range }),
    store.reconciledProductExports({ ...range }),
    store.reconciledWorldTotals({ ...range }),
    store.reconciledChapterTotals({ importers: setB, ...range }),
  ]);
  const byChapter = (rows: Array<{ hs6?: string; chapter?: string; valueUsd: number }>) => {
    const m = new Map<string, number>();
    for (const r of rows) {
      const ch = r.chapter ?? r.hs6!.slice(0, 2);
      m.set(ch, (m.get(ch) ?? 0) + r.valueUsd);
    }
    return m;
  };
  const sharesOf = (m: Map<string, number>) => {
    const total = [...m.values()].reduce((x, y) => x + y, 0);
    return total > 0 ? new Map([...m].map(([k, v]) => [k, v / total] as const)) : undefined;
  };
  const aByChapter = byChapter(aProducts.filter((r) => r.exporter !== "WLD"));
  const worldByChapter = byChapter(worldProducts.filter((r) => r.exporter === "WLD"));
  const world = totals.find((t) => t.entity === "WLD");
  const aTotal = totals.filter((t) => setA.includes(t.entity)).reduce((x, t) => x + t.exportsUsd, 0);
  const bImportsTotal = totals.filter((t) => setB.includes(t.entity)).reduce((x, t) => x + t.importsUsd, 0);
  const toB = exportsToB.reduce((x, r) => x + r.valueUsd, 0);
  const exporters = totals.filter((t) => t.entity !== "WLD" && t.exportsUsd > 0).length;
  const hs = HsNomenclature.load();
  const topToB = [...byChapter(exportsToB)].sort((x, y) => y[1] - x[1]).slice(0, 5);
  const aShares = sharesOf(aByChapter);
  const bImportShares = sharesOf(byChapter(bImports));
  const bExportShares = sharesOf(byChapter(bProducts.filter((r) => r.exporter !== "WLD")));
  return {
    level: "HS chapter (2-digit)",
    coverage: { exporters_in_loaded_files: exporters, note: exporters < 100 ? `the loaded BACI files cover only ${exporters} exporters: "world" totals and ${setB[0]}'s imports are those of the loaded files, not of the world` : "full BACI coverage" },
    rca_top_chapters: topToB.map(([chapter, value]) => ({
      chapter,
      description: hs.describe(chapter) ?? "",
      exports_to_partner: value,
      rca: world && aTotal > 0 ? rca(aByChapter.get(chapter) ?? 0, aTotal, worldByChapter.get(chapter) ?? 0, world.exportsUsd) : undefined,
    })),
    complementarity: aShares && bImportShares ? complementarity(bImportShares, aShares) : undefined,
    trade_intensity: world && aTotal > 0 && bImportsTotal > 0 ? tradeIntensity(toB, aTotal, bImportsTotal, world.importsUsd) : undefined,
    export_similarity: aShares && bExportShares ? exportSimilarity(aShares, bExportShares) : undefined,
    formula: "RCA = (x_A,k / X_A) / (x_W,k / X_W) (Balassa 1965); TCI = 100·(1 − Σ|m_B,k − x_A,k|/2) on shares (WITS); intensity = (x_AB / X_A) / (M_B / M_W); similarity = Σ min(x_A,k, x_B,k) on export shares (Finger–Kreinin)",
  };
}
