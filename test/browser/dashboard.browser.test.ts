/**
 * The dashboard as a person uses it, in Chromium: pick Korea and Russia with the keyboard, read
 * the headline and a chart, change the period, download the report and the data.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startServer, type RunningServer } from "../../src/server/serve.js";

const CHROMIUM = process.env.TRADETIES_CHROMIUM ?? "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

let server: RunningServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`the browser test needs Chromium at ${CHROMIUM} (apt-get install -y chromium), or set TRADETIES_CHROMIUM`);
  await build({ configFile: fileURLToPath(new URL("../../web/vite.config.ts", import.meta.url)), logLevel: "warn" });
  server = await startServer({ storePath: inject("sampleStorePath"), port: 0, host: "127.0.0.1" });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
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

async function pick(id: string, typed: string, code: string): Promise<void> {
  const box = page.locator(`#${id}`);
  await box.focus();
  await page.keyboard.type(typed, { delay: 20 });
  const option = page.locator(`#${id}-list [role=option]`, { hasText: code });
  await option.first().waitFor();
  // Move the active option to the one with this code by keyboard, then Enter.
  for (let i = 0; i < 8; i++) {
    const activeId = await box.getAttribute("aria-activedescendant");
    const activeText = activeId ? await page.locator(`#${activeId}`).textContent() : "";
    if (activeText?.includes(code)) break;
    await page.keyboard.press("ArrowDown");
  }
  await page.keyboard.press("Enter");
  await expect.poll(() => box.inputValue()).toContain(code);
  expect(await box.getAttribute("aria-expanded")).toBe("false");
}

async function chartLoaded(): Promise<boolean> {
  return page.locator(".chart img").first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);
}

describe("dashboard", () => {
  it("starts with a prompt to choose two countries", async () => {
    await page.goto(server.url + "/");
    await expect.poll(() => page.locator(".intro").isVisible()).toBe(true);
  });

  it("picks South Korea and Russia through the comboboxes and shows the headline and the charts", async () => {
    await pick("country-a", "south korea", "KOR");
    await pick("country-b", "russia", "RUS");
    const headline = page.locator("#headline");
    await headline.waitFor({ timeout: 30_000 });
    expect(await headline.textContent()).toMatch(/Trade .*grew \d+-fold/);
    expect(await page.locator(".lead").textContent()).toMatch(/deficit/);
    expect(new URL(page.url()).search).toBe("?a=KOR&b=RUS");
    expect(await page.locator(".card").count()).toBe(6);
    await page.locator(".chart img").first().scrollIntoViewIfNeeded();
    await expect.poll(chartLoaded, { timeout: 30_000 }).toBe(true);
    expect(await page.locator(".chart img").first().getAttribute("src")).toMatch(/^\/api\/pairs\/KOR\/RUS\/charts\/[a-z-]+\.svg$/);
    expect(await page.locator("tbody tr").count()).toBeGreaterThan(25);
  });

  it("changes the period, keeping it in the URL, and the table follows", async () => {
    await page.fill("#from", "2000");
    await page.fill("#to", "2015");
    await page.locator("#to").press("Enter");
    await expect.poll(() => new URL(page.url()).search).toBe("?a=KOR&b=RUS&from=2000&to=2015");
    await expect.poll(() => page.locator("tbody tr th").first().textContent()).toMatch(/^2015/);
    expect(await page.locator("tbody tr th").last().textContent()).toMatch(/^2000/);
    expect(await page.locator(".pair-title").textContent()).toMatch(/data 2000–2015/);
    await expect.poll(chartLoaded, { timeout: 30_000 }).toBe(true);
    expect(await page.locator(".chart img").first().getAttribute("src")).toContain("?from=2000&to=2015");
  });

  it("refuses a backwards period in the form without a request", async () => {
    await page.fill("#from", "2016");
    await page.locator("#to").press("Enter");
    expect(await page.locator(".form-error").textContent()).toMatch(/swap/);
    await page.fill("#from", "2000");
  });

  async function download(link: string): Promise<{ name: string; text: string }> {
    const [d] = await Promise.all([page.waitForEvent("download"), page.locator(".downloads a", { hasText: new RegExp(`^${link}$`) }).click()]);
    return { name: d.suggestedFilename(), text: readFileSync((await d.path())!, "utf8") };
  }

  it("downloads the data for the chosen period (CSV, JSON)", async () => {
    const csv = await download("CSV");
    expect(csv.name).toBe("kor-rus-2000-2015-pair.csv");
    expect(csv.text.startsWith("year,")).toBe(true);
    expect(csv.text).toContain("\r\n2015,KOR,RUS,");
    const json = await download("JSON");
    expect(json.name).toBe("kor-rus-pair.json");
    expect(JSON.parse(json.text).years.length).toBe(16);
  });

  it("downloads the report for the chosen period (HTML, Markdown, PDF)", async () => {
    const html = await download("HTML");
    expect(html.name).toBe("kor-rus-2000-2015-report.html");
    expect(html.text).toMatch(/<html|<!doctype/i);
    const md = await download("Markdown");
    expect(md.name).toBe("kor-rus-2000-2015-report.md");
    expect(md.text).toMatch(/^# /m);
    const pdf = await download("PDF");
    expect(pdf.name).toBe("kor-rus-2000-2015-report.pdf");
    expect(pdf.text.startsWith("%PDF-")).toBe(true);
  });

  it("opens a shared link with the same view, and says what to do about an unknown country", async () => {
    await page.goto(`${server.url}/?a=KOR&b=RUS&from=2000&to=2015`);
    await page.locator("#headline").waitFor();
    await expect.poll(() => page.locator("#country-a").inputValue()).toContain("KOR");
    await page.goto(`${server.url}/?a=KOR&b=Rusia`);
    const alert = page.locator(".error[role=alert]");
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/unknown country "Rusia".*Did you mean: Russia \(RUS\)/);
  });

  it("logged no errors in the page", () => {
    expect(pageErrors.filter((e) => !/status of 404/.test(e))).toEqual([]);
  });
});
