// What happens to an answer when its endpoint does not take it: it stays in IndexedDB and is tried
// again with exponential backoff and full jitter (network error, timeout, 408, 425, 429, 5xx),
// honouring Retry-After; 401/403 pause the endpoint; 2xx and 409 remove it.
import { expect, oneEvent } from '@open-wc/testing';
import { survey, clearOutbox, radios, waitFor } from './helpers/fixtures.js';
import { startWorker, resetEndpoint, received, accept, HttpResponse, ENDPOINT, http } from './helpers/msw.js';
import {
  DAY,
  startDelivery,
  HOUR,
  MINUTE,
  SECOND,
  collect,
  deadLetterDb,
  endpoint,
  entryFor,
  fixRandom,
  idsOf,
  makeResponse,
  seed,
  stored,
  storedKeys,
} from './helpers/outbox.js';
import { pageDelivery } from '../src/delivery.js';
import { pageDeadLetters } from '../src/dead-letters.js';
import { REQUEST_TIMEOUT_MS, postBatch } from '../src/transport.js';
import type { CsatErrorDetail } from '../src/events.js';
import type { SurveyResponse } from '../src/wire.js';
import { keys } from 'idb-keyval';

const { deliveryStatus, flush, flushDue, record } = pageDelivery();
const { deadLetters } = pageDeadLetters();

const OTHER = '/api/other-collector';

const restore: Array<() => void> = [];
before(async () => {
  await startWorker();
  await startDelivery();
});
beforeEach(async () => {
  resetEndpoint(accept);
  await clearOutbox();
});
afterEach(async () => {
  restore.splice(0).forEach((undo) => undo());
  await clearOutbox();
});

/** Chooses a score in a fresh survey that has no comment step, and resolves with the response. */
async function answer(score = 7, surveyId = 'retry-survey') {
  const el = await survey({ comment: 'off', surveyId });
  const answered = oneEvent(el, 'csat-answer');
  radios(el)[score]!.click();
  const { detail } = await answered;
  return { el, response: detail as SurveyResponse };
}

/** Waits until the stored record of `id` shows `attempts` failed attempts. */
async function untilAttempts(id: string, attempts: number) {
  await waitFor(async () => (await stored(id))?.attempts === attempts, `attempts never reached ${attempts}`, {
    timeout: 5000,
  });
  return (await stored(id))!;
}

const FAILURES: Array<[string, () => Response]> = [
  ['a network error', () => HttpResponse.error()],
  ['408', () => new HttpResponse(null, { status: 408 })],
  ['425', () => new HttpResponse(null, { status: 425 })],
  ['429 without Retry-After', () => new HttpResponse(null, { status: 429 })],
  ['500', () => new HttpResponse('oops', { status: 500 })],
  ['502', () => new HttpResponse(null, { status: 502 })],
  ['503', () => new HttpResponse(null, { status: 503 })],
];

