/**
 * HTML → PDF with the system's Chromium (playwright-core drives it; no browser is downloaded).
 * One browser serves many reports: a batch of 200 partners launches it once.
 * @module
 */
import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";
import { TradetiesError } from "../../errors.js";

/** Where Debian's `chromium` package puts the browser. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--no-pdf-header-footer",
];

/** Chromium is not installed: the PDF cannot be made, the other formats can. */
export class ChromiumMissingError extends TradetiesError {}

/**
 * Page numbers in the bottom margin. Chromium draws this template itself (CSS cannot number
 * pages in Chromium's print engine); `--no-pdf-header-footer` only removes Chromium's own
 * default header and footer and leaves an explicit template alone. Inline styles only: the
 * template cannot see the page's CSS, and its default font size is too small to read.
 */
const FOOTER = `<div style="width:100%;font-family:system-ui,'DejaVu Sans',Arial,sans-serif;font-size:8pt;color:#444;text-align:center;padding:0 16mm;">
<span class="pageNumber"></span> / <span class="totalPages"></span></div>`;

export class PdfPrinter {
  private constructor(private readonly browser: Browser) {}

  /**
   * Starts the browser: Debian's Chromium, or the one `TRADETIES_CHROMIUM` names (another
   * system's Chrome or Chromium).
   */
  static async launch(executablePath: string = process.env["TRADETIES_CHROMIUM"] || CHROMIUM_PATH): Promise<PdfPrinter> {
    if (!existsSync(executablePath)) {
      throw new ChromiumMissingError(
        `PDF needs Chromium and there is none at ${executablePath}: run \`apt-get install -y chromium\` (Debian), or point TRADETIES_CHROMIUM at an installed Chrome or Chromium, and try again`,
        { file: executablePath },
      );
    }
    try {
      // Loaded here, not at the top: playwright-core is a large module and only PDFs need it
      // (importing it cost every HTML and Markdown report ~0.4 s at start).
      const { chromium } = await import("playwright-core");
      return new PdfPrinter(await chromium.launch({ executablePath, args: CHROMIUM_ARGS }));
    } catch (cause) {
      throw new TradetiesError(`Chromium at ${executablePath} did not start (${(cause as Error).message.split("\n")[0]}); check that \`${executablePath} --headless --version\` runs, or reinstall it with \`apt-get install --reinstall -y chromium\``, { file: executablePath }, { cause });
    }
  }

  /**
   * Prints one self-contained HTML document to an A4 PDF. Each print gets a fresh, offline
   * context with JavaScript off: the report needs neither, and a name in the data can then do
   * nothing but be text.
   */
  async print(html: string): Promise<Buffer> {
    const context = await this.browser.newContext({ offline: true, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      // Belt and braces with `offline`: any request other than the document itself is refused.
      await page.route(/^(?!data:|about:)/, (route) => route.abort());
      await page.setContent(html, { waitUntil: "load" });
      return await page.pdf({
        format: "A4",
        printBackground: true,
        preferCSSPageSize: true,
        // Bookmarks from the headings and a tagged (accessible) PDF; the document title comes from <title>.
        outline: true,
        tagged: true,
        displayHeaderFooter: true,
        headerTemplate: "<span></span>",
        footerTemplate: FOOTER,
        // Must match @page in html.ts; the footer sits in the bottom margin.
        margin: { top: "18mm", right: "16mm", bottom: "20mm", left: "16mm" },
      });
    } finally {
      await context.close();
    }
  }

  /** False once the browser has exited or crashed: a long-lived holder must launch a new one. */
  get connected(): boolean {
    return this.browser.isConnected();
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
