/**
 * One error hierarchy for the whole system. Every error says what was wrong and where
 * (file, line, cell, field); the CLI maps it to an exit code and the HTTP API to a status.
 * @module
 */

/** Where in an input a problem was found. Lines are 1-based, as a text editor shows them. */
export interface ErrorLocation {
  file?: string;
  line?: number;
  /** Spreadsheet cell such as `Exports!C12`. */
  cell?: string;
  field?: string;
}

export class TradetiesError extends Error {
  exitCode = 1;
  httpStatus = 500;
  constructor(message: string, readonly at: ErrorLocation = {}, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
  /** `file:line: message` — the form editors and terminals turn into links. */
  describe(): string {
    const where = [this.at.file, this.at.line ?? this.at.cell].filter((x) => x !== undefined).join(":");
    const field = this.at.field ? ` (field '${this.at.field}')` : "";
    return where ? `${where}: ${this.message}${field}` : `${this.message}${field}`;
  }
}

/** The input file is unreadable or malformed as a whole; nothing from it is stored. */
export class IngestError extends TradetiesError {}

/** A country or product code no reference table knows. */
export class UnknownCodeError extends IngestError {}

/** The user asked for something that cannot be done as asked (bad option, bad year range). */
export class UsageError extends TradetiesError {
  override exitCode = 2;
  override httpStatus = 400;
}

/** A country, pair or source that is not there. */
export class NotFoundError extends TradetiesError {
  override exitCode = 1;
  override httpStatus = 404;
}

/** The loaded data cannot support the requested figure; says which data is missing. */
export class MissingDataError extends TradetiesError {
  override httpStatus = 422;
}

/** A bug in tradeties, not in the user's input. */
export class InternalError extends TradetiesError {}

/**
 * The machine refused, not the data and not tradeties: a disk full, a permission missing, a file
 * that is not there, a damaged store. Each kind has its own exit code (sysexits.h numbers, so
 * scripts can tell them apart) and a message that says what to do.
 */
export class EnvironmentError extends TradetiesError {
  override httpStatus = 503;
}

/** No space left (ENOSPC, EDQUOT) or the device failed (EIO). Exit 74 (EX_IOERR). */
export class DiskFullError extends EnvironmentError {
  override exitCode = 74;
  override httpStatus = 507;
}

/** The file system said no: EACCES, EPERM, EROFS. Exit 77 (EX_NOPERM). */
export class PermissionDeniedError extends EnvironmentError {
  override exitCode = 77;
}

/** A file the user named is not there (ENOENT). Exit 66 (EX_NOINPUT). */
export class FileMissingError extends EnvironmentError {
  override exitCode = 66;
  override httpStatus = 404;
}

/** The store file is damaged (checksums do not match, not a database). Exit 65 (EX_DATAERR). */
export class CorruptStoreError extends EnvironmentError {
  override exitCode = 65;
}
