// Builds the Vue 3 example against the built package (run `npm run build` first):
// `npx vite build --config demo/vue/vite.config.ts` writes dist/examples/vue/.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: './',
  logLevel: 'warn',
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'csat-survey' } } })],
  resolve: {
    // The package as an app installs it: its own name, resolved to the build in dist/ (bench/app-sizes.mjs sets
    // CSAT_SURVEY_ENTRY to an empty module, to measure the app without it).
    alias: [{ find: /^csat-survey$/, replacement: process.env.CSAT_SURVEY_ENTRY ?? here('../../dist/index.js') }],
  },
  build: { outDir: here('../../dist/examples/vue'), emptyOutDir: true },
});
