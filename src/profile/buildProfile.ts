/**
 * Builds the bilateral {@link Profile} from the store: typed queries in, pure indicators over
 * them, every block naming its sources. Each block is built in its own module under
 * `blocks/`; this one runs the queries and puts the blocks together. Anything the loaded data
 * cannot support is listed in `missing` with the data it would need, instead of failing.
 * @module
 */
import type { Milestone, YearValue } from "../indicators/index.js";
import type { EntityCode } from "../model.js";
import { checkYearRange, pairEntities, pairSeries, type PairSeries } from "../query/pair.js";
import { UsageError } from "../errors.js";
import { requestReads } from "../store/requestReads.js";
import type { TradeStore } from "../store/TradeStore.js";
import { balanceBlock } from "./blocks/balance.js";
import { annualPrices, commodityBlock } from "./blocks/commodity.js";
import { competitionBlock } from "./blocks/competition.js";
import { compositionBlock } from "./blocks/composition.js";
import { eventsBlock } from "./blocks/events.js";
import { growthBlock, growthWindows, publishedTradePoints, seriesWindows } from "./blocks/growth.js";
import { mirrorBlock } from "./blocks/mirror.js";
import { peopleBlock } from "./blocks/people.js";
import { latestPositionSide, sideQuery, sideTrade, worldTotals } from "./blocks/position.js";
import { qualityBlock } from "./blocks/quality.js";
import { partnerPeers, statisticsWindow, volatilityBlock } from "./blocks/volatility.js";
import { pairSourceRefs } from "./sources.js";
import type { Profile, SourceRef } from "./types.js";

export { defaultMilestones } from "./blocks/events.js";
export { runEndingAt } from "./blocks/growth.js";
export { CIF_FOB_FACTOR } from "./blocks/mirror.js";
export { pairSourceRefs } from "./sources.js";

