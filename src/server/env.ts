/**
 * Types and services shared by the app and its route files.
 * @module
 */
import type { Analyses } from "./analysis/executor.js";
import type { SharedWork } from "./cache.js";
import type { RequestBudget, WorkGate } from "./limit.js";
import type { Lease, StoreHolder } from "./storeHolder.js";

export interface AppEnv {
  Variables: {
    lease: Lease;
    /** The request's deadline and the signal that fires at it (or when the client hangs up). */
    budget: RequestBudget;
  };
}

/** What every route file is built with. */
export interface Services {
  holder: StoreHolder;
  /** Finished bodies (profiles, reports in each format, charts) by store content and normalized parameters: a read-only store cannot change under them. */
  bodies: SharedWork<Rendered>;
  /** Computes profiles, reports and charts (on this thread, or in worker threads). */
  analyses: Analyses;
  /** Bounds other store work done on this thread (pair series, rankings). */
  gate: WorkGate;
  pdf: PdfService;
}

/** A response body ready to send. */
export interface Rendered {
  body: string | Uint8Array<ArrayBuffer>;
  contentType: string;
}

/** One shared PDF printer, launched on first use and again whenever its browser has died. */
export interface PdfService {
  /** Prints one self-contained HTML document to PDF. */
  print(html: string): Promise<Buffer>;
  close(): Promise<void>;
}
