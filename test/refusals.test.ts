// Answers an endpoint will not take: 413 splits the batch until it fits; any other 4xx splits it
// until the refused answer stands alone, which goes to the dead letters, is reported, and never
// holds the others back.
import { expect, oneEvent } from '@open-wc/testing';
import { survey, clearOutbox, radios, waitFor } from './helpers/fixtures.js';
import { startWorker, resetEndpoint, received, accept, HttpResponse } from './helpers/msw.js';
import {
  collect,
  displaysSent,
  startDelivery,
  endpoint,
  entryFor,
  idsOf,
  makeResponse,
  storedKeys,
} from './helpers/outbox.js';
import { pageDelivery } from '../src/delivery.js';
import { pageDeadLetters } from '../src/dead-letters.js';
import type { CsatErrorDetail } from '../src/events.js';
import type { Batch, SurveyResponse } from '../src/wire.js';

const { deliveryStatus, flush, flushDue, record } = pageDelivery();
const { deadLetters } = pageDeadLetters();

const stops: Array<() => void> = [];
before(async () => {
  await startWorker();
  await startDelivery();
});
beforeEach(async () => {
  resetEndpoint(accept);
  await clearOutbox();
});
afterEach(() => stops.splice(0).forEach((stop) => stop()));

function watch<T>(target: EventTarget, name: string) {
  const recorder = collect<T>(target, name);
  stops.push(recorder.stop);
  return recorder.events;
}

/** Buffers `count` valid answers without sending them (record() alone does not flush). */
async function buffer(count: number, overrides: Partial<SurveyResponse> = {}): Promise<SurveyResponse[]> {
  const responses = Array.from({ length: count }, () => makeResponse(overrides));
  for (const response of responses) expect(await record(entryFor(response))).to.equal('stored');
  return responses;
}

