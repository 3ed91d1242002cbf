/**
 * Recognises the machine's refusals — disk full, permission denied, missing file, damaged store —
 * in Node's errno codes and in DuckDB's messages, and turns them into the {@link EnvironmentError}
 * that says what happened and what to do, instead of "internal error … this is a bug".
 * @module
 */
import { resolve } from "node:path";
import { CorruptStoreError, DiskFullError, EnvironmentError, FileMissingError, IngestError, PermissionDeniedError, TradetiesError } from "./errors.js";

export interface EnvironmentContext {
  /** The file or store the operation was about. */
  path?: string;
  /** What was being done, as a verb phrase: "write the store", "read the input file". */
  action?: string;
}

const DISK_FULL = /\b(ENOSPC|EDQUOT)\b|No space left on device|disk is full|Disk quota exceeded|could not write all bytes/i;
const IO_FAILURE = /\bEIO\b|Input\/output error/i;
const PERMISSION = /\b(EACCES|EPERM|EROFS)\b|Permission denied|Read-only file system|Operation not permitted/i;
const CORRUPT = /Corrupt database file|does not match stored checksum|not a valid DuckDB database|file is not a valid|database file .* is damaged|INTERNAL Error: .*(block|checksum)/i;
const MISSING = /\bENOENT\b|No such file or directory/i;
/** DuckDB's words for a file shorter than its own block table says: a store truncated by a copy or a full disk. */
const SHORT_READ = /Could not read enough bytes from file "([^"]*)"/i;

/** The first line of an engine message, without DuckDB's "IO Error: " prefix; long enough to be useful, short enough to read. */
function detail(message: string): string {
  const first = message.split("\n", 1)[0]!.replace(/^(IO|IO Error|Error|INTERNAL Error|Invalid Input Error):\s*/i, "");
  return first.length > 300 ? `${first.slice(0, 300)}…` : first;
}

function textOf(cause: unknown): string {
  if (cause instanceof Error) return [(cause as NodeJS.ErrnoException).code, cause.message].filter(Boolean).join(" ");
  return String(cause);
}

/**
 * The environment error `cause` (or anything in its `cause` chain) stands for, or undefined when it
 * is something else. An {@link EnvironmentError} is returned as it is.
 */
export function environmentErrorFrom(cause: unknown, context: EnvironmentContext = {}): EnvironmentError | undefined {
  for (let e: unknown = cause, depth = 0; e !== undefined && e !== null && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof EnvironmentError) return e;
    const found = classify(e, context);
    if (found) return found;
  }
  return undefined;
}

function classify(cause: unknown, { path, action }: EnvironmentContext): EnvironmentError | undefined {
  const text = textOf(cause);
  const target = path ?? (cause as NodeJS.ErrnoException)?.path;
  const what = action ? `cannot ${action}${target ? ` (${target})` : ""}` : target ? `cannot use ${target}` : "an operation failed";
  const at = target ? { file: target } : {};
  const options = { cause };
  const shortRead = SHORT_READ.exec(text);
  // A short read of the store itself is a truncated store; of another file (an input DuckDB reads) it is not.
  const truncated = shortRead !== null && (path === undefined || resolve(shortRead[1]!) === resolve(path));
  if (CORRUPT.test(text) || truncated) {
    return new CorruptStoreError(
      `the store is damaged and cannot be read (${truncated ? "the file is truncated: " : ""}${detail(text)}); rebuild it by ingesting your files into a new store ('tradeties ingest <files> --store NEW.duckdb'), or restore a backup copy`,
      at,
      options,
    );
  }
  if (DISK_FULL.test(text)) {
    return new DiskFullError(
      `no space left on the disk: ${what}; free some space (DuckDB also writes temporary files next to the store, in <store>.tmp/) and run the command again — the store keeps its last committed state`,
      at,
      options,
    );
  }
  if (IO_FAILURE.test(text)) {
    return new DiskFullError(`the disk reported an input/output error: ${what} (${detail(text)}); check the device (dmesg, SMART) and retry`, at, options);
  }
  if (PERMISSION.test(text)) {
    return new PermissionDeniedError(
      `permission denied: ${what}; check the permissions of the file and its folder (ls -l), or use a path you can ${/write|create/.test(action ?? "") ? "write" : "read"}`,
      at,
      options,
    );
  }
  if (MISSING.test(text) && !(cause instanceof TradetiesError)) {
    return new FileMissingError(`file not found: ${what}; check the path`, at, options);
  }
  return undefined;
}

/**
 * Why an input file could not be read, for a person: missing (exit 66), not permitted (77), a
 * folder, or another read error — always naming the file. Never a raw errno.
 */
export function inputFileError(cause: unknown, filePath: string): TradetiesError {
  const code = (cause as NodeJS.ErrnoException)?.code;
  if (code === "ENOENT") return new FileMissingError(`file not found: ${filePath}; check the path (and the quotes around names with spaces)`, { file: filePath }, { cause });
  if (code === "EACCES" || code === "EPERM") {
    return new PermissionDeniedError(`permission denied reading ${filePath}; make it readable (chmod +r) or copy it somewhere you can read`, { file: filePath }, { cause });
  }
  if (code === "EISDIR") return new IngestError(`${filePath} is a folder where a file was expected; name the files in it or pass the folder to 'tradeties ingest'`, { file: filePath }, { cause });
  return environmentErrorFrom(cause, { path: filePath, action: "read the input file" }) ?? new IngestError(`cannot read ${filePath}: ${(cause as Error)?.message ?? cause}`, { file: filePath }, { cause });
}
