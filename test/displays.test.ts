// Displays (issue 13, response rate): a survey whose question becomes visible is counted once per
// survey per page load, kept like the answers but in a store of its own (at most 200, the oldest
// dropped), and sent in requests of its own, after the answers waiting for the same endpoint, never
// in a batch of responses and never holding them up. A receiver that refuses displays (a 4xx) loses
// nothing else: the displays are dropped, counted and reported once; 5xx is retried; 401/403 pause.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { createStore, get, keys, set, setMany } from 'idb-keyval';
import { survey, clearOutbox, radios, waitFor } from './helpers/fixtures.js';
import {
  ENDPOINT,
  accept,
  answerDisplays,
  displayIds,
  displayRequests,
  received,
  resetEndpoint,
  startWorker,
} from './helpers/msw.js';
import {
  collect,
  deadLetterDb,
  displaysSent,
  endpoint,
  entryFor,
  idsOf,
  makeResponse,
  startDelivery,
  storedKeys,
} from './helpers/outbox.js';
import { pageDelivery } from '../src/delivery.js';
import { DISPLAYS_DB, MAX_DISPLAYS, pageDisplays, type DisplayEntry } from '../src/displays.js';
import { pageOutbox } from '../src/outbox.js';
import { displayProblem } from '../src/stored-response.js';
import { displayBatchSchema, displaySchema, type SurveyDisplay } from '../src/wire.js';
import type { CsatErrorDetail } from '../src/events.js';
import type { CsatSurveyElement } from '../src/element.js';
import { noteAnsweredThisVisit, noteVisitor } from '../src/visitor-state.js';

const { deliveryStatus, flush, flushDue, record, recordDisplay } = pageDelivery();
const { knownDisplays } = pageDisplays();
const { knownEntries } = pageOutbox();

const OTHER = '/api/displays-elsewhere';
// An endpoint that refuses displays is left alone for them for the rest of the page: each such test has its own.
const REFUSING = '/api/refuses-displays';
const REFUSING_TOO = '/api/refuses-displays-too';
const displayStore = createStore(DISPLAYS_DB, 'displays');

const stops: Array<() => void> = [];
before(async () => {
  await startWorker();
  await startDelivery();
  await displaysSent();
});
beforeEach(async () => {
  resetEndpoint(accept);
  await clearOutbox();
});
afterEach(async () => {
  stops.splice(0).forEach((stop) => stop());
  resetEndpoint(accept);
  await flush();
  await clearOutbox();
});

function watch<T>(target: EventTarget, name: string) {
  const recorder = collect<T>(target, name);
  stops.push(recorder.stop);
  return recorder.events;
}

let surveys = 0;
/** A survey id not shown yet in this page (each survey counts once per page load). */
const freshId = () => `displays-${++surveys}`;

/** A valid display, as the widget makes one. */
function makeDisplay(overrides: Partial<SurveyDisplay> = {}): SurveyDisplay {
  return {
    id: crypto.randomUUID(),
    surveyId: 'seeded-display',
    type: 'nps',
    shownAt: new Date().toISOString(),
    locale: 'en',
    page: { url: `${location.origin}/shop` },
    ...overrides,
  };
}

const storedDisplay = (id: string) => get<DisplayEntry>(id, displayStore);

