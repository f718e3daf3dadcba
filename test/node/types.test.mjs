// The typings as a consumer meets them: test/types/ is an app's strict TypeScript project using the
// built package by name in React 19 (JSX), Vue 3 (a .vue template, checked by vue-tsc) and the plain DOM;
// test/types/svelte/ is a Svelte 5 one (svelte-check). They must type-check with no `any` and no cast; their
// @ts-expect-error lines (expect-error comments in Svelte markup) fail them if the typings loosen.
// test/types/angular/ is an Angular 21 one, checked by Angular's compiler (ngc) with strict templates.
// The example apps are checked with their framework's own checker too: demo/svelte by svelte-check,
// demo/angular by ngc.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const project = join(root, 'test/types');
const sources = readdirSync(project, { recursive: true })
  .map(String)
  .filter((name) => /\.(ts|tsx|vue|svelte)$/.test(name));
const svelteCheck = join(root, 'node_modules/svelte-check/bin/svelte-check');
const ngc = join(root, 'node_modules/@angular/compiler-cli/bundles/src/bin/ngc.js');

/** Angular's compiler on a project, without emitting: its status and errors as [{ file, line }] (lines from 1). */
function angularErrors(tsconfig) {
  const run = spawnSync(process.execPath, [ngc, '-p', tsconfig, '--noEmit'], { cwd: root, encoding: 'utf8' });
  // eslint-disable-next-line no-control-regex
  const out = `${run.stdout}${run.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
  const errors = [...out.matchAll(/^(\S+\.ts):(\d+):\d+ - error/gm)].map((m) => ({ file: m[1], line: Number(m[2]) }));
  return { status: run.status, out, errors };
}

/** svelte-check's findings on a project, as [{ type, file, line, message }] (lines from 1). */
function svelteFindings(workspace) {
  const run = spawnSync(
    process.execPath,
    [svelteCheck, '--workspace', workspace, '--tsconfig', './tsconfig.json', '--output', 'machine'],
    { cwd: workspace, encoding: 'utf8' },
  );
  const findings = [];
  for (const line of run.stdout.split('\n')) {
    const match = /^\d+ (ERROR|WARNING) "([^"]+)" (\d+):\d+ (.*)$/.exec(line);
    if (match) findings.push({ type: match[1], file: match[2], line: Number(match[3]), message: match[4] });
  }
  assert.match(run.stdout, /COMPLETED/, `svelte-check did not run:\n${run.stdout}${run.stderr}`);
  return findings;
}

test('a React, Vue and DOM project using the package type-checks strictly (vue-tsc)', () => {
  const vueTsc = join(root, 'node_modules/vue-tsc/bin/vue-tsc.js');
  const run = spawnSync(process.execPath, [vueTsc, '-p', join(project, 'tsconfig.json')], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, `vue-tsc found errors:\n${run.stdout}${run.stderr}`);
  assert.deepEqual(
    sources.filter((name) => !name.includes('/')),
    ['VueFeedback.vue', 'dom.ts', 'react-app.tsx'],
  );
});

test('a Svelte 5 project using the package type-checks (svelte-check), and its wrong lines are errors', () => {
  const workspace = join(project, 'svelte');
  const findings = svelteFindings(workspace);
  const wrong = readFileSync(join(workspace, 'Wrong.svelte'), 'utf8').split('\n');
  const expected = wrong.flatMap((line, i) => (/<!-- expect-error: /.test(line) ? [i + 2] : []));
  assert.ok(expected.length >= 7, 'Wrong.svelte has its expect-error lines');
  assert.deepEqual(
    findings.filter((f) => f.file !== 'Wrong.svelte'),
    [],
    'Feedback.svelte has no finding',
  );
  const lines = findings.filter((f) => f.file === 'Wrong.svelte' && f.type === 'ERROR').map((f) => f.line);
  assert.deepEqual([...new Set(lines)], expected, `errors on the expected lines only:\n${JSON.stringify(findings)}`);
});

test('an Angular project using the package compiles with strict templates (ngc), and its wrong lines are errors', () => {
  const { out, errors } = angularErrors(join(project, 'angular/tsconfig.json'));
  const wrong = readFileSync(join(project, 'angular/wrong.ts'), 'utf8').split('\n');
  const expected = wrong.flatMap((line, i) => (/<!-- expect-error: /.test(line) ? [i + 2] : []));
  assert.equal(expected.length, 4, 'wrong.ts has its expect-error lines');
  assert.deepEqual(
    errors.filter((e) => !e.file.endsWith('wrong.ts')),
    [],
    `feedback.ts compiles:\n${out}`,
  );
  assert.deepEqual(
    errors.map((e) => e.line),
    expected,
    `errors on the expected lines only:\n${out}`,
  );
});

test('the Angular example app compiles with strict templates (ngc)', () => {
  const { status, out } = angularErrors(join(root, 'demo/angular/tsconfig.json'));
  assert.equal(status, 0, `ngc found errors in demo/angular:\n${out}`);
});

test('the SvelteKit example app type-checks (svelte-kit sync, svelte-check)', () => {
  const app = join(root, 'demo/svelte');
  const sync = spawnSync(process.execPath, [join(root, 'node_modules/@sveltejs/kit/svelte-kit.js'), 'sync'], {
    cwd: app,
    encoding: 'utf8',
  });
  assert.equal(sync.status, 0, `svelte-kit sync failed:\n${sync.stdout}${sync.stderr}`);
  assert.deepEqual(svelteFindings(app), [], 'svelte-check findings in demo/svelte');
});

test('the consumer project has no `any` and no type assertion', () => {
  for (const name of sources) {
    const code = readFileSync(join(project, name), 'utf8')
      .split('\n')
      // (comments say what an @ts-expect-error line expects; `import { A as B }` renames, it does not cast)
      .filter((line) => !/^\s*(\/\/|\/\*|\*|<!--|\{\/\*|import\b)/.test(line))
      .join('\n');
    assert.doesNotMatch(code, /\bany\b/, `${name} uses any`);
    assert.doesNotMatch(code, /\bas\s+(?!const\b)[A-Z{[(a-z]/, `${name} uses an "as" cast`);
    assert.doesNotMatch(code, /(?:[=(,:]|return)\s*<[A-Z]\w*>\s*[\w(]/, `${name} uses an angle-bracket cast`);
    assert.doesNotMatch(code, /\w!\./, `${name} uses a non-null assertion`);
  }
});

test('the published declarations have no explicit `any`', () => {
  const files = readdirSync(join(root, 'dist/types'), { recursive: true }).filter((f) => String(f).endsWith('.d.ts'));
  assert.ok(files.length > 10, 'dist/types is built');
  for (const file of files) {
    const code = readFileSync(join(root, 'dist/types', String(file)), 'utf8')
      .split('\n')
      .filter((line) => !/^\s*(\/\/|\/\*|\*)/.test(line))
      .join('\n');
    assert.doesNotMatch(code, /:\s*any\b|<any>|any\[\]/, `dist/types/${file} has an explicit any`);
  }
});
