import { openStore } from "../openStore.js";
import { count, textTable } from "../format.js";

export async function sources(options: { store?: string; json?: boolean }, log: (line: string) => void = console.log): Promise<void> {
  const store = await openStore(options.store, { readOnly: true });
  try {
    const list = await store.listSources();
    if (options.json) return log(JSON.stringify({ sources: list }, null, 2));
    if (list.length === 0) return log("no sources loaded yet; use 'tradeties ingest <file>'");
    log(
      textTable(
        ["file", "dataset", "vintage", "reported by", "read", "stored", "rejected", "skipped", "sha256"],
        list.map((s) => [
          s.fileName,
          s.dataset,
          s.vintage + (s.superseded ? " (superseded)" : ""),
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