describe('a display is recorded when the question becomes visible', () => {
  it('sends one display, in a request of its own, with exactly the documented fields', async () => {
    const surveyId = freshId();
    const shown = watch(document, 'csat-show');
    const el = await survey({ surveyId, type: 'csat', touchpoint: 'checkout', lang: 'fa' });
    await displaysSent();
    expect(shown).to.have.length(1);
    expect(displayRequests).to.have.length(1);
    const { batch, request } = displayRequests[0]!;
    expect(displayBatchSchema.safeParse(batch).success, JSON.stringify(batch)).to.equal(true);
    expect(Object.keys(batch).sort()).to.deep.equal(['displays', 'sentAt', 'v']);
    const [display] = batch.displays;
    expect(Object.keys(display!).sort()).to.deep.equal([
      'id',
      'locale',
      'page',
      'shownAt',
      'surveyId',
      'touchpoint',
      'type',
    ]);
    expect(display).to.include({ surveyId, type: 'csat', locale: 'fa', touchpoint: 'checkout' });
    expect(display!.page).to.deep.equal({ url: `${location.origin}${location.pathname}` });
    expect(Math.abs(Date.parse(display!.shownAt) - Date.now())).to.be.below(10_000);
    expect(request.headers.get('content-type')).to.equal('application/json');
    expect(request.credentials).to.equal('omit');
    expect(received, 'no request of answers').to.deep.equal([]);
    expect(knownDisplays()).to.deep.equal([]);
    expect(await keys(displayStore)).to.deep.equal([]);
    el.remove();
  });

  it('counts a survey once per page load: not again after hide() and show(), nor for a second element of it', async () => {
    const surveyId = freshId();
    const el = await survey({ surveyId });
    await displaysSent();
    const shown = watch(document, 'csat-show');
    el.hide();
    await el.updateComplete;
    el.show();
    await waitFor(() => shown.length === 1, 'shown again');
    const twin = await survey({ surveyId });
    await flush();
    expect(shown).to.have.length(2);
    expect(displayRequests.flatMap((r) => r.batch.displays.map((d) => d.surveyId))).to.deep.equal([surveyId]);
    el.remove();
    twin.remove();
  });

  it('links no display to the answer given', async () => {
    const el = await survey({ surveyId: freshId(), comment: 'off' });
    const answered = oneEvent(el, 'csat-answer');
    radios(el)[9]!.click();
    const response = (await answered).detail;
    await waitFor(() => idsOf(received).includes(response.id), 'the answer was not sent');
    await displaysSent();
    expect(displayRequests).to.have.length(1);
    const text = JSON.stringify(displayRequests[0]!.batch);
    expect(text).to.not.include(response.id);
    expect(JSON.stringify(received)).to.not.include(displayIds()[0]!);
    el.remove();
  });

  it('does not count the thank-you an answered inline survey shows on a later page of the visit', async () => {
    const surveyId = freshId();
    await noteVisitor(surveyId, { answeredAt: Date.now() });
    noteAnsweredThisVisit(surveyId);
    const shown = watch(document, 'csat-show');
    const el = await fixture<CsatSurveyElement>(
      html`<csat-survey type="nps" survey-id=${surveyId} endpoint=${ENDPOINT}></csat-survey>`,
    );
    await el.updateComplete;
    await waitFor(() => shown.length === 1, 'the thank-you was not shown');
    await flush();
    expect(displayRequests).to.deep.equal([]);
    el.remove();
  });

  it('is never in a batch of responses, and goes after the answers waiting for the same endpoint', async () => {
    const order: string[] = [];
    resetEndpoint(
      endpoint(() => {
        order.push('responses');
        return 204;
      }),
    );
    answerDisplays(() => {
      order.push('displays');
      return 204;
    });
    // Answers that earlier pages left, and a survey shown while they wait.
    for (let i = 0; i < 3; i++) await record(entryFor(makeResponse()));
    const el = await survey({ surveyId: freshId() });
    await displaysSent();
    expect(order[0]).to.equal('responses');
    expect(order.at(-1)).to.equal('displays');
    expect(idsOf(received)).to.have.length(3);
    for (const batch of received) expect(batch).to.not.have.property('displays');
    el.remove();
  });
});

describe('a receiver that refuses displays', () => {
  it('400: the displays are dropped and reported once, not dead-lettered; every answer still arrives', async () => {
    resetEndpoint(
      accept,
      endpoint(() => 204, REFUSING),
    );
    answerDisplays(() => 400);
    const errors = watch<CsatErrorDetail>(document, 'csat-error');
    const dropped = deliveryStatus().displaysDropped;
    const first = await survey({ surveyId: freshId(), comment: 'off', endpoint: REFUSING });
    await waitFor(() => errors.length === 1, 'no csat-error');
    expect(errors[0]!.target).to.equal(first);
    expect(errors[0]!.detail).to.include({ code: 'displays-refused', status: 400, endpoint: REFUSING });
    expect(errors[0]!.detail.message).to.match(/Answers are not affected/);

    // A second survey of the same endpoint: its display is dropped without another request.
    const second = await survey({ surveyId: freshId(), comment: 'off', endpoint: REFUSING });
    const chosen: string[] = [];
    for (const el of [first, second]) {
      const answered = oneEvent(el, 'csat-answer');
      radios(el)[8]!.click();
      chosen.push((await answered).detail.id);
    }
    await waitFor(() => chosen.every((id) => idsOf(received).includes(id)), 'an answer did not arrive');
    await flush();
    expect(displayRequests).to.have.length(1);
    expect(errors.map((e) => e.detail.code)).to.deep.equal(['displays-refused']);
    expect(deliveryStatus().displaysDropped).to.equal(dropped + 2);
    expect(knownDisplays()).to.deep.equal([]);
    expect(await keys(displayStore)).to.deep.equal([]);
    expect(await keys(deadLetterDb())).to.deep.equal([]);
    expect(await storedKeys()).to.deep.equal([]);
    first.remove();
    second.remove();
  });

  it('a 4xx on one endpoint leaves the displays of another endpoint alone', async () => {
    answerDisplays((_batch, request) => (new URL(request.url).pathname === REFUSING_TOO ? 422 : 204));
    await recordDisplay({ endpoint: REFUSING_TOO, display: makeDisplay() });
    const elsewhere = makeDisplay();
    await recordDisplay({ endpoint: OTHER, display: elsewhere });
    await flush();
    expect(displayRequests.map((r) => r.path).sort()).to.deep.equal([REFUSING_TOO, OTHER].sort());
    expect(displayIds()).to.include(elsewhere.id);
    expect(knownDisplays()).to.deep.equal([]);
  });
});

