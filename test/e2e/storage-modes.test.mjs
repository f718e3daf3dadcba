// The storage modes as a visitor meets them, through the script tag: in each mode (`full`, `answers`, `none`, set on
// the script tag; and the default with Global Privacy Control on and off), a survey is shown, answered, a popover
// dismissed and the page reloaded; after each step everything the origin holds must be rows of the README's storage
// table whose "Modes" include the mode. Then the mode is switched up and down mid-page, an answer in `none` is
// delivered from memory and at page hide, and a browser that blocks storage still delivers. The matrix
// (mode × step → what is kept) is printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logOf, watch } from './browser.mjs';
import { e2eSuite } from './harness.mjs';
import { faults } from './receiver.mjs';
import { items, privacyTable, snapshot, storages } from './device-storage.mjs';

const run = e2eSuite();

/** A page with an inline survey and a popover, the script tag with `attributes`, and a pre-load stub. */
const page = (attributes = '') => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Storage modes</title>
<script>
window.CsatSurvey = window.CsatSurvey || { q: [], configure: function () { this.q.push(['configure', [].slice.call(arguments)]); } };
document.addEventListener('csat-dismiss', () => (window.dismissed = true));
document.addEventListener('csat-answer', () => (window.answered = true));
</script>
</head>
<body>
<main><csat-survey type="nps" survey-id="sm-inline" endpoint="/collect"></csat-survey></main>
<csat-survey type="csat" mode="popover" comment="off" survey-id="sm-pop" endpoint="/collect"></csat-survey>
<script src="/dist/csat-survey.js" ${attributes}></script>
</body>
</html>`;

async function open(context, rx, html) {
  await context.route(`${rx.origin}/modes.html`, (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }),
  );
  const tab = await context.newPage();
  watch(tab);
  await tab.goto(`${rx.origin}/modes.html`);
  await tab.locator('csat-survey[survey-id="sm-inline"] input[type=radio]').first().waitFor();
  return tab;
}

const survey = (tab, id) => tab.locator(`csat-survey[survey-id="${id}"]`);

/** What the origin holds, one line per item: "IndexedDB csat-survey-outbox/responses (1)". */
const listOf = (snap) =>
  items(snap)
    .filter((i) => i.entries.length || i.kind !== 'IndexedDB')
    .map((i) => `${i.kind} ${i.name}${i.store ? `/${i.store}` : ''}`)
    .sort();

/** Every item is a row of the table whose modes include `mode`; resolves with the list. */
async function assertOnlyModeRows(tab, mode, step) {
  const rows = privacyTable();
  const snap = await snapshot(tab);
  for (const item of items(snap)) {
    const row = rows.find((r) => r.kind === item.kind && r.pattern.test(item.name) && r.store === item.store);
    assert.ok(row, `${mode}, ${step}: ${item.kind} ${item.name} is not in the storage table`);
    assert.ok(
      row.modes.includes(mode),
      `${mode}, ${step}: ${item.kind} ${item.name} is kept, but the table says only in ${row.modes.join(', ')}`,
    );
  }
  assert.equal(snap.cookie, '', 'no cookie');
  return listOf(snap);
}

/** The matrix, printed at the end: mode -> step -> items. */
const matrix = [];

/** Shows, answers (the endpoint down, so the answer waits), dismisses the popover, reloads; checks after each step. */
async function visit({ rx, context, mode, attributes, label = mode }) {
  rx.fault = faults.always(503);
  rx.displaysFault = () => ({ status: 503 });
  const tab = await open(context, rx, page(attributes));
  const steps = {};
  await survey(tab, 'sm-pop').locator('input[type=radio]').first().waitFor();
  steps.show = await assertOnlyModeRows(tab, mode, 'after show');
  await survey(tab, 'sm-inline').locator('input[type=radio]').nth(9).click({ force: true });
  await tab.waitForFunction(() => window.answered === true);
  await tab.waitForFunction(() => window.CsatSurvey.status.pending >= 1);
  steps.answer = await assertOnlyModeRows(tab, mode, 'after an answer');
  await survey(tab, 'sm-pop').locator('[part~="close"]').click();
  await tab.waitForFunction(() => window.dismissed === true);
  steps.dismiss = await assertOnlyModeRows(tab, mode, 'after a dismissal');
  rx.fault = undefined;
  rx.displaysFault = undefined;
  await tab.reload();
  await tab.waitForFunction(() => window.CsatSurvey?.version);
  await rx.waitFor(() => rx.responses().some((r) => r.surveyId === 'sm-inline'), 15_000, 'the answer');
  steps.reload = await assertOnlyModeRows(tab, mode, 'after a reload');
  matrix.push({ label, steps });
  assert.deepEqual(logOf(tab).pageErrors, [], 'uncaught errors');
  return { tab, steps };
}

const has = (list, name) => list.some((line) => line.includes(name));

/** Opens the page (script tag `attributes`) with the endpoint down and gives score `index`; resolves once it waits. */
async function answerWhileDown(context, rx, attributes, index) {
  rx.fault = faults.always(503);
  const tab = await open(context, rx, page(attributes));
  await survey(tab, 'sm-inline').locator('input[type=radio]').nth(index).click({ force: true });
  await tab.waitForFunction(() => window.CsatSurvey.status.pending >= 1);
  return tab;
}

test(
  'full: every row of the table may be kept',
  run(async ({ rx, context }) => {
    const { steps } = await visit({ rx, context, mode: 'full', attributes: 'data-storage="full"' });
    assert.ok(has(steps.answer, 'csat-survey-outbox'), 'the answer waits in the outbox');
    assert.ok(has(steps.show, 'csat-survey-visitor'), 'the sampling draw is kept');
    assert.ok(has(steps.dismiss, 'csat-survey-cooldown'), 'the dismissal starts the cooldown');
  }),
);

test(
  'answers: only the outbox of answers and its count are kept; the popover may ask again on the next page',
  run(async ({ rx, context }) => {
    const { tab, steps } = await visit({ rx, context, mode: 'answers', attributes: 'data-storage="answers"' });
    assert.deepEqual(steps.show, [], 'nothing is stored by showing a survey');
    assert.ok(has(steps.answer, 'csat-survey-outbox'), 'the answer waits in the outbox');
    // The dismissal held for its page view only: the popover asks again after the reload.
    await survey(tab, 'sm-pop').locator('input[type=radio]').first().waitFor();
  }),
);

test(
  'none: nothing is kept at any step, and the answer is still delivered',
  run(async ({ rx, context }) => {
    const { tab, steps } = await visit({ rx, context, mode: 'none', attributes: 'data-storage="none"' });
    for (const [step, list] of Object.entries(steps)) assert.deepEqual(list, [], `nothing kept after ${step}`);
    assert.equal((await storages(tab)).local.length, 0);
  }),
);

const GPC = () => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });

test(
  'Global Privacy Control lowers the default to answers',
  run(
    async ({ rx, context }) => {
      const { steps } = await visit({ rx, context, mode: 'answers', attributes: '', label: 'GPC, no mode set' });
      assert.ok(!has(steps.show, 'csat-survey-visitor'), 'no visitor state');
    },
    { init: [GPC] },
  ),
);

test(
  'with Global Privacy Control, a mode the page sets stands',
  run(
    async ({ rx, context }) => {
      const { steps } = await visit({
        rx,
        context,
        mode: 'full',
        attributes: 'data-storage="full"',
        label: 'GPC, data-storage="full"',
      });
      assert.ok(has(steps.show, 'csat-survey-visitor'), 'the visitor state is kept');
    },
    { init: [GPC] },
  ),
);

test(
  'without Global Privacy Control and no mode set, the default is full',
  run(async ({ rx, context }) => {
    const { steps } = await visit({ rx, context, mode: 'full', attributes: '', label: 'no GPC, no mode set' });
    assert.ok(has(steps.show, 'csat-survey-visitor'), 'the visitor state is kept');
  }),
);

test(
  'switching mid-page: raising the mode stores what the page holds; lowering deletes at once, and the waiting answer is delivered from memory',
  run(async ({ rx, context }) => {
    const tab = await answerWhileDown(context, rx, 'data-storage="answers"', 7);
    assert.ok(!has(await assertOnlyModeRows(tab, 'answers', 'before consent'), 'csat-survey-visitor'));

    // Consent given: the answer and draw this page holds are stored.
    await tab.evaluate(() => window.CsatSurvey.configure({ storage: 'full' }));
    await tab.waitForFunction(() => localStorage['csat-survey-visitor:sm-inline']);
    const state = await tab.evaluate(() => JSON.parse(localStorage['csat-survey-visitor:sm-inline']));
    assert.ok(state.answeredAt, 'the answer given before consent is remembered');
    assert.ok(has(await assertOnlyModeRows(tab, 'full', 'after consent'), 'csat-survey-visitor'));

    // Consent withdrawn: nothing stays, the answer waits in memory.
    await tab.evaluate(() => window.CsatSurvey.configure({ storage: 'none' }));
    await tab.waitForFunction(async () => {
      const names = (await indexedDB.databases()).map((d) => d.name).filter((n) => n.startsWith('csat-survey'));
      const keys = [...Object.keys(localStorage), ...Object.keys(sessionStorage)].filter((k) =>
        k.startsWith('csat-survey'),
      );
      return names.length === 0 && keys.length === 0;
    });
    assert.deepEqual(await assertOnlyModeRows(tab, 'none', 'after withdrawal'), []);
    const status = await tab.evaluate(() => ({ ...window.CsatSurvey.status }));
    assert.equal(status.pending, 1, 'the answer is still pending, in memory');
    assert.equal(status.storage, 'memory');
    rx.fault = undefined;
    await tab.evaluate(() => window.CsatSurvey.flush());
    await rx.waitFor(() => rx.responses().some((r) => r.surveyId === 'sm-inline'), 15_000, 'the answer');
    assert.deepEqual(await assertOnlyModeRows(tab, 'none', 'after delivery'), []);
    matrix.push({
      label: 'answers → full → none',
      steps: { withdrawn: await assertOnlyModeRows(tab, 'none', 'end') },
    });
    assert.deepEqual(logOf(tab).pageErrors, [], 'uncaught errors');
  }),
);

test(
  'none: an answer the endpoint could not take is sent again at page hide, from memory',
  run(async ({ rx, context }) => {
    const tab = await answerWhileDown(context, rx, 'data-storage="none"', 3);
    await rx.waitFor(() => rx.requests.length >= 1, 10_000, 'the first attempt');
    rx.fault = undefined;
    // Leaving the page: the page-hide send carries the answer kept in memory only.
    await tab.goto(`${rx.origin}/blank.html`);
    await rx.waitFor(() => rx.responses().some((r) => r.surveyId === 'sm-inline'), 15_000, 'the answer at page hide');
    assert.deepEqual(listOf(await snapshot(tab)), [], 'nothing was kept');
  }),
);

/** A browser that refuses every storage: IndexedDB missing, localStorage and sessionStorage throwing. */
const blockStorage = () => {
  delete window.indexedDB;
  delete Object.getPrototypeOf(window).indexedDB;
  for (const area of ['localStorage', 'sessionStorage'])
    Object.defineProperty(window, area, {
      get() {
        throw new DOMException('Access is denied for this document.', 'SecurityError');
      },
    });
};

test(
  'a browser that blocks storage: the survey shows, the answer is delivered, nothing throws',
  run(
    async ({ rx, context }) => {
      const tab = await open(context, rx, page(''));
      await survey(tab, 'sm-inline').locator('input[type=radio]').nth(8).click({ force: true });
      await rx.waitFor(() => rx.responses().some((r) => r.surveyId === 'sm-inline'), 15_000, 'the answer');
      assert.equal(await tab.evaluate(() => window.CsatSurvey.status.storage), 'memory');
      assert.deepEqual(logOf(tab).pageErrors, [], 'uncaught errors');
    },
    { init: [blockStorage] },
  ),
);

for (const script of ['csat-survey.js', 'csat-survey.bundle.js'])
  test(
    `nothing is stored before a survey needs it: a page with no survey (${script})`,
    run(async ({ rx, context }) => {
      await context.route(`${rx.origin}/plain.html`, (route) =>
        route.fulfill({
          contentType: 'text/html; charset=utf-8',
          body: `<!doctype html><html lang="en"><title>No survey</title><script src="/dist/${script}"></script>`,
        }),
      );
      const tab = await context.newPage();
      watch(tab);
      await tab.goto(`${rx.origin}/plain.html`);
      await tab.waitForFunction(() => window.CsatSurvey?.version);
      await tab.evaluate(() => window.CsatSurvey.flush());
      assert.deepEqual(listOf(await snapshot(tab)), []);
      assert.deepEqual(logOf(tab).pageErrors, [], 'uncaught errors');
    }),
  );

test('the matrix: mode × step → what the origin keeps', () => {
  for (const { label, steps } of matrix)
    for (const [step, list] of Object.entries(steps))
      console.log(`storage-modes: ${label} | ${step} | ${list.length ? list.join(', ') : '(nothing)'}`);
  assert.ok(matrix.length >= 6, 'every mode was visited');
});

/** A page with one popover survey, and the script tag. */
const popoverPage = (id, attributes = '') => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Cooldown</title>
<script>document.addEventListener('csat-answer', () => (window.answered = true));</script>
</head>
<body>
<csat-survey type="nps" mode="popover" comment="off" survey-id="${id}" endpoint="/collect"></csat-survey>
<script src="/dist/csat-survey.js" ${attributes}></script>
</body>
</html>`;

