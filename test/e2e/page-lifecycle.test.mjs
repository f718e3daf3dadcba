// End-to-end: the visitor's side goes away (offline, closed tab, reload, browser restart, two tabs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  OUTBOX,
  answer,
  clickScore,
  flush,
  launchPersistent,
  openBlank,
  openPage,
  outbox,
  without,
  writeStore,
} from './browser.mjs';
import { makeResponse, outboxRecord } from './records.mjs';
import { faults } from './receiver.mjs';
import { e2eSuite, settle } from './harness.mjs';

const run = e2eSuite();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test(
  'an answer given offline is kept, and arrives once the page is reloaded online',
  run(async ({ rx, context, pages }) => {
    const page = await openPage(context, rx, { survey: 'offline' });
    await context.setOffline(true);
    const { id } = await answer(page);
    assert.deepEqual(
      (await outbox(page)).map((r) => r.key),
      [id],
      'the answer is in the outbox',
    );
    assert.equal(rx.requests.length, 0);
    await context.setOffline(false);
    await page.reload();
    await settle({ rx, chosen: [id], pages, page });
  }),
);

test(
  'a tab closed right after the click still delivers the answer (page-hide send or the next page load)',
  run(async ({ rx, context, pages, t }) => {
    const first = await openPage(context, rx, { survey: 'closed-tab' });
    await clickScore(first, { index: 7 });
    await first.close({ runBeforeUnload: false });
    const reopened = Date.now();
    const next = await openPage(context, rx, { survey: 'elsewhere' });
    await rx.waitFor(() => rx.responses().some((r) => r.surveyId === 'closed-tab'), 15_000, 'the closed tab’s answer');
    const chosen = rx.responses().filter((r) => r.surveyId === 'closed-tab');
    assert.equal(chosen.length, 1, 'one answer from the closed tab');
    assert.equal(chosen[0].score, 7);
    const firstArrival = rx.requests.find((r) => r.status === 200 && r.ids.some((k) => k.startsWith(chosen[0].id)));
    t.diagnostic(
      `first arrived as ${firstArrival.contentType}, ${firstArrival.at < reopened ? 'before' : 'after'} the next page opened`,
    );
    await settle({ rx, chosen: chosen.map((r) => r.id), pages, page: next });
  }),
);

test(
  'a tab closed right after the click while the endpoint is down delivers the answer from IndexedDB on the next page',
  run(async ({ rx, context, pages }) => {
    rx.fault = () => ({ destroy: true });
    const first = await openPage(context, rx, { survey: 'closed-tab-down' });
    // Closed as soon as the answer is stored (csat-answer fires after the IndexedDB commit). A tab closed
    // within the few milliseconds before that commit relies on the page-hide send, which this receiver drops.
    await answer(first, { index: 2 });
    await first.close({ runBeforeUnload: false });
    await sleep(1000); // let any send at page hide fail
    rx.fault = undefined;
    const next = await openPage(context, rx, { survey: 'elsewhere' });
    await rx.waitFor(
      () => rx.responses().some((r) => r.surveyId === 'closed-tab-down'),
      15_000,
      'the closed tab’s answer',
    );
    const chosen = rx.responses().filter((r) => r.surveyId === 'closed-tab-down');
    assert.equal(chosen.length, 1, 'one answer from the closed tab');
    assert.equal(chosen[0].score, 2);
    await settle({ rx, chosen: chosen.map((r) => r.id), pages, page: next });
  }),
);

test(
  'closing a tab sends what is pending at page hide (keepalive fetch), and keeps it until a later flush',
  run(async ({ rx, context, pages }) => {
    rx.fault = () => ({ status: 503, headers: { 'retry-after': '600' } }); // no automatic retry before the close
    const page = await openPage(context, rx, { survey: 'page-hide' });
    const { id } = await answer(page);
    await rx.waitForRequests(1);
    // Close only once the 503 is on record, so the next page's load flush leaves it alone (Retry-After).
    for (let i = 0; i < 50 && !((await outbox(page))[0]?.value?.attempts >= 1); i++) await page.waitForTimeout(100);
    rx.fault = undefined;
    await page.close({ runBeforeUnload: false });
    await rx.waitForIds([id], 5000);
    assert.match(rx.requests.at(-1).contentType, /^application\/json/);
    const next = await openPage(context, rx, { survey: 'elsewhere' });
    assert.deepEqual(
      (await outbox(next)).map((r) => r.key),
      [id],
      'still in the outbox: a send at page hide is not a confirmed delivery',
    );
    await flush(next);
    await settle({ rx, chosen: [id], pages, page: next });
  }),
);

