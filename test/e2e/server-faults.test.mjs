// End-to-end: the endpoint misbehaves (5xx, 429, 413, 422, hangs, commits then fails).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answer, deadLetters, events, flush, openPage, outbox, status } from './browser.mjs';
import { faults, isPoison } from './receiver.mjs';
import { e2eSuite, settle } from './harness.mjs';

const run = e2eSuite();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const gapsOf = (requests) => requests.slice(1).map((r, i) => r.at - (requests[i]?.at ?? r.at));

/** Answers every survey on the page, one after the other; resolves with their responses. */
async function answerAll(page, n) {
  const responses = [];
  for (let element = 0; element < n; element++) responses.push(await answer(page, { element, index: element % 11 }));
  return responses;
}

test(
  'a 503 storm is met with growing gaps, not a request storm, and the answer arrives after it',
  run(async ({ rx, context, pages, t }) => {
    const STORM_MS = 20_000;
    let stormEnds = Infinity;
    rx.fault = () => (Date.now() < stormEnds ? { status: 503 } : undefined);
    // Full jitter draws each wait from 0 … 2 s × 2^(attempt − 1); a fixed draw of 0.9 makes the growth exact.
    await context.addInitScript(() => {
      Math.random = () => 0.9;
    });
    const page = await openPage(context, rx, { survey: 'storm' });
    const start = Date.now();
    stormEnds = start + STORM_MS;
    const { id } = await answer(page);
    await sleep(stormEnds - Date.now());
    const storm = rx.requests.filter((r) => r.at < stormEnds);
    const gaps = gapsOf(storm);
    t.diagnostic(
      `${storm.length} requests in ${STORM_MS / 1000} s; gaps ${gaps.map((g) => (g / 1000).toFixed(1)).join(', ')} s`,
    );
    assert.ok(storm.length >= 2, 'it retried on its own during the storm');
    assert.ok(storm.length <= 10, `${storm.length} requests in ${STORM_MS / 1000} s is a request storm`);
    assert.ok(gaps.length >= 2, 'at least two retries in the storm');
    gaps.forEach((gap, k) => {
      const expected = 0.9 * 2000 * 2 ** k;
      assert.ok(gap >= expected - 50 && gap <= expected + 1500, `gap ${k} is ${gap} ms, expected about ${expected} ms`);
      if (k > 0) assert.ok(gap > gaps[k - 1], `gap ${k} (${gap} ms) did not grow from ${gaps[k - 1]} ms`);
    });
    await flush(page);
    await settle({ rx, chosen: [id], pages, page });
  }),
);

test(
  '429 with Retry-After: 3 holds the next request back for 3 s, then delivers',
  run(async ({ rx, context, pages }) => {
    rx.fault = faults.first(1, { status: 429, headers: { 'retry-after': '3' } });
    const page = await openPage(context, rx, { survey: 'retry-after' });
    const { id } = await answer(page);
    await rx.waitForIds([id], 20_000);
    const [first, second] = rx.requests;
    assert.equal(first.status, 429);
    assert.ok(second.at - first.at >= 2950, `retried after ${second.at - first.at} ms, before Retry-After`);
    await settle({ rx, chosen: [id], pages, page });
  }),
);

test(
  'a poison answer among good ones goes to the dead letters with its reason; the good ones arrive',
  run(async ({ rx, context, pages }) => {
    rx.fault = () => ({ destroy: true }); // the receiver is down while they answer
    const page = await openPage(context, rx, { survey: 'poison', n: 4, poison: 2 });
    const responses = await answerAll(page, 4);
    const poison = responses.filter(isPoison).map((r) => r.id);
    assert.equal(poison.length, 1);
    rx.fault = faults.poison(422);
    await flush(page);
    await rx.waitForIds(responses.filter((r) => !isPoison(r)).map((r) => r.id));
    for (let i = 0; i < 10 && !(await deadLetters(page)).length; i++) await sleep(500);
    const dead = await deadLetters(page);
    assert.equal(dead.length, 1, 'one dead letter');
    assert.equal(dead[0].value.response?.id, poison[0]);
    assert.equal(dead[0].value.reason?.code, 'refused');
    assert.equal(dead[0].value.reason?.status, 422);
    const errors = await events(page, 'csat-error');
    assert.ok(
      errors.some((e) => e.detail.code === 'refused' && e.detail.responseId === poison[0]),
      `a csat-error "refused" for the poison answer (saw ${JSON.stringify(errors.map((e) => e.detail))})`,
    );
    await settle({ rx, chosen: responses.map((r) => r.id), deadLettered: poison, pages, page });
  }),
);

