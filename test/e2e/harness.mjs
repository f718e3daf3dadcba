// The frame of every end-to-end case: one browser per test file, a fresh receiver and browser
// context per case, and the promises checked after every case (`settle`).
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEAD_LETTERS,
  deadLetters,
  launch,
  logOf,
  newContext,
  openBlank,
  status,
  waitForEmptyOutbox,
} from './browser.mjs';
import { startReceiver } from './receiver.mjs';

/**
 * Call once per test file. Returns `run(fn, options)`, which wraps a case: `fn({ rx, context, browser, pages })`
 * gets a fresh receiver and context; `pages` lists every page the context opened. On failure the receiver's
 * log is added to the error.
 */
export function e2eSuite() {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });
  return (fn, { init = [], contextOptions } = {}) =>
    async (t) => {
      const rx = await startReceiver();
      const context = await newContext(browser, contextOptions);
      const pages = [];
      context.on('page', (page) => pages.push(page));
      for (const script of init) await context.addInitScript(script);
      try {
        await fn({ rx, context, browser, pages, t });
      } catch (error) {
        if (error instanceof Error) error.message += `\n--- receiver log ---\n${rx.log()}`;
        throw error;
      } finally {
        await context.close().catch(() => undefined);
        await rx.close();
      }
    };
}

/**
 * The promises every case ends on:
 *  - every chosen id reached the receiver exactly once by unique id, or sits in the dead letters with a reason;
 *  - no page threw an uncaught error;
 *  - the outbox is empty (or, where IndexedDB is unusable, `CsatSurvey.status.pending` is 0).
 * `page` is an open page of the same origin used to look into IndexedDB.
 */
export async function settle({ rx, chosen, pages, page, deadLettered = [], storage = true, timeout = 15_000 }) {
  const delivered = chosen.filter((id) => !deadLettered.includes(id));
  await rx.waitForIds(delivered, timeout);
  const report = rx.exactlyOnceReport(chosen, deadLettered);
  assert.deepEqual(report.missing, [], 'chosen answers that never arrived');
  assert.deepEqual(report.unexpected, [], 'answers that arrived but were never chosen');

  const probe = page && !page.isClosed() ? page : await openBlank(page.context(), rx);
  if (deadLettered.length) {
    const dead = await deadLetters(probe);
    for (const id of deadLettered) {
      const entry = dead.find((d) => d.value?.response?.id === id || d.key === id);
      assert.ok(entry, `${id} is neither delivered nor in ${DEAD_LETTERS}`);
      assert.ok(entry.value.reason?.code && entry.value.reason?.message, `dead letter ${id} has no reason`);
    }
  }

  for (const p of pages) {
    assert.deepEqual(logOf(p).pageErrors, [], `uncaught errors on ${p.isClosed() ? 'a closed page' : p.url()}`);
  }

  if (storage) {
    const left = await waitForEmptyOutbox(probe);
    assert.deepEqual(
      left.map((r) => r.key),
      [],
      'the outbox still holds records',
    );
  } else {
    // The receiver keeps the answer before the page has read the 200: give the page time to hear it,
    // as waitForEmptyOutbox does for the stored case.
    let s = await status(probe);
    for (const until = Date.now() + 5000; s && s.pending !== 0 && Date.now() < until; s = await status(probe)) {
      await probe.waitForTimeout(100);
    }
    if (s) assert.equal(s.pending, 0, 'CsatSurvey.status.pending');
  }
  return report;
}