describe('displays that cannot go yet', () => {
  it('503: kept with their own backoff and retried, while answers go at once', async () => {
    // Retry-After keeps the backoff long: a full-jitter wait alone may be a few milliseconds.
    answerDisplays(() => new Response(null, { status: 503, headers: { 'Retry-After': '60' } }));
    const display = makeDisplay();
    await recordDisplay({ endpoint: ENDPOINT, display });
    await flush();
    const kept = await storedDisplay(display.id);
    expect(kept?.attempts).to.equal(1);
    expect(kept?.notBefore).to.be.a('number');
    // An answer made now is not held up by the waiting display.
    const response = makeResponse();
    await record(entryFor(response));
    await flushDue();
    expect(idsOf(received)).to.deep.equal([response.id]);
    expect(displayRequests).to.have.length(1, 'the display waits for its backoff');
    // flush() ignores the wait: the display goes once the endpoint takes it.
    answerDisplays(() => 204);
    await flush();
    expect(displayIds()).to.deep.equal([display.id, display.id]);
    expect(await storedDisplay(display.id)).to.equal(undefined);
    expect(deliveryStatus().displaysPending).to.equal(0);
  });

  it('wait while an answer for the same endpoint waits, and follow it once it went', async () => {
    resetEndpoint(endpoint(() => 503));
    const response = makeResponse();
    await record(entryFor(response));
    const display = makeDisplay();
    await recordDisplay({ endpoint: ENDPOINT, display });
    await flush();
    expect(displayRequests, 'a display went ahead of a waiting answer').to.deep.equal([]);
    expect(deliveryStatus().displaysPending).to.equal(1);
    resetEndpoint(accept);
    await flush();
    expect(idsOf(received)).to.deep.equal([response.id]);
    expect(displayIds()).to.deep.equal([display.id]);
  });

  it('a display far into its backoff never sets when a waiting answer is tried again', async () => {
    const display = makeDisplay();
    const farOff = Date.now() + 3_600_000;
    await set(
      display.id,
      { endpoint: ENDPOINT, display, storedAt: Date.now(), attempts: 6, notBefore: farOff },
      displayStore,
    );
    resetEndpoint(endpoint(() => 503));
    const response = makeResponse();
    await record(entryFor(response));
    await flush();
    const answerAt = knownEntries().find((e) => e.response.id === response.id)?.notBefore;
    expect(answerAt, 'the answer waits with its own backoff').to.be.a('number');
    await waitFor(() => deliveryStatus().nextAttemptAt !== undefined);
    const next = Date.parse(deliveryStatus().nextAttemptAt!);
    expect(next, 'the next attempt is the answer’s, not the display’s').to.be.at.most(answerAt! + 1_000);
    expect(next).to.be.below(farOff - 60_000);
  });

  it('403: the endpoint is paused as for answers, the displays kept; flush() lifts the pause', async () => {
    answerDisplays(() => 403);
    const errors = watch<CsatErrorDetail>(document, 'csat-error');
    const display = makeDisplay();
    await recordDisplay({ endpoint: OTHER, display });
    await flushDue();
    expect(deliveryStatus().paused).to.deep.equal([OTHER]);
    expect(errors.map((e) => e.detail.code)).to.deep.equal(['origin-refused']);
    expect(await storedDisplay(display.id)).to.have.property('attempts', 0);
    await flushDue();
    expect(displayRequests, 'paused: not sent again').to.have.length(1);
    answerDisplays(() => 204);
    await flush();
    expect(displayIds()).to.deep.equal([display.id, display.id]);
    expect(deliveryStatus().paused).to.deep.equal([]);
    expect(await storedDisplay(display.id)).to.equal(undefined);
  });
});

