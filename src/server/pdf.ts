/**
 * The server's one PDF printer (`PdfPrinter` from the report renderers): Chromium is launched on
 * the first PDF request (never at start, so a server without Chromium still serves everything
 * else), shared by all requests (each print gets a fresh offline page), and closed on shutdown.
 * When Chromium dies (killed, crashed, out of memory) the next print launches a new one, and a
 * print that failed because the browser died under it is tried once more on the new browser.
 * Without Chromium a PDF request is a 503 that says how to install it, and the next PDF request
 * tries again (Chromium may have been installed meanwhile).
 * @module
 * @example
 * ```ts
 * const pdf = new LazyPdfService();
 * const bytes = await pdf.print(html);
 * await pdf.close();
 * ```
 */
import { TradetiesError } from "../errors.js";
import { CHROMIUM_PATH, ChromiumMissingError, PdfPrinter } from "../report/render/index.js";
import type { PdfService } from "./env.js";
import { ApiError } from "./errors.js";

/** `TRADETIES_CHROMIUM`, else Debian's /usr/bin/chromium. */
export function chromiumPath(): string {
  return process.env.TRADETIES_CHROMIUM ?? CHROMIUM_PATH;
}

/** What the service needs of a printer (a `PdfPrinter`; tests pass stand-ins). */
export type Printer = Pick<PdfPrinter, "print" | "close" | "connected">;

export class LazyPdfService implements PdfService {
  private launched?: Promise<Printer>;
  /** Browsers launched so far (the first one included). */
  launches = 0;

  constructor(private readonly launch: () => Promise<Printer> = () => PdfPrinter.launch(chromiumPath())) {}

  /** The running printer; a new one when there is none or the last one's browser has died. */
  async printer(): Promise<Printer> {
    const current = this.launched && (await this.launched.catch(() => undefined));
    if (current && !current.connected) this.forget(current);
    if (!this.launched) {
      this.launches++;
      this.launched = this.launch();
    }
    try {
      return await this.launched;
    } catch (error) {
      this.launched = undefined;
      if (error instanceof ChromiumMissingError || (error instanceof TradetiesError && /Chromium/.test(error.message))) throw chromiumMissing(error.message);
      throw error;
    }
  }

  async print(html: string): Promise<Buffer> {
    const printer = await this.printer();
    try {
      return await printer.print(html);
    } catch (error) {
      // The browser died during this print: one more try on a fresh browser, then give up.
      if (printer.connected) throw error;
      this.forget(printer);
      return (await this.printer()).print(html);
    }
  }

  async close(): Promise<void> {
    const p = this.launched;
    this.launched = undefined;
    if (p) await (await p.catch(() => undefined))?.close().catch(() => undefined);
  }

  private forget(dead: Printer): void {
    const was = this.launched;
    this.launched = undefined;
    // Closing a dead browser only tidies up its process handles.
    void was?.then((p) => (p === dead ? p.close() : undefined)).catch(() => undefined);
  }
}

/** 503 with the install hint; Markdown and HTML still work. */
export function chromiumMissing(detail: string): ApiError {
  return new ApiError(503, `${detail}. Until then format=html and format=md work without it (TRADETIES_CHROMIUM can point to another Chromium binary)`, { field: "format" });
}
