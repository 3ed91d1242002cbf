import { buildProfile } from "../../profile/buildProfile.js";
import { pct, times, usd } from "../../report/format.js";
import { openStore } from "../openStore.js";
import { parseYear } from "../parse.js";

export interface ProfileCommandOptions {
  store?: string;
  from?: string;
  to?: string;
  referenceYear?: string;
  json?: boolean;
}

export async function profile(a: string, b: string, options: ProfileCommandOptions, log: (line: string) => void = console.log): Promise<void> {
  const store = await openStore(options.store, { readOnly: true });
  try {
    const p = await buildProfile(store, a, b, {
      from: parseYear(options.from, "--from"),
      to: parseYear(options.to, "--to"),
      referenceYear: parseYear(options.referenceYear, "--reference-year"),
    });
    if (options.json) return log(JSON.stringify(p, null, 2));
    log(`${p.a_name}–${p.b_name} profile${p.period ? `, ${p.period.from}–${p.period.to}` : ""} (values in USD, reporter-side unless marked)`);
    const g = p.growth;
    if (g) {
      log(`growth       ${usd(g.from_value)} (${g.from_year}) → ${usd(g.to_value)} (${g.to_year}): ${times(g.multiple)}, CAGR ${pct(g.cagr)}`);
      if (g.published_span) log(`             with the published ${g.published_span.from_year} point: ${times(g.published_span.multiple)} over ${g.published_span.from_year}–${g.published_span.to_year}`);
      log(`record high  ${usd(g.record_high.value)} in ${g.record_high.year}`);
    }
    const s = p.balance?.streak;
    if (s) log(`balance      ${s.sign} every year ${s.since}–${s.through} (${s.years} years), cumulative ${usd(p.balance!.cumulative?.value)}`);
    const v = p.volatility;
    if (v) {
      log(`volatility   σ(log growth) ${v.value?.toFixed(3)} over ${v.window.from_year}–${v.window.to_year}; peers' median ${v.relative?.peerMedianVolatility.toFixed(3)} (${v.relative?.peersCompared} largest partners)`);
      log(`shocks       ${v.shocks.map((x) => `${x.year} ${pct(x.growth, 0)}`).join(", ") || "none"}`);
    }
    const c = p.commodity?.levels.pearson;
    if (c) log(`${p.commodity!.price_series.padEnd(12)} r = ${c.r.toFixed(2)} on levels (n = ${c.n}), r = ${p.commodity!.growth.pearson?.r.toFixed(2)} on growth`);
    for (const sh of p.competition?.partner_import_shares.shifts ?? []) {
      log(`${p.b} imports  ${sh.name.padEnd(24)} ${pct(sh.from_share)} (${sh.from_year}) → ${pct(sh.to_share)} (${sh.to_year}); low ${pct(sh.low?.share)} (${sh.low?.year})`);
    }
    for (const m of p.missing) log(`missing      ${m}`);
    // Every figure above comes from these files; --json ties each block to its own.
    for (const s of p.sources) log(`source       ${s.file} (${s.dataset} ${s.vintage}, ${s.side} side)`);
  } finally {
    await store.close();
  }
}
