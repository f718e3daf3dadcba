// Builds the React 19 example against the built package (run `npm run build` first):
// `npx vite build --config demo/react/vite.config.ts` writes dist/examples/react/.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: './',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic' } },
  resolve: {
    // The package as an app installs it: its own name, resolved to the build in dist/ (bench/app-sizes.mjs sets
    // CSAT_SURVEY_ENTRY to an empty module, to measure the app without it).
    alias: [{ find: /^csat-survey$/, replacement: process.env.CSAT_SURVEY_ENTRY ?? here('../../dist/index.js') }],
  },
  build: { outDir: here('../../dist/examples/react'), emptyOutDir: true },
});