test(
  'a backlog over the 60 kB page-hide budget: what fits leaves at page hide, the rest arrives on the next page',
  run(async ({ rx, context, pages, t }) => {
    const blank = await openBlank(context, rx);
    const stored = Array.from({ length: 250 }, (_, i) => makeResponse(rx.origin, { score: i % 11 }));
    await writeStore(
      blank,
      OUTBOX,
      stored.map((r) => outboxRecord(r)),
    );
    rx.fault = () => ({ status: 503, headers: { 'retry-after': '600' } });
    const page = await openPage(context, rx, { survey: 'page-hide-backlog' });
    await rx.waitForRequests(1);
    await sleep(500);
    rx.fault = undefined;
    const before = rx.requests.length;
    await page.close({ runBeforeUnload: false });
    await rx.waitFor(() => rx.kept.size > 0, 5000, 'the send at page hide');
    await sleep(1000);
    const atHide = rx.requests.slice(before);
    t.diagnostic(
      `at page hide: ${atHide.map((r) => `${r.contentType} ${r.bytes} B, ${r.ids.length} responses`).join('; ')}; ` +
        `${rx.kept.size} of ${stored.length} received`,
    );
    assert.ok(
      atHide.every((r) => r.bytes <= 64 * 1024),
      'no send at page hide is over the 64 kB keepalive limit',
    );
    const next = await openPage(context, rx, { survey: 'elsewhere' });
    await flush(next);
    await settle({ rx, chosen: stored.map((r) => r.id), pages, page: next });
  }),
);

test(
  'a reload while the send is in flight delivers the answer after the reload',
  run(async ({ rx, context, pages }) => {
    rx.fault = faults.first(1, { hang: true });
    const page = await openPage(context, rx, { survey: 'reload-in-flight' });
    const { id } = await answer(page);
    await rx.waitForRequests(1);
    await page.reload();
    await settle({ rx, chosen: [id], pages, page });
  }),
);

test(
  'an answer kept while the endpoint failed survives a browser restart and arrives after it',
  run(async ({ rx }) => {
    const dir = await mkdtemp(join(tmpdir(), 'csat-e2e-profile-'));
    let browser = await launchPersistent(dir);
    try {
      rx.fault = faults.always(503);
      const before = await openPage(browser, rx, { survey: 'restart' });
      const { id } = await answer(before);
      await rx.waitForRequests(1);
      await browser.close();
      rx.fault = undefined;
      browser = await launchPersistent(dir);
      const after = await openPage(browser, rx, { survey: 'restart-again' });
      await settle({ rx, chosen: [id], pages: [before, after], page: after });
    } finally {
      await browser.close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    }
  }),
);

/** Two tabs of one context answer at the same time and flush; returns the chosen responses. */
async function twoTabs(context, rx, survey) {
  const tabs = [
    await openPage(context, rx, { survey: `${survey}-a` }),
    await openPage(context, rx, { survey: `${survey}-b` }),
  ];
  const responses = await Promise.all(tabs.map((tab, i) => answer(tab, { index: 3 + i })));
  await Promise.all(tabs.map((tab) => flush(tab)));
  return { tabs, responses };
}

test(
  'two tabs answering and flushing at once deliver every answer, none of them twice',
  run(async ({ rx, context, pages }) => {
    const { tabs, responses } = await twoTabs(context, rx, 'two-tabs');
    await settle({ rx, chosen: responses.map((r) => r.id), pages, page: tabs[0] });
    for (const { id, revision } of responses)
      assert.equal(rx.timesSent(id, revision), 1, `${id}#${revision} sent once`);
  }),
);

test(
  'without Web Locks, two tabs still deliver every answer',
  run(
    async ({ rx, context, pages, t }) => {
      const { tabs, responses } = await twoTabs(context, rx, 'no-locks');
      assert.equal(await tabs[0].evaluate(() => 'locks' in navigator), false);
      const report = await settle({ rx, chosen: responses.map((r) => r.id), pages, page: tabs[0] });
      t.diagnostic(`sent twice: ${report.duplicates.join(', ') || 'none'}`);
    },
    { init: [without.webLocks] },
  ),
);

test(
  'a comment after the score arrives as revision 2 of the same id',
  run(async ({ rx, context, pages }) => {
    const page = await openPage(context, rx, { survey: 'comment', comment: 'optional' });
    const first = await answer(page, { index: 4 });
    await rx.waitForIds([first.id]);
    await page.locator('csat-survey').locator('textarea').fill('Too slow at checkout');
    await page.locator('csat-survey').locator('button[type=submit]').click();
    await rx.waitFor(() => rx.kept.get(first.id) === 2, 15_000, 'revision 2');
    const [kept] = rx.responses();
    assert.equal(kept.comment, 'Too slow at checkout');
    assert.equal(kept.complete, true);
    await settle({ rx, chosen: [first.id], pages, page });
  }),
);

test(
  'a cross-origin loopback endpoint (CORS) receives the answer',
  run(async ({ rx, context, pages }) => {
    const endpoint = `http://localhost:${rx.port}/collect`;
    const page = await openPage(context, rx, { survey: 'cross-origin', endpoint });
    const { id } = await answer(page);
    await settle({ rx, chosen: [id], pages, page });
    assert.ok(rx.requests.every((r) => r.headers.origin === rx.origin));
  }),
);
