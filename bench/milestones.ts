/**
 * Milestone catalogue timings on the real milestone datasets of the data folder: the cold parse a
 * process pays without a snapshot, warm re-parses, a load from the snapshot (snapshot.ts), and one
 * pair's candidates. Prints one
 * `name value unit` line per figure. Nothing is asserted.
 *
 *   npm run bench:milestones
 * @module
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MilestoneCatalogue } from "../src/milestones/catalogue.js";

const PAIRS = ["USA-MEX", "BRA-ARG", "CHN-USA", "POL-DEU", "KOR-CHL", "RUS-UKR", "KOR-RUS", "DEU-FRA", "JPN-CHN", "IND-PAK", "ZAF-NGA", "AUS-NZL", "EGY-SAU", "CAN-GBR", "TUR-IRN"].map((p) => p.split("-") as [string, string]);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Milliseconds to load the catalogue afresh, with the snapshot folder as `cache` says ("off": parse the datasets). */
function loadMs(cache: string | undefined): number {
  const before = process.env.TRADETIES_CACHE;
  if (cache === undefined) delete process.env.TRADETIES_CACHE;
  else process.env.TRADETIES_CACHE = cache;
  try {
    MilestoneCatalogue.reset();
    const t0 = performance.now();
    MilestoneCatalogue.load();
    return performance.now() - t0;
  } finally {
    if (before === undefined) delete process.env.TRADETIES_CACHE;
    else process.env.TRADETIES_CACHE = before;
  }
}

// The first load of the process parses (a CLI start without a snapshot); the later ones show the
// parse warm, then what a start with the snapshot kept by an earlier run costs.
console.log(`milestones.parse_cold ${loadMs("off").toFixed(0)} ms`);
const warm: number[] = [];
for (let i = 0; i < 5; i++) warm.push(loadMs("off"));
console.log(`milestones.parse_warm_median ${median(warm).toFixed(0)} ms`);
const snapshotFolder = mkdtempSync(join(tmpdir(), "tradeties-bench-cache-"));
loadMs(snapshotFolder);
const fromSnapshot: number[] = [];
for (let i = 0; i < 5; i++) fromSnapshot.push(loadMs(snapshotFolder));
rmSync(snapshotFolder, { recursive: true, force: true });
console.log(`milestones.snapshot_load_median ${median(fromSnapshot).toFixed(0)} ms`);
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
