// The package as the ecosystem's checkers see it, on the tarball `npm pack` makes (run `npm run build` first):
//   - publint: package.json and the published files agree (formats, exports, types first);
//   - @arethetypeswrong/cli: every entry point resolves to JavaScript and to its types under TypeScript's node10,
//     node16 (from ESM and from CommonJS) and bundler resolution. The package is ESM only, so a `require()` of it
//     from CommonJS is the one thing reported and accepted (cjs-resolves-to-esm): Node 20.19 loads it with
//     require(esm), TypeScript's node16 mode does not model that;
//   - `npm publish --dry-run` passes;
//   - an app with the tarball installed type-checks under node10, node16 and bundler resolution, and a plain
//     (not type-only) `import 'csat-survey/react'` and the others build with vite.
// publint and attw run offline on the tarball (no @types lookup); each prints its summary.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = (name) => join(root, 'node_modules/.bin', name);
const ENTRIES = ['.', './element', './react', './vue', './svelte', './csat-survey.js'];

let work;
let tarball;

const run = (command, args, options = {}) => {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', ...options });
  return { status: result.status, out: `${result.stdout ?? ''}${result.stderr ?? ''}`, stdout: result.stdout ?? '' };
};

before(() => {
  work = mkdtempSync(join(tmpdir(), 'csat-survey-pack-'));
  const packed = run('npm', ['pack', '--pack-destination', work, '--ignore-scripts', '--json']);
  assert.equal(packed.status, 0, packed.out);
  tarball = join(work, JSON.parse(packed.stdout)[0].filename);
});

after(() => rmSync(work, { recursive: true, force: true }));

test('publint finds nothing to report in the tarball', () => {
  const result = run(bin('publint'), ['run', tarball, '--level', 'suggestion']);
  console.log(`publint: ${result.out.trim().split('\n').slice(-1)[0]}`);
  assert.equal(result.status, 0, result.out);
  assert.match(result.out, /All good!/, result.out);
});

test('attw: every entry point resolves, with its types, under node10, node16 and bundler', () => {
  const args = [tarball, '--no-definitely-typed', '--no-color', '--ignore-rules', 'cjs-resolves-to-esm'];
  const json = run(bin('attw'), [...args, '--format', 'json']);
  const report = JSON.parse(json.stdout);
  const { entrypoints } = report.analysis;
  for (const entry of ENTRIES) assert.ok(entrypoints[entry], `attw did not check ${entry}`);
  // Everything but a require() of an ESM-only package from CommonJS, which is accepted (see the top).
  const problems = Object.values(report.problems ?? {})
    .flat()
    .filter((p) => p.kind !== 'CJSResolvesToESM');
  assert.deepEqual(problems, [], 'attw problems');
  for (const [entry, { resolutions }] of Object.entries(entrypoints)) {
    for (const kind of ['node10', 'node16-cjs', 'node16-esm', 'bundler']) {
      const resolution = resolutions[kind]?.resolution;
      assert.ok(resolution?.fileName, `${entry} does not resolve under ${kind}`);
      if (!entry.endsWith('.json')) assert.ok(resolution.isTypeScript, `${entry} has no types under ${kind}`);
    }
  }
  const table = run(bin('attw'), [...args, '--format', 'table-flipped']);
  console.log(`attw (node10, node16 from CJS and ESM, bundler):\n${table.out.trim()}`);
  assert.equal(table.status, 0, table.out);
});

test('npm publish --dry-run passes', () => {
  const result = run('npm', ['publish', '--dry-run', '--ignore-scripts']);
  const summary = result.out
    .split('\n')
    .filter((line) => /package size|unpacked size|total files|^\+ /.test(line))
    .join('\n');
  console.log(`npm publish --dry-run:\n${summary}`);
  assert.equal(result.status, 0, result.out);
  assert.match(result.out, /\+ csat-survey@/);
});

