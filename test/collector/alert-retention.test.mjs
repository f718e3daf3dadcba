// Retention of alert jobs: the worker deletes sent and cancelled jobs older than CSAT_ALERT_KEEP_DAYS
// (30 days by default) once an hour by its own clock, and keeps pending and parked ones whatever their
// age; the delivery log keeps its last 100 per destination. The clock is injected: the test moves it
// by days and hours and watches the worker act, or not, on its next poll.
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ConfigError, DIST, backends, startTestCollector, uuid } from './helpers.mjs';
import { FAST_ALERTS } from './alert-receivers.mjs';

const { AlertWorker } = await import(new URL('alert-worker.js', DIST).href);
const { readAlertConfig } = await import(new URL('alert-config.js', DIST).href);
const { logDelivery } = await import(new URL('alert-outbox.js', DIST).href);

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-01T12:00:00.000Z');

async function until(check, ms = 10_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

for (const backend of backends()) {
  const { it, before, after } = backend.test;
  describe(`alert retention (${backend.name})`, () => {
    let store;
    let collector;
    before(async () => {
      store = await backend.createStore();
      // The collector's own worker is off: the test's worker, with its clock, is the only one.
      collector = await startTestCollector(store, { ...FAST_ALERTS, CSAT_ALERT_WORKER: 'false' });
    });
    after(async () => {
      await collector?.close();
      await store?.cleanup();
    });

    let serial = 0;
    /** Adds a job with the given status, times given in days before T0. */
    async function job(status, { sentDaysAgo = null, dueDaysAgo = 0, createdDaysAgo = dueDaysAgo } = {}) {
      serial += 1;
      const at = (days) => (days === null ? null : new Date(T0 - days * DAY).toISOString());
      const [row] = await collector.db.query(
        `INSERT INTO alert_jobs (event_id, rule_id, destination_id, response_id, revision, status, due_at, created_at, sent_at)
         VALUES ($1::uuid, 'rule', 'hook', $2::uuid, 1, $3, $4::timestamptz, $5::timestamptz, $6::timestamptz) RETURNING id`,
        [randomUUID(), uuid(50_000 + serial), status, at(dueDaysAgo), at(createdDaysAgo), at(sentDaysAgo)],
      );
      return String(row.id);
    }
    const ids = async () => new Set((await collector.db.query('SELECT id FROM alert_jobs')).map((r) => String(r.id)));

    it('deletes sent and cancelled jobs past the window, once an hour by the worker clock; keeps the rest', async () => {
      await collector.db.query('DELETE FROM alert_jobs');
      let now = T0;
      const logs = [];
      const worker = new AlertWorker({
        db: collector.db,
        config: readAlertConfig({ ...FAST_ALERTS, CSAT_ALERT_KEEP_DAYS: '30' }),
        publicUrl: () => 'https://collect.example',
        fetch: () => Promise.reject(new Error('nothing is sent in this test')),
        mail: undefined,
        now: () => new Date(now),
        log: { info: (m) => logs.push(m), warn: (m) => logs.push(m), error: (m) => logs.push(m) },
      });
      const oldSent = await job('sent', { sentDaysAgo: 31, dueDaysAgo: 31 });
      const recentSent = await job('sent', { sentDaysAgo: 29, dueDaysAgo: 29 });
      const oldCancelled = await job('cancelled', { dueDaysAgo: 40 });
      const recentCancelled = await job('cancelled', { dueDaysAgo: 2 });
      // A retry waiting for tomorrow, of an alert first tried 60 days ago, and an old parked alert.
      const oldPending = await job('pending', { dueDaysAgo: -1, createdDaysAgo: 60 });
      const oldParked = await job('parked', { dueDaysAgo: 60 });
      worker.start();
      try {
        await until(async () => !(await ids()).has(oldSent));
        let left = await ids();
        assert.ok(!left.has(oldCancelled), 'a cancelled job 40 days old is deleted');
        for (const [id, what] of [
          [recentSent, 'sent 29 days ago'],
          [recentCancelled, 'cancelled 2 days ago'],
          [oldPending, 'pending'],
          [oldParked, 'parked'],
        ])
          assert.ok(left.has(id), `the job ${what} is kept`);
        assert.ok(
          logs.some((m) => /deleted 2 alert jobs sent or cancelled more than 30 days ago/.test(m)),
          logs.join(),
        );

        // Half an hour later: a job past the window appears, and stays until the hour is up.
        now = T0 + 30 * 60_000;
        const lateSent = await job('sent', { sentDaysAgo: 45, dueDaysAgo: 45 });
        await sleep(300); // six polls
        assert.ok((await ids()).has(lateSent), 'nothing is deleted before an hour has passed');
        now = T0 + 61 * 60_000;
        await until(async () => !(await ids()).has(lateSent));

        // Two days on, the job sent 29 days before T0 is past the window too.
        now = T0 + 2 * DAY;
        await until(async () => !(await ids()).has(recentSent));
        left = await ids();
        assert.deepEqual([...left].sort(), [recentCancelled, oldPending, oldParked].sort());
        console.log(`# retention: ${logs.filter((m) => m.startsWith('deleted')).join('; ')}`);
      } finally {
        await worker.stop();
      }
    });

    it('the delivery log keeps the last 100 per destination', async () => {
      await collector.db.query('DELETE FROM alert_deliveries');
      for (let i = 0; i < 150; i++)
        await logDelivery(collector.db, {
          destinationId: i % 3 === 0 ? 'other' : 'hook',
          eventId: uuid(60_000 + i),
          at: new Date(T0 + i * 1000),
          outcome: 'sent',
          status: 200,
          error: null,
          ms: 3,
        });
      const counts = await collector.db.query(
        'SELECT destination_id, count(*)::int AS n, max(at) AS newest FROM alert_deliveries GROUP BY destination_id ORDER BY 1',
      );
      assert.deepEqual(
        counts.map((r) => [r.destination_id, Number(r.n)]),
        [
          ['hook', 100],
          ['other', 50],
        ],
      );
      assert.equal(new Date(counts[0].newest).getTime(), T0 + 149 * 1000);
    });

    it('CSAT_ALERT_KEEP_DAYS is checked', () => {
      assert.equal(readAlertConfig({}).keepMs, 30 * DAY);
      assert.equal(readAlertConfig({ CSAT_ALERT_KEEP_DAYS: '7' }).keepMs, 7 * DAY);
      assert.throws(() => readAlertConfig({ CSAT_ALERT_KEEP_DAYS: '0' }), /CSAT_ALERT_KEEP_DAYS = "0"/);
      assert.throws(
        () => readAlertConfig({ CSAT_ALERT_KEEP_DAYS: 'a month' }),
        (e) => e instanceof ConfigError,
      );
    });
  });
}
