// The site owner's path, end to end: pick options in the snippet builder (`npm start`), copy the
// snippet, paste it into a plain HTML page, and get a Persian popover NPS that appears after the
// chosen delay, to the chosen share of visitors, and does not come back for the chosen days.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { e2eSuite, settle } from './harness.mjs';

const root = new URL('../..', import.meta.url).pathname;
const DAY = 86_400_000;
const run = e2eSuite();
let demo;
let demoUrl;

before(async () => {
  demo = spawn(process.execPath, ['demo/serve.mjs'], { cwd: root, env: { ...process.env, PORT: '0' } });
  let out = '';
  demo.stdout.on('data', (chunk) => (out += chunk));
  demo.stderr.on('data', (chunk) => (out += chunk));
  const deadline = Date.now() + 30_000;
  while (!/snippet builder\s+(\S+)/.test(out)) {
    if (Date.now() > deadline || demo.exitCode !== null) throw new Error(`the demo server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  demoUrl = /snippet builder\s+(\S+)/.exec(out)[1];
});

after(async () => {
  if (demo && demo.exitCode === null) {
    demo.kill('SIGTERM');
    await once(demo, 'exit');
  }
});

/** Fills the builder like a site owner and returns the snippet it shows. */
async function snippetFromBuilder(context, rx, { sample, recontactDays, dismissDays = 7, delay = 2 }) {
  const page = await context.newPage();
  await page.goto(demoUrl);
  await page.check('input[name=type][value=nps]');
  await page.check('input[name=lang][value=fa]');
  await page.check('input[name=mode][value=popover]');
  await page.fill('#survey-id', 'home-nps');
  await page.fill('#endpoint', `${rx.origin}/collect`);
  await page.selectOption('#trigger', 'delay');
  await page.fill('#delay', String(delay));
  await page.fill('#sample', String(sample));
  await page.fill('#recontact-days', String(recontactDays));
  await page.fill('#dismiss-days', String(dismissDays));
  await page.fill('#src', `${rx.origin}/dist/csat-survey.js`);
  await page.locator('#snippet-code', { hasText: 'integrity="sha384-' }).waitFor();
  const snippet = await page.textContent('#snippet-code');
  await page.close();
  return snippet;
}

/** Serves `snippet` pasted into a plain page on the receiver's origin, and opens it. */
async function plainPage(context, rx, snippet) {
  const url = `${rx.origin}/shop.html`;
  await context.route(url, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html>\n<html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>فروشگاه</title></head>\n<body><h1>فروشگاه</h1>\n${snippet}\n</body></html>`,
    }),
  );
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

const popover = (page) => page.locator('csat-survey').locator('.popover');
const shownWithin = async (page, ms) =>
  popover(page)
    .waitFor({ state: 'visible', timeout: ms })
    .then(() => true)
    .catch(() => false);

test(
  'a snippet from the builder gives a Persian popover after the delay, not again within recontact-days',
  run(async ({ rx, context, pages }) => {
    const snippet = await snippetFromBuilder(context, rx, { sample: 1, recontactDays: 30 });
    assert.match(snippet, /window\.CsatSurvey=window\.CsatSurvey\|\|\{q:\[\]/);
    assert.match(snippet, /trigger="delay:2s"/);
    assert.match(snippet, /recontact-days="30"/);
    const page = await plainPage(context, rx, snippet);
    const start = Date.now();
    assert.equal(await shownWithin(page, 1500), false, 'shown before the 2 s delay');
    assert.equal(await shownWithin(page, 3000), true, 'not shown after the delay');
    assert.ok(Date.now() - start >= 1900, 'shown too early');
    await assert.doesNotReject(
      popover(page).getByText('چقدر احتمال دارد').waitFor({ timeout: 1000 }),
      'the question is not in Persian',
    );
    assert.equal(await popover(page).getAttribute('dir'), 'rtl');
    const radios = popover(page).locator('input[type=radio]');
    const answered = page.evaluate(
      () =>
        new Promise((resolve) => document.addEventListener('csat-answer', (e) => resolve(e.detail.id), { once: true })),
    );
    await radios.nth(9).check({ force: true });
    const chosen = await answered;

    await page.reload();
    assert.equal(await shownWithin(page, 3500), false, 'asked again right after an answer');
    await page.close();

    // 31 days later (the page's clock only), the 30 recontact days are over: asked again after the delay.
    const later = await context.newPage();
    await later.clock.setFixedTime(new Date(Date.now() + 31 * DAY));
    await later.goto(`${rx.origin}/shop.html`);
    assert.equal(await shownWithin(later, 4000), true, 'not asked again after the recontact days');
    await settle({ rx, chosen: [chosen], pages, page: later });
  }),
);

test(
  'a dismissed popover stays away for dismiss-days; sample 0 never shows it',
  run(async ({ rx, context }) => {
    const snippet = await snippetFromBuilder(context, rx, { sample: 1, recontactDays: 90, dismissDays: 7, delay: 1 });
    const page = await plainPage(context, rx, snippet);
    assert.equal(await shownWithin(page, 3000), true);
    await popover(page).locator('.close').click();
    await page.reload();
    assert.equal(await shownWithin(page, 2500), false, 'back within the 7 dismiss days');
    await page.close();
    const later = await context.newPage();
    await later.clock.setFixedTime(new Date(Date.now() + 8 * DAY));
    await later.goto(`${rx.origin}/shop.html`);
    assert.equal(await shownWithin(later, 3000), true, 'not back after the 7 dismiss days');
    await later.close();

    const never = await snippetFromBuilder(context, rx, { sample: 0, recontactDays: 90, delay: 1 });
    assert.match(never, /sample="0"/);
    await context.unroute(`${rx.origin}/shop.html`);
    const other = await plainPage(context, rx, never.replace('survey-id="home-nps"', 'survey-id="other-nps"'));
    assert.equal(await shownWithin(other, 2500), false, 'shown with sample 0');
    await other.reload();
    assert.equal(await shownWithin(other, 2000), false, 'shown with sample 0 after a reload');
  }),
);
