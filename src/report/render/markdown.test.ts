import { describe, expect, it } from "vitest";
import { awkwardDocument, sampleDocument } from "../../../test/fixtures/report/sample-document.js";
import { unsourcedFigureSentences } from "../../../test/fixtures/report/proseFigures.js";
import type { ReportDocument } from "../document.js";
import { renderCharts } from "./charts.js";
import { toMarkdown } from "./markdown.js";

const chartPath = (c: { id: string }) => `kor-rus.${c.id}.svg`;

function sectionBody(md: string, heading: string): string {
  const start = md.indexOf(`\n## ${heading}\n`);
  expect(start, `no "## ${heading}" heading`).toBeGreaterThan(-1);
  const next = md.indexOf("\n## ", start + 4);
  return md.slice(start, next === -1 ? undefined : next);
}

describe("toMarkdown", () => {
  it("is deterministic: the same document gives the same bytes", async () => {
    const drawn = await renderCharts(sampleDocument());
    const again = await renderCharts(sampleDocument());
    expect(toMarkdown(again, { chartPath })).toBe(toMarkdown(drawn, { chartPath }));
    expect(toMarkdown(sampleDocument())).toBe(toMarkdown(sampleDocument()));
  });

  it("starts with the headline as the only # heading, then the title and the lead", () => {
    const md = toMarkdown(sampleDocument());
    expect(md.startsWith("# Trade grew 25-fold in three decades\n\n**South Korea and Russia: an assessment of economic relations, 1990–2020 (fixture)**")).toBe(true);
    expect(md.match(/^# /gm)).toHaveLength(1);
    expect(md).toMatch(/^Trade between South Korea and Russia grew 25 times between 1990 and 2019\[\^1\]\. A chronic deficit/m);
    expect(md.match(/^## .*/gm)).toEqual([
      "## Trade volume and growth",
      "## Trade balance",
      "## Risks",
      "## Milestones",
      "## Prospects (from the user's context file, not computed)",
      "## What the data does not cover",
      "## Notes",
      "## Methodology",
    ]);
  });

  it("numbers the notes in reading order and defines each exactly once", () => {
    const md = toMarkdown(sampleDocument());
    const refs = [...md.matchAll(/\[\^(\d+)\](?!:)/g)].map((m) => Number(m[1]));
    const firstUse = [...new Set(refs)];
    // The fixture's lead cites its notes 5, 3, 4, then the sections 1 and 2: printed as 1…5.
    expect(firstUse).toEqual([1, 2, 3, 4, 5]);
    const defs = [...md.matchAll(/^\[\^(\d+)\]: (.*)$/gm)];
    expect(defs.map((m) => Number(m[1]))).toEqual([1, 2, 3, 4, 5]);
    expect(defs[0]![2]).toMatch(/^1990 is a published point; 2019 is the reporter-side data\./);
    expect(defs[3]![2]).toMatch(/^KITA news release: bilateral trade of \$888\.8 million in 1990/);
  });

  it("gives each note its sources in a reader's words (publisher, whose declaration, URL) and the number of its formula", () => {
    const md = toMarkdown(sampleDocument());
    const note = (n: number) => new RegExp(`^\\[\\^${n}\\]: (.*)$`, "m").exec(md)![1]!;
    const m = /^(.*) Computed as formula (\d+)\.$/.exec(note(3))!;
    expect(m[1]).toBe(
      "Volatility of total trade, South Korea's reports. — Sources: IMF Direction of Trade Statistics, the reporting country's own declaration; IMF Direction of Trade Statistics, the partner's declaration (mirror figure).",
    );
    expect(new RegExp(`^${m[2]}\\. (.*)$`, "m").exec(md)![1]).toBe("`σ = sample SD (n − 1) of ln(total_t / total_{t−1})`");
    expect(note(4)).toContain("Korea International Trade Association (KITA) news release (published figure), as published <http://global.kita.net/about/newsView.do?id=&no=2525&searchWrd=&pageIndex=1>");
    // File names and tradeties' vintage numbers are the audit trail of the methodology appendix, not the reader's provenance.
    expect(sectionBody(md, "Notes")).not.toMatch(/vintage v1|DOTS\\_106/);
    expect(sectionBody(md, "Methodology")).toContain("file DOTS\\_106.xlsx");
  });

  it("marks risks with their level", () => {
    const risks = sectionBody(toMarkdown(sampleDocument()), "Risks");
    expect(risks).toContain("- **High risk.** Trade with Russia is volatile");
    expect(risks).toContain("- **Medium risk.** A chronic deficit");
  });

  it("writes tables as GFM tables with numeric columns right-aligned", () => {
    const md = toMarkdown(sampleDocument());
    expect(md).toContain(
      ["**Table 1. South Korea–Russia trade, million USD (fixture)**", "", "| Year | Exports | Imports | Balance |", "| --- | ---: | ---: | ---: |", "| 2018 | 7,475.6 | 17,458.1 | −9,982.5 |"].join("\n"),
    );
    expect(md).toContain("*Exports FOB and imports CIF as South Korea reports them.*");
  });

  it("links the chart file when given a path, else keeps only the caption", async () => {
    const drawn = await renderCharts(sampleDocument());
    const withCharts = toMarkdown(drawn, { chartPath });
    // The chart draws its own title, so the caption below it does not repeat it.
    expect(withCharts).toContain("![South Korea's trade with Russia](kor-rus.trade-volume.svg)\n\n*Figure 1.* Total trade as South Korea reports it.[^5]");
    const without = toMarkdown(drawn);
    expect(without).not.toContain("![");
    expect(without).toContain("*Figure 1. South Korea's trade with Russia.* Total trade as South Korea reports it.[^5] (The chart is in the HTML and PDF editions.)");
    expect(toMarkdown(drawn, { chartPath: () => "my report (1).svg" })).toContain("](<my report (1).svg>)");
  });

  it("puts the user's text under a heading that says it is the user's, after the findings", () => {
    const md = toMarkdown(sampleDocument());
    const user = sectionBody(md, "Prospects (from the user's context file, not computed)");
    expect(user).toContain("*The user's own text from the context file `kor-rus.yaml`, shown as written: tradeties did not compute or check it.*");
    expect(user).toContain("The user expects an EAEU free trade agreement to matter. \\<b\\>not markup\\</b\\> & more.");
    expect(user).toContain("- Summarised by the user from KITA's release.");
    expect(md.indexOf("The user expects")).toBeGreaterThan(md.indexOf("## Milestones"));
  });

  it("uses buildReport's prospects section as the user's section, not a second copy", () => {
    const doc = sampleDocument();
    doc.sections.push({ id: "prospects", title: "Prospects (the user's text, not computed from data)", paragraphs: [{ sentences: [{ parts: [{ text: "Their view." }], rule: "user-context" }] }], charts: [], tables: [], items: [] });
    const md = toMarkdown(doc);
    expect(md.match(/^## Prospects/gm)).toHaveLength(1);
    expect(sectionBody(md, "Prospects (the user's text, not computed from data)")).toContain("shown as written: tradeties did not compute or check it.");
  });

  it("prints generatedAt only when the document has one", () => {
    expect(toMarkdown(sampleDocument())).not.toContain("Generated");
    expect(toMarkdown({ ...sampleDocument(), generatedAt: "2020-09-07T09:00:00Z" })).toContain("Generated 2020-09-07T09:00:00Z.");
  });

  it("lists the rules that fired and what the data does not cover", () => {
    const md = toMarkdown(sampleDocument());
    expect(sectionBody(md, "Methodology")).toContain("- When the latest run of one balance sign lasts at least 3 years; reads balance.streak and balance.cumulative. (rule `balance.streak`)");
    expect(sectionBody(md, "Methodology")).toContain("(`9aabba7a061c`)");
    expect(sectionBody(md, "What the data does not cover")).toContain("- product-level trade (CEPII BACI) for KOR–RUS: needed for HS composition and concentration (HHI)");
  });

  it("escapes names that look like Markdown or HTML", () => {
    const md = toMarkdown(awkwardDocument());
    expect(md.split("\n")[0]).toBe("# # Trade & \\<em\\>tariffs\\</em\\> \\[link\\](http://example.com)");
    expect(md).toContain("**Trinidad & Tobago and \\<script\\>alert(1)\\</script\\> Islands | \\*fixture\\***");
    expect(md).toContain("| 2021 | a\\|b | \\<i\\>x\\</i\\> | R&D |");
    expect(md).not.toMatch(/<script>|<em>/);
  });

  describe("every sentence that states a figure carries a note", () => {
    it("holds for the fixture", () => {
      expect(unsourcedFigureSentences(toMarkdown(sampleDocument()))).toEqual([]);
    });

    it("the check catches a figure without a note", () => {
      const doc: ReportDocument = sampleDocument();
      doc.sections[0]!.paragraphs[0]!.sentences.push({ parts: [{ text: "Exports fell 12 % in 2016 and recovered in 2017." }], rule: "growth.record" });
      expect(unsourcedFigureSentences(toMarkdown(doc))).toEqual(["Exports fell 12 % in 2016 and recovered in 2017."]);
    });

    it("does not count years, dates and names as figures", () => {
      const doc: ReportDocument = sampleDocument();
      doc.sections[0]!.paragraphs[0]!.sentences.push({ parts: [{ text: "In 2014, after the 1990s and the 2008–2009 crisis, COVID-19 hit in 2020-03." }], rule: "growth.record" });
      expect(unsourcedFigureSentences(toMarkdown(doc))).toEqual([]);
    });
  });
});