test(
  'the cooldown across surveys and reloads: after a popover is answered, the next pages load no survey code, and a new visit after the cooldown shows one again',
  run(async ({ rx, context }) => {
    for (const id of ['cd-first', 'cd-second'])
      await context.route(`${rx.origin}/${id}.html`, (route) =>
        route.fulfill({ contentType: 'text/html; charset=utf-8', body: popoverPage(id) }),
      );
    const tab = await context.newPage();
    watch(tab);
    const scripts = [];
    tab.on('request', (request) => request.url().includes('/dist/') && scripts.push(new URL(request.url()).pathname));
    await tab.goto(`${rx.origin}/cd-first.html`);
    await survey(tab, 'cd-first').locator('input[type=radio]').nth(9).click({ force: true });
    await tab.waitForFunction(() => window.answered === true);
    // Delivered, and nothing left waiting (else the next page rightly loads the delivery to send it).
    await rx.waitFor(() => rx.responses().some((r) => r.surveyId === 'cd-first'), 15_000, 'the answer');
    await tab.waitForFunction(() => localStorage['csat-survey-waiting'] === '0');

    // The same visit, another survey's page: the loader sees the cooldown and loads nothing more.
    scripts.length = 0;
    await tab.goto(`${rx.origin}/cd-second.html`);
    await tab.waitForFunction(() => window.CsatSurvey?.version);
    await tab.waitForTimeout(300);
    assert.deepEqual(scripts, ['/dist/csat-survey.js'], 'the loader alone');
    assert.equal(await survey(tab, 'cd-second').getAttribute('data-csat-survey'), 'skip');

    // A new visit (a new tab) 4 days later: the cooldown of 3 days is over, and the other survey shows.
    await tab.evaluate(() => {
      localStorage['csat-survey-cooldown'] = String(Date.now() - 4 * 864e5);
    });
    const later = await context.newPage();
    watch(later);
    await later.goto(`${rx.origin}/cd-second.html`);
    await survey(later, 'cd-second').locator('input[type=radio]').first().waitFor();
    // …and within the visit, it stays the only one: the first survey's page (its own recontact days aside) shows none.
    await later.goto(`${rx.origin}/cd-first.html`);
    await later.waitForFunction(() => window.CsatSurvey?.version);
    assert.equal(await survey(later, 'cd-first').getAttribute('data-csat-survey'), 'skip');
    assert.deepEqual([...logOf(tab).pageErrors, ...logOf(later).pageErrors], [], 'uncaught errors');
  }),
);
