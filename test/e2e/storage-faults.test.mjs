// End-to-end: IndexedDB is missing, refuses, hangs, is full, or holds a corrupt record.
import { test } from 'node:test';
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
  outbox,
  status,
  tinyQuota,
  without,
  writeStore,
} from './browser.mjs';
import { corruptRecords, makeResponse, outboxRecord } from './records.mjs';
import { e2eSuite, settle } from './harness.mjs';

const run = e2eSuite();

/**
 * Answers once with storage taken away by `init` (an init script) or `prepare` (run on a blank page of
 * the origin first); the answer must still arrive, with one console warning.
 */
const withoutStorage = (survey, { init, prepare }) =>
  run(
    async ({ rx, context, pages }) => {
      if (prepare) await prepare(await openBlank(context, rx), rx);
      const page = await openPage(context, rx, { survey });
      const { id } = await answer(page);
      await settle({ rx, chosen: [id], pages, page, storage: false });
      const s = await status(page);
      if (s) assert.equal(s.storage, 'memory', 'CsatSurvey.status.storage');
      const warnings = logOf(page).warnings;
      assert.equal(warnings.length, 1, `one console warning, saw: ${JSON.stringify(warnings)}`);
    },
    { init: init ? [init] : [] },
  );

test(
  'without window.indexedDB the answer is still delivered, with one console warning',
  withoutStorage('no-idb', { init: without.indexedDB }),
);

test(
  'when indexedDB.open() throws the answer is still delivered, with one console warning',
  withoutStorage('idb-throws', { init: without.indexedDBOpen }),
);

test(
  'when indexedDB.open() never answers the answer is still delivered, with one console warning',
  withoutStorage('idb-hangs', { init: without.indexedDBAnswer }),
);

test(
  'when IndexedDB writes throw QuotaExceededError the answer is still delivered, with one console warning',
  withoutStorage('idb-put-throws', { init: without.storageSpace }),
);

test(
  'with a storage quota of one byte (IndexedDB full) the answer is still delivered, with one console warning',
  withoutStorage('quota', { prepare: (blank, rx) => tinyQuota(blank, rx.origin, 1) }),
);

test(
  'a corrupt stored record is moved to the dead letters and reported; the others are delivered',
  run(async ({ rx, context, pages }) => {
    // Let the widget make its database first, then spoil it while no page of the widget is open.
    const earlier = await openPage(context, rx, { survey: 'corrupt-earlier' });
    await earlier.close();
    const blank = await openBlank(context, rx);
    const good = [makeResponse(rx.origin), makeResponse(rx.origin, { score: 3 })];
    const bad = corruptRecords();
    await writeStore(blank, OUTBOX, [...bad, ...good.map((r) => outboxRecord(r))]);

    const page = await openPage(context, rx, { survey: 'corrupt' });
    await rx.waitForIds(good.map((r) => r.id));
    const { id } = await answer(page);
    await settle({ rx, chosen: [...good.map((r) => r.id), id], pages, page });

    const dead = await deadLetters(page);
    assert.equal(dead.length, bad.length, `${bad.length} dead letters`);
    for (const d of dead) assert.equal(d.value.reason?.code, 'corrupt-record');
    const errors = (await events(page, 'csat-error')).map((e) => e.detail.code);
    assert.ok(errors.includes('corrupt-record'), `a csat-error "corrupt-record" (saw ${JSON.stringify(errors)})`);
  }),
);

test(
  'an answer not delivered within 30 days (and 8 attempts) expires into the dead letters and is reported',
  run(async ({ rx, context, pages }) => {
    const blank = await openBlank(context, rx);
    const longAgo = Date.now() - 31 * 24 * 60 * 60_000;
    const old = makeResponse(rx.origin, { answeredAt: new Date(longAgo).toISOString() });
    const fresh = makeResponse(rx.origin);
    const oldRecord = outboxRecord(old);
    Object.assign(oldRecord.value, { storedAt: longAgo, attempts: 8 });
    await writeStore(blank, OUTBOX, [oldRecord, outboxRecord(fresh)]);
    const page = await openPage(context, rx, { survey: 'expired' });
    await settle({ rx, chosen: [old.id, fresh.id], deadLettered: [old.id], pages, page });
    const [dead] = await deadLetters(page);
    assert.equal(dead?.value.reason?.code, 'expired');
    const errors = await events(page, 'csat-error');
    assert.ok(
      errors.some((e) => e.detail.code === 'expired' && e.detail.responseId === old.id),
      `a csat-error "expired" (saw ${JSON.stringify(errors.map((e) => e.detail.code))})`,
    );
  }),
);

test(
  'with 500 answers already waiting, a new one is not buffered but reported, counted and still delivered',
  run(async ({ rx, context, pages, t }) => {
    const blank = await openBlank(context, rx);
    const stored = Array.from({ length: 500 }, () => makeResponse(rx.origin));
    await writeStore(
      blank,
      OUTBOX,
      stored.map((r) => outboxRecord(r)),
    );
    rx.fault = () => ({ status: 503, headers: { 'retry-after': '600' } });
    const page = await openPage(context, rx, { survey: 'buffer-full' });
    await rx.waitForRequests(1);
    const { id } = await answer(page);
    const errors = await events(page, 'csat-error');
    assert.ok(
      errors.some((e) => e.detail.code === 'buffer-full' && e.detail.responseId === id),
      `a csat-error "buffer-full" for the new answer (saw ${JSON.stringify(errors.map((e) => e.detail.code))})`,
    );
    assert.equal((await status(page))?.unbuffered, 1, 'CsatSurvey.status.unbuffered');
    assert.equal((await outbox(page)).length, 500, 'the outbox stays at 500');
    t.diagnostic(`the new answer was ${rx.timesSent(id) ? '' : 'not '}sent before flush()`);
    rx.fault = undefined;
    await flush(page);
    await settle({ rx, chosen: [...stored.map((r) => r.id), id], pages, page });
  }),
);
