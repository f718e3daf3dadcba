#!/usr/bin/env node
// `npm run bench:apps`: what csat-survey adds to each example app's production build (React 19, Vue 3, Angular 21,
// SvelteKit 2): the app's JavaScript (every .js file the browser gets, gzip -9) built with the package, minus the
// same app built with `csat-survey` resolved to an empty module. Builds dist/ first when it is missing; leaves the
// example builds in dist/examples/ as the end-to-end test makes them.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const root = new URL('..', import.meta.url).pathname;
const EMPTY = join(root, 'bench/empty-module.js');

if (!existsSync(join(root, 'dist/index.js'))) {
  console.log('::: dist/ is missing; building');
  const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

/** Raw and gzip -9 bytes of every .js file under `dir`. */
function jsSize(dir) {
  let raw = 0;
  let gzip = 0;
  for (const file of readdirSync(dir, { recursive: true }).map(String)) {
    if (!file.endsWith('.js')) continue;
    const bytes = readFileSync(join(dir, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

/** Builds an app with vite (React, Vue, Angular) into a temporary folder; returns its JS size. */
async function viteApp(dir, entry) {
  const outDir = join(tmpdir(), `csat-app-size-${dir}-${entry ? 'without' : 'with'}`);
  if (entry) process.env.CSAT_SURVEY_ENTRY = entry;
  try {
    await build({ configFile: join(root, `demo/${dir}/vite.config.ts`), logLevel: 'error', build: { outDir } });
  } finally {
    delete process.env.CSAT_SURVEY_ENTRY;
  }
  const size = jsSize(outDir);
  rmSync(outDir, { recursive: true, force: true });
  return size;
}

/** Builds the SvelteKit app (in its folder, as SvelteKit wants); returns the size of its client JS. */
function svelteKitApp(entry) {
  const env = { ...process.env };
  if (entry) env.CSAT_SURVEY_ENTRY = entry;
  const run = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build'], {
    cwd: join(root, 'demo/svelte'),
    env,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`the SvelteKit build failed:\n${run.stdout}${run.stderr}`);
  return jsSize(join(root, 'demo/svelte/.svelte-kit/output/client'));
}

const apps = [
  ['React 19', (entry) => viteApp('react', entry)],
  ['Vue 3', (entry) => viteApp('vue', entry)],
  ['Angular 21', (entry) => viteApp('angular', entry)],
  ['SvelteKit 2 (Svelte 5)', svelteKitApp],
];

const kB = (n) => `${(n / 1000).toFixed(1)} kB`;
console.log('What csat-survey adds to each example app (its JavaScript; gzip -9):\n');
console.log(`${'app'.padEnd(24)} ${'without'.padStart(20)} ${'with'.padStart(20)} ${'added'.padStart(20)}`);
for (const [name, measure] of apps) {
  const without = await measure(EMPTY);
  const withIt = await measure(undefined); // last, so dist/examples/svelte is the real app again
  const cell = (s) => `${kB(s.raw)} / ${kB(s.gzip)}`.padStart(20);
  const added = { raw: withIt.raw - without.raw, gzip: withIt.gzip - without.gzip };
  console.log(`${name.padEnd(24)} ${cell(without)} ${cell(withIt)} ${cell(added)}`);
}
console.log('\n(raw / gzip; "added" is with minus without: the element, lit and idb-keyval)');
