/**
 * One country's partners (`/?a=KOR`): a map and a ranked, sortable, filterable table of every
 * partner by total trade in the reference year, with share, rank change, growth over one common
 * window, balance and a sparkline; a row opens the pair; ticked rows are compared side by side.
 */
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { ApiFailure, getJson, urlFor, type CountryPartners, type PartnerRow, type Selection } from "./api";
import { compareSpec, partnerMapSpec, sourceLine } from "./explorerSpecs";
import { columnUnit, describeYears, fixedPct, inUnit, pct, signedPct, usd } from "./format";
import { LiveChart } from "./LiveChart";
import { Sparkline } from "./Sparkline";

type SortKey = "rank" | "name" | "share" | "rank_change" | "growth_cagr" | "balance_usd" | "total_usd";

/** Most partners compared at once: beyond six, lines in one chart stop being told apart. */
export const MAX_COMPARED = 6;

interface Props {
  selection: Selection;
  navigate(next: Selection): void;
}

export function CountryView({ selection, navigate }: Props) {
  const [data, setData] = useState<CountryPartners>();
  const [error, setError] = useState<ApiFailure>();
  const [filter, setFilter] = useState("");
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: "rank", descending: false });
  const [growthYears, setGrowthYears] = useState(5);
  const [ticked, setTicked] = useState<string[]>(selection.compare ?? []);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => setTicked(selection.compare ?? []), [selection.compare?.join(",")]);

  useEffect(() => {
    const ctl = new AbortController();
    setError(undefined);
    const q = new URLSearchParams();
    if (selection.year) q.set("reference_year", String(selection.year));
    if (growthYears !== 5) q.set("growth_years", String(growthYears));
    const qs = q.toString();
    getJson<CountryPartners>(`/api/countries/${encodeURIComponent(selection.a!)}/partners${qs ? `?${qs}` : ""}`, ctl.signal).then(
      (r) => setData(r),
      (e: Error) => {
        if (e.name !== "AbortError") setError(e instanceof ApiFailure ? e : new ApiFailure(0, { error: e.message }));
      },
    );
    return () => ctl.abort();
  }, [selection.a, selection.year, growthYears]);

  useEffect(() => {
    if (data) headingRef.current?.focus({ preventScroll: true });
  }, [data?.a]);

  const shown = useMemo(() => {
    if (!data) return [];
    const f = filter.trim().toLowerCase();
    const rows = f ? data.partners.filter((p) => p.name.toLowerCase().includes(f) || p.partner.toLowerCase() === f) : [...data.partners];
    const val = (p: PartnerRow): number | string => (sort.key === "name" ? p.name : ((p[sort.key] as number | null | undefined) ?? -Infinity));
    rows.sort((x, y) => {
      const a = val(x);
      const b = val(y);
      const c = typeof a === "string" ? a.localeCompare(b as string) : (a as number) - (b as number);
      return (sort.descending ? -c : c) || x.rank - y.rank;
    });
    return rows;
  }, [data, filter, sort]);

  if (error) return <div class="error" role="alert"><p>{error.body.error.replace(/\. Search with \/api\/.*$/, ".")}</p></div>;
  if (!data) return <p class="status" role="status">Loading {selection.a}'s partners…</p>;

  const totalUnit = columnUnit(data.partners.map((p) => p.total_usd));
  const balanceUnit = columnUnit(data.partners.map((p) => p.balance_usd));
  const chosen = ticked.map((code) => data.partners.find((p) => p.partner === code)).filter((p): p is PartnerRow => Boolean(p));
  const stem = `${data.a.toLowerCase()}-partners-${data.reference_year}`;
  const w = data.growth_window;

  const header = (key: SortKey, text: string, numeric = true) => {
    const active = sort.key === key;
    return (
      <th scope="col" aria-sort={active ? (sort.descending ? "descending" : "ascending") : "none"} class={numeric ? undefined : "text"}>
        <button type="button" class="sort" onClick={() => setSort({ key, descending: active ? !sort.descending : key !== "rank" && key !== "name" })}>
          {text}
          <span aria-hidden="true" class="sort-mark">{active ? (sort.descending ? " ▼" : " ▲") : ""}</span>
        </button>
      </th>
    );
  };

  const toggle = (code: string) => setTicked((t) => (t.includes(code) ? t.filter((c) => c !== code) : t.length >= MAX_COMPARED ? t : [...t, code]));

  return (
    <>
      <section class="findings country-head" aria-labelledby="country-h">
        <p class="pair-title">
          {data.a_name} · data {describeYears(data.years)}
        </p>
        <h2 id="country-h" tabIndex={-1} ref={headingRef}>
          {data.a_name}'s trade partners in {data.reference_year}
        </h2>
        <p class="lead">
          {data.partners.length} partners, total trade {usd(data.total_usd)}.{" "}
          {data.partners[0] ? `Largest: ${data.partners.slice(0, 3).map((p) => `${p.name} (${pct(p.share)})`).join(", ")}.` : ""}{" "}
          {data.side === "mirror" ? `${data.a_name} reports no trade figures in the loaded data, so these are its partners' figures for their trade with it.` : ""}
        </p>
        <div class="view-controls">
          <label>
            Year{" "}
            <select value={String(data.reference_year)} onChange={(e) => navigate({ a: selection.a, year: Number((e.target as HTMLSelectElement).value), compare: ticked.length ? ticked : undefined })}>
              {[...data.years].reverse().map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
          <label>
            Growth over{" "}
            <select value={String(growthYears)} onChange={(e) => setGrowthYears(Number((e.target as HTMLSelectElement).value))}>
              {[1, 5, 10, 20].map((n) => (
                <option key={n} value={n}>
                  {n === 1 ? "1 year" : `${n} years`}
                </option>
              ))}
            </select>
          </label>
          <a class="button-link" href={`/api/countries/${data.a}/partners?${new URLSearchParams({ reference_year: String(data.reference_year), ...(growthYears !== 5 ? { growth_years: String(growthYears) } : {}), format: "csv" })}`} download="">
            Download the table (CSV)
          </a>
        </div>
      </section>

      {chosen.length ? (
        <section aria-labelledby="compare-h" class="compare">
          <h2 id="compare-h" class="section-h">
            {data.a_name} with {chosen.map((p) => p.name).join(", ")}, side by side
          </h2>
          <LiveChart id="compare" title={`Total trade with each partner, ${chosen[0]!.series[0]?.year ?? ""}–${data.reference_year}`} subtitle="billion USD" spec={compareSpec(data, chosen)} fileStem={`${data.a.toLowerCase()}-compare`} source={sourceLine(data)} />
          <div class="compare-cards">
            {chosen.map((p) => (
              <article key={p.partner} class="card compare-card">
                <h3>
                  <a href={urlFor({ a: data.a, b: p.partner })}>{p.name}</a>
                </h3>
                <p class="card-value">{pct(p.share)}</p>
                <p class="card-note">
                  share of {data.a_name}'s trade in {data.reference_year}; rank {p.rank}
                  {p.rank_change ? ` (${p.rank_change > 0 ? "up" : "down"} ${Math.abs(p.rank_change)} since ${w.from_year})` : ""}; growth {p.growth_cagr !== undefined ? `${signedPct(p.growth_cagr, 1)} a year ${w.from_year}–${w.to_year}` : "–"}; balance {inUnit(p.balance_usd, balanceUnit)} {balanceUnit.label}
                </p>
              </article>
            ))}
          </div>
          <p>
            <button type="button" class="link" onClick={() => navigate({ a: data.a, year: selection.year })}>
              Stop comparing
            </button>
          </p>
        </section>
      ) : null}

      <section aria-labelledby="map-h">
        <h2 id="map-h" class="section-h">
          Where {data.a_name} trades
        </h2>
        <LiveChart
          id="map"
          title={`Total trade by partner, ${data.reference_year}`}
          subtitle="grey: no figure; click a country to open the pair"
          spec={partnerMapSpec(data)}
          fileStem={`${stem}-map`}
          rows={data.partners.map((p) => ({ rank: p.rank, partner: p.partner, name: p.name, total_usd: Math.round(p.total_usd), share: Number(p.share.toPrecision(6)) }))}
          onView={(view) =>
            view.addEventListener("click", (_e, item) => {
              const partner = (item as { datum?: { partner?: string } } | null | undefined)?.datum?.partner;
              if (partner) navigate({ a: data.a, b: partner });
            })
          }
        />
      </section>

      <section aria-labelledby="partners-h">
        <div class="table-head">
          <h2 id="partners-h" class="section-h">
            Every partner, {data.reference_year}
          </h2>
          <label class="filter">
            Filter partners{" "}
            <input type="search" value={filter} placeholder="name or code" onInput={(e) => setFilter((e.target as HTMLInputElement).value)} />
          </label>
          <button type="button" class="apply" disabled={chosen.length < 2} onClick={() => navigate({ a: data.a, year: selection.year, compare: ticked })}>
            Compare ticked ({chosen.length})
          </button>
        </div>
        <p class="note">
          {data.measure.charAt(0).toUpperCase() + data.measure.slice(1)}. Share of the sum over all partners. Growth: compound annual rate {w.from_year}–{w.to_year}. Rank change: since {w.from_year}. Tick up to {MAX_COMPARED} partners to compare them.
        </p>
        <div class="table-wrap partners" tabIndex={0} role="region" aria-label={`Table of ${data.a_name}'s partners (scrolls)`}>
          <table>
            <thead>
              <tr>
                <th scope="col" class="text">
                  <span class="sr-only">Compare</span>
                </th>
                {header("rank", "Rank")}
                {header("name", "Partner", false)}
                {header("total_usd", `Total, ${totalUnit.label}`)}
                {header("share", "Share")}
                {header("rank_change", `Rank since ${w.from_year}`)}
                {header("growth_cagr", `Growth a year, ${w.from_year}–${w.to_year}`)}
                {header("balance_usd", `Balance, ${balanceUnit.label}`)}
                <th scope="col" class="text">
                  Trend {data.partners[0]?.series[0]?.year ?? ""}–{data.reference_year}
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((p) => (
                <tr key={p.partner}>
                  <td class="text">
                    <input type="checkbox" checked={ticked.includes(p.partner)} disabled={!ticked.includes(p.partner) && ticked.length >= MAX_COMPARED} onChange={() => toggle(p.partner)} aria-label={`compare ${p.name}`} />
                  </td>
                  <td>{p.rank}</td>
                  <th scope="row" class="text">
                    <a href={urlFor({ a: data.a, b: p.partner })} onClick={(e) => (e.preventDefault(), navigate({ a: data.a, b: p.partner }))}>
                      {p.name}
                    </a>
                    {p.estimated ? <abbr title="includes an IMF estimate">e</abbr> : null}
                  </th>
                  <td>{inUnit(p.total_usd, totalUnit)}</td>
                  <td>{pct(p.share)}</td>
                  <td>{p.rank_change === undefined ? <span title={`no figure in ${w.from_year}`}>new</span> : p.rank_change === 0 ? "=" : p.rank_change > 0 ? `▲ ${p.rank_change}` : `▼ ${-p.rank_change}`}</td>
                  <td class={p.growth_cagr !== undefined && p.growth_cagr < 0 ? "neg" : undefined}>{p.growth_cagr === undefined ? "–" : fixedPct(p.growth_cagr)}</td>
                  <td class={p.balance_usd !== null && p.balance_usd < 0 ? "neg" : undefined}>{inUnit(p.balance_usd, balanceUnit)}</td>
                  <td class="text">
                    <Sparkline points={p.series} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {shown.length === 0 ? <p class="note">No partner matches “{filter}”.</p> : null}
        <p class="note">Source: {sourceLine(data)}.</p>
      </section>
    </>
  );
}
