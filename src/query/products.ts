/**
 * What two countries trade, product by product, from reconciled BACI flows: A's exports to B and
 * imports from B grouped by HS section, chapter, heading (HS4) or subheading (HS6), inside one
 * group when drilling down; the section composition over every loaded year; and for each group
 * A's revealed comparative advantage (Balassa RCA against the loaded exporters) and the WITS
 * trade complementarity of A's exports with B's imports at chapter level.
 * @module
 */
import { MissingDataError, UsageError } from "../errors.js";
import { complementarity, rca } from "../indicators/specialization.js";
import type { EntityCode } from "../model.js";
import { CountryRegistry } from "../reference/countries.js";
import { HsNomenclature } from "../reference/hs.js";
import type { ReconciledProductRow, TradeStore } from "../store/TradeStore.js";

export const PRODUCT_LEVELS = ["section", "chapter", "hs4", "hs6"] as const;
export type ProductLevel = (typeof PRODUCT_LEVELS)[number];

export interface PairProductOptions {
  /** Year of the breakdown; default the latest year with product data for the pair. */
  year?: number;
  /** Default "section". */
  level?: ProductLevel;
  /** Only products inside this group: a section numeral ("V"), a chapter ("27") or a heading ("2709"). */
  within?: string;
}

export interface ProductGroup {
  code: string;
  description: string;
  section: string;
  /** A's exports to B, USD (BACI, FOB). */
  exports_usd: number;
  /** A's imports from B, USD (B's exports to A in BACI). */
  imports_usd: number;
  /** Shares of A's exports to / imports from B in the year (all products), fractions. */
  export_share: number;
  import_share: number;
  /** Balassa RCA of A in this group against the loaded exporters; absent when the world figure is 0. */
  rca_a?: number;
  /** Balassa RCA of B in this group. */
  rca_b?: number;
}

export interface PairProducts {
  a: EntityCode;
  b: EntityCode;
  a_name: string;
  b_name: string;
  unit: "USD";
  year: number;
  years: number[];
  level: ProductLevel;
  within?: { code: string; description: string };
  exports_total_usd: number;
  imports_total_usd: number;
  groups: ProductGroup[];
  /** Section composition by year, both directions: the stacked chart's data. */
  sections_by_year: Array<{ year: number; section: string; description: string; exports_usd: number; imports_usd: number }>;
  /** WITS complementarity (0–100) of A's exports with B's imports, HS chapters, in the year; absent without world rollups. */
  complementarity_a_to_b?: number;
  complementarity_b_to_a?: number;
  /** How many exporters the loaded BACI files hold: RCA compares with them, not with the whole world, when few. */
  exporters_loaded: number;
  formula: string;
  sources: Array<{ dataset: string; vintage: string; file: string; source_id: string }>;
}

function groupOf(hs6: string, level: ProductLevel, hs: HsNomenclature): string {
  if (level === "section") return hs.sectionOf(hs6)?.section ?? "?";
  if (level === "chapter") return hs6.slice(0, 2);
  if (level === "hs4") return hs6.slice(0, 4);
  return hs6;
}

function inside(hs6: string, within: string | undefined, hs: HsNomenclature): boolean {
  if (!within) return true;
  if (/^\d+$/.test(within)) return hs6.startsWith(within);
  return hs.sectionOf(hs6)?.section === within;
}

