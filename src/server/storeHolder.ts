/**
 * The server's one read-only store, swappable while serving. Each request holds a lease on the
 * store it started with; `reopen()` (on SIGHUP) opens the file again and retires the old store,
 * which closes once its last request has finished. The content version and the summary the
 * health route shows are computed once per open: a read-only store cannot change under us, so
 * ETags and health checks need no query per request. `openServingStore` is the one place that
 * turns a store location into an open read-only store (the server and its analysis workers).
 * @module
 * @example
 * ```ts
 * const holder = new StoreHolder(store, () => DuckDbTradeStore.open(path, { readOnly: true }));
 * process.on("SIGHUP", () => void holder.reopen());
 * ```
 */
import { openTradeStore } from "../store/openTradeStore.js";
import type { TradeStore } from "../store/TradeStore.js";

/** Opens the store at `location` read-only, as the server and each analysis worker hold it. */
export function openServingStore(location: string): Promise<TradeStore> {
  return openTradeStore(location, { readOnly: true });
}

/** What `/api/health` says about the store, computed once per open. */
export interface StoreSummary {
  contentVersion: string;
  /** Loaded files in use (not superseded). */
  sources: number;
}

export interface Lease {
  store: TradeStore;
  /** Which opening of the store this is (workers holding their own handles open the same one). */
  generation: number;
  /** The store's content version (computed on first use, then remembered). */
  contentVersion(): Promise<string>;
  release(): void;
}

interface Generation {
  store: TradeStore;
  /** 0 for the store the server started with, +1 at each reopen. */
  number: number;
  version?: Promise<string>;
  summary?: Promise<StoreSummary>;
  leases: number;
  retired: boolean;
  closed?: Promise<void>;
}

export class StoreHolder {
  private current: Generation;

  constructor(
    store: TradeStore,
    private readonly opener?: () => Promise<TradeStore>,
  ) {
    this.current = { store, number: 0, leases: 0, retired: false };
  }

  contentVersion(): Promise<string> {
    return versionOf(this.current);
  }

  /** The current store's summary; after the first call, answered without touching the store. */
  summary(): Promise<StoreSummary> {
    const gen = this.current;
    const summary = summaryOf(gen);
    summary.catch(() => (gen.summary = undefined));
    return summary;
  }

  /** The current generation's number (see {@link Lease.generation}). */
  get generation(): number {
    return this.current.number;
  }

  get store(): TradeStore {
    return this.current.store;
  }

  acquire(): Lease {
    const gen = this.current;
    gen.leases++;
    let released = false;
    return {
      store: gen.store,
      generation: gen.number,
      contentVersion: () => versionOf(gen),
      release: () => {
        if (released) return;
        released = true;
        gen.leases--;
        if (gen.retired && gen.leases === 0) void this.closeGeneration(gen);
      },
    };
  }

  /** Opens the store again (new content after an ingest into a copy that replaced the file). Keeps the old one if opening fails. */
  async reopen(): Promise<{ changed: boolean; contentVersion: string }> {
    if (!this.opener) throw new Error("this server was given a store without a way to reopen it");
    const store = await this.opener();
    const next: Generation = { store, number: this.current.number + 1, leases: 0, retired: false };
    let before: string, after: string;
    try {
      // The summary too, so that health checks never wait on the new store.
      [before, after] = await Promise.all([versionOf(this.current), versionOf(next), summaryOf(next)]);
    } catch (error) {
      await store.close();
      throw error;
    }
    const old = this.current;
    this.current = next;
    old.retired = true;
    if (old.leases === 0) await this.closeGeneration(old);
    return { changed: before !== after, contentVersion: after };
  }

  /** Closes the current store (waits for nothing: call after the HTTP server stopped taking requests). */
  async close(): Promise<void> {
    this.current.retired = true;
    await this.closeGeneration(this.current);
  }

  private closeGeneration(gen: Generation): Promise<void> {
    gen.closed ??= gen.store.close();
    return gen.closed;
  }
}

function summaryOf(gen: Generation): Promise<StoreSummary> {
  gen.summary ??= Promise.all([versionOf(gen), gen.store.listSources()]).then(([contentVersion, sources]) => ({ contentVersion, sources: sources.filter((s) => !s.superseded).length }));
  return gen.summary;
}

function versionOf(gen: Generation): Promise<string> {
  gen.version ??= gen.store.contentVersion();
  return gen.version;
}
