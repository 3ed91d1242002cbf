/**
 * `tradeties report`: one assessment (A with B) in Markdown, HTML, PDF or JSON, or a batch of
 * assessments of A with each of its partners plus an index page ranking them.
 * @module
 */
import { mkdir, writeFile } from "node:fs/promises";
import { basename, dirname, extname, join } from "node:path";
import cliProgress from "cli-progress";
import { TradetiesError, UsageError } from "../../errors.js";
import { bestRowPerKey } from "../../query/pair.js";
import { CountryRegistry } from "../../reference/countries.js";
import { buildReport, type ReportOptions } from "../../report/buildReport.js";
import type { ReportDocument } from "../../report/document.js";
import { coefficient, pct, usd } from "../../report/format.js";
import { escapeHtml } from "../../report/render/html.js";
import { escapeMarkdown } from "../../report/render/markdown.js";
import { ChromiumMissingError, loadChartRenderer, parseFormat, PdfPrinter, renderReport, reportBaseName, type ReportFormat } from "../../report/render/index.js";
import type { TradeStore } from "../../store/TradeStore.js";
import { writePartnerReport, type BatchEntry, type RankedPartner } from "../batch/partnerReport.js";
import { batchWorkerCount, writeReportsInWorkers } from "../batch/reportWorkers.js";
import { openStore } from "../openStore.js";
import { parseYear } from "../parse.js";

export interface ReportCommandOptions {
  store?: string;
  from?: string;
  to?: string;
  format?: string;
  out?: string;
  context?: string;
  generatedAt?: string;
  partners?: string;
  referenceYear?: string;
}

type Log = (line: string) => void;

export type { BatchEntry, RankedPartner } from "../batch/partnerReport.js";

export async function report(a: string, b: string | undefined, options: ReportCommandOptions, log: Log = console.log): Promise<void> {
  const format = parseFormat(options.format);
  const reportOptions: ReportOptions = {
    from: parseYear(options.from, "--from"),
    to: parseYear(options.to, "--to"),
    referenceYear: parseYear(options.referenceYear, "--reference-year"),
    ...(options.context ? { contextFile: options.context } : {}),
    ...(options.generatedAt ? { generatedAt: options.generatedAt } : {}),
  };
  if (options.partners !== undefined) {
    if (b !== undefined) throw new UsageError(`give either a partner (tradeties report ${a} ${b}) or --partners, not both`, { field: "--partners" });
    const which = parsePartners(options.partners);
    if (!options.out) throw new UsageError(`--partners writes one file per partner and an index: name a folder with --out, e.g. --out ${a.toLowerCase()}-partners/`, { field: "--out" });
    const store = await openStore(options.store, { readOnly: true });
    try {
      const partners = await rankPartners(store, a, which);
      if (!partners.length) throw new TradetiesError(`the store has no trade reported by ${a} with any country; load ${a}'s IMF DOTS workbook or UN Comtrade data first ('tradeties ingest <files>')`);
      await writeBatch(store, a, partners, { format, dir: options.out, reportOptions }, log);
    } finally {
      await store.close();
    }
    return;
  }
  if (b === undefined) throw new UsageError(`name the partner (tradeties report ${a} RUS) or ask for a batch with --partners all or --partners top:N`, { field: "b" });

  const store = await openStore(options.store, { readOnly: true });
  // Charts will be drawn (every format but JSON and Markdown to stdout): their renderer's import overlaps the queries.
  if (format !== "json" && (format !== "md" || options.out)) loadChartRenderer().catch(() => undefined);
  let doc: ReportDocument;
  try {
    doc = await buildReport(store, a, b, reportOptions);
  } finally {
    await store.close();
  }
  await writeSingle(doc, format, options.out, log);
}

