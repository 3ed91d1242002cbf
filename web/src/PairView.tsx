/**
 * One pair (`/?a=KOR&b=RUS`): the report's headline with its key chart on the first screen, the
 * lead, indicator cards, every report chart live, the data table (one unit per column, sortable),
 * downloads, sources and what the data cannot say.
 */
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { ApiFailure, getJson, pairPath, periodQuery, urlFor, type ChartBlock, type PairYear, type Profile, type ReportDocument, type Selection, type TextPart } from "./api";
import { Cards } from "./Cards";
import { columnUnit, datasetName, describeYears, inUnit, readerMissing } from "./format";
import { LiveChart } from "./LiveChart";
import { ProductsView } from "./ProductsView";

type Loaded = { key: string; report: ReportDocument; profile: Profile };

/** Prose with footnote marks; adjacent marks are separated ("³,¹", not "³¹"). */
export function Parts({ parts }: { parts: TextPart[] }) {
  return (
    <>
      {parts.map((p, i) =>
        "text" in p ? (
          p.text
        ) : (
          <sup key={i}>
            {i > 0 && "fn" in parts[i - 1]! ? "," : ""}
            <a href={`#fn-${p.fn}`} aria-label={`source note ${p.fn}`}>
              {p.fn}
            </a>
          </sup>
        ),
      )}
    </>
  );
}

/** The datasets behind a chart, from the footnotes its caption cites: "Source" in its tooltips. */
function chartSource(doc: ReportDocument, chart: ChartBlock): string {
  const fns = new Set(chart.caption.flatMap((p) => ("fn" in p ? [p.fn] : [])));
  const names = doc.footnotes
    .filter((f) => fns.has(f.fn))
    .flatMap((f) => f.sources ?? [])
    .map((s) => `${datasetName(s.dataset)}${s.vintage && !/^v\d+$/.test(s.vintage) ? ` ${s.vintage}` : ""}`);
  return [...new Set(names)].join("; ");
}

function specTitle(chart: ChartBlock): { title: string; subtitle?: string } {
  const t = chart.spec.title as { text?: string; subtitle?: string } | string | undefined;
  if (typeof t === "object" && t) return { title: t.text ?? chart.title, subtitle: t.subtitle };
  return { title: chart.title };
}

type Column = "year" | "exports" | "imports" | "total" | "balance" | "mirror_exports" | "mirror_imports";
const value = (y: PairYear, c: Column): number | null =>
  c === "year" ? y.year : c === "mirror_exports" ? y.mirror.exports : c === "mirror_imports" ? y.mirror.imports : y[c];

