/**
 * The OpenAPI document is generated from the route table that also validates requests; these
 * tests check it is a well-formed OpenAPI 3.1 document, that every route the app answers is in
 * it with every parameter and a schema for each, and that it agrees with the validators.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { openApiDocument, openApiPath } from "./openapi.js";
import { ROUTES, type RouteSpec } from "./schemas.js";

const doc = openApiDocument() as any;

describe("openapi.json", () => {
  it("is OpenAPI 3.1 with info and paths", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(Object.keys(doc.paths).length).toBeGreaterThan(0);
  });

  it("documents every route with the method, an operationId, a summary and a 200", () => {
    const expected = ["/api/health", "/api/sources", "/api/countries", "/api/countries/{a}/partners", "/api/pairs/{a}/{b}", "/api/pairs/{a}/{b}/profile", "/api/pairs/{a}/{b}/products", "/api/pairs/{a}/{b}/report", "/api/pairs/{a}/{b}/charts/{chart}"];
    expect(Object.keys(doc.paths).sort()).toEqual(expected.sort());
    const ids = new Set<string>();
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      expect(Object.keys(item)).toEqual(["get"]);
      const op = item.get;
      expect(op.operationId, path).toMatch(/^[a-zA-Z]+$/);
      expect(ids.has(op.operationId)).toBe(false);
      ids.add(op.operationId);
      expect(op.summary, path).toBeTruthy();
      expect(op.responses["200"], path).toBeTruthy();
      expect(op.responses["500"].content["application/json"].schema.$ref).toBe("#/components/schemas/Error");
    }
  });

  it("has every path template parameter declared as a required path parameter", () => {
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const declared = item.get.parameters.filter((p: any) => p.in === "path").map((p: any) => p.name);
      expect(declared.sort(), path).toEqual(templated.sort());
      for (const p of item.get.parameters.filter((x: any) => x.in === "path")) expect(p.required).toBe(true);
    }
  });

  it("gives every parameter a name, a location, a description and a JSON schema with a type", () => {
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      for (const p of item.get.parameters) {
        expect(["path", "query", "header"], `${path} ${p.name}`).toContain(p.in);
        expect(typeof p.required).toBe("boolean");
        expect(p.schema?.type, `${path} ${p.name}`).toBe("string");
        if (p.in !== "header") expect(p.description, `${path} ${p.name}`).toBeTruthy();
      }
    }
  });

  it("lists exactly the query parameters the validators accept, with the same enums", () => {
    for (const spec of Object.values(ROUTES) as RouteSpec[]) {
      const op = doc.paths[openApiPath(spec.path)].get;
      const documented = op.parameters.filter((p: any) => p.in === "query").map((p: any) => p.name).sort();
      const accepted = Object.keys((spec.query as unknown as z.ZodObject).shape).sort();
      expect(documented, spec.path).toEqual(accepted);
    }
    const format = doc.paths["/api/pairs/{a}/{b}/report"].get.parameters.find((p: any) => p.name === "format");
    expect(format.schema.enum).toEqual(["md", "html", "pdf", "json"]);
    const year = doc.paths["/api/pairs/{a}/{b}/profile"].get.parameters.find((p: any) => p.name === "from");
    expect(new RegExp(year.schema.pattern).test("1990")).toBe(true);
    expect(new RegExp(year.schema.pattern).test("199")).toBe(false);
  });

  it("describes the error body every 4xx uses, and the 4xx of every pair route", () => {
    expect(doc.components.schemas.Error.required).toEqual(["error"]);
    expect(Object.keys(doc.components.schemas.Error.properties).sort()).toEqual(["error", "field", "id", "suggestions"]);
    for (const path of ["/api/pairs/{a}/{b}", "/api/pairs/{a}/{b}/profile", "/api/pairs/{a}/{b}/report"]) {
      const r = doc.paths[path].get.responses;
      for (const s of ["400", "404", "304"]) expect(r[s], `${path} ${s}`).toBeTruthy();
    }
    expect(doc.paths["/api/pairs/{a}/{b}/report"].get.responses["200"].content["application/pdf"]).toBeTruthy();
    expect(doc.paths["/api/pairs/{a}/{b}/report"].get.responses["503"]).toBeTruthy();
  });

  it("uses only $refs that resolve", () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
    for (const ref of refs) {
      const target = ref.replace(/^#\//, "").split("/").reduce((o: any, k) => o?.[k], doc);
      expect(target, ref).toBeTruthy();
    }
  });
});
