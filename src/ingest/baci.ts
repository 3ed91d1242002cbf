/**
 * CEPII BACI bilateral flows (`t,i,j,k,v,q`: year, exporter, importer, HS6, thousand USD, tonnes).
 * Files hold ~10 M rows a year, so parsing is the store's job: the engine reads, validates and
 * inserts in one statement each; rows never become JS objects (see `TradeStore.storeBaciFile`).
 * A Parquet file with the same six columns is read the same way.
 * @module
 */
import { basename } from "node:path";

const HEADER = /^\uFEFF?"?t"?,"?i"?,"?j"?,"?k"?,"?v"?,"?q"?\s*$/;
const PARQUET_MAGIC = "PAR1";

export const baciAdapter = {
  name: "cepii-baci",
  detect(fileName: string, head: Buffer): boolean {
    if (/\.parquet$/i.test(fileName) && head.subarray(0, 4).toString("latin1") === PARQUET_MAGIC) return true;
    const firstLine = head.toString("latin1").split(/\r?\n/, 1)[0] ?? "";
    return HEADER.test(firstLine);
  },
  /**
   * `BACI_HS92_Y2021_V202301.csv` → key "cepii-baci:HS92:2021", vintage "V202301".
   * Files written by tradeties' generator (`SYNTHETIC_BACI_HS92_Y2021_V000000.csv`) get the key
   * "synthetic-baci:HS92:2021": the dataset stays "cepii-baci" (same layout, same adapter, same
   * queries), but a different key means a synthetic file never supersedes a real edition of the same
   * year, nor the reverse. They are still summed with real BACI if both are loaded: keep synthetic
   * data in its own store.
   */
  describe(fileName: string): { datasetKey: string; vintageLabel?: string } {
    const name = basename(fileName);
    const prefix = /^SYNTHETIC_/i.test(name) ? "synthetic-baci" : "cepii-baci";
    const m = /BACI_(HS\d{2})_Y(\d{4})_(V\d{6}[a-z]?)/i.exec(name);
    if (m) return { datasetKey: `${prefix}:${m[1]!.toUpperCase()}:${m[2]}`, vintageLabel: m[3]!.toUpperCase() };
    return { datasetKey: `${prefix}:${name.replace(/\.[^.]+$/, "")}` };
  },
};