describe('retry: transient failures keep the answer and back off', () => {
  for (const [name, failure] of FAILURES) {
    it(`${name}: keeps the answer, waits 0…2 s × 2^(attempts − 1), and delivers it once the endpoint recovers`, async () => {
      let failing = true;
      // An outage: the server does not answer the reachability check either (a reachable server
      // that fails the POST would be an endpoint this page cannot use, reported as such).
      const down = http.get(ENDPOINT, () => (failing ? HttpResponse.error() : new HttpResponse(null, { status: 404 })));
      resetEndpoint(
        endpoint(() => (failing ? failure() : 204)),
        down,
      );
      // Near the top of each jitter window, so the windows' size shows and the first wait is ~2 s.
      restore.push(fixRandom(0.99));
      const errors = collect(document, 'csat-error');
      restore.push(errors.stop);
      const delivered = collect(document, 'csat-delivered');
      restore.push(delivered.stop);

      const t0 = Date.now();
      const { el, response } = await answer();
      let entry = await untilAttempts(response.id, 1);
      const t1 = Date.now();
      expect(received, 'the answer was sent right away').to.have.length(1);
      expect(entry.response).to.deep.equal(response);
      expect(entry.endpoint).to.equal(ENDPOINT);
      expect(entry.notBefore).to.be.within(t0 + 0.98 * 2 * SECOND, t1 + 2 * SECOND);

      for (let attempts = 2; attempts <= 4; attempts++) {
        const t = Date.now();
        await flush();
        const tEnd = Date.now();
        expect(received, 'flush() sends although the backoff has not run out').to.have.length(attempts);
        entry = (await stored(response.id))!;
        expect(entry.attempts).to.equal(attempts);
        const ceiling = 2 * SECOND * 2 ** (attempts - 1);
        expect(entry.notBefore, `wait after attempt ${attempts}`).to.be.within(t + 0.98 * ceiling, tEnd + ceiling);
      }
      expect(deliveryStatus().pending).to.equal(1);
      expect(deliveryStatus().nextAttemptAt).to.equal(new Date(entry.notBefore!).toISOString());

      await flushDue();
      expect(received, 'flushDue() sent before notBefore').to.have.length(4);
      failing = false;
      await flushDue();
      expect(received, 'flushDue() sent before notBefore, after the endpoint recovered').to.have.length(4);
      expect(await stored(response.id), 'the answer is still kept').to.not.equal(undefined);
      expect(delivered.events).to.have.length(0);

      await flush();
      expect(received).to.have.length(5);
      expect(received[4]!.responses).to.deep.equal([response]);
      expect(await stored(response.id), 'removed once delivered').to.equal(undefined);
      expect(delivered.events).to.have.length(1);
      expect(delivered.events[0]!.target).to.equal(el);
      expect(delivered.events[0]!.detail).to.deep.equal({ ids: [response.id] });
      expect(errors.events, 'a transient failure is not reported as an error').to.have.length(0);
      expect(deliveryStatus().pending).to.equal(0);
      expect(deliveryStatus().nextAttemptAt).to.equal(undefined);
    });
  }

  it('draws the wait anywhere in the window: a low draw retries almost at once', async () => {
    resetEndpoint(endpoint(() => 503));
    restore.push(fixRandom(0.001));
    const response = makeResponse();
    await seed(entryFor(response, { attempts: 5 }));
    const t0 = Date.now();
    await flush();
    const t1 = Date.now();
    const entry = (await stored(response.id))!;
    expect(entry.attempts).to.equal(6);
    // 0.001 × 64 s = 64 ms.
    expect(entry.notBefore).to.be.within(t0 + 60, t1 + 64);
  });

  it('waits at most 15 minutes after many failed attempts', async () => {
    resetEndpoint(endpoint(() => 500));
    restore.push(fixRandom(0.99));
    const response = makeResponse();
    await seed(entryFor(response, { attempts: 15 }));
    const t0 = Date.now();
    await flush();
    const t1 = Date.now();
    const entry = (await stored(response.id))!;
    expect(entry.attempts).to.equal(16);
    expect(entry.notBefore).to.be.within(t0 + 0.98 * 15 * MINUTE, t1 + 15 * MINUTE);
  });

  it('waits 0…2 s after a first failure with the real random', async () => {
    resetEndpoint(endpoint(() => 503));
    const responses = Array.from({ length: 5 }, () => makeResponse());
    for (const response of responses) {
      await seed(entryFor(response));
      const t0 = Date.now();
      await flush();
      const t1 = Date.now();
      const entry = (await stored(response.id))!;
      expect(entry.attempts).to.equal(1);
      expect(entry.notBefore).to.be.within(t0, t1 + 2 * SECOND);
      await clearOutbox();
    }
  });

  it('a timeout: postBatch aborts a request that gets no answer and reports status 0', async () => {
    resetEndpoint(http.post(ENDPOINT, () => new Promise<Response>(() => undefined)));
    expect(REQUEST_TIMEOUT_MS).to.equal(15 * SECOND);
    const t0 = Date.now();
    const result = await postBatch(ENDPOINT, [makeResponse()], {}, 100);
    expect(result).to.deep.equal({ status: 0, failure: 'timeout' });
    expect(Date.now() - t0, 'gave up before the timeout').to.be.at.least(95);
  });

  it('a timeout: the answer is kept, counted as a failed attempt, and delivered later', async () => {
    let hang = true;
    resetEndpoint(endpoint(() => (hang ? new Promise<number>(() => undefined) : 204)));
    // Shortens only the request timeout (15 s) so the test need not wait for it.
    const realSetTimeout = window.setTimeout;
    window.setTimeout = ((handler: TimerHandler, ms?: number, ...args: unknown[]) =>
      realSetTimeout(handler, ms === REQUEST_TIMEOUT_MS ? 50 : ms, ...args)) as typeof window.setTimeout;
    restore.push(() => (window.setTimeout = realSetTimeout));

    const { el, response } = await answer(3);
    const entry = await untilAttempts(response.id, 1);
    expect(entry.response).to.deep.equal(response);
    expect(entry.notBefore).to.be.a('number');

    hang = false;
    const delivered = oneEvent(el, 'csat-delivered');
    await flush();
    expect((await delivered).detail.ids).to.deep.equal([response.id]);
    expect(await stored(response.id)).to.equal(undefined);
  });
});

