// The typings as a consumer meets them: test/types/ is an app's strict TypeScript project using the
// built package by name in React 19 (JSX), Vue 3 (a .vue template, checked by vue-tsc) and the plain DOM.
// It must type-check with no `any` and no cast; its @ts-expect-error lines fail it if the typings loosen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const project = join(root, 'test/types');
const sources = readdirSync(project).filter((name) => /\.(ts|tsx|vue)$/.test(name));

test('a React, Vue and DOM project using the package type-checks strictly (vue-tsc)', () => {
  const vueTsc = join(root, 'node_modules/vue-tsc/bin/vue-tsc.js');
  const run = spawnSync(process.execPath, [vueTsc, '-p', join(project, 'tsconfig.json')], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, `vue-tsc found errors:\n${run.stdout}${run.stderr}`);
  assert.deepEqual(sources.sort(), ['VueFeedback.vue', 'dom.ts', 'react-app.tsx']);
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
