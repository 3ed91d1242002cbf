/**
 * One live chart: the Vega-Lite spec embedded with vega-embed (tooltips by vega-tooltip), its
 * title and caption in HTML, and buttons that save it as PNG or SVG and its data as CSV.
 * Expressions run through vega-interpreter, so the page's Content-Security-Policy needs no
 * 'unsafe-eval'.
 */
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import Papa from "papaparse";
import embed, { type Result } from "vega-embed";
import { expressionInterpreter } from "vega-interpreter";
import { chartRows, liveSpec, type MilestoneKey } from "./liveSpec";

type Json = Record<string, unknown>;

export interface LiveChartProps {
  id: string;
  title: string;
  subtitle?: string;
  spec: Json;
  /** File name stem for downloads, e.g. "kor-rus-trade-volume". */
  fileStem: string;
  source?: string;
  /** Text alternative; defaults to the spec's description. */
  alt?: string;
  /** Rows for the CSV download; default: the spec's inline data. */
  rows?: Json[];
  children?: ComponentChildren;
  class?: string;
  /** A Vega (not Vega-Lite) spec drawn as given, only sized to the container's width. */
  raw?: boolean;
  /** Called with the vega view, e.g. to listen to clicks. */
  onView?: (view: Result["view"]) => void;
}

function save(href: string, name: string): void {
  const a = document.createElement("a");
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function LiveChart({ id, title, subtitle, spec, fileStem, source, alt, rows, children, class: extra, onView, raw }: LiveChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const result = useRef<Result | undefined>(undefined);
  const [failed, setFailed] = useState("");
  const [width, setWidth] = useState(0);
  const [milestoneKey, setMilestoneKey] = useState<MilestoneKey[]>([]);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const measure = () => setWidth((w) => (Math.abs(w - el.clientWidth) > 40 || (w < 560) !== (el.clientWidth < 560) ? el.clientWidth : w));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const el = host.current;
    if (!el || width === 0) return;
    let cancelled = false;
    const live = raw ? { spec: { ...spec, width: Math.max(200, width - 8) }, milestoneKey: [] } : liveSpec(spec, { widthPx: width, source });
    setMilestoneKey(live.milestoneKey);
    embed(el, live.spec as never, {
      actions: false,
      renderer: "svg",
      ast: true,
      expr: expressionInterpreter,
      tooltip: { theme: "light" },
      config: { font: "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif" },
    }).then(
      (r) => {
        if (cancelled) return r.finalize();
        result.current?.finalize();
        result.current = r;
        const svg = el.querySelector("svg");
        if (svg) {
          svg.setAttribute("role", "img");
          svg.setAttribute("aria-label", alt ?? String(spec.description ?? title));
        }
        onView?.(r.view);
        setFailed("");
      },
      (e: Error) => setFailed(`This chart could not be drawn: ${e.message}`),
    );
    return () => {
      cancelled = true;
    };
  }, [spec, width, source]);

  useEffect(() => () => result.current?.finalize(), []);

  const png = async () => result.current && save(await result.current.view.toImageURL("png", 2), `${fileStem}.png`);
  const svg = async () => result.current && save(URL.createObjectURL(new Blob([await result.current.view.toSVG()], { type: "image/svg+xml" })), `${fileStem}.svg`);
  const csv = () => save(URL.createObjectURL(new Blob([Papa.unparse(rows ?? chartRows(spec), { newline: "\r\n" }) + "\r\n"], { type: "text/csv" })), `${fileStem}.csv`);

  return (
    <figure class={`chart${extra ? ` ${extra}` : ""}`} id={`chart-${id}`} aria-labelledby={`chart-${id}-title`}>
      <div class="chart-head">
        <h3 id={`chart-${id}-title`}>
          {title}
          {subtitle ? <span class="chart-sub"> · {subtitle}</span> : null}
        </h3>
        <div class="chart-actions" role="group" aria-label={`Save “${title}”`}>
          <button type="button" onClick={png} title="Save the chart as a PNG image">
            PNG
          </button>
          <button type="button" onClick={svg} title="Save the chart as an SVG image">
            SVG
          </button>
          <button type="button" onClick={csv} title="Save the chart's data as CSV">
            CSV
          </button>
        </div>
      </div>
      <div class="chart-host" ref={host} />
      {failed ? <p class="error">{failed}</p> : null}
      {milestoneKey.length ? (
        <ol class="milestone-key" aria-label="Milestones marked in the chart">
          {milestoneKey.map((m) => (
            <li key={m.n} value={m.n}>
              {m.year}: {m.label}
            </li>
          ))}
        </ol>
      ) : null}
      {children ? <figcaption>{children}</figcaption> : null}
    </figure>
  );
}