describe('retry: Retry-After', () => {
  async function failOnceWith(headers: Record<string, string>, status = 429) {
    resetEndpoint(endpoint(() => new HttpResponse(null, { status, headers })));
    const response = makeResponse();
    await seed(entryFor(response));
    const t0 = Date.now();
    await flush();
    const t1 = Date.now();
    const entry = (await stored(response.id))!;
    expect(entry.attempts).to.equal(1);
    return { response, entry, t0, t1 };
  }

  it('429 with Retry-After: 120 waits at least 120 s; flushDue() holds it, flush() sends it', async () => {
    const { response, entry, t0, t1 } = await failOnceWith({ 'Retry-After': '120' });
    expect(entry.notBefore).to.be.within(t0 + 120 * SECOND, t1 + 120 * SECOND);
    expect(deliveryStatus().nextAttemptAt).to.equal(new Date(entry.notBefore!).toISOString());

    resetEndpoint(accept);
    await flushDue();
    expect(received, 'sent before Retry-After ran out').to.have.length(0);
    await flush();
    expect(idsOf(received)).to.deep.equal([response.id]);
    expect(await storedKeys()).to.deep.equal([]);
  });

  it('429 with an HTTP-date Retry-After waits until that date', async () => {
    const date = new Date(Date.now() + 5 * MINUTE).toUTCString();
    const { entry, t0, t1 } = await failOnceWith({ 'Retry-After': date });
    // The date has whole seconds, so up to 1 s less than 5 minutes.
    expect(entry.notBefore).to.be.within(t0 + 5 * MINUTE - 2 * SECOND, t1 + 5 * MINUTE);
    resetEndpoint(accept);
    await flushDue();
    expect(received).to.have.length(0);
  });

  it('holds a Retry-After of 2 hours to 1 hour, and still does not send before it', async () => {
    const { entry, t0, t1 } = await failOnceWith({ 'Retry-After': '7200' });
    expect(entry.notBefore).to.be.within(t0 + HOUR, t1 + HOUR);
    resetEndpoint(accept);
    await flushDue();
    expect(received).to.have.length(0);
  });

  it('honours Retry-After on a 503 too', async () => {
    const { entry, t0, t1 } = await failOnceWith({ 'Retry-After': '60' }, 503);
    expect(entry.notBefore).to.be.within(t0 + MINUTE, t1 + MINUTE);
  });
});

