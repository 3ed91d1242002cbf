/**
 * The server's one PDF printer (`PdfPrinter` from the report renderers): Chromium is launched on
 * the first PDF request (never at start, so a server without Chromium still serves everything
 * else), shared by all requests (each print gets a fresh offline page), and closed on shutdown.
 * Without Chromium a PDF request is a 503 that says how to install it, and the next PDF request
 * tries again (Chromium may have been installed meanwhile).
 * @module
 * @example
 * ```ts
 * const pdf = new LazyPdfService();
 * const out = await renderReport(doc, "pdf", { printer: await pdf.printer() });
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

export class LazyPdfService implements PdfService {
  private launched?: Promise<PdfPrinter>;

  constructor(private readonly launch: () => Promise<PdfPrinter> = () => PdfPrinter.launch(chromiumPath())) {}

  async printer(): Promise<PdfPrinter> {
    this.launched ??= this.launch();
    try {
      return await this.launched;
    } catch (error) {
      this.launched = undefined;
      if (error instanceof ChromiumMissingError || (error instanceof TradetiesError && /Chromium/.test(error.message))) throw chromiumMissing(error.message);
      throw error;
    }
  }

  async close(): Promise<void> {
    const p = this.launched;
    this.launched = undefined;
    if (p) await (await p.catch(() => undefined))?.close();
  }
}

/** 503 with the install hint; Markdown and HTML still work. */
export function chromiumMissing(detail: string): ApiError {
  return new ApiError(503, `${detail}. Until then format=html and format=md work without it (TRADETIES_CHROMIUM can point to another Chromium binary)`, { field: "format" });
}
