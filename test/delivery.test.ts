import { expect, oneEvent } from '@open-wc/testing';
import { get } from 'idb-keyval';
import { survey, clearOutbox, outboxStore, radios, $, waitFor } from './helpers/fixtures.js';
import { startWorker, resetEndpoint, received, requests, accept, http, HttpResponse, ENDPOINT } from './helpers/msw.js';
import { batchSchema } from '../src/wire.js';

before(startWorker);
beforeEach(async () => {
  resetEndpoint(accept);
  await clearOutbox();
});

describe('first delivery', () => {
  it('POSTs the chosen score as wire format v1 the moment it is chosen', async () => {
    const el = await survey({ type: 'nps', touchpoint: 'checkout', lang: 'fa' });
    el.metadata = { plan: 'pro', seats: 3, trial: false };
    await el.updateComplete;
    const answered = oneEvent(el, 'csat-answer');
    radios(el)[9]!.click();
    const { detail } = await answered;
    await waitFor(() => received.length === 1, 'the endpoint never received the answer');
    const batch = batchSchema.parse(received[0]);
    expect(batch.v).to.equal(1);
    expect(batch.responses).to.have.length(1);
    const response = batch.responses[0]!;
    expect(response).to.deep.equal(detail);
    expect(response).to.include({
      revision: 1,
      complete: false,
      surveyId: 'test-survey',
      type: 'nps',
      score: 9,
      locale: 'fa',
      touchpoint: 'checkout',
    });
    expect(response.scale).to.deep.equal({ min: 0, max: 10 });
    expect(response.metadata).to.deep.equal({ plan: 'pro', seats: 3, trial: false });
    expect(response.page.url).to.equal(location.origin + location.pathname);
    expect(response.id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(requests[0]!.credentials).to.equal('omit');
    expect(requests[0]!.headers.get('content-type')).to.equal('application/json');
  });

  it('has the answer in IndexedDB before the POST settles', async () => {
    let storedWhenRequestArrived: unknown;
    resetEndpoint(
      http.post(ENDPOINT, async ({ request }) => {
        const batch = (await request.json()) as { responses: Array<{ id: string }> };
        storedWhenRequestArrived = await get(batch.responses[0]!.id, outboxStore());
        received.push(batch as never);
        return new HttpResponse(null, { status: 200 });
      }),
    );
    const el = await survey({ type: 'csat' });
    radios(el)[3]!.click();
    await waitFor(() => received.length === 1);
    expect(storedWhenRequestArrived).to.have.nested.property('response.score', 4);
  });

  it('removes the answer from IndexedDB after a 2xx and reports it delivered', async () => {
    const el = await survey({ type: 'ces' });
    const delivered = oneEvent(el, 'csat-delivered');
    radios(el)[6]!.click();
    const { detail } = await delivered;
    expect(await get(detail.ids[0]!, outboxStore())).to.equal(undefined);
  });

  it('keeps the answer in IndexedDB while the endpoint answers 503', async () => {
    resetEndpoint(http.post(ENDPOINT, () => new HttpResponse(null, { status: 503 })));
    const el = await survey({ type: 'nps' });
    const answered = oneEvent(el, 'csat-answer');
    radios(el)[2]!.click();
    const { detail } = await answered;
    await el.flush();
    expect(await get(detail.id, outboxStore())).to.have.nested.property('response.revision', 1);
  });

  it('sends the comment as the next revision of the same id', async () => {
    const el = await survey({ type: 'nps' });
    radios(el)[10]!.click();
    await waitFor(() => received.length === 1);
    await el.updateComplete;
    $<HTMLTextAreaElement>(el, 'textarea')!.value = 'Fast delivery';
    const submitted = oneEvent(el, 'csat-submit');
    $<HTMLButtonElement>(el, 'button[type=submit]')!.click();
    const { detail } = await submitted;
    await waitFor(() => received.length === 2);
    const [first, second] = received.map((b) => b.responses[0]!);
    expect(second!.id).to.equal(first!.id);
    expect(second).to.include({ revision: 2, complete: true, comment: 'Fast delivery', score: 10 });
    expect(detail).to.deep.equal(second);
  });
});
