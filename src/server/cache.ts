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
