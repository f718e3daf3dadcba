// The two-stage script tag: dist/csat-survey.js (the loader) decides from the synchronous index whether a survey
// may show and whether answers wait, and loads only the files that page needs, each with its integrity value,
// under the page's CSP and Trusted Types. A chunk the browser refuses is reported, and answers already kept are
// still delivered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answer, events, logOf, openBlank, pageUrl, watch, without } from './browser.mjs';
import { e2eSuite, settle } from './harness.mjs';
import { faults } from './receiver.mjs';
import { RESERVATION_CSS } from '../../bench/page-cost.mjs';

const run = e2eSuite();
const LOADER = 'csat-survey.js';
const DELIVERY = 'csat-survey.delivery.js';
const RENDERER = 'csat-survey.renderer.js';

/** The files under /dist/ a page requested, by name, sorted. */
function distFiles(page) {
  const seen = new Set();
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/dist/')) seen.add(path.slice('/dist/'.length));
  });
  return () => [...seen].sort();
}

/** Serves `file` with one letter changed, so its integrity value no longer matches. */
function tamper(context, rx, file) {
  return context.route(`${rx.origin}/dist/${file}`, async (route) => {
    const original = await route.fetch();
    const body = (await original.text()).replace('csat-survey', 'csat-surveY');
    await route.fulfill({ response: original, body });
  });
}

/** Writes the visitor's state for a survey, and the waiting count, as the chunks keep them, on a blank page. */
async function prepare(context, rx, { surveyId = 'e2e', state, waiting }) {
  const blank = await openBlank(context, rx);
  await blank.evaluate(
    ({ surveyId, state, waiting }) => {
      if (state) localStorage.setItem(`csat-survey-visitor:${surveyId}`, JSON.stringify(state));
      if (waiting !== undefined) localStorage.setItem('csat-survey-waiting', waiting);
    },
    { surveyId, state, waiting },
  );
  await blank.close();
}

/** Opens the test page and waits until the loader ran and asked for what it decided. */
async function visit(context, rx, query = {}) {
  const page = await context.newPage();
  watch(page);
  const files = distFiles(page);
  await page.goto(pageUrl(rx, query));
  await page.waitForFunction(() => window.CsatSurvey?.version);
  // What the loader decided is requested at once; give a late request time to show.
  await page.waitForTimeout(1500);
  return { page, files };
}

const answeredYesterday = { draw: 0.5, answeredAt: Date.now() - 86_400_000 };

test(
  'page kinds: nothing due and nothing waiting loads the loader alone',
  run(async ({ rx, context }) => {
    await prepare(context, rx, { state: answeredYesterday, waiting: '0' });
    const { page, files } = await visit(context, rx);
    assert.deepEqual(files(), [LOADER]);
    assert.equal(await page.evaluate(() => customElements.get('csat-survey')), undefined, 'no element code loaded');
    // Marked as skipped, so the README's reservation does not hold room for it.
    assert.equal(await page.locator('csat-survey').getAttribute('data-csat-survey'), 'skip');
    await page.addStyleTag({ content: RESERVATION_CSS });
    assert.equal(await page.locator('csat-survey').evaluate((el) => el.getBoundingClientRect().height), 0);
    assert.deepEqual(logOf(page).pageErrors, []);
  }),
);

test(
  'page kinds: a sampled-out visitor with answers waiting loads the loader and delivery, and the answers go',
  run(async ({ rx, context }) => {
    // A first page keeps an answer the endpoint does not take yet.
    rx.fault = faults.always(503);
    const first = await context.newPage();
    watch(first);
    await first.goto(pageUrl(rx, { survey: 'kept' }));
    const kept = await answer(first);
    await first.close();
    rx.fault = undefined;
    await prepare(context, rx, { surveyId: 'other', state: answeredYesterday, waiting: '1' });
    const { page, files } = await visit(context, rx, { survey: 'other' });
    await rx.waitForIds([kept.id], 30_000);
    assert.deepEqual(files(), [DELIVERY, LOADER]);
    await settle({ rx, chosen: [kept.id], pages: [page], page });
  }),
);

test(
  'page kinds: a survey that shows loads the loader, delivery and the renderer',
  run(async ({ rx, context }) => {
    const { page, files } = await visit(context, rx);
    await page.waitForFunction(() => customElements.get('csat-survey'));
    await page.locator('csat-survey input[type=radio]').first().waitFor();
    assert.deepEqual(files(), [DELIVERY, RENDERER, LOADER].sort());
  }),
);

