/**
 * File → adapter → resolved rows → store, one transaction per file.
 * Adapters only read; this module resolves country references against the reference registry
 * (an unknown name is a counted reject that names it, never a silent drop), rejects duplicate
 * keys inside a file, and hands the result to the store.
 * @module
 */
import { basename } from "node:path";
import { IngestError, UsageError } from "../errors.js";
import { addSkipped, type ParsedFile, type RawCountryRef, type RejectedRow, type SkippedRows } from "../model.js";
import { CountryRegistry, type Resolution } from "../reference/countries.js";
import type { ResolvedFile, SourceRecord, TradeStore } from "../store/TradeStore.js";
import { ADAPTERS, type FileAdapter } from "./adapters.js";
import { baciAdapter } from "./baci.js";
import { identifyFile, readHead } from "./fileIdentity.js";
import { rejectImplausible } from "./plausibility.js";
import { checkNewVintage, vintageGuard } from "./vintageRules.js";

export interface IngestReport {
  file: string;
  adapter: string;
  dataset: string;
  /** False when the same bytes were loaded before: the store is unchanged. */
  changed: boolean;
  source: SourceRecord;
  rowsRead: number;
  rowsStored: number;
  rowsRejected: number;
  rowsSkipped: number;
  /** The first rejected rows with line/cell and reason. */
  rejected: RejectedRow[];
  skipped: SkippedRows[];
  notes: string[];
}

export interface IngestOptions {
  /** Adapter name; detected from the file when absent. */
  format?: string;
  onProgress?: (fraction: number, stage: string) => void;
  /** Accept a new vintage that stores far fewer rows or years than the current one (see `vintageRules.ts`). */
  allowShrink?: boolean;
}

/** Longest reject reason kept: a reason quoting a 10 MB field must not become a 10 MB message. */
const MAX_REASON_LENGTH = 400;

export function adapterNames(): string[] {
  return [baciAdapter.name, ...ADAPTERS.map((a) => a.name)];
}

export async function ingestFile(store: TradeStore, filePath: string, options: IngestOptions = {}): Promise<IngestReport> {
  const identity = await identifyFile(filePath);
  const already = await store.findSource(identity.sourceId);
  if (already) return unchangedReport(filePath, already);

  const head = await readHead(filePath);
  const adapter = chooseAdapter(filePath, head, options.format);
  if (!("parse" in adapter)) {
    const { datasetKey, vintageLabel } = baciAdapter.describe(filePath);
    const result = await store.storeBaciFile({ filePath, identity, datasetKey, vintageLabel, onProgress: options.onProgress, guard: vintageGuard({ allowShrink: options.allowShrink }) });
    return {
      file: filePath,
      adapter: baciAdapter.name,
      dataset: result.source.dataset,
      changed: result.changed,
      source: result.source,
      rowsRead: result.source.rowsRead,
      rowsStored: result.source.rowsStored,
      rowsRejected: result.rejectedCount,
      rowsSkipped: 0,
      rejected: result.rejected,
      skipped: [],
      notes: result.source.notes,
    };
  }
  options.onProgress?.(0, "parsing");
  const parsed = rejectImplausible(await adapter.parse(filePath));
  options.onProgress?.(0.5, "resolving");
  const resolved = resolveParsedFile(parsed);
  for (const r of resolved.rejected) if (r.reason.length > MAX_REASON_LENGTH) r.reason = `${r.reason.slice(0, MAX_REASON_LENGTH)}… (cut)`;
  checkAccounting(resolved, filePath);
  // One writer holds the store for the whole command, so nothing can change between this check and the store.
  checkNewVintage(candidateOf(identity, resolved), await store.currentVintage(resolved.datasetKey), { allowShrink: options.allowShrink });
  options.onProgress?.(0.7, "storing");
  const result = await store.storeFile(identity, resolved);
  options.onProgress?.(1, "done");
  return {
    file: filePath,
    adapter: adapter.name,
    dataset: resolved.dataset,
    changed: result.changed,
    source: result.source,
    rowsRead: resolved.rowsRead,
    rowsStored: result.source.rowsStored,
    rowsRejected: resolved.rejected.length,
    rowsSkipped: resolved.skipped.reduce((s, k) => s + k.count, 0),
    rejected: resolved.rejected,
    skipped: resolved.skipped,
    notes: resolved.notes,
  };
}

