import { describe, expect, it } from "vitest";
import { ApiError } from "./errors.js";
import { WorkGate, type RequestBudget } from "./limit.js";

/** A task that runs until the test lets it finish. */
function held() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { work: () => done, finish };
}

describe("WorkGate", () => {
  let clockMs = 0;
  const budget = (leftMs: number, signal = new AbortController().signal): RequestBudget => ({ signal, deadlineMs: clockMs + leftMs });

  it("refuses at once a request whose turn would come after its deadline, and queues one that has time", async () => {
    clockMs = 0;
    const gate = new WorkGate(1, 10, () => clockMs);
    // One task of 1 s sets the pace.
    const first = held();
    const ran = gate.run(first.work, budget(30_000));
    clockMs += 1_000;
    first.finish();
    await ran;
    expect(gate.stats().paceMs).toBe(1_000);
    const busy = held();
    const running = gate.run(busy.work, budget(30_000));
    // The slot is taken; a waiter would start in ≈ 1 s (pace × 1 ahead / 1 slot).
    const tooLate = await gate.run(async () => "ran", budget(500)).catch((e: unknown) => e);
    expect(tooLate).toBeInstanceOf(ApiError);
    expect((tooLate as ApiError).status).toBe(503);
    expect((tooLate as ApiError).message).toMatch(/busy.*would start in about 1\.0 s.*0\.5 s left/);
    const inTime = gate.run(async () => "ran", budget(5_000));
    expect(gate.stats()).toMatchObject({ running: 1, queued: 1, refused: 1 });
    busy.finish();
    await running;
    expect(await inTime).toBe("ran");
  });

  it("takes a waiting request out of the queue when its request ends, and never runs it", async () => {
    clockMs = 0;
    const gate = new WorkGate(1, 10, () => clockMs);
    const busy = held();
    const running = gate.run(busy.work, budget(30_000));
    const ended = new AbortController();
    let ran = false;
    const waiting = gate.run(async () => void (ran = true), budget(30_000, ended.signal));
    expect(gate.stats().queued).toBe(1);
    ended.abort(new Error("deadline"));
    await expect(waiting).rejects.toThrow("deadline");
    expect(gate.stats()).toMatchObject({ queued: 0, expiredInQueue: 1 });
    busy.finish();
    await running;
    expect(ran).toBe(false);
  });

  it("refuses beyond the queue bound whatever the deadline", async () => {
    clockMs = 0;
    const gate = new WorkGate(1, 1, () => clockMs);
    const busy = held();
    const running = gate.run(busy.work);
    const queued = gate.run(async () => "second");
    await expect(gate.run(async () => "third")).rejects.toMatchObject({ status: 503 });
    busy.finish();
    await running;
    expect(await queued).toBe("second");
  });

  it("hands the work a signal that fires when the request ends", async () => {
    const gate = new WorkGate(1, 1);
    const ended = new AbortController();
    const seen = gate.run(
      (signal) =>
        new Promise<string>((resolve) => {
          signal.addEventListener("abort", () => resolve("stopped"));
        }),
      { signal: ended.signal, deadlineMs: Infinity },
    );
    ended.abort();
    expect(await seen).toBe("stopped");
  });
});
