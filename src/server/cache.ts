/**
 * HTTP caching keyed on the store's content: an ETag is the store's content version plus the
 * request's normalized parameters (resolved country codes, parsed years), so `korea` and `KOR`
 * share an ETag and a new ingest changes every one. Clients revalidate (`no-cache`) and get a
 * 304 when nothing changed, before any analysis runs.
 * Also a small LRU for work several requests share (the report behind six chart images).
 * @module
 * @see https://developer.mozilla.org/docs/Web/HTTP/Headers/ETag
 * @example
 * ```ts
 * const tag = etagFor(lease.contentVersion, "profile", { a: "KOR", b: "RUS", from: 1990 });
 * if (notModified(c, tag)) return c.body(null, 304);
 * ```
 */
import { createHash } from "node:crypto";
import type { Context } from "hono";
import type { RequestBudget } from "./limit.js";

/** Bumped when the server's output for the same data changes shape. */
export const API_OUTPUT_VERSION = "1";

export function etagFor(contentVersion: string, route: string, params: Record<string, string | number | undefined>): string {
  const normalized = Object.keys(params)
    .sort()
    .filter((k) => params[k] !== undefined)
    .map((k) => `${k}=${params[k]}`)
    .join("&");
  const digest = createHash("sha256").update(`${API_OUTPUT_VERSION}|${contentVersion}|${route}|${normalized}`).digest("base64url").slice(0, 22);
  return `"${digest}"`;
}

/** Sets ETag and Cache-Control; true when the client's copy is current (answer 304). */
export function notModified(c: Context, etag: string): boolean {
  c.header("ETag", etag);
  c.header("Cache-Control", "no-cache");
  const header = c.req.header("If-None-Match");
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
}

/** Least-recently-used map with a fixed number of entries; stores promises so concurrent requests share one computation. */
export class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
  }

  delete(key: string): void {
    this.map.delete(key);
  }

  /** The cached promise, or `make()`'s, remembered unless it rejects. */
  memo<T>(this: Lru<Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
    if (this.capacity === 0) return make();
    const hit = this.get(key);
    if (hit) return hit;
    const p = make();
    this.set(key, p);
    p.catch(() => this.delete(key));
    return p;
  }
}

/** One computation shared by the requests that want it, until it settles; then its result. */
interface SharedEntry<T> {
  promise: Promise<T>;
  controller: AbortController;
  waiters: number;
  settled: boolean;
}

/**
 * Finished response bodies by key (store content + normalized request), and the work in progress
 * for a key shared by every request that asks for it meanwhile. The shared work is told to stop
 * only when every request waiting for it has ended (deadline or client gone); each request still
 * stops waiting at its own end. A failure is not remembered: the next request computes again.
 */
export class SharedWork<T> {
  private readonly entries: Lru<SharedEntry<T>>;

  constructor(private readonly capacity: number) {
    this.entries = new Lru(capacity);
  }

  get(key: string, budget: RequestBudget, make: (budget: RequestBudget) => Promise<T>): Promise<T> {
    if (this.capacity === 0) return make(budget);
    let entry = this.entries.get(key);
    if (entry?.settled) return entry.promise;
    if (!entry) {
      const controller = new AbortController();
      const made: SharedEntry<T> = { controller, waiters: 0, settled: false, promise: make({ signal: controller.signal, deadlineMs: budget.deadlineMs }) };
      made.promise.then(
        () => void (made.settled = true),
        () => {
          made.settled = true;
          if (this.entries.get(key) === made) this.entries.delete(key);
        },
      );
      this.entries.set(key, made);
      entry = made;
    }
    return wait(entry, budget.signal);
  }
}

function wait<T>(entry: SharedEntry<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  entry.waiters++;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      entry.waiters--;
      if (entry.waiters === 0 && !entry.settled) entry.controller.abort(signal.reason);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    const done = () => {
      if (signal.aborted) return;
      signal.removeEventListener("abort", onAbort);
      entry.waiters--;
    };
    entry.promise.then(
      (value) => (done(), resolve(value)),
      (error) => (done(), reject(error)),
    );
  });
}
