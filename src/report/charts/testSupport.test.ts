import { describe, expect, it } from "vitest";
import { linePaths, pieces, svgProblem } from "./testSupport.js";

// The checker guards the chart tests, so it must itself reject broken SVG.
describe("svgProblem", () => {
  it("accepts nested, closed markup", () => {
    expect(svgProblem('<svg a="1"><g><path d="M0,0"/><text>A &amp; B</text></g></svg>')).toBeNull();
  });
  it("finds unclosed, crossed and stray markup", () => {
    expect(svgProblem("<svg><g></svg>")).toMatch(/closes <g>/);
    expect(svgProblem("<svg><g><text></g></text></svg>")).toMatch(/closes/);
    expect(svgProblem("<svg><g>")).toMatch(/does not end/);
    expect(svgProblem("<svg a=1></svg>")).toMatch(/malformed/);
    expect(svgProblem("<svg><text>A & B</text></svg>")).toMatch(/entity/);
    expect(svgProblem("<svg></svg><svg></svg>")).toMatch(/2 root/);
    expect(svgProblem("<div></div>")).toMatch(/start/);
  });
});

describe("linePaths / pieces", () => {
  it("reads line paths by label and counts their pieces", () => {
    const svg =
      '<svg><path aria-label="A" role="graphics-symbol" aria-roledescription="line mark" d="M0,0L1,1M3,3L4,4"/></svg>';
    const paths = linePaths(svg);
    expect([...paths.keys()]).toEqual(["A"]);
    expect(pieces(paths.get("A") ?? "")).toBe(2);
  });
});
