import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The district dashboard: served by the district server at /dashboard/ (server/app.ts). The build
 * has no inline script, so the pages run under `script-src 'self'`.
 */
export default defineConfig({
  root,
  base: '/dashboard/',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: fileURLToPath(new URL('../dist/dashboard', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome110',
    // No inline module-preload helper: the Content-Security-Policy allows no inline script.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
  },
  // `npm run dev` style use: proxy the API to a district server on its default port.
  server: { port: 5180, proxy: { '/api': 'http://127.0.0.1:4100' } },
});
