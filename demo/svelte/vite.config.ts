// Builds the SvelteKit 2 example against the built package (run `npm run build` first). From this folder:
// `node ../../node_modules/vite/bin/vite.js build` writes dist/examples/svelte/ (a Node server: handler.js).
import { fileURLToPath } from 'node:url';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  logLevel: 'warn',
  plugins: [sveltekit()],
  resolve: {
    // The package as an app installs it: its own name, resolved to the build in dist/ (bench/app-sizes.mjs sets
    // CSAT_SURVEY_ENTRY to an empty module, to measure the app without it).
    alias: [
      { find: /^csat-survey$/, replacement: process.env.CSAT_SURVEY_ENTRY ?? here('../../dist/index.js') },
      { find: /^csat-survey\/svelte$/, replacement: here('../../dist/frameworks/svelte.js') },
    ],
  },
});
