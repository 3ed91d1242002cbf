/**
 * `/openapi.json`, generated from the route table in `schemas.ts` with zod 4's own
 * `z.toJSONSchema` (input side: what a client sends). No second description of the API exists
 * to drift from the validators.
 *
 * Why not `@hono/zod-openapi`: it supports zod 4 and hono 4, but brings three more packages and
 * its own route-definition style; the table here is ~100 lines and uses only zod, already a
 * dependency.
 * @module
 * @see https://spec.openapis.org/oas/v3.1.0
 * @example
 * ```ts
 * app.get("/openapi.json", (c) => c.json(openApiDocument()));
 * ```
 */
import { z } from "zod";
import { ErrorBody, ROUTES, type ResponseSpec, type RouteSpec } from "./schemas.js";

type Json = Record<string, unknown>;

function jsonSchema(schema: z.ZodType): Json {
  const out = z.toJSONSchema(schema, { io: "input", target: "draft-2020-12", unrepresentable: "any" }) as Json;
  delete out.$schema;
  return out;
}

/** `/api/pairs/:a/:b` → `/api/pairs/{a}/{b}` */
export function openApiPath(honoPath: string): string {
  return honoPath.replace(/:([A-Za-z_]+)/g, "{$1}");
}

function parameters(spec: RouteSpec): Json[] {
  const out: Json[] = [];
  for (const [where, schema] of [["path", spec.params], ["query", spec.query]] as const) {
    const obj = jsonSchema(schema) as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, prop] of Object.entries(obj.properties ?? {})) {
      const { description, examples, ...rest } = prop as Json & { examples?: unknown[] };
      out.push({
        name,
        in: where,
        required: where === "path" || (obj.required ?? []).includes(name),
        ...(description ? { description } : {}),
        schema: rest,
        ...(Array.isArray(examples) && examples.length ? { example: examples[0] } : {}),
      });
    }
  }
  return out;
}

function responses(spec: Record<number, ResponseSpec>): Json {
  const out: Json = {};
  for (const [status, r] of Object.entries(spec)) {
    const content: Json = {};
    for (const [type, schema] of Object.entries(r.content)) {
      content[type] = { schema: schema instanceof z.ZodType ? (schema === ErrorBody ? { $ref: "#/components/schemas/Error" } : jsonSchema(schema)) : schema };
    }
    out[status] = { description: r.description, content };
  }
  out["500"] = { description: "A bug in tradeties: generic message and an id (details in the server log)", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
  return out;
}

export function openApiDocument(options: { version?: string; serverUrl?: string } = {}): Json {
  const paths: Record<string, Json> = {};
  for (const spec of Object.values(ROUTES) as RouteSpec[]) {
    const path = openApiPath(spec.path);
    const headers = spec.cached
      ? {
          parameters: [
            ...parameters(spec),
            { name: "If-None-Match", in: "header", required: false, description: "An ETag from an earlier answer: 304 when the store and the normalized parameters are unchanged", schema: { type: "string" } },
          ],
        }
      : { parameters: parameters(spec) };
    const res = responses(spec.responses);
    if (spec.cached) res["304"] = { description: "Not modified (If-None-Match matched the ETag)" };
    paths[path] = {
      ...(paths[path] ?? {}),
      [spec.method]: {
        operationId: spec.operationId,
        summary: spec.summary,
        ...(spec.description ? { description: spec.description } : {}),
        ...headers,
        responses: res,
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "tradeties API",
      version: options.version ?? "0.1.0",
      description:
        "Read-only access to a tradeties store: country search, pair series, bilateral profiles and reports. Every error is JSON `{ error, field?, suggestions?, id? }`. Answers carry an ETag built from the store's content and the normalized parameters; send If-None-Match to revalidate.",
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    paths,
    components: { schemas: { Error: jsonSchema(ErrorBody) } },
  };
}
