// The README's Privacy section against what the widget really keeps on the device. A full visit
// (every survey type, inline and popover, stars and faces, a comment sent and one skipped, a
// dismissal, an answer the endpoint refuses for good, displays it does not take yet) and a visit where IndexedDB is missing list
// every IndexedDB database and store, every localStorage and sessionStorage key, cookies and Cache
// Storage; the list must be exactly the rows of the Privacy table. Then `reset()` and
// `CsatSurvey.clear()` are run, and what each did to each row must be what the table's last two
// columns say (their first word: kept, emptied, renewed, removed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEAD_LETTERS, deadLetters, logOf, watch, without } from './browser.mjs';
import { assertAction, assertListed, entriesOf, items, privacyTable, snapshot, storages } from './device-storage.mjs';
import { e2eSuite } from './harness.mjs';
import { faults, isPoison } from './receiver.mjs';

const run = e2eSuite();

/** The rows some visit left something for. */
const seenRows = new Set();

// ---- the visit ----------------------------------------------------------------------------------------

/** A page with the surveys of a full visit, the script tag, and the endpoint on the receiver. */
const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>A full visit</title></head>
<body>
<main>
<csat-survey type="nps" survey-id="priv-nps" endpoint="/collect"></csat-survey>
<csat-survey type="csat" display="stars" survey-id="priv-stars" endpoint="/collect" lang="fa"></csat-survey>
<csat-survey type="ces" survey-id="priv-ces-inline" endpoint="/collect"></csat-survey>
<csat-survey type="nps" survey-id="priv-poison" touchpoint="poison" comment="off" endpoint="/collect"></csat-survey>
<csat-survey type="nps" survey-id="priv-later-1" endpoint="/collect"></csat-survey>
<csat-survey type="csat" survey-id="priv-later-2" endpoint="/collect"></csat-survey>
</main>
<csat-survey type="ces" mode="popover" survey-id="priv-ces" endpoint="/collect"></csat-survey>
<csat-survey type="csat" display="faces" mode="popover" comment="off" survey-id="priv-faces" endpoint="/collect"></csat-survey>
<script src="/dist/csat-survey.js" data-cooldown-days="0" data-popovers-per-visit="2"></script>
</body>
</html>`;

async function openVisit(context, rx, page = PAGE) {
  await context.route(`${rx.origin}/visit.html`, (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: page }),
  );
  const tab = await context.newPage();
  watch(tab);
  await tab.goto(`${rx.origin}/visit.html`);
  return tab;
}

const survey = (page, id) => page.locator(`csat-survey[survey-id="${id}"]`);

async function choose(page, id, index) {
  await survey(page, id).locator('input[type=radio]').nth(index).click({ force: true });
}

const complete = (rx, id) =>
  rx.waitFor(() => rx.responses().some((r) => r.surveyId === id && r.complete), 15_000, `the answer of ${id}`);

const visitorEntry = (snap, id) =>
  snap.idb['csat-survey-visitor']?.surveys?.find(([key]) => key === id)?.[1] ??
  JSON.parse(snap.local.find(([key]) => key === `csat-survey-visitor:${id}`)?.[1] ?? 'null');

test(
  'a full visit keeps on the device exactly what the Privacy table lists; reset() and clear() do what it says',
  run(async ({ rx, context }) => {
    const rows = privacyTable();
    rx.fault = faults.poison(422);
    // The endpoint takes no display for now: they wait on the device, as the table says.
    rx.displaysFault = () => ({ status: 503 });
    const page = await openVisit(context, rx);

    // Inline: NPS and CES with a comment, CSAT stars (Persian) with the comment skipped, an answer refused for good.
    await choose(page, 'priv-nps', 9);
    await survey(page, 'priv-nps').locator('textarea').fill('Fast delivery');
    await survey(page, 'priv-nps').locator('[part~="submit"]').click();
    await choose(page, 'priv-stars', 3);
    await survey(page, 'priv-stars').locator('[part~="skip"]').click();
    await choose(page, 'priv-ces-inline', 5);
    await survey(page, 'priv-ces-inline').locator('textarea').fill('آسان بود');
    await survey(page, 'priv-ces-inline').locator('[part~="submit"]').click();
    await choose(page, 'priv-poison', 2);
    // Popovers, one per page view (no cooldown, two per visit, as the script tag says): the CES one is dismissed,
    // then, on the next page view, the CSAT faces one is answered.
    // csat-dismiss fires once the dismissal is stored.
    await page.evaluate(() => document.addEventListener('csat-dismiss', () => (window.dismissed = true)));
    await survey(page, 'priv-ces').locator('[part~="close"]').click();
    await page.waitForFunction(() => window.dismissed === true);
    await page.reload();
    await survey(page, 'priv-faces').locator('input[type=radio]').first().waitFor();
    await choose(page, 'priv-faces', 4);
    for (const id of ['priv-nps', 'priv-stars', 'priv-ces-inline', 'priv-faces']) await complete(rx, id);
    for (const until = Date.now() + 15_000; ;) {
      const dead = await deadLetters(page);
      if (dead.some((d) => isPoison(d.value.response))) break;
      assert.ok(Date.now() < until, `the refused answer never reached ${DEAD_LETTERS}`);
      await page.waitForTimeout(100);
    }

    const full = await snapshot(page);
    const seen = assertListed(rows, full, 'after a full visit');
    const visitor = full.idb['csat-survey-visitor']?.surveys ?? [];
    assert.ok(visitorEntry(full, 'priv-ces')?.dismissedAt, 'the dismissal is remembered');
    assert.ok(visitorEntry(full, 'priv-nps')?.answeredAt, 'the answer is remembered');
    assert.equal(visitor.length, 8, 'one visitor entry per survey');

    // Answers waiting in the outbox (the endpoint is down), of two surveys, then reset() and clear().
    rx.fault = faults.always(503);
    for (const id of ['priv-later-1', 'priv-later-2']) {
      await choose(page, id, 1);
      await survey(page, id).locator('[part~="skip"]').click();
    }
    await page.waitForFunction(() => window.CsatSurvey.status.pending >= 2);
    const waiting = await snapshot(page);
    assert.ok(
      entriesOf(
        waiting,
        rows.find((r) => r.name === 'csat-survey-outbox'),
      ).length >= 2,
      'answers wait',
    );

    // The site-wide marks, which reset() lifts, are put back for clear() to be checked on them too.
    const marks = await page.evaluate(() => [
      localStorage['csat-survey-cooldown'],
      sessionStorage['csat-survey-popovers'],
    ]);
    assert.ok(marks.every(Boolean), 'the cooldown and the visit count are kept');
    const resetChecked = await assertAction(rows, page, {
      surveyId: 'priv-nps',
      column: 'reset',
      action: () => survey(page, 'priv-nps').evaluate((el) => el.reset()),
      settled: (snap) => !visitorEntry(snap, 'priv-nps')?.answeredAt,
    });
    await page.evaluate(([cooldown, popovers]) => {
      localStorage['csat-survey-cooldown'] = cooldown;
      sessionStorage['csat-survey-popovers'] = popovers;
    }, marks);
    const clearChecked = await assertAction(rows, page, {
      surveyId: 'priv-nps',
      column: 'clear',
      action: () => page.evaluate(() => window.CsatSurvey.clear()),
      settled: () => true,
    });
    for (const row of rows.filter((r) => seen.has(r))) {
      assert.ok(resetChecked.includes(row), `reset() was checked on ${row.name}`);
      assert.ok(clearChecked.includes(row), `clear() was checked on ${row.name}`);
    }
    seen.forEach((row) => seenRows.add(row.name));
    assert.deepEqual(logOf(page).pageErrors, [], 'uncaught errors');
    console.log(
      `privacy: after a full visit ${items(full)
        .map((i) => `${i.kind} ${i.name}${i.store ? `/${i.store}` : ''} (${i.entries.length})`)
        .join(', ')}`,
    );
  }),
);

test(
  'without IndexedDB, the visitor state goes to the localStorage keys the Privacy table lists, and nothing else is kept',
  run(
    async ({ rx, context }) => {
      const rows = privacyTable();
      const page = await openVisit(
        context,
        rx,
        PAGE.replace(/<csat-survey type="ces" mode="popover"[\s\S]*?<script/, '<script').replace(
          'survey-id="priv-poison" touchpoint="poison"',
          'survey-id="priv-off"',
        ),
      );
      await choose(page, 'priv-off', 8);
      await choose(page, 'priv-nps', 7);
      await survey(page, 'priv-nps').locator('[part~="skip"]').click();
      for (const id of ['priv-off', 'priv-nps']) await complete(rx, id);
      // The count of what waits is written once the flush is over.
      await page.waitForFunction(() => localStorage['csat-survey-waiting'] === '0');
      assert.equal(await page.evaluate(() => typeof window.indexedDB), 'undefined');
      const snap = await storages(page);
      const seen = assertListed(rows, snap, 'without IndexedDB');
      seen.forEach((row) => seenRows.add(row.name));
      assert.ok(visitorEntry(snap, 'priv-nps')?.answeredAt, 'the answer is remembered in localStorage');
      console.log(
        `privacy: without IndexedDB ${items(snap)
          .map((i) => `${i.kind} ${i.name}`)
          .join(', ')}`,
      );

      const local = rows.filter((r) => r.kind === 'localStorage');
      const reset = await assertAction(local, page, {
        surveyId: 'priv-nps',
        column: 'reset',
        action: () => survey(page, 'priv-nps').evaluate((el) => el.reset()),
        settled: (after) => !visitorEntry(after, 'priv-nps')?.answeredAt,
        read: storages,
      });
      const clear = await assertAction(local, page, {
        surveyId: 'priv-nps',
        column: 'clear',
        action: () => page.evaluate(() => window.CsatSurvey.clear()),
        settled: () => true,
        read: storages,
      });
      const left = local.filter((r) => seen.has(r)).length;
      assert.deepEqual([reset.length, clear.length], [left, left], 'reset() and clear() were checked');
    },
    { init: [without.indexedDB] },
  ),
);

test('every row of the Privacy table is something a visit leaves', () => {
  const rows = privacyTable();
  for (const row of rows) {
    assert.ok(['IndexedDB', 'localStorage', 'sessionStorage'].includes(row.kind), `${row.name}: kept in ${row.kind}`);
    assert.ok(seenRows.has(row.name), `${row.kind} ${row.name} is in the table, and no visit above left it`);
  }
});
