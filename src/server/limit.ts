/**
 * Bounds the analysis work running at once and ties every wait to the request's own deadline.
 * Profiles and reports are CPU- and DuckDB-bound; running more of them at once only makes each
 * slower, so at most `concurrent` run and the rest wait in a queue. A request is refused at once
 * with 503 and `Retry-After` when the queue is full or when, at the recent pace, its turn would
 * come after its deadline: it would only wait into its timeout. A request whose deadline passes
 * (or whose client hangs up) while it waits leaves the queue, and one that is running is told to
 * stop through its signal. Cache hits and 304s never pass through here.
 * @module
 * @example
 * ```ts
 * const gate = new WorkGate(2, 64);
 * const profile = await gate.run((signal) => buildProfile(cancellableStore(store, signal), "KOR", "RUS"), budget);
 * ```
 */
import { ApiError } from "./errors.js";

/** What a request may spend: its signal (aborted at its deadline or when the client leaves) and the deadline itself. */
export interface RequestBudget {
  signal: AbortSignal;
  /** `performance.now()` time by which the answer is due. */
  deadlineMs: number;
}

/** A budget that never runs out (work started outside a request: tests, warm-ups). */
export const UNBOUNDED: RequestBudget = { signal: new AbortController().signal, deadlineMs: Infinity };

/** Weight of the newest run time in the moving average that predicts a queued request's wait. */
const PACE_SMOOTHING = 0.2;

export interface GateStats {
  running: number;
  queued: number;
  /** Requests refused at admission (queue full, or their turn would come after their deadline). */
  refused: number;
  /** Queued requests that left the queue because their deadline passed or their client left. */
  expiredInQueue: number;
  /** Mean run time of recent work, ms (moving average). */
  paceMs: number;
}

interface Waiter {
  resolve: () => void;
  reject: (reason: unknown) => void;
}

export class WorkGate {
  private running = 0;
  private readonly waiting: Waiter[] = [];
  private refused = 0;
  private expiredInQueue = 0;
  private paceMs = 0;

  constructor(
    private readonly concurrent: number,
    private readonly queued: number,
    /** The clock deadlines are read on (tests pass their own). */
    private readonly now: () => number = () => performance.now(),
  ) {}

  async run<T>(work: (signal: AbortSignal) => Promise<T>, budget: RequestBudget = UNBOUNDED): Promise<T> {
    const { signal } = budget;
    signal.throwIfAborted();
    if (this.running >= this.concurrent) {
      this.admit(budget);
      await this.wait(signal);
    }
    this.running++;
    const started = this.now();
    try {
      return await work(signal);
    } finally {
      this.running--;
      const took = this.now() - started;
      this.paceMs = this.paceMs === 0 ? took : this.paceMs + PACE_SMOOTHING * (took - this.paceMs);
      this.waiting.shift()?.resolve();
    }
  }

  stats(): GateStats {
    return { running: this.running, queued: this.waiting.length, refused: this.refused, expiredInQueue: this.expiredInQueue, paceMs: Math.round(this.paceMs) };
  }

  /** Refuses a request that could only wait into its timeout. */
  private admit(budget: RequestBudget): void {
    if (this.waiting.length >= this.queued) {
      this.refused++;
      throw new ApiError(503, `the server is busy (${this.running} analyses running, ${this.waiting.length} waiting); retry in a few seconds`);
    }
    // Its turn comes after everyone ahead of it and one of the running ones have finished.
    const expectedWaitMs = (this.paceMs * (this.waiting.length + 1)) / this.concurrent;
    const leftMs = budget.deadlineMs - this.now();
    if (expectedWaitMs > leftMs) {
      this.refused++;
      throw new ApiError(503, `the server is busy: ${this.waiting.length} analyses are queued and this one would start in about ${(expectedWaitMs / 1000).toFixed(1)} s, after the request's ${Math.max(0, leftMs / 1000).toFixed(1)} s left; retry in a few seconds`);
    }
  }

  private wait(signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve: () => {
          signal.removeEventListener("abort", onAbort);
          resolve();
        },
        reject,
      };
      const onAbort = () => {
        const i = this.waiting.indexOf(waiter);
        if (i >= 0) this.waiting.splice(i, 1);
        this.expiredInQueue++;
        reject(signal.reason);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }
}
