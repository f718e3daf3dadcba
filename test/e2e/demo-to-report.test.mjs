// The newcomer's path: `npm start` (demo + collector on an embedded database), a click on a survey of
// the demo page, and the answer counted in the collector's report, with its 95 % interval.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from './browser.mjs';

const root = new URL('../..', import.meta.url).pathname;
const TOKEN = 'e2e-admin-token-0123456789-abcdefghijkl';
let demo;
let dataDir;
let urls;
let browser;

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'csat-demo-'));
  demo = spawn(process.execPath, ['demo/serve.mjs'], {
    cwd: root,
    env: {
      ...process.env,
      DEMO_PORT: '0',
      PORT: '0',
      CSAT_DATA_DIR: dataDir,
      CSAT_ADMIN_TOKEN: TOKEN,
      // Added to the demo's own origin, not in its place: the demo's answers must still be taken.
      CSAT_ALLOWED_ORIGINS: 'https://shop.example',
    },
  });
  let out = '';
  demo.stdout.on('data', (chunk) => (out += chunk));
  demo.stderr.on('data', (chunk) => (out += chunk));
  const deadline = Date.now() + 60_000;
  while (!/dashboard\s+\S+/.test(out)) {
    if (Date.now() > deadline || demo.exitCode !== null) throw new Error(`npm start's server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  urls = {
    demo: /csat-survey demo\s+(\S+)/.exec(out)[1],
    collector: new URL(/collector\s+(\S+)/.exec(out)[1]).origin,
  };
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (demo && demo.exitCode === null) {
    demo.kill('SIGTERM');
    await once(demo, 'exit');
  }
  await rm(dataDir, { recursive: true, force: true });
});

const report = async (surveyId) => {
  const res = await fetch(`${urls.collector}/v1/surveys/${surveyId}/report`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  return { status: res.status, body: await res.json() };
};

test('a score chosen on the demo page is counted in the report with its interval', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // The demo's dev server compiles its modules on the first visit: on a busy machine that takes a while.
  await page.goto(urls.demo, { timeout: 120_000 });
  const survey = page.locator('csat-survey[survey-id="demo-nps-en"]');
  const delivered = page.evaluate(
    () =>
      new Promise((resolve) =>
        document.addEventListener('csat-delivered', (e) => resolve(e.detail.ids), { once: true }),
      ),
  );
  await survey.locator('input[type=radio]').nth(9).check({ force: true });
  const ids = await delivered;
  assert.equal(ids.length, 1);

  const first = await report('demo-nps-en');
  assert.equal(first.status, 200);
  assert.equal(first.body.count, 1);
  assert.equal(first.body.figure.value, 100, 'one promoter: NPS 100');
  assert.equal(first.body.figure.upper, 100);
  assert.ok(first.body.figure.lower < 0, 'one answer is not a sure 100: its interval reaches below 0');
  assert.equal(first.body.fewAnswers, true);

  // A second visitor (a fresh context) gives a 3: one promoter and one detractor, NPS 0, its score interval symmetric.
  const other = await browser.newContext();
  const second = await other.newPage();
  await second.goto(urls.demo);
  const again = second.evaluate(
    () => new Promise((resolve) => document.addEventListener('csat-delivered', resolve, { once: true })),
  );
  await second
    .locator('csat-survey[survey-id="demo-nps-en"]')
    .locator('input[type=radio]')
    .nth(3)
    .check({ force: true });
  await again;
  const both = await report('demo-nps-en');
  assert.equal(both.body.count, 2);
  assert.equal(both.body.figure.value, 0);
  const { npsInterval } = await import('../../collector/dist/collector/intervals.js');
  const { lower, upper } = npsInterval(1, 1, 2);
  assert.ok(
    Math.abs(both.body.figure.lower - lower * 100) < 1e-9 && Math.abs(both.body.figure.upper - upper * 100) < 1e-9,
  );
  assert.deepEqual(Object.fromEntries(Object.entries(both.body.groups).map(([group, g]) => [group, g.count])), {
    detractor: 1,
    passive: 0,
    promoter: 1,
  });
  await other.close();

  // The dashboard link of the demo leads to the collector's dashboard with this run's token.
  const res = await fetch(new URL('/dev/dashboard', urls.demo), { redirect: 'manual' });
  assert.equal(res.status, 302);
  assert.equal(res.headers.get('location'), `${urls.collector}/dashboard/#token=${TOKEN}`);
  assert.deepEqual(errors, []);
  await page.close();
});
