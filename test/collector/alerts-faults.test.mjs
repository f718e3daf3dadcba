// Alerts under faults, with the collector run as the command (its own process): killed (SIGKILL)
// while its webhook requests are in flight, then started again on the same database; and two
// collector processes on one PostgreSQL sharing the outbox. In each case every alert arrives, no
// alert gets two event ids, and the receiver counts how many came again with the same id (a
// receiver drops those by id).
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { ADMIN_TOKEN, backends, post, response } from './helpers.mjs';
import { FAST_ALERTS, SECRET, startReceiver } from './alert-receivers.mjs';

const CLI = new URL('../../collector/dist/collector/cli.js', import.meta.url).pathname;

function startCli(env) {
  const child = spawn(process.execPath, [CLI], { env: { PATH: process.env.PATH, ...env }, stdio: 'pipe' });
  const run = { child, stdout: '', stderr: '' };
  run.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  run.started = new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      run.stdout += d;
      const line = run.stdout.split('\n').find((l) => l.includes('"collector started"'));
      if (line) resolve(JSON.parse(line).url);
    });
    child.stderr.on('data', (d) => (run.stderr += d));
    run.exited.then(({ code, signal }) =>
      reject(new Error(`a collector exited (${code ?? signal}): ${run.stderr}${run.stdout.slice(-2000)}`)),
    );
  });
  run.started.catch(() => undefined);
  return run;
}

const alertsJson = (url) =>
  JSON.stringify({
    destinations: [{ id: 'hook', kind: 'webhook', url, secret: SECRET }],
    rules: [{ id: 'detractors', condition: 'nps-detractor', destinations: ['hook'] }],
  });

const distinctIdsPerAnswer = (receiver) => {
  const byAnswer = new Map();
  for (const e of receiver.state.events) byAnswer.set(e.response.id, (byAnswer.get(e.response.id) ?? 0) + 1);
  return [...byAnswer.values()].filter((n) => n > 1).length;
};

for (const backend of backends()) {
  const { it, before, after } = backend.test;
  describe(`alerts under faults (${backend.name})`, () => {
    let store;
    before(async () => {
      store = await backend.createStore();
    });
    after(async () => {
      await store?.cleanup();
    });

    it('a collector killed mid-send loses no alert: started again, it sends them all, once by id', async () => {
      let holding = true;
      // The receiver takes each alert but answers only after 3 s while `holding`: the collector is
      // killed while waiting, so it never marks them sent.
      const receiver = await startReceiver({ respond: () => ({ delayMs: holding ? 3000 : 0 }) });
      const env = {
        ...store.env,
        ...FAST_ALERTS,
        CSAT_ALERT_TIMEOUT_MS: '3500',
        CSAT_ALERT_LEASE_MS: '4000',
        PORT: '0',
        CSAT_ADMIN_TOKEN: ADMIN_TOKEN,
        CSAT_RATE_LIMIT: '1000000',
        CSAT_ALERTS: alertsJson(receiver.url),
      };
      let first = startCli(env);
      let second;
      try {
        const url = await first.started;
        const answered = await post(
          url,
          Array.from({ length: 30 }, (_, i) => response(i + 1, { score: i % 7 })),
        );
        assert.equal(answered.status, 200);
        const deadline = Date.now() + 10_000;
        while (receiver.state.arrivals.length < 30 && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 20));
        const inFlight = receiver.state.arrivals.length;
        first.child.kill('SIGKILL');
        await first.exited;
        holding = false;
        second = startCli(env);
        const secondUrl = await second.started;
        // Once its lease ends, each alert is taken by the new process and marked sent.
        const sentDeadline = Date.now() + 30_000;
        for (;;) {
          const listed = await fetch(new URL('/v1/alerts', secondUrl), {
            headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
          }).then((r) => r.json());
          if (listed.jobs.sent === 30) break;
          assert.ok(Date.now() < sentDeadline, `only ${listed.jobs.sent ?? 0} of 30 alerts were marked sent`);
          await new Promise((r) => setTimeout(r, 100));
        }
        await receiver.waitFor(30);
        // Sent once more after the lease ran out, with the same ids: every one a repeat the receiver drops.
        const deliveries = receiver.state.arrivals.length;
        console.log(
          `# killed mid-send (${backend.kind}): ${inFlight} alerts had reached the receiver at the kill (some answered, the rest still waiting); ${receiver.state.events.length} of 30 arrived, ${deliveries} deliveries, ids delivered again: ${receiver.repeats()}, alerts with two ids: ${distinctIdsPerAnswer(receiver)}`,
        );
        assert.equal(receiver.state.events.length, 30);
        assert.equal(distinctIdsPerAnswer(receiver), 0);
        assert.equal(receiver.state.badSignatures, 0);
      } finally {
        first.child.kill('SIGKILL');
        second?.child.kill('SIGTERM');
        await Promise.all([first.exited, second?.exited]);
        await receiver.close();
      }
    });

    if (backend.kind === 'postgresql')
      it('two collector processes on one PostgreSQL share the outbox: every alert arrives, once by id', async () => {
        const receiver = await startReceiver({ respond: () => ({ delayMs: 5 }) });
        const env = {
          ...store.env,
          ...FAST_ALERTS,
          // A lease far longer than any send: on a busy machine a 3 s lease could run out mid-send and
          // let the other process send the same id again (what the kill test above is about, not this one).
          CSAT_ALERT_LEASE_MS: '60000',
          PORT: '0',
          CSAT_ADMIN_TOKEN: ADMIN_TOKEN,
          CSAT_RATE_LIMIT: '1000000',
          CSAT_ALERT_CONCURRENCY: '4',
          CSAT_ALERTS: alertsJson(receiver.url),
        };
        // Each process names itself in the links it sends (CSAT_PUBLIC_URL), so the receiver can
        // tell which one sent each alert.
        const collectors = ['a', 'b'].map((name) => startCli({ ...env, CSAT_PUBLIC_URL: `https://${name}.example` }));
        try {
          const urls = await Promise.all(collectors.map((c) => c.started));
          await Promise.all(
            Array.from({ length: 20 }, (_, b) =>
              post(
                urls[b % 2],
                Array.from({ length: 10 }, (_, i) => response(1000 + b * 10 + i, { score: (b + i) % 7 })),
              ),
            ),
          );
          await receiver.waitFor(200, 30_000);
          await new Promise((r) => setTimeout(r, 300));
          const sentBy = { a: 0, b: 0 };
          for (const e of receiver.state.events) sentBy[new URL(e.survey.dashboard).hostname.split('.')[0]] += 1;
          console.log(
            `# two processes on PostgreSQL: ${receiver.state.events.length} of 200 alerts, ${receiver.state.arrivals.length} deliveries, ids delivered twice: ${receiver.repeats()}; the first process sent ${sentBy.a}, the second ${sentBy.b}`,
          );
          assert.ok(sentBy.a >= 1 && sentBy.b >= 1, `each process sent part: ${JSON.stringify(sentBy)}`);
          assert.equal(sentBy.a + sentBy.b, 200);
          assert.equal(receiver.state.events.length, 200);
          assert.equal(receiver.repeats(), 0);
          assert.equal(distinctIdsPerAnswer(receiver), 0);
          assert.equal(receiver.state.badSignatures, 0);
        } finally {
          for (const c of collectors) c.child.kill('SIGTERM');
          await Promise.all(collectors.map((c) => c.exited));
          await receiver.close();
        }
      });
  });
}
