// Builds the Angular 21 example against the built package (run `npm run build` first):
// `npx vite build --config demo/angular/vite.config.ts` compiles the app ahead of time with Angular's compiler
// (ngc, strict template checks: tsconfig.json), links Angular's own packages (published partly compiled) with
// Angular's linker, and bundles the result into dist/examples/angular/, as Angular's own builder would.
import { spawnSync } from 'node:child_process';
import { transformAsync } from '@babel/core';
import linkerPlugin from '@angular/compiler-cli/linker/babel';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const aot = here('../../dist/examples/.angular-aot');

/** Runs ngc at the start of the build, and has index.html load its output instead of the TypeScript source. */
const angularAot: Plugin = {
  name: 'angular-aot',
  enforce: 'pre',
  buildStart() {
    const ngc = here('../../node_modules/@angular/compiler-cli/bundles/src/bin/ngc.js');
    const run = spawnSync(process.execPath, [ngc, '-p', here('tsconfig.json')], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`ngc failed:\n${run.stdout}${run.stderr}`);
  },
  resolveId(source, importer) {
    if (importer?.endsWith('.html') && source.endsWith('main.ts')) return join(aot, 'main.js');
    return undefined;
  },
};

/** Angular's linker: finishes the compilation of the components and services that Angular's packages declare. */
const angularLinker: Plugin = {
  name: 'angular-linker',
  async transform(code, id) {
    if (!/[\\/]node_modules[\\/]@angular[\\/]/.test(id) || !code.includes('\u0275\u0275ngDeclare')) return undefined;
    const linked = await transformAsync(code, {
      filename: id,
      plugins: [linkerPlugin],
      configFile: false,
      babelrc: false,
      compact: false,
      sourceMaps: false,
    });
    return linked?.code ?? undefined;
  },
};

export default defineConfig({
  root: here('.'),
  base: './',
  logLevel: 'warn',
  plugins: [angularAot, angularLinker],
  // What Angular's own builder sets for a production build.
  define: { ngDevMode: 'false', ngJitMode: 'false', ngI18nClosureMode: 'false' },
  resolve: {
    // The package as an app installs it: its own name, resolved to the build in dist/ (bench/app-sizes.mjs sets
    // CSAT_SURVEY_ENTRY to an empty module, to measure the app without it).
    alias: [{ find: /^csat-survey$/, replacement: process.env.CSAT_SURVEY_ENTRY ?? here('../../dist/index.js') }],
  },
  build: {
    outDir: here('../../dist/examples/angular'),
    emptyOutDir: true,
    rolldownOptions: { checks: { pluginTimings: false } },
  },
});