function DataTable({ profile }: { profile: Profile }) {
  const [sort, setSort] = useState<{ key: Column; descending: boolean }>({ key: "year", descending: true });
  const cols: Array<{ key: Column; name: string }> = [
    { key: "exports", name: "Exports" },
    { key: "imports", name: "Imports" },
    { key: "total", name: "Total" },
    { key: "balance", name: "Balance" },
    { key: "mirror_exports", name: "Mirror exports" },
    { key: "mirror_imports", name: "Mirror imports" },
  ];
  const units = Object.fromEntries(cols.map((c) => [c.key, columnUnit(profile.series.map((y) => value(y, c.key)))]));
  const rows = [...profile.series].sort((x, y) => {
    const a = value(x, sort.key) ?? -Infinity;
    const b = value(y, sort.key) ?? -Infinity;
    return (sort.descending ? b - a : a - b) || y.year - x.year;
  });
  const th = (key: Column, text: string) => {
    const active = sort.key === key;
    return (
      <th scope="col" aria-sort={active ? (sort.descending ? "descending" : "ascending") : "none"}>
        <button type="button" class="sort" onClick={() => setSort({ key, descending: active ? !sort.descending : true })}>
          {text}
          <span aria-hidden="true" class="sort-mark">{active ? (sort.descending ? " ▼" : " ▲") : ""}</span>
        </button>
      </th>
    );
  };
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={`Table of ${profile.a_name}'s trade with ${profile.b_name} by year (scrolls)`}>
      <table>
        <thead>
          <tr>
            {th("year", "Year")}
            {cols.map((c) => th(c.key, `${c.name}, ${units[c.key]!.label}`))}
          </tr>
        </thead>
        <tbody>
          {rows.map((y) => (
            <tr key={y.year}>
              <th scope="row">
                {y.year}
                {y.entity_b_code !== profile.b ? <abbr title={`partner reported as ${y.entity_b}`}>*</abbr> : null}
              </th>
              {cols.map((c) => (
                <td key={c.key} class={c.key === "balance" && y.balance !== null && y.balance < 0 ? "neg" : undefined}>
                  {inUnit(value(y, c.key), units[c.key]!)}
                  {c.key === "exports" && y.estimated.exports ? <abbr title="IMF estimate">e</abbr> : null}
                  {c.key === "imports" && y.estimated.imports ? <abbr title="IMF estimate">e</abbr> : null}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The years with a complete total, written as runs so a hole shows ("1976–1981, 1991–2020"). */
export function dataYears(profile: Profile): string {
  return describeYears(profile.series.filter((y) => y.total !== null || y.exports !== null || y.imports !== null).map((y) => y.year));
}

export function PairView({ selection, onError }: { selection: Selection; onError(e: ApiFailure | undefined): void }) {
  const [data, setData] = useState<Loaded>();
  const [loading, setLoading] = useState(false);
  const [notesOpen, setNotesOpen] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const key = urlFor(selection);

  // A footnote mark opens the notes before the browser scrolls to the note (clear of the sticky header: CSS scroll-margin).
  useEffect(() => {
    const onHash = () => {
      if (location.hash.startsWith("#fn-")) {
        setNotesOpen(true);
        requestAnimationFrame(() => document.getElementById(location.hash.slice(1))?.scrollIntoView({ block: "start" }));
      }
    };
    addEventListener("hashchange", onHash);
    return () => removeEventListener("hashchange", onHash);
  }, []);

  useEffect(() => {
    const ctl = new AbortController();
    setLoading(true);
    onError(undefined);
    const base = pairPath(selection);
    Promise.all([getJson<ReportDocument>(`${base}/report${periodQuery(selection, { format: "json" })}`, ctl.signal), getJson<Profile>(`${base}/profile${periodQuery(selection)}`, ctl.signal)]).then(
      ([report, profile]) => {
        setData({ key, report, profile });
        setLoading(false);
      },
      (e: Error) => {
        if (e.name === "AbortError") return;
        onError(e instanceof ApiFailure ? e : new ApiFailure(0, { error: e.message }));
        setLoading(false);
      },
    );
    return () => ctl.abort();
  }, [key]);

  useEffect(() => {
    if (data && data.key === key) headingRef.current?.focus({ preventScroll: true });
  }, [data]);

  const showing = data && data.key === key ? data : undefined;
  const charts = useMemo(() => (showing ? showing.report.sections.flatMap((s) => s.charts) : []), [showing]);
  if (loading && !showing) return <p class="status" role="status">Loading the assessment…</p>;
  if (!showing) return null;
  const doc = showing.report;
  const profile = showing.profile;
  const base = pairPath(selection);
  const stem = [profile.a, profile.b].join("-").toLowerCase();
  const [key0, ...rest] = charts;
  const chart = (c: ChartBlock, extra?: string) => (
    <LiveChart key={c.id} id={c.id} {...specTitle(c)} spec={c.spec} fileStem={`${stem}-${c.id}`} source={chartSource(doc, c)} class={extra}>
      <Parts parts={c.caption} />
    </LiveChart>
  );

  return (
    <>
      {loading ? (
        <p class="status" role="status">
          Updating…
        </p>
      ) : null}
      <section class="findings first-screen" aria-labelledby="headline">
        <div class="first-head">
          <p class="pair-title">
            {profile.a_name} and {profile.b_name}
            {profile.series.length ? ` · data ${dataYears(profile)}` : " · no trade data in this period"} · <a href={urlFor({ a: profile.a })}>all partners of {profile.a_name}</a>
          </p>
          <h2 id="headline" tabIndex={-1} ref={headingRef}>
            {doc.headline}
          </h2>
        </div>
        {key0 ? <div class="first-chart">{chart(key0, "key-chart")}</div> : null}
        <div class="first-text">
          <p class="lead">
            {doc.lead.sentences.map((s, i) => (
              <span key={i}>
                <Parts parts={s.parts} />{" "}
              </span>
            ))}
          </p>
          {doc.risks.length ? (
            <ul class="risks" aria-label="Risks">
              {doc.risks.map((r) => (
                <li key={r.id} class={`risk risk-${r.level}`}>
                  <strong>{r.level === "high" ? "High risk" : "Risk"}:</strong> {r.title}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </section>

      <section aria-labelledby="ind-h">
        <h2 id="ind-h" class="section-h">
          Indicators
        </h2>
        <Cards p={profile} />
      </section>

      <section aria-labelledby="dl-h" class="downloads">
        <h2 id="dl-h" class="section-h">
          Download
        </h2>
        <p>
          Report:{" "}
          <a href={`${base}/report${periodQuery(selection, { format: "html", download: "1" })}`} download="">
            HTML
          </a>{" "}
          ·{" "}
          <a href={`${base}/report${periodQuery(selection, { format: "pdf" })}`} download="">
            PDF
          </a>{" "}
          ·{" "}
          <a href={`${base}/report${periodQuery(selection, { format: "md", download: "1" })}`} download="">
            Markdown
          </a>
          <span class="sep"> — </span>
          Data:{" "}
          <a href={`${base}${periodQuery(selection, { format: "csv" })}`} download="">
            CSV
          </a>{" "}
          ·{" "}
          <a href={`${base}${periodQuery(selection)}`} download={`${selection.a}-${selection.b}-pair.json`.toLowerCase()}>
            JSON
          </a>
        </p>
      </section>

      {rest.length ? (
        <section aria-labelledby="charts-h">
          <h2 id="charts-h" class="section-h">
            Charts
          </h2>
          <div class="charts">{rest.map((c) => chart(c))}</div>
        </section>
      ) : key0 ? null : (
        <p>The loaded data supports no chart for this pair and period.</p>
      )}

      <ProductsView a={profile.a} b={profile.b} />

      <section aria-labelledby="data-h">
        <h2 id="data-h" class="section-h">
          Data: {profile.a_name}'s trade with {profile.b_name}
        </h2>
        <DataTable profile={profile} />
        <p class="note">
          Exports and imports as {profile.a_name} reports them; mirror figures as {profile.b_name} reports them. Click a column to sort. * a predecessor entity (e.g. the USSR) · e an IMF estimate.
        </p>
      </section>

      {doc.footnotes.length ? (
        <section aria-labelledby="notes-h">
          <details class="notes" open={notesOpen} onToggle={(e) => setNotesOpen((e.target as HTMLDetailsElement).open)}>
            <summary>
              <h2 id="notes-h" class="section-h">
                Sources and notes ({doc.footnotes.length})
              </h2>
            </summary>
            <ol>
              {doc.footnotes.map((f) => (
                <li key={f.fn} id={`fn-${f.fn}`} value={f.fn}>
                  {f.text}
                  {f.sources?.length ? <span class="note-src"> — {[...new Set(f.sources.map((s) => `${datasetName(s.dataset)}${s.vintage && !/^v\d+$/.test(s.vintage) ? ` ${s.vintage}` : ""}`))].join("; ")}</span> : null}
                </li>
              ))}
            </ol>
          </details>
        </section>
      ) : null}

      {doc.missing.length ? (
        <section aria-labelledby="missing-h">
          <h2 id="missing-h" class="section-h">
            What the loaded data cannot say
          </h2>
          <ul class="missing">
            {doc.missing.map((m) => (
              <li key={m}>{readerMissing(m)}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
