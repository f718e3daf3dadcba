// End-to-end: host pages that change JavaScript's built-ins before the widget loads. On each, the survey
// renders with its right labels, the answers (a score, then a comment) arrive exactly once and valid,
// nothing is thrown into the page and nothing is dead-lettered. The libraries are the released ones,
// served from node_modules (Prototype 1.7.3, MooTools Core 1.5.2); Prototype 1.6, not on npm, is a
// reproduction of its built-in changes (hostile/prototype-1.6-builtins.js).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  OUTBOX,
  answer,
  deadLetters,
  events,
  flush,
  logOf,
  openBlank,
  openPage,
  status,
  writeStore,
} from './browser.mjs';
import { makeResponse, outboxRecord } from './records.mjs';
import { e2eSuite, settle } from './harness.mjs';
import { faults } from './receiver.mjs';

const run = e2eSuite();

/** What the matrix adds up to, printed once at the end. */
const matrix = { pages: 0, sent: 0, once: 0 };
after(() => {
  console.log(
    `hostile pages: ${matrix.pages} pages, ${matrix.sent} answers sent, ${matrix.once} received exactly once`,
  );
});

const PERSIAN = '۰۱۲۳۴۵۶۷۸۹';
const persian = (n) => String(n).replace(/\d/g, (d) => PERSIAN[Number(d)]);
const NAMES = {
  en: Array.from({ length: 11 }, (_, i) => `${i} out of 10`),
  fa: Array.from({ length: 11 }, (_, i) => `${persian(i)} از ${persian(10)}`),
};
/** Quotes, a backslash, a line break, Persian and an emoji: all must arrive as typed. */
const COMMENT = 'Fast "delivery" \\ and a line\nارسال سریع بود 👍';

const PAGES = [
  ['Prototype 1.7.3 (the released library)', ['/vendor/prototype-1.7.3.js']],
  ['Prototype 1.6 (its built-in changes, reproduced)', ['/hostile/prototype-1.6-builtins.js']],
  ['MooTools Core 1.5.2 (the released library)', ['/vendor/mootools-1.5.2.js']],
  ['enumerable Object.prototype properties', ['/hostile/object-prototype.js']],
  ['enumerable Array.prototype methods', ['/hostile/array-prototype.js']],
  ['Array.prototype.toJSON', ['/hostile/array-tojson.js']],
  ['a JSON.stringify that changes its output', ['/hostile/json-stringify-changes.js']],
  ['a JSON.stringify that throws for arrays', ['/hostile/json-stringify-throws.js']],
  ['a frozen Object.prototype', ['/hostile/frozen-object-prototype.js']],
  [
    'all the above but the libraries, at once',
    [
      '/hostile/frozen-object-prototype.js',
      '/hostile/array-prototype.js',
      '/hostile/array-tojson.js',
      '/hostile/json-stringify-throws.js',
    ],
  ],
];

/** The accessible names of the options of the `index`-th survey, once it has rendered. */
async function optionNames(page, index) {
  const radios = page.locator('csat-survey').nth(index).locator('input[type=radio]');
  await radios
    .first()
    .waitFor({ state: 'attached', timeout: 5000 })
    .catch(() => undefined);
  return radios.evaluateAll((inputs) => inputs.map((input) => input.getAttribute('aria-label')));
}

/** Chooses 9, then writes the comment and sends it; resolves with the response id. */
async function answerWithComment(page, element) {
  const { id } = await answer(page, { element, index: 9 });
  const survey = page.locator('csat-survey').nth(element);
  await survey.locator('textarea').fill(COMMENT);
  const before = (await events(page, 'csat-submit')).length;
  await survey.locator('[part~="submit"]').click();
  await page.waitForFunction((n) => window.e2e.events.filter((e) => e.type === 'csat-submit').length > n, before);
  return id;
}

/** Every request was valid wire format, sent as application/json, and written by the widget alone. */
function assertCleanRequests(rx) {
  for (const r of rx.requests) {
    assert.equal(r.problem, undefined, `request #${r.index} is not wire format v1: ${r.problem}`);
    assert.match(r.contentType, /^(application\/json|text\/plain;charset=UTF-8)$/, `request #${r.index}`);
    assert.ok(!r.text.includes('pageTracking'), `request #${r.index} was written by the page's JSON.stringify`);
  }
}