test(
  '413 for a large batch splits it until every answer arrives',
  run(async ({ rx, context, pages }) => {
    rx.fault = () => ({ destroy: true });
    const page = await openPage(context, rx, { survey: 'split', n: 6 });
    const responses = await answerAll(page, 6);
    const single = Math.min(...rx.requests.map((r) => r.bytes));
    const limit = Math.floor(single * 2.5); // two answers fit, three do not
    rx.fault = faults.tooLarge(limit);
    await flush(page);
    await settle({ rx, chosen: responses.map((r) => r.id), pages, page });
    assert.ok(
      rx.requests.some((r) => r.status === 413),
      'the receiver answered 413 at least once',
    );
    assert.ok(
      rx.requests.filter((r) => r.status === 200).every((r) => r.bytes <= limit),
      'only batches within the limit were accepted',
    );
    assert.deepEqual(await deadLetters(page), [], 'nothing was dead-lettered');
  }),
);

test(
  'a server that never answers is given up on after the request timeout, and the answer arrives later',
  run(async ({ rx, context, pages }) => {
    rx.fault = faults.first(1, { hang: true });
    const page = await openPage(context, rx, { survey: 'hang' });
    const { id } = await answer(page);
    await rx.waitForIds([id], 40_000);
    const [hung, next] = rx.requests;
    assert.equal(hung.outcome, 'hung');
    assert.ok(next.at - hung.at >= 14_000, `sent again after ${next.at - hung.at} ms, while the first was in flight`);
    await settle({ rx, chosen: [id], pages, page });
  }),
);

test(
  'a server that stores the batch and then answers 500 gets the same id again; deduped by id it is exactly once',
  run(async ({ rx, context, pages }) => {
    rx.fault = faults.first(1, { commit: true, status: 500 });
    const page = await openPage(context, rx, { survey: 'commit-500' });
    const { id, revision } = await answer(page);
    await rx.waitForRequests(1);
    await sleep(300);
    await flush(page);
    await rx.waitFor(() => rx.timesKept(id, revision) >= 2, 10_000, `${id} a second time`);
    const report = await settle({ rx, chosen: [id], pages, page });
    assert.equal(report.unique, 1);
  }),
);

test(
  'a server that stores the batch and then drops the connection gets the same id again',
  run(async ({ rx, context, pages }) => {
    rx.fault = faults.first(1, { commit: true, destroy: true });
    const page = await openPage(context, rx, { survey: 'commit-cut' });
    const { id, revision } = await answer(page);
    await rx.waitForRequests(1);
    await sleep(300);
    await flush(page);
    await rx.waitFor(() => rx.timesKept(id, revision) >= 2, 10_000, `${id} a second time`);
    const report = await settle({ rx, chosen: [id], pages, page });
    assert.equal(report.unique, 1);
  }),
);

test(
  '401 pauses sending to the endpoint, keeps the answer and reports it; flush() resumes',
  run(async ({ rx, context, pages }) => {
    rx.fault = faults.first(1, { status: 401 });
    const page = await openPage(context, rx, { survey: 'unauthorized' });
    const { id } = await answer(page);
    await rx.waitForRequests(1);
    await sleep(4000);
    assert.equal(rx.requests.length, 1, 'no retries while paused');
    const errors = await events(page, 'csat-error');
    assert.ok(
      errors.some((e) => e.detail.code === 'unauthorized' && e.detail.status === 401),
      `a csat-error "unauthorized" (saw ${JSON.stringify(errors.map((e) => e.detail.code))})`,
    );
    const s = await status(page);
    assert.deepEqual(s?.paused, ['/collect'], 'CsatSurvey.status.paused');
    assert.deepEqual(
      (await outbox(page)).map((r) => r.key),
      [id],
      'the answer is kept',
    );
    await flush(page);
    await settle({ rx, chosen: [id], pages, page });
  }),
);
