// The size budget of the script-tag file (deterministic, so it is a test): prints the figure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const file = new URL('../../dist/csat-survey.js', import.meta.url);

test('dist/csat-survey.js stays within its gzip size budget', () => {
  const raw = readFileSync(file);
  const gzip = gzipSync(raw, { level: 9 }).length;
  const budget = pkg.sizeBudget['dist/csat-survey.js'];
  console.log(
    `dist/csat-survey.js: ${(raw.length / 1000).toFixed(2)} kB, ${(gzip / 1000).toFixed(2)} kB gzip (budget ${(budget / 1000).toFixed(2)} kB gzip)`,
  );
  assert.ok(gzip <= budget, `dist/csat-survey.js is ${gzip} bytes gzip, over its budget of ${budget}`);
});
