/**
 * The report as one self-contained HTML file: inline CSS (screen and A4 print), inline SVG
 * charts, endnotes with back-links. It makes no network request when opened or printed, so it
 * can be mailed, archived or printed to PDF offline. Same document → same bytes.
 * @module
 */
import type { ChartBlock, ReportDocument, Sentence, TableBlock, TextPart } from "../document.js";
import { chartHasTitle, describeSource, displayNumber, formulaNumber, layout, periodLine, riskLevel, uniqueSources, type Layout } from "./layout.js";
import { describeEdition, plainSource } from "../provenance.js";
import { REPORT_CSP, safeHref } from "./links.js";

/** Escapes text for element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/**
 * Several inline SVGs share one id space: vega names clip paths `clip1` in every chart, so the
 * second chart would clip with the first one's rectangle. Prefix every id and every reference.
 */
export function prefixSvgIds(svg: string, prefix: string): string {
  const ids = new Set([...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
  if (!ids.size) return svg;
  return svg
    .replace(/(\sid=")([^"]+)(")/g, (_w, a: string, id: string, b: string) => `${a}${prefix}-${id}${b}`)
    .replace(/(url\(#)([^)]+)(\))/g, (w, a: string, id: string, b: string) => (ids.has(id) ? `${a}${prefix}-${id}${b}` : w))
    .replace(/((?:xlink:)?href="#)([^"]+)(")/g, (w, a: string, id: string, b: string) => (ids.has(id) ? `${a}${prefix}-${id}${b}` : w));
}

const CSS = `
:root { color-scheme: light; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", "DejaVu Sans", "Noto Sans CJK KR", "Noto Sans KR", "NanumGothic", "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans CJK SC", sans-serif; color: #1b1b1b; background: #fff; line-height: 1.55; -webkit-text-size-adjust: 100%; }
body { margin: 0; }
main { max-width: 46rem; margin: 0 auto; padding: 2.5rem 1.25rem 4rem; }
a { color: #1f4e8c; }
.kicker { margin: 0; font-size: .85rem; letter-spacing: .03em; text-transform: uppercase; color: #4a4a4a; font-weight: 600; }
h1 { font-size: 2rem; line-height: 1.2; margin: .35rem 0 .6rem; }
.meta { margin: 0 0 1.5rem; font-size: .9rem; color: #4a4a4a; }
.lead { font-size: 1.12rem; margin: 0 0 1rem; }
h2 { font-size: 1.35rem; line-height: 1.3; margin: 2.5rem 0 .75rem; padding-top: .6rem; border-top: 1px solid #c8c8c8; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
p { margin: 0 0 .9rem; }
ul { padding-left: 1.3rem; margin: 0 0 1rem; }
li { margin: 0 0 .45rem; }
sup.fnref { font-size: .7em; line-height: 0; vertical-align: super; white-space: nowrap; }
sup.fnref a { text-decoration: none; }
figure { margin: 1.5rem 0; }
figure svg { display: block; max-width: 100%; height: auto; margin-bottom: .4rem; }
figcaption { font-size: .9rem; color: #333; }
figcaption .label, .table-title .label { font-weight: 600; color: #1b1b1b; }
.table-wrap { overflow-x: auto; margin: 1.5rem 0; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; font-variant-numeric: tabular-nums; }
caption { caption-side: top; text-align: left; font-size: .9rem; padding-bottom: .4rem; color: #333; }
th, td { padding: .2rem .45rem; border-bottom: 1px solid #dcdcdc; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #777; font-weight: 600; }
tbody th { font-weight: normal; }
.num { text-align: right; white-space: nowrap; }
.table-note { font-size: .85rem; color: #4a4a4a; margin-top: .4rem; }
.level { display: inline-block; font-size: .75rem; font-weight: 700; text-transform: uppercase; letter-spacing: .03em; padding: 0 .35rem; margin-right: .35rem; border-radius: 3px; border: 1px solid currentColor; }
.level-high { color: #9b1c1c; }
.level-medium { color: #7a4b00; }
.user-text { border-left: 4px solid #8a6d00; background: #faf6e6; padding: .75rem 1rem .1rem; }
.user-note { font-size: .9rem; font-style: italic; color: #4a4a4a; }
.notes ol { padding-left: 2rem; font-size: .85rem; }
.notes li { margin-bottom: .5rem; }
.notes .sources, .notes .formula { display: block; color: #3b3b3b; }
.notes code, .methodology code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: .9em; overflow-wrap: anywhere; }
.backref { text-decoration: none; margin-left: .25rem; }
.backref sup { font-size: .7em; line-height: 0; }
.notes a, .methodology a { overflow-wrap: anywhere; }
.methodology { font-size: .9rem; }
.data-editions { font-size: .85rem; color: #4a4a4a; margin: -1rem 0 1.5rem; }
.formulas { font-size: .85rem; padding-left: 2rem; }
.formulas li { margin-bottom: .35rem; }
.rule-id { color: #6a6a6a; font-size: .85em; }
@page { size: A4; margin: 18mm 16mm 20mm 16mm; }
@media print {
  html { font-size: 11pt; line-height: 1.45; }
  main { max-width: none; padding: 0; }
  a { color: inherit; }
  h1 { font-size: 1.9rem; }
  h2, h3, .kicker, caption { break-after: avoid; page-break-after: avoid; }
  figure, .table-title, li, .user-text { break-inside: avoid; page-break-inside: avoid; }
  /* A chart at full width is ~90 mm tall and is moved whole to the next page when it does not
     fit, leaving a gap; capped a little lower, a chart and its section's text share a page. */
  figure svg { width: auto; height: auto; max-width: 100%; max-height: 80mm; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .table-wrap { overflow: visible; }
  p { orphans: 3; widows: 3; }
  /* The appendix flows on after the text: a forced page break before it left a nearly empty page. */
  /* Links back to the text mean nothing on paper; the rule ids are for someone reading the code. */
  .backref, .rule-id { display: none; }
  h2 { break-after: avoid; }
}
`;

class HtmlWriter {
  constructor(
    private readonly doc: ReportDocument,
    private readonly l: Layout,
  ) {}
  /** How often each printed note number has been referenced so far, for unique anchors. */
  private readonly refs = new Map<number, number>();

  parts(ps: TextPart[]): string {
    return ps
      .map((p) => {
        if ("text" in p) return escapeHtml(p.text);
        const n = displayNumber(this.l, p.fn);
        const k = (this.refs.get(n) ?? 0) + 1;
        this.refs.set(n, k);
        // U+2060 WORD JOINER: the mark never starts a line on its own.
        return `\u2060<sup class="fnref"><a id="${refId(n, k)}" href="#fn-${n}" aria-label="note ${n}">[${n}]</a></sup>`;
      })
      .join("");
  }

  sentences(ss: Sentence[]): string {
    return ss.map((s) => this.parts(s.parts).trim()).join(" ");
  }

  chart(c: ChartBlock, n: number): string {
    // The drawn chart carries its own title; repeating it in the caption only adds a line.
    const title = c.svg && chartHasTitle(c) ? "" : ` ${escapeHtml(c.title)}.`;
    const caption = `<figcaption><span class="label">Figure ${n}.${title}</span> ${this.parts(c.caption).trim()}</figcaption>`;
    const svg = c.svg ? prefixSvgIds(c.svg.trim(), `fig${n}`) : `<p class="table-note">(The chart is missing: its SVG was not rendered.)</p>`;
    return `<figure id="figure-${n}" class="chart chart-${escapeHtml(c.id)}">\n${svg}\n${caption}\n</figure>`;
  }

  table(t: TableBlock, n: number): string {
    const cls = (i: number) => (t.numeric[i] ? ` class="num"` : "");
    const head = t.header.map((h, i) => `<th scope="col"${cls(i)}>${escapeHtml(h)}</th>`).join("");
    // The first column names the row (the year), so it is the row header.
    const rows = t.rows.map((r) => `<tr>${t.header.map((_, i) => (i === 0 ? `<th scope="row"${cls(i)}>${escapeHtml(r[i] ?? "")}</th>` : `<td${cls(i)}>${escapeHtml(r[i] ?? "")}</td>`)).join("")}</tr>`);
    const note = t.note ? `\n<p class="table-note">${escapeHtml(t.note)}</p>` : "";
    return `<div class="table-wrap" id="table-${n}">\n<table>\n<caption class="table-title"><span class="label">Table ${n}.</span> ${escapeHtml(t.title)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows.join("\n")}\n</tbody>\n</table>${note}\n</div>`;
  }

  body(): string {
    const { doc, l } = this;
    const out: string[] = [];
    out.push(`<header>`);
    out.push(`<p class="kicker">${escapeHtml(doc.title)}</p>`);
    out.push(`<h1>${escapeHtml(doc.headline)}</h1>`);
    const meta: string[] = [];
    const period = periodLine(doc);
    if (period) meta.push(`${escapeHtml(period)}. Values in US dollars unless stated; every figure has a note with its source.`);
    if (doc.generatedAt) meta.push(`Generated ${escapeHtml(doc.generatedAt)}.`);
    if (meta.length) out.push(`<p class="meta">${meta.join(" ")}</p>`);
    if (doc.data?.length) out.push(`<p class="data-editions">Data: ${doc.data.map((e) => escapeHtml(describeEdition(e))).join("; ")}.</p>`);
    if (doc.lead.sentences.length) out.push(`<p class="lead">${this.sentences(doc.lead.sentences)}</p>`);
    out.push(`</header>`);

    for (const { section, blocks, userText } of l.sections) {
      out.push(`<section id="section-${escapeHtml(section.id)}" aria-labelledby="h-${escapeHtml(section.id)}"${userText ? ` class="user-section"` : ""}>`);
      out.push(`<h2 id="h-${escapeHtml(section.id)}">${escapeHtml(section.title)}</h2>`);
      const inner: string[] = [];
      if (userText) {
        const file = doc.userContext?.file;
        inner.push(`<p class="user-note">The user's own text${file ? ` from the context file <code>${escapeHtml(file)}</code>` : ""}, shown as written: tradeties did not compute or check it.</p>`);
      }
      for (const b of blocks) {
        if (b.kind === "paragraph") inner.push(`<p>${this.sentences(b.sentences)}</p>`);
        else if (b.kind === "items") {
          const lis = b.items.map((s) => {
            const level = section.id === "risks" ? riskLevel(doc, s) : undefined;
            const tag = level ? `<span class="level level-${level}">${level === "high" ? "High risk" : "Medium risk"}</span>` : "";
            return `<li>${tag}${this.sentences([s])}</li>`;
          });
          inner.push(`<ul>\n${lis.join("\n")}\n</ul>`);
        } else if (b.kind === "chart") inner.push(this.chart(b.chart, b.number));
        else inner.push(this.table(b.table, b.number));
      }
      out.push(userText ? `<div class="user-text">\n${inner.join("\n")}\n</div>` : inner.join("\n"));
      out.push(`</section>`);
    }

    if (doc.missing.length) {
      out.push(`<section id="missing" aria-labelledby="h-missing">`);
      out.push(`<h2 id="h-missing">What the data does not cover</h2>`);
      out.push(`<p>Figures this report leaves out because the loaded data cannot support them, and the data that would:</p>`);
      out.push(`<ul>\n${doc.missing.map((m) => `<li>${escapeHtml(m)}</li>`).join("\n")}\n</ul>`);
      out.push(`</section>`);
    }

    if (l.footnotes.length) {
      out.push(`<section id="notes" class="notes appendix" aria-labelledby="h-notes">`);
      out.push(`<h2 id="h-notes">Notes</h2>`);
      if (l.formulas.length) {
        out.push(`<h3>How the figures are computed</h3>`);
        out.push(`<ol class="formulas">\n${l.formulas.map((f, i) => `<li id="formula-${i + 1}"><code>${escapeHtml(f)}</code></li>`).join("\n")}\n</ol>`);
        out.push(`<h3>What each figure is and where it comes from</h3>`);
      }
      const items = l.footnotes.map((f) => {
        const n = f.display;
        const sources = uniqueSources(f.sources).map((s) => {
          const d = plainSource(s);
          // A link the reader may follow; nothing is fetched when the file is opened or printed.
          const href = safeHref(d.url);
          if (!href) return escapeHtml(d.text) + (d.url ? ` (address, not a web link: <code>${escapeHtml(d.url)}</code>)` : "");
          return `${escapeHtml(d.text)} (<a class="source-url" href="${escapeHtml(href)}" rel="noreferrer">${escapeHtml(d.url!)}</a>)`;
        });
        const src = sources.length ? `<span class="sources">Source${sources.length > 1 ? "s" : ""}: ${sources.join("; ")}.</span>` : `<span class="sources">No stored source is attached to this note.</span>`;
        const k = formulaNumber(l, f.formula);
        const formula = k ? `<span class="formula">Computed as <a href="#formula-${k}">formula ${k}</a>.</span>` : "";
        const count = this.refs.get(n) ?? 0;
        const back = Array.from({ length: count }, (_, i) => `<a class="backref" href="#${refId(n, i + 1)}" aria-label="back to the text${count > 1 ? ` (reference ${i + 1})` : ""}">↩${count > 1 ? `<sup>${i + 1}</sup>` : ""}</a>`).join("");
        return `<li id="fn-${n}">${escapeHtml(f.text.trim())}${back} ${src}${formula}</li>`;
      });
      out.push(`<ol>\n${items.join("\n")}\n</ol>`);
      out.push(`</section>`);
    }

    if (doc.methodology.length || doc.sources.length) {
      out.push(`<section id="methodology" class="methodology appendix" aria-labelledby="h-methodology">`);
      out.push(`<h2 id="h-methodology">Methodology</h2>`);
      if (doc.methodology.length) {
        out.push(`<p>Every sentence above was written by one of these rules, and a rule writes only when its condition holds.</p>`);
        out.push(`<ul>\n${doc.methodology.map((r) => `<li>When ${escapeHtml(r.condition)}; reads ${escapeHtml(r.reads)}. <span class="rule-id">(rule <code>${escapeHtml(r.id)}</code>)</span></li>`).join("\n")}\n</ul>`);
      }
      if (doc.sources.length) {
        out.push(`<h3>Data sources</h3>`);
        out.push(`<p>The files every figure was read from. Each loaded file is identified by the SHA-256 of its bytes (first 12 characters here; <code>tradeties sources</code> lists them in full).</p>`);
        out.push(`<ul>\n${uniqueSources(doc.sources).map((s) => `<li>${escapeHtml(describeSource(s).text)} (<code>${escapeHtml(s.source_id.slice(0, 12))}</code>)</li>`).join("\n")}\n</ul>`);
      }
      out.push(`</section>`);
    }
    return out.join("\n");
  }
}

function refId(n: number, k: number): string {
  return k === 1 ? `fnref-${n}` : `fnref-${n}-${k}`;
}

export function toHtml(doc: ReportDocument): string {
  const body = new HtmlWriter(doc, layout(doc)).body();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="tradeties">
<title>${escapeHtml(doc.title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}
