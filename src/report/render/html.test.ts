import { describe, expect, it } from "vitest";
import { awkwardDocument, sampleDocument } from "../../../test/fixtures/report/sample-document.js";
import { renderCharts } from "./charts.js";
import { prefixSvgIds, toHtml } from "./html.js";

/** Attribute values of `name` on every element (double-quoted, as toHtml writes them). */
function attrs(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`\\s${name}="([^"]*)"`, "g"))].map((m) => m[1]!);
}

describe("toHtml", () => {
  it("is deterministic: the same document gives the same bytes", async () => {
    const one = toHtml(await renderCharts(sampleDocument()));
    const two = toHtml(await renderCharts(sampleDocument()));
    expect(two).toBe(one);
  });

  it("is one English document with a title", () => {
    const html = toHtml(sampleDocument());
    expect(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">")).toBe(true);
    expect(html).toContain("<title>South Korea and Russia: an assessment of economic relations, 1990–2020 (fixture)</title>");
    expect(html).toContain("<h1>Trade grew 25-fold in three decades</h1>");
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
  });

  it("requests nothing from the network: no scripts, stylesheets, images or fonts from elsewhere", async () => {
    const html = toHtml(await renderCharts(sampleDocument()));
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(\s*['"]?(https?:)?\/\//i);
    expect(attrs(html, "src")).toEqual([]);
    // External addresses appear only as links to a note's published source, which the reader
    // may follow; nothing loads them.
    const external = [...html.matchAll(/<a\b[^>]*href="(https?:[^"]*)"[^>]*>/g)];
    expect(external.length).toBeGreaterThan(0);
    for (const m of external) expect(m[0]).toContain('class="source-url"');
    const notesStart = html.indexOf('<section id="notes"');
    expect(html.indexOf('href="http')).toBeGreaterThan(notesStart);
    // The only other href/xlink:href values are in-page anchors.
    for (const href of [...attrs(html, "href"), ...attrs(html, "xlink:href")]) expect(href.startsWith("#") || /^https?:/.test(href)).toBe(true);
  });

  it("every in-page link has a target and every id is unique", async () => {
    const html = toHtml(await renderCharts(sampleDocument()));
    const ids = attrs(html, "id");
    expect(new Set(ids).size).toBe(ids.length);
    for (const href of attrs(html, "href").filter((h) => h.startsWith("#"))) expect(ids).toContain(href.slice(1));
  });

  it("links each footnote mark to its note and each note back to every mark", () => {
    const html = toHtml(sampleDocument());
    // Note 2 (the deficit, printed second) is cited in the lead and again in the risks list.
    expect(html).toContain('<a id="fnref-2" href="#fn-2" aria-label="note 2">[2]</a>');
    expect(html).toContain('<a id="fnref-2-2" href="#fn-2" aria-label="note 2">[2]</a>');
    const note = /<li id="fn-2">(.*?)<\/li>/.exec(html)![1]!;
    expect(note.startsWith("Balance = exports FOB − imports CIF, South Korea&#39;s reports, 2009–2020.")).toBe(true);
    expect(note).toContain('href="#fnref-2"');
    expect(note).toContain('href="#fnref-2-2"');
    const k = /Computed as <a href="#formula-(\d+)">formula \1<\/a>/.exec(note)![1];
    expect(new RegExp(`<li id="formula-${k}"><code>(.*?)</code></li>`).exec(html)![1]).toBe("balance = exports FOB − imports CIF");
  });

  it("lists each formula once however many notes use it, and hides the back-links and rule ids in print", () => {
    const doc = sampleDocument();
    const shared = doc.footnotes[0]!.formula ?? "total = exports FOB + imports CIF";
    const html = toHtml({ ...doc, footnotes: doc.footnotes.map((f) => ({ ...f, formula: shared })) });
    expect([...html.matchAll(/<li id="formula-\d+">/g)]).toHaveLength(1);
    expect([...html.matchAll(/Computed as <a href="#formula-1">/g)]).toHaveLength(doc.footnotes.length);
    const print = /@media print \{([\s\S]*?)\n\}/.exec(html)![1]!;
    expect(print).toMatch(/\.backref, \.rule-id \{ display: none; \}/);
  });

  it("states on the title page which data the figures come from, with edition and load date", () => {
    const html = toHtml({
      ...sampleDocument(),
      data: [{ dataset: "imf-dots", name: "IMF Direction of Trade Statistics", editions: [], loadedFrom: "2026-12-01", loadedTo: "2026-12-01", files: 2, scopes: ["Korea, Rep. of as reporter", "Russian Federation as reporter"] }],
    });
    expect(html).toContain('<p class="data-editions">Data: IMF Direction of Trade Statistics (Korea, Rep. of; Russian Federation as reporters; edition not stated in the files; 2 files loaded 2026-12-01).</p>');
  });

  it("puts charts in figures with captions, inline as SVG", async () => {
    const html = toHtml(await renderCharts(sampleDocument()));
    const figures = [...html.matchAll(/<figure\b[\s\S]*?<\/figure>/g)].map((m) => m[0]);
    expect(figures).toHaveLength(1);
    expect(figures[0]).toMatch(/<svg\b[\s\S]*<\/svg>\n<figcaption><span class="label">Figure 1\.<\/span> Total trade as South Korea reports it\./);
  });

  it("writes tables with a caption and column and row headers", () => {
    const html = toHtml(sampleDocument());
    expect(html).toContain('<caption class="table-title"><span class="label">Table 1.</span> South Korea–Russia trade, million USD (fixture)</caption>');
    expect(html).toContain('<thead><tr><th scope="col">Year</th><th scope="col" class="num">Exports</th>');
    expect(html).toContain('<tr><th scope="row">2018</th><td class="num">7,475.6</td>');
  });

  it("shows the user's text in its own section, marked as the user's and escaped", () => {
    const html = toHtml(sampleDocument());
    const section = /<section id="section-prospects"[\s\S]*?<\/section>/.exec(html)![0];
    expect(section).toContain("<h2 id=\"h-prospects\">Prospects (from the user&#39;s context file, not computed)</h2>");
    expect(section).toContain('<p class="user-note">The user\'s own text from the context file <code>kor-rus.yaml</code>');
    expect(section).toContain("The user expects an EAEU free trade agreement to matter. &lt;b&gt;not markup&lt;/b&gt; &amp; more.");
  });

  it("escapes names and table cells", () => {
    const html = toHtml(awkwardDocument());
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<em>tariffs");
    expect(html).toContain("<title>Trinidad &amp; Tobago and &lt;script&gt;alert(1)&lt;/script&gt; Islands | *fixture*</title>");
    expect(html).toContain("<td class=\"num\">&lt;i&gt;x&lt;/i&gt;</td><td class=\"num\">R&amp;D</td>");
  });

  it("prints generatedAt only when present", () => {
    expect(toHtml(sampleDocument())).not.toContain("Generated");
    expect(toHtml({ ...sampleDocument(), generatedAt: "2020-09-07T09:00:00Z" })).toContain("Generated 2020-09-07T09:00:00Z.");
  });

  it("has print rules: A4 pages, charts and table rows kept whole", () => {
    const html = toHtml(sampleDocument());
    expect(html).toContain("@page { size: A4;");
    expect(html).toMatch(/@media print \{[\s\S]*figure, [^{]*\{ break-inside: avoid;/);
    expect(html).toMatch(/tr \{ break-inside: avoid;/);
  });
});

describe("prefixSvgIds", () => {
  it("keeps two charts' clip paths apart when both call theirs clip1", () => {
    const svg = '<svg><defs><clipPath id="clip1"><rect/></clipPath></defs><g clip-path="url(#clip1)"><use href="#clip1"/><text>url(#other)</text></g></svg>';
    expect(prefixSvgIds(svg, "fig2")).toBe('<svg><defs><clipPath id="fig2-clip1"><rect/></clipPath></defs><g clip-path="url(#fig2-clip1)"><use href="#fig2-clip1"/><text>url(#other)</text></g></svg>');
    expect(prefixSvgIds("<svg><g/></svg>", "fig1")).toBe("<svg><g/></svg>");
  });
});
