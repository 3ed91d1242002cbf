/**
 * Errors across the worker boundary. Structured clone keeps an Error's message but not its class
 * or fields, so a worker sends what the error handler needs — a 4xx decided by the analysis
 * (unknown chart, missing data, a bad reference year), a cancellation, or a bug with its stack for
 * the server log — and the main thread rebuilds an error of the same meaning.
 * @module
 */
import { TradetiesError, type ErrorLocation } from "../../errors.js";
import { ApiError } from "../errors.js";
import { AnalysisCancelled } from "./cancellable.js";

export type WireError =
  | { kind: "api"; status: number; message: string; extra: ApiError["extra"] }
  | { kind: "tradeties"; name: string; message: string; httpStatus: number; at: ErrorLocation }
  | { kind: "cancelled" }
  | { kind: "bug"; message: string; stack?: string };

export function toWire(error: unknown): WireError {
  if (error instanceof AnalysisCancelled) return { kind: "cancelled" };
  if (error instanceof ApiError) return { kind: "api", status: error.status, message: error.message, extra: error.extra };
  if (error instanceof TradetiesError) return { kind: "tradeties", name: error.name, message: error.message, httpStatus: error.httpStatus, at: error.at };
  if (error instanceof Error) return { kind: "bug", message: error.message, stack: error.stack };
  return { kind: "bug", message: String(error) };
}

export function fromWire(wire: WireError): Error {
  switch (wire.kind) {
    case "cancelled":
      return new AnalysisCancelled();
    case "api":
      return new ApiError(wire.status as ApiError["status"], wire.message, wire.extra);
    case "tradeties": {
      const error = new TradetiesError(wire.message, wire.at);
      error.httpStatus = wire.httpStatus;
      error.name = wire.name;
      return error;
    }
    case "bug": {
      const error = new Error(wire.message);
      error.stack = `${wire.stack ?? wire.message}\n    (in an analysis worker)`;
      return error;
    }
  }
}
