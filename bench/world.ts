/**
 * Figures on a real-shaped DOTS world store (every IMF DOTS reporter; schema 3): warm profile and
 * report latency in-process, and the CLI as a user runs it (whole command, compiled dist/), one
 * report and one reporter's batch against all its partners.
 * @module
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { buildProfile } from "../src/profile/buildProfile.js";
import { buildReport } from "../src/report/buildReport.js";
import { renderReport } from "../src/report/render/index.js";
import { DuckDbTradeStore } from "../src/store/DuckDbTradeStore.js";
import { withoutReadMemo } from "./targets.js";

const BIN = join(dirname(fileURLToPath(import.meta.url)), "..", "bin", "tradeties.js");
const run = promisify(execFile);

interface WorldOptions {
  repeats: number;
  quick: boolean;
  /** Partners of the batch figure; 0 = every partner of the reporter. */
  batchPartners: number;
  figure: (name: string, value: number, unit: string) => void;
}

/** Pairs of large traders in order, each asked once: A repeats for a run of partners, as in a server's day. */
const NEW_PAIR_TRADERS = ["USA", "CHN", "DEU", "JPN", "GBR", "FRA", "KOR", "ITA", "NLD", "CAN", "IND", "RUS", "MEX", "BRA", "POL"];

function p50(ms: number[]): number {
  const sorted = [...ms].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length / 2) - 1]!;
}

export async function worldFigures(storePath: string, { repeats, quick, batchPartners, figure }: WorldOptions): Promise<void> {
  const [a, b] = ["KOR", "RUS"];
  // Warm = DuckDB's caches warm, every query run (the store's memo of reads off); beside it the
  // same with the memo on (a server asked the same pair again) and a run of pairs never asked
  // before, each reporter's reads remembered for the next (a server answering many pairs).
  for (const [name, open] of [
    ["world_profile_warm", () => withoutReadMemo(() => DuckDbTradeStore.open(storePath, { readOnly: true }))],
    ["world_profile_warm_read_cache", () => DuckDbTradeStore.open(storePath, { readOnly: true })],
  ] as const) {
    const store = await open();
    try {
      await buildProfile(store, a, b);
      const profile: number[] = [];
      for (let n = 0; n < repeats; n++) {
        const t = performance.now();
        await buildProfile(store, a, b);
        profile.push(performance.now() - t);
      }
      figure(`${name}_p50`, p50(profile), "ms");
    } finally {
      await store.close();
    }
  }
  const store = await DuckDbTradeStore.open(storePath, { readOnly: true });
  try {
    await buildProfile(store, "ZAF", "NGA");
    const fresh: number[] = [];
    const cpu = process.cpuUsage();
    const pairs = NEW_PAIR_TRADERS.flatMap((x) => NEW_PAIR_TRADERS.filter((y) => y !== x).map((y) => [x, y] as const)).slice(0, quick ? 10 : 40);
    for (const [x, y] of pairs) {
      const t = performance.now();
      await buildProfile(store, x, y);
      fresh.push(performance.now() - t);
    }
    const used = process.cpuUsage(cpu);
    figure("world_profile_new_pair_p50", p50(fresh), "ms");
    figure("world_profile_new_pair_cpu_mean", (used.user + used.system) / 1000 / pairs.length, "ms");
    const report: number[] = [];
    for (let n = 0; n < Math.min(repeats, 10); n++) {
      const t = performance.now();
      await renderReport(await buildReport(store, a, b), "html");
      report.push(performance.now() - t);
    }
    figure("world_report_html_warm_p50", p50(report), "ms");
  } finally {
    await store.close();
  }
  const out = await mkdtemp(join(tmpdir(), "tradeties-bench-cli-"));
  try {
    const command: number[] = [];
    for (let n = 0; n < 3; n++) {
      const t = performance.now();
      await run(process.execPath, [BIN, "report", a, b, "--format", "html", "--store", storePath, "--out", join(out, "one.html")]);
      command.push(performance.now() - t);
    }
    figure("world_report_command_s", p50(command) / 1000, "s");
    const partners = batchPartners > 0 ? ["--partners", `top:${batchPartners}`] : ["--partners", "all"];
    const t = performance.now();
    await run(process.execPath, [BIN, "report", a, ...partners, "--format", "html", "--store", storePath, "--out", join(out, "batch")], { maxBuffer: 64 * 2 ** 20 });
    figure(batchPartners > 0 ? `world_batch_top${batchPartners}_s` : "world_batch_all_partners_s", (performance.now() - t) / 1000, "s");
    console.log(`# world store ${storePath}: ${a}–${b}; whole commands run bin/tradeties.js (compiled dist/); batch ${partners.join(" ")}`);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}
