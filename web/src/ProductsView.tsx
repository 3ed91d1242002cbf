/**
 * What the pair trades, product by product, where CEPII BACI data is loaded: a treemap of one
 * direction (click a tile to drill down: section → chapter → HS4 → HS6), the section composition
 * of both directions over the loaded years, and a table of the top products with RCA; the WITS
 * complementarity of the two trade structures. Absent when the loaded data has no product flows.
 */
import { useEffect, useState } from "preact/hooks";
import { ApiFailure, getJson, type PairProducts, type ProductGroup } from "./api";
import type { ProductLevel } from "../../src/query/products";
import { PALETTE } from "./explorerSpecs";
import { columnUnit, inUnit, pct } from "./format";
import { LiveChart } from "./LiveChart";

type Level = ProductLevel;
type Json = Record<string, unknown>;
type Group = ProductGroup;
type Products = PairProducts;

const NEXT: Record<Level, Level | undefined> = { section: "chapter", chapter: "hs4", hs4: "hs6", hs6: undefined };
/** Rows in the top-products table. */
const TOP_ROWS = 15;

interface Step {
  level: Level;
  within?: string;
  label: string;
}

function treemapSpec(p: Products, direction: "exports" | "imports"): Json {
  const key = direction === "exports" ? "exports_usd" : "imports_usd";
  const leaves = p.groups.filter((g) => g[key] > 0).map((g) => ({ id: g.code, parent: "root", name: `${g.code} ${g.description}`, short: g.description.length > 40 ? `${g.code} ${g.description.slice(0, 38)}…` : `${g.code} ${g.description}`, value_bn: g[key] / 1e9, share: direction === "exports" ? g.export_share : g.import_share }));
  return {
    $schema: "https://vega.github.io/schema/vega/v6.json",
    description: `Treemap of ${direction === "exports" ? `${p.a_name}'s exports to ${p.b_name}` : `${p.a_name}'s imports from ${p.b_name}`} in ${p.year} by product group; tile area is proportional to value.`,
    height: 340,
    autosize: "none",
    data: [
      { name: "tree", values: [{ id: "root" }, ...leaves], transform: [{ type: "stratify", key: "id", parentKey: "parent" }, { type: "treemap", field: "value_bn", sort: { field: "value_bn", order: "descending" }, round: true, method: "squarify", size: [{ signal: "width" }, { signal: "height" }] }] },
      { name: "leaves", source: "tree", transform: [{ type: "filter", expr: "datum.parent === 'root'" }] },
    ],
    scales: [{ name: "color", type: "ordinal", domain: { data: "leaves", field: "id" }, range: PALETTE.slice(0, 6).map((c) => c) }],
    marks: [
      {
        type: "rect",
        from: { data: "leaves" },
        encode: {
          enter: { stroke: { value: "#fff" }, strokeWidth: { value: 2 }, cursor: { value: "pointer" } },
          update: {
            x: { field: "x0" },
            y: { field: "y0" },
            x2: { field: "x1" },
            y2: { field: "y1" },
            fill: { scale: "color", field: "id" },
            fillOpacity: { value: 0.85 },
            tooltip: { signal: "{'Product': datum.name, 'Billion USD': format(datum.value_bn, ',.3f'), 'Share': format(datum.share, '.1%'), 'Source': 'CEPII BACI'}" },
            description: { signal: "datum.name + ': ' + format(datum.share, '.1%')" },
          },
          hover: { fillOpacity: { value: 1 } },
        },
      },
      {
        type: "text",
        from: { data: "leaves" },
        interactive: false,
        encode: {
          update: {
            x: { signal: "datum.x0 + 5" },
            y: { signal: "datum.y0 + 15" },
            text: { signal: "(datum.x1 - datum.x0) > 90 && (datum.y1 - datum.y0) > 34 ? [datum.short, format(datum.share, '.1%')] : ''" },
            limit: { signal: "max(0, datum.x1 - datum.x0 - 10)" },
            fill: { value: "#fff" },
            fontSize: { value: 12 },
            fontWeight: { value: 600 },
            lineHeight: { value: 15 },
          },
        },
      },
    ],
  };
}

