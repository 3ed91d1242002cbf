/** What is traded (composition) and who competes in the partner's market. */
import type { Section, Sentence } from "../document.js";
import { compositionSpec, importSharesSpec } from "../charts/index.js";
import { listInWords, say, datasetsInWords } from "../narrative.js";
import { pct, printed } from "../format.js";
import { shareGain } from "../grades.js";
import type { SectionContext } from "./context.js";

export function compositionSection(ctx: SectionContext): Section | undefined {
  const { profile: p, notes, a, b } = ctx;
  const c = p.composition;
  if (!c) return undefined;
  const sentences: Sentence[] = [];
  const fuels = c.mineral_fuel_share_of_imports;
  if (fuels.length) {
    const parts = fuels.map((f, i) => (i === 0 ? `${pct(f.share)} of ${a}'s imports from ${b} in ${f.year}` : `${pct(f.share)} in ${f.year}`));
    const refs = fuels.flatMap((f) => f.sources);
    const publishers = [...new Set(c.published.filter((x) => fuels.some((f) => f.year === x.year)).map((x) => x.publisher).filter(Boolean))];
    sentences.push(
      say(
        "composition.published-fuels",
        `Mineral fuels — ${listInWords([...new Set(fuels.flatMap((f) => f.items.map((i) => i.replace(/^[^A-Za-z]*\s/, ""))))].slice(0, 5))} — made up at least ${listInWords(parts)}`,
        notes.add(`Sum of the mineral-fuel items over total imports in the same published table (${publishers.join("; ")}). Korea's MTI product codes, not HS: a lower bound for the HS 27 share.`, refs, fuels[0]!.note),
        ".",
      ),
    );
  }
  const hs = c.hs;
  const charts: Section["charts"] = [];
  if (hs) {
    // Describe the direction the loaded files cover: imports from B when present, else exports to B.
    const flow = hs.imports_by_chapter.length ? "imports" : "exports";
    const groups = flow === "imports" ? hs.imports_by_chapter : hs.exports_by_chapter;
    const top = groups.slice(0, 3);
    if (top.length) {
      sentences.push(
        say(
          "composition.hs",
          `In ${hs.year}, ${a}'s largest ${flow} ${flow === "imports" ? "from" : "to"} ${b} by HS chapter were ${listInWords(top.map((t) => `${t.description || `chapter ${t.chapter}`} (${pct(t.share)})`))}${flow === "imports" && hs.raw_material_share_of_imports !== undefined ? `; raw materials made up ${pct(hs.raw_material_share_of_imports)}` : ""}`,
          notes.add(`Product-level flows (CEPII BACI, reconciled), ${hs.year}; raw materials = HS 25–27 and base metals (72, 74–81).`, hs.sources, "share = chapter value / total"),
          ".",
        ),
      );
    }
    const sp = hs.specialization;
    const lead = sp.rca_top_chapters[0];
    if (lead && lead.rca !== undefined) {
      const bits = [`${a}'s revealed comparative advantage (Balassa RCA) in its largest chapter sold to ${b}, ${lead.description || `chapter ${lead.chapter}`}, is ${printed(lead.rca, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`];
      if (sp.complementarity !== undefined) bits.push(`the trade complementarity index of ${a}'s exports with ${b}'s imports is ${sp.complementarity.toFixed(0)} out of 100`);
      if (sp.trade_intensity !== undefined) bits.push(`the trade intensity index is ${printed(sp.trade_intensity, { minimumFractionDigits: 2, maximumFractionDigits: 2 })} (above 1: ${a} sells more to ${b} than ${b}'s weight in world imports)`);
      sentences.push(
        say(
          "composition.specialization",
          `${listInWords(bits)}${sp.coverage.exporters_in_loaded_files < 100 ? `; ${sp.coverage.note}` : ""}`,
          notes.add(`Specialisation at ${sp.level} level, CEPII BACI ${hs.year}, from rollups of the loaded files.`, hs.sources, sp.formula),
          ".",
        ),
      );
    }
    charts.push({
      id: "composition",
      title: `${a}'s ${flow} ${flow === "imports" ? "from" : "to"} ${b} by HS chapter, ${hs.year}`,
      spec: compositionSpec({ title: `${a}'s ${flow} ${flow === "imports" ? "from" : "to"} ${b} by HS chapter, ${hs.year}`, groups: groups.slice(0, 12).map((g) => ({ label: `${g.chapter} ${g.description}`.trim(), share: g.share, valueUsd: g.value })) }) as unknown as Record<string, unknown>,
      caption: [{ text: `Shares of ${flow} by HS chapter (CEPII BACI).` }, notes.add(`Product-level flows (CEPII BACI, reconciled), ${hs.year}.`, hs.sources)],
    });
  } else if (fuels.length) {
    const latest = fuels[fuels.length - 1]!;
    const tablePublisher = c.published.find((t) => t.code === "TOTAL" && t.year === latest.year)?.publisher;
    // Items from the same published table as the total, so the remainder is meaningful.
    const items = c.published.filter((x) => x.year === latest.year && x.flow === "import" && x.code !== "TOTAL" && x.value !== undefined && String(x.year) === x.period && x.publisher === tablePublisher);
    const groups = items.map((x) => ({ label: x.product.replace(/^[^A-Za-z]*\s/, ""), share: x.value! / latest.total, valueUsd: x.value }));
    const rest = 1 - groups.reduce((sum, g) => sum + g.share, 0);
    charts.push({
      id: "composition",
      title: `${a}'s imports from ${b}, ${latest.year}: published items`,
      spec: compositionSpec({
        title: `${a}'s imports from ${b}, ${latest.year} (published items)`,
        subtitle: "Korean MTI product groups, not HS; the rest are other products",
        groups: [...groups, ...(rest > 0 ? [{ label: "Other products", share: rest, residual: true }] : [])],
      }) as unknown as Record<string, unknown>,
      caption: [{ text: `Published item values over the published total of ${a}'s imports from ${b}, ${latest.year}.` }, notes.add(`Published product figures, ${latest.year} (${tablePublisher ?? "publisher not named"}).`, latest.sources)],
    });
  }
  if (!sentences.length) return undefined;
  return { id: "composition", title: "What is traded", paragraphs: [{ sentences }], charts, tables: [], items: [] };
}

