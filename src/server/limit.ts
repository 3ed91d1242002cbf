/**
 * Bounds the analysis work running at once. Profiles and reports are CPU- and DuckDB-bound;
 * running more of them at once only makes each slower, so at most `concurrent` run and at most
 * `queued` wait; beyond that a request is refused at once with 503 and `Retry-After`, instead of
 * waiting into its timeout. Cache hits and 304s never pass through here.
 * @module
 * @example
 * ```ts
 * const gate = new WorkGate(2, 64);
 * const profile = await gate.run(() => buildProfile(store, "KOR", "RUS"));
 * ```
 */
import { ApiError } from "./errors.js";

export class WorkGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly concurrent: number,
    private readonly queued: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrent) {
      if (this.waiting.length >= this.queued) {
        throw new ApiError(503, `the server is busy (${this.running} analyses running, ${this.waiting.length} waiting); retry in a few seconds`);
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}