/** `all` or `top:N`. */
export function parsePartners(value: string): { top: number | undefined } {
  const v = value.trim().toLowerCase();
  if (v === "all") return { top: undefined };
  const m = /^top:(\d+)$/.exec(v);
  if (m && Number(m[1]) > 0) return { top: Number(m[1]) };
  throw new UsageError(`--partners takes "all" or "top:N" (e.g. top:20), got "${value}"`, { field: "--partners" });
}

async function writeFiles(path: string, body: string | Buffer, files: Array<{ name: string; content: string }> = []): Promise<string[]> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  await writeFile(path, body);
  for (const f of files) await writeFile(join(dir, f.name), f.content);
  return [path, ...files.map((f) => join(dir, f.name))];
}

/** The output name without its extension: "out/kor-rus.pdf" → "kor-rus". */
function stem(path: string): string {
  const base = basename(path);
  return extname(base) ? base.slice(0, -extname(base).length) : base;
}

async function writeSingle(doc: ReportDocument, format: ReportFormat, out: string | undefined, log: Log): Promise<void> {
  // Markdown and JSON go to stdout unless a file is named; HTML and PDF are files.
  if (out === undefined && (format === "md" || format === "json")) {
    const r = await renderReport(doc, format);
    log(String(r.body).replace(/\n$/, ""));
    return;
  }
  const path = out ?? `${reportBaseName(doc)}.${format}`;
  if (format === "pdf") {
    let printer: PdfPrinter;
    try {
      printer = await PdfPrinter.launch();
    } catch (error) {
      if (!(error instanceof ChromiumMissingError)) throw error;
      // The PDF is only a print of the HTML: give the reader what can be made without a browser.
      const base = join(dirname(path), stem(path));
      const html = await renderReport(doc, "html");
      const md = await renderReport(doc, "md", { name: stem(path) });
      await writeFiles(`${base}.html`, html.body);
      await writeFiles(`${base}.md`, md.body, md.files);
      throw new ChromiumMissingError(`${error.message}; the HTML and Markdown were written (${base}.html, ${base}.md)`, error.at, { cause: error });
    }
    try {
      const r = await renderReport(doc, "pdf", { printer });
      await writeFiles(path, r.body);
    } finally {
      await printer.close();
    }
    log(`wrote ${path}`);
    return;
  }
  const r = await renderReport(doc, format, format === "md" ? { name: stem(path) } : {});
  const written = await writeFiles(path, r.body, r.files);
  log(`wrote ${written[0]}${written.length > 1 ? ` (+ ${written.length - 1} chart files beside it)` : ""}`);
}

/**
 * A's country partners by total trade in the last year A reports, largest first. One value per
 * (partner, year, flow) under the pair precedence (reported before estimated, then dataset
 * rank): the same flow loaded from two datasets is never added up.
 */
export async function rankPartners(store: TradeStore, a: string, which: { top: number | undefined }): Promise<RankedPartner[]> {
  const registry = CountryRegistry.load();
  const reporter = registry.lookup(a).entity;
  const rows = (await store.tradeTotals({ reporters: [reporter], flows: ["export", "import"] })).filter((r) => r.partnerKind === "country" && r.partner !== reporter);
  if (!rows.length) return [];
  const best = bestRowPerKey(rows, (r) => `${r.partner}|${r.year}|${r.flow}`);
  const lastYear = Math.max(...best.map((r) => r.year));
  const totals = new Map<string, number>();
  for (const r of best) {
    if (!totals.has(r.partner)) totals.set(r.partner, 0);
    if (r.year === lastYear) totals.set(r.partner, totals.get(r.partner)! + r.valueUsd);
  }
  const ranked = [...totals]
    .map(([code, total]) => ({ code, name: registry.displayName(code), total, year: lastYear }))
    // Ties (and partners without trade that year) in code order, so the batch is reproducible.
    .sort((x, y) => y.total - x.total || x.code.localeCompare(y.code));
  return which.top === undefined ? ranked : ranked.filter((p) => p.total > 0).slice(0, which.top);
}