export function competitionSection(ctx: SectionContext): Section | undefined {
  const { profile: p, notes, a, b } = ctx;
  const comp = p.competition;
  if (!comp) return undefined;
  const shares = comp.partner_import_shares;
  const sentences: Sentence[] = [];
  const shareNote = (supplier: string) =>
    notes.add(`${b}'s imports (CIF) from ${supplier} over ${b}'s imports from the World, as ${b} reports them (${datasetsInWords(comp.sources)}).`, comp.sources, comp.formula);
  for (const s of shares.shifts) {
    if (s.supplier === p.a || !s.low || s.to_share === undefined) continue;
    const word = shareGain(s);
    if (word) {
      sentences.push(say("competition.surge", `${s.name}'s share of ${b}'s imports ${word} from ${pct(s.low.share)} in ${s.low.year} to ${pct(s.to_share)} in ${s.to_year}`, shareNote(s.name), "."));
    }
  }
  const own = shares.shifts.find((s) => s.supplier === p.a);
  if (own && own.to_share !== undefined) {
    const others = shares.shifts.filter((s) => s.supplier !== p.a && s.to_share !== undefined).sort((x, y) => y.to_share! - x.to_share!).slice(0, 3);
    sentences.push(
      say(
        "competition.position",
        `${a}'s own share was ${pct(own.to_share)} in ${own.to_year}${own.rank_to ? ` (${ordinal(own.rank_to)} among ${b}'s suppliers)` : ""}, against ${listInWords(others.map((o) => `${o.name} ${pct(o.to_share)}`))}`,
        shareNote(a),
        ".",
      ),
    );
  }
  const chartYears = shares.years.filter((y) => y.year <= (shares.shifts[0]?.to_year ?? Infinity) + 1).map((y) => ({ year: y.year, supplier: shares.suppliers.find((s) => s.supplier === y.supplier)?.name ?? y.supplier, share: y.share }));
  // Every year's shares can be left out (a World total below a supplier's imports): then there is nothing to say or draw.
  if (!sentences.length && !chartYears.length) return undefined;
  return {
    id: "competition",
    title: `Competition in ${b}'s market`,
    paragraphs: sentences.length ? [{ sentences }] : [],
    charts: chartYears.length
      ? [
          {
            id: "import-shares",
            title: `Shares of ${b}'s imports by supplier`,
            spec: importSharesSpec({
              title: `Shares of ${b}'s imports by supplier`,
              subtitle: `${b}'s reports, imports CIF`,
              partnerLabel: b,
              highlight: [shares.suppliers.find((s) => s.supplier === p.a)?.name ?? a],
              years: chartYears,
            }) as unknown as Record<string, unknown>,
            caption: [{ text: `Each supplier's imports over ${b}'s imports from the World.` }, shareNote("each supplier")],
          },
        ]
      : [],
    tables: [],
    items: [],
  };
}

export function ordinal(n: number): string {
  const s = ["th", "st", "nd", "rd"];
  const v = n % 100;
  return `${n}${s[(v - 20) % 10] ?? s[v] ?? s[0]}`;
}

