/** Indicator cards: the profile's headline numbers, each with what it measures. */
import type { ComponentChildren } from "preact";
import type { Profile } from "./api";
import { coefficient, pct, signedPct, times, usd } from "./format";

function Card({ title, value, children, tone }: { title: string; value: string; children?: ComponentChildren; tone?: "bad" | "good" }) {
  return (
    <li class={`card${tone ? ` card-${tone}` : ""}`}>
      <h3>{title}</h3>
      <p class="card-value">{value}</p>
      {children ? <p class="card-note">{children}</p> : null}
    </li>
  );
}

export function Cards({ p }: { p: Profile }) {
  const g = p.growth;
  const span = g?.published_span;
  const streak = p.balance?.streak;
  const v = p.volatility;
  const rel = v?.relative;
  const corr = p.commodity?.levels.pearson;
  const shifts = p.competition?.partner_import_shares.shifts ?? [];
  const own = shifts.find((s) => s.supplier === p.a);
  const rival = shifts.filter((s) => s.supplier !== p.a).sort((x, y) => (y.change ?? 0) - (x.change ?? 0))[0];
  return (
    <ul class="cards" aria-label="Indicators">
      {g ? (
        <Card title="Growth of trade" value={times(span?.multiple ?? g.multiple)}>
          {span ? `${span.from_year}–${span.to_year}` : `${g.from_year}–${g.to_year}`}: {usd(span?.from_value ?? g.from_value)} → {usd(span?.to_value ?? g.to_value)}; {pct(span?.cagr ?? g.cagr)} a year (CAGR)
        </Card>
      ) : (
        <Card title="Growth of trade" value="–">no trade series for this pair</Card>
      )}
      {streak ? (
        <Card title="Balance streak" value={`${streak.years} years`} tone={streak.sign === "deficit" ? "bad" : "good"}>
          {p.a_name} in {streak.sign} with {p.b_name} every year {streak.since}–{streak.through}
          {p.balance?.cumulative ? `; cumulative ${usd(p.balance.cumulative.value)}` : ""}
        </Card>
      ) : (
        <Card title="Balance streak" value="–">no balance series</Card>
      )}
      {v?.value !== undefined ? (
        <Card title="Volatility vs peers" value={rel ? `${(v.value / rel.peerMedianVolatility).toLocaleString("en-US", { maximumFractionDigits: 1 })}× peers` : v.value.toFixed(2)} tone={rel && v.value > rel.peerMedianVolatility ? "bad" : undefined}>
          σ of log growth {v.value.toFixed(2)}
          {rel ? ` vs median ${rel.peerMedianVolatility.toFixed(2)} of ${p.a_name}'s ${rel.peersCompared} largest partners` : ""} ({v.window.from_year}–{v.window.to_year})
        </Card>
      ) : (
        <Card title="Volatility vs peers" value="–">too few years</Card>
      )}
      <Card title="Shock years" value={v ? String(v.shocks.length) : "–"} tone={v && v.shocks.length ? "bad" : undefined}>
        {v ? (v.shocks.length ? `falls of ${pct(-v.shock_threshold, 0)} or more: ${v.shocks.map((s) => `${s.year} (${signedPct(s.growth)})`).join(", ")}` : `no fall of ${pct(-v.shock_threshold, 0)} or more`) : "no series"}
      </Card>
      {corr ? (
        <Card title={`Link to the ${capitalize(p.commodity!.price_series)} price`} value={`r = ${coefficient(corr.r)}`}>
          levels, n = {corr.n}
          {p.commodity!.growth.pearson ? `; on growth r = ${coefficient(p.commodity!.growth.pearson.r)}` : ""}
        </Card>
      ) : (
        <Card title="Link to oil price" value="–">no price series loaded</Card>
      )}
      {own || rival ? (
        <Card title={`Shares of ${p.competition!.partner_name}'s imports`} value={own ? pct(own.to_share) : "–"}>
          {own ? `${own.name}: ${pct(own.from_share)} (${own.from_year}) → ${pct(own.to_share)} (${own.to_year})` : ""}
          {rival ? `${own ? "; " : ""}${rival.name}: ${pct(rival.from_share)} → ${pct(rival.to_share)}` : ""}
        </Card>
      ) : (
        <Card title="Competitor share" value="–">no import data for the partner</Card>
      )}
    </ul>
  );
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
