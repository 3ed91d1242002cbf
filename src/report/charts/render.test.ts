import { describe, expect, it } from "vitest";
import { InternalError } from "../../errors.js";
import type { VegaLiteSpec } from "./common.js";
import { canonicalizeSvgIds, labelSvg, renderSvg } from "./render.js";
import { svgProblem } from "./testSupport.js";

/** A tiny spec whose marks are clipped, so vega writes counter-numbered clip-path ids. */
function clippedSpec(title: string, values: number[]): VegaLiteSpec {
  return {
    title,
    description: `Clipped test chart ${title}`,
    width: 100,
    height: 50,
    data: { values: values.map((v, i) => ({ i, v })) },
    mark: { type: "line", clip: true },
    encoding: {
      x: { field: "i", type: "quantitative" },
      y: { field: "v", type: "quantitative", scale: { domain: [0, 5] } },
    },
  } as VegaLiteSpec;
}

describe("canonicalizeSvgIds", () => {
  it("renumbers clip and gradient ids in order of appearance, references included", () => {
    const input =
      '<svg><defs><clipPath id="clip7"/><clipPath id="clip3"/><linearGradient id="gradient_9"/></defs>' +
      '<g clip-path="url(#clip7)"/><g clip-path="url(#clip3)"/><rect fill="url(#gradient_9)"/><text>clip7</text></svg>';
    expect(canonicalizeSvgIds(input)).toBe(
      '<svg><defs><clipPath id="clip1"/><clipPath id="clip2"/><linearGradient id="gradient_1"/></defs>' +
        '<g clip-path="url(#clip1)"/><g clip-path="url(#clip2)"/><rect fill="url(#gradient_1)"/><text>clip7</text></svg>',
    );
  });
  it("swaps ids that trade places without mixing them up", () => {
    const input = '<svg><clipPath id="clip2"/><clipPath id="clip1"/><g clip-path="url(#clip1)"/></svg>';
    expect(canonicalizeSvgIds(input)).toBe('<svg><clipPath id="clip1"/><clipPath id="clip2"/><g clip-path="url(#clip2)"/></svg>');
  });
});

describe("labelSvg", () => {
  it("adds the description as an escaped aria-label on the root element", () => {
    expect(labelSvg('<svg width="1"></svg>', 'A "quoted" <b> & more')).toBe(
      '<svg role="graphics-document" aria-roledescription="visualization" aria-label="A &quot;quoted&quot; &lt;b&gt; &amp; more" width="1"></svg>',
    );
    expect(labelSvg("<svg></svg>", "")).toBe("<svg></svg>");
  });
});

describe("renderSvg", () => {
  it("renders well-formed SVG with the title and the description", async () => {
    const svg = await renderSvg(clippedSpec("Hello chart", [1, 2, 3]));
    expect(svgProblem(svg)).toBeNull();
    expect(svg).toContain(">Hello chart</text>");
    expect(svg).toContain('aria-label="Clipped test chart Hello chart"');
    expect(svg).toMatch(/clip-path="url\(#clip1\)"/);
  });

  it("gives byte-identical output for the same spec, whatever was rendered before", async () => {
    const a = clippedSpec("A", [1, 2, 3]);
    const b = clippedSpec("B", [3, 1, 4, 1]);
    const aFirst = await renderSvg(a);
    const bThen = await renderSvg(b);
    const aAgain = await renderSvg(a);
    const bAgain = await renderSvg(b);
    expect(aAgain).toBe(aFirst);
    expect(bAgain).toBe(bThen);
    // Concurrent renders interleave vega's id counters; the renaming makes that harmless too.
    const [aParallel, bParallel] = await Promise.all([renderSvg(a), renderSvg(b)]);
    expect(aParallel).toBe(aFirst);
    expect(bParallel).toBe(bThen);
  });

  it("rejects a spec that vega-lite or vega warns about instead of drawing half a chart", async () => {
    const broken = {
      data: { values: [{ a: 1 }] },
      mark: "point",
      encoding: { x: { field: "a", type: "quantitative" }, size: { field: "a", type: "quantitative", scale: { type: "band" } } },
    } as VegaLiteSpec;
    await expect(renderSvg(broken)).rejects.toThrow(InternalError);
  });
});
