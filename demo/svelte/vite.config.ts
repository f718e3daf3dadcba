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
    // The package as an app installs it: its own name, resolved to the build in dist/.
    alias: [
      { find: /^csat-survey$/, replacement: here('../../dist/index.js') },
      { find: /^csat-survey\/svelte$/, replacement: here('../../dist/frameworks/svelte.js') },
    ],
  },
});