describe('retry: the clock and the 30 days', () => {
  it('gives up on an answer older than 30 days that failed 8 times: dead letter, reported, not sent', async () => {
    const errors = collect<CsatErrorDetail>(document, 'csat-error');
    restore.push(errors.stop);
    const before = deliveryStatus().expired;
    // An element is connected, so delivery news is announced.
    await survey({ surveyId: 'unrelated' });
    const old = makeResponse({ answeredAt: new Date(Date.now() - 31 * DAY).toISOString() });
    await seed(entryFor(old, { storedAt: Date.now() - 31 * DAY, attempts: 8 }));
    await flush();
    expect(received, 'an expired answer is not sent').to.have.length(0);
    expect(await stored(old.id)).to.equal(undefined);
    const letters = await deadLetters();
    expect(letters).to.have.length(1);
    expect(letters[0]!.response).to.deep.equal(old);
    expect(letters[0]!.reason.code).to.equal('expired');
    expect(deliveryStatus().expired).to.equal(before + 1);
    expect(errors.events.map((e) => e.detail.code)).to.deep.equal(['expired']);
    expect(errors.events[0]!.detail.responseId).to.equal(old.id);
  });

  it('still sends an answer older than 30 days that was tried fewer than 8 times', async () => {
    const old = makeResponse();
    await seed(entryFor(old, { storedAt: Date.now() - 45 * DAY, attempts: 7 }));
    await flushDue();
    expect(idsOf(received)).to.deep.equal([old.id]);
    expect(await deadLetters()).to.deep.equal([]);
  });

  it('sends an answer whose wait ends more than 1 h from now (the clock went back)', async () => {
    const response = makeResponse();
    await seed(entryFor(response, { attempts: 3, notBefore: Date.now() + 3 * HOUR }));
    await flushDue();
    expect(idsOf(received)).to.deep.equal([response.id]);
  });

  it('holds an answer whose wait ends within the hour', async () => {
    const response = makeResponse();
    await seed(entryFor(response, { attempts: 3, notBefore: Date.now() + 50 * MINUTE }));
    await flushDue();
    expect(received).to.have.length(0);
    expect(await stored(response.id)).to.not.equal(undefined);
  });

  it('restarts the 30 days of an answer stored "in the future" when it fails', async () => {
    resetEndpoint(endpoint(() => 503));
    const response = makeResponse();
    await seed(entryFor(response, { storedAt: Date.now() + 10 * DAY, attempts: 2 }));
    await flush();
    const entry = (await stored(response.id))!;
    expect(entry.attempts).to.equal(3);
    expect(entry.storedAt).to.be.at.most(Date.now());
  });

  it('gives a record without retry state (from an older version) a fresh one', async () => {
    resetEndpoint(endpoint(() => 503));
    const response = makeResponse();
    await seed({ endpoint: ENDPOINT, response } as never);
    await flush();
    const entry = (await stored(response.id))!;
    expect(entry.attempts).to.equal(1);
    expect(entry.storedAt).to.equal(Date.parse(response.answeredAt));
  });
});

describe('retry: flush triggers', () => {
  it('the online event sends what is due, not what is still waiting', async () => {
    await survey({ surveyId: 'online-survey' });
    await waitFor(() => deliveryStatus().pending === 0);
    const due = makeResponse();
    const waiting = makeResponse();
    await seed(entryFor(due), entryFor(waiting, { endpoint: OTHER, attempts: 2, notBefore: Date.now() + 10 * MINUTE }));
    resetEndpoint(
      accept,
      endpoint(() => 204, OTHER),
    );
    dispatchEvent(new Event('online'));
    await waitFor(() => received.length === 1, 'the online event did not flush');
    await flushDue();
    expect(idsOf(received)).to.deep.equal([due.id]);
    expect(await stored(waiting.id)).to.not.equal(undefined);
  });

  it('sends nothing while the browser is offline, and keeps everything', async () => {
    Object.defineProperty(navigator, 'onLine', { value: false, configurable: true });
    restore.push(() => delete (navigator as unknown as { onLine?: boolean }).onLine);
    const response = makeResponse();
    await record({ endpoint: ENDPOINT, response });
    await flush();
    expect(received).to.have.length(0);
    expect((await stored(response.id))!.attempts, 'being offline is not a failed attempt').to.equal(0);
    delete (navigator as unknown as { onLine?: boolean }).onLine;
    await flush();
    expect(idsOf(received)).to.deep.equal([response.id]);
  });
});

