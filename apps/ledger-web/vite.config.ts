import { defineConfig } from 'vite';

// The dashboard is built into static files that the API serves at `/` (see
// apps/ledger-api/src/web). Everything it needs is bundled: no CDN, no remote fonts.
// `npx vite --config apps/ledger-web/vite.config.ts` serves it for development and sends the
// API routes to a ledger running on :3000.
export default defineConfig({
  root: __dirname,
  base: '/',
  // JSX without @vitejs/plugin-react: Vite 8 compiles TSX with oxc; Fast Refresh is the only
  // thing the plugin would add, and its optional peers do not resolve with this repo's Babel.
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    // ECharts alone is ~1 MB before tree-shaking; the chart module imports only what it uses.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // TanStack Query marks its hooks "use client" for React Server Components; in a plain
      // client bundle the directive means nothing, and the warning about dropping it is noise.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
  server: {
    proxy: {
      '/v1': 'http://127.0.0.1:3000',
      '/health': 'http://127.0.0.1:3000',
    },
  },
});