describe('the displays store', () => {
  it(`keeps at most ${MAX_DISPLAYS}: the oldest is dropped and counted, and no answer is pushed out`, async () => {
    answerDisplays(() => 503);
    const now = Date.now();
    const old = Array.from({ length: MAX_DISPLAYS }, (_, i) => makeDisplay({ surveyId: `old-${i}` }));
    await setMany(
      old.map((display, i) => [display.id, { endpoint: ENDPOINT, display, storedAt: now - 1000 + i, attempts: 0 }]),
      displayStore,
    );
    const dropped = deliveryStatus().displaysDropped;
    const fresh = makeDisplay();
    await recordDisplay({ endpoint: ENDPOINT, display: fresh });
    const stored = await keys(displayStore);
    expect(stored).to.have.length(MAX_DISPLAYS);
    expect(stored).to.include(fresh.id);
    expect(stored, 'the oldest went').to.not.include(old[0]!.id);
    expect(deliveryStatus().displaysDropped).to.equal(dropped + 1);
    // The answers' outbox is another store: 200 waiting displays take no answer's place.
    expect(await record(entryFor(makeResponse()))).to.equal('stored');
    answerDisplays(() => 204);
    await flush();
    expect(displayIds()).to.have.length(MAX_DISPLAYS);
    expect(await keys(displayStore)).to.deep.equal([]);
  });

  it('drops a stored record that is not a valid display, counts it, never sends it, and goes on', async () => {
    const good = makeDisplay();
    const dropped = deliveryStatus().displaysDropped;
    await set('junk', 'not a display', displayStore);
    await set(
      good.id,
      { endpoint: ENDPOINT, display: { ...good, shownAt: 'yesterday' }, storedAt: 1, attempts: 0 },
      displayStore,
    );
    const fine = makeDisplay();
    await set(fine.id, { endpoint: ENDPOINT, display: fine, storedAt: Date.now(), attempts: 0 }, displayStore);
    await flush();
    expect(displayIds()).to.deep.equal([fine.id]);
    expect(deliveryStatus().displaysDropped).to.equal(dropped + 2);
    expect(await keys(displayStore)).to.deep.equal([]);
    expect(await keys(deadLetterDb()), 'displays are never dead letters').to.deep.equal([]);
  });

  it('clear() forgets waiting displays too', async () => {
    answerDisplays(() => 503);
    await recordDisplay({ endpoint: ENDPOINT, display: makeDisplay() });
    await clearOutbox();
    expect(await keys(displayStore)).to.deep.equal([]);
    expect(deliveryStatus().displaysPending).to.equal(0);
  });

  it('displayProblem agrees with the wire-format schema', () => {
    const base = makeDisplay({ touchpoint: 'checkout' });
    const cases: unknown[] = [
      base,
      { ...base, touchpoint: undefined },
      { ...base, id: 'nope' },
      { ...base, surveyId: 'Bad' },
      { ...base, type: 'poll' },
      { ...base, type: 'toString' },
      { ...base, locale: 'e' },
      { ...base, touchpoint: 'x'.repeat(65) },
      { ...base, page: { url: 'u'.repeat(4097) } },
      { ...base, page: null },
      { ...base, shownAt: '2025-03-20' },
      { ...base, shownAt: 5 },
      null,
      'display',
      {},
    ];
    for (const value of cases) {
      const problem = displayProblem(value);
      const parsed = displaySchema.safeParse(value);
      expect(problem === undefined, `${JSON.stringify(value)}: ${problem ?? 'valid'}; zod: ${parsed.success}`).to.equal(
        parsed.success,
      );
    }
  });
});

describe('at page hide', () => {
  it('the displays of an endpoint with no answer waiting go; those of one with answers waiting wait for them', async () => {
    resetEndpoint(
      accept,
      endpoint(() => 204, OTHER),
    );
    // Everything waits for its backoff: only the send at page hide takes it now.
    const later = { notBefore: Date.now() + 60_000, attempts: 1 };
    const response = makeResponse();
    await record(entryFor(response, later));
    const [waits, goes] = [makeDisplay(), makeDisplay()];
    for (const [display, to] of [
      [waits, ENDPOINT],
      [goes, OTHER],
    ] as const)
      await set(display.id, { endpoint: to, display, storedAt: Date.now(), ...later }, displayStore);
    await flushDue();
    expect(idsOf(received)).to.deep.equal([]);
    expect(displayRequests).to.deep.equal([]);
    dispatchEvent(new Event('pagehide'));
    dispatchEvent(new Event('pageshow'));
    await waitFor(
      () => idsOf(received).length === 1 && displayRequests.length === 1,
      'the page-hide send did not arrive',
    );
    expect(idsOf(received)).to.deep.equal([response.id]);
    expect(displayIds()).to.deep.equal([goes.id]);
    expect(displayRequests[0]!.path).to.equal(OTHER);
    // Nothing is removed for a send at page hide: the next flush sends the answer again, then its endpoint's display.
    await flush();
    expect(displayIds()).to.have.members([goes.id, goes.id, waits.id]);
  });
});
