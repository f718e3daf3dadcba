// The size budgets of the script-tag files (deterministic, so they are tests), per page kind: every page pays
// the loader; a page where answers wait pays the loader and the delivery chunk; a page that shows a survey pays
// all three; the one-file bundle stands alone. Each prints its figure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const gzip = (file) => gzipSync(readFileSync(new URL(`../../dist/${file}`, import.meta.url)), { level: 9 }).length;

const PAGES = {
  'loader (every page)': ['csat-survey.js'],
  'page with answers waiting': ['csat-survey.js', 'csat-survey.delivery.js'],
  'page that shows a survey': ['csat-survey.js', 'csat-survey.delivery.js', 'csat-survey.renderer.js'],
  'one-file bundle': ['csat-survey.bundle.js'],
};

for (const [page, files] of Object.entries(PAGES)) {
  test(`${page}: ${files.join(' + ')} stays within its gzip budget`, () => {
    const bytes = files.reduce((sum, file) => sum + gzip(file), 0);
    const budget = pkg.sizeBudget[page];
    assert.ok(budget, `package.json sizeBudget has no "${page}"`);
    console.log(`${page}: ${(bytes / 1000).toFixed(2)} kB gzip (budget ${(budget / 1000).toFixed(2)} kB)`);
    assert.ok(bytes <= budget, `${page} is ${bytes} bytes gzip, over its budget of ${budget}`);
  });
}