export interface ProfileOptions {
  from?: number;
  to?: number;
  /** Year the headline comparisons end in (default: the last year with pair data). Series still run to `to`. */
  referenceYear?: number;
  /** The user's milestones, laid over the milestone catalogue's for the pair (an entry with the same id, or the same kind and date, replaces one). */
  milestones?: Milestone[];
  /** The user's milestones replace the catalogue's instead of adding to them. */
  replaceMilestones?: boolean;
  milestonesSource?: string;
  /** Read the milestone catalogue from the data folder; default true. */
  milestoneCatalogue?: boolean;
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


export async function buildProfile(storeIn: TradeStore, a: string, b: string, options: ProfileOptions = {}): Promise<Profile> {
  const store = requestReads(storeIn);
  // Each side's trade with every partner over the period is the largest read and needs only the
  // codes: it starts beside the pair's own reads, and the narrower ones asked once the pair is
  // known (the side up to the reference year, A's peers, B's suppliers) are answered from it.
  checkYearRange(options);
  const entities = pairEntities(a, b);
  for (const set of [entities.setA, entities.setB]) started(store.tradeTotalColumns(sideQuery(set, { fromYear: options.from, toYear: options.to })));
  const pair = await pairSeries(store, a, b, { from: options.from, to: options.to });
  const profile: Profile = {
    a: pair.a,
    b: pair.b,
    a_name: pair.a_name,
    b_name: pair.b_name,
    unit: "USD",
    period: pair.years.length ? { from: pair.years[0]!.year, to: pair.years[pair.years.length - 1]!.year } : undefined,
    series: pair.years,
    basis: pair.basis,
    missing: [],
    sources: [],
  };
  const allSources = new Map<string, SourceRef>();
  const remember = (refs: SourceRef[]) => {
    for (const r of refs) allSources.set(`${r.source_id}|${r.side}`, r);
    return refs;
  };

  for (const e of pair.after_end) {
    profile.missing.push(
      `${e.entity_name} after ${e.ended}, when it ceased to exist: ${e.rows} ${e.rows === 1 ? "row" : "rows"} dated ${e.from_year === e.to_year ? e.from_year : `${e.from_year}–${e.to_year}`} under its name or a predecessor's ${e.rows === 1 ? "is" : "are"} a reporter's residual line, not that state's trade, and ${e.rows === 1 ? "is" : "are"} left out`,
    );
  }
  if (options.referenceYear !== undefined) checkReferenceYear(pair, options);
  const totals: YearValue[] = pair.years.filter((y) => y.total !== null).map((y) => ({ year: y.year, value: y.total! }));
  const pairRefs = remember(pairSourceRefs(pair.years, ["exports", "imports"]));
  const referenceYear = options.referenceYear ?? totals[totals.length - 1]?.year;
  const setA = [pair.a, ...pair.predecessors_a];
  const setB = [pair.b, ...pair.predecessors_b];
  // Independent queries start together (the store runs them on several connections); each is
  // awaited where its block is built, so errors still surface there.
  const priceName = options.priceSeries ?? "brent";
  const period = { from: options.from, to: options.to };
  const sideRange = { fromYear: options.from, toYear: referenceYear ?? options.to };
  const sidesP = started(Promise.all([sideTrade(store, setA, sideRange), sideTrade(store, setB, sideRange)]));
  const publishedP = started(publishedTradePoints(store, setA, setB));
  const pricesP = started(annualPrices(store, priceName));
  const competitionP = started(competitionBlock(store, pair, referenceYear, options.extraSuppliers ?? [], period));
  const peopleP = started(peopleBlock(store, setA, setB, period));
  const compositionP = started(compositionBlock(store, setA, setB, referenceYear, period));

  if (totals.length < 2) {
    profile.missing.push(
      `reporter-side trade between ${pair.a} and ${pair.b}: ${totals.length === 0 ? "no year" : "only one year"} with both exports and imports; load ${pair.a}'s IMF DOTS workbook or UN Comtrade data (growth, balance, volatility, shocks and the price link need a series)`,
    );
  } else {
    const windows = seriesWindows(pair, totals, referenceYear);
    profile.growth = growthBlock({ pair, totals, windows, published: await publishedP, pairRefs, from: options.from });
    remember(profile.growth.published_checks.map((c) => c.source));
    if (profile.growth.published_span) remember([profile.growth.published_span.from_source]);

    const [aSide, bSide] = await sidesP;
    profile.growth.windows = growthWindows({ pair, windows, aWorld: worldTotals(aSide), bWorld: worldTotals(bSide) });

    profile.balance = balanceBlock(pair.years, pairRefs);

    profile.quality = qualityBlock(pair.years, totals);
    const peers = await partnerPeers(store, pair.a, setB, statisticsWindow(windows.sameEntityRun), options.peerCount ?? 10);
    profile.volatility = volatilityBlock(peers, {
      excludedYears: profile.quality.excluded_years,
      sameEntityRun: windows.sameEntityRun,
      pairRefs,
      shockThreshold: options.shockThreshold ?? -0.15,
    });
    remember(profile.volatility.sources);
    if (!profile.volatility.peers.length) profile.missing.push(`${pair.a}'s trade with other partners: needed to judge volatility relative to something (load ${pair.a}'s full DOTS workbook)`);

    profile.events = eventsBlock({
      a: pair.a,
      b: pair.b,
      milestones: options.milestones,
      replaceMilestones: options.replaceMilestones,
      milestonesSource: options.milestonesSource,
      useCatalogue: options.milestoneCatalogue,
      windowYears: options.eventWindowYears ?? 3,
      window: profile.volatility.window,
      seriesRun: windows.seriesRun,
      entityChangeYears: windows.entityChangeYears,
      ...(profile.period ? { period: profile.period } : {}),
      missing: profile.missing,
    });
    if (!profile.events.milestones.length) profile.missing.push("milestones: the milestone catalogue has none this report's rules show for the pair; pass a context file with milestones to get before/after comparisons");

    const prices = await pricesP;
    const commodity = commodityBlock(priceName, prices, windows.sameEntityRun, pairRefs, profile.quality.excluded_years, peers);
    if (commodity) {
      profile.commodity = commodity;
      remember(commodity.sources);
    } else if (prices.series.length >= 3) profile.missing.push(`link to the ${priceName} price: fewer than 3 years of the pair's total trade (${windows.sameEntityRun[0]?.year ?? "–"}–${windows.sameEntityRun[windows.sameEntityRun.length - 1]?.year ?? "–"}) fall in the price series' years`);
    else profile.missing.push(`price series "${priceName}": load a price series (e.g. the EIA Brent file oil/brent-year.csv of the data folder) to correlate trade with commodity prices`);

    const mirror = pair.basis === "mirror" ? undefined : mirrorBlock(pair.years);
    if (pair.basis === "mirror") profile.missing.push(`${pair.a}'s own reports of trade with ${pair.b}: none loaded, so every figure is ${pair.b}'s report (mirror); load ${pair.a}'s DOTS workbook to compare both sides`);
    else if (mirror) {
      profile.mirror = mirror;
      remember(pairSourceRefs(pair.years, ["mirror.exports", "mirror.imports"]));
    } else profile.missing.push(`${pair.b}'s own reports of trade with ${pair.a} (mirror data): load ${pair.b}'s DOTS workbook to compare both sides`);
  }

  const positionYear = referenceYear ?? pair.years[pair.years.length - 1]?.year;
  if (positionYear !== undefined) {
    const [aSide, bSide] = await sidesP;
    const earliest = pair.years[0]?.year ?? positionYear;
    profile.position = { year: positionYear, in_a: latestPositionSide(aSide, setB, positionYear, earliest), in_b: latestPositionSide(bSide, setA, positionYear, earliest) };
    for (const side of [profile.position.in_a, profile.position.in_b]) if (side) remember(side.sources);
    if (!profile.position.in_a) profile.missing.push(`${pair.a}'s own reports of trade with all its partners in ${positionYear}: needed for ${pair.b}'s rank and share in ${pair.a}'s trade`);
    if (!profile.position.in_b) profile.missing.push(`${pair.b}'s own reports of trade with all its partners in ${positionYear}: needed for ${pair.a}'s rank and share in ${pair.b}'s trade`);
  }

  profile.competition = await competitionP;
  if (profile.competition) remember(profile.competition.sources);
  else profile.missing.push(`${pair.b}'s imports by supplier: load ${pair.b}'s IMF DOTS workbook (imports CIF by partner) for supplier shares`);
  for (const y of profile.competition?.world_below_supplier ?? []) {
    profile.missing.push(`${pair.b_name}'s import shares in ${y.year}: its report puts its imports from ${y.supplier_name} above its imports from the World, so no supplier's share of that year is given`);
  }

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

/** Marks a promise as handled now (it is awaited later), so an early throw elsewhere cannot leave it unhandled. */
function started<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** A reference year must lie in the period asked for and have trade data for the pair: anything else is a usage error (exit 2, HTTP 400). */
function checkReferenceYear(pair: PairSeries, options: ProfileOptions): void {
  const year = options.referenceYear!;
  const field = "--reference-year";
  if (!Number.isInteger(year)) throw new UsageError(`${field} must be a year, got ${year}`, { field });
  if ((options.from !== undefined && year < options.from) || (options.to !== undefined && year > options.to)) {
    throw new UsageError(`${field} ${year} is outside the period asked for (${options.from ?? "first year"}–${options.to ?? "last year"}); pick a year inside it`, { field });
  }
  const covered = pair.years.filter((y) => y.total !== null || y.mirror.exports !== null || y.mirror.imports !== null).map((y) => y.year);
  if (!covered.includes(year)) {
    const range = covered.length ? `the loaded data covers ${covered[0]}–${covered[covered.length - 1]}` : "no trade between them is loaded at all";
    throw new UsageError(`${field} ${year}: no trade between ${pair.a} and ${pair.b} is loaded for ${year} (${range}); pick a year with data`, { field });
  }
}
