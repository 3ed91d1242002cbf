/**
 * The dashboard: pick two countries and a period (kept in the URL), then read the report's
 * headline and lead, the indicator cards, the report's own charts, the data, and download it all.
 */
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { ApiFailure, getJson, pairPath, periodQuery, readUrl, urlFor, type CountryMatch, type Profile, type ReportDocument, type Selection, type TextPart } from "./api";
import { Cards } from "./Cards";
import { Combobox } from "./Combobox";
import { usd } from "./format";

type Loaded = { key: string; report: ReportDocument; profile: Profile };

/** Prose with footnote marks; adjacent marks are separated ("³,¹", not "³¹"). */
function Parts({ parts }: { parts: TextPart[] }) {
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

async function resolveCode(code: string): Promise<CountryMatch | undefined> {
  const r = await getJson<{ results: CountryMatch[] }>(`/api/countries?q=${encodeURIComponent(code)}&limit=5`);
  return r.results.find((c) => c.code.toUpperCase() === code.toUpperCase()) ?? r.results[0];
}

const YEAR = /^\d{4}$/;

export function App() {
  const initial = useMemo(() => readUrl(), []);
  const [a, setA] = useState<CountryMatch>();
  const [b, setB] = useState<CountryMatch>();
  const [fromText, setFromText] = useState(initial.from?.toString() ?? "");
  const [toText, setToText] = useState(initial.to?.toString() ?? "");
  const [applied, setApplied] = useState<Selection>(initial);
  const [data, setData] = useState<Loaded>();
  const [error, setError] = useState<ApiFailure>();
  const [loading, setLoading] = useState(false);
  const [periodError, setPeriodError] = useState("");
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [notesOpen, setNotesOpen] = useState(false);

  // A footnote mark opens the notes before the browser scrolls to the note.
  useEffect(() => {
    const onHash = () => {
      if (location.hash.startsWith("#fn-")) {
        setNotesOpen(true);
        requestAnimationFrame(() => document.getElementById(location.hash.slice(1))?.scrollIntoView());
      }
    };
    addEventListener("hashchange", onHash);
    return () => removeEventListener("hashchange", onHash);
  }, []);

  // Names for the codes in a shared link.
  useEffect(() => {
    if (initial.a) resolveCode(initial.a).then(setA, () => undefined);
    if (initial.b) resolveCode(initial.b).then(setB, () => undefined);
  }, []);

  useEffect(() => {
    const onPop = () => {
      const s = readUrl();
      setApplied(s);
      setFromText(s.from?.toString() ?? "");
      setToText(s.to?.toString() ?? "");
      if (s.a) resolveCode(s.a).then(setA, () => undefined);
      if (s.b) resolveCode(s.b).then(setB, () => undefined);
    };
    addEventListener("popstate", onPop);
    return () => removeEventListener("popstate", onPop);
  }, []);

  const key = applied.a && applied.b ? urlFor(applied) : "";
  useEffect(() => {
    if (!key) return;
    const ctl = new AbortController();
    setLoading(true);
    setError(undefined);
    const base = pairPath(applied);
    const q = periodQuery(applied);
    Promise.all([getJson<ReportDocument>(`${base}/report${periodQuery(applied, { format: "json" })}`, ctl.signal), getJson<Profile>(`${base}/profile${q}`, ctl.signal)]).then(
      ([report, profile]) => {
        setData({ key, report, profile });
        setLoading(false);
      },
      (e: Error) => {
        if (e.name === "AbortError") return;
        setError(e instanceof ApiFailure ? e : new ApiFailure(0, { error: e.message }));
        setLoading(false);
      },
    );
    return () => ctl.abort();
  }, [key]);

  useEffect(() => {
    if (data && data.key === key) headingRef.current?.focus();
  }, [data]);

  const apply = (next: Partial<Selection>, push = true) => {
    const s: Selection = { ...applied, ...next };
    if (!s.a || !s.b) {
      setApplied(s);
      return;
    }
    setApplied(s);
    const url = urlFor(s);
    if (url !== location.pathname + location.search) (push ? history.pushState : history.replaceState).call(history, null, "", url);
  };

  const applyPeriod = (e?: Event) => {
    e?.preventDefault();
    const f = fromText.trim();
    const t = toText.trim();
    if (f && !YEAR.test(f)) return setPeriodError(`"From" must be a four-digit year, like 1990`);
    if (t && !YEAR.test(t)) return setPeriodError(`"To" must be a four-digit year, like 2020`);
    if (f && t && Number(f) > Number(t)) return setPeriodError(`"From" (${f}) is after "To" (${t}); swap them`);
    setPeriodError("");
    apply({ from: f ? Number(f) : undefined, to: t ? Number(t) : undefined });
  };

  const showing = data && data.key === key ? data : undefined;
  const doc = showing?.report;
  const charts = doc ? doc.sections.flatMap((s) => s.charts) : [];
  const base = applied.a && applied.b ? pairPath(applied) : "";

  return (
    <>
      <a class="skip" href="#main">
        Skip to results
      </a>
      <header class="top">
        <div class="top-inner">
        <h1>
          tradeties <span>trade relationship dashboard</span>
        </h1>
        <form class="controls" onSubmit={applyPeriod} aria-label="Choose a pair and a period">
          <Combobox
            id="country-a"
            label="Country A (reporter)"
            placeholder="e.g. Korea or KOR"
            value={a}
            onChange={(c) => {
              setA(c);
              apply({ a: c.code });
            }}
          />
          <Combobox
            id="country-b"
            label="Country B (partner)"
            placeholder="e.g. Russia or RUS"
            value={b}
            onChange={(c) => {
              setB(c);
              apply({ b: c.code });
            }}
          />
          <div class="period">
            <label for="from">From</label>
            <input id="from" inputMode="numeric" pattern="\d{4}" maxLength={4} placeholder="first" value={fromText} onInput={(e) => setFromText((e.target as HTMLInputElement).value)} />
          </div>
          <div class="period">
            <label for="to">To</label>
            <input id="to" inputMode="numeric" pattern="\d{4}" maxLength={4} placeholder="last" value={toText} onInput={(e) => setToText((e.target as HTMLInputElement).value)} />
          </div>
          <button type="submit" class="apply">
            Apply period
          </button>
          {periodError ? (
            <p class="form-error" role="alert">
              {periodError}
            </p>
          ) : null}
        </form>
        </div>
      </header>

      <main id="main" aria-busy={loading}>
        {!applied.a || !applied.b ? (
          <section class="intro">
            <p>Choose two countries to see how their trade relationship has developed: growth, balance, volatility, shocks, the link to oil prices and the partner's other suppliers — every figure from official statistics, with its source.</p>
            <p>
              For example: <a href="/?a=KOR&b=RUS">South Korea and Russia</a>.
            </p>
          </section>
        ) : null}

        {loading ? (
          <p class="status" role="status">
            Loading the assessment…
          </p>
        ) : null}

        {error ? (
          <div class="error" role="alert">
            <p>{error.body.error}</p>
            {error.body.suggestions?.length ? (
              <p>
                Did you mean:{" "}
                {error.body.suggestions.map((s, i) => (
                  <span key={s.code}>
                    {i ? ", " : ""}
                    <a href={urlFor({ ...applied, [error.body.field === "a" ? "a" : "b"]: s.code })}>
                      {s.name} ({s.code})
                    </a>
                  </span>
                ))}
              </p>
            ) : null}
          </div>
        ) : null}

        {doc && showing ? (
          <>
            <section class="findings" aria-labelledby="headline">
              <p class="pair-title">
                {showing.profile.a_name} and {showing.profile.b_name}
                {showing.profile.period ? ` · data ${showing.profile.period.from}–${showing.profile.period.to}` : " · no trade data in this period"}
              </p>
              <h2 id="headline" tabIndex={-1} ref={headingRef}>
                {doc.headline}
              </h2>
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
            </section>

            <section aria-labelledby="ind-h">
              <h2 id="ind-h" class="section-h">
                Indicators
              </h2>
              <Cards p={showing.profile} />
            </section>

            <section aria-labelledby="dl-h" class="downloads">
              <h2 id="dl-h" class="section-h">
                Download
              </h2>
              <p>
                Report:{" "}
                <a href={`${base}/report${periodQuery(applied, { format: "html", download: "1" })}`} download="">
                  HTML
                </a>{" "}
                ·{" "}
                <a href={`${base}/report${periodQuery(applied, { format: "pdf" })}`} download="">
                  PDF
                </a>{" "}
                ·{" "}
                <a href={`${base}/report${periodQuery(applied, { format: "md", download: "1" })}`} download="">
                  Markdown
                </a>
                <span class="sep"> — </span>
                Data:{" "}
                <a href={`${base}${periodQuery(applied, { format: "csv" })}`} download="">
                  CSV
                </a>{" "}
                ·{" "}
                <a href={`${base}${periodQuery(applied)}`} download={`${applied.a}-${applied.b}-pair.json`.toLowerCase()}>
                  JSON
                </a>
              </p>
            </section>

            <section aria-labelledby="charts-h">
              <h2 id="charts-h" class="section-h">
                Charts
              </h2>
              {charts.length ? (
                <div class="charts">
                  {charts.map((c) => (
                    <figure key={c.id} class="chart">
                      <a href={`${base}/charts/${c.id}.svg${periodQuery(applied)}`} title="Open the chart on its own (SVG)">
                        <img src={`${base}/charts/${c.id}.svg${periodQuery(applied)}`} alt={`${c.title}. ${c.caption.map((p) => ("text" in p ? p.text : "")).join("")}`} loading="lazy" />
                      </a>
                      <figcaption>
                        <Parts parts={c.caption} />
                      </figcaption>
                    </figure>
                  ))}
                </div>
              ) : (
                <p>The loaded data supports no chart for this pair and period.</p>
              )}
            </section>

            <section aria-labelledby="data-h">
              <h2 id="data-h" class="section-h">
                Data: {showing.profile.a_name}'s trade with {showing.profile.b_name}, USD
              </h2>
              <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="data-h">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Year</th>
                      <th scope="col">Exports</th>
                      <th scope="col">Imports</th>
                      <th scope="col">Total</th>
                      <th scope="col">Balance</th>
                      <th scope="col">Mirror exports</th>
                      <th scope="col">Mirror imports</th>
                    </tr>
                  </thead>
                  <tbody>
                    {[...showing.profile.series].reverse().map((y) => (
                      <tr key={y.year}>
                        <th scope="row">
                          {y.year}
                          {y.entity_b_code !== showing.profile.b ? <abbr title={`partner reported as ${y.entity_b}`}>*</abbr> : null}
                        </th>
                        <td>
                          {usd(y.exports)}
                          {y.estimated.exports ? <abbr title="IMF estimate">e</abbr> : null}
                        </td>
                        <td>
                          {usd(y.imports)}
                          {y.estimated.imports ? <abbr title="IMF estimate">e</abbr> : null}
                        </td>
                        <td>{usd(y.total)}</td>
                        <td class={y.balance !== null && y.balance < 0 ? "neg" : undefined}>{usd(y.balance)}</td>
                        <td>{usd(y.mirror.exports)}</td>
                        <td>{usd(y.mirror.imports)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p class="note">Exports and imports as {showing.profile.a_name} reports them; mirror figures as {showing.profile.b_name} reports them. * a predecessor entity (e.g. the USSR) · e an IMF estimate.</p>
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
                        {f.sources?.length ? <span class="note-src"> — {f.sources.map((s) => `${s.dataset} ${s.vintage}, ${s.file}`).filter((x, i, all) => all.indexOf(x) === i).join("; ")}</span> : null}
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
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              </section>
            ) : null}
          </>
        ) : null}
      </main>
      <footer class="foot">
        <a href="/openapi.json">API (OpenAPI)</a> · <a href="/api/sources">loaded sources</a>
      </footer>
    </>
  );
}
