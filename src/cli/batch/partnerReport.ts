/**
 * One report of a batch: A with one partner, built, rendered and written, and the figures the
 * batch index ranks partners by. The same on the main thread and in a batch worker.
 * @module
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { TradetiesError } from "../../errors.js";
import type { Profile } from "../../profile/types.js";
import { buildReportWithProfile, type ReportOptions } from "../../report/buildReport.js";
import { renderReport, reportBaseName, type PdfPrinter, type ReportFormat } from "../../report/render/index.js";
import type { TradeStore } from "../../store/TradeStore.js";

export interface RankedPartner {
  code: string;
  name: string;
  /** Total trade (exports + imports, A's reports) in `year`. */
  total: number;
  year: number;
}

/** One row of the index: the figures it ranks by, from the partner's profile. */
export interface BatchEntry {
  partner: RankedPartner;
  file?: string;
  error?: string;
  cagr?: { value: number; from: number; to: number };
  /** The pair's standard windows (10/20/30 years to the reference year); the index picks one common to all partners. */
  windows?: Array<{ years: number; from: number; to: number; cagr: number | undefined; meaningful: boolean }>;
  /** Set on the common window when the pair's base that year is too small for a rate (growth-window rule). */
  cagrNote?: string;
  balance?: { value: number; year: number };
  volatility?: { value: number; from: number; to: number };
  headline?: string;
}

export interface PartnerReportOptions {
  format: ReportFormat;
  dir: string;
  reportOptions: ReportOptions;
  printer?: PdfPrinter;
}

/**
 * Writes A's report with `partner` into `dir`. A report that cannot be made for a reason the user
 * can act on (a TradetiesError: missing data, a bad year) is an entry with that reason; anything
 * else is a bug and is thrown.
 */
export async function writePartnerReport(store: TradeStore, reporter: string, partner: RankedPartner, options: PartnerReportOptions): Promise<BatchEntry> {
  const entry: BatchEntry = { partner };
  try {
    // The index needs the figures behind the prose, from the same profile the report was written from.
    const { document: doc, profile } = await buildReportWithProfile(store, reporter, partner.code, options.reportOptions);
    Object.assign(entry, entryFigures(profile));
    entry.headline = doc.headline;
    const name = reportBaseName(doc);
    const r = await renderReport(doc, options.format, { name, ...(options.printer ? { printer: options.printer } : {}) });
    await writeFile(join(options.dir, `${name}.${r.extension}`), r.body);
    for (const f of r.files ?? []) await writeFile(join(options.dir, f.name), f.content);
    entry.file = `${name}.${r.extension}`;
  } catch (error) {
    if (!(error instanceof TradetiesError)) throw error;
    entry.error = error.describe();
  }
  return entry;
}

function entryFigures(profile: Profile): Pick<BatchEntry, "cagr" | "balance" | "volatility"> {
  const g = profile.growth;
  const lastBalance = profile.balance?.years.at(-1);
  const v = profile.volatility;
  return {
    ...(g?.windows ? { windows: g.windows.standard.map((w) => ({ years: w.years, from: w.from_year, to: w.to_year, cagr: w.cagr, meaningful: w.meaningful })) } : {}),
    ...(lastBalance ? { balance: { value: lastBalance.value, year: lastBalance.year } } : {}),
    ...(v?.value !== undefined ? { volatility: { value: v.value, from: v.window.from_year, to: v.window.to_year } } : {}),
  };
}
