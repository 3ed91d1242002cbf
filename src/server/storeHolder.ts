/**
 * The server's one read-only store, swappable while serving. Each request holds a lease on the
 * store it started with; `reopen()` (on SIGHUP) opens the file again and retires the old store,
 * which closes once its last request has finished. The content version is computed once per
 * open: a read-only store cannot change under us, so ETags need no query per request.
 * @module
 * @example
 * ```ts
 * const holder = new StoreHolder(store, () => DuckDbTradeStore.open(path, { readOnly: true }));
 * process.on("SIGHUP", () => void holder.reopen());
 * ```
 */
import type { TradeStore } from "../store/TradeStore.js";

export interface Lease {
  store: TradeStore;
  /** The store's content version (computed on first use, then remembered). */
  contentVersion(): Promise<string>;
  release(): void;
}

interface Generation {
  store: TradeStore;
  version?: Promise<string>;
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
    this.current = { store, leases: 0, retired: false };
  }

  contentVersion(): Promise<string> {
    return versionOf(this.current);
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
    const next: Generation = { store, leases: 0, retired: false };
    const [before, after] = await Promise.all([versionOf(this.current), versionOf(next)]);
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

function versionOf(gen: Generation): Promise<string> {
  gen.version ??= gen.store.contentVersion();
  return gen.version;
}