/** The new file as it would be listed once stored, with the years its rows cover. */
function candidateOf(identity: { sourceId: string; fileName: string }, file: ResolvedFile) {
  const years = new Set<number>();
  for (const rows of [file.trade, file.series, file.prices, file.products]) for (const r of rows) years.add(r.year);
  const rowsStored = file.trade.length + file.series.length + file.prices.length + file.products.length;
  const source: SourceRecord = {
    sourceId: identity.sourceId,
    fileName: identity.fileName,
    adapter: file.adapter,
    dataset: file.dataset,
    datasetKey: file.datasetKey,
    vintage: file.vintageLabel ?? "(new)",
    vintageNumber: 0,
    superseded: false,
    withdrawn: false,
    reportedBy: file.reportedBy,
    loadedAt: "",
    rowsRead: file.rowsRead,
    rowsStored,
    rowsRejected: file.rejected.length,
    rowsSkipped: file.skipped.reduce((sum, k) => sum + k.count, 0),
    notes: [],
  };
  return { source, years: [...years].sort((a, b) => a - b), rejected: file.rejected, checkOnly: file.checkOnly };
}

function unchangedReport(filePath: string, source: SourceRecord): IngestReport {
  return {
    file: filePath,
    adapter: source.adapter,
    dataset: source.dataset,
    changed: false,
    source,
    rowsRead: source.rowsRead,
    rowsStored: source.rowsStored,
    rowsRejected: source.rowsRejected,
    rowsSkipped: source.rowsSkipped,
    rejected: [],
    skipped: [],
    notes: [
      source.withdrawn
        ? `already loaded as ${source.dataset} ${source.vintage} and withdrawn with 'tradeties restore-vintage' (same content, sha256 ${source.sourceId.slice(0, 12)}…): nothing changed; to use it again, 'tradeties drop-source ${source.sourceId.slice(0, 12)}' and load it again`
        : `already loaded as ${source.dataset} ${source.vintage} (same content, sha256 ${source.sourceId.slice(0, 12)}…): nothing changed`,
    ],
  };
}

type AnyAdapter = FileAdapter | typeof baciAdapter;

function chooseAdapter(filePath: string, head: Buffer, format?: string): AnyAdapter {
  const all: AnyAdapter[] = [baciAdapter, ...ADAPTERS];
  if (format) {
    const named = all.find((a) => a.name === format);
    if (!named) throw new UsageError(`unknown format "${format}"; choose one of: ${adapterNames().join(", ")}`, { field: "--format" });
    return named;
  }
  const name = basename(filePath);
  const claims = all.filter((a) => a.detect(name, head));
  if (claims.length === 0) {
    throw new IngestError(
      `cannot tell what kind of file ${name} is (its first line does not match any known layout); pass --format with one of: ${adapterNames().join(", ")}`,
      { file: filePath, line: 1 },
    );
  }
  return claims[0]!;
}

