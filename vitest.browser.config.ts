import { defineConfig } from "vitest/config";

/**
 * The dashboard in a real browser: builds web/ with Vite, starts `tradeties serve` on a random
 * loopback port over the sample store, drives Chromium (Debian's /usr/bin/chromium) with
 * playwright-core. Run with `npm run test:browser`.
 */
export default defineConfig({
  test: {
    include: ["test/browser/**/*.browser.test.ts"],
    globalSetup: ["test/globalSetup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    env: { TZ: "UTC" },
  },
});
