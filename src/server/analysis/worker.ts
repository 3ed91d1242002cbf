/**
 * An analysis worker thread (see workerPool.ts): holds its own read-only store handles, one per
 * opening of the store file the server has made (a SIGHUP reopen is a new generation; the older
 * handle is closed once no task uses it), runs the tasks it is sent, and stops a task when told to.
 * @module
 */
import { parentPort } from "node:worker_threads";
import type { TradeStore } from "../../store/TradeStore.js";
import { Lru } from "../cache.js";
import { openServingStore } from "../storeHolder.js";
import { AnalysisCancelled } from "./cancellable.js";
import { DOCUMENT_CACHE_ENTRIES } from "./executor.js";
import { runAnalysis, type DocumentCache } from "./tasks.js";
import { toWire } from "./wire.js";
import type { FromWorker, ToWorker } from "./workerPool.js";

const port = parentPort!;
const post = (m: FromWorker) => port.postMessage(m);

interface Opened {
  store: Promise<TradeStore>;
  running: number;
}

const stores = new Map<string, Opened>();
const running = new Map<number, AbortController>();
const docs: DocumentCache = new Lru(DOCUMENT_CACHE_ENTRIES);
let newest = -1;

const storeKey = (location: string, generation: number) => `${generation}|${location}`;

function acquire(location: string, generation: number): Opened {
  const key = storeKey(location, generation);
  let opened = stores.get(key);
  if (!opened) {
    opened = { store: openServingStore(location), running: 0 };
    opened.store.catch(() => stores.delete(key));
    stores.set(key, opened);
  }
  newest = Math.max(newest, generation);
  opened.running++;
  return opened;
}

/** Closes the handles of older openings that no task uses any more. */
async function release(opened: Opened): Promise<void> {
  opened.running--;
  for (const [key, o] of stores) {
    if (o.running === 0 && Number(key.split("|")[0]) < newest) {
      stores.delete(key);
      await (await o.store.catch(() => undefined))?.close();
    }
  }
}

port.on("message", (m: ToWorker) => {
  if (m.type === "cancel") return void running.get(m.id)?.abort();
  if (m.type === "close") return void closeAll();
  void run(m);
});

async function run(m: Extract<ToWorker, { type: "run" }>): Promise<void> {
  const controller = new AbortController();
  running.set(m.id, controller);
  const opened = acquire(m.location, m.generation);
  try {
    const out = await runAnalysis(await opened.store, m.task, docs, controller.signal, storeKey(m.location, m.generation));
    post({ type: "done", id: m.id, out });
  } catch (error) {
    post({ type: "failed", id: m.id, error: toWire(controller.signal.aborted ? new AnalysisCancelled() : error) });
  } finally {
    running.delete(m.id);
    await release(opened);
  }
}

async function closeAll(): Promise<void> {
  for (const o of stores.values()) await (await o.store.catch(() => undefined))?.close();
  stores.clear();
  post({ type: "closed" });
  port.close();
}

post({ type: "ready" });
