/**
 * Types and services shared by the app and its route files.
 * @module
 */
import type { Profile } from "../profile/types.js";
import type { ReportDocument } from "../report/document.js";
import type { Lru } from "./cache.js";
import type { WorkGate } from "./limit.js";
import type { RenderedForApi } from "./reportFormats.js";
import type { Lease, StoreHolder } from "./storeHolder.js";

export interface AppEnv {
  Variables: {
    lease: Lease;
  };
}

/** What every route file is built with. */
export interface Services {
  holder: StoreHolder;
  /** Profiles by store content and normalized parameters: a read-only store cannot change under them. */
  profiles: Lru<Promise<Profile>>;
  /** Report documents (with their rendered chart SVGs), shared by the report and chart routes. */
  reports: Lru<Promise<ReportDocument>>;
  svgs: Lru<Promise<string>>;
  /** Rendered reports (md, html, pdf) by store content, parameters and format. */
  rendered: Lru<Promise<RenderedForApi>>;
  /** Bounds the analyses (profiles, reports, charts) running at once. */
  gate: WorkGate;
  pdf: PdfService;
}

/** One shared PDF printer, launched on first use and again whenever its browser has died. */
export interface PdfService {
  /** Prints one self-contained HTML document to PDF. */
  print(html: string): Promise<Buffer>;
  close(): Promise<void>;
}
