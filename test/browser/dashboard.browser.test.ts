/**
 * The dashboard as a person uses it, in Chromium over the sample store: a country's partners
 * (map, table, sorting, filter, compare), a pair with its key chart on the first screen, the
 * picker by keyboard (relevance, typos), a period change, a phone-width screen, every download,
 * and an axe-core accessibility check of each view. Screenshots of each state are written to
 * test/output/screenshots/ (CI keeps them as artefacts).
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startServer, type RunningServer } from "../../src/server/serve.js";

const CHROMIUM = process.env.TRADETIES_CHROMIUM ?? "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const SHOTS = fileURLToPath(new URL("../output/screenshots/", import.meta.url));
const AXE = fileURLToPath(new URL("../../node_modules/axe-core/axe.min.js", import.meta.url));
/** Smallest text a reader should meet in a chart, CSS px. */
const MIN_CHART_FONT_PX = 11;

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`the browser test needs Chromium at ${CHROMIUM} (apt-get install -y chromium), or set TRADETIES_CHROMIUM`);
  mkdirSync(SHOTS, { recursive: true });
  await build({ configFile: fileURLToPath(new URL("../../web/vite.config.ts", import.meta.url)), logLevel: "warn" });
  server = await startServer({ storePath: inject("sampleStorePath"), port: 0, host: "127.0.0.1" });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") pageErrors.push(m.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function shot(p: Page, name: string, fullPage = false): Promise<void> {
  await p.screenshot({ path: `${SHOTS}${name}.png`, fullPage });
}

/** Serious and critical axe-core violations on the page as it is now. */
async function axeViolations(p: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's Content-Security-Policy (no inline scripts) stays on.
  await p.evaluate(readFileSync(AXE, "utf8"));
  const result = await p.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    return axe.run(document, { resultTypes: ["violations"] });
  });
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
}

/** Every text element drawn in the live charts, with its rendered font size in CSS px. */
async function chartFontSizes(p: Page): Promise<number[]> {
  return p.locator(".chart-host svg text").evaluateAll((els) => {
    // The CTM's scale whatever the rotation (axis titles are turned 90°).
    const scaleOf = (e: SVGGraphicsElement) => {
      const m = e.getScreenCTM();
      return m ? Math.hypot(m.a, m.b) : 1;
    };
    return els.filter((e) => (e.textContent ?? "").trim()).map((e) => parseFloat(getComputedStyle(e).fontSize) * scaleOf(e as SVGGraphicsElement));
  });
}

