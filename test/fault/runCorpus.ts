/**
 * Runs the malformed-input corpus (see corpus.ts): each case through the whole pipeline into a
 * fresh in-memory store, its outcome compared with the expected one. Run directly to print the
 * table docs/reliability.md reports: `npx tsx test/fault/runCorpus.ts [--markdown]`.
 * @module
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InternalError, TradetiesError } from "../../src/errors.js";
import { ingestFile } from "../../src/ingest/pipeline.js";
import { DuckDbTradeStore } from "../../src/store/DuckDbTradeStore.js";
import type { TradeStore } from "../../src/store/TradeStore.js";
import { buildCorpus, type CorpusCase } from "./corpus.js";

export type Verdict = "ok" | "crash" | "accepted-but-wrong" | "refused-valid-input" | "unclear-error";

export interface CaseOutcome {
  name: string;
  what: string;
  verdict: Verdict;
  /** What happened, in a few words ("stored 3, rejected 1", "error: …"). */
  got: string;
}

async function storedSum(store: TradeStore): Promise<number> {
  const trade = await store.tradeRows({ productCodes: undefined });
  const series = await store.seriesRows({});
  const prices = await store.priceRows("brent");
  const products = await store.productPoints({});
  return [...trade.map((r) => r.valueUsd), ...series.map((r) => r.value), ...prices.map((r) => r.value), ...products.map((r) => r.valueUsd ?? 0)].reduce((s, v) => s + v, 0);
}

export async function runCase(c: CorpusCase, dir: string): Promise<CaseOutcome> {
  const caseDir = join(dir, c.name.replace(/[^a-z0-9-]+/gi, "_"));
  mkdirSync(join(caseDir, "base"), { recursive: true });
  const path = join(caseDir, c.fileName);
  writeFileSync(path, c.content);
  const store = await DuckDbTradeStore.open(":memory:");
  const done = (verdict: Verdict, got: string): CaseOutcome => ({ name: c.name, what: c.what, verdict, got });
  try {
    if (c.base) {
      const basePath = join(caseDir, "base", c.base.fileName);
      writeFileSync(basePath, c.base.content);
      await ingestFile(store, basePath, { format: c.format });
    }
    const sourcesBefore = (await store.listSources()).length;
    const sumBefore = await storedSum(store);
    let report;
    try {
      report = await ingestFile(store, path, { format: c.format });
    } catch (error) {
      if (!(error instanceof TradetiesError) || error instanceof InternalError || error.exitCode === 70) return done("crash", `${(error as Error)?.name}: ${(error as Error)?.message?.slice(0, 200)}`);
      const unchanged = (await store.listSources()).length === sourcesBefore && (await storedSum(store)) === sumBefore;
      const message = error.describe();
      if (!unchanged) return done("accepted-but-wrong", `error but the store changed: ${message.slice(0, 160)}`);
      if (c.expected.kind === "stored") return done("refused-valid-input", `error: ${message.slice(0, 160)}`);
      return done(c.expected.message.test(message) ? "ok" : "unclear-error", `error: ${message.slice(0, 160)}`);
    }
    const got = `stored ${report.rowsStored}, rejected ${report.rowsRejected}`;
    if (c.expected.kind === "error") return done("accepted-but-wrong", got);
    const sum = (await storedSum(store)) - sumBefore;
    const e = c.expected;
    const sumMatches = Math.abs(sum - e.sumStored) <= 1e-9 * Math.max(1, Math.abs(e.sumStored));
    if (report.rowsStored !== e.stored || report.rowsRejected !== e.rejected || !sumMatches) return done("accepted-but-wrong", `${got}, sum ${sum} (expected stored ${e.stored}, rejected ${e.rejected}, sum ${e.sumStored})`);
    for (const r of report.rejected) if (!r.reason || (r.line === undefined && r.cell === undefined)) return done("unclear-error", `a reject without a line or reason: ${JSON.stringify(r).slice(0, 160)}`);
    return done("ok", got);
  } catch (error) {
    return done("crash", `${(error as Error)?.name}: ${(error as Error)?.message?.slice(0, 200)}`);
  } finally {
    await store.close();
    rmSync(caseDir, { recursive: true, force: true });
  }
}

export async function runCorpus(): Promise<CaseOutcome[]> {
  const dir = mkdtempSync(join(tmpdir(), "tradeties-corpus-"));
  try {
    const outcomes: CaseOutcome[] = [];
    for (const c of await buildCorpus()) outcomes.push(await runCase(c, dir));
    return outcomes;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith("runCorpus.ts")) {
  const outcomes = await runCorpus();
  const counts = new Map<string, number>();
  for (const o of outcomes) counts.set(o.verdict, (counts.get(o.verdict) ?? 0) + 1);
  if (process.argv.includes("--markdown")) {
    console.log("| case | what is wrong | outcome | verdict |\n|---|---|---|---|");
    for (const o of outcomes) console.log(`| \`${o.name}\` | ${o.what} | ${o.got.replace(/\|/g, "\\|").replace(/\n/g, " ")} | ${o.verdict} |`);
  } else for (const o of outcomes) console.log(`${o.verdict.padEnd(20)} ${o.name.padEnd(48)} ${o.got}`);
  console.log(`\n${outcomes.length} cases: ${[...counts].map(([k, n]) => `${k} ${n}`).join(", ")}`);
}
