/**
 * The analysis worker pool over the sample store: answers are the ones the main thread computes,
 * a 4xx decided in a worker arrives as the same error, and a task whose request ends stops and
 * frees its worker.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildProfile } from "../../profile/buildProfile.js";
import { ApiError } from "../errors.js";
import { openServingStore, StoreHolder } from "../storeHolder.js";
import { AnalysisCancelled } from "./cancellable.js";
import { WorkerAnalyses } from "./workerPool.js";

let holder: StoreHolder;
let pool: WorkerAnalyses;
const forever = () => ({ signal: new AbortController().signal, deadlineMs: Infinity });

beforeAll(async () => {
  holder = new StoreHolder(await openServingStore(inject("sampleStorePath")));
  pool = await WorkerAnalyses.start({ workers: 1, tasksPerWorker: 1, queued: 4 });
});
afterAll(async () => {
  await pool.close();
  await holder.close();
});

describe("WorkerAnalyses", () => {
  it("computes a profile in a worker, byte for byte what the main thread computes", async () => {
    const lease = holder.acquire();
    try {
      const out = await pool.run({ kind: "profile", key: { a: "KOR", b: "RUS", from: 2000, to: 2015 } }, lease, forever());
      expect(out.contentType).toMatch(/^application\/json/);
      expect(out.body).toBe(JSON.stringify(await buildProfile(lease.store, "KOR", "RUS", { from: 2000, to: 2015 })));
    } finally {
      lease.release();
    }
  });

  it("passes a 4xx decided in the worker back as the same error", async () => {
    const lease = holder.acquire();
    try {
      const error = await pool.run({ kind: "chart", key: { a: "KOR", b: "RUS", from: 2000, to: 2015 }, chart: "no-such-chart" }, lease, forever()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status: 404, extra: { field: "chart" } });
      expect((error as Error).message).toMatch(/has no "no-such-chart" chart.*it has: trade-volume/);
    } finally {
      lease.release();
    }
  });

  it("stops a task whose request ended, frees the worker, and serves the next task", async () => {
    const lease = holder.acquire();
    try {
      const ended = new AbortController();
      const before = pool.stats();
      const running = pool.run({ kind: "report", key: { a: "KOR", b: "RUS", from: 1995 }, format: "html" }, lease, { signal: ended.signal, deadlineMs: Infinity });
      ended.abort(new Error("deadline"));
      await expect(running).rejects.toBeInstanceOf(AnalysisCancelled);
      await pool.idle();
      expect(pool.stats()).toMatchObject({ running: 0, queued: 0, cancelled: before.cancelled + 1, completed: before.completed });
      const next = await pool.run({ kind: "chart", key: { a: "KOR", b: "RUS", from: 1995 }, chart: "balance" }, lease, forever());
      expect(next.body).toMatch(/^<svg/);
    } finally {
      lease.release();
    }
  });
});
