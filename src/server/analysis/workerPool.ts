/**
 * A pool of worker threads that compute analyses off the event loop. Each worker opens its own
 * read-only handle on the store file (DuckDB allows many readers) and runs a few tasks at once;
 * the main thread resolves countries, answers 304s and cache hits, and sends the finished bodies
 * the workers return. Work is admitted through the request-deadline-aware {@link WorkGate}; a task
 * whose request ends is told to stop (the worker refuses its further store calls), and its slot
 * is free again once the worker confirms. A worker that dies is replaced and its tasks fail as
 * bugs (500 with an id), never hang. Workers are not terminated mid-task: tearing a thread down
 * while DuckDB works for it aborts the process.
 * @module
 * @example
 * ```ts
 * const pool = await WorkerAnalyses.start({ workers: 2, tasksPerWorker: 2, queued: 64 });
 * const out = await pool.run({ kind: "profile", key: { a: "KOR", b: "RUS" } }, lease, budget);
 * await pool.close();
 * ```
 */
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { spawnModuleWorker } from "../../workerThreads.js";
import { WorkGate, type RequestBudget } from "../limit.js";
import type { Lease } from "../storeHolder.js";
import { TaskAccounting, type Analyses, type AnalysesStats } from "./executor.js";
import type { AnalysisBody, AnalysisTask } from "./tasks.js";
import { fromWire, type WireError } from "./wire.js";

/** One worker per core, at most 4: past the cores, more threads only share them. */
export const DEFAULT_ANALYSIS_WORKERS = Math.min(4, Math.max(1, availableParallelism()));
/** Tasks one worker runs at once: while one waits on DuckDB, another computes. */
export const DEFAULT_TASKS_PER_WORKER = 2;

export type ToWorker = { type: "run"; id: number; task: AnalysisTask; location: string; generation: number } | { type: "cancel"; id: number } | { type: "close" };
export type FromWorker = { type: "ready" } | { type: "done"; id: number; out: AnalysisBody } | { type: "failed"; id: number; error: WireError } | { type: "closed" };

interface Pending {
  resolve: (out: AnalysisBody) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  thread: Worker;
  pending: Map<number, Pending>;
  closing: boolean;
}

export interface PoolOptions {
  workers?: number;
  tasksPerWorker?: number;
  /** Tasks waiting for a slot beyond which a request is a 503. */
  queued: number;
}

function spawnWorker(): Worker {
  return spawnModuleWorker("server/analysis/worker");
}

export class WorkerAnalyses implements Analyses {
  private readonly workers: PoolWorker[] = [];
  private readonly gate: WorkGate;
  private readonly accounting = new TaskAccounting();
  private readonly tasksPerWorker: number;
  private nextId = 1;
  private closed = false;
  /** Report and chart tasks for one key go to the worker that built its document, when it has room. */
  private readonly affinity = new Map<string, PoolWorker>();

  private constructor(
    private readonly size: number,
    tasksPerWorker: number,
    queued: number,
  ) {
    this.tasksPerWorker = tasksPerWorker;
    this.gate = new WorkGate(size * tasksPerWorker, queued);
  }

  /** Starts the workers and waits until each has loaded its code. */
  static async start(options: PoolOptions): Promise<WorkerAnalyses> {
    const pool = new WorkerAnalyses(options.workers ?? DEFAULT_ANALYSIS_WORKERS, options.tasksPerWorker ?? DEFAULT_TASKS_PER_WORKER, options.queued);
    await Promise.all(Array.from({ length: pool.size }, () => pool.addWorker()));
    return pool;
  }

  run(task: AnalysisTask, lease: Lease, budget: RequestBudget): Promise<AnalysisBody> {
    if (this.closed) return Promise.reject(new Error("the analysis pool is closed"));
    return this.gate.run((signal) => this.accounting.track(this.dispatch(task, lease, signal), signal), budget);
  }

  stats(): AnalysesStats {
    return { ...this.gate.stats(), workers: this.workers.length, cancelled: this.accounting.cancelled, completed: this.accounting.completed };
  }

  idle(): Promise<void> {
    return this.accounting.idle();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.idle();
    await Promise.all(
      this.workers.splice(0).map(
        (w) =>
          new Promise<void>((resolve) => {
            w.closing = true;
            w.thread.once("exit", () => resolve());
            w.thread.postMessage({ type: "close" } satisfies ToWorker);
          }),
      ),
    );
  }

  private dispatch(task: AnalysisTask, lease: Lease, signal: AbortSignal): Promise<AnalysisBody> {
    const worker = this.pick(task);
    const id = this.nextId++;
    return new Promise<AnalysisBody>((resolve, reject) => {
      const onAbort = () => worker.thread.postMessage({ type: "cancel", id } satisfies ToWorker);
      signal.addEventListener("abort", onAbort, { once: true });
      const settle = () => signal.removeEventListener("abort", onAbort);
      worker.pending.set(id, {
        resolve: (out) => (settle(), resolve(out)),
        reject: (error) => (settle(), reject(error)),
      });
      worker.thread.postMessage({ type: "run", id, task, location: lease.store.location, generation: lease.generation } satisfies ToWorker);
    });
  }

  /** The worker with the fewest tasks; for reports and charts, the one that has the document if it has room. */
  private pick(task: AnalysisTask): PoolWorker {
    const key = task.kind === "profile" ? undefined : JSON.stringify(task.key);
    const preferred = key ? this.affinity.get(key) : undefined;
    if (preferred && this.workers.includes(preferred) && preferred.pending.size < this.tasksPerWorker) return preferred;
    const chosen = this.workers.reduce((best, w) => (w.pending.size < best.pending.size ? w : best));
    if (key) {
      this.affinity.delete(key);
      this.affinity.set(key, chosen);
      if (this.affinity.size > 256) this.affinity.delete(this.affinity.keys().next().value!);
    }
    return chosen;
  }

  private addWorker(): Promise<void> {
    const worker: PoolWorker = { thread: spawnWorker(), pending: new Map(), closing: false };
    this.workers.push(worker);
    return new Promise<void>((resolve, reject) => {
      worker.thread.on("message", (m: FromWorker) => {
        if (m.type === "ready") return resolve();
        if (m.type === "closed") return;
        const p = worker.pending.get(m.id);
        if (!p) return;
        worker.pending.delete(m.id);
        if (m.type === "done") p.resolve(m.out);
        else p.reject(fromWire(m.error));
      });
      worker.thread.on("error", (error) => this.lose(worker, error, reject));
      worker.thread.on("exit", (code) => {
        if (!worker.closing) this.lose(worker, new Error(`an analysis worker exited with code ${code}`), reject);
      });
    });
  }

  /** A worker died: its tasks fail (as bugs, with the cause in the log) and a new worker takes its place. */
  private lose(worker: PoolWorker, cause: Error, failStart: (e: Error) => void): void {
    const i = this.workers.indexOf(worker);
    if (i < 0) return;
    this.workers.splice(i, 1);
    worker.closing = true;
    failStart(cause);
    for (const p of worker.pending.values()) p.reject(new Error(`an analysis worker died while computing this request: ${cause.stack ?? cause.message}`));
    worker.pending.clear();
    if (!this.closed) void this.addWorker().catch(() => undefined);
  }
}
