// Alerts: rules and destinations through the API (checked, with errors naming field and value), the
// outbox written in the answer's transaction, signed webhooks verified by a loopback receiver,
// Slack payloads, e-mail through a loopback SMTP server, revisions, parking on 4xx, retries while a
// destination is down or slow, "Send a test" and the delivery log; on the embedded database and on
// PostgreSQL. Short retry settings stand in for the real hours.
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { ADMIN_TOKEN, backends, post, response, startTestCollector, uuid } from './helpers.mjs';
import { FAST_ALERTS, SECRET, adminSend, startReceiver, startSmtp } from './alert-receivers.mjs';

const send = (collector, path, method, body) => adminSend(collector.url, path, method, body, ADMIN_TOKEN);

async function webhook(collector, receiver, id = 'hook') {
  const r = await send(collector, `/v1/alerts/destinations/${id}`, 'PUT', {
    kind: 'webhook',
    name: 'Support desk',
    url: receiver.url,
    secret: SECRET,
  });
  assert.ok(r.status === 201 || r.status === 200, r.text);
}

async function rule(collector, id, fields) {
  const r = await send(collector, `/v1/alerts/rules/${id}`, 'PUT', { destinations: ['hook'], ...fields });
  assert.ok(r.status === 201 || r.status === 200, r.text);
}

const jobs = (collector) =>
  collector.db.query(
    'SELECT event_id, rule_id, status, revision, follow_up, attempts, last_error FROM alert_jobs ORDER BY id',
  );

