// Where delivery news is announced: csat-delivered and csat-error go to the element that made the
// response; if it is gone, to a connected element showing the same survey; else to document.
import { expect } from '@open-wc/testing';
import { survey, clearOutbox, radios, waitFor } from './helpers/fixtures.js';
import { startWorker, resetEndpoint, received, accept } from './helpers/msw.js';
import { collect, displaysSent, endpoint, entryFor, makeResponse, startDelivery, stored } from './helpers/outbox.js';
import { pageDelivery } from '../src/delivery.js';
import type { CsatErrorDetail } from '../src/events.js';
import type { CsatSurveyElement } from '../src/element.js';

const { flush, record } = pageDelivery();

const stops: Array<() => void> = [];
before(async () => {
  await startWorker();
  await startDelivery();
});
beforeEach(async () => {
  resetEndpoint(accept);
  await clearOutbox();
});
afterEach(async () => {
  stops.splice(0).forEach((stop) => stop());
  await clearOutbox();
});

function watch<T>(target: EventTarget, name: string) {
  const recorder = collect<T>(target, name);
  stops.push(recorder.stop);
  return recorder.events;
}

/** Chooses a score; resolves with the response id once it is stored. */
async function choose(el: CsatSurveyElement, index = 8): Promise<string> {
  let id = '';
  el.addEventListener('csat-answer', (e) => (id = e.detail.id), { once: true });
  radios(el)[index]!.click();
  await waitFor(() => id !== '');
  await waitFor(async () => (await stored(id)) !== undefined || received.length > 0);
  return id;
}

describe('routing delivery news', () => {
  it('csat-delivered goes to the element that made the response, not its twin', async () => {
    const maker = await survey({ comment: 'off', surveyId: 'twin' });
    const twin = await survey({ comment: 'off', surveyId: 'twin' });
    const onDocument = watch<{ ids: string[] }>(document, 'csat-delivered');
    const onTwin = watch(twin, 'csat-delivered');
    const id = await choose(maker);
    await waitFor(() => onDocument.length === 1, 'no csat-delivered');
    expect(onDocument[0]!.target).to.equal(maker);
    expect(onDocument[0]!.detail).to.deep.equal({ ids: [id] });
    expect(onTwin).to.have.length(0);
  });

  it('goes to a connected element of the same survey when the maker is gone', async () => {
    resetEndpoint(endpoint(() => 503));
    const maker = await survey({ comment: 'off', surveyId: 'moved' });
    const id = await choose(maker);
    // At least one failed attempt (the backoff may already have made a second one).
    await waitFor(async () => ((await stored(id))?.attempts ?? 0) >= 1);
    maker.remove();
    await survey({ comment: 'off', surveyId: 'other' });
    const heir = await survey({ comment: 'off', surveyId: 'moved' });
    const onDocument = watch<{ ids: string[] }>(document, 'csat-delivered');
    resetEndpoint(accept);
    await flush();
    expect(onDocument).to.have.length(1);
    expect(onDocument[0]!.target).to.equal(heir);
    expect(onDocument[0]!.detail.ids).to.deep.equal([id]);
  });

  it('goes to document when no element of that survey is connected', async () => {
    resetEndpoint(endpoint(() => 503));
    const maker = await survey({ comment: 'off', surveyId: 'gone' });
    const id = await choose(maker);
    // At least one failed attempt (the backoff may already have made a second one).
    await waitFor(async () => ((await stored(id))?.attempts ?? 0) >= 1);
    maker.remove();
    const unrelated = await survey({ comment: 'off', surveyId: 'unrelated' });
    const onDocument = watch<{ ids: string[] }>(document, 'csat-delivered');
    const onUnrelated = watch(unrelated, 'csat-delivered');
    resetEndpoint(accept);
    await flush();
    expect(onDocument).to.have.length(1);
    expect(onDocument[0]!.target).to.equal(document);
    expect(onDocument[0]!.detail.ids).to.deep.equal([id]);
    expect(onUnrelated).to.have.length(0);
  });

  it('one request with answers of two surveys: one csat-delivered for each element, with its own ids', async () => {
    const a = await survey({ comment: 'off', surveyId: 'survey-a' });
    const b = await survey({ comment: 'off', surveyId: 'survey-b' });
    await displaysSent();
    const fromA = makeResponse({ surveyId: 'survey-a' });
    const fromB = [makeResponse({ surveyId: 'survey-b' }), makeResponse({ surveyId: 'survey-b' })];
    const orphan = makeResponse({ surveyId: 'nobody' });
    for (const response of [fromA, ...fromB, orphan]) await record(entryFor(response));
    const events = watch<{ ids: string[] }>(document, 'csat-delivered');
    await flush();
    expect(received).to.have.length(1);
    const byTarget = new Map(events.map((e) => [e.target, e.detail.ids]));
    expect(events).to.have.length(3);
    expect(byTarget.get(a)).to.deep.equal([fromA.id]);
    expect(byTarget.get(b)).to.have.members(fromB.map((r) => r.id));
    expect(byTarget.get(document)).to.deep.equal([orphan.id]);
  });

  it('a refused response is reported on the element that made it, with its ids and status', async () => {
    resetEndpoint(endpoint(() => 422));
    const maker = await survey({ comment: 'off', surveyId: 'refused' });
    const onDocument = watch<CsatErrorDetail>(document, 'csat-error');
    const id = await choose(maker, 2);
    await waitFor(() => onDocument.length === 1, 'no csat-error');
    expect(onDocument[0]!.target).to.equal(maker);
    expect(onDocument[0]!.detail).to.include({ code: 'refused', status: 422, responseId: id, surveyId: 'refused' });
    expect(onDocument[0]!.detail.response!.score).to.equal(2);
  });

  it('a refused response with no element of its survey is reported on document', async () => {
    resetEndpoint(endpoint(() => 400));
    await survey({ comment: 'off', surveyId: 'unrelated' });
    const onDocument = watch<CsatErrorDetail>(document, 'csat-error');
    const response = makeResponse({ surveyId: 'nobody' });
    await record(entryFor(response));
    await flush();
    expect(onDocument).to.have.length(1);
    expect(onDocument[0]!.target).to.equal(document);
    expect(onDocument[0]!.detail).to.include({ code: 'refused', status: 400, responseId: response.id });
  });

  it('an endpoint that redirects is reported once, on the element sending to it, with the endpoint', async () => {
    const original = window.fetch;
    // What fetch gives for a redirect under redirect: 'manual' (a real one needs a real server: see the end-to-end suite).
    window.fetch = (input, init) =>
      init?.method === 'POST'
        ? Promise.resolve({ type: 'opaqueredirect', status: 0, headers: new Headers() } as unknown as Response)
        : original(input, init);
    try {
      const el = await survey({ comment: 'off', surveyId: 'redirected' });
      const onDocument = watch<CsatErrorDetail>(document, 'csat-error');
      const id = await choose(el, 4);
      await waitFor(() => onDocument.length === 1, 'no csat-error');
      await flush();
      await flush();
      expect(onDocument).to.have.length(1);
      expect(onDocument[0]!.target).to.equal(el);
      expect(onDocument[0]!.detail).to.include({ code: 'endpoint-redirected', endpoint: el.endpoint });
      expect((await stored(id))?.attempts, 'kept, and counted as failed attempts').to.be.at.least(3);
    } finally {
      window.fetch = original;
    }
  });
});
