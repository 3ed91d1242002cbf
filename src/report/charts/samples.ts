/**
 * SYNTHETIC sample inputs for every chart: made-up numbers shaped like a bilateral
 * relationship (a gap year, a surplus turning into a deficit, sparse published visitor
 * figures). They are not statistics and must never appear in a report as data. Used by the
 * snapshot tests in `snapshots.test.ts` and handy for dashboard demos.
 * @module
 */

import type { BalanceInput } from "./balance.js";
import type { CompositionInput } from "./composition.js";
import type { ImportSharesInput } from "./importShares.js";
import type { PeopleFlowsInput } from "./peopleFlows.js";
import type { TradeVolumeInput, TradeVolumeYear } from "./tradeVolume.js";
import type { TradeVsPriceInput } from "./tradeVsPrice.js";

/** Synthetic yearly exports/imports in USD for 1992–2023, rounded to thousands; 1998 missing. */
function syntheticTradeYears(): TradeVolumeYear[] {
  const out: TradeVolumeYear[] = [];
  for (let year = 1992; year <= 2023; year++) {
    const t = year - 1992;
    // A rise with a dip in 2009 and 2015 and a fall after 2022, integers only (no float noise).
    const dip = year === 2009 ? 0.6 : year === 2015 || year === 2016 ? 0.7 : year === 2023 ? 0.55 : 1;
    const exportsUsd = year === 1998 ? null : Math.round((600 + t * t * 11) * dip) * 1_000_000;
    const importsUsd = year === 1998 ? null : Math.round((300 + t * t * 16) * dip) * 1_000_000;
    out.push({
      year,
      exportsUsd,
      importsUsd,
      totalUsd: exportsUsd === null || importsUsd === null ? null : exportsUsd + importsUsd,
    });
  }
  return out;
}

/** Synthetic inputs, one per chart, keyed by the snapshot file name. */
export const SAMPLE_INPUTS = {
  tradeVolume: {
    title: "Trade between Korea and Russia",
    subtitle: "SYNTHETIC sample data, not statistics",
    aLabel: "Korea",
    bLabel: "Russia",
    years: syntheticTradeYears(),
    milestones: [
      { year: 1992, label: "Relations upgraded" },
      { year: 2008, label: "Global financial crisis" },
      { year: 2014, label: "Visa waiver; sanctions" },
      { year: 2015, label: "Rouble crisis" },
      { year: 2022, label: "Sanctions widened" },
    ],
  } satisfies TradeVolumeInput,
  balance: {
    title: "Korea's trade balance with Russia",
    subtitle: "SYNTHETIC sample data, not statistics",
    years: syntheticTradeYears().map((y) => ({
      year: y.year,
      balanceUsd: y.exportsUsd === null || y.importsUsd === null ? null : y.exportsUsd - y.importsUsd,
    })),
  } satisfies BalanceInput,
  importShares: {
    title: "Who supplies Russia's imports",
    subtitle: "SYNTHETIC sample data, not statistics",
    partnerLabel: "Russia",
    highlight: ["Korea"],
    years: [2012, 2014, 2016, 2018, 2020, 2022].flatMap((year, i) => [
      { year, supplier: "China", share: 0.16 + i * 0.035 },
      { year, supplier: "Germany", share: 0.12 - i * 0.01 },
      { year, supplier: "USA", share: 0.05 - i * 0.004 },
      { year, supplier: "Japan", share: 0.045 - i * 0.003 },
      // Korea has no figure for 2018: its line must break there.
      ...(year === 2018 ? [] : [{ year, supplier: "Korea", share: 0.035 + (i % 2) * 0.005 }]),
    ]),
  } satisfies ImportSharesInput,
  peopleFlows: {
    title: "Visitors between Korea and Russia",
    subtitle: "SYNTHETIC sample data, not statistics",
    points: [
      { year: 1990, value: 30_000, series: "Visitors, both directions", approximate: true },
      ...[2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019].map((year, i) => ({
        year,
        value: 250_000 + i * 52_000,
        series: "Visitors, both directions",
      })),
      { year: 2019, value: 770_000, series: "Published totals", approximate: true },
      ...[2012, 2013, 2014, 2016, 2017, 2018, 2019].map((year, i) => ({
        year,
        value: 160_000 + i * 45_000,
        series: "Russian visitors to Korea",
      })),
    ],
  } satisfies PeopleFlowsInput,
  tradeVsPrice: {
    title: "Korea–Russia trade and the oil price",
    subtitle: "SYNTHETIC sample data, not statistics",
    priceLabel: "Brent, USD per barrel",
    years: syntheticTradeYears()
      .filter((y) => y.year >= 2000)
      .map((y, i) => ({
        year: y.year,
        tradeUsd: y.totalUsd,
        // A price series with one missing year (2005) to show the break in the line.
        price: y.year === 2005 ? null : [28, 24, 25, 29, 38, 0, 65, 72, 97, 62, 80, 111, 112, 109, 99, 52, 44, 54, 71, 64, 42, 71, 99, 82][i],
      })),
  } satisfies TradeVsPriceInput,
  composition: {
    title: "What Korea imports from Russia",
    subtitle: "SYNTHETIC sample data, not statistics",
    groups: [
      { label: "Mineral fuels, mineral oils and products of their distillation", share: 0.62, valueUsd: 8_400_000_000 },
      { label: "Fish and crustaceans", share: 0.08, valueUsd: 1_080_000_000 },
      { label: "Iron and steel", share: 0.07, valueUsd: 950_000_000 },
      { label: "Aluminium", share: 0.05, valueUsd: 680_000_000 },
      { label: "Wood and articles of wood", share: 0.03, valueUsd: 410_000_000 },
      { label: "Other products", share: 0.15, valueUsd: 2_030_000_000, residual: true },
    ],
  } satisfies CompositionInput,
};
