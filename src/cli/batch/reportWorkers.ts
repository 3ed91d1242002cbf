/**
 * A batch's reports written by worker threads, one report at a time each, the next partner to
 * whichever worker finishes first. Each worker opens its own read-only handle on the store (DuckDB
 * allows many readers) and draws its own charts: profile, text and chart drawing (about a third of
 * a report's CPU in a profile of a 20-partner batch) all run on the JS thread, so two workers on two
 * cores wrote all 208 of Korea's partners in 21.8 s against 32.8 s on one thread (1.5×, a quiet
 * machine). Workers are never terminated mid-report: tearing a thread
 * down while DuckDB works for it aborts the process; after a bug the others finish their report
 * and close.
 * @module
 */
import { availableParallelism } from "node:os";
import { UsageError } from "../../errors.js";
import { fromWire, type WireError } from "../../server/analysis/wire.js";
import { spawnModuleWorker } from "../../workerThreads.js";
import type { BatchEntry, PartnerReportOptions, RankedPartner } from "./partnerReport.js";

export type ToBatchWorker =
  | { type: "init"; location: string; reporter: string; options: Omit<PartnerReportOptions, "printer"> }
  | { type: "report"; index: number; partner: RankedPartner }
  | { type: "close" };
export type FromBatchWorker = { type: "ready" } | { type: "done"; index: number; entry: BatchEntry } | { type: "failed"; index: number; error: WireError };

/** Partners per worker below which a worker costs more than it saves (each loads the modules and opens the store: ~0.5 s). */
const PARTNERS_PER_WORKER = 6;

/**
 * How many workers a batch of `partners` reports gets: TRADETIES_BATCH_WORKERS when set (0 or 1:
 * none, the main thread writes them), else one per core up to 4, fewer for a short batch.
 */
export function batchWorkerCount(partners: number): number {
  const text = process.env.TRADETIES_BATCH_WORKERS;
  if (text !== undefined && text !== "") {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`TRADETIES_BATCH_WORKERS must be a whole number of threads (0 or 1: none), got "${text}"`, { field: "TRADETIES_BATCH_WORKERS" });
    return n > 1 ? n : 0;
  }
  const n = Math.min(4, availableParallelism(), Math.floor(partners / PARTNERS_PER_WORKER));
  return n > 1 ? n : 0;
}

/** Writes every partner's report with `workers` threads; `onEntry` sees each as it is done. Entries come back in partner order. */
export async function writeReportsInWorkers(
  location: string,
  reporter: string,
  partners: RankedPartner[],
  options: Omit<PartnerReportOptions, "printer">,
  workers: number,
  onEntry: (entry: BatchEntry) => void,
): Promise<BatchEntry[]> {
  const entries: BatchEntry[] = new Array(partners.length);
  let next = 0;
  let failure: Error | undefined;
  await Promise.all(
    Array.from({ length: workers }, () => {
      const thread = spawnModuleWorker("cli/batch/batchWorker");
      const post = (m: ToBatchWorker) => thread.postMessage(m);
      const giveNext = () => {
        if (failure || next >= partners.length) return post({ type: "close" });
        const index = next++;
        post({ type: "report", index, partner: partners[index]! });
      };
      thread.on("message", (m: FromBatchWorker) => {
        if (m.type === "done") {
          entries[m.index] = m.entry;
          onEntry(m.entry);
        } else if (m.type === "failed") failure ??= fromWire(m.error);
        giveNext();
      });
      thread.on("error", (error) => {
        failure ??= error;
      });
      post({ type: "init", location, reporter, options });
      return new Promise<void>((resolve) =>
        thread.on("exit", (code) => {
          if (code !== 0) failure ??= new Error(`a batch worker stopped with exit code ${code}`);
          resolve();
        }),
      );
    }),
  );
  if (failure) throw failure;
  return entries;
}