for (const [name, before] of PAGES) {
  test(
    `a host page with ${name}: renders, sends every answer once, throws nothing`,
    run(async ({ rx, context, pages }) => {
      const page = await openPage(context, rx, {
        survey: 'hostile',
        n: 2,
        langs: 'en,fa',
        comment: 'optional',
        before: before.join(','),
      });
      assert.deepEqual(await optionNames(page, 0), NAMES.en, 'English option names');
      assert.deepEqual(await optionNames(page, 1), NAMES.fa, 'Persian option names');

      const ids = [await answerWithComment(page, 0), await answerWithComment(page, 1)];
      matrix.pages++;
      matrix.sent += ids.length;
      await rx.waitFor(() => ids.every((id) => rx.kept.get(id) === 2), 15_000, 'both comments');
      const report = await settle({ rx, chosen: ids, pages, page });
      assert.deepEqual(report.duplicates, [], 'no revision kept twice');
      for (const response of rx.responses()) {
        assert.equal(response.score, 9);
        assert.equal(response.comment, COMMENT);
        assert.equal(response.complete, true);
        assert.equal(response.revision, 2);
      }
      assertCleanRequests(rx);
      assert.deepEqual(await deadLetters(page), [], 'nothing dead-lettered');
      assert.deepEqual(
        (await events(page, 'csat-error')).map((e) => e.detail.code),
        [],
        'no csat-error',
      );
      const { refused, corrupt, delivered } = await status(page);
      assert.deepEqual({ refused, corrupt }, { refused: 0, corrupt: 0 });
      assert.ok(delivered >= 2);
      matrix.once += ids.filter((id) => rx.timesKept(id, 2) === 1).length;
    }),
  );
}

for (const [name, before] of [PAGES[0], PAGES[2], PAGES[3], PAGES[PAGES.length - 1]])
  test(
    `a host page with ${name}: configure() refuses bad values and lowers and raises the storage mode, throwing nothing`,
    run(async ({ rx, context, pages }) => {
      rx.fault = faults.always(503);
      const page = await openPage(context, rx, {
        survey: 'hostile-consent',
        n: 1,
        comment: 'off',
        before: before.join(','),
      });
      const { id } = await answer(page, { element: 0, index: 7 });
      await page.waitForFunction(() => window.CsatSurvey.status.pending >= 1);
      const logged = await page.evaluate(() => {
        const errors = [];
        const original = console.error;
        console.error = (message) => errors.push(String(message));
        try {
          window.CsatSurvey.configure({ storage: 'off', cooldownDays: -1, toString: 1, popoversPerVisit: 2 });
          window.CsatSurvey.configure(null);
          window.CsatSurvey.configure('none');
        } finally {
          console.error = original;
        }
        return errors;
      });
      assert.deepEqual(logged, [
        '<csat-survey>: configure({ storage: "off" }) is ignored: expected "full", "answers" or "none".',
        '<csat-survey>: configure({ cooldownDays: -1 }) is ignored: expected a number of days from 0 to 3650.',
        '<csat-survey>: configure({ toString: 1 }) is ignored: expected an object of storage, cooldownDays, popoversPerVisit.',
        '<csat-survey>: configure(null) is ignored: expected an object of storage, cooldownDays, popoversPerVisit.',
        '<csat-survey>: configure("none") is ignored: expected an object of storage, cooldownDays, popoversPerVisit.',
      ]);
      // Consent withdrawn: nothing of the widget stays on the device; the answer waits in memory.
      await page.evaluate(() => window.CsatSurvey.configure({ storage: 'none' }));
      await page.waitForFunction(async () => {
        const names = (await indexedDB.databases()).map((d) => d.name);
        const keys = Object.keys(localStorage).concat(Object.keys(sessionStorage));
        return !names.concat(keys).some((n) => n.indexOf('csat-survey') === 0);
      });
      rx.fault = undefined;
      await flush(page);
      await rx.waitForIds([id], 15_000);
      // Given again: the next answer is stored as before.
      await page.evaluate(() => window.CsatSurvey.configure({ storage: 'full' }));
      assert.deepEqual(await deadLetters(page), [], 'nothing dead-lettered');
      for (const p of pages) assert.deepEqual(logOf(p).pageErrors, [], 'nothing thrown into the page');
    }),
  );

