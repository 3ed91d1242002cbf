/**
 * Starting a worker thread on one of our modules, compiled or not. Under tsx (the sources run as
 * TypeScript: tests, `npm run dev`) a worker does not inherit the loader, so it first registers
 * it, then imports the module's .ts file; from dist/ (or the CLI bundle) it is a plain module
 * worker on the compiled module.
 * @module
 */
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { moduleFile } from "./packagePaths.js";

/** `path` is the module's path below src/ without extension (e.g. "server/analysis/worker"). */
export function spawnModuleWorker(path: string): Worker {
  const entry = moduleFile(path);
  if (entry.endsWith(".ts")) {
    return new Worker(`import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(entry).href)}); });`, { eval: true });
  }
  return new Worker(pathToFileURL(entry));
}