async function until(check, ms = 10_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

for (const backend of backends()) {
  const { it, before, after } = backend.test;
  describe(`alerts (${backend.name})`, () => {
    let store;
    before(async () => {
      store = await backend.createStore();
    });
    after(async () => {
      await store?.cleanup();
    });

    /** A fresh collector (own tables emptied) with fast alert settings and a receiver. */
    async function setUp(overrides = {}, respond) {
      const collector = await startTestCollector(store, { ...FAST_ALERTS, ...overrides });
      for (const table of ['alert_jobs', 'alert_deliveries', 'alert_rules', 'alert_destinations', 'responses'])
        await collector.db.query(`DELETE FROM ${table}`);
      const receiver = await startReceiver({ respond });
      return { collector, receiver, close: async () => (await collector.close(), await receiver.close()) };
    }

    it('sends a signed webhook for a detractor, and nothing for a promoter', async () => {
      const { collector, receiver, close } = await setUp();
      try {
        await webhook(collector, receiver);
        await rule(collector, 'detractors', { name: 'Detractors', surveyId: 'survey-a', condition: 'nps-detractor' });
        const answered = await post(collector.url, [
          response(1, { score: 3, comment: 'Late again', touchpoint: 'checkout', metadata: { plan: 'pro' } }),
          response(2, { score: 10 }),
          response(3, { score: 2, surveyId: 'survey-b' }),
        ]);
        assert.equal(answered.status, 200);
        await receiver.waitFor(1);
        await new Promise((r) => setTimeout(r, 200));
        assert.equal(receiver.state.events.length, 1);
        assert.equal(receiver.state.badSignatures, 0);
        const [event] = receiver.state.events;
        assert.equal(event.type, 'alert');
        assert.match(event.id, /^[0-9a-f-]{36}$/);
        assert.equal(event.rule.id, 'detractors');
        assert.equal(event.survey.id, 'survey-a');
        assert.match(event.survey.dashboard, /\/dashboard\/\?survey=survey-a$/);
        assert.deepEqual(
          { id: event.response.id, score: event.response.score, comment: event.response.comment },
          { id: uuid(1), score: 3, comment: 'Late again' },
        );
        assert.equal(event.response.touchpoint, 'checkout');
        assert.deepEqual(event.response.metadata, { plan: 'pro' });
        const arrival = receiver.state.arrivals[0];
        assert.equal(arrival.headers['csat-event-id'], event.id);
        assert.match(arrival.headers['csat-signature'], /^t=\d+,v1=[0-9a-f]{64}$/);
        const [job] = await jobs(collector);
        assert.equal(job.status, 'sent');
        const log = await send(collector, '/v1/alerts/destinations/hook/deliveries', 'GET');
        assert.equal(log.json.deliveries[0].outcome, 'sent');
        assert.equal(log.json.deliveries[0].status, 200);
      } finally {
        await close();
      }
    });

    it('writes alert jobs in the answer transaction: a refused batch leaves none', async () => {
      const { collector, receiver, close } = await setUp({ CSAT_ALERT_WORKER: 'false' });
      try {
        await webhook(collector, receiver);
        await rule(collector, 'detractors', { condition: 'nps-detractor' });
        const refused = await post(collector.url, [response(1, { score: 1 }), response(2, { score: 99 })]);
        assert.equal(refused.status, 422);
        assert.equal((await jobs(collector)).length, 0);
        await post(collector.url, [response(1, { score: 1 }), response(2, { score: 0 })]);
        assert.equal((await jobs(collector)).length, 2);
        // A retried batch (same ids, same revision) stores nothing new and raises nothing new.
        await post(collector.url, [response(1, { score: 1 }), response(2, { score: 0 })]);
        assert.equal((await jobs(collector)).length, 2);
      } finally {
        await close();
      }
    });

    it('matches CSAT and CES thresholds, any comment, and words the Persian way', async () => {
      const { collector, receiver, close } = await setUp({ CSAT_ALERT_WORKER: 'false' });
      try {
        await webhook(collector, receiver);
        await rule(collector, 'csat', { condition: 'csat-at-most', threshold: 2 });
        await rule(collector, 'ces', { condition: 'ces-at-most', threshold: 3 });
        await rule(collector, 'commented', { condition: 'any-comment', surveyId: 'survey-c' });
        await rule(collector, 'words', { condition: 'comment-words', words: ['کیفیت', 'refund'] });
        await post(collector.url, [
          response(1, { type: 'csat', score: 2 }),
          response(2, { type: 'csat', score: 3 }),
          response(3, { type: 'ces', score: 3 }),
          response(4, { type: 'ces', score: 4 }),
          response(5, { surveyId: 'survey-c', comment: 'fine' }),
          response(6, { comment: 'كيفيت بسته‌بندي بد بود' }),
          response(7, { comment: 'I want a REFUND' }),
          response(8, { comment: 'all good' }),
        ]);
        const raised = (await jobs(collector)).map((j) => j.rule_id).sort();
        assert.deepEqual(raised, ['ces', 'commented', 'csat', 'words', 'words']);
      } finally {
        await close();
      }
    });

    it('checks rules and destinations, naming the field, the value and what is allowed', async () => {
      const { collector, receiver, close } = await setUp({ CSAT_ALERT_ALLOW_HTTP_LOOPBACK: 'false' });
      try {
        let r = await send(collector, '/v1/alerts/destinations/hook', 'PUT', { kind: 'webhook', url: receiver.url });
        assert.equal(r.status, 400);
        assert.match(r.json.error, /url: .*is http; expected https.*CSAT_ALERT_ALLOW_HTTP_LOOPBACK/);
        r = await send(collector, '/v1/alerts/destinations/hook', 'PUT', {
          kind: 'webhook',
          url: 'http://example.com/x',
        });
        assert.match(r.json.error, /is not https/);
        r = await send(collector, '/v1/alerts/destinations/hook', 'PUT', { kind: 'pager', url: 'https://x.example' });
        assert.match(r.json.error, /kind: "pager"; expected one of webhook, slack, email/);
        r = await send(collector, '/v1/alerts/destinations/mail', 'PUT', { kind: 'email', to: 'not an address' });
        assert.match(r.json.error, /to: "not an address"; expected 1 to 20 e-mail addresses/);
        r = await send(collector, '/v1/alerts/destinations/hook', 'PUT', {
          kind: 'webhook',
          url: 'https://hooks.example/x',
        });
        assert.equal(r.status, 201);
        assert.match(r.json.destination.secret, /^whsec_/);
        r = await send(collector, '/v1/alerts/rules/low', 'PUT', {
          condition: 'csat-at-most',
          threshold: 9,
          destinations: ['hook'],
        });
        assert.equal(r.status, 400);
        assert.match(r.json.error, /threshold: 9; csat-at-most needs a whole number from 1 to 5/);
        r = await send(collector, '/v1/alerts/rules/low', 'PUT', {
          condition: 'nps-detractor',
          destinations: ['nowhere'],
        });
        assert.match(r.json.error, /destinations: nowhere not found/);
        r = await send(collector, '/v1/alerts/rules/Bad%20Id', 'PUT', {
          condition: 'nps-detractor',
          destinations: ['hook'],
        });
        assert.equal(r.status, 400);
        r = await send(collector, '/v1/alerts/destinations/hook', 'DELETE');
        assert.equal(r.status, 204);
      } finally {
        await close();
      }
    });

    it('updates an alert not sent yet with a revision, and sends a follow-up only when a rule newly matches', async () => {
      const { collector, receiver, close } = await setUp({ CSAT_ALERT_WORKER: 'false' });
      try {
        await webhook(collector, receiver);
        await rule(collector, 'detractors', { condition: 'nps-detractor' });
        await rule(collector, 'slow', { condition: 'comment-words', words: ['کند'] });
        await post(collector.url, [response(1, { score: 2 })]);
        await post(collector.url, [response(1, { score: 2, revision: 2, comment: 'Slow delivery' })]);
        let all = await jobs(collector);
        assert.equal(all.length, 1);
        assert.equal(all[0].revision, 2);
        collector.alerts.start();
        await receiver.waitFor(1);
        assert.equal(receiver.state.events[0].response.comment, 'Slow delivery');
        assert.equal(receiver.state.events[0].response.revision, 2);
        // Sent: a revision that still matches the same rule sends nothing more.
        await post(collector.url, [response(1, { score: 1, revision: 3, comment: 'Slow delivery!' })]);
        // A revision that makes another rule match (words typed with an Arabic kaf) is a follow-up.
        await post(collector.url, [response(1, { score: 1, revision: 4, comment: 'خيلي كند بود' })]);
        await receiver.waitFor(2);
        await new Promise((r) => setTimeout(r, 300));
        assert.equal(receiver.state.events.length, 2);
        assert.equal(receiver.state.events[1].type, 'alert.follow-up');
        assert.equal(receiver.state.events[1].rule.id, 'slow');
        // A job not sent yet whose answer no longer matches is cancelled.
        await collector.alerts.stop();
        await post(collector.url, [response(2, { score: 0 })]);
        await post(collector.url, [response(2, { score: 10, revision: 2 })]);
        all = await jobs(collector);
        assert.equal(all.find((j) => j.status === 'cancelled')?.rule_id, 'detractors');
        assert.equal(receiver.repeats(), 0);
      } finally {
        await close();
      }
    });

    it('parks a job the destination refuses with a 4xx, shows it with its error, and sends it again on request', async () => {
      let refuse = true;
      const { collector, receiver, close } = await setUp({}, () => ({ status: refuse ? 410 : 200 }));
      try {
        await webhook(collector, receiver);
        await rule(collector, 'detractors', { condition: 'nps-detractor' });
        await post(collector.url, [response(1, { score: 0 })]);
        const parked = await until(async () => (await send(collector, '/v1/alerts', 'GET')).json.parked[0]);
        assert.match(parked.lastError, /answered 410/);
        assert.equal(parked.attempts, 1);
        refuse = false;
        const again = await send(collector, `/v1/alerts/parked/${parked.eventId}/retry`, 'POST');
        assert.equal(again.status, 202);
        await receiver.waitFor(1);
        assert.equal(receiver.state.events[0].id, parked.eventId);
        assert.equal(receiver.state.arrivals.length, 2);
      } finally {
        await close();
      }
    });

    it('retries while a destination is down, then delivers every alert once by id', async () => {
      const downUntil = Date.now() + 1500;
      const { collector, receiver, close } = await setUp({}, () => ({ status: Date.now() < downUntil ? 503 : 200 }));
      try {
        await webhook(collector, receiver);
        await rule(collector, 'detractors', { condition: 'nps-detractor' });
        await post(
          collector.url,
          Array.from({ length: 20 }, (_, i) => response(i + 1, { score: i % 7 })),
        );
        await receiver.waitFor(20);
        const failed = receiver.state.arrivals.filter((a) => a.status === 503).length;
        console.log(
          `# destination down 1.5 s: ${receiver.state.events.length} of 20 alerts arrived after ${failed} refused attempts; event ids accepted twice: ${receiver.repeats()}`,
        );
        assert.ok(failed > 0);
        assert.equal(receiver.repeats(), 0);
        assert.equal(receiver.state.badSignatures, 0);
      } finally {
        await close();
      }
    });

    it('gives up on a slow destination at the timeout and sends again, every alert arriving', async () => {
      const { collector, receiver, close } = await setUp({ CSAT_ALERT_TIMEOUT_MS: '300' }, (_body, seen) => ({
        delayMs: seen === 0 ? 1000 : 0,
      }));
      try {
        await webhook(collector, receiver);
        await rule(collector, 'detractors', { condition: 'nps-detractor' });
        await post(
          collector.url,
          Array.from({ length: 5 }, (_, i) => response(i + 1, { score: 1 })),
        );
        await receiver.waitFor(5);
        await until(async () => (await jobs(collector)).every((j) => j.status === 'sent'));
        const all = await jobs(collector);
        assert.ok(all.every((j) => j.attempts >= 2));
        assert.match(all[0].last_error ?? 'cleared', /cleared/);
        const log = await send(collector, '/v1/alerts/destinations/hook/deliveries', 'GET');
        assert.ok(log.json.deliveries.some((d) => /no answer within 300 ms/.test(d.error ?? '')));
        // The first attempts reached the receiver before the collector stopped waiting: they come again
        // with the same event ids, which the receiver drops. No alert has two ids.
        const ids = new Set(receiver.state.arrivals.map((a) => a.id));
        console.log(
          `# slow destination (1 s, timeout 300 ms): ${receiver.state.events.length} of 5 alerts, ${receiver.state.arrivals.length} deliveries of ${ids.size} event ids`,
        );
        assert.equal(ids.size, 5);
      } finally {
        await close();
      }
    });

    it('parks an alert still failing when the retry window ends, with its last error', async () => {
      const { collector, receiver, close } = await setUp({ CSAT_ALERT_RETRY_FOR_MS: '600' }, () => ({ status: 503 }));
      try {
        await webhook(collector, receiver);
        await rule(collector, 'detractors', { condition: 'nps-detractor' });
        await post(collector.url, [response(1, { score: 0 })]);
        const parked = await until(async () => (await send(collector, '/v1/alerts', 'GET')).json.parked[0]);
        assert.match(parked.lastError, /^still failing after \d+ attempts in 1 s: answered 503/);
        assert.ok(parked.attempts >= 2);
      } finally {
        await close();
      }
    });

    it('never follows a redirect: the job is parked with the reason', async () => {
      const { collector, receiver, close } = await setUp({}, () => ({
        status: 307,
        headers: { location: 'https://elsewhere.example/steal' },
      }));
      try {
        await webhook(collector, receiver);
        await rule(collector, 'detractors', { condition: 'nps-detractor' });
        await post(collector.url, [response(1, { score: 0 })]);
        const parked = await until(async () => (await send(collector, '/v1/alerts', 'GET')).json.parked[0]);
        assert.match(parked.lastError, /redirect to https:\/\/elsewhere.example\/steal; redirects are not followed/);
        assert.equal(receiver.state.arrivals.length, 1);
      } finally {
        await close();
      }
    });

    it('sends Slack payloads in the survey language, and a test to any destination', async () => {
      const { collector, receiver, close } = await setUp();
      try {
        let r = await send(collector, '/v1/alerts/destinations/slack', 'PUT', { kind: 'slack', url: receiver.url });
        assert.equal(r.status, 201);
        await send(collector, '/v1/alerts/rules/fa', 'PUT', { condition: 'nps-detractor', destinations: ['slack'] });
        await post(collector.url, [response(1, { score: 4, locale: 'fa-IR', comment: 'ارسال <b>دیر</b> بود' })]);
        await receiver.waitFor(1);
        const payload = receiver.state.arrivals[0].body;
        assert.match(payload.text, /امتیاز ۴ از ۱۰ \(NPS\) در نظرسنجی survey-a/);
        assert.equal(payload.blocks[0].type, 'header');
        assert.match(payload.blocks[1].text.text, /\*نظر:\* ارسال &lt;b&gt;دیر&lt;\/b&gt; بود/);
        r = await send(collector, '/v1/alerts/destinations/slack/test?lang=en', 'POST');
        assert.equal(r.status, 200);
        assert.equal(r.json.ok, true);
        assert.match(receiver.state.arrivals.at(-1).body.text, /^Test alert: NPS 3 of 10/);
        const log = await send(collector, '/v1/alerts/destinations/slack/deliveries', 'GET');
        assert.deepEqual(
          log.json.deliveries.map((d) => d.outcome),
          ['test-sent', 'sent'],
        );
      } finally {
        await close();
      }
    });

    it('e-mails alerts through SMTP, in Persian right to left, and an unreachable SMTP server never slows answers', async () => {
      const smtp = await startSmtp();
      const { collector, close } = await setUp({
        CSAT_SMTP_URL: smtp.url,
        CSAT_ALERT_FROM: 'alerts@shop.example',
      });
      try {
        const r = await send(collector, '/v1/alerts/destinations/team', 'PUT', {
          kind: 'email',
          to: 'team@shop.example',
        });
        assert.equal(r.status, 201, r.text);
        await send(collector, '/v1/alerts/rules/mail', 'PUT', { condition: 'nps-detractor', destinations: ['team'] });
        await post(collector.url, [
          response(1, {
            score: 2,
            locale: 'fa',
            comment: 'بسته دیر رسید',
            touchpoint: 'checkout',
            metadata: { plan: 'pro' },
          }),
        ]);
        await smtp.waitFor(1);
        const [message] = smtp.messages;
        assert.deepEqual(message.to, ['team@shop.example']);
        const [job] = await jobs(collector);
        assert.match(message.raw, new RegExp(`Message-ID: <${job.event_id}@csat-survey>`, 'i'));
        assert.match(message.raw, /Content-Type: text\/plain/i);
        assert.match(message.raw, /Content-Type: text\/html/i);
      } finally {
        await close();
        await smtp.close();
      }
      // An SMTP server that accepts connections and never answers.
      const silent = createServer(() => undefined);
      await new Promise((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const stalled = await setUp({
        CSAT_SMTP_URL: `smtp://127.0.0.1:${silent.address().port}`,
        CSAT_ALERT_TIMEOUT_MS: '3000',
        CSAT_ALERT_LEASE_MS: '10000',
      });
      try {
        await send(stalled.collector, '/v1/alerts/destinations/team', 'PUT', {
          kind: 'email',
          to: 'team@shop.example',
        });
        await send(stalled.collector, '/v1/alerts/rules/mail', 'PUT', {
          condition: 'nps-detractor',
          destinations: ['team'],
        });
        const times = [];
        for (let i = 1; i <= 10; i++) {
          const started = performance.now();
          assert.equal((await post(stalled.collector.url, [response(100 + i, { score: 0 })])).status, 200);
          times.push(performance.now() - started);
        }
        console.log(`# SMTP server silent: answers stored in at most ${Math.round(Math.max(...times))} ms each`);
        assert.ok(Math.max(...times) < 2000, `an answer took ${Math.max(...times)} ms`);
      } finally {
        await stalled.close();
        silent.close();
      }
    });

    it('loads rules and destinations from CSAT_ALERTS, which the API may not change', async () => {
      const receiver = await startReceiver();
      const clean = await setUp();
      await clean.close();
      const alerts = JSON.stringify({
        destinations: [{ id: 'ops', kind: 'webhook', url: receiver.url, secret: SECRET }],
        rules: [{ id: 'all-detractors', condition: 'nps-detractor', destinations: ['ops'] }],
      });
      const collector = await startTestCollector(store, { ...FAST_ALERTS, CSAT_ALERTS: alerts });
      try {
        await collector.db.query('DELETE FROM responses');
        const listed = await send(collector, '/v1/alerts', 'GET');
        assert.deepEqual(
          listed.json.rules.map((r) => [r.id, r.source]),
          [['all-detractors', 'file']],
        );
        const r = await send(collector, '/v1/alerts/rules/all-detractors', 'PUT', {
          condition: 'any-comment',
          destinations: ['ops'],
        });
        assert.equal(r.status, 409);
        await post(collector.url, [response(1, { score: 0 })]);
        await receiver.waitFor(1);
        assert.equal(receiver.state.badSignatures, 0);
      } finally {
        await collector.close();
        await receiver.close();
      }
      await assert.rejects(
        startTestCollector(store, {
          ...FAST_ALERTS,
          CSAT_ALERTS: JSON.stringify({ rules: [{ id: 'x', condition: 'sad', destinations: ['ops'] }] }),
        }),
        /CSAT_ALERTS has problems, so none of it was applied:\n {2}rules\[0\]\.condition: "sad"; expected one of/,
      );
    });
  });
}
