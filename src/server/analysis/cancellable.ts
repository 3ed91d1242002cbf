/**
 * A view of a store for one piece of work that stops serving it once the work is cancelled:
 * every store call made after the signal fired is refused with {@link AnalysisCancelled}, so a
 * profile or report whose request timed out stops at its next query instead of running on
 * (a profile is ~20 queries; between them it only computes on what it has read). Works for any
 * `TradeStore`, whatever engine is behind it.
 * @module
 * @example
 * ```ts
 * const profile = await buildProfile(cancellableStore(store, signal), "KOR", "RUS");
 * ```
 */
import type { TradeStore } from "../../store/TradeStore.js";

/** The work was stopped because its request ended (deadline passed or client gone). */
export class AnalysisCancelled extends Error {
  constructor(readonly reason?: unknown) {
    super("the analysis was cancelled: its request ended before it finished");
    this.name = "AnalysisCancelled";
  }
}

export function cancellableStore(store: TradeStore, signal: AbortSignal): TradeStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (signal.aborted) return Promise.reject(new AnalysisCancelled(signal.reason));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
