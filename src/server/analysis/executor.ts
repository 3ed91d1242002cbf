/**
 * Where analyses run. `InProcessAnalyses` runs them on the server's own thread (tests, and
 * `createApp` over a store object); `WorkerAnalyses` (workerPool.ts) runs them in a pool of
 * worker threads so the event loop only parses requests and sends finished bodies. Both admit
 * work through a {@link WorkGate} tied to the request's deadline, and both stop a task whose
 * request has ended at its next store call.
 * @module
 */
import { Lru } from "../cache.js";
import { WorkGate, type GateStats, type RequestBudget } from "../limit.js";
import type { Lease } from "../storeHolder.js";
import { runAnalysis, type AnalysisBody, type AnalysisTask, type DocumentCache } from "./tasks.js";

export interface AnalysesStats extends GateStats {
  /** Worker threads (0: analyses run on the main thread). */
  workers: number;
  /** Tasks that were told to stop because their request ended while they ran. */
  cancelled: number;
  completed: number;
}

export interface Analyses {
  run(task: AnalysisTask, lease: Lease, budget: RequestBudget): Promise<AnalysisBody>;
  stats(): AnalysesStats;
  /** Resolves once no task is running or queued (tests; shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Report documents kept per thread (with their charts: ~100–300 KB each). */
export const DOCUMENT_CACHE_ENTRIES = 8;

/** Counts what ran and what was cancelled, and resolves `idle()` waiters. */
export class TaskAccounting {
  active = 0;
  cancelled = 0;
  completed = 0;
  private idleWaiters: Array<() => void> = [];

  async track<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
    this.active++;
    let cancelledHere = false;
    const onAbort = () => {
      if (!cancelledHere) this.cancelled++;
      cancelledHere = true;
    };
    signal.addEventListener("abort", onAbort, { once: true });
    try {
      return await work;
    } finally {
      signal.removeEventListener("abort", onAbort);
      if (!cancelledHere) this.completed++;
      this.active--;
      // After the current turn, so that the gate around the task has released its slot too.
      if (this.active === 0) for (const w of this.idleWaiters.splice(0)) setImmediate(w);
    }
  }

  idle(): Promise<void> {
    return this.active === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}

export class InProcessAnalyses implements Analyses {
  private readonly docs: DocumentCache = new Lru(DOCUMENT_CACHE_ENTRIES);
  private readonly accounting = new TaskAccounting();

  constructor(private readonly gate: WorkGate) {}

  run(task: AnalysisTask, lease: Lease, budget: RequestBudget): Promise<AnalysisBody> {
    return this.gate.run((signal) => this.accounting.track(runAnalysis(lease.store, task, this.docs, signal, String(lease.generation)), signal), budget);
  }

  stats(): AnalysesStats {
    return { ...this.gate.stats(), workers: 0, cancelled: this.accounting.cancelled, completed: this.accounting.completed };
  }

  idle(): Promise<void> {
    return this.accounting.idle();
  }

  async close(): Promise<void> {}
}
