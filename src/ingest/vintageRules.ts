/**
 * When a new file may become the current vintage of its dataset slice. Nothing a user loaded is
 * hidden by a later file without them saying so:
 *
 * - a file that stores no row is a failed file (nothing stored, exit 1): a header-only CSV, a
 *   price file with decimal commas on every line, a workbook whose cells cannot be read;
 * - a new vintage that stores far fewer rows — under {@link SHRINK_LIMIT} of the rows of the
 *   vintage it would supersede — or covers far fewer years (the same fraction of its years) is
 *   refused unless the user passes `--allow-shrink`; the message gives both vintages' figures.
 *
 * One rule for every format: the pipeline checks a resolved file before storing it, and the BACI
 * load calls the same function from inside its transaction ({@link vintageGuard}).
 * @module
 */
import { IngestError } from "../errors.js";
import { yearSpan as span } from "../report/format.js";
import type { RejectedRow } from "../model.js";
import type { VintageCoverage, VintageGuard } from "../store/TradeStore.js";

/** A new vintage must keep at least this fraction of the current vintage's rows and of its years. */
export const SHRINK_LIMIT = 0.9;

/** The new file refused because it would hide most of what the current vintage holds. */
export class VintageShrinkError extends IngestError {}

export interface Candidate extends VintageCoverage {
  /** The first rejected rows, to say why nothing was stored. */
  rejected?: readonly RejectedRow[];
  /** A file that is checked, not stored (code lists): storing no row is not a failure, having no row is. */
  checkOnly?: boolean;
}

export function vintageGuard(options: { allowShrink?: boolean; rejected?: readonly RejectedRow[] } = {}): VintageGuard {
  return (candidate, current) => checkNewVintage({ ...candidate, rejected: options.rejected }, current, options);
}

/** Throws when `candidate` may not be stored (see the module comment); returns quietly otherwise. */
export function checkNewVintage(candidate: Candidate, current: VintageCoverage | undefined, options: { allowShrink?: boolean } = {}): void {
  const s = candidate.source;
  const replaces = current ? `; the loaded vintage ${describe(current)} stays current` : "";
  if (s.rowsRead === 0) {
    throw new IngestError(`${s.fileName} has no data rows (only a header, or nothing readable); nothing to load, nothing stored${replaces}`, { file: s.fileName });
  }
  if (s.rowsStored === 0 && !candidate.checkOnly) {
    const first = candidate.rejected?.[0];
    const why = first ? ` — first: ${[first.line !== undefined ? `line ${first.line}` : undefined, first.cell, first.field ? `field ${first.field}` : undefined].filter(Boolean).join(", ")}: ${first.reason}` : "";
    throw new IngestError(
      `none of the ${count(s.rowsRead)} rows of ${s.fileName} could be stored (${count(s.rowsRejected)} rejected, ${count(s.rowsSkipped)} skipped${why}); the file is refused, nothing stored${replaces}`,
      { file: s.fileName, ...(first?.line !== undefined ? { line: first.line } : {}) },
    );
  }
  if (!current || options.allowShrink) return;
  const old = current.source;
  const rowsShrink = s.rowsStored < SHRINK_LIMIT * old.rowsStored;
  const yearsShrink = candidate.years.length < SHRINK_LIMIT * current.years.length;
  if (!rowsShrink && !yearsShrink) return;
  const lostYears = current.years.filter((y) => !candidate.years.includes(y));
  throw new VintageShrinkError(
    `${s.fileName} would replace ${describe(current)} with ${rows(s.rowsStored)} over ${yearSpan(candidate.years)}` +
      ` (${rows(s.rowsRejected)} rejected): ${Math.round((1 - s.rowsStored / old.rowsStored) * 100)} % fewer rows` +
      `${lostYears.length ? `, ${lostYears.length} year${lostYears.length === 1 ? "" : "s"} no longer covered (${listYears(lostYears)})` : ""}.` +
      ` Refused, nothing stored. If the smaller file is right, load it again with --allow-shrink (the old vintage stays listed, and 'tradeties restore-vintage "${old.datasetKey}"' returns to it)`,
    { file: s.fileName },
  );
}

function describe(v: VintageCoverage): string {
  return `${v.source.datasetKey} ${v.source.vintage} (${v.source.fileName}: ${rows(v.source.rowsStored)} over ${yearSpan(v.years)})`;
}

function yearSpan(years: readonly number[]): string {
  if (years.length === 0) return "no years";
  return `${years.length} year${years.length === 1 ? "" : "s"}, ${span(years[0]!, years[years.length - 1]!)}`;
}

function listYears(years: readonly number[]): string {
  return years.length > 8 ? `${years.slice(0, 8).join(", ")}, …` : years.join(", ");
}

function rows(n: number): string {
  return `${count(n)} row${n === 1 ? "" : "s"}`;
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}
