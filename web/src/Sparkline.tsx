/**
 * A word-sized trend line for a table row (Tufte's sparkline): one path per run of consecutive
 * years, so a gap stays a gap; the last value is dotted. Decorative next to the numbers it sits
 * beside, so it is hidden from screen readers, which read the row's numbers instead.
 */
const W = 96;
const H = 22;

export function Sparkline({ points }: { points: Array<{ year: number; total_usd: number | null }> }) {
  const known = points.filter((p): p is { year: number; total_usd: number } => p.total_usd !== null);
  if (known.length < 2) return <span class="spark-none">–</span>;
  const x0 = points[0]!.year;
  const x1 = points[points.length - 1]!.year;
  const max = Math.max(...known.map((p) => p.total_usd));
  const x = (year: number) => (x1 === x0 ? 0 : ((year - x0) / (x1 - x0)) * (W - 4) + 2);
  const y = (v: number) => H - 2 - (max === 0 ? 0 : (v / max) * (H - 4));
  const runs: string[] = [];
  let run = "";
  for (const p of points) {
    if (p.total_usd === null) {
      if (run) runs.push(run);
      run = "";
      continue;
    }
    run += `${run ? "L" : "M"}${x(p.year).toFixed(1)},${y(p.total_usd).toFixed(1)}`;
  }
  if (run) runs.push(run);
  const last = known[known.length - 1]!;
  return (
    <svg class="spark" width={W} height={H} viewBox={`0 0 ${W} ${H}`} aria-hidden="true" focusable="false">
      {runs.map((d, i) => (
        <path key={i} d={d} fill="none" stroke="#0072B2" stroke-width="1.5" />
      ))}
      <circle cx={x(last.year)} cy={y(last.total_usd)} r="2" fill="#0072B2" />
    </svg>
  );
}