/**
 * Writes one report per partner and the index. A long batch of Markdown or HTML reports is written
 * by worker threads (batch/reportWorkers.ts); a short one, a PDF batch (one browser) or a store
 * only this process can see (":memory:") on this thread with one store connection. A partner whose
 * report fails is listed in the index with the reason and the batch goes on.
 */
export async function writeBatch(
  store: TradeStore,
  a: string,
  partners: RankedPartner[],
  options: { format: ReportFormat; dir: string; reportOptions: ReportOptions },
  log: Log = console.log,
): Promise<BatchEntry[]> {
  const { format, dir, reportOptions } = options;
  await mkdir(dir, { recursive: true });
  const registry = CountryRegistry.load();
  const reporter = registry.lookup(a).entity;
  const bar = process.stderr.isTTY ? new cliProgress.SingleBar({ format: "  {bar} {value}/{total} {partner}", clearOnComplete: true, stream: process.stderr }, cliProgress.Presets.shades_classic) : undefined;
  bar?.start(partners.length, 0, { partner: "" });
  const done = (entry: BatchEntry) => {
    if (!bar) log(entry.error ? `${entry.partner.name}: FAILED — ${entry.error}` : `wrote ${join(dir, entry.file!)}`);
    bar?.increment({ partner: entry.partner.name });
  };
  const workers = format === "pdf" || store.location === ":memory:" ? 0 : batchWorkerCount(partners.length);
  let entries: BatchEntry[] = [];
  let printer: PdfPrinter | undefined;
  try {
    if (workers) entries = await writeReportsInWorkers(store.location, reporter, partners, { format, dir, reportOptions }, workers, done);
    else {
      if (format === "pdf") printer = await PdfPrinter.launch();
      for (const partner of partners) {
        bar?.update({ partner: partner.name });
        const entry = await writePartnerReport(store, reporter, partner, { format, dir, reportOptions, printer });
        entries.push(entry);
        done(entry);
      }
    }
  } finally {
    bar?.stop();
    await printer?.close();
  }
  applyCommonWindow(entries);
  const aName = registry.displayName(reporter);
  await writeFile(join(dir, "index.html"), indexHtml(aName, entries));
  await writeFile(join(dir, "index.md"), indexMarkdown(aName, entries));
  const failed = entries.filter((e) => e.error).length;
  log(`wrote ${join(dir, "index.html")} and index.md: ${entries.length - failed} reports${failed ? `, ${failed} failed (listed in the index with the reason)` : ""}`);
  return entries;
}

/** Share of the batch's trade (by the partners' totals in the ranking year) the common window must cover. */
export const COMMON_WINDOW_COVERAGE = 0.9;

/**
 * Partners are compared over one window: the longest standard window (30, 20, then 10 years to the
 * reference year, the same years for all) that the partners carrying at least
 * {@link COMMON_WINDOW_COVERAGE} of the batch's trade have. Requiring every partner would let one
 * small partner with a short series (a state since 2011, a partner last reported in 2019) take the
 * rate away from all 200 others. A partner without that window gets no rate and a note saying so; a
 * partner whose base in it fails the growth-window rule gets no rate and a note, never a rate from
 * another window.
 */
export function applyCommonWindow(entries: BatchEntry[]): { years: number; from: number; to: number } | undefined {
  const withWindows = entries.filter((e) => e.windows?.length);
  if (!withWindows.length) return undefined;
  const same = (x: { years: number; from: number; to: number }, y: { years: number; from: number; to: number }) => x.years === y.years && x.from === y.from && x.to === y.to;
  const weight = (e: BatchEntry) => Math.max(e.partner.total, 0);
  const total = withWindows.reduce((sum, e) => sum + weight(e), 0);
  const covered = (w: { years: number; from: number; to: number }) => {
    const having = withWindows.filter((e) => e.windows!.some((x) => same(x, w)));
    return total > 0 ? having.reduce((sum, e) => sum + weight(e), 0) / total : having.length / withWindows.length;
  };
  const candidates = withWindows.flatMap((e) => e.windows!).filter((w, i, all) => all.findIndex((x) => same(x, w)) === i);
  const common = candidates
    .filter((w) => covered(w) >= COMMON_WINDOW_COVERAGE)
    .sort((x, y) => y.years - x.years || covered(y) - covered(x) || y.to - x.to)[0];
  if (!common) return undefined;
  for (const e of withWindows) {
    const w = e.windows!.find((x) => same(x, common));
    if (!w) e.cagrNote = `no ${common.from}–${common.to} series`;
    else if (w.meaningful && w.cagr !== undefined) e.cagr = { value: w.cagr, from: w.from, to: w.to };
    else e.cagrNote = `base in ${w.from} too small for a rate`;
  }
  return { years: common.years, from: common.from, to: common.to };
}

