import { describe, expect, it } from "vitest";
import { safeHref } from "./links.js";

describe("safeHref", () => {
  // Each refused address is one a browser would act on if it were an href.
  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "\u0001javascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "ftp://example.org/x",
    "//evil.example/x",
    "/relative/path",
    "kita.net",
    "https://user:secret@example.org/",
    "",
  ])("refuses %j", (address) => {
    expect(safeHref(address)).toBeUndefined();
  });

  it.each([
    ["http://global.kita.net/about/newsView.do?id=&no=2525&searchWrd=&pageIndex=1", "http://global.kita.net/about/newsView.do?id=&no=2525&searchWrd=&pageIndex=1"],
    ["https://example.org", "https://example.org"],
    ["HTTPS://Example.org/a", "HTTPS://Example.org/a"],
    // Characters that would end an attribute or an autolink are percent-encoded by the URL parser.
    ['https://example.org/a b"c<d>', "https://example.org/a%20b%22c%3Cd%3E"],
    // A quote is legal in a URL path and stays; escapeHtml makes it &#39; inside the attribute.
    ["https://example.org/'x'", "https://example.org/'x'"],
  ])("links %j as %j", (address, href) => {
    expect(safeHref(address)).toBe(href);
  });
});
