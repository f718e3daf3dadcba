// Time from answer to webhook: 1 000 detractor answers, each POSTed on its own (10 at a time) to a
// collector in this process, each raising one signed webhook to a loopback receiver. Prints p50 and
// p95 of the time from the start of the POST to the webhook's arrival; asserts only that every
// alert arrived once by id (no timing asserts: machines differ).
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_TOKEN, backends, post, response, startTestCollector } from './helpers.mjs';
import { FAST_ALERTS, SECRET, adminSend, startReceiver } from './alert-receivers.mjs';

const COUNT = 1000;
const PARALLEL = 10;

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

for (const backend of backends()) {
  const { it, before, after } = backend.test;
  describe(`alert latency (${backend.name})`, () => {
    let store;
    before(async () => {
      store = await backend.createStore();
    });
    after(async () => {
      await store?.cleanup();
    });

    it(`answer to webhook over ${COUNT} alerts on loopback (printed)`, async () => {
      const receiver = await startReceiver();
      const collector = await startTestCollector(store, { ...FAST_ALERTS, CSAT_ALERT_POLL_MS: '1000' });
      try {
        await adminSend(
          collector.url,
          '/v1/alerts/destinations/hook',
          'PUT',
          { kind: 'webhook', url: receiver.url, secret: SECRET },
          ADMIN_TOKEN,
        );
        await adminSend(
          collector.url,
          '/v1/alerts/rules/detractors',
          'PUT',
          { condition: 'nps-detractor', destinations: ['hook'] },
          ADMIN_TOKEN,
        );
        const sentAt = new Map();
        let next = 0;
        const started = performance.now();
        await Promise.all(
          Array.from({ length: PARALLEL }, async () => {
            while (next < COUNT) {
              const n = ++next;
              const answer = response(n, { score: n % 7 });
              sentAt.set(answer.id, performance.now());
              const r = await post(collector.url, [answer]);
              assert.equal(r.status, 200);
            }
          }),
        );
        await receiver.waitFor(COUNT, 60_000);
        const elapsed = performance.now() - started;
        const times = receiver.state.events.map((e) => e.receivedAt - sentAt.get(e.response.id)).sort((a, b) => a - b);
        console.log(
          `# answer -> webhook (${backend.kind}, ${COUNT} alerts, ${PARALLEL} answers at a time): p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${times.at(-1).toFixed(1)} ms; all in ${(elapsed / 1000).toFixed(1)} s; ids delivered twice: ${receiver.repeats()}`,
        );
        assert.equal(receiver.state.events.length, COUNT);
        assert.equal(receiver.repeats(), 0);
        assert.equal(receiver.state.badSignatures, 0);
      } finally {
        await collector.close();
        await receiver.close();
      }
    });
  });
}
