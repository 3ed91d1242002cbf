/**
 * Starting a worker thread on one of our modules, compiled or not. Under tsx (the sources run as
 * TypeScript: tests, `npm run dev`) a worker does not inherit the loader, so it first registers
 * it, then imports the module's .ts file; from dist/ it is a plain module worker.
 * @module
 */
import { Worker } from "node:worker_threads";

/** `base` is the module's path without extension, relative to `importerUrl` (the caller's import.meta.url). */
export function spawnModuleWorker(importerUrl: string, base: string): Worker {
  if (importerUrl.endsWith(".ts")) {
    const entry = new URL(`${base}.ts`, importerUrl).href;
    return new Worker(`import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`, { eval: true });
  }
  return new Worker(new URL(`${base}.js`, importerUrl));
}