function compositionSpec(p: Products, direction: "exports" | "imports"): Json {
  const key = direction === "exports" ? "exports_usd" : "imports_usd";
  const values = p.sections_by_year.filter((s) => s[key] > 0).map((s) => ({ year: s.year, section: `${s.section} ${s.description.split(/[;,]/)[0]}`, value_bn: s[key] / 1e9 }));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: `Stacked bars of ${direction === "exports" ? "exports" : "imports"} by HS section and year, ${p.years[0]}–${p.years[p.years.length - 1]}, shares of the year's total.`,
    height: 260,
    data: { values },
    config: { axis: { labelFontSize: 12, titleFontSize: 12 }, legend: { labelFontSize: 12, orient: "bottom", columns: 2, labelLimit: 300 } },
    mark: { type: "bar" },
    encoding: {
      x: { field: "year", type: "ordinal", title: null, axis: { labelAngle: 0 } },
      y: { field: "value_bn", type: "quantitative", stack: "normalize", title: "Share of the year's total", axis: { format: "%" } },
      color: { field: "section", type: "nominal", title: null, scale: { scheme: "tableau20" } },
      tooltip: [
        { field: "section", type: "nominal", title: "Section" },
        { field: "year", type: "ordinal", title: "Year" },
        { field: "value_bn", type: "quantitative", title: "Billion USD", format: ",.3f" },
      ],
    },
  };
}

