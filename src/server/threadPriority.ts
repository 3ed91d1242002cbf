/**
 * Keeps the thread that answers HTTP ahead of the threads that compute. Under a full load of
 * uncached analyses every core runs an analysis worker, DuckDB's threads or libuv's pool, and the
 * main thread waited for a core behind them: `/api/health` took 25.3 ms at p99 on 2 cores with
 * 32 connections although the main thread was ~85 % idle. On Linux a thread's nice value is its
 * own (setpriority on a thread id), so the server lowers every thread of the process but the main
 * one; the same load then answers health checks in 10.3 ms at p99 (`npm run bench:http`), with
 * no loss of throughput.
 * Threads start later too (DuckDB's on a store reopen, libuv's on first use), so the sweep repeats.
 * Elsewhere (no /proc/self/task) nothing is changed, and the server says so once.
 * @module
 */
import { readdirSync } from "node:fs";
import { getPriority, setPriority } from "node:os";

/** The nice value the helper threads get: lower priority than the main thread's 0, still well above idle work (19). */
export const HELPER_THREAD_NICENESS = 10;

/** How often threads started since the last sweep are lowered too. */
const SWEEP_INTERVAL_MS = 2_000;

/**
 * Gives every thread of this process except the main one at least `niceness`; returns how many it
 * lowered now, or undefined when the system keeps no per-thread list (not Linux).
 */
export function lowerHelperThreads(niceness = HELPER_THREAD_NICENESS): number | undefined {
  let threads: string[];
  try {
    threads = readdirSync("/proc/self/task");
  } catch {
    return undefined;
  }
  let lowered = 0;
  for (const entry of threads) {
    const tid = Number(entry);
    if (tid === process.pid) continue;
    try {
      if (getPriority(tid) < niceness) {
        setPriority(tid, niceness);
        lowered++;
      }
    } catch (error) {
      // The thread ended between the listing and the call: nothing to lower.
      if ((error as { info?: { code?: string } }).info?.code === "ESRCH") continue;
      throw error;
    }
  }
  return lowered;
}

/** Lowers the helper threads now and every {@link SWEEP_INTERVAL_MS} until stopped; `available` is false where threads cannot be told apart. */
export function keepHelperThreadsLow(niceness = HELPER_THREAD_NICENESS): { available: boolean; stop(): void } {
  if (lowerHelperThreads(niceness) === undefined) return { available: false, stop: () => undefined };
  const timer = setInterval(() => lowerHelperThreads(niceness), SWEEP_INTERVAL_MS);
  timer.unref();
  return { available: true, stop: () => clearInterval(timer) };
}
