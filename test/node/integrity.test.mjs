// Subresource Integrity: the build writes the sha384 of the script-tag file, and the README's
// snippet must show that value, or pasting it would block the script.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const read = (path) => readFileSync(new URL(`../../${path}`, import.meta.url));

test('dist/csat-survey.js.sri is the sha384 of dist/csat-survey.js', () => {
  const expected = `sha384-${createHash('sha384').update(read('dist/csat-survey.js')).digest('base64')}`;
  assert.equal(read('dist/csat-survey.js.sri').toString().trim(), expected);
});

test("the README's snippet shows the current integrity value", () => {
  const sri = read('dist/csat-survey.js.sri').toString().trim();
  const shown = [
    ...read('README.md')
      .toString()
      .matchAll(/integrity="(sha384-[^"]+)"/g),
  ].map((m) => m[1]);
  assert.ok(shown.length > 0, 'the README shows no integrity value');
  for (const value of shown) assert.equal(value, sri, `README shows ${value}; the build is ${sri}`);
});
