/** Numbers for people, as the reports write them. */

export function usd(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "–";
  const sign = v < 0 ? "−" : "";
  const a = Math.abs(v);
  if (a >= 1e9) return `${sign}$${(a / 1e9).toLocaleString("en-US", { maximumFractionDigits: 2 })} bn`;
  if (a >= 1e6) return `${sign}$${(a / 1e6).toLocaleString("en-US", { maximumFractionDigits: 1 })} m`;
  return `${sign}$${Math.round(a).toLocaleString("en-US")}`;
}

export function pct(f: number | undefined, digits = 1): string {
  if (f === undefined || !Number.isFinite(f)) return "–";
  return `${(f * 100).toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })}\u00a0%`;
}

export function signedPct(f: number, digits = 0): string {
  return `${f < 0 ? "−" : "+"}${(Math.abs(f) * 100).toLocaleString("en-US", { maximumFractionDigits: digits })}\u00a0%`;
}

export function times(m: number | undefined): string {
  if (m === undefined || !Number.isFinite(m)) return "–";
  return m >= 10 ? `×${Math.round(m)}` : `×${m.toLocaleString("en-US", { maximumFractionDigits: 1 })}`;
}

export function coefficient(r: number): string {
  return r.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
