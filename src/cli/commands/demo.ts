import { mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { pairSeries } from "../../query/pair.js";
import { ingest } from "./ingest.js";
import { openStore } from "../openStore.js";

const SAMPLE = fileURLToPath(new URL("../../../data/sample/", import.meta.url));

/** The bundled sample the quick start loads; each entry is a real published file (data/sample/PROVENANCE.md). */
export const SAMPLE_FILES = [
  "trade/imf-dots/DOTS_106.xlsx",
  "trade/imf-dots/DOTS_162.xlsx",
  "trade/imf-dots/DOTS_203.xlsx",
  "trade/imf-dots/DOTS_40.xlsx",
  "trade/imf-dots/DOTS_147.xlsx",
  "tourism/kto/kto_total.xlsx",
  "indicators/published_figures.csv",
  "trade/korea-russia-products/kr_ru_products_compiled.csv",
  "oil/brent-year.csv",
  "oil/brent-monthly.csv",
  "comtrade/HS-60a6ad.json",
  "comtrade/live-animal-trade.csv",
  "baci/ExampleTradeData.csv",
].map((f) => join(SAMPLE, f));

export async function demo(options: { store?: string; out?: string }, log: (line: string) => void = console.log): Promise<void> {
  log("1/2 loading the bundled sample data (real published files, see data/sample/PROVENANCE.md)");
  const outcome = await ingest(SAMPLE_FILES, { store: options.store }, log);
  if (outcome.failures.length) process.exitCode = 1;
  const outDir = options.out ?? "out";
  await mkdir(outDir, { recursive: true });
  log("2/2 Korea–Russia");
  const store = await openStore(options.store, { readOnly: true });
  try {
    const series = await pairSeries(store, "KOR", "RUS");
    const file = join(outDir, "kor-rus-pair.json");
    await writeFile(file, JSON.stringify(series, null, 2) + "\n");
    log(`wrote ${file}`);
  } finally {
    await store.close();
  }
}