test(
  'a page whose fetch drops the abort signal, with one hanging request: flush() resolves, the lock is released, the next answers arrive, another tab is not blocked',
  run(async ({ rx, context, pages, t }) => {
    // The first POST never gets an answer; the page's fetch cannot be aborted.
    rx.fault = (req) => (req.index === 0 ? { hang: true } : undefined);
    const query = { survey: 'no-signal', n: 2, comment: 'off', before: '/hostile/fetch-drops-signal.js' };
    const page = await openPage(context, rx, query);
    const first = await answer(page, { element: 0, index: 9 });
    await rx.waitForRequests(1);
    const t0 = Date.now();
    const flushed = flush(page).then(() => Date.now() - t0);

    // Meanwhile another tab of the same site answers: it waits for the lock, which the first tab gives
    // up when its own timer ends the hanging request.
    const other = await openPage(context, rx, { ...query, n: 1, survey: 'no-signal-other' });
    const second = await answer(other, { index: 4 });
    await rx.waitForIds([second.id], 25_000);
    const waited = await flushed;
    t.diagnostic(`flush() resolved after ${waited} ms with one request hanging`);
    assert.ok(waited < 20_000, `flush() took ${waited} ms`);

    // The first tab goes on: its first answer (retried) and the next one both arrive.
    const third = await answer(page, { element: 1, index: 0 });
    await rx.waitForIds([first.id, third.id], 20_000);
    matrix.pages += 2;
    matrix.sent += 3;
    const report = await settle({ rx, chosen: [first.id, second.id, third.id], pages, page });
    assert.deepEqual(report.duplicates, []);
    assertCleanRequests(rx);
    matrix.once += 3;
  }),
);

test(
  'a page whose fetch and sendBeacon throw at page hide: nothing reaches the page, every answer arrives later',
  run(async ({ rx, context, pages }) => {
    // A backlog of 250 answers (over the 60 kB keepalive budget, so the page-hide send reaches for
    // sendBeacon too), refused with a long Retry-After: they wait in the outbox until the page is left.
    const blank = await openBlank(context, rx);
    const backlog = Array.from({ length: 250 }, (_, i) => makeResponse(rx.origin, { score: i % 11 }));
    await writeStore(
      blank,
      OUTBOX,
      backlog.map((r) => outboxRecord(r)),
    );
    rx.fault = () => ({ status: 503, headers: { 'retry-after': '600' } });
    const page = await openPage(context, rx, {
      survey: 'throwing-send',
      comment: 'off',
      before: '/hostile/throwing-send.js',
    });
    await rx.waitForRequests(1);
    const { id } = await answer(page, { index: 3 });
    for (let i = 0; i < 50 && (await status(page)).pending < 251; i++) await page.waitForTimeout(100);

    const counts = await page.evaluate(() => {
      window.hostileSend.throwing = true;
      dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
      window.hostileSend.throwing = false;
      return { ...window.hostileSend };
    });
    assert.ok(counts.fetches >= 1, `a keepalive fetch was tried at page hide (${counts.fetches})`);
    assert.ok(counts.beacons >= 1, `a beacon was tried past the keepalive budget (${counts.beacons})`);

    // The page goes on working: once the endpoint takes them, every answer arrives.
    rx.fault = undefined;
    await flush(page);
    const ids = [id, ...backlog.map((r) => r.id)];
    matrix.pages++;
    matrix.sent += ids.length;
    const report = await settle({ rx, chosen: ids, pages, page, timeout: 30_000 });
    assert.deepEqual(report.duplicates, []);
    assertCleanRequests(rx);
    matrix.once += ids.filter((x) => rx.timesKept(x, 1) === 1).length;

    // A real close of the tab while both throw: nothing is thrown into the page (checked by settle).
    const next = await openPage(context, rx, {
      survey: 'throwing-send-close',
      comment: 'off',
      before: '/hostile/throwing-send.js',
    });
    rx.fault = () => ({ status: 503, headers: { 'retry-after': '600' } });
    const last = await answer(next, { index: 5 });
    await rx.waitFor(() => rx.requests.some((r) => r.ids.includes(`${last.id}#1`)), 10_000, 'the last answer tried');
    await next.evaluate(() => (window.hostileSend.throwing = true));
    await next.close({ runBeforeUnload: false });
    rx.fault = undefined;
    const again = await openPage(context, rx, { survey: 'throwing-send-after', comment: 'off' });
    await flush(again);
    await settle({ rx, chosen: [...ids, last.id], pages, page: again });
  }),
);
