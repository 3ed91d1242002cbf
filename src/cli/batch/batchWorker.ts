/**
 * A batch worker thread (see reportWorkers.ts): opens its own read-only handle on the store, then
 * writes the reports it is sent one at a time until told to close.
 * @module
 */
import { parentPort } from "node:worker_threads";
import { toWire } from "../../server/analysis/wire.js";
import { openTradeStore } from "../../store/openTradeStore.js";
import type { TradeStore } from "../../store/TradeStore.js";
import { writePartnerReport } from "./partnerReport.js";
import type { FromBatchWorker, ToBatchWorker } from "./reportWorkers.js";

const port = parentPort!;
const post = (m: FromBatchWorker) => port.postMessage(m);
let store: Promise<TradeStore> | undefined;
let job: Extract<ToBatchWorker, { type: "init" }> | undefined;

port.on("message", (m: ToBatchWorker) => void handle(m));

async function handle(m: ToBatchWorker): Promise<void> {
  if (m.type === "init") {
    job = m;
    store = openTradeStore(m.location, { readOnly: true });
    try {
      await store;
      post({ type: "ready" });
    } catch (error) {
      post({ type: "failed", index: -1, error: toWire(error) });
    }
  } else if (m.type === "report") {
    try {
      const entry = await writePartnerReport(await store!, job!.reporter, m.partner, job!.options);
      post({ type: "done", index: m.index, entry });
    } catch (error) {
      post({ type: "failed", index: m.index, error: toWire(error) });
    }
  } else {
    await (await store?.catch(() => undefined))?.close();
    port.close();
  }
}
