/**
 * Product composition of the pair: published product points and, when BACI is loaded, HS-chapter
 * shares, concentration, intra-industry trade and specialisation from the rollups.
 * @module
 */
import { complementarity, compositionByGroup, exportSimilarity, rca, tradeIntensity } from "../../indicators/index.js";
import type { EntityCode } from "../../model.js";
import { HsNomenclature, RAW_MATERIAL_HS_CHAPTERS } from "../../reference/hs.js";
import type { ReconciledChapterRow, TradeStore } from "../../store/TradeStore.js";
import { inPeriod, ref, uniqueRefs, type YearPeriod } from "../sources.js";
import type { CompositionBlock, SourceRef } from "../types.js";

/** Only years inside `period` (the user's --from/--to) are used. */
export async function compositionBlock(store: TradeStore, setA: EntityCode[], setB: EntityCode[], referenceYear: number | undefined, period: YearPeriod = {}): Promise<CompositionBlock | undefined> {
  const points = (await store.productPoints({ reporters: setA, partners: setB })).filter((p) => inPeriod(p.year, period));
  const block: CompositionBlock = {
    published: points.map((p) => ({ year: p.year, period: p.period, flow: p.flow, classification: p.classification, code: p.code, product: p.product, value: p.valueUsd, share: p.share, publisher: p.publisher, source: ref(p, "publisher") })),
    mineral_fuel_share_of_imports: [],
  };
  // Mineral fuels' share of A's imports from B per year: fuel items over the published total of the same table.
  const years = [...new Set(points.map((p) => p.year))].sort();
  for (const year of years) {
    const imports = points.filter((p) => p.year === year && p.flow === "import" && String(p.year) === p.period);
    const totalRow = imports.find((p) => p.code === "TOTAL" && p.valueUsd !== undefined);
    if (!totalRow) continue;
    // Items from the same publication as the total, so numerator and denominator share a table.
    const fuels = imports.filter((p) => p.code !== "TOTAL" && p.valueUsd !== undefined && p.publisher === totalRow.publisher && /naphtha|crude|coal|anthracite|gas|LNG|petroleum|fuel/i.test(p.product));
    if (!fuels.length) continue;
    const sum = fuels.reduce((s, p) => s + p.valueUsd!, 0);
    block.mineral_fuel_share_of_imports.push({
      year,
      share: sum / totalRow.valueUsd!,
      items: fuels.map((p) => p.product),
      total: totalRow.valueUsd!,
      note: "sum of the listed mineral-fuel items over total imports in the same published table; a lower bound for the HS 27 share (MTI codes are not HS)",
      sources: uniqueRefs([ref(totalRow, "publisher"), ...fuels.map((p) => ref(p, "publisher"))]),
    });
  }
  const hsBlock = await hsComposition(store, setA, setB, referenceYear, period);
  if (hsBlock) block.hs = hsBlock;
  if (!points.length && !hsBlock) return undefined;
  return block;
}

/**
 * HS composition of the pair's reconciled (BACI) trade in one year, from the rollups only
 * (`reconciledTotals` for the years, Σv² and the two-way overlap; `reconciledChapterTotals` for the
 * chapters): never the HS6 detail, so it costs the same on a 300 M-row store as on the sample.
 * HHI over HS6 lines = Σv² / (Σv)²; Grubel–Lloyd at HS6 = 2·Σ_k min(x_k, m_k) / (X + M), both exact
 * for one exporter→importer pair (when A or B spans several entity codes in a year, the overlap is
 * summed pairwise, an approximation).
 */
async function hsComposition(store: TradeStore, setA: EntityCode[], setB: EntityCode[], referenceYear: number | undefined, period: YearPeriod): Promise<CompositionBlock["hs"]> {
  const [expTotals, impTotals] = await Promise.all([
    store.reconciledTotals({ exporters: setA, importers: setB, fromYear: period.from, toYear: period.to }),
    store.reconciledTotals({ exporters: setB, importers: setA, fromYear: period.from, toYear: period.to }),
  ]);
  if (!expTotals.length && !impTotals.length) return undefined;
  const years = [...new Set([...expTotals, ...impTotals].map((r) => r.year))].sort((x, y) => x - y);
  const year = referenceYear !== undefined && years.includes(referenceYear) ? referenceYear : years[years.length - 1]!;
  const [exp, imp] = await Promise.all([
    store.reconciledChapterTotals({ exporters: setA, importers: setB, fromYear: year, toYear: year }),
    store.reconciledChapterTotals({ exporters: setB, importers: setA, fromYear: year, toYear: year }),
  ]);
  const hs = HsNomenclature.load();
  const byChapter = (rows: ReconciledChapterRow[]) => {
    const comp = compositionByGroup(rows.map((r) => ({ code: r.chapter, value: r.valueUsd })), (chapter) => chapter);
    return (comp?.groups ?? []).map((g) => ({ chapter: g.group, description: hs.describe(g.group) ?? "", value: g.value, share: g.share }));
  };
  const sum = (rows: ReconciledChapterRow[], pick: (r: ReconciledChapterRow) => number) => rows.reduce((s, r) => s + pick(r), 0);
  const hhiOf = (rows: ReconciledChapterRow[]) => {
    const total = sum(rows, (r) => r.valueUsd);
    return total > 0 ? sum(rows, (r) => r.valueSqUsd) / (total * total) : undefined;
  };
  const exportsTotal = sum(exp, (r) => r.valueUsd);
  const importsTotal = sum(imp, (r) => r.valueUsd);
  const raw = sum(imp.filter((r) => RAW_MATERIAL_HS_CHAPTERS.includes(r.chapter)), (r) => r.valueUsd);
  // The overlap is stored on both directions' rows; take it from the A→B side (it is 0 when either side is empty).
  const intra = exp.length && imp.length ? sum(exp, (r) => r.intraUsd) : 0;
  const twoWay = exportsTotal + importsTotal;
  const sourceIds = [...new Set([...exp, ...imp].flatMap((r) => r.sourceIds))].sort();
  return {
    year,
    exports_by_chapter: byChapter(exp),
    imports_by_chapter: byChapter(imp),
    hhi_exports: hhiOf(exp),
    hhi_imports: hhiOf(imp),
    raw_material_share_of_imports: importsTotal > 0 ? raw / importsTotal : undefined,
    grubel_lloyd: twoWay > 0 ? Math.min(1, Math.max(0, (2 * intra) / twoWay)) : undefined,
    specialization: await specialization(store, setA, setB, year, exp),
    sources: await baciSourceRefs(store, sourceIds),
  };
}

