import { defineConfig } from "vitest/config";

/**
 * The world walk (`npm run test:walk-world`): 400 seeded random pairs of all DOTS reporters on a
 * store of all 235 workbooks, ~2 min; run by .ci/run after the 870-pair walk.
 */
export default defineConfig({
  test: {
    include: ["test/walk/walkWorld.test.ts"],
    testTimeout: 3_600_000,
    hookTimeout: 900_000,
    env: { TZ: "UTC" },
  },
});
