// SvelteKit 2 with server rendering (the default): each request is rendered on the server by the Node adapter,
// then hydrated in the browser. The app lives under /demo/svelte, where `npm start` serves it.
// Run from this folder (SvelteKit reads this file from the working directory): see vite.config.ts.
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out: '../../dist/examples/svelte', precompress: false }),
    paths: { base: '/demo/svelte', relative: false },
    typescript: {
      // The package as an app installs it, by its name; here its types come from the build in dist/.
      config(config) {
        config.compilerOptions.paths = {
          ...config.compilerOptions.paths,
          'csat-survey': ['../../../dist/types/index.d.ts'],
          'csat-survey/svelte': ['../../../dist/types/frameworks/svelte.d.ts'],
        };
      },
    },
  },
};
