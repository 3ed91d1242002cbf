/**
 * CEPII BACI bilateral flows (`t,i,j,k,v,q`: year, exporter, importer, HS6, thousand USD, tonnes).
 * Files hold ~10 M rows a year, so parsing is the store's job: the engine reads, validates and
 * inserts in one statement each; rows never become JS objects (see `TradeStore.storeBaciFile`).
 * @module
 */
import { basename } from "node:path";

const HEADER = /^\uFEFF?"?t"?,"?i"?,"?j"?,"?k"?,"?v"?,"?q"?\s*$/;

export const baciAdapter = {
  name: "cepii-baci",
  detect(_fileName: string, head: Buffer): boolean {
    const firstLine = head.toString("latin1").split(/\r?\n/, 1)[0] ?? "";
    return HEADER.test(firstLine);
  },
  /** `BACI_HS92_Y2021_V202301.csv` → key "cepii-baci:HS92:Y2021", vintage "V202301". */
  describe(fileName: string): { datasetKey: string; vintageLabel?: string } {
    const m = /BACI_(HS\d{2})_Y(\d{4})_(V\d{6}[a-z]?)/i.exec(basename(fileName));
    if (m) return { datasetKey: `cepii-baci:${m[1]!.toUpperCase()}:${m[2]}`, vintageLabel: m[3]!.toUpperCase() };
    return { datasetKey: `cepii-baci:${basename(fileName).replace(/\.[^.]+$/, "")}` };
  },
};
