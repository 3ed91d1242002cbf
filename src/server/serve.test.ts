/**
 * The server on a real loopback socket: start on a free port, answer, reopen the store (what
 * SIGHUP does) with requests still holding the old one, close cleanly. And the `serve` command's
 * option checks.
 */
import { request } from "node:http";
import { describe, expect, inject, it } from "vitest";
import { serve } from "../cli/commands/serve.js";
import { UsageError } from "../errors.js";
import type { TradeStore } from "../store/TradeStore.js";
import { startServer } from "./serve.js";
import { StoreHolder } from "./storeHolder.js";

function rawRequest(url: string, method: string): Promise<{ status: number; allow?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode!, allow: res.headers.allow }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("startServer", () => {
  it("serves the API on a free loopback port, reopens the store, and closes", async () => {
    const server = await startServer({ storePath: inject("sampleStorePath"), port: 0, webRoot: false });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const health = await fetch(`${server.url}/api/health`);
      expect(health.status).toBe(200);
      const before = ((await health.json()) as { store: { content_version: string } }).store.content_version;
      const first = await fetch(`${server.url}/api/pairs/KOR/RUS?from=2010&to=2012`);
      const tag = first.headers.get("etag")!;
      const reopened = await server.holder.reopen();
      expect(reopened).toEqual({ changed: false, contentVersion: before });
      const again = await fetch(`${server.url}/api/pairs/KOR/RUS?from=2010&to=2012`, { headers: { "If-None-Match": tag } });
      expect(again.status).toBe(304);
      // fetch() refuses to send TRACE; a raw request does, and gets the documented 405.
      for (const method of ["TRACE", "OPTIONS"]) {
        const answer = await rawRequest(`${server.url}/api/health`, method);
        expect(answer.status, method).toBe(405);
        expect(answer.allow).toBe("GET, HEAD");
      }
    } finally {
      await server.close();
    }
  });
});

describe("StoreHolder", () => {
  function fakeStore(version: string, closed: string[]): TradeStore {
    return { contentVersion: async () => version, listSources: async () => [], close: async () => void closed.push(version), location: version, readOnly: true } as unknown as TradeStore;
  }

  it("closes the old store only after the last request using it has finished", async () => {
    const closed: string[] = [];
    let next = 1;
    const holder = new StoreHolder(fakeStore("v0", closed), async () => fakeStore(`v${next++}`, closed));
    const lease = holder.acquire();
    const r = await holder.reopen();
    expect(r).toEqual({ changed: true, contentVersion: "v1" });
    expect(closed).toEqual([]);
    expect(holder.acquire().store.location).toBe("v1");
    lease.release();
    await Promise.resolve();
    expect(closed).toEqual(["v0"]);
    lease.release(); // twice is harmless
    expect(closed).toEqual(["v0"]);
  });

  it("keeps serving the old store when reopening fails", async () => {
    const closed: string[] = [];
    const holder = new StoreHolder(fakeStore("v0", closed), async () => Promise.reject(new Error("locked by a writer")));
    await expect(holder.reopen()).rejects.toThrow(/locked/);
    expect(holder.acquire().store.location).toBe("v0");
    expect(closed).toEqual([]);
  });
});

describe("tradeties serve options", () => {
  it.each([
    [{ store: "/nonexistent/x.duckdb" }, /no store at/],
    [{ store: inject("sampleStorePath"), port: "http" }, /--port takes a port number/],
    [{ store: inject("sampleStorePath"), port: "70000" }, /--port takes a port number/],
    [{ store: inject("sampleStorePath"), corsOrigin: "example.org/path" }, /--cors-origin takes an origin/],
  ])("refuses %o", async (options, message) => {
    const error = await serve(options as never, () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(message);
  });
});
