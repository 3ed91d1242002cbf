// Bundles the compiled CLI (dist/cli/main.js, from `tsc`) and its libraries into one module,
// dist/cli/tradeties.js, which bin/tradeties.js runs. A command then loads one file instead of
// hundreds of modules (301 CommonJS ones alone for one report; the bundle holds 1,609):
// `tradeties report A B --format html` on the DOTS world store 0.91 -> 0.78 s (bench world_report_command_s),
// most of it vega's, zod's and DuckDB's client modules being found, read and linked one by one.
// Left outside: DuckDB's native binding (a .node file) and playwright-core (it reads its own files
// at run time); both resolve from node_modules as before. Worker threads still run the compiled
// modules of dist/ (src/workerThreads.ts).
import { build } from "esbuild";

await build({
  entryPoints: ["dist/cli/main.js"],
  outfile: "dist/cli/tradeties.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["@duckdb/node-bindings", "playwright-core"],
  // The libraries written as CommonJS call require(); an ES module has none, so give it one.
  banner: { js: 'import { createRequire as __tradetiesRequire } from "node:module"; const require = __tradetiesRequire(import.meta.url);' },
  legalComments: "none",
  logLevel: "warning",
});
