/**
 * Prints the fixture document to PDF with the system Chromium. Needs `/usr/bin/chromium`
 * (Debian: apt-get install -y chromium) and poppler-utils (pdfinfo, pdftotext) — both are
 * installed in CI; locally the tests say what is missing instead of failing.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleDocument } from "../../../test/fixtures/report/sample-document.js";
import { TradetiesError } from "../../errors.js";
import { renderCharts } from "./charts.js";
import { toHtml } from "./html.js";
import { ChromiumMissingError, CHROMIUM_PATH, PdfPrinter } from "./pdf.js";

const hasChromium = existsSync(CHROMIUM_PATH);
const hasPoppler = existsSync("/usr/bin/pdfinfo") && existsSync("/usr/bin/pdftotext");
if (!hasChromium) console.warn(`pdf.test: skipping the PDF rendering tests: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`);
if (!hasPoppler) console.warn("pdf.test: skipping the PDF content checks: pdfinfo/pdftotext missing (apt-get install -y poppler-utils)");

describe("PdfPrinter without Chromium", () => {
  it("says how to install it", async () => {
    const error = await PdfPrinter.launch("/nonexistent/chromium").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChromiumMissingError);
    expect(error).toBeInstanceOf(TradetiesError);
    expect((error as Error).message).toContain("apt-get install -y chromium");
    expect((error as Error).message).toContain("/nonexistent/chromium");
  });
});

describe.skipIf(!hasChromium)("PdfPrinter", () => {
  let printer: PdfPrinter;
  let dir: string;
  beforeAll(async () => {
    printer = await PdfPrinter.launch();
    dir = mkdtempSync(join(tmpdir(), "tradeties-pdf-"));
  });
  afterAll(async () => {
    await printer?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("prints the report to an A4 PDF with the headline and numbered pages", async () => {
    const pdf = await printer.print(toHtml(await renderCharts(sampleDocument())));
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    if (!hasPoppler) return;
    const file = join(dir, "fixture.pdf");
    writeFileSync(file, pdf);
    const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
    // The fixture is about two pages of text and a chart, and the notes start on a new page.
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(5);
    // A4 is 595 × 842 points.
    expect(info).toMatch(/^Page size:.*\(A4\)$/m);
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    expect(text).toContain("Trade grew 25-fold in three decades");
    // The footer's "n / N" (pdftotext may drop the spaces).
    expect(text).toMatch(new RegExp(`\\b1\\s*/\\s*${pages}\\b`));
    expect(text).toMatch(new RegExp(`\\b${pages}\\s*/\\s*${pages}\\b`));
    // Bookmarks from the section headings, a tagged PDF, the document's title; no back-link glyphs on paper.
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Title:\s+\S/m);
    const outline = execFileSync("pdfinfo", ["-dests", file], { encoding: "utf8" });
    expect(pdf.includes(Buffer.from("/Outlines"))).toBe(true);
    expect(outline.length).toBeGreaterThan(0);
    expect(text).not.toContain("↩");
  });

  it("reuses one browser for several documents", async () => {
    const html = toHtml(sampleDocument());
    const [one, two] = [await printer.print(html), await printer.print(html)];
    expect(one.length).toBeGreaterThan(1000);
    expect(two.length).toBeGreaterThan(1000);
  });

  it("does not fetch anything the HTML points to", async () => {
    // A document that asks for an external image: the print must neither hang nor load it.
    const pdf = await printer.print('<!DOCTYPE html><html lang="en"><title>t</title><img src="http://127.0.0.1:9/x.png" alt="x"><p>offline</p></html>');
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });
});
