import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { dataFile } from "../../dataFolder.js";
import { TradetiesError } from "../../errors.js";
import { ingest } from "./ingest.js";
import { report } from "./report.js";
import { packageFile } from "../../packagePaths.js";

/**
 * The files beside the world DOTS workbooks that the Korea–Russia assessment uses, as paths inside
 * the data folder (README, "Data"): the five DOTS workbooks the tests load (byte-identical copies of
 * five of the world workbooks), KTO arrivals, KITA's published figures, the published product
 * composition, Brent, and the Comtrade and BACI samples.
 */
const SAMPLE_DOTS = ["DOTS_106.xlsx", "DOTS_162.xlsx", "DOTS_203.xlsx", "DOTS_40.xlsx", "DOTS_147.xlsx"].map((f) => `trade/imf-dots/${f}`);
const SAMPLE_OTHERS = [
  "tourism/kto/kto_total.xlsx",
  "indicators/published_figures.csv",
  "trade/korea-russia-products/kr_ru_products_compiled.csv",
  "oil/brent-year.csv",
  "oil/brent-monthly.csv",
  "comtrade/HS-60a6ad.json",
  "comtrade/live-animal-trade.csv",
  "baci/ExampleTradeData.csv",
];

/** The small real sample the tests build their store from (13 files, a few seconds to load). */
export function sampleFiles(): string[] {
  return [...SAMPLE_DOTS, ...SAMPLE_OTHERS].map((f) => dataFile(f));
}

/** Every IMF DOTS reporter (235 workbooks, 1960–2020) and the other sample files: what the main job loads. */
export function worldFiles(): string[] {
  return [dataFile("trade/imf-dots-world"), ...SAMPLE_OTHERS.map((f) => dataFile(f))];
}

/** The user's context for the sample report (the project's own file): the anniversary's reference year and KITA's prospects. */
export const SAMPLE_CONTEXT = packageFile("data/context/kor-rus.yaml");

/**
 * The main job: build a store of every IMF DOTS reporter plus the Korea–Russia sample from the data
 * folder (a second run changes nothing), then write the Korea–Russia assessment as Markdown (+ chart
 * SVGs), HTML, JSON and, when Chromium is there, PDF.
 */
export async function demo(options: { store?: string; out?: string }, log: (line: string) => void = console.log): Promise<void> {
  const started = Date.now();
  log("1/2 loading every IMF DOTS reporter and the Korea–Russia sample from the data folder (real published files, README \"Data\")");
  const outcome = await ingest(worldFiles(), { store: options.store }, log);
  if (outcome.failures.length) {
    process.exitCode = 1;
    return;
  }
  const loaded = Date.now();
  log(`loaded in ${seconds(loaded - started)}`);
  const outDir = options.out ?? "out";
  await mkdir(outDir, { recursive: true });
  log("\n2/2 writing the Korea–Russia assessment");
  const common = { store: options.store, context: SAMPLE_CONTEXT };
  await report("KOR", "RUS", { ...common, format: "md", out: join(outDir, "kor-rus.md") }, log);
  await report("KOR", "RUS", { ...common, format: "html", out: join(outDir, "kor-rus.html") }, log);
  await report("KOR", "RUS", { ...common, format: "json", out: join(outDir, "kor-rus.json") }, log);
  try {
    await report("KOR", "RUS", { ...common, format: "pdf", out: join(outDir, "kor-rus.pdf") }, log);
  } catch (error) {
    // The quick start must work without a browser: say how to get the PDF and carry on.
    if (!(error instanceof TradetiesError) || !/chromium/i.test(error.message)) throw error;
    log(`PDF skipped: ${error.message}`);
  }
  log(`reports written in ${seconds(Date.now() - loaded)}; main job ${seconds(Date.now() - started)} in all`);
  log(`\nopen ${join(outDir, "kor-rus.html")} in a browser, or run 'npx tradeties serve' for the dashboard`);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