test(
  'a survey waiting for its trigger: the renderer is fetched in idle time, and the survey shows at once when it fires',
  run(async ({ rx, context }) => {
    const { page, files } = await visit(context, rx, { trigger: 'event:checkout' });
    await page.waitForFunction(() => customElements.get('csat-survey'));
    assert.deepEqual(files(), [DELIVERY, RENDERER, LOADER].sort());
    assert.equal(await page.locator('csat-survey input[type=radio]').count(), 0, 'shown before its trigger');
    const shownAfter = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const start = performance.now();
          document.addEventListener('csat-show', () => resolve(performance.now() - start), { once: true });
          window.CsatSurvey.track('checkout');
        }),
    );
    // Nothing is fetched when the trigger fires: the survey shows within a frame or two.
    assert.ok(shownAfter < 500, `shown ${Math.round(shownAfter)} ms after its trigger`);
    assert.deepEqual(files(), [DELIVERY, RENDERER, LOADER].sort());
  }),
);

test(
  'without IndexedDB, the loader decides from the index alone: answered recently, nothing loads; due, the survey shows',
  run(
    async ({ rx, context }) => {
      await prepare(context, rx, { state: answeredYesterday, waiting: '0' });
      const hidden = await visit(context, rx);
      assert.deepEqual(hidden.files(), [LOADER]);
      await prepare(context, rx, { surveyId: 'due', state: { draw: 0.1 } });
      const shown = await visit(context, rx, { survey: 'due' });
      await shown.page.locator('csat-survey input[type=radio]').first().waitFor();
      const kept = await answer(shown.page);
      await settle({ rx, chosen: [kept.id], pages: [shown.page], page: shown.page, storage: false });
    },
    { init: [without.indexedDB] },
  ),
);

test(
  'a tampered renderer is refused by its integrity value: csat-error, no survey, and the waiting answer is still delivered',
  run(async ({ rx, context }) => {
    rx.fault = faults.always(503);
    const first = await context.newPage();
    watch(first);
    await first.goto(pageUrl(rx, { survey: 'kept' }));
    const kept = await answer(first);
    await first.close();
    rx.fault = undefined;

    await tamper(context, rx, RENDERER);
    const { page, files } = await visit(context, rx, { survey: 'tampered' });
    await rx.waitForIds([kept.id], 30_000);
    await page.waitForFunction(() => window.e2e.events.some((e) => e.type === 'csat-error'));
    const [error] = await events(page, 'csat-error');
    assert.equal(error.detail.code, 'chunk-refused');
    assert.equal(error.detail.file, RENDERER);
    assert.equal(await page.evaluate(() => customElements.get('csat-survey')), undefined, 'no survey');
    assert.deepEqual(files(), [DELIVERY, RENDERER, LOADER].sort());
    assert.deepEqual(logOf(page).pageErrors, []);
  }),
);

test(
  'a tampered delivery chunk is refused: csat-error, no survey, and the renderer, which shares its modules, runs nothing',
  run(async ({ rx, context }) => {
    await tamper(context, rx, DELIVERY);
    const { page, files } = await visit(context, rx, { survey: 'tampered-delivery' });
    await page.waitForFunction(() => window.e2e.events.some((e) => e.type === 'csat-error'));
    const [error] = await events(page, 'csat-error');
    assert.equal(error.detail.code, 'chunk-refused');
    assert.equal(error.detail.file, DELIVERY);
    assert.equal(await page.evaluate(() => customElements.get('csat-survey')), undefined, 'no survey');
    assert.deepEqual(files(), [DELIVERY, RENDERER, LOADER].sort());
    assert.deepEqual(logOf(page).pageErrors, [], 'the renderer threw into the page');
  }),
);

test(
  "under a strict CSP with a nonce and 'strict-dynamic', and Trusted Types enforced, the chunks load and the survey works",
  run(async ({ rx, context }) => {
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>strict</title></head><body>
<csat-survey type="nps" survey-id="strict" endpoint="/collect" comment="off"></csat-survey>
<script nonce="n0nce" src="/dist/csat-survey.js"></script></body></html>`;
    await context.route(`${rx.origin}/strict.html`, (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        headers: {
          'content-security-policy':
            "default-src 'none'; script-src 'nonce-n0nce' 'strict-dynamic'; connect-src 'self'; style-src 'self'; " +
            "require-trusted-types-for 'script'; trusted-types csat-survey lit-html",
        },
        body: html,
      }),
    );
    const page = await context.newPage();
    watch(page);
    const violations = [];
    page.on('console', (m) => /Content.Security.Policy|Trusted Type/i.test(m.text()) && violations.push(m.text()));
    const files = distFiles(page);
    await page.goto(`${rx.origin}/strict.html`);
    const radios = page.locator('csat-survey input[type=radio]');
    await radios.first().waitFor();
    await radios.nth(9).click({ force: true });
    for (const until = Date.now() + 10_000; !rx.requests.length && Date.now() < until;) await page.waitForTimeout(100);
    assert.ok(rx.requests.length > 0, 'the answer was sent');
    assert.deepEqual(files(), [DELIVERY, RENDERER, LOADER].sort());
    assert.deepEqual(violations, []);
    assert.deepEqual(logOf(page).pageErrors, []);
  }),
);
