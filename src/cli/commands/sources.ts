import { NotFoundError, UsageError } from "../../errors.js";
import type { SourceRecord, TradeStore, VintageChange } from "../../store/TradeStore.js";
import { openStore } from "../openStore.js";
import { count, textTable } from "../format.js";

export interface SourcesOptions {
  store?: string;
  json?: boolean;
  /** Every vintage of every dataset key, grouped by key, with years covered and status. */
  history?: boolean;
}

export async function sources(options: SourcesOptions, log: (line: string) => void = console.log): Promise<void> {
  const store = await openStore(options.store, { readOnly: true });
  try {
    const list = await store.listSources();
    if (options.history) return await history(store, list, options, log);
    if (options.json) return log(JSON.stringify({ sources: list }, null, 2));
    if (list.length === 0) return log("no sources loaded yet; use 'tradeties ingest <file>'");
    log(
      textTable(
        ["file", "dataset", "vintage", "reported by", "read", "stored", "rejected", "skipped", "sha256"],
        list.map((s) => [
          s.fileName,
          s.dataset,
          s.vintage + status(s),
          s.reportedBy,
          count(s.rowsRead),
          count(s.rowsStored),
          count(s.rowsRejected),
          count(s.rowsSkipped),
          s.sourceId.slice(0, 12),
        ]),
        [false, false, false, false, true, true, true, true, false],
      ),
    );
  } finally {
    await store.close();
  }
}

function status(s: SourceRecord): string {
  return s.withdrawn ? " (withdrawn)" : s.superseded ? " (superseded)" : "";
}

function statusWord(s: SourceRecord): "current" | "superseded" | "withdrawn" {
  return s.withdrawn ? "withdrawn" : s.superseded ? "superseded" : "current";
}

/** `sources --history`: per dataset key, its vintages oldest first, which one queries use, and the undo commands. */
async function history(store: TradeStore, list: SourceRecord[], options: SourcesOptions, log: (line: string) => void): Promise<void> {
  const keys = [...new Set(list.map((s) => s.datasetKey))].sort();
  const groups = [];
  for (const key of keys) {
    const vintages = list.filter((s) => s.datasetKey === key);
    const current = await store.currentVintage(key);
    groups.push({ datasetKey: key, vintages: vintages.map((s) => ({ ...s, status: statusWord(s) })), currentYears: current?.years ?? [] });
  }
  if (options.json) return log(JSON.stringify({ datasets: groups }, null, 2));
  if (groups.length === 0) return log("no sources loaded yet; use 'tradeties ingest <file>'");
  for (const g of groups) {
    const years = g.currentYears;
    log(`${g.datasetKey}${years.length ? ` — current vintage covers ${years.length} years, ${years[0]}–${years[years.length - 1]}` : ""}`);
    log(
      textTable(
        ["vintage", "status", "file", "loaded at", "stored", "rejected", "sha256"],
        g.vintages.map((s) => [s.vintage, s.status, s.fileName, s.loadedAt.slice(0, 19).replace("T", " "), count(s.rowsStored), count(s.rowsRejected), s.sourceId.slice(0, 12)]),
        [false, false, false, false, true, true, false],
      )
        .split("\n")
        .map((l) => `  ${l}`)
        .join("\n"),
    );
    if (g.vintages.filter((v) => !v.withdrawn).length > 1) log(`  to return to the previous vintage: tradeties restore-vintage ${JSON.stringify(g.datasetKey)}`);
    log("");
  }
  log("to remove one file and everything it stored: tradeties drop-source <sha256>");
}

/** Finds the source a user named by its sha256 or a unique prefix of it (at least 6 characters, as `sources` prints 12). */
export function findByPrefix(list: SourceRecord[], prefix: string): SourceRecord {
  const p = prefix.trim().toLowerCase();
  if (!/^[0-9a-f]{6,64}$/.test(p)) throw new UsageError(`"${prefix}" is not a source id; give the sha256 'tradeties sources' prints (at least its first 6 characters)`, { field: "source" });
  const matches = list.filter((s) => s.sourceId.startsWith(p));
  if (matches.length === 0) throw new NotFoundError(`no loaded source has an id starting with ${p}; 'tradeties sources --history' lists them`, { field: "source" });
  if (matches.length > 1) throw new UsageError(`${p} matches ${matches.length} sources (${matches.map((m) => m.fileName).join(", ")}); give more characters`, { field: "source" });
  return matches[0]!;
}

function describeChange(verb: string, change: VintageChange): string {
  const r = change.removed;
  const now = change.current ? `${change.current.vintage} (${change.current.fileName}, ${count(change.current.rowsStored)} rows) is the current vintage of ${r.datasetKey}` : `nothing is loaded under ${r.datasetKey} any more`;
  return `${verb} ${r.fileName} (${r.datasetKey} ${r.vintage}, ${count(r.rowsStored)} rows, sha256 ${r.sourceId.slice(0, 12)}); ${now}`;
}

/** `tradeties drop-source <id>`: deletes one source and all it stored, in one transaction. */
export async function dropSource(id: string, options: { store?: string }, log: (line: string) => void = console.log): Promise<void> {
  const store = await openStore(options.store, { readOnly: false });
  try {
    const source = findByPrefix(await store.listSources(), id);
    log(describeChange("dropped", await store.dropSource(source.sourceId)));
  } finally {
    await store.close();
  }
}

/** `tradeties restore-vintage <dataset key | id>`: the current vintage is withdrawn, the previous one is used again. */
export async function restoreVintage(keyOrId: string, options: { store?: string }, log: (line: string) => void = console.log): Promise<void> {
  const store = await openStore(options.store, { readOnly: false });
  try {
    const list = await store.listSources();
    const key = list.some((s) => s.datasetKey === keyOrId) ? keyOrId : findByPrefix(list, keyOrId).datasetKey;
    log(describeChange("withdrew", await store.restorePreviousVintage(key)));
  } finally {
    await store.close();
  }
}
