#!/usr/bin/env node
// Runs the compiled CLI, bundled into one module (dist/cli/tradeties.js, built from src/ by
// `npm run build`, which `npm ci` runs through `prepare`): no TypeScript is compiled at run time
// and the libraries load as one file, so a command starts in little more than node's own time.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const entry = new URL("../dist/cli/tradeties.js", import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write(
    "tradeties: the compiled program (dist/cli/tradeties.js) is missing: run 'npm run build' in " +
      fileURLToPath(new URL("..", import.meta.url)) +
      " (npm ci and npm install run it), then retry\n",
  );
  process.exit(1);
}
const { main } = await import(entry.href);
await main(process.argv);
