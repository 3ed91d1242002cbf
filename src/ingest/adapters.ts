/**
 * Every file adapter but BACI (which the store reads itself). Order matters only as a tie-break:
 * each adapter's `detect` is specific to its header, so one adapter claims each file.
 * @module
 */
import type { ParsedFile } from "../model.js";
import { baciCodesAdapter } from "./baciCodes.js";
import { comtradeAdapter } from "./comtrade.js";
import { dotsAdapter } from "./dots.js";
import { ktoAdapter } from "./kto.js";
import { pricesAdapter } from "./prices.js";
import { productsAdapter } from "./products.js";
import { publishedFiguresAdapter } from "./published.js";
import { seriesAdapter } from "./series.js";

export interface FileAdapter {
  readonly name: string;
  detect(fileName: string, head: Buffer): boolean;
  parse(filePath: string): Promise<ParsedFile>;
}

export const ADAPTERS: readonly FileAdapter[] = [dotsAdapter, ktoAdapter, comtradeAdapter, publishedFiguresAdapter, productsAdapter, seriesAdapter, pricesAdapter, baciCodesAdapter];
