import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The dashboard and "Add to your site": two pages of lit components, built into the collector's
// package (dist/dashboard/), which serves them under a strict Content-Security-Policy: no inline
// script or style (lit's styles go through adoptedStyleSheets), files of this origin only.
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: './',
  publicDir: here('public'),
  logLevel: 'warn',
  build: {
    outDir: here('../dist/dashboard'),
    emptyOutDir: true,
    target: 'es2021',
    // No inline module-preload helper: the CSP allows no inline script.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    rollupOptions: { input: { index: here('index.html'), site: here('site.html'), alerts: here('alerts.html') } },
  },
});