interface IndexView {
  title: string;
  intro: string;
  columns: string[];
  numeric: boolean[];
  rows: Array<{ cells: string[]; link?: string; name: string }>;
  lists: Array<{ title: string; items: Array<{ name: string; link?: string; value: string }> }>;
  failures: Array<{ name: string; reason: string }>;
}

function indexView(aName: string, entries: BatchEntry[]): IndexView {
  const ok = entries.filter((e) => !e.error);
  const year = entries[0]?.partner.year;
  const top = <T,>(xs: T[], n = 10) => xs.slice(0, n);
  const item = (e: BatchEntry, value: string) => ({ name: e.partner.name, ...(e.file ? { link: e.file } : {}), value });
  const withCagr = ok.filter((e) => e.cagr);
  const withBalance = ok.filter((e) => e.balance);
  const withVol = ok.filter((e) => e.volatility);
  const span = (x: { from: number; to: number }) => `${x.from}–${x.to}`;
  const common = withCagr[0]?.cagr;
  return {
    title: `${aName}'s trade partners: assessments`,
    intro: `${entries.length} partners of ${aName}, ranked by total trade (exports + imports as ${aName} reports them) in ${year}. Growth is the compound annual rate over one window${common ? ` (${common.from}–${common.to})` : ""}, the longest that the partners with ${pct(COMMON_WINDOW_COVERAGE, 0)} of this trade all have; a partner without it, or whose trade in its first year was below 2 % of its last, shows no rate; volatility is the standard deviation of the yearly log growth of total trade. Each report gives the sources of every figure.`,
    columns: ["Rank", "Partner", `Total trade ${year}`, "Growth a year", "Balance (exports − imports)", "Volatility"],
    numeric: [true, false, true, true, true, true],
    rows: entries.map((e, i) => ({
      name: e.partner.name,
      ...(e.file ? { link: e.file } : {}),
      cells: [
        String(i + 1),
        e.partner.name,
        usd(e.partner.total),
        e.cagr ? `${pct(e.cagr.value)} (${span(e.cagr)})` : e.cagrNote ? `n/a (${e.cagrNote})` : "n/a",
        e.balance ? `${usd(e.balance.value)} (${e.balance.year})` : "n/a",
        e.volatility ? `${coefficient(e.volatility.value)} (${span(e.volatility)})` : "n/a",
      ],
    })),
    lists: [
      { title: "Fastest growing", items: top([...withCagr].sort((x, y) => y.cagr!.value - x.cagr!.value)).map((e) => item(e, `${pct(e.cagr!.value)} a year, ${span(e.cagr!)}`)) },
      { title: "Largest surpluses", items: top(withBalance.filter((e) => e.balance!.value > 0).sort((x, y) => y.balance!.value - x.balance!.value)).map((e) => item(e, `${usd(e.balance!.value)} in ${e.balance!.year}`)) },
      { title: "Largest deficits", items: top(withBalance.filter((e) => e.balance!.value < 0).sort((x, y) => x.balance!.value - y.balance!.value)).map((e) => item(e, `${usd(e.balance!.value)} in ${e.balance!.year}`)) },
      { title: "Most volatile", items: top([...withVol].sort((x, y) => y.volatility!.value - x.volatility!.value)).map((e) => item(e, `${coefficient(e.volatility!.value)}, ${span(e.volatility!)}`)) },
    ].filter((l) => l.items.length),
    failures: entries.filter((e) => e.error).map((e) => ({ name: e.partner.name, reason: e.error! })),
  };
}

