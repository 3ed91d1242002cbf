import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { TradetiesError } from "../../errors.js";
import { ingest } from "./ingest.js";
import { report } from "./report.js";

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

/** The user's context for the sample report: the anniversary's reference year and KITA's prospects. */
export const SAMPLE_CONTEXT = join(SAMPLE, "context/kor-rus.yaml");

/**
 * The main job on bundled data: load the sample (a second run changes nothing) and write the
 * Korea–Russia assessment as Markdown (+ chart SVGs), HTML and, when Chromium is there, PDF.
 */
export async function demo(options: { store?: string; out?: string }, log: (line: string) => void = console.log): Promise<void> {
  log("1/2 loading the bundled sample data (real published files, see data/sample/PROVENANCE.md)");
  const outcome = await ingest(SAMPLE_FILES, { store: options.store }, log);
  if (outcome.failures.length) {
    process.exitCode = 1;
    return;
  }
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
  log(`\nopen ${join(outDir, "kor-rus.html")} in a browser, or run 'npx tradeties serve' for the dashboard`);
}
