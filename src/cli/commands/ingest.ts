import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import cliProgress from "cli-progress";
import { environmentErrorFrom } from "../../environmentErrors.js";
import { EnvironmentError, TradetiesError, UsageError } from "../../errors.js";
import { adapterNames, ingestFile, type IngestReport } from "../../ingest/pipeline.js";
import { openStore } from "../openStore.js";
import { count } from "../format.js";

export interface IngestCommandOptions {
  store?: string;
  format?: string;
  json?: boolean;
  /** Print every rejected row, not the first 10. */
  allRejects?: boolean;
  /** Accept a new vintage that stores far fewer rows or years than the one it supersedes. */
  allowShrink?: boolean;
}

export interface IngestOutcome {
  reports: IngestReport[];
  failures: Array<{ file: string; error: string; exitCode: number }>;
}

/**
 * The exit code for an ingest: 0 when every file loaded (or was already loaded), else the code of
 * the failures when they agree (1 for data errors, 66 for missing files, 77 for permissions…),
 * else 1 — "some files failed, see the list".
 */
export function ingestExitCode(outcome: IngestOutcome): number {
  const codes = new Set(outcome.failures.map((f) => f.exitCode));
  if (codes.size === 0) return 0;
  return codes.size === 1 ? [...codes][0]! : 1;
}

/** A failure that concerns the store or the machine, not one input file: no later file could be stored either. */
function stopsTheCommand(error: unknown, file: string): boolean {
  return error instanceof EnvironmentError && error.at.file !== file;
}

/** Directories are expanded one level; inside them, files no adapter recognises are listed and skipped. */
async function expand(paths: string[]): Promise<Array<{ file: string; explicit: boolean }>> {
  const out: Array<{ file: string; explicit: boolean }> = [];
  for (const p of paths) {
    const info = await stat(p).catch(() => undefined);
    if (info?.isDirectory()) {
      for (const name of (await readdir(p)).sort()) {
        const child = join(p, name);
        if ((await stat(child)).isFile() && !name.startsWith(".") && !/\.(md|txt|json\.R)$/i.test(name)) out.push({ file: child, explicit: false });
      }
    } else out.push({ file: p, explicit: true });
  }
  return out;
}

export async function ingest(paths: string[], options: IngestCommandOptions, log: (line: string) => void = console.log): Promise<IngestOutcome> {
  // Checked before any file: a misspelt format is the command's mistake, not one file's (exit 2).
  if (options.format !== undefined && !adapterNames().includes(options.format)) {
    throw new UsageError(`unknown format "${options.format}"; choose one of: ${adapterNames().join(", ")}`, { field: "--format" });
  }
  const store = await openStore(options.store, { readOnly: false });
  const outcome: IngestOutcome = { reports: [], failures: [] };
  const showBar = process.stderr.isTTY && !options.json;
  try {
    for (const { file, explicit } of await expand(paths)) {
      const bar = showBar ? new cliProgress.SingleBar({ format: `  {bar} {percentage}% {stage}  ${file}`, clearOnComplete: true, stream: process.stderr }, cliProgress.Presets.shades_classic) : undefined;
      bar?.start(100, 0, { stage: "" });
      try {
        const report = await ingestFile(store, file, {
          format: options.format,
          allowShrink: options.allowShrink,
          onProgress: (fraction, stage) => bar?.update(Math.round(fraction * 100), { stage }),
        });
        bar?.stop();
        outcome.reports.push(report);
        if (!options.json) log(describeReport(report, options.allRejects ?? false));
      } catch (thrown) {
        bar?.stop();
        if (!explicit && thrown instanceof TradetiesError && /cannot tell what kind of file/.test(thrown.message)) {
          if (!options.json) log(`${file}: not a recognised data file, skipped`);
          continue;
        }
        const error = thrown instanceof TradetiesError ? thrown : environmentErrorFrom(thrown, { path: store.location, action: "write the store" });
        if (stopsTheCommand(error, file)) throw error;
        // Anything else fails this file only: the others of the command are still loaded.
        const described = error
          ? error.describe()
          : `internal error while loading this file: ${(thrown as Error)?.message ?? thrown} — this is a bug in tradeties; please report it with the file`;
        outcome.failures.push({ file, error: described, exitCode: error ? error.exitCode : 70 });
        if (!options.json) log(`${file}: FAILED — ${described}\n  the store is unchanged for this file`);
      }
    }
    if (outcome.reports.some((r) => r.changed)) {
      const started = performance.now();
      const sorted = await store.sortForReads();
      if (sorted && !options.json) log(`sorted ${count(sorted)} trade rows by reporter for reads (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    }
  } finally {
    await store.close();
  }
  if (options.json) log(JSON.stringify(outcome, null, 2));
  else if (outcome.failures.length > 0 && outcome.reports.length + outcome.failures.length > 1) {
    log(`${outcome.failures.length} of ${outcome.reports.length + outcome.failures.length} files failed: ${outcome.failures.map((f) => f.file).join(", ")}`);
  }
  return outcome;
}

export function describeReport(r: IngestReport, allRejects: boolean): string {
  if (!r.changed) return `${r.file}: ${r.notes[0] ?? "already loaded; nothing changed"}`;
  const lines = [
    `${r.file}: ${r.adapter}, ${r.source.dataset} ${r.source.vintage}${r.source.vintageNumber > 1 ? " (new vintage)" : ""}`,
    `  rows read ${count(r.rowsRead)} = stored ${count(r.rowsStored)} + rejected ${count(r.rowsRejected)} + skipped ${count(r.rowsSkipped)}`,
  ];
  for (const s of r.skipped) lines.push(`  skipped ${count(s.count)}: ${s.reason}`);
  const shown = allRejects ? r.rejected : r.rejected.slice(0, 10);
  for (const j of shown) {
    const where = [j.line !== undefined ? `line ${j.line}` : undefined, j.cell, j.field ? `field ${j.field}` : undefined].filter(Boolean).join(", ");
    lines.push(`  rejected ${where}: ${j.reason}`);
  }
  if (r.rowsRejected > shown.length) lines.push(`  … ${count(r.rowsRejected - shown.length)} more rejected rows (--all-rejects lists them)`);
  for (const n of r.notes) lines.push(`  note: ${n}`);
  return lines.join("\n");
}