/** Each id and how many accepted requests carried it. */
function countIds(batches: Batch[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of idsOf(batches)) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

describe('413: the batch is split until it fits', () => {
  it('delivers every buffered answer when the endpoint takes at most 2 per request', async () => {
    const accepted: Batch[] = [];
    resetEndpoint(
      endpoint((batch) => {
        if (batch.responses.length > 2) return 413;
        accepted.push(batch);
        return 204;
      }),
    );
    await survey({ surveyId: 'unrelated' });
    await displaysSent();
    const errors = watch(document, 'csat-error');
    const delivered = watch<{ ids: string[] }>(document, 'csat-delivered');
    const responses = await buffer(6);

    await flush();
    expect(received[0]!.responses, 'first tried as one batch').to.have.length(6);
    const counts = countIds(accepted);
    expect([...counts.keys()]).to.have.members(responses.map((r) => r.id));
    expect(
      [...counts.values()].every((n) => n === 1),
      'each answer accepted once',
    ).to.equal(true);
    expect(accepted.every((b) => b.responses.length <= 2)).to.equal(true);
    // 6 → 3 + 3 → (2 + 1) + (2 + 1): 7 requests, not 1 + 6 one by one.
    expect(received).to.have.length(7);
    expect(await storedKeys()).to.deep.equal([]);
    expect(await deadLetters()).to.deep.equal([]);
    expect(errors).to.have.length(0);
    expect(delivered.flatMap((e) => e.detail.ids)).to.have.members(responses.map((r) => r.id));
  });

  it('sends a lone answer the endpoint calls too large to the dead letters, with the status', async () => {
    resetEndpoint(endpoint(() => new HttpResponse('too large', { status: 413 })));
    const refusedBefore = deliveryStatus().refused;
    const el = await survey({ comment: 'off', surveyId: 'big-survey' });
    const error = oneEvent(el, 'csat-error');
    radios(el)[4]!.click();
    const { detail } = (await error) as CustomEvent<CsatErrorDetail>;
    expect(detail).to.include({ code: 'refused', status: 413, surveyId: 'big-survey' });
    const letters = await deadLetters();
    expect(letters).to.have.length(1);
    expect(letters[0]!.response!.id).to.equal(detail.responseId);
    expect(letters[0]!.reason).to.include({ code: 'refused', status: 413 });
    expect(await storedKeys()).to.deep.equal([]);
    expect(deliveryStatus().refused).to.equal(refusedBefore + 1);
  });
});

describe('a refused answer (poison) among good ones', () => {
  it('422 on one of 7: the 6 good ones arrive by bisection, the bad one is set aside and reported', async () => {
    const accepted: Batch[] = [];
    resetEndpoint(
      endpoint((batch) => {
        if (batch.responses.some((r) => r.surveyId === 'poison')) {
          return HttpResponse.json({ error: 'score not allowed' }, { status: 422 });
        }
        accepted.push(batch);
        return 204;
      }),
    );
    const good = await buffer(6);
    const refusedBefore = deliveryStatus().refused;
    const deliveredBefore = deliveryStatus().delivered;
    const el = await survey({ comment: 'off', surveyId: 'poison' });
    const errors = watch<CsatErrorDetail>(el, 'csat-error');
    const answered = oneEvent(el, 'csat-answer');
    radios(el)[1]!.click();
    const poison = (await answered).detail;

    await waitFor(() => errors.length === 1, 'the refused answer was not reported', { timeout: 3000 });
    await flush();
    expect(received[0]!.responses, 'the 7 first went together').to.have.length(7);
    const counts = countIds(accepted);
    expect([...counts.keys()]).to.have.members(good.map((r) => r.id));
    expect([...counts.values()].every((n) => n === 1)).to.equal(true);
    // Bisection: at most 1 + 2 × ⌈log2 7⌉ = 7 requests, and good answers still travel together.
    expect(received.length).to.be.at.most(7);
    expect(
      accepted.some((b) => b.responses.length >= 2),
      'sent one by one',
    ).to.equal(true);

    const detail = errors[0]!.detail;
    expect(errors[0]!.target).to.equal(el);
    expect(detail).to.include({ code: 'refused', status: 422, responseId: poison.id, surveyId: 'poison' });
    expect(detail.response).to.deep.equal(poison);
    const letters = await deadLetters();
    expect(letters).to.have.length(1);
    expect(letters[0]!.response).to.deep.equal(poison);
    expect(letters[0]!.reason).to.include({ code: 'refused', status: 422 });
    expect(letters[0]!.endpoint).to.equal('/api/responses');
    expect(await storedKeys()).to.deep.equal([]);
    expect(deliveryStatus().refused).to.equal(refusedBefore + 1);
    expect(deliveryStatus().delivered).to.equal(deliveredBefore + 6);

    // It does not block later answers: the next one goes out with the automatic flush.
    received.length = 0;
    const next = makeResponse();
    await record(entryFor(next));
    await flushDue();
    expect(idsOf(received)).to.deep.equal([next.id]);
    expect(errors).to.have.length(1);
  });

  it('finds one refused answer among 32 in at most 11 requests', async () => {
    const accepted: Batch[] = [];
    const all = await buffer(32);
    const poison = all[Math.floor(Math.random() * all.length)]!;
    resetEndpoint(
      endpoint((batch) => {
        if (batch.responses.some((r) => r.id === poison.id)) return 400;
        accepted.push(batch);
        return 204;
      }),
    );
    await flush();
    expect(new Set(idsOf(accepted))).to.deep.equal(new Set(all.filter((r) => r !== poison).map((r) => r.id)));
    expect(idsOf(accepted)).to.have.length(31);
    expect(received.length).to.be.at.most(11);
    const letters = await deadLetters();
    expect(letters.map((l) => l.response!.id)).to.deep.equal([poison.id]);
    expect(letters[0]!.reason).to.include({ code: 'refused', status: 400 });
  });

  it('two refused answers both end in the dead letters; the rest arrive', async () => {
    const all = await buffer(9);
    const bad = new Set([all[2]!.id, all[7]!.id]);
    resetEndpoint(endpoint((batch) => (batch.responses.some((r) => bad.has(r.id)) ? 422 : 204)));
    await flush();
    expect((await deadLetters()).map((l) => l.response!.id)).to.have.members([...bad]);
    expect(await storedKeys()).to.deep.equal([]);
    expect(deliveryStatus().pending).to.equal(0);
  });

  it('a 503 while splitting keeps everything not yet delivered, to retry', async () => {
    const all = await buffer(4);
    let calls = 0;
    resetEndpoint(endpoint(() => (++calls === 1 ? 422 : 503)));
    await flush();
    expect(await deadLetters(), 'nothing set aside for a transient failure').to.deep.equal([]);
    expect(await storedKeys()).to.have.members(all.map((r) => r.id));
  });
});
