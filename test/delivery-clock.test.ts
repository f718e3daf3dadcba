// A delivery made with a fake clock, a fake endpoint and stores of its own (no service worker, no real time, not the
// page's outbox): the retry after a 503 happens exactly when the backoff says, by the clock the delivery was given.
import { expect, waitUntil } from '@open-wc/testing';
import { createStore } from 'idb-keyval';
import sinon from 'sinon';
import {
  createDelivery,
  type Clock,
  type Delivery,
  type DeliveryNotice,
  type DeliveryOptions,
} from '../src/delivery.js';
import { createOutbox, pageOutbox } from '../src/outbox.js';
import { createDisplays } from '../src/displays.js';
import { createDeadLetters } from '../src/dead-letters.js';
import type { SurveyResponse } from '../src/wire.js';

const ENDPOINT = '/api/fake-clock';
const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);

/** A clock that moves only when told, and runs the timers that fall due on the way. */
function fakeClock(start: number) {
  let now = start;
  let ids = 0;
  let timers: Array<{ id: number; at: number; callback: () => void }> = [];
  const clock: Clock = {
    now: () => now,
    setTimeout(callback, ms) {
      timers.push({ id: ++ids, at: now + ms, callback });
      return ids;
    },
    clearTimeout(id) {
      timers = timers.filter((t) => t.id !== id);
    },
  };
  return {
    clock,
    /** When the timers that are set will run. */
    timers: () => timers.map((t) => t.at),
    advance(ms: number) {
      now += ms;
      const due = timers.filter((t) => t.at <= now);
      timers = timers.filter((t) => t.at > now);
      due.forEach((t) => t.callback());
    },
  };
}

/** An endpoint that answers each request with the next of `answers`, and notes when (by the fake clock) and what. */
function fakeEndpoint(now: () => number, answers: Array<() => Response>) {
  const requests: Array<{ at: number; ids: string[] }> = [];
  const fetch = (async (_url: RequestInfo | URL, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as { responses: SurveyResponse[] };
    requests.push({ at: now(), ids: body.responses.map((r) => r.id) });
    return (answers.shift() ?? (() => new Response(null, { status: 200 })))();
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

function response(): SurveyResponse {
  return {
    id: crypto.randomUUID(),
    revision: 1,
    complete: true,
    surveyId: 'fake-clock',
    type: 'nps',
    score: 9,
    scale: { min: 0, max: 10 },
    locale: 'en',
    page: { url: `${location.origin}/shop` },
    answeredAt: new Date(T0).toISOString(),
  };
}

/** Stores of this test's own, as idb-keyval makes one: the page's outbox is never touched. */
const stores = (): Pick<DeliveryOptions, 'outbox' | 'displays' | 'deadLetters'> => ({
  outbox: createOutbox(() => createStore('csat-survey-test-clock-outbox', 'responses')),
  displays: createDisplays(() => createStore('csat-survey-test-clock-displays', 'displays')),
  deadLetters: createDeadLetters(() => createStore('csat-survey-test-clock-dead-letters', 'responses')),
});

let delivery: Delivery | undefined;
afterEach(async () => {
  sinon.restore();
  await delivery?.clearStoredResponses();
});

describe('a delivery with a fake clock and a fake fetch', () => {
  it('after a 503, tries again exactly when the backoff ends by its clock, and not before', async () => {
    // Full jitter: a wait between 0 and 2 s on the first failure; half of it here.
    sinon.stub(Math, 'random').returns(0.5);
    const time = fakeClock(T0);
    const endpoint = fakeEndpoint(time.clock.now, [() => new Response(null, { status: 503 })]);
    const answer = response();
    const own = stores();
    const outbox = own.outbox!;
    delivery = createDelivery({ ...own, fetch: endpoint.fetch, clock: time.clock });
    await delivery.record({ endpoint: ENDPOINT, response: answer });
    expect(outbox.knownEntries()[0]).to.include({ storedAt: T0 }, 'stored at the time of its clock');
    await delivery.flushDue();
    expect(endpoint.requests).to.deep.equal([{ at: T0, ids: [answer.id] }]);
    expect(outbox.knownEntries()[0]).to.include({ storedAt: T0, attempts: 1, notBefore: T0 + 1000 });
    expect(time.timers()).to.deep.equal([T0 + 1000]);
    expect(delivery.deliveryStatus()).to.include({
      pending: 1,
      delivered: 0,
      nextAttemptAt: new Date(T0 + 1000).toISOString(),
    });

    time.advance(999);
    await delivery.flushDue();
    expect(endpoint.requests).to.have.length(1);

    time.advance(1);
    await waitUntil(() => delivery!.deliveryStatus().delivered === 1, 'the second try never delivered');
    expect(endpoint.requests).to.deep.equal([
      { at: T0, ids: [answer.id] },
      { at: T0 + 1000, ids: [answer.id] },
    ]);
    expect(delivery.deliveryStatus()).to.include({ pending: 0, delivered: 1 });
    expect(delivery.deliveryStatus()).not.to.have.property('nextAttemptAt');
    expect(time.timers()).to.deep.equal([]);
    expect(await pageOutbox().readOutbox()).to.deep.equal({ entries: [], corrupt: [] });
  });

  it("waits for the endpoint's Retry-After, by its clock, when that is longer than the backoff", async () => {
    const time = fakeClock(T0);
    const endpoint = fakeEndpoint(time.clock.now, [
      () => new Response(null, { status: 503, headers: { 'Retry-After': '30' } }),
    ]);
    delivery = createDelivery({ ...stores(), fetch: endpoint.fetch, clock: time.clock });
    const answer = response();

    await delivery.record({ endpoint: ENDPOINT, response: answer });
    await delivery.flushDue();
    expect(time.timers()).to.deep.equal([T0 + 30_000]);

    time.advance(29_999);
    await delivery.flushDue();
    expect(endpoint.requests.map((r) => r.at)).to.deep.equal([T0]);

    time.advance(1);
    await waitUntil(() => delivery!.deliveryStatus().delivered === 1, 'the second try never delivered');
    expect(endpoint.requests.map((r) => r.at)).to.deep.equal([T0, T0 + 30_000]);
  });

  it('news that come before anyone listens (an answer refused, one delivered) reach the first listeners', async () => {
    sinon.stub(console, 'warn');
    const time = fakeClock(T0);
    const endpoint = fakeEndpoint(time.clock.now, [
      () => new Response(null, { status: 400 }),
      () => new Response(null, { status: 200 }),
    ]);
    delivery = createDelivery({ ...stores(), fetch: endpoint.fetch, clock: time.clock });
    const refused = response();
    const delivered = response();
    await delivery.record({ endpoint: ENDPOINT, response: refused });
    await delivery.flushDue();
    await delivery.record({ endpoint: ENDPOINT, response: delivered });
    await delivery.flushDue();
    expect(delivery.deliveryStatus()).to.include({ refused: 1, delivered: 1 });

    const heard: Array<{ kind: string; ids: string[] }> = [];
    const notes = (notice: DeliveryNotice) =>
      heard.push({
        kind: notice.kind === 'error' ? notice.code : notice.kind,
        ids: notice.kind === 'delivered' ? notice.responses.map((r) => r.id) : [notice.response?.id ?? ''],
      });
    delivery.onNotice({ near: () => 0, hear: notes });
    await waitUntil(() => heard.length === 2, 'the news before any listener were lost');
    expect(heard).to.deep.equal([
      { kind: 'refused', ids: [refused.id] },
      { kind: 'delivered', ids: [delivered.id] },
    ]);
  });
});