describe('401 and 403 pause the endpoint', () => {
  for (const [status, code] of [
    [401, 'unauthorized'],
    [403, 'origin-refused'],
  ] as const) {
    it(`${status}: keeps everything, reports "${code}" once, holds until flush()`, async () => {
      let answerWith: number = status;
      resetEndpoint(endpoint(() => answerWith));
      const errors = collect<CsatErrorDetail>(document, 'csat-error');
      restore.push(errors.stop);

      const { el, response } = await answer(9);
      await waitFor(() => errors.events.length === 1, 'no csat-error for the rejected credentials');
      expect(errors.events[0]!.detail).to.include({ code, status, endpoint: ENDPOINT });
      expect(errors.events[0]!.detail.message).to.contain(ENDPOINT);
      if (status === 403) expect(errors.events[0]!.detail.message, 'names the page origin').to.contain(location.origin);
      await waitFor(() => deliveryStatus().paused.length === 1);
      expect(deliveryStatus().paused).to.deep.equal([ENDPOINT]);
      expect((await stored(response.id))!.response).to.deep.equal(response);
      expect(deliveryStatus().nextAttemptAt, 'no timer for a paused endpoint').to.equal(undefined);

      const later = makeResponse({ surveyId: 'retry-survey' });
      await record({ endpoint: ENDPOINT, response: later });
      await flushDue();
      expect(received, 'flushDue() sent to a paused endpoint').to.have.length(1);
      expect(await storedKeys()).to.have.members([response.id, later.id]);

      answerWith = 204;
      await flushDue();
      expect(received, 'flushDue() sent to a paused endpoint').to.have.length(1);
      expect(errors.events, 'reported once, not on every flush').to.have.length(1);

      const delivered = collect<{ ids: string[] }>(el, 'csat-delivered');
      restore.push(delivered.stop);
      await flush();
      expect(received).to.have.length(2);
      expect(idsOf([received[1]!])).to.have.members([response.id, later.id]);
      expect(await storedKeys()).to.deep.equal([]);
      expect(deliveryStatus().paused).to.deep.equal([]);
      expect(delivered.events.flatMap((e) => e.detail.ids)).to.have.members([response.id, later.id]);
    });
  }

  it('flush() tries a paused endpoint again, and reports again if it still refuses', async () => {
    resetEndpoint(endpoint(() => 401));
    await survey({ surveyId: 'unrelated' });
    const errors = collect<CsatErrorDetail>(document, 'csat-error');
    restore.push(errors.stop);
    const response = makeResponse();
    await seed(entryFor(response));
    await flush();
    await flush();
    expect(received).to.have.length(2);
    expect(errors.events.map((e) => e.detail.code)).to.deep.equal(['unauthorized', 'unauthorized']);
    expect((await stored(response.id))!.attempts, 'a pause is not a failed attempt').to.equal(0);
    expect(deliveryStatus().paused).to.deep.equal([ENDPOINT]);
  });

  it('does not hold back other endpoints', async () => {
    resetEndpoint(
      endpoint(() => 403),
      endpoint(() => 204, OTHER),
    );
    const paused = makeResponse();
    const other = makeResponse();
    await seed(entryFor(paused), entryFor(other, { endpoint: OTHER }));
    await flushDue();
    expect(deliveryStatus().paused).to.deep.equal([ENDPOINT]);
    expect(await storedKeys()).to.deep.equal([paused.id]);
    const next = makeResponse();
    await record({ endpoint: OTHER, response: next });
    await flushDue();
    expect(await storedKeys()).to.deep.equal([paused.id]);
    expect(idsOf(received)).to.include.members([other.id, next.id]);
  });
});

describe('2xx and 409 remove the answer', () => {
  const ANSWERS: Array<[string, () => Response]> = [
    ['200 with a JSON body', () => HttpResponse.json({ ok: true, stored: 1 })],
    ['201', () => new HttpResponse('created', { status: 201 })],
    ['202', () => new HttpResponse(null, { status: 202 })],
    ['204', () => new HttpResponse(null, { status: 204 })],
    ['409 (already have it)', () => HttpResponse.json({ error: 'duplicate' }, { status: 409 })],
  ];
  for (const [name, reply] of ANSWERS) {
    it(`${name}: delivered, removed, not sent again`, async () => {
      resetEndpoint(endpoint(reply));
      const errors = collect(document, 'csat-error');
      restore.push(errors.stop);
      const deliveredBefore = deliveryStatus().delivered;
      const el = await survey({ comment: 'off', surveyId: 'accepted-survey' });
      const delivered = oneEvent(el, 'csat-delivered');
      radios(el)[10]!.click();
      const { detail } = await delivered;
      expect(detail.ids).to.have.length(1);
      expect(await stored(detail.ids[0]!)).to.equal(undefined);
      expect(deliveryStatus().delivered).to.equal(deliveredBefore + 1);
      await flush();
      expect(received, 'sent again after it was accepted').to.have.length(1);
      expect(errors.events).to.have.length(0);
      expect(await keys(deadLetterDb())).to.deep.equal([]);
    });
  }
});
