/**
 * Vega-Lite specs the dashboard alone draws (the reports have no country view): the partner
 * map and the partner comparison. Colours: a single-hue sequential scale for the map (readable
 * under every common colour-vision deficiency) and Okabe–Ito hues for compared partners.
 */
import world from "world-atlas/countries-110m.json";
import type { CountryPartners, PartnerRow } from "./api";
import { datasetName } from "./format";

type Json = Record<string, unknown>;

/** Okabe–Ito without its yellow (too pale as a line on white): the report charts' palette. */
export const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];

const FONT_CONFIG = {
  axis: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: "normal", labelColor: "#333", titleColor: "#333" },
  legend: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: "normal", orient: "bottom", direction: "horizontal" },
  view: { stroke: null },
};

export function sourceLine(r: CountryPartners): string {
  const names = [...new Set(r.sources.map((s) => `${datasetName(s.dataset)}${s.vintage && !/^v\d+$/.test(s.vintage) ? ` ${s.vintage}` : ""}`))];
  return `${names.join(", ")}; ${r.side === "reporter" ? `as ${r.a_name} reports it` : `as each partner reports its trade with ${r.a_name}`}`;
}

/** World map of A's partners coloured by total trade in the reference year (log scale); grey: no figure. */
export function partnerMapSpec(r: CountryPartners): Json {
  const rows = r.partners
    .filter((p) => p.iso_numeric)
    .map((p) => ({ id: p.iso_numeric, partner: p.partner, name: p.name, rank: p.rank, total_bn: p.total_usd / 1e9, share: p.share, total_usd: p.total_usd }));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: `World map of ${r.a_name}'s trade partners in ${r.reference_year}, coloured by total trade; countries without a figure are grey.`,
    height: 380,
    projection: { type: "equalEarth" },
    config: FONT_CONFIG,
    layer: [
      {
        data: { values: world, format: { type: "topojson", feature: "countries" } },
        // Decorative: the countries without a figure; the coloured layer carries the labels.
        mark: { type: "geoshape", fill: "#e4e7eb", stroke: "#fff", strokeWidth: 0.5, aria: false },
      },
      {
        data: { values: world, format: { type: "topojson", feature: "countries" } },
        transform: [
          { lookup: "id", from: { data: { values: rows }, key: "id", fields: ["partner", "name", "rank", "total_bn", "share", "total_usd"] } },
          { filter: "isValid(datum.total_usd)" },
          { calculate: JSON.stringify(sourceLine(r)), as: "Source" },
        ],
        mark: { type: "geoshape", stroke: "#fff", strokeWidth: 0.5, cursor: "pointer" },
        encoding: {
          color: {
            field: "total_usd",
            type: "quantitative",
            scale: { type: "log", scheme: "blues" },
            legend: {
              title: `Total trade ${r.reference_year}`,
              gradientLength: 240,
              labelExpr: "datum.value >= 1e9 ? '$' + format(datum.value / 1e9, ',') + ' bn' : datum.value >= 1e6 ? '$' + format(datum.value / 1e6, ',') + ' m' : '$' + format(datum.value / 1e3, ',') + ' k'",
            },
          },
          tooltip: [
            { field: "name", type: "nominal", title: "Partner" },
            { field: "rank", type: "quantitative", title: "Rank" },
            { field: "total_bn", type: "quantitative", title: `Total trade ${r.reference_year}, billion USD`, format: ",.3f" },
            { field: "share", type: "quantitative", title: `Share of ${r.a_name}'s trade`, format: ".2%" },
            { field: "Source", type: "nominal" },
          ],
        },
      },
    ],
  };
}

/** Total trade with each compared partner by year (billion USD); gaps break the lines. */
export function compareSpec(r: CountryPartners, chosen: PartnerRow[]): Json {
  const values = chosen.flatMap((p) => p.series.map((s) => ({ partner: p.name, year: s.year, total_bn: s.total_usd === null ? null : s.total_usd / 1e9 })));
  const names = chosen.map((p) => p.name);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: `Line chart of ${r.a_name}'s total trade with ${names.join(", ")} by year, billion USD.`,
    height: 280,
    config: FONT_CONFIG,
    data: { values },
    layer: [
      {
        mark: { type: "line", strokeWidth: 2.5, invalid: "break-paths-show-domains", point: { filled: true, size: 28 } },
        encoding: {
          x: { field: "year", type: "quantitative", title: null, axis: { format: "d", grid: false, tickMinStep: 1 }, scale: { nice: false, zero: false } },
          y: { field: "total_bn", type: "quantitative", title: "Total trade, billion USD", scale: { zero: true } },
          color: { field: "partner", type: "nominal", title: null, scale: { domain: names, range: names.map((_, i) => PALETTE[i % PALETTE.length]) } },
          // The line's accessible name; vega-lite's default would name it after its first point.
          description: { field: "partner", type: "nominal" },
          tooltip: [
            { field: "partner", type: "nominal", title: "Partner" },
            { field: "year", type: "quantitative", title: "Year", format: "d" },
            { field: "total_bn", type: "quantitative", title: "Total trade, billion USD", format: ",.3f" },
          ],
        },
      },
    ],
  };
}