/** The loaded BACI files behind some rollup rows, as footnote sources. */
async function baciSourceRefs(store: TradeStore, sourceIds: string[]): Promise<SourceRef[]> {
  const byId = new Map((await store.listSources()).map((s) => [s.sourceId, s]));
  return sourceIds.map((id) => {
    const s = byId.get(id);
    return { dataset: s?.dataset ?? "cepii-baci", vintage: s?.vintage ?? "", file: s?.fileName ?? "", source_id: id, side: "reconciled" };
  });
}

/**
 * Specialisation indicators at HS chapter level, from rollups only: Balassa RCA of A in the
 * chapters it sells most to B, the WITS trade complementarity index (A's exports vs B's imports),
 * the trade intensity index and Finger–Kreinin export similarity of A and B. "World" is every
 * exporter in the loaded BACI files; `coverage` says how many that is.
 */
async function specialization(store: TradeStore, setA: EntityCode[], setB: EntityCode[], year: number, exportsToB: ReconciledChapterRow[]) {
  const range = { fromYear: year, toYear: year };
  // Chapter-level rollups: ~100 rows each, where the HS6 rollups shipped thousands to be summed here.
  const [aProducts, bProducts, worldProducts, totals, bImports] = await Promise.all([
    store.reconciledChapterWorld({ side: "exports", entities: setA, ...range }),
    store.reconciledChapterWorld({ side: "exports", entities: setB, ...range }),
    store.reconciledChapterWorld({ side: "exports", ...range }),
    store.reconciledWorldTotals({ ...range }),
    store.reconciledChapterWorld({ side: "imports", entities: setB, ...range }),
  ]);
  const byChapter = (rows: Array<{ hs6?: string; chapter?: string; valueUsd: number }>) => {
    const m = new Map<string, number>();
    for (const r of rows) {
      const ch = r.chapter ?? r.hs6!.slice(0, 2);
      m.set(ch, (m.get(ch) ?? 0) + r.valueUsd);
    }
    return m;
  };
  const sharesOf = (m: Map<string, number>) => {
    const total = [...m.values()].reduce((x, y) => x + y, 0);
    return total > 0 ? new Map([...m].map(([k, v]) => [k, v / total] as const)) : undefined;
  };
  const aByChapter = byChapter(aProducts);
  const worldByChapter = byChapter(worldProducts);
  const world = totals.find((t) => t.entity === "WLD");
  const aTotal = totals.filter((t) => setA.includes(t.entity)).reduce((x, t) => x + t.exportsUsd, 0);
  const bImportsTotal = totals.filter((t) => setB.includes(t.entity)).reduce((x, t) => x + t.importsUsd, 0);
  const toB = exportsToB.reduce((x, r) => x + r.valueUsd, 0);
  const exporters = totals.filter((t) => t.entity !== "WLD" && t.exportsUsd > 0).length;
  const hs = HsNomenclature.load();
  const topToB = [...byChapter(exportsToB)].sort((x, y) => y[1] - x[1]).slice(0, 5);
  const aShares = sharesOf(aByChapter);
  const bImportShares = sharesOf(byChapter(bImports));
  const bExportShares = sharesOf(byChapter(bProducts));
  return {
    level: "HS chapter (2-digit)",
    coverage: { exporters_in_loaded_files: exporters, note: exporters < 100 ? `the loaded BACI files cover only ${exporters} exporters: "world" totals and ${setB[0]}'s imports are those of the loaded files, not of the world` : "full BACI coverage" },
    rca_top_chapters: topToB.map(([chapter, value]) => ({
      chapter,
      description: hs.describe(chapter) ?? "",
      exports_to_partner: value,
      rca: world && aTotal > 0 ? rca(aByChapter.get(chapter) ?? 0, aTotal, worldByChapter.get(chapter) ?? 0, world.exportsUsd) : undefined,
    })),
    complementarity: aShares && bImportShares ? complementarity(bImportShares, aShares) : undefined,
    trade_intensity: world && aTotal > 0 && bImportsTotal > 0 ? tradeIntensity(toB, aTotal, bImportsTotal, world.importsUsd) : undefined,
    export_similarity: aShares && bExportShares ? exportSimilarity(aShares, bExportShares) : undefined,
    formula: "RCA = (x_A,k / X_A) / (x_W,k / X_W) (Balassa 1965); TCI = 100·(1 − Σ|m_B,k − x_A,k|/2) on shares (WITS); intensity = (x_AB / X_A) / (M_B / M_W); similarity = Σ min(x_A,k, x_B,k) on export shares (Finger–Kreinin)",
  };
}
