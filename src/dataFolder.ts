/**
 * Where the data tradeties did not write itself lives. Statistics and reference lists obtained from
 * publishers (IMF DOTS, CEPII BACI, UN Comtrade, KTO, the HS nomenclature, ISO code lists, milestone
 * datasets) are never committed to the repository: they are read from the data folder, laid out as
 * the README's "Data" section describes (the same relative paths the publishers' files are given there).
 *
 * The folder is `TRADETIES_DATA` when set (relative paths are taken from the working directory),
 * else `../shared/data` beside the repository root.
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { TradetiesError } from "./errors.js";

/** The data folder is missing or lacks a file a command needs: an environment problem, not a bug. */
export class DataFolderError extends TradetiesError {
  override exitCode = 1;
  override httpStatus = 503;
}

let cachedRoot: string | undefined;

/** The repository root: the nearest folder above this module whose package.json is tradeties'. Works from src/ and from a compiled dist/. */
export function repoRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && /"name"\s*:\s*"tradeties"/.test(readFileSync(manifest, "utf8"))) return (cachedRoot = dir);
    const up = dirname(dir);
    if (up === dir) throw new DataFolderError(`cannot find the tradeties package root above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

/** The data folder's absolute path (it may not exist: `dataFile` says so when a file is asked for). */
export function dataRoot(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.TRADETIES_DATA;
  return configured ? resolve(configured) : resolve(repoRoot(), "..", "shared", "data");
}

/**
 * The absolute path of `relativePath` inside the data folder; throws a DataFolderError naming the
 * folder, the file and how to fix it when the file is not there.
 */
export function dataFile(relativePath: string, env: NodeJS.ProcessEnv = process.env): string {
  const root = dataRoot(env);
  const path = join(root, relativePath);
  if (!existsSync(path)) {
    const where = env.TRADETIES_DATA ? `TRADETIES_DATA=${env.TRADETIES_DATA}` : "the default data folder ../shared/data beside the repository";
    const hint = existsSync(root)
      ? `the data folder ${root} has no ${relativePath}; download it as the README's "Data" section says, or point TRADETIES_DATA at a folder that has it`
      : `the data folder ${root} does not exist (${where}); set TRADETIES_DATA to the folder holding the publishers' files (README, "Data")`;
    throw new DataFolderError(hint, { file: path });
  }
  return path;
}