/** Resolves every country reference; unknown ones become rejects naming the code and scheme. */
export function resolveParsedFile(parsed: ParsedFile): ResolvedFile {
  const registry = CountryRegistry.load();
  const rejected: RejectedRow[] = [...parsed.rejected];
  const skipped: SkippedRows[] = parsed.skipped.map((s) => ({ ...s }));
  const skip = (reason: string) => addSkipped({ skipped }, reason);
  const cache = new Map<string, Resolution | undefined>();
  const resolve = (ref: RawCountryRef, year: number): Resolution | undefined => {
    const key = `${ref.scheme}\u0000${ref.code}\u0000${year}`;
    if (!cache.has(key)) cache.set(key, registry.resolve(ref, year));
    return cache.get(key);
  };
  const unknown = (ref: RawCountryRef, role: string, line: number, cell?: string) =>
    rejected.push({
      line,
      cell,
      field: role,
      reason: `unknown ${role} "${ref.code}" (${ref.scheme} code list); add it to data/reference or correct the file`,
    });

  const resolved: ResolvedFile = {
    adapter: parsed.adapter,
    dataset: parsed.dataset,
    datasetKey: parsed.datasetKey,
    vintageLabel: parsed.vintageLabel,
    reportedBy: parsed.reportedBy,
    rowsRead: parsed.rowsRead,
    trade: [],
    series: [],
    prices: parsed.prices.map((p) => ({ ...p })),
    products: [],
    rejected,
    skipped,
    notes: [...parsed.notes],
    checkOnly: parsed.checkOnly,
  };

  const seen = new Map<string, number>();
  const duplicate = (key: string, line: number, cell?: string): boolean => {
    const first = seen.get(key);
    if (first !== undefined) {
      rejected.push({ line, cell, reason: `duplicate of line ${first}: the same key appears twice; remove one of them` });
      return true;
    }
    seen.set(key, line);
    return false;
  };

  for (const r of parsed.trade) {
    const reporter = resolve(r.reporter, r.year);
    const partner = resolve(r.partner, r.year);
    if (!reporter) unknown(r.reporter, "reporter", r.line, r.cell);
    else if (!partner) unknown(r.partner, "partner", r.line, r.cell);
    else if (reporter.kind === "subtotal" || reporter.kind === "footer" || partner.kind === "subtotal" || partner.kind === "footer") skip(`subtotal or footer row (${partner.name})`);
    else {
      // Two rows for one (year, reporter, partner, flow, product) — even under two labels of one country — would make a figure ambiguous.
      if (duplicate(`t|${r.year}|${reporter.entity}|${partner.entity}|${r.flow}|${r.productCode}|${r.classification}`, r.line, r.cell)) continue;
      resolved.trade.push({ ...r, reporter: reporter.entity, partner: partner.entity, partnerKind: partner.kind });
    }
  }
  for (const r of parsed.series) {
    const from = resolve(r.from, r.year);
    const to = resolve(r.to, r.year);
    if (!from) unknown(r.from, "from", r.line, r.cell);
    else if (!to) unknown(r.to, "to", r.line, r.cell);
    else if (from.kind === "subtotal" || from.kind === "footer") skip(`subtotal or footer row (${from.name})`);
    else {
      // Publishers may disagree on one period (Rosstat vs Korean-side counts): both are kept, one each.
      if (duplicate(`s|${r.period}|${from.entity}|${to.entity}|${r.metric}|${r.breakdown}|${r.publisher ?? ""}`, r.line, r.cell)) continue;
      const { from: _f, to: _t, ...rest } = r;
      resolved.series.push({ ...rest, from: from.entity, to: to.entity });
    }
  }
  for (const r of parsed.products) {
    const reporter = resolve(r.reporter, r.year);
    const partner = resolve(r.partner, r.year);
    if (!reporter) unknown(r.reporter, "reporter", r.line);
    else if (!partner) unknown(r.partner, "partner", r.line);
    else {
      const { reporter: _r, partner: _p, ...rest } = r;
      resolved.products.push({ ...rest, reporter: reporter.entity, partner: partner.entity });
    }
  }
  return resolved;
}

/** rows read = stored + rejected + skipped, or the adapter has a bug the user must not pay for. */
function checkAccounting(file: ResolvedFile, filePath: string): void {
  const stored = file.trade.length + file.series.length + file.prices.length + file.products.length;
  const skipped = file.skipped.reduce((s, k) => s + k.count, 0);
  if (stored + file.rejected.length + skipped !== file.rowsRead) {
    throw new IngestError(
      `internal accounting mismatch for ${basename(filePath)}: read ${file.rowsRead} rows but stored ${stored} + rejected ${file.rejected.length} + skipped ${skipped}; nothing was stored — please report this`,
      { file: filePath },
    );
  }
}