export function indexMarkdown(aName: string, entries: BatchEntry[]): string {
  const v = indexView(aName, entries);
  const link = (name: string, href?: string) => (href ? `[${escapeMarkdown(name)}](${encodeURI(href)})` : escapeMarkdown(name));
  const cell = (s: string) => escapeMarkdown(s).replace(/\|/g, "\\|");
  const out = [`# ${escapeMarkdown(v.title)}`, "", escapeMarkdown(v.intro), ""];
  out.push(`| ${v.columns.map(cell).join(" | ")} |`, `| ${v.numeric.map((n) => (n ? "---:" : "---")).join(" | ")} |`);
  for (const r of v.rows) out.push(`| ${r.cells.map((c, i) => (i === 1 ? link(c, r.link) : cell(c))).join(" | ")} |`);
  out.push("");
  for (const l of v.lists) out.push(`## ${escapeMarkdown(l.title)}`, "", ...l.items.map((x, i) => `${i + 1}. ${link(x.name, x.link)}: ${escapeMarkdown(x.value)}`), "");
  if (v.failures.length) out.push("## Reports that could not be written", "", ...v.failures.map((f) => `- ${escapeMarkdown(f.name)}: ${escapeMarkdown(f.reason)}`), "");
  return out.join("\n").replace(/\n+$/, "\n");
}

export function indexHtml(aName: string, entries: BatchEntry[]): string {
  const v = indexView(aName, entries);
  const link = (name: string, href?: string) => (href ? `<a href="${escapeHtml(encodeURI(href))}">${escapeHtml(name)}</a>` : escapeHtml(name));
  const cls = (i: number) => (v.numeric[i] ? ` class="num"` : "");
  const rows = v.rows.map((r) => `<tr>${r.cells.map((c, i) => (i === 1 ? `<th scope="row">${link(c, r.link)}</th>` : `<td${cls(i)}>${escapeHtml(c)}</td>`)).join("")}</tr>`);
  const lists = v.lists.map((l) => `<section>\n<h2>${escapeHtml(l.title)}</h2>\n<ol>\n${l.items.map((x) => `<li>${link(x.name, x.link)}: ${escapeHtml(x.value)}</li>`).join("\n")}\n</ol>\n</section>`);
  const failures = v.failures.length ? `<section>\n<h2>Reports that could not be written</h2>\n<ul>\n${v.failures.map((f) => `<li>${escapeHtml(f.name)}: ${escapeHtml(f.reason)}</li>`).join("\n")}\n</ul>\n</section>` : "";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(v.title)}</title>
<style>
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, "DejaVu Sans", sans-serif; color: #1b1b1b; line-height: 1.5; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.25rem; }
a { color: #1f4e8c; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; font-variant-numeric: tabular-nums; }
th, td { padding: .25rem .5rem; border-bottom: 1px solid #dcdcdc; text-align: left; }
thead th { border-bottom: 2px solid #777; }
tbody th { font-weight: normal; }
.num { text-align: right; white-space: nowrap; }
.lists { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 0 2rem; }
h2 { font-size: 1.15rem; margin-top: 2rem; }
@page { size: A4; margin: 16mm; }
@media print { html { font-size: 10pt; } main { max-width: none; padding: 0; } thead { display: table-header-group; } tr { break-inside: avoid; } }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(v.title)}</h1>
<p>${escapeHtml(v.intro)}</p>
<table>
<thead><tr>${v.columns.map((c, i) => `<th scope="col"${cls(i)}>${escapeHtml(c)}</th>`).join("")}</tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>
<div class="lists">
${lists.join("\n")}
</div>
${failures}
</main>
</body>
</html>
`;
}
