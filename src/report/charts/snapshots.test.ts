/**
 * Snapshot SVGs of every chart from the SYNTHETIC inputs in `samples.ts`, kept in
 * test/output/charts/<name>.svg. A missing file is written; a different one fails the test.
 * After an intended change of a chart, delete the file(s), rerun, and look at the new SVGs.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { balanceSpec } from "./balance.js";
import type { VegaLiteSpec } from "./common.js";
import { compositionSpec } from "./composition.js";
import { importSharesSpec } from "./importShares.js";
import { peopleFlowsSpec } from "./peopleFlows.js";
import { renderSvg } from "./render.js";
import { SAMPLE_INPUTS } from "./samples.js";
import { svgProblem } from "./testSupport.js";
import { tradeVolumeSpec } from "./tradeVolume.js";
import { tradeVsPriceSpec } from "./tradeVsPrice.js";

const SNAPSHOT_DIR = fileURLToPath(new URL("../../../test/output/charts/", import.meta.url));

const charts: [name: string, spec: () => VegaLiteSpec][] = [
  ["tradeVolume", () => tradeVolumeSpec(SAMPLE_INPUTS.tradeVolume)],
  ["balance", () => balanceSpec(SAMPLE_INPUTS.balance)],
  ["importShares", () => importSharesSpec(SAMPLE_INPUTS.importShares)],
  ["peopleFlows", () => peopleFlowsSpec(SAMPLE_INPUTS.peopleFlows)],
  ["tradeVsPrice", () => tradeVsPriceSpec(SAMPLE_INPUTS.tradeVsPrice)],
  ["composition", () => compositionSpec(SAMPLE_INPUTS.composition)],
];

describe("chart snapshots (synthetic inputs)", () => {
  it.each(charts)("%s matches test/output/charts/%s.svg", async (name, spec) => {
    const svg = await renderSvg(spec());
    expect(svgProblem(svg)).toBeNull();
    const file = `${SNAPSHOT_DIR}${name}.svg`;
    if (!existsSync(file)) {
      mkdirSync(SNAPSHOT_DIR, { recursive: true });
      writeFileSync(file, svg);
      return;
    }
    const stored = readFileSync(file, "utf8");
    expect(
      svg === stored,
      `${name}.svg differs from its snapshot. If the change is intended, delete test/output/charts/${name}.svg, ` +
        "rerun the tests to write it anew, and look at the new chart before committing it.",
    ).toBe(true);
  });

  it("renders every chart byte-identically in forward and reverse order", async () => {
    const forward: string[] = [];
    for (const [, spec] of charts) forward.push(await renderSvg(spec()));
    const backward: string[] = [];
    for (const [, spec] of [...charts].reverse()) backward.unshift(await renderSvg(spec()));
    expect(backward).toEqual(forward);
  });
});