export function ProductsView({ a, b }: { a: string; b: string }) {
  const [path, setPath] = useState<Step[]>([{ level: "section", label: "All sections" }]);
  const [direction, setDirection] = useState<"exports" | "imports">("exports");
  const [data, setData] = useState<Products>();
  const [absent, setAbsent] = useState(false);
  const step = path[path.length - 1]!;

  useEffect(() => {
    const ctl = new AbortController();
    const q = new URLSearchParams({ level: step.level, ...(step.within ? { within: step.within } : {}) });
    getJson<Products>(`/api/pairs/${encodeURIComponent(a)}/${encodeURIComponent(b)}/products?${q}`, ctl.signal).then(
      (p) => {
        setData(p);
        setAbsent(false);
        if (p.exports_total_usd === 0 && p.imports_total_usd > 0) setDirection("imports");
      },
      (e: Error) => {
        if (e.name === "AbortError") return;
        setData(undefined);
        setAbsent(e instanceof ApiFailure && e.status === 422);
      },
    );
    return () => ctl.abort();
  }, [a, b, step.level, step.within]);

  useEffect(() => setPath([{ level: "section", label: "All sections" }]), [a, b]);

  if (absent || !data) return null;
  const key = direction === "exports" ? "exports_usd" : "imports_usd";
  const shown = data.groups.filter((g) => g[key] > 0);
  const unitE = columnUnit(data.groups.map((g) => g.exports_usd));
  const unitI = columnUnit(data.groups.map((g) => g.imports_usd));
  const drill = (code: string) => {
    const next = NEXT[step.level];
    const g = data.groups.find((x) => x.code === code);
    if (!next || !g) return;
    setPath([...path, { level: next, within: code, label: `${code} ${g.description.split(/[;,]/)[0]}` }]);
  };
  const stem = `${data.a}-${data.b}-products-${data.year}`.toLowerCase();
  const flowWords = direction === "exports" ? `${data.a_name}'s exports to ${data.b_name}` : `${data.a_name}'s imports from ${data.b_name}`;

  return (
    <section aria-labelledby="products-h" class="products">
      <h2 id="products-h" class="section-h">
        Products, {data.year}
      </h2>
      <div class="view-controls">
        <fieldset class="toggle">
          <legend class="sr-only">Direction</legend>
          {(["exports", "imports"] as const).map((d) => (
            <label key={d}>
              <input type="radio" name="direction" value={d} checked={direction === d} onChange={() => setDirection(d)} /> {d === "exports" ? `${data.a_name} → ${data.b_name}` : `${data.a_name} ← ${data.b_name}`}
            </label>
          ))}
        </fieldset>
        <nav aria-label="Product level" class="crumbs">
          {path.map((s, i) => (
            <span key={i}>
              {i ? " › " : ""}
              {i === path.length - 1 ? <strong>{s.label}</strong> : <button type="button" class="link" onClick={() => setPath(path.slice(0, i + 1))}>{s.label}</button>}
            </span>
          ))}
        </nav>
      </div>
      <p class="note">
        {flowWords}: {inUnit(direction === "exports" ? data.exports_total_usd : data.imports_total_usd, columnUnit([direction === "exports" ? data.exports_total_usd : data.imports_total_usd]))} {columnUnit([direction === "exports" ? data.exports_total_usd : data.imports_total_usd]).label} in {data.year} (CEPII BACI, reconciled).
        {data.complementarity_a_to_b !== undefined ? ` Complementarity of ${data.a_name}'s exports with ${data.b_name}'s imports: ${data.complementarity_a_to_b.toFixed(1)} of 100 (WITS, HS chapters).` : ""}
        {data.exporters_loaded < 20 ? ` RCA compares with the ${data.exporters_loaded} exporters in the loaded files, not the whole world.` : ""}
        {NEXT[step.level] ? " Click a tile or a row to see what it holds." : ""}
      </p>
      {shown.length ? (
        <div class={data.years.length > 1 ? "charts" : "charts single"}>
          <LiveChart
            id="products-treemap"
            title={`${flowWords}, ${data.year}`}
            subtitle={step.label}
            spec={treemapSpec(data, direction)}
            raw
            fileStem={`${stem}-${direction}-treemap`}
            rows={shown.map((g) => ({ code: g.code, description: g.description, value_usd: Math.round(g[key]), share: Number((direction === "exports" ? g.export_share : g.import_share).toPrecision(6)) }))}
            onView={(view) =>
              view.addEventListener("click", (_e, item) => {
                const id = (item as { datum?: { id?: string } } | null | undefined)?.datum?.id;
                if (id) drill(id);
              })
            }
          />
          {data.years.length > 1 ? (
            <LiveChart id="products-composition" title={`${flowWords} by HS section`} subtitle={`${data.years[0]}–${data.years[data.years.length - 1]}`} spec={compositionSpec(data, direction)} fileStem={`${data.a}-${data.b}-${direction}-sections`.toLowerCase()} />
          ) : null}
        </div>
      ) : (
        <p>No {direction} in this group in {data.year}.</p>
      )}
      <div class="table-wrap" tabIndex={0} role="region" aria-label={`Top products traded between ${data.a_name} and ${data.b_name} (scrolls)`}>
        <table>
          <thead>
            <tr>
              <th scope="col" class="text">Product</th>
              <th scope="col">Exports, {unitE.label}</th>
              <th scope="col">Share</th>
              <th scope="col">Imports, {unitI.label}</th>
              <th scope="col">Share</th>
              <th scope="col">
                <abbr title={`Balassa revealed comparative advantage of ${data.a_name}; above 1: it exports relatively more of this than the world`}>RCA</abbr> {data.a}
              </th>
              <th scope="col">RCA {data.b}</th>
            </tr>
          </thead>
          <tbody>
            {data.groups.slice(0, TOP_ROWS).map((g) => (
              <tr key={g.code}>
                <th scope="row" class="text product-name">
                  {NEXT[step.level] ? (
                    <button type="button" class="link" onClick={() => drill(g.code)}>
                      {g.code} {g.description}
                    </button>
                  ) : (
                    `${g.code} ${g.description}`
                  )}
                </th>
                <td>{inUnit(g.exports_usd, unitE)}</td>
                <td>{pct(g.export_share)}</td>
                <td>{inUnit(g.imports_usd, unitI)}</td>
                <td>{pct(g.import_share)}</td>
                <td>{g.rca_a === undefined ? "–" : g.rca_a.toFixed(2)}</td>
                <td>{g.rca_b === undefined ? "–" : g.rca_b.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="note">
        <a href={`/api/pairs/${data.a}/${data.b}/products?${new URLSearchParams({ level: step.level, ...(step.within ? { within: step.within } : {}), format: "csv" })}`} download="">
          Download this breakdown (CSV)
        </a>
      </p>
    </section>
  );
}
