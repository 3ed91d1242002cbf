/**
 * Validation at the edge: a route's zod schemas check the path and query before its handler
 * runs; a bad input is a 400 naming the parameter, and the handler sees only typed values.
 * Repeated query parameters (`?from=1990&from=1991`) are refused rather than silently taking one.
 * @module
 * @see https://hono.dev/docs/guides/validation
 * @example
 * ```ts
 * pairs.get("/:a/:b/profile", validate(ROUTES.profile), async (c) => {
 *   const { params, query } = input<typeof ROUTES.profile>(c);
 * });
 * ```
 */
import type { Context, MiddlewareHandler } from "hono";
import type { z } from "zod";
import { ApiError } from "./errors.js";
import type { RouteSpec } from "./schemas.js";

export interface Input<S extends RouteSpec> {
  params: z.output<S["params"]>;
  query: z.output<S["query"]>;
}

function firstIssue(error: z.ZodError, where: "path" | "query"): ApiError {
  const issue = error.issues[0]!;
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys;
    return new ApiError(400, `unknown ${where} parameter${keys.length > 1 ? "s" : ""} ${keys.map((k) => `"${k}"`).join(", ")}`, { field: keys[0] });
  }
  const field = issue.path.map(String).join(".") || undefined;
  const message = issue.message.startsWith(field ?? "\u0000") ? issue.message : field ? `${field}: ${issue.message}` : issue.message;
  return new ApiError(400, message, field ? { field } : {});
}

export function validate<S extends RouteSpec>(spec: S): MiddlewareHandler {
  const known = new Set(Object.keys((spec.query as unknown as { shape?: object }).shape ?? (spec.query as unknown as { def?: { in?: { shape?: object } } }).def?.in?.shape ?? {}));
  return async (c, next) => {
    const all = c.req.queries();
    for (const [key, values] of Object.entries(all)) {
      if (values.length > 1) throw new ApiError(400, `query parameter "${key}" is given ${values.length} times; give it once`, { field: key });
    }
    const rawQuery = Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v[0]]));
    const unknown = Object.keys(rawQuery).filter((k) => !known.has(k));
    if (unknown.length) {
      const hint = known.size ? `; this endpoint takes ${[...known].join(", ")}` : "; this endpoint takes none";
      throw new ApiError(400, `unknown query parameter${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => `"${k}"`).join(", ")}${hint}`, { field: unknown[0] });
    }
    const params = spec.params.safeParse(c.req.param());
    if (!params.success) throw firstIssue(params.error, "path");
    const query = spec.query.safeParse(rawQuery);
    if (!query.success) throw firstIssue(query.error, "query");
    c.set("input" as never, { params: params.data, query: query.data } as never);
    await next();
  };
}

export function input<S extends RouteSpec>(c: Context): Input<S> {
  return c.get("input" as never) as Input<S>;
}
