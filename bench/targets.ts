/**
 * The targets of the speed work (issue "Speed at real scale"), printed beside the figure they
 * judge. A target is a bound on one figure of the same run; nothing is asserted, the line says
 * "ok" or "missed" so a reader sees both the figure and how far it is from the goal.
 * @module
 */

interface Bound {
  /** The figure must be at most this (≤) or at least this (≥). */
  op: "<=" | ">=";
  value: number;
}

export const TARGETS: Record<string, Bound> = {
  ingest_cpu_vs_typed_ctas_ratio_small: { op: "<=", value: 2.0 },
  ingest_cpu_vs_typed_ctas_ratio_n: { op: "<=", value: 2.0 },
  ingest_cpu_vs_typed_ctas_ratio_2n: { op: "<=", value: 2.0 },
  ingest_peak_rss_2n: { op: "<=", value: 1.2 * 1024 },
  baci_full_projection_s: { op: "<=", value: 300 },
  biggest_profile_warm_p50: { op: "<=", value: 60 },
  world_profile_warm_p50: { op: "<=", value: 40 },
  world_report_html_warm_p50: { op: "<=", value: 120 },
  world_report_command_s: { op: "<=", value: 0.9 },
  world_batch_all_partners_s: { op: "<=", value: 25 },
};

/** `name value unit`, and `target ≤ x ok|missed` when the figure has a target. */
export function figureLine(name: string, value: number, unit: string): string {
  const shown = Number.isInteger(value) ? String(value) : Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(4);
  const target = TARGETS[name];
  if (!target) return `${name} ${shown} ${unit}`;
  const met = target.op === "<=" ? value <= target.value : value >= target.value;
  return `${name} ${shown} ${unit}  target ${target.op === "<=" ? "≤" : "≥"} ${target.value} ${unit}: ${met ? "ok" : "missed"}`;
}

/** The 1-, 5- and 15-minute load averages: the machine is shared, figures are read beside them. */
export async function loadAverage(): Promise<string> {
  const { loadavg } = await import("node:os");
  return loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
}

/**
 * Runs `work` with the read-only store's memo of reads turned off (TRADETIES_READ_CACHE_ROWS=0
 * for the stores opened inside it): a repeated query would otherwise be answered from memory, and
 * a warm figure would time a map lookup instead of the query it names.
 */
export async function withoutReadMemo<T>(work: () => Promise<T>): Promise<T> {
  const before = process.env.TRADETIES_READ_CACHE_ROWS;
  process.env.TRADETIES_READ_CACHE_ROWS = "0";
  try {
    return await work();
  } finally {
    if (before === undefined) delete process.env.TRADETIES_READ_CACHE_ROWS;
    else process.env.TRADETIES_READ_CACHE_ROWS = before;
  }
}
