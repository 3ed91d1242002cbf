/**
 * What a report may turn into a link, and the policy that stops a report from running anything.
 * Addresses come from data files (a published figure's `source_url`), so a file could carry
 * `javascript:`, `data:` or `vbscript:` URLs: only absolute `http:` and `https:` addresses become
 * links; anything else is printed as text. Every HTML report also carries a Content Security
 * Policy that allows no script, no network request and no form, whatever the document contains.
 * @module
 * @see https://developer.mozilla.org/docs/Web/HTTP/CSP
 * @example
 * ```ts
 * safeHref("https://kita.net/a?b=1") // "https://kita.net/a?b=1"
 * safeHref("javascript:alert(1)")    // undefined: shown as text, never linked
 * ```
 */

/**
 * The address to link to, or undefined when it must not be a link: not parseable, not absolute
 * `http:`/`https:`, or carrying credentials. Parsed with WHATWG URL rules, as a browser would, so
 * tricks such as leading spaces, tabs inside the scheme (`java\tscript:`) or upper case are seen
 * through. The result is the parsed form (spaces and quotes percent-encoded), safe inside a quoted
 * HTML attribute once escaped and inside a Markdown autolink.
 */
export function safeHref(address: string | undefined): string | undefined {
  if (!address) return undefined;
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  if (url.username || url.password) return undefined;
  // Keep the address as written when parsing changes nothing a reader would notice (the URL
  // parser adds a trailing "/" to bare hosts); otherwise the parsed, percent-encoded form.
  const written = address.trim();
  return /^[\x21-\x7e]+$/.test(written) && !/["'<>\\`]/.test(written) && written.toLowerCase().startsWith(url.protocol) ? written : url.href;
}

/**
 * Content Security Policy of a report file: inline styles and inline SVG only. No script runs,
 * nothing is fetched (images only as data: URLs), no form submits, no base URL can be changed.
 */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src 'none'; script-src 'none'; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'";
