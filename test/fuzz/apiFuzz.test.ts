/**
 * The API under a fuzz corpus of SYNTHETIC hostile and malformed requests (`api-corpus.json`,
 * written by `generateApiCorpus.ts` from a fixed seed): path and query injection, bad encodings,
 * out-of-range and non-numeric years, unknown and repeated parameters, odd methods, headers and
 * bodies. Whatever the request, the answer is never a 5xx, an error is JSON a person can read,
 * and no body carries internal detail: a stack trace, SQL or an engine message, or a path of the
 * server's file system.
 */
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { sampleApp } from "../sampleApp.js";
import type { FuzzRequest } from "./generateApiCorpus.js";

const corpus = JSON.parse(readFileSync(new URL("./api-corpus.json", import.meta.url), "utf8")) as FuzzRequest[];

/** What must never reach a client, with the reason it would be a leak. */
const INTERNAL_DETAIL: Array<[RegExp, string]> = [
  [/\bat (?:async )?[\w$.<>]+ \(|\bat (?:file|node):|\.[cm]?[jt]s:\d+:\d+/, "a stack frame"],
  // Upper case, as SQL is written here; an echoed parameter ("1990;SELECT" … field "from") is not SQL.
  [/\bSELECT\b[\s\S]{0,200}\bFROM\b|\bINSERT INTO\b|\bCREATE TABLE\b/, "SQL"],
  [/Binder Error|Catalog Error|Parser Error|Conversion Error|INTERNAL Error|IO Error|duckdb_|DuckDB/, "an engine message"],
  [/node_modules|\/work\/|\/tmp\/|\/home\/|\/root\/|\/usr\/lib/, "a server path"],
  [/TypeError|ReferenceError|RangeError|SyntaxError: /, "a JavaScript error name"],
];

const log: string[] = [];

const sample = sampleApp({ log: (line) => log.push(line) });

interface Answer {
  request: FuzzRequest;
  status: number;
  contentType: string;
  body: string;
}

async function send(request: FuzzRequest): Promise<Answer> {
  const res = await sample.app.request(request.path, { method: request.method, headers: request.headers, ...(request.body !== undefined ? { body: request.body } : {}) });
  const contentType = res.headers.get("content-type") ?? "";
  const body = contentType.startsWith("application/pdf") ? "" : await res.text();
  return { request, status: res.status, contentType, body };
}

describe("API fuzz corpus", () => {
  it("is big enough to mean something", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(1000);
  });

  it("never answers 5xx, answers errors in JSON, and leaks no internal detail", { timeout: 600_000 }, async () => {
    const answers: Answer[] = [];
    // A few at a time, as clients would send them; the server's queue is not the subject here.
    const CONCURRENCY = 4;
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < corpus.length) answers.push(await send(corpus[next++]!));
      }),
    );
    const storeDir = dirname(inject("sampleStorePath"));
    const problems: string[] = [];
    for (const a of answers) {
      const where = `${a.request.method} ${a.request.path.slice(0, 120)}`;
      // The one deliberate 5xx: a PDF asked of a machine without Chromium (503 saying how to install it).
      const noChromium = a.status === 503 && /Chromium/.test(a.body);
      if (a.status >= 500 && !noChromium) problems.push(`${where}: ${a.status} ${a.body.slice(0, 200)}`);
      if (a.status >= 400 && a.request.method !== "HEAD") {
        if (!a.contentType.startsWith("application/json")) problems.push(`${where}: error as ${a.contentType}`);
        else if (typeof (JSON.parse(a.body) as { error?: unknown }).error !== "string") problems.push(`${where}: error body without "error"`);
      }
      for (const [pattern, what] of INTERNAL_DETAIL) if (pattern.test(a.body)) problems.push(`${where}: body shows ${what}: …${a.body.slice(Math.max(0, a.body.search(pattern) - 40), a.body.search(pattern) + 80)}…`);
      if (a.body.includes(storeDir)) problems.push(`${where}: body names the store's folder`);
    }
    const byStatus = answers.reduce<Record<number, number>>((m, a) => ((m[a.status] = (m[a.status] ?? 0) + 1), m), {});
    console.log(`API fuzz: ${answers.length} requests; statuses ${JSON.stringify(byStatus)}; ${problems.length} problems; ${log.length} server-side error logs`);
    expect(problems).toEqual([]);
    expect(log).toEqual([]);
  });
});
