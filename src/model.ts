/**
 * The canonical records every ingest adapter produces, before country resolution and storage.
 * Adapters read a file and emit these; `src/ingest/pipeline.ts` resolves country references,
 * checks duplicates and hands the result to the store in one transaction.
 *
 * Units live in the names: `valueUsd` is US dollars (not thousands, not millions).
 * @module
 */

/** An entity code as stored: ISO alpha-3 for countries ("KOR", "RUS"), the historical alpha-3
 * for former entities ("SUN" USSR, "CSK", "SCG", "DDR", "YUG"), "WLD" for the world, and
 * "AGG:<slug>" for other aggregates ("AGG:advanced-economies"). */
export type EntityCode = string;

/** Which code list a raw country reference comes from. Resolution rules differ per scheme
 * (BACI numeric 842 is the USA; DOTS names are English labels such as "Korea, Rep. of"). */
export type CodeScheme =
  | "iso3" // ISO 3166-1 alpha-3 (and historical alpha-3 such as SUN)
  | "iso-numeric" // ISO 3166-1 numeric / UN M49 (810 = USSR)
  | "baci" // CEPII BACI numeric codes (ISO numeric with exceptions 251, 579, 699, 757, 842)
  | "comtrade" // UN Comtrade reporter/partner codes (0 = World)
  | "imf-dots-name" // IMF DOTS country/aggregate labels
  | "kto-korean-name" // Korea Tourism Organization nationality labels in Korean ("러시아")
  | "name"; // any English name or alias

export interface RawCountryRef {
  scheme: CodeScheme;
  code: string;
}

/** Where one record came from inside its file. */
export interface RecordLocation {
  /** 1-based line (CSV) or row (spreadsheet). */
  line: number;
  /** Spreadsheet cell, e.g. "Exports, FOB to Partner Countries!AF12". */
  cell?: string;
}

export const TRADE_FLOWS = ["export", "import", "re-export", "re-import"] as const;
export type TradeFlow = (typeof TRADE_FLOWS)[number];
export type Valuation = "fob" | "cif" | "unknown";

/** One reported trade value: `reporter` says it exported to / imported from `partner`. */
export interface RawTradeRecord extends RecordLocation {
  year: number;
  reporter: RawCountryRef;
  partner: RawCountryRef;
  flow: TradeFlow;
  /** "TOTAL" for all products, else the code as text with its leading zeros ("010600"). */
  productCode: string;
  /** "TOTAL", "HS92", "H3", … as the source says. */
  classification: string;
  valueUsd: number;
  valuation: Valuation;
  /** The source flags the value as an estimate (IMF DOTS " e"). */
  estimated: boolean;
  quantity?: number;
  quantityUnit?: string;
}

/** A non-trade flow between two countries: visitors, tourists, investment, or a published
 * trade figure kept as a point observation of its own source. */
export interface RawSeriesRecord extends RecordLocation {
  /** As published: "2019", "2019-01", "2014Q1", "2013-01..2013-11". */
  period: string;
  /** Calendar year the period falls in (the end year for ranges). */
  year: number;
  /** 1–12 for monthly periods, else undefined. */
  month?: number;
  from: RawCountryRef;
  to: RawCountryRef;
  /** "visitor_arrivals", "bilateral_trade_total", "exports", "fdi_stock" … */
  metric: string;
  /** A split of the metric such as the purpose of visit ("tourism", "business"); "total" when none. */
  breakdown: string;
  value: number;
  /** "persons", "USD" (published USD million figures are converted to USD), "percent y/y" … */
  unit: string;
  /** True for figures quoted from publications (press releases), false for statistical tables. */
  publishedPoint: boolean;
  approximate: boolean;
  publisher?: string;
  sourceUrl?: string;
  published?: string;
  note?: string;
}

/** One observation of a price series (Brent, WTI, Henry Hub). */
export interface RawPriceRecord extends RecordLocation {
  series: string;
  /** ISO date as published (yyyy-mm-dd), or yyyy-mm for monthly series without a day. */
  date: string;
  year: number;
  month?: number;
  frequency: "annual" | "monthly";
  value: number;
  unit: string;
}

/** A published figure for one product group (not HS-coded trade data; kept apart from it). */
export interface RawProductPoint extends RecordLocation {
  period: string;
  year: number;
  reporter: RawCountryRef;
  partner: RawCountryRef;
  flow: "import" | "export" | "balance" | "total_trade";
  /** "MTI", "HS4", "TNVED group" — never mixed with HS trade data. */
  classification: string;
  code: string;
  product: string;
  valueUsd?: number;
  /** Fraction in [0, 1] (the file's percent divided by 100). */
  share?: number;
  publisher?: string;
  sourceUrl?: string;
  published?: string;
  note?: string;
}

/** A row the adapter read but did not turn into a record, with the reason. */
export interface RejectedRow {
  line?: number;
  cell?: string;
  field?: string;
  reason: string;
}

/** Rows read on purpose but not data (subtotals, footers, memo aggregates we do not keep). */
export interface SkippedRows {
  reason: string;
  count: number;
}

/** What an adapter returns for one file. rowsRead = stored + rejected + skipped. */
export interface ParsedFile {
  adapter: string;
  /** Dataset family, e.g. "imf-dots", "un-comtrade", "kto-arrivals", "published-figures". */
  dataset: string;
  /** The slice of the dataset this file covers, e.g. "imf-dots:Korea, Rep. of"; a file with the
   * same key but other content is a new vintage of it. */
  datasetKey: string;
  /** Edition as the file states it (e.g. "2021"), when it does. */
  vintageLabel?: string;
  /** Which side reported the values: "reporter" for national declarations (DOTS, Comtrade),
   * "reconciled" for BACI, "publisher" for published figures. */
  reportedBy: "reporter" | "reconciled" | "publisher" | "source";
  rowsRead: number;
  trade: RawTradeRecord[];
  series: RawSeriesRecord[];
  prices: RawPriceRecord[];
  products: RawProductPoint[];
  rejected: RejectedRow[];
  skipped: SkippedRows[];
  /** Facts worth telling the user, e.g. "2020 has 5 of 12 months". */
  notes: string[];
  /** The file is checked against the reference tables, not stored (BACI code lists): storing no row is its normal outcome. */
  checkOnly?: boolean;
}

export function emptyParsedFile(init: Pick<ParsedFile, "adapter" | "dataset" | "datasetKey" | "reportedBy">): ParsedFile {
  return { ...init, rowsRead: 0, trade: [], series: [], prices: [], products: [], rejected: [], skipped: [], notes: [] };
}

export function addSkipped(parsed: Pick<ParsedFile, "skipped">, reason: string, count = 1): void {
  const found = parsed.skipped.find((s) => s.reason === reason);
  if (found) found.count += count;
  else parsed.skipped.push({ reason, count });
}