async function liveCharts(p: Page, min = 1): Promise<number> {
  await expect.poll(() => p.locator(".chart-host svg").count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(min);
  return p.locator(".chart-host svg").count();
}

async function download(p: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [d] = await Promise.all([p.waitForEvent("download"), click()]);
  return { name: d.suggestedFilename(), text: readFileSync((await d.path())!, "utf8") };
}

async function type(id: string, text: string): Promise<void> {
  const box = page.locator(`#${id}`);
  await box.focus();
  await box.fill("");
  await page.keyboard.type(text, { delay: 15 });
}

describe("dashboard", () => {
  it("starts with a prompt to choose a country", async () => {
    await page.goto(server.url + "/");
    await expect.poll(() => page.locator(".intro").isVisible()).toBe(true);
  });

  it("picker: Enter on 'korea' takes South Korea (the larger trader), and opens its partners", async () => {
    await type("country-a", "korea");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#country-a").inputValue()).toContain("KOR");
    await expect.poll(() => new URL(page.url()).search).toBe("?a=KOR");
    await page.locator("#country-h").waitFor({ timeout: 30_000 });
  });

  it("country view: every partner ranked with share, rank change, growth, balance and a sparkline; a map", async () => {
    expect(await page.locator("#country-h").textContent()).toMatch(/South Korea's trade partners in \d{4}/);
    const rows = page.locator(".partners tbody tr");
    expect(await rows.count()).toBeGreaterThan(5);
    // KOR's largest partner in the sample's reference year is China (its own DOTS report).
    expect(await rows.first().locator("th").textContent()).toMatch(/China/);
    // Share, checked against the table's own totals: China's total over the sum of every partner's.
    const totals = (await rows.locator("td:nth-child(4)").allTextContents()).map((t) => parseFloat(t.replace(/,/g, "")));
    const chinaShare = parseFloat((await rows.first().locator("td:nth-child(5)").textContent())!);
    expect(chinaShare).toBeCloseTo((totals[0]! / totals.reduce((s, t) => s + t, 0)) * 100, 0);
    expect(await rows.first().locator("svg.spark path").count()).toBeGreaterThan(0);
    await liveCharts(page);
    expect(await page.locator("#chart-map path[aria-roledescription='geoshape']").count() + (await page.locator("#chart-map .chart-host svg path").count())).toBeGreaterThan(100);
    for (const size of await chartFontSizes(page)) expect(size).toBeGreaterThanOrEqual(MIN_CHART_FONT_PX - 0.01);
    await shot(page, "country-view");
    await shot(page, "country-view-full", true);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("country view: sorts by a column and filters by name", async () => {
    await page.locator("th button.sort", { hasText: "Partner" }).click();
    const names = await page.locator(".partners tbody th").allTextContents();
    expect(names).toEqual([...names].sort((x, y) => x.localeCompare(y)));
    expect(await page.locator("th[aria-sort=ascending]").textContent()).toMatch(/Partner/);
    await page.locator("th button.sort", { hasText: "Balance" }).click();
    expect(await page.locator("th[aria-sort=descending]").textContent()).toMatch(/Balance/);
    await page.fill(".filter input", "russia");
    await expect.poll(() => page.locator(".partners tbody tr").count()).toBe(1);
    expect(await page.locator(".partners tbody th").first().textContent()).toMatch(/Russia/);
    await page.fill(".filter input", "");
  });

  it("country view: downloads the ranking as CSV, numbers without float noise", async () => {
    const csv = await download(page, () => page.locator("a", { hasText: "Download the table (CSV)" }).click());
    expect(csv.name).toMatch(/^kor-partners-\d{4}\.csv$/);
    const lines = csv.text.trim().split("\r\n");
    expect(lines[0]).toBe("rank,partner,name,reference_year,total_usd,share_of_total,exports_usd,imports_usd,balance_usd,rank_start,rank_change,growth_from_year,growth_cagr,side");
    expect(lines[1]).toMatch(/^1,CHN,China,/);
    expect(csv.text).not.toMatch(/\d\.\d*0000000\d|\d\.\d*9999999\d/);
  });

  it("compare: ticks three partners and shows them side by side", async () => {
    const rows = page.locator(".partners tbody tr");
    for (const i of [0, 1, 2]) await rows.nth(i).locator("input[type=checkbox]").check();
    await page.locator("button", { hasText: "Compare ticked (3)" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("compare")?.split(",").length).toBe(3);
    await page.locator("#compare-h").waitFor();
    expect(await page.locator(".compare-card").count()).toBe(3);
    await expect.poll(() => page.locator("#chart-compare .chart-host svg").count(), { timeout: 30_000 }).toBe(1);
    expect(await page.locator("#chart-compare .chart-host svg").getAttribute("aria-label")).toMatch(/total trade with/);
    await shot(page, "compare");
    const csv = await download(page, () => page.locator("#chart-compare button", { hasText: "CSV" }).click());
    expect(csv.name).toBe("kor-compare.csv");
    expect(csv.text.split("\r\n")[0]).toBe("partner,year,total_bn");
    expect(await axeViolations(page)).toEqual([]);
  });

  it("pair view: a partner row opens the pair, with its key chart on the first screen", async () => {
    await page.goto(`${server.url}/?a=KOR`);
    await page.locator(".partners tbody th a", { hasText: "Russia" }).click();
    await expect.poll(() => new URL(page.url()).search).toBe("?a=KOR&b=RUS");
    const headline = page.locator("#headline");
    await headline.waitFor({ timeout: 30_000 });
    expect(await headline.textContent()).toMatch(/grew \d+-fold/);
    await liveCharts(page, 1);
    const key = await page.locator(".key-chart .chart-host svg").boundingBox();
    expect(key).not.toBeNull();
    expect(key!.y + key!.height).toBeLessThanOrEqual(900);
    // The sample has no KOR–RUS figures for 1982–1990: the period label says so instead of "1976–2020".
    expect(await page.locator(".pair-title").textContent()).toMatch(/data 1976–1981, 1991–2020/);
    await liveCharts(page, 5);
    for (const size of await chartFontSizes(page)) expect(size).toBeGreaterThanOrEqual(MIN_CHART_FONT_PX - 0.01);
    await shot(page, "pair-view");
    await shot(page, "pair-view-full", true);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("pair view: a chart shows exact values and the source on hover, and a legend click highlights a series", async () => {
    // The invisible hover targets on the lines: one per year and series.
    const targets = page.locator(".key-chart .chart-host svg .mark-symbol path");
    expect(await targets.count()).toBeGreaterThan(20);
    await targets.nth(Math.floor((await targets.count()) * 0.8)).hover({ force: true });
    const tooltip = page.locator("#vg-tooltip-element.visible");
    await tooltip.waitFor({ timeout: 5_000 });
    const tip = (await tooltip.textContent()) ?? "";
    expect(tip).toMatch(/Source.*IMF Direction of Trade Statistics/);
    expect(tip).toMatch(/billion USD\s*[\d.]+/i);
    const legendItem = page.locator(".key-chart .chart-host svg .role-legend-symbol path, .key-chart .chart-host svg .role-legend-label text").first();
    await legendItem.click({ force: true });
    await expect.poll(() => page.locator(".key-chart .chart-host svg [aria-roledescription='line mark'] path, .key-chart .chart-host svg .mark-line path").evaluateAll((ps) => ps.map((p) => p.getAttribute("stroke-opacity") ?? p.getAttribute("opacity") ?? "1"))).toContain("0.15");
  });

  it("pair view: the data table has one unit per column and sorts", async () => {
    const heads = await page.locator("section[aria-labelledby=data-h] thead th").allTextContents();
    expect(heads.slice(1).every((h) => /, USD (bn|m|thousand)$|, USD$/.test(h.replace(/[▲▼ ]+$/, "")))).toBe(true);
    const cells = await page.locator("section[aria-labelledby=data-h] tbody td:nth-child(4)").allTextContents();
    expect(cells.every((c) => !/[$a-z]/.test(c))).toBe(true);
    await page.locator("section[aria-labelledby=data-h] th button", { hasText: "Total" }).click();
    const totals = (await page.locator("section[aria-labelledby=data-h] tbody td:nth-child(4)").allTextContents()).map((t) => (t === "–" ? -Infinity : parseFloat(t.replace(/,/g, ""))));
    expect(totals).toEqual([...totals].sort((x, y) => y - x));
  });

  it("pair view: a footnote mark scrolls its note clear of the sticky header", async () => {
    await page.locator(".lead sup a").first().click();
    const note = page.locator(".notes li").first();
    await expect.poll(() => note.isVisible()).toBe(true);
    await page.waitForTimeout(300);
    const header = (await page.locator("header.top").boundingBox())!;
    const target = (await page.locator(".notes li:target").boundingBox())!;
    expect(target.y).toBeGreaterThanOrEqual(header.y + header.height);
  });

  it("pair view: says what the data lacks in a reader's words, with no command-line advice", async () => {
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).not.toMatch(/tradeties |--[a-z]|context file|pass a |load [A-Z]{3}'s|\/api\//);
  });

  it("changes the period, keeping it in the URL, and the table follows", async () => {
    await page.fill("#from", "2000");
    await page.fill("#to", "2015");
    await page.locator("#to").press("Enter");
    await expect.poll(() => new URL(page.url()).search).toBe("?a=KOR&b=RUS&from=2000&to=2015");
    await expect.poll(() => page.locator(".pair-title").textContent(), { timeout: 30_000 }).toMatch(/data 2000–2015/);
    expect(await page.locator("section[aria-labelledby=data-h] tbody tr").count()).toBe(16);
    await liveCharts(page, 3);
  });

  it("refuses a backwards period in the form without a request", async () => {
    await page.fill("#from", "2016");
    await page.locator("#to").press("Enter");
    expect(await page.locator(".form-error").textContent()).toMatch(/swap/);
    await page.fill("#from", "2000");
  });

  it("downloads the data for the chosen period (CSV, JSON), rounded at the source", async () => {
    const csv = await download(page, () => page.locator(".downloads a", { hasText: /^CSV$/ }).click());
    expect(csv.name).toBe("kor-rus-2000-2015-pair.csv");
    expect(csv.text.startsWith("year,")).toBe(true);
    expect(csv.text).toContain("\r\n2015,KOR,RUS,");
    expect(csv.text).not.toMatch(/\d\.\d*0000000\d|\d\.\d*9999999\d/);
    const json = await download(page, () => page.locator(".downloads a", { hasText: /^JSON$/ }).click());
    expect(json.name).toBe("kor-rus-pair.json");
    expect(JSON.parse(json.text).years.length).toBe(16);
    expect(json.text).not.toMatch(/\d\.\d*0000000\d|\d\.\d*9999999\d/);
  });

  it("downloads the report for the chosen period (HTML, Markdown, PDF)", async () => {
    const html = await download(page, () => page.locator(".downloads a", { hasText: /^HTML$/ }).click());
    expect(html.name).toBe("kor-rus-2000-2015-report.html");
    expect(html.text).toMatch(/<html|<!doctype/i);
    const md = await download(page, () => page.locator(".downloads a", { hasText: /^Markdown$/ }).click());
    expect(md.name).toBe("kor-rus-2000-2015-report.md");
    expect(md.text).toMatch(/^# /m);
    const pdf = await download(page, () => page.locator(".downloads a", { hasText: /^PDF$/ }).click());
    expect(pdf.name).toBe("kor-rus-2000-2015-report.pdf");
    expect(pdf.text.startsWith("%PDF-")).toBe(true);
  });

  it("downloads a chart as PNG, SVG and its data as CSV", async () => {
    const chart = page.locator(".key-chart");
    const png = await download(page, () => chart.locator("button", { hasText: "PNG" }).click());
    expect(png.name).toBe("kor-rus-trade-volume.png");
    expect(png.text.slice(1, 4)).toBe("PNG");
    const svg = await download(page, () => chart.locator("button", { hasText: "SVG" }).click());
    expect(svg.name).toBe("kor-rus-trade-volume.svg");
    expect(svg.text).toMatch(/^<svg/);
    const csv = await download(page, () => chart.locator("button", { hasText: "CSV" }).click());
    expect(csv.name).toBe("kor-rus-trade-volume.csv");
    expect(csv.text.split("\r\n")[0]).toBe("year,series,value");
    expect(csv.text).toMatch(/\r\n2015,Total trade,[\d.]+\r\n/);
  });

  it("picker: a misspelling shows the closest names visibly, and Enter takes the first", async () => {
    await type("country-b", "Rusia");
    const hint = page.locator("#country-b-hint");
    await hint.waitFor();
    expect(await hint.textContent()).toMatch(/No country is called “Rusia”\. Closest names: Russia/);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#country-b").inputValue()).toContain("RUS");
    await type("country-b", "Narnia");
    await expect.poll(() => hint.textContent().catch(() => "")).toMatch(/No country or code matches “Narnia”/);
    await page.keyboard.press("Escape");
  });

  it("opens a shared link with the same view, and says what to do about an unknown country in words", async () => {
    await page.goto(`${server.url}/?a=KOR&b=RUS&from=2000&to=2015`);
    await page.locator("#headline").waitFor();
    await expect.poll(() => page.locator("#country-a").inputValue()).toContain("KOR");
    await page.goto(`${server.url}/?a=KOR&b=Rusia`);
    const alert = page.locator(".error[role=alert]");
    await alert.waitFor();
    const text = (await alert.textContent()) ?? "";
    expect(text).toMatch(/Unknown country "Rusia"\.Did you mean: Russia \(RUS\)/);
    expect(text).not.toMatch(/\/api\/|did you mean: RUS/);
  });

  it("products: a treemap of the pair's BACI trade by HS section drills down to chapters, HS4 and HS6, with a table and RCA", async () => {
    // The sample's BACI file: South Africa's 2021 exports (CEPII example data).
    await page.goto(`${server.url}/?a=ZAF&b=BWA`);
    await page.locator("#products-h").waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator("#chart-products-treemap .chart-host svg path").count(), { timeout: 30_000 }).toBeGreaterThan(5);
    const first = page.locator(".products tbody tr").first();
    expect(await first.locator("th").textContent()).toMatch(/^V Mineral products/);
    // Share of the first section, against the table's own export values.
    const values = (await page.locator(".products tbody td:nth-child(2)").allTextContents()).map((t) => parseFloat(t.replace(/,/g, "")));
    expect(values).toEqual([...values].sort((x, y) => y - x));
    await first.locator("button").click();
    await expect.poll(() => page.locator(".crumbs").textContent()).toMatch(/All sections › V Mineral products/);
    await expect.poll(() => page.locator(".products tbody th").first().textContent()).toMatch(/^2[5-7] /);
    await page.locator(".products tbody tr").first().locator("button").click();
    await expect.poll(() => page.locator(".products tbody th").first().textContent()).toMatch(/^\d{4} /);
    await page.locator(".products tbody tr").first().locator("button").click();
    await expect.poll(() => page.locator(".products tbody th").first().textContent()).toMatch(/^\d{6} /);
    await shot(page, "products");
    const csv = await download(page, () => page.locator(".products a", { hasText: "Download this breakdown (CSV)" }).click());
    expect(csv.text.split("\r\n")[0]).toBe("year,level,code,description,exports_usd,imports_usd,export_share,import_share,rca_a,rca_b");
    expect(await axeViolations(page)).toEqual([]);
  });

  it("phone width (390 px): no sideways scrolling, charts fit, text stays ≥ 11 px", async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    for (const [url, name] of [[`${server.url}/?a=KOR&b=RUS`, "pair-view-phone"], [`${server.url}/?a=KOR`, "country-view-phone"]] as const) {
      await phone.goto(url);
      await liveCharts(phone, 1);
      await phone.waitForTimeout(300);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      for (const b of await phone.locator(".chart-host svg").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right))) expect(b).toBeLessThanOrEqual(390);
      for (const size of await chartFontSizes(phone)) expect(size).toBeGreaterThanOrEqual(MIN_CHART_FONT_PX - 0.01);
      await shot(phone, name);
      await shot(phone, `${name}-full`, true);
      expect(await axeViolations(phone)).toEqual([]);
    }
    await phone.close();
  });

  it("logged no errors in the page", () => {
    // Chromium logs every 4xx answer; 404 (an unknown country) and 422 (no product data for a pair) are answers the page handles.
    expect(pageErrors.filter((e) => !/status of (404|422)/.test(e))).toEqual([]);
  });
});
