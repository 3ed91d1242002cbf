/**
 * The report in the format asked for, through the report renderers (`renderReport`, the same
 * code `tradeties report` uses). PDF is printed by the server's one shared printer (`pdf.ts`).
 * Markdown from the API leaves the charts out and keeps their captions (its charts are separate
 * SVG files, which a single download cannot carry; they are at `/charts/<id>.svg`).
 * @module
 */
import type { ReportDocument } from "../report/document.js";
import { renderReport } from "../report/render/index.js";
import type { Services } from "./env.js";
import type { REPORT_FORMATS } from "./schemas.js";

export interface RenderedForApi {
  body: string | Uint8Array;
  contentType: string;
  extension: string;
}

export async function renderForApi(doc: ReportDocument, format: (typeof REPORT_FORMATS)[number], services: Services): Promise<RenderedForApi> {
  if (format === "pdf") {
    // The PDF is the HTML edition printed: the gate bounds the rendering, the printer the printing.
    const html = await services.gate.run(() => renderReport(doc, "html"));
    return { body: await services.pdf.print(html.body as string), contentType: "application/pdf", extension: "pdf" };
  }
  const out = await services.gate.run(() => renderReport(doc, format));
  return { body: out.body, contentType: out.contentType, extension: out.extension };
}
