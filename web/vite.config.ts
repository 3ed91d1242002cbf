/**
 * Builds the dashboard (Preact, no router, no chart library: charts are the report's own SVGs
 * from the API) into web/dist, which `tradeties serve` serves at `/`.
 * JSX is compiled by Vite's own transformer (Oxc) with Preact's automatic runtime, so no Babel
 * preset is needed. `npm run dev:web` proxies /api to a running `tradeties serve`.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/",
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  resolve: { alias: { react: "preact/compat", "react-dom": "preact/compat" } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    reportCompressedSize: true,
  },
  server: {
    host: "127.0.0.1",
    proxy: { "/api": "http://127.0.0.1:8080", "/openapi.json": "http://127.0.0.1:8080" },
  },
});
