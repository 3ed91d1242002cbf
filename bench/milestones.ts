/**
 * Milestone catalogue timings on the real milestone datasets of the data folder: the cold parse a
 * server process pays at its first profile, warm re-parses, and one pair's candidates. Prints one
 * `name value unit` line per figure. Nothing is asserted.
 *
 *   npm run bench:milestones
 * @module
 */
import { MilestoneCatalogue } from "../src/milestones/catalogue.js";

const PAIRS = ["USA-MEX", "BRA-ARG", "CHN-USA", "POL-DEU", "KOR-CHL", "RUS-UKR", "KOR-RUS", "DEU-FRA", "JPN-CHN", "IND-PAK", "ZAF-NGA", "AUS-NZL", "EGY-SAU", "CAN-GBR", "TUR-IRN"].map((p) => p.split("-") as [string, string]);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const cold = MilestoneCatalogue.load();
console.log(`milestones.parse_cold ${cold.stats.parseMs.toFixed(0)} ms`);
const warm: number[] = [];
for (let i = 0; i < 5; i++) {
  MilestoneCatalogue.reset();
  warm.push(MilestoneCatalogue.load().stats.parseMs);
}
console.log(`milestones.parse_warm_median ${median(warm).toFixed(0)} ms`);
const catalogue = MilestoneCatalogue.load();
const perPair: number[] = [];
for (let r = 0; r < 5; r++) {
  for (const [a, b] of PAIRS) {
    const t0 = performance.now();
    catalogue.forPair(a, b);
    perPair.push(performance.now() - t0);
  }
}
console.log(`milestones.for_pair_median ${median(perPair).toFixed(2)} ms`);
console.log(`milestones.agreements ${catalogue.stats.agreements} records`);
console.log(`milestones.desta_dyads ${catalogue.stats.destaDyads} rows`);
console.log(`milestones.country_events ${catalogue.stats.countryEvents} records`);
console.log(`milestones.sanctions ${catalogue.stats.sanctions} episodes`);
console.log(`milestones.unmapped_codes ${catalogue.stats.unmapped.length} codes (${catalogue.stats.unmapped.reduce((s, u) => s + u.rows, 0)} rows)`);
