// No hidden memory: a survey removed from the page while its answer still waits for the endpoint
// is garbage-collected (nothing of the widget holds on to it), and the news of that answer's
// delivery still reaches the document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { e2eSuite, settle } from './harness.mjs';
import { answer, logOf, openPage } from './browser.mjs';

const run = e2eSuite();

/** Collects garbage until `check()` in the page is true, or gives up after ten rounds. */
async function collectedWhen(context, page, check) {
  const cdp = await context.newCDPSession(page);
  try {
    for (let i = 0; i < 10; i++) {
      await cdp.send('HeapProfiler.collectGarbage');
      if (await page.evaluate(check)) return true;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return false;
  } finally {
    await cdp.detach();
  }
}

test(
  'a survey removed with an undelivered answer is garbage-collected, and its delivery news reaches the document',
  run(async ({ rx, context, pages }) => {
    rx.fault = () => ({ status: 503 });
    const page = await openPage(context, rx, { comment: 'off', survey: 'memory' });
    const { id } = await answer(page);
    await rx.waitForRequests(1);
    const pending = await page.evaluate(() => window.CsatSurvey.status.pending);
    assert.equal(pending, 1, 'the answer waits in the outbox');

    await page.evaluate(() => {
      const el = document.querySelector('csat-survey');
      window.removedSurvey = new WeakRef(el);
      window.news = [];
      document.addEventListener('csat-delivered', (event) =>
        window.news.push({
          target: event.target === document ? 'document' : event.target.localName,
          ids: event.detail.ids,
        }),
      );
      el.remove();
    });
    assert.ok(
      await collectedWhen(context, page, () => window.removedSurvey.deref() === undefined),
      'the removed <csat-survey> was garbage-collected while its answer waited',
    );

    rx.fault = undefined;
    await page.evaluate(() => window.CsatSurvey.flush());
    await page.waitForFunction(() => window.news.length > 0, undefined, { timeout: 10_000 });
    assert.deepEqual(await page.evaluate(() => window.news), [{ target: 'document', ids: [id] }]);
    assert.deepEqual(logOf(page).pageErrors, []);
    await settle({ rx, chosen: [id], pages, page });
  }),
);
