/**
 * The API end to end over the sample store, through `app.request()` (no socket): every endpoint,
 * cache validation, CORS, limits, and what a bug looks like from outside.
 */
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sampleApp } from "../../test/sampleApp.js";
import type { TradeStore } from "../store/TradeStore.js";
import { createApp } from "./app.js";
import { PdfPrinter } from "../report/render/index.js";
import { chromiumPath, LazyPdfService } from "./pdf.js";

const logged: string[] = [];
const sample = sampleApp({ log: (l) => logged.push(l) });

async function json(path: string, init?: RequestInit) {
  const res = await sample.app.request(path, init);
  return { res, body: (await res.json()) as any };
}

describe("GET /api/health", () => {
  it("reports the read-only store and its content version", async () => {
    const { res, body } = await json("/api/health");
    expect(res.status).toBe(200);
    expect(body.status).toBe("ok");
    expect(body.store.read_only).toBe(true);
    expect(body.store.content_version).toBe(await sample.store.contentVersion());
    expect(body.store.sources).toBeGreaterThan(5);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});

describe("GET /api/health under load", () => {
  it("answers from the summary read at open: no store query, even while an analysis is stuck on the store", async () => {
    let listSourcesCalls = 0;
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const stuck = new Proxy(sample.store as TradeStore, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver);
        if (typeof v !== "function") return v;
        return async (...args: unknown[]) => {
          if (prop === "listSources") listSourcesCalls++;
          else if (prop !== "contentVersion") await blocked; // every analysis query hangs
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const busy = createApp({ store: stuck, webRoot: false });
    expect((await busy.request("/api/health")).status).toBe(200);
    const afterFirst = listSourcesCalls;
    const analysis = busy.request("/api/pairs/KOR/RUS/profile");
    for (let i = 0; i < 3; i++) {
      const res = await busy.request("/api/health");
      expect(res.status).toBe(200);
      expect(((await res.json()) as { store: { name: string } }).store.name).not.toContain("/");
    }
    expect(listSourcesCalls).toBe(afterFirst);
    release();
    expect((await analysis).status).toBe(200);
  });
});

describe("GET /api/sources", () => {
  it("lists the loaded files with an ETag keyed on the store", async () => {
    const { res, body } = await json("/api/sources");
    expect(res.status).toBe(200);
    expect(body.sources.map((s: { fileName: string }) => s.fileName)).toContain("DOTS_106.xlsx");
    expect(res.headers.get("etag")).toMatch(/^"[\w-]+"$/);
    expect(res.headers.get("cache-control")).toBe("no-cache");
  });
});

describe("GET /api/countries", () => {
  it("finds countries by name and code", async () => {
    const { res, body } = await json("/api/countries?q=korea&limit=5");
    expect(res.status).toBe(200);
    expect(body.results.length).toBeLessThanOrEqual(5);
    expect(body.results.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining(["KOR", "PRK"]));
    const byCode = await json("/api/countries?q=RUS");
    expect(byCode.body.results[0].code).toBe("RUS");
  });
  it("lists former countries with their validity", async () => {
    const { body } = await json("/api/countries?q=ussr");
    const sun = body.results.find((r: { code: string }) => r.code === "SUN");
    expect(sun?.valid_to).toBe(1991);
  });
  it("answers an empty list for text nothing matches", async () => {
    const { res, body } = await json("/api/countries?q=zzzzqqq");
    expect(res.status).toBe(200);
    expect(body.results).toEqual([]);
  });
});

describe("GET /api/pairs/:a/:b", () => {
  it("gives the year-by-year series with sources, resolving names", async () => {
    const { res, body } = await json("/api/pairs/south%20korea/russia?from=1995&to=2000");
    expect(res.status).toBe(200);
    expect(body.a).toBe("KOR");
    expect(body.b).toBe("RUS");
    expect(body.years.map((y: { year: number }) => y.year)).toEqual([1995, 1996, 1997, 1998, 1999, 2000]);
    expect(body.years[0].sources.length).toBeGreaterThan(0);
  });
  it("gives CSV with a header row and one row per year", async () => {
    const res = await sample.app.request("/api/pairs/KOR/RUS?from=2018&to=2020&format=csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toContain('filename="kor-rus-2018-2020-pair.csv"');
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines[0]).toMatch(/^year,entity_a,entity_b,exports_usd,imports_usd/);
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["2018", "2019", "2020"]);
  });
  it("shares an ETag between spellings of the same request and answers 304 to it", async () => {
    const first = await sample.app.request("/api/pairs/KOR/RUS?from=2000&to=2010");
    const tag = first.headers.get("etag")!;
    const other = await sample.app.request("/api/pairs/South%20Korea/Russian%20Federation?to=2010&from=2000");
    expect(other.headers.get("etag")).toBe(tag);
    const revalidated = await sample.app.request("/api/pairs/KOR/RUS?from=2000&to=2010", { headers: { "If-None-Match": tag } });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe("");
    const otherPeriod = await sample.app.request("/api/pairs/KOR/RUS?from=2001&to=2010", { headers: { "If-None-Match": tag } });
    expect(otherPeriod.status).toBe(200);
  });
});

describe("GET /api/pairs/:a/:b/profile", () => {
  it("gives the indicators the issue asks about", async () => {
    const { res, body } = await json("/api/pairs/KOR/RUS/profile");
    expect(res.status).toBe(200);
    expect(body.growth.multiple).toBeGreaterThan(1);
    expect(body.balance.streak.sign).toBe("deficit");
    expect(body.volatility.shocks.length).toBeGreaterThan(0);
    expect(body.commodity.levels.pearson.r).toBeGreaterThan(0.5);
    expect(body.competition.partner_import_shares.shifts.length).toBeGreaterThan(0);
  });
  it("honours the period and the reference year", async () => {
    const { body } = await json("/api/pairs/KOR/RUS/profile?from=2000&to=2015&reference_year=2010");
    expect(body.period).toEqual({ from: 2000, to: 2015 });
    expect(body.growth.to_year).toBeLessThanOrEqual(2010);
  });
  it("a reference year without data or outside the period is a 400 naming the years there are, not a 500", async () => {
    for (const q of ["reference_year=1950", "from=2000&to=2010&reference_year=2015"]) {
      const { res, body } = await json(`/api/pairs/KOR/RUS/profile?${q}`);
      expect(res.status, q).toBe(400);
      expect(JSON.stringify(body)).toMatch(/reference.year/);
    }
    const { res } = await json("/api/pairs/KOR/RUS/report?reference_year=1950");
    expect(res.status).toBe(400);
  });
  it("answers a pair without data with what is missing, not an error", async () => {
    const { res, body } = await json("/api/pairs/FRA/BRA/profile");
    expect(res.status).toBe(200);
    expect(body.missing.length).toBeGreaterThan(0);
  });
});

describe("GET /api/pairs/:a/:b/report", () => {
  it("gives the report document as JSON by default, with the headline and the charts' Vega-Lite specs", async () => {
    const { res, body } = await json("/api/pairs/KOR/RUS/report");
    expect(res.status).toBe(200);
    expect(body.headline).toMatch(/fold/);
    expect(body.lead.sentences.length).toBeGreaterThan(0);
    const charts = body.sections.flatMap((s: { charts: unknown[] }) => s.charts);
    expect(charts.length).toBeGreaterThan(2);
    expect(charts[0].spec.$schema).toMatch(/vega-lite/);
  });
  it("answers 304 to a current ETag without building the report again", async () => {
    const first = await sample.app.request("/api/pairs/KOR/RUS/report?format=json");
    const again = await sample.app.request("/api/pairs/KOR/RUS/report?format=json", { headers: { "If-None-Match": `W/${first.headers.get("etag")}` } });
    expect(again.status).toBe(304);
  });
});

describe("GET /api/pairs/:a/:b/charts/:chart", () => {
  it("renders one of the report's charts to SVG", async () => {
    const res = await sample.app.request("/api/pairs/KOR/RUS/charts/balance.svg?from=2000&to=2020");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    expect(await res.text()).toMatch(/^<svg[^>]*aria-label="[^"]*balance/);
  });
  it("is a 404 naming the charts there are when the report has no such chart", async () => {
    const { res, body } = await json("/api/pairs/FRA/BRA/charts/people-flows.svg");
    expect(res.status).toBe(404);
    expect(body.field).toBe("chart");
  });
});

describe("report formats through the renderers", () => {
  it("gives Markdown and HTML with file names", async () => {
    const md = await sample.app.request("/api/pairs/KOR/RUS/report?format=md&from=2000&to=2015&download=1");
    expect(md.status).toBe(200);
    expect(md.headers.get("content-disposition")).toBe('attachment; filename="kor-rus-2000-2015-report.md"');
    expect(await md.text()).toMatch(/^# /m);
    const html = await sample.app.request("/api/pairs/KOR/RUS/report?format=html");
    expect(html.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await html.text()).toMatch(/<svg/);
  });
  it.skipIf(!existsSync(chromiumPath()))("prints PDFs with one shared printer, launched on the first PDF request", async () => {
    const res = await sample.app.request("/api/pairs/KOR/RUS/report?format=pdf");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(new TextDecoder().decode((await res.arrayBuffer()).slice(0, 5))).toBe("%PDF-");
    const other = await sample.app.request("/api/pairs/KOR/RUS/report?format=pdf&from=2000");
    expect(other.status).toBe(200);
    expect((sample.app.services.pdf as LazyPdfService).launches).toBe(1);
  });
  it("answers PDF without Chromium with a 503 and the install hint, and goes on serving", async () => {
    const noChromium = createApp({ store: sample.store, webRoot: false, pdf: new LazyPdfService(() => PdfPrinter.launch("/nonexistent/chromium")) });
    const res = await noChromium.request("/api/pairs/KOR/RUS/report?format=pdf");
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: string }).error).toMatch(/apt-get install -y chromium/);
    expect((await noChromium.request("/api/health")).status).toBe(200);
  });
});

