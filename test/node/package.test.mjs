// What `npm install csat-survey` gets: every path package.json points to exists in the build and is
// in the published files; the example apps and the collector's build are not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Every file path package.json names: main, module, types, customElements, unpkg and the exports. */
function namedPaths() {
  const paths = [pkg.main, pkg.module, pkg.types, pkg.customElements, pkg.unpkg];
  const walk = (value) => {
    if (typeof value === 'string') paths.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(pkg.exports);
  return [...new Set(paths.filter(Boolean).map((p) => p.replace(/^\.\//, '')))];
}

test('every path package.json names exists after the build', () => {
  for (const path of namedPaths()) assert.ok(existsSync(join(root, path)), `${path} is missing`);
});

test('the published files hold what package.json names, and no example app or collector build', () => {
  const [report] = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  );
  const files = new Set(report.files.map((f) => f.path));
  for (const path of namedPaths()) assert.ok(files.has(path), `${path} is not published`);
  for (const name of ['react', 'vue', 'svelte']) {
    assert.ok(files.has(`dist/types/frameworks/${name}.d.ts`), `the ${name} typings are not published`);
    assert.ok(files.has(`dist/frameworks/${name}.js`), `the ${name} module is not published`);
  }
  const stray = [...files].filter((f) => /^dist\/(examples|collector)\//.test(f));
  assert.deepEqual(stray, [], 'example apps or the collector build would be published');
});
