// The retry policy alone (exponential backoff with full jitter, parked past the retry window), and
// the delivery log's cap of 100 lines per destination.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DIST, backends } from './helpers.mjs';

const { nextTry } = await import(new URL('alert-backoff.js', DIST).href);
const { logDelivery, deliveries } = await import(new URL('alert-outbox.js', DIST).href);
const { openDatabase } = await import(new URL('db.js', DIST).href);

const policy = { baseMs: 1000, maxMs: 60_000, retryForMs: 86_400_000 };
const created = new Date('2026-05-01T00:00:00Z');

describe('alert retries', () => {
  it('wait a random time up to base × 2^(attempts − 1), capped, and give up after the retry window', () => {
    const at = (ms) => new Date(created.getTime() + ms);
    assert.equal(nextTry(policy, 1, created, at(0), () => 0.999).dueAt.getTime(), at(999).getTime());
    assert.equal(nextTry(policy, 4, created, at(0), () => 0.5).dueAt.getTime(), at(4000).getTime());
    assert.equal(nextTry(policy, 30, created, at(0), () => 0.5).dueAt.getTime(), at(30_000).getTime());
    // Full jitter: anything from (almost) nothing to the ceiling.
    assert.equal(nextTry(policy, 3, created, at(0), () => 0).dueAt.getTime(), at(10).getTime());
    // Never past the window's end; at its end, parked.
    assert.equal(nextTry(policy, 30, created, at(86_399_000), () => 0.9).dueAt.getTime(), at(86_400_000).getTime());
    assert.deepEqual(
      nextTry(policy, 31, created, at(86_400_000), () => 0.5),
      { giveUp: true },
    );
  });

  for (const backend of backends().slice(0, 1))
    it(`keep the last 100 deliveries per destination (${backend.name})`, async () => {
      const store = await backend.createStore();
      const db = await openDatabase({ dataDir: store.dataDir });
      try {
        for (let i = 0; i < 130; i++)
          await logDelivery(db, {
            destinationId: i % 2 ? 'a' : 'b',
            eventId: null,
            at: new Date(created.getTime() + i * 1000),
            outcome: 'sent',
            status: 200,
            error: null,
            ms: i,
          });
        for (let i = 0; i < 60; i++)
          await logDelivery(db, {
            destinationId: 'a',
            eventId: null,
            at: new Date(),
            outcome: 'retry',
            status: 503,
            error: 'x',
            ms: 1,
          });
        const a = await deliveries(db, 'a');
        assert.equal(a.length, 100);
        assert.equal(a.filter((d) => d.outcome === 'retry').length, 60);
        assert.equal((await deliveries(db, 'b')).length, 65);
        const [count] = await db.query(`SELECT count(*) AS n FROM alert_deliveries WHERE destination_id = 'a'`);
        assert.equal(Number(count.n), 100);
      } finally {
        await db.close();
        await store.cleanup();
      }
    });
});
