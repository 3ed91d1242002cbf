/**
 * The dashboard: pick a country (its partners, a map, a comparison) or a pair and a period (the
 * report's findings and live charts). Everything chosen is kept in the URL, so a view is a link.
 */
import { useEffect, useMemo, useState } from "preact/hooks";
import { ApiFailure, getJson, readUrl, urlFor, type CountryMatch, type Selection } from "./api";
import { Combobox } from "./Combobox";
import { CountryView } from "./CountryView";
import { PairView } from "./PairView";

async function resolveCode(code: string): Promise<CountryMatch | undefined> {
  const r = await getJson<{ results: CountryMatch[] }>(`/api/countries?q=${encodeURIComponent(code)}&limit=5`);
  return r.results.find((c) => c.code.toUpperCase() === code.toUpperCase()) ?? undefined;
}

const YEAR = /^\d{4}$/;

/** An API error in words for the page: no API URLs, and suggestions listed once (as links). */
function ErrorBox({ error, selection }: { error: ApiFailure; selection: Selection }) {
  const suggestions = error.body.suggestions ?? [];
  const message = error.body.error.replace(/\. Search with \/api\/.*$/, "").replace(/; did you mean:.*$/, "");
  const field = error.body.field === "a" ? "a" : "b";
  return (
    <div class="error" role="alert">
      <p>{message.charAt(0).toUpperCase() + message.slice(1)}.</p>
      {suggestions.length ? (
        <p>
          Did you mean:{" "}
          {suggestions.map((s, i) => (
            <span key={s.code}>
              {i ? ", " : ""}
              <a href={urlFor({ ...selection, [field]: s.code })}>
                {s.name} ({s.code})
              </a>
            </span>
          ))}
          ?
        </p>
      ) : error.body.field === "a" || error.body.field === "b" ? (
        <p>Type part of the name in the box above and pick it from the list.</p>
      ) : null}
    </div>
  );
}

export function App() {
  const initial = useMemo(() => readUrl(), []);
  const [a, setA] = useState<CountryMatch>();
  const [b, setB] = useState<CountryMatch>();
  const [fromText, setFromText] = useState(initial.from?.toString() ?? "");
  const [toText, setToText] = useState(initial.to?.toString() ?? "");
  const [applied, setApplied] = useState<Selection>(initial);
  const [error, setError] = useState<ApiFailure>();
  const [periodError, setPeriodError] = useState("");

  const sync = (s: Selection) => {
    setFromText(s.from?.toString() ?? "");
    setToText(s.to?.toString() ?? "");
    if (s.a) resolveCode(s.a).then(setA, () => undefined);
    else setA(undefined);
    if (s.b) resolveCode(s.b).then(setB, () => undefined);
    else setB(undefined);
  };

  useEffect(() => sync(initial), []);

  useEffect(() => {
    const onPop = () => {
      const s = readUrl();
      setApplied(s);
      setError(undefined);
      sync(s);
    };
    addEventListener("popstate", onPop);
    return () => removeEventListener("popstate", onPop);
  }, []);

  const navigate = (s: Selection, push = true) => {
    setApplied(s);
    setError(undefined);
    const url = urlFor(s);
    if (url !== location.pathname + location.search) (push ? history.pushState : history.replaceState).call(history, null, "", url);
    if (s.b !== applied.b && !s.b) setB(undefined);
    if (s.b && s.b !== b?.code) resolveCode(s.b).then(setB, () => undefined);
    window.scrollTo({ top: 0 });
  };

  const applyPeriod = (e?: Event) => {
    e?.preventDefault();
    const f = fromText.trim();
    const t = toText.trim();
    if (f && !YEAR.test(f)) return setPeriodError(`"From" must be a four-digit year, like 1990`);
    if (t && !YEAR.test(t)) return setPeriodError(`"To" must be a four-digit year, like 2020`);
    if (f && t && Number(f) > Number(t)) return setPeriodError(`"From" (${f}) is after "To" (${t}); swap them`);
    setPeriodError("");
    navigate({ ...applied, from: f ? Number(f) : undefined, to: t ? Number(t) : undefined });
  };

  const view = !applied.a ? "intro" : applied.b ? "pair" : "country";

  return (
    <>
      <a class="skip" href="#main">
        Skip to results
      </a>
      <header class="top">
        <div class="top-inner">
          <h1>
            <a href="/" class="home">
              tradeties
            </a>{" "}
            <span>trade relationship explorer</span>
          </h1>
          <form class="controls" onSubmit={applyPeriod} aria-label="Choose a country, a partner and a period">
            <Combobox
              id="country-a"
              label="Country"
              placeholder="e.g. Korea or KOR"
              value={a}
              onChange={(c) => {
                setA(c);
                navigate({ a: c.code, b: applied.b && applied.b !== c.code ? applied.b : undefined, from: applied.from, to: applied.to });
              }}
            />
            <Combobox
              id="country-b"
              label="Partner (optional)"
              placeholder={applied.a ? "all partners" : "e.g. Russia or RUS"}
              value={b}
              clearable
              onChange={(c) => {
                setB(c);
                navigate({ ...applied, b: c.code, compare: undefined, year: undefined });
              }}
              onClear={() => {
                setB(undefined);
                navigate({ a: applied.a });
              }}
            />
            <div class="period">
              <label for="from">From</label>
              <input id="from" inputMode="numeric" pattern="\d{4}" maxLength={4} placeholder="first" value={fromText} disabled={view !== "pair"} onInput={(e) => setFromText((e.target as HTMLInputElement).value)} />
            </div>
            <div class="period">
              <label for="to">To</label>
              <input id="to" inputMode="numeric" pattern="\d{4}" maxLength={4} placeholder="last" value={toText} disabled={view !== "pair"} onInput={(e) => setToText((e.target as HTMLInputElement).value)} />
            </div>
            <button type="submit" class="apply" disabled={view !== "pair"}>
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

      <main id="main">
        {view === "intro" ? (
          <section class="intro">
            <p>Choose a country to see all its trade partners on a map and in a ranked table, or a country and a partner to see how their trade relationship has developed: growth, balance, volatility, shocks, the link to oil prices and the partner's other suppliers — every figure from official statistics, with its source.</p>
            <p>
              For example: <a href="/?a=KOR">South Korea's partners</a>, or <a href="/?a=KOR&b=RUS">South Korea and Russia</a>.
            </p>
          </section>
        ) : null}
        {error ? <ErrorBox error={error} selection={applied} /> : null}
        {view === "country" ? <CountryView selection={applied} navigate={navigate} /> : null}
        {view === "pair" ? <PairView selection={applied} onError={setError} /> : null}
      </main>
      <footer class="foot">
        <a href="/openapi.json">API (OpenAPI)</a> · <a href="/api/sources">loaded sources</a>
      </footer>
    </>
  );
}
