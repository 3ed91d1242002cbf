/**
 * How errors become HTTP answers. A {@link TradetiesError} carries its own status; an
 * {@link ApiError} is a 4xx decided at the edge; anything else is a bug: logged with an id,
 * answered with a generic 500 that quotes the id and never a stack trace.
 * @module
 * @see https://hono.dev/docs/api/exception
 * @example
 * ```ts
 * app.onError(errorHandler(console.error));
 * throw new ApiError(400, "from 2020 is after to 1990; swap them", { field: "from" });
 * ```
 */
import { randomUUID } from "node:crypto";
import type { Context, ErrorHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { NotFoundError, TradetiesError } from "../errors.js";
import { CountryRegistry, type CountryEntity } from "../reference/countries.js";
import { AnalysisCancelled } from "./analysis/cancellable.js";

export interface Suggestion {
  code: string;
  name: string;
}

export interface ErrorJson {
  error: string;
  field?: string;
  suggestions?: Suggestion[];
  id?: string;
}

/** A 4xx/5xx decided by the server itself, with the parameter at fault. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly extra: { field?: string; suggestions?: Suggestion[] } = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export type ErrorLogger = (message: string) => void;

export function errorJson(c: Context, status: ContentfulStatusCode, body: ErrorJson): Response {
  c.header("Cache-Control", "no-store");
  return c.json(body, status);
}

/** `--from` (CLI spelling in core errors) → `from` (the API's parameter name). */
function apiField(field: string | undefined): string | undefined {
  return field?.replace(/^--/, "").replace(/-/g, "_");
}

export function errorHandler(log: ErrorLogger): ErrorHandler {
  return (err, c) => {
    if (err instanceof ApiError) {
      if (err.status === 503 && /busy/.test(err.message)) c.header("Retry-After", "5");
      return errorJson(c, err.status, { error: err.message, ...err.extra });
    }
    if (err instanceof TradetiesError && err.httpStatus < 500) {
      // Core messages mention the CLI ("--from", "tradeties countries"); the API names its parameters.
      const message = err.message.replace(/--(from|to|reference-year)\b/g, (_m, f: string) => f.replace("-", "_"));
      return errorJson(c, err.httpStatus as ContentfulStatusCode, { error: message, ...(err.at.field ? { field: apiField(err.at.field) } : {}) });
    }
    // The request ended (its deadline passed or its client left) while its analysis ran.
    if (err instanceof AnalysisCancelled || (err instanceof Error && err.name === "AbortError")) {
      return errorJson(c, 504, { error: "the request ended before its analysis finished; ask again (a shorter period is quicker)" });
    }
    if (err instanceof HTTPException) {
      const status = err.status as ContentfulStatusCode;
      const words: Record<number, string> = {
        413: "request body too large",
        504: "the request took longer than the server allows; ask for a shorter period or try again",
      };
      return errorJson(c, status, { error: words[status] ?? (err.message || "request failed") });
    }
    const id = randomUUID().slice(0, 8);
    log(`[${id}] ${c.req.method} ${c.req.path}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return errorJson(c, 500, { error: "internal error: this is a bug in tradeties, not in your request; quote the id when reporting it", id });
  };
}

/**
 * Resolves a country parameter; an unknown one becomes a 404 naming the parameter and the
 * closest matches (the registry's own "did you mean" list, as codes and names).
 */
export function resolveCountry(registry: CountryRegistry, text: string, field: string): CountryEntity {
  try {
    return registry.lookup(text);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    throw new ApiError(404, error.message.replace(/\. Try `tradeties countries <text>`.*$/, `. Search with /api/countries?q=${encodeURIComponent(text)}`), {
      field,
      suggestions: suggestionsFor(registry, text, error.message),
    });
  }
}

function suggestionsFor(registry: CountryRegistry, text: string, message: string): Suggestion[] {
  // The registry names its candidates as "CODE Name" in the message (prefix matches or edit distance).
  const listed = registry.all().filter((e) => message.includes(`${e.entity} ${e.name}`));
  const found = listed.length ? listed : registry.find(text, 5).filter((e) => e.kind === "country" || e.kind === "historical");
  const position = (e: CountryEntity) => message.indexOf(`${e.entity} ${e.name}`);
  return found
    .sort((x, y) => position(x) - position(y))
    .slice(0, 5)
    .map((e) => ({ code: e.entity, name: registry.displayName(e.entity) }));
}