/** An app with the tarball unpacked in its node_modules; inside the repository, so lit, react… resolve too. */
function consumerApp() {
  const dir = join(root, '.test-results', 'package-consumer');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  const unpacked = run('tar', ['-xzf', tarball, '-C', join(dir, 'node_modules')]);
  assert.equal(unpacked.status, 0, unpacked.out);
  renameSync(join(dir, 'node_modules/package'), join(dir, 'node_modules/csat-survey'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  return dir;
}

test('an app type-checks under node10, node16 and bundler resolution, and plain imports of every entry build', async () => {
  const dir = consumerApp();
  writeFileSync(
    join(dir, 'app.ts'),
    [
      "import { CsatSurveyElement, type SurveyResponse } from 'csat-survey';",
      "import { CsatSurveyElement as Unregistered } from 'csat-survey/element';",
      "import type { CsatSurveyReactProps } from 'csat-survey/react';",
      "import type { CsatSurveyVueProps } from 'csat-survey/vue';",
      "import type { CsatSurveySvelteProps } from 'csat-survey/svelte';",
      "import type { CsatSurveyGlobal } from 'csat-survey/csat-survey.js';",
      "const react: CsatSurveyReactProps = { type: 'nps', 'survey-id': 'a', endpoint: '/r' };",
      "const vue: CsatSurveyVueProps = { type: 'csat', surveyId: 'a', endpoint: '/r' };",
      "const svelte: CsatSurveySvelteProps = { type: 'ces', 'survey-id': 'a', endpoint: '/r' };",
      'const global: CsatSurveyGlobal | undefined = window.CsatSurvey;',
      'const answer: SurveyResponse | undefined = undefined;',
      'export const all = [CsatSurveyElement === Unregistered, react, vue, svelte, global, answer];',
      '',
    ].join('\n'),
  );
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  for (const [module, moduleResolution] of [
    ['commonjs', 'node10'],
    ['node16', 'node16'],
    ['esnext', 'bundler'],
  ]) {
    const compilerOptions = {
      ...{ module, moduleResolution, target: 'es2022', strict: true, noEmit: true, lib: ['es2022', 'dom'], types: [] },
      // third-party typings (svelte's, zod's) are not all written for node10: the app's own imports are what is checked
      skipLibCheck: true,
    };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['app.ts'] }));
    const checked = run(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { cwd: dir });
    assert.equal(checked.status, 0, `tsc --moduleResolution ${moduleResolution}:\n${checked.out}`);
  }

  writeFileSync(
    join(dir, 'main.js'),
    "import 'csat-survey';\nimport 'csat-survey/react';\nimport 'csat-survey/vue';\nimport 'csat-survey/svelte';\n" +
      "import 'csat-survey/element';\nconsole.log(customElements.get('csat-survey') !== undefined);\n",
  );
  writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" src="./main.js"></script>\n');
  const { build } = await import('vite');
  await build({ root: dir, configFile: false, logLevel: 'silent', build: { outDir: join(dir, 'out') } });
  const js = readdirSync(join(dir, 'out/assets')).filter((f) => f.endsWith('.js'));
  assert.equal(js.length, 1);
  assert.match(readFileSync(join(dir, 'out/assets', js[0]), 'utf8'), /csat-survey/);
  rmSync(dir, { recursive: true, force: true });
});

test("an app that imports 'csat-survey/lazy' starts with a small chunk; the element and the delivery are chunks of their own", async () => {
  const dir = consumerApp();
  writeFileSync(
    join(dir, 'main.js'),
    "import { track } from 'csat-survey/lazy';\nwindow.checkout = () => track('checkout');\n",
  );
  writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" src="./main.js"></script>\n');
  const { build } = await import('vite');
  await build({ root: dir, configFile: false, logLevel: 'silent', build: { outDir: join(dir, 'out') } });
  const assets = join(dir, 'out/assets');
  const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const html = readFileSync(join(dir, 'out/index.html'), 'utf8');
  const entry = js.find((f) => html.includes(f));
  assert.ok(entry, 'the entry chunk is in index.html');
  const gzip = (file) => gzipSync(readFileSync(join(assets, file)), { level: 9 }).length;
  const rest = js.filter((f) => f !== entry);
  assert.ok(rest.length >= 2, `the element and the delivery in chunks of their own: ${js.join(', ')}`);
  // What every page of the app pays (the decision, the page's privacy settings, the events, the queue), against the
  // whole widget.
  assert.ok(gzip(entry) < 3300, `entry chunk ${gzip(entry)} B gzip`);
  assert.ok(rest.reduce((sum, f) => sum + gzip(f), 0) > 15_000, 'the element is in the later chunks');
  assert.doesNotMatch(readFileSync(join(assets, entry), 'utf8'), /LitElement|lit-html|attachShadow/);
  rmSync(dir, { recursive: true, force: true });
});