/** A's and B's product trade with each other. Throws MissingDataError when no BACI flow links them. */
export async function pairProducts(store: TradeStore, a: EntityCode, b: EntityCode, options: PairProductOptions = {}): Promise<PairProducts> {
  const level = options.level ?? "section";
  if (!PRODUCT_LEVELS.includes(level)) throw new UsageError(`level must be one of ${PRODUCT_LEVELS.join(", ")}, got "${level}"`, { field: "level" });
  const registry = CountryRegistry.load();
  const hs = HsNomenclature.load();
  const ea = registry.lookup(a).entity;
  const eb = registry.lookup(b).entity;
  const within = options.within?.trim().toUpperCase();
  if (within && !/^(\d{2}|\d{4}|[IVXL]+)$/.test(within)) throw new UsageError(`within must be an HS section numeral (V), a chapter (27) or a heading (2709), got "${options.within}"`, { field: "within" });
  const [out, back] = await Promise.all([store.reconciledProducts({ exporters: [ea], importers: [eb] }), store.reconciledProducts({ exporters: [eb], importers: [ea] })]);
  if (out.length + back.length === 0) {
    throw new MissingDataError(`the loaded data has no product-level trade between ${registry.displayName(ea)} and ${registry.displayName(eb)} (product data comes from CEPII BACI)`);
  }
  const years = [...new Set([...out, ...back].map((r) => r.year))].sort((x, y) => x - y);
  const year = options.year ?? years[years.length - 1]!;
  if (!years.includes(year)) throw new MissingDataError(`no product data for ${registry.displayName(ea)}–${registry.displayName(eb)} in ${year}; there is for ${years.join(", ")}`, { field: "year" });

  const inYear = (rows: ReconciledProductRow[]) => rows.filter((r) => r.year === year);
  const sum = (rows: ReconciledProductRow[]) => rows.reduce((s, r) => s + r.valueUsd, 0);
  const exportsTotal = sum(inYear(out));
  const importsTotal = sum(inYear(back));
  const groups = new Map<string, { exports: number; imports: number; section: string }>();
  for (const [rows, key] of [[inYear(out), "exports"], [inYear(back), "imports"]] as const) {
    for (const r of rows) {
      if (!inside(r.hs6, within, hs)) continue;
      const code = groupOf(r.hs6, level, hs);
      const g = groups.get(code) ?? { exports: 0, imports: 0, section: hs.sectionOf(r.hs6)?.section ?? "?" };
      g[key] += r.valueUsd;
      groups.set(code, g);
    }
  }

  // RCA inputs: every loaded exporter's exports by HS6 in the year, and the world's.
  const [exportsA, exportsB, world, totals] = await Promise.all([
    store.reconciledProductExports({ exporters: [ea], fromYear: year, toYear: year }),
    store.reconciledProductExports({ exporters: [eb], fromYear: year, toYear: year }),
    store.reconciledProductExports({ fromYear: year, toYear: year }),
    store.reconciledWorldTotals({ fromYear: year, toYear: year }),
  ]);
  const byGroup = (rows: Array<{ hs6: string; valueUsd: number }>) => {
    const m = new Map<string, number>();
    for (const r of rows) if (inside(r.hs6, within, hs)) m.set(groupOf(r.hs6, level, hs), (m.get(groupOf(r.hs6, level, hs)) ?? 0) + r.valueUsd);
    return m;
  };
  const worldGroup = byGroup(world);
  const aGroup = byGroup(exportsA);
  const bGroup = byGroup(exportsB);
  const totalOf = (e: EntityCode) => totals.find((t) => t.entity === e)?.exportsUsd ?? 0;
  const worldTotal = totalOf("WLD");

  const description = (code: string): string =>
    level === "section" ? (hs.sections().find((s) => s.section === code)?.name ?? code) : (hs.describe(code) ?? "(code not in HS 2022)");
  const rows: ProductGroup[] = [...groups]
    .map(([code, g]) => {
      const rcaA = worldTotal > 0 ? rca(aGroup.get(code) ?? 0, totalOf(ea), worldGroup.get(code) ?? 0, worldTotal) : undefined;
      const rcaB = worldTotal > 0 ? rca(bGroup.get(code) ?? 0, totalOf(eb), worldGroup.get(code) ?? 0, worldTotal) : undefined;
      return {
        code,
        description: description(code),
        section: g.section,
        exports_usd: g.exports,
        imports_usd: g.imports,
        export_share: exportsTotal > 0 ? g.exports / exportsTotal : 0,
        import_share: importsTotal > 0 ? g.imports / importsTotal : 0,
        ...(rcaA !== undefined ? { rca_a: rcaA } : {}),
        ...(rcaB !== undefined ? { rca_b: rcaB } : {}),
      };
    })
    .sort((x, y) => y.exports_usd + y.imports_usd - (x.exports_usd + x.imports_usd) || x.code.localeCompare(y.code));

  const sectionsByYear = new Map<string, { year: number; section: string; exports_usd: number; imports_usd: number }>();
  for (const [rows2, key] of [[out, "exports_usd"], [back, "imports_usd"]] as const) {
    for (const r of rows2) {
      const section = hs.sectionOf(r.hs6)?.section ?? "?";
      const k = `${r.year}|${section}`;
      const e = sectionsByYear.get(k) ?? { year: r.year, section, exports_usd: 0, imports_usd: 0 };
      e[key] += r.valueUsd;
      sectionsByYear.set(k, e);
    }
  }

  const chapterShares = async (): Promise<{ ab?: number; ba?: number }> => {
    const chapters = await store.reconciledChapterTotals({ fromYear: year, toYear: year });
    const shares = (pick: (r: (typeof chapters)[number]) => boolean) => {
      const m = new Map<string, number>();
      for (const r of chapters) if (pick(r)) m.set(r.chapter, (m.get(r.chapter) ?? 0) + r.valueUsd);
      const total = [...m.values()].reduce((s, v) => s + v, 0);
      return total > 0 ? new Map([...m].map(([k, v]) => [k, v / total])) : undefined;
    };
    const expA = shares((r) => r.exporter === ea);
    const expB = shares((r) => r.exporter === eb);
    const impA = shares((r) => r.importer === ea);
    const impB = shares((r) => r.importer === eb);
    return { ab: expA && impB ? complementarity(impB, expA) : undefined, ba: expB && impA ? complementarity(impA, expB) : undefined };
  };
  const comp = await chapterShares();
  const sourceIds = new Set([...out, ...back].map((r) => (r as ReconciledProductRow & { sourceId?: string }).sourceId).filter((x): x is string => Boolean(x)));
  const files = (await store.listSources()).filter((s) => s.dataset === "cepii-baci" && !s.superseded && (sourceIds.size === 0 || sourceIds.has(s.sourceId)));

  return {
    a: ea,
    b: eb,
    a_name: registry.displayName(ea),
    b_name: registry.displayName(eb),
    unit: "USD",
    year,
    years,
    level,
    ...(within ? { within: { code: within, description: /^\d+$/.test(within) ? (hs.describe(within) ?? within) : (hs.sections().find((s) => s.section === within)?.name ?? within) } } : {}),
    exports_total_usd: exportsTotal,
    imports_total_usd: importsTotal,
    groups: rows,
    sections_by_year: [...sectionsByYear.values()]
      .sort((x, y) => x.year - y.year || sectionRank(x.section) - sectionRank(y.section))
      .map((s) => ({ ...s, description: hs.sections().find((x) => x.section === s.section)?.name ?? s.section })),
    ...(comp.ab !== undefined ? { complementarity_a_to_b: comp.ab } : {}),
    ...(comp.ba !== undefined ? { complementarity_b_to_a: comp.ba } : {}),
    exporters_loaded: new Set(totals.filter((t) => t.entity !== "WLD" && t.exportsUsd > 0).map((t) => t.entity)).size,
    formula:
      "share = group / all products in the year; RCA = (x_A,k / X_A) / (x_W,k / X_W) over the loaded BACI exporters (Balassa 1965); complementarity = 100 · (1 − Σ_k |m_B,k − x_A,k| / 2) over HS chapters (WITS)",
    sources: files.map((s) => ({ dataset: s.dataset, vintage: s.vintage, file: s.fileName, source_id: s.sourceId })),
  };
}

const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX", "XXI", "XXII"];
function sectionRank(s: string): number {
  const i = ROMAN.indexOf(s);
  return i < 0 ? 99 : i;
}
