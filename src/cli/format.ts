/** Plain-text tables for the terminal; numbers arrive already rendered. */
export function textTable(header: string[], rows: string[][], alignRight: boolean[] = []): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (alignRight[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** USD → "7,789.791" million USD: the unit goes in the column header. */
export function millions(valueUsd: number | null | undefined, digits = 3): string {
  if (valueUsd === null || valueUsd === undefined) return "–";
  return (valueUsd / 1e6).toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function count(n: number): string {
  return n.toLocaleString("en-US");
}
