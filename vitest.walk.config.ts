import { defineConfig } from "vitest/config";

/** The walk over the 30 largest DOTS reporters' 870 pairs (`npm run test:walk`): minutes, so kept out of `npm test`. */
export default defineConfig({
  test: {
    include: ["test/walk/walk30.test.ts"],
    testTimeout: 3_600_000,
    hookTimeout: 600_000,
    env: { TZ: "UTC" },
  },
});
