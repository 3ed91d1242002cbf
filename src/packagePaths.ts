/**
 * The package's own files (its reference lists, its dashboard build, its modules), found from the
 * package root. A path relative to a module's own URL differs between the three ways the code runs:
 * the TypeScript sources under tsx (tests), the compiled modules in dist/, and the one-file CLI
 * bundle (dist/cli/tradeties.js) that `bin/tradeties.js` runs; from the root it is one path.
 * @module
 */
import { join } from "node:path";
import { repoRoot } from "./dataFolder.js";

/** True under tsx (this module is a .ts file); then modules are src/*.ts, else dist/*.js. */
const RUNS_AS_SOURCE = import.meta.url.endsWith(".ts");

/** `relative` (e.g. "data/reference/milestone-codes.csv") inside the package. */
export function packageFile(relative: string): string {
  return join(repoRoot(), relative);
}

/** The folder of the running code for `path` (e.g. "milestones"): src/milestones or dist/milestones. */
export function codeFolder(path: string): string {
  return join(repoRoot(), RUNS_AS_SOURCE ? "src" : "dist", path);
}

/** The module file for `path` without extension (e.g. "server/analysis/worker"), as source or compiled. */
export function moduleFile(path: string): string {
  return `${codeFolder(path)}.${RUNS_AS_SOURCE ? "ts" : "js"}`;
}