describe("the PDF printer", () => {
  /** A stand-in browser: prints "%PDF-n" until it is killed, then fails as Playwright does. */
  class FakeBrowser {
    connected = true;
    printed = 0;
    constructor(readonly n: number) {}
    async print(): Promise<Buffer> {
      if (!this.connected) throw new Error("Target page, context or browser has been closed");
      this.printed++;
      return Buffer.from(`%PDF-${this.n}`);
    }
    async close(): Promise<void> {
      this.connected = false;
    }
  }

  it("launches a new browser after Chromium died, idle or in the middle of a print", async () => {
    const browsers: FakeBrowser[] = [];
    const pdf = new LazyPdfService(async () => {
      const b = new FakeBrowser(browsers.length + 1);
      browsers.push(b);
      return b as unknown as PdfPrinter;
    });
    const withFake = createApp({ store: sample.store, webRoot: false, pdf, cacheEntries: 0 });
    const get = async (from: number) => {
      const res = await withFake.request(`/api/pairs/KOR/RUS/report?format=pdf&from=${from}`);
      return { status: res.status, body: Buffer.from(await res.arrayBuffer()).toString() };
    };
    expect(await get(2000)).toEqual({ status: 200, body: "%PDF-1" });
    browsers[0]!.connected = false; // killed while idle
    expect(await get(2001)).toEqual({ status: 200, body: "%PDF-2" });
    // Killed during the next print: the print fails once and is repeated on a fresh browser.
    browsers[1]!.print = async function (this: FakeBrowser) {
      this.connected = false;
      throw new Error("Target page, context or browser has been closed");
    };
    expect(await get(2002)).toEqual({ status: 200, body: "%PDF-3" });
    expect(await get(2003)).toEqual({ status: 200, body: "%PDF-3" });
    expect(pdf.launches).toBe(3);
    await withFake.shutdown();
  });

  it("is a 503 with the install hint when Chromium is missing, and tries again on the next request", async () => {
    const before = process.env.TRADETIES_CHROMIUM;
    process.env.TRADETIES_CHROMIUM = "/nonexistent/chromium";
    try {
      const pdf = new LazyPdfService();
      for (let i = 0; i < 2; i++) {
        const error = (await pdf.printer().catch((e: unknown) => e)) as { status: number; message: string };
        expect(error.status).toBe(503);
        expect(error.message).toMatch(/\/nonexistent\/chromium.*apt-get install -y chromium.*format=html/);
      }
      await pdf.close();
    } finally {
      if (before === undefined) delete process.env.TRADETIES_CHROMIUM;
      else process.env.TRADETIES_CHROMIUM = before;
    }
  });
});

