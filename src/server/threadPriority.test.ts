import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

/**
 * In a child process (the sweep changes the priority of the process it runs in): two worker
 * threads start, the sweep runs twice, and each thread's nice value is read back from
 * /proc/self/task/<tid>/stat (field 19), a second reading beside os.getPriority.
 */
const CHILD = `
import { readdirSync, readFileSync } from "node:fs";
import { getPriority } from "node:os";
import { Worker } from "node:worker_threads";
import { lowerHelperThreads } from "./src/server/threadPriority.ts";
const workers = [1, 2].map(() => new Worker("setInterval(() => {}, 1000)", { eval: true }));
await Promise.all(workers.map((w) => new Promise((r) => w.once("online", r))));
const before = getPriority();
const first = lowerHelperThreads(10);
const second = lowerHelperThreads(10);
const nice = (tid) => Number(readFileSync("/proc/self/task/" + tid + "/stat", "utf8").split(") ")[1].split(" ")[16]);
const threads = readdirSync("/proc/self/task").map(Number).map((tid) => ({ main: tid === process.pid, nice: nice(tid) }));
console.log(JSON.stringify({ before, first, second, threads }));
process.exit(0);
`;

describe("lowerHelperThreads", () => {
  it.runIf(existsSync("/proc/self/task"))("gives every thread but the main one nice 10, once, and leaves the main thread as it was", async () => {
    const { stdout } = await run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", CHILD], { cwd: process.cwd() });
    const { before, first, second, threads } = JSON.parse(stdout) as { before: number; first: number; second: number; threads: { main: boolean; nice: number }[] };
    const helpers = threads.filter((t) => !t.main);
    // Node's own threads (V8 platform workers, libuv) and the two workers.
    expect(helpers.length).toBeGreaterThanOrEqual(2);
    // A process already below priority 10 (run under nice) keeps its threads where they are.
    expect(first).toBe(before < 10 ? helpers.length : 0);
    expect(second).toBe(0);
    expect(helpers.every((t) => t.nice === Math.max(10, before))).toBe(true);
    expect(threads.filter((t) => t.main)).toEqual([{ main: true, nice: before }]);
  });
});
