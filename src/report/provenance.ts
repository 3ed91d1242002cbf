/**
 * Provenance in a reader's words. A note in a printed report says which publisher's statistics a
 * figure comes from and whose declaration it is ("IMF Direction of Trade Statistics, South Korea's
 * own declaration"); the audit trail a checker needs — file names, content hashes, tradeties'
 * vintage numbers — is listed once, in the methodology appendix, not in every note.
 * @module
 */
import type { SourceRef } from "../profile/types.js";
import type { SourceRecord, TradeStore } from "../store/TradeStore.js";

/** The publisher's name for each dataset tradeties loads. */
const DATASET_NAMES: Record<string, string> = {
  "imf-dots": "IMF Direction of Trade Statistics",
  "cepii-baci": "CEPII BACI",
  "un-comtrade": "UN Comtrade",
  "kto-arrivals": "Korea Tourism Organization, visitor arrivals",
  "published-figures": "published figure",
  "published-products": "published product composition",
  "bilateral-series": "bilateral statistics series",
  "price-series": "price series",
};

/** Whose declaration a figure is, by the side the store recorded. */
const SIDE_WORDS: Record<string, string> = {
  reporter: "the reporting country's own declaration",
  mirror: "the partner's declaration (mirror figure)",
  reconciled: "reconciled by CEPII from both countries' declarations",
  publisher: "as published",
  source: "as the publisher states it",
};

export function datasetName(dataset: string): string {
  return DATASET_NAMES[dataset] ?? dataset;
}

/** tradeties numbers the contents of a dataset slice v1, v2…; a label the file itself states (BACI's V202301) is an edition. */
export function editionLabel(vintage: string): string | undefined {
  return vintage && !/^v\d+$/.test(vintage) ? vintage : undefined;
}

/**
 * "IMF Direction of Trade Statistics, the reporting country's own declaration: Korea, Rep. of reports
 * exports FOB to Russian Federation". A published point names its publisher instead.
 */
export function plainSource(s: SourceRef): { text: string; url?: string } {
  const extra = s as SourceRef & { publisher?: string; source_url?: string };
  const name = extra.publisher ? `${extra.publisher} (${datasetName(s.dataset)})` : datasetName(s.dataset);
  const edition = editionLabel(s.vintage);
  const whose = s.scope ? `${s.scope}${s.side === "mirror" ? " (the partner's declaration, read as a mirror figure)" : ""}` : (SIDE_WORDS[s.side] ?? s.side);
  let text = [name, whose, edition ? `edition ${edition}` : undefined].filter(Boolean).join(", ");
  if (s.detail) text += `: ${s.detail}`;
  return { text, ...(extra.source_url ? { url: extra.source_url } : {}) };
}

/** One dataset behind a report: its editions and the days its files were loaded into the store. */
export interface DataEdition {
  dataset: string;
  name: string;
  /** Editions the files state (BACI's V202301); empty when the files state none (IMF DOTS workbooks). */
  editions: string[];
  /** First and last load date (YYYY-MM-DD, UTC) of the files used. */
  loadedFrom: string;
  loadedTo: string;
  files: number;
  /** Whose figures the files hold ("Korea, Rep. of as reporter"), when the dataset key says. */
  scopes: string[];
}

/** What a file's dataset key says about whose figures it holds: IMF DOTS keys name the reporter (`imf-dots:Korea, Rep. of`). */
function scopeOf(record: SourceRecord): string | undefined {
  const dots = /^imf-dots:(.+)$/.exec(record.datasetKey);
  if (dots) return `${dots[1]} as reporter`;
  const price = /^price-series:([^:]+):([^:]+)$/.exec(record.datasetKey);
  return price ? `${price[1]}, ${price[2]}` : undefined;
}

/**
 * The datasets a report's figures come from, in the order they are first cited, with edition and
 * load date; fills in each reference's `scope` from the loaded source on the way.
 */
export async function dataEditions(store: TradeStore, sources: readonly SourceRef[], refs: readonly SourceRef[] = []): Promise<DataEdition[]> {
  const loaded = new Map((await store.listSources()).map((s) => [s.sourceId, s]));
  for (const ref of [...sources, ...refs]) {
    const record = loaded.get(ref.source_id);
    const scope = record && scopeOf(record);
    if (scope) ref.scope = scope;
  }
  const byDataset = new Map<string, { editions: Set<string>; days: string[]; files: Set<string>; scopes: Set<string> }>();
  for (const ref of sources) {
    const record = loaded.get(ref.source_id);
    if (!record) continue;
    const entry = byDataset.get(ref.dataset) ?? { editions: new Set<string>(), days: [], files: new Set<string>(), scopes: new Set<string>() };
    byDataset.set(ref.dataset, entry);
    const edition = editionLabel(record.vintage);
    if (edition) entry.editions.add(edition);
    entry.days.push(record.loadedAt.slice(0, 10));
    entry.files.add(ref.source_id);
    const scope = scopeOf(record);
    if (scope) entry.scopes.add(scope);
  }
  return [...byDataset].map(([dataset, e]) => {
    const days = [...e.days].sort();
    return { dataset, name: datasetName(dataset), editions: [...e.editions].sort(), loadedFrom: days[0]!, loadedTo: days[days.length - 1]!, files: e.files.size, scopes: [...e.scopes].sort() };
  });
}

/** "IMF Direction of Trade Statistics (Korea, Rep. of; Russian Federation as reporters; edition not stated in the files; loaded 2026-12-01)". */
export function describeEdition(e: DataEdition): string {
  const edition = e.editions.length ? `edition ${e.editions.join(", ")}` : "edition not stated in the files";
  const when = e.loadedFrom === e.loadedTo ? e.loadedFrom : `${e.loadedFrom} to ${e.loadedTo}`;
  const reporters = e.scopes.filter((x) => x.endsWith(" as reporter")).map((x) => x.slice(0, -" as reporter".length));
  const others = e.scopes.filter((x) => !x.endsWith(" as reporter"));
  const whose = [reporters.length ? `${reporters.join("; ")} as reporter${reporters.length > 1 ? "s" : ""}` : undefined, ...others].filter(Boolean).join("; ");
  return `${e.name} (${whose ? `${whose}; ` : ""}${edition}; ${e.files === 1 ? "1 file" : `${e.files} files`} loaded ${when})`;
}