describe("GET /openapi.json", () => {
  it("is served as JSON", async () => {
    const { res, body } = await json("/openapi.json");
    expect(res.status).toBe(200);
    expect(body.openapi).toMatch(/^3\./);
  });
});

describe("the edges", () => {
  it("answers an unknown route with a JSON 404", async () => {
    const { res, body } = await json("/api/nothing/here");
    expect(res.status).toBe(404);
    expect(body.error).toMatch(/no such route/);
  });
  it("refuses writes with 405 and says the API is read-only", async () => {
    const { res, body } = await json("/api/sources", { method: "POST", body: "{}" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD");
    expect(body.error).toMatch(/read-only/);
  });
  it("refuses a large body with 413 before reading it", async () => {
    const { res, body } = await json("/api/sources", { method: "POST", body: "x".repeat(64 * 1024), headers: { "Content-Length": String(64 * 1024) } });
    expect(res.status).toBe(413);
    expect(body.error).toMatch(/larger than/);
  });
  it("has CORS off unless an origin is configured", async () => {
    const off = await sample.app.request("/api/health", { headers: { Origin: "http://evil.example" } });
    expect(off.headers.get("access-control-allow-origin")).toBeNull();
    const withCors = createApp({ store: sample.store, webRoot: false, corsOrigin: "http://localhost:5173" });
    const on = await withCors.request("/api/health", { headers: { Origin: "http://localhost:5173" } });
    expect(on.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    // A preflight is answered by CORS; without CORS, OPTIONS is a 405 like any other method.
    const preflight = await withCors.request("/api/health", { method: "OPTIONS", headers: { Origin: "http://localhost:5173", "Access-Control-Request-Method": "GET" } });
    expect(preflight.status).toBe(204);
    expect((await sample.app.request("/api/health", { method: "OPTIONS", headers: { Origin: "http://localhost:5173" } })).status).toBe(405);
  });
  it("turns an unexpected error into a generic 500 with an id, logging the details server-side only", async () => {
    const broken = new Proxy(sample.store as TradeStore, {
      get(target, prop, receiver) {
        if (prop === "listSources") return async () => Promise.reject(new Error("disk on fire at /secret/path"));
        const v = Reflect.get(target, prop, receiver);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
    const log: string[] = [];
    const buggy = createApp({ store: broken, webRoot: false, log: (l) => log.push(l) });
    const res = await buggy.request("/api/sources");
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: string; id: string };
    expect(body.id).toMatch(/^[0-9a-f]{8}$/);
    expect(JSON.stringify(body)).not.toMatch(/secret|fire|at .*\.ts/);
    expect(log.join("\n")).toContain(body.id);
    expect(log.join("\n")).toContain("disk on fire");
  });
  it("times out a request that takes too long with a JSON 504", async () => {
    const slow = new Proxy(sample.store as TradeStore, {
      get(target, prop, receiver) {
        if (prop === "listSources") return () => new Promise((resolve) => setTimeout(() => resolve([]), 500));
        const v = Reflect.get(target, prop, receiver);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
    const impatient = createApp({ store: slow, webRoot: false, requestTimeoutMs: 50 });
    const { res, body } = await json.call(null, "/api/health").then(() => impatient.request("/api/sources")).then(async (r) => ({ res: r, body: (await r.json()) as { error: string } }));
    expect(res.status).toBe(504);
    expect(body.error).toMatch(/longer than the server allows/);
  });
});

describe("timed-out work", () => {
  /** The sample store, with every analysis query held until `release()`; counts the queries that reach the store. */
  function heldStore() {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const reached: string[] = [];
    const view = new Proxy(sample.store as TradeStore, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver);
        if (typeof v !== "function") return v;
        return async (...args: unknown[]) => {
          if (prop !== "contentVersion" && prop !== "listSources") {
            reached.push(String(prop));
            await held;
          }
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    return { view, reached, release };
  }

  it("is stopped when its request times out: no store query after the 504, and the slot is free again", async () => {
    const { view, reached, release } = heldStore();
    const impatient = createApp({ store: view, webRoot: false, requestTimeoutMs: 100, concurrentAnalyses: 1 });
    const res = await impatient.request("/api/pairs/KOR/RUS/profile?from=1995");
    expect(res.status).toBe(504);
    const atTimeout = reached.length;
    release();
    await impatient.services.analyses.idle();
    // Before, the profile went on with its remaining ~20 queries after the client had its 504.
    expect(reached.length).toBe(atTimeout);
    // Stopped mid-way, or never started if the deadline came first: never finished.
    expect(impatient.services.analyses.stats()).toMatchObject({ running: 0, queued: 0, completed: 0 });
  });

  it("leaves the queue at its request's deadline instead of running later", async () => {
    const { view, reached, release } = heldStore();
    const impatient = createApp({ store: view, webRoot: false, requestTimeoutMs: 150, concurrentAnalyses: 1 });
    const [first, second] = await Promise.all([impatient.request("/api/pairs/KOR/RUS/profile?from=1995"), impatient.request("/api/pairs/KOR/RUS/profile?from=1996")]);
    expect([first.status, second.status]).toEqual([504, 504]);
    const atTimeout = reached.length;
    release();
    await impatient.services.analyses.idle();
    expect(reached.length).toBe(atTimeout);
    expect(impatient.services.analyses.stats()).toMatchObject({ running: 0, queued: 0, completed: 0 });
  });

  it("is shared by identical requests and stops only when the last of them has ended", async () => {
    const { view, release } = heldStore();
    const shared = createApp({ store: view, webRoot: false, requestTimeoutMs: 5_000 });
    const gone = new AbortController();
    const leaving = shared.request("/api/pairs/KOR/RUS/profile?from=1997", { signal: gone.signal });
    const staying = shared.request("/api/pairs/KOR/RUS/profile?from=1997");
    await new Promise((resolve) => setTimeout(resolve, 50));
    gone.abort();
    await Promise.resolve(leaving).catch(() => undefined);
    release();
    const res = await staying;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { period: { from: number } }).period.from).toBe(1997);
    expect(shared.services.analyses.stats()).toMatchObject({ cancelled: 0, completed: 1 });
  });
});

describe("work limits", () => {
  it("refuses analyses beyond the queue with 503 and Retry-After, and serves the rest", async () => {
    const tight = createApp({ store: sample.store, webRoot: false, concurrentAnalyses: 1, queuedAnalyses: 0, cacheEntries: 0 });
    const answers = await Promise.all([1995, 1996, 1997].map((from) => tight.request(`/api/pairs/KOR/RUS/profile?from=${from}`)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 503, 503]);
    const busy = answers.find((r) => r.status === 503)!;
    expect(busy.headers.get("retry-after")).toBe("5");
    expect(((await busy.json()) as { error: string }).error).toMatch(/busy.*retry/);
  });
});

describe("the dashboard", () => {
  it("serves the built dashboard at / when web/dist exists, else says how to build it", async () => {
    const missing = createApp({ store: sample.store, webRoot: "/nonexistent/web/dist" });
    const res = await missing.request("/");
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/npm run build:web/);
  });
});
