// Builds the floors' scripts with vite, each into one minified classic script (an IIFE) as the widget's
// script-tag file is built: `lit-card.js` (the bare lit floor, lit bundled in) and `vanilla-card.js`.
import { join } from 'node:path';
import { build } from 'vite';

const root = new URL('../..', import.meta.url).pathname;
export const FLOORS = ['lit-card', 'vanilla-card'];

export async function buildFloors(outDir) {
  for (const name of FLOORS) {
    await build({
      configFile: false,
      root,
      publicDir: false,
      logLevel: 'silent',
      build: {
        outDir,
        emptyOutDir: false,
        target: 'es2021',
        lib: {
          entry: join(root, `bench/page-cost/floors/${name}.js`),
          formats: ['iife'],
          name: name.replace(/-(\w)/g, (_m, c) => c.toUpperCase()),
          fileName: () => `${name}.js`,
        },
      },
    });
  }
}
