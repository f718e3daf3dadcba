// How buffered answers travel: together in as few requests as the limits allow (500 responses,
// 60 kB of JSON), apart when their endpoint or headers differ, only their latest revision, and
// at most 500 kept in the outbox.
import { expect, oneEvent } from '@open-wc/testing';
import { keys, setMany } from 'idb-keyval';
import { survey, clearOutbox, radios, $, waitFor } from './helpers/fixtures.js';
import { startWorker, resetEndpoint, received, requests, accept, ENDPOINT } from './helpers/msw.js';
import {
  collect,
  endpoint,
  entryFor,
  idsOf,
  makeResponse,
  outbox,
  startDelivery,
  stored,
  storedKeys,
} from './helpers/outbox.js';
import { pageDelivery } from '../src/delivery.js';
import { MAX_BATCH_BYTES, MAX_BATCH_RESPONSES, batchBody, toBatches } from '../src/transport.js';
import { MAX_BUFFERED } from '../src/outbox.js';
import { batchSchema, type SurveyResponse } from '../src/wire.js';
import type { CsatErrorDetail } from '../src/events.js';

const { deliveryStatus, flush, record } = pageDelivery();

const OTHER = '/api/other-collector';
const bytes = (text: string) => new TextEncoder().encode(text).length;

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

/** A response of about 6 kB of UTF-8: a 2000-character Persian comment and 20 metadata values. */
function bigResponse(): SurveyResponse {
  const metadata: Record<string, string> = {};
  for (let i = 0; i < 20; i++) metadata[`key${i}`] = 'x'.repeat(100);
  return makeResponse({ comment: 'خیلی خوب بود '.repeat(154).slice(0, 2000), metadata, locale: 'fa' });
}

describe('toBatches', () => {
  it('keeps every response, in order, in batches of at most 500', () => {
    const tiny = Array.from({ length: 1201 }, (_, i) => ({ id: String(i) }) as unknown as SurveyResponse);
    const batches = toBatches(tiny);
    expect(MAX_BATCH_RESPONSES).to.equal(500);
    expect(batches.map((b) => b.length)).to.deep.equal([500, 500, 201]);
    expect(batches.flat()).to.deep.equal(tiny);
  });

  it('keeps each request body within 60 kB of UTF-8 and fills each batch as far as it goes', () => {
    expect(MAX_BATCH_BYTES).to.equal(60_000);
    const responses = Array.from({ length: 40 }, bigResponse);
    const batches = toBatches(responses);
    expect(batches.flat()).to.deep.equal(responses);
    expect(batches.length).to.be.at.least(4);
    batches.forEach((batch, i) => {
      expect(bytes(batchBody(batch)), `batch ${i}`).to.be.at.most(MAX_BATCH_BYTES);
      const next = batches[i + 1]?.[0];
      if (next) expect(bytes(batchBody([...batch, next])), `batch ${i} could have taken one more`).to.be.above(60_000);
    });
  });

  it('counts bytes, not characters: a Persian comment is two bytes a letter', () => {
    const persian = Array.from({ length: 30 }, () => makeResponse({ comment: 'س'.repeat(2000) }));
    // 30 × ~4.3 kB of UTF-8 but only ~2.3 k characters each: more than 60 kB in bytes, less in characters.
    expect(batchBody(persian).length).to.be.below(MAX_BATCH_BYTES * 1.2);
    const batches = toBatches(persian);
    expect(batches.length).to.be.at.least(3);
    for (const batch of batches) expect(bytes(batchBody(batch))).to.be.at.most(MAX_BATCH_BYTES);
  });

  it('makes no batch of nothing', () => {
    expect(toBatches([])).to.deep.equal([]);
  });
});

describe('batching on the wire', () => {
  it('sends many buffered answers in one request, as wire format v1 with v and sentAt', async () => {
    const responses = Array.from({ length: 12 }, (_, i) => makeResponse({ score: i % 11 }));
    for (const response of responses) await record(entryFor(response));
    const t0 = Date.now();
    await flush();
    const t1 = Date.now();
    expect(received).to.have.length(1);
    const batch = batchSchema.parse(received[0]);
    expect(batch.v).to.equal(1);
    expect(Date.parse(batch.sentAt)).to.be.within(t0 - 1, t1 + 1);
    expect(batch.sentAt).to.equal(new Date(Date.parse(batch.sentAt)).toISOString());
    expect(batch.responses).to.have.deep.members(responses);
    expect(requests[0]!.headers.get('content-type')).to.equal('application/json');
    expect(await storedKeys()).to.deep.equal([]);
  });

  it('splits more than 60 kB over several requests, each within 60 kB, each answer once', async () => {
    const responses = Array.from({ length: 30 }, bigResponse);
    for (const response of responses) await record(entryFor(response));
    await flush();
    expect(received.length).to.be.at.least(3);
    for (const [i, request] of requests.entries()) {
      expect(bytes(await request.text()), `request ${i}`).to.be.at.most(60_000);
      const batch = batchSchema.parse(received[i]);
      expect(batch.v).to.equal(1);
    }
    const ids = idsOf(received);
    expect(ids).to.have.length(30);
    expect(new Set(ids)).to.deep.equal(new Set(responses.map((r) => r.id)));
    expect(await storedKeys()).to.deep.equal([]);
  });

  it('sends answers for different endpoints in separate requests', async () => {
    resetEndpoint(
      accept,
      endpoint(() => 204, OTHER),
    );
    const here = [makeResponse(), makeResponse(), makeResponse()];
    const there = [makeResponse(), makeResponse()];
    for (const response of here) await record(entryFor(response));
    for (const response of there) await record({ endpoint: OTHER, response });
    await flush();
    expect(received).to.have.length(2);
    const byPath = new Map(requests.map((r, i) => [new URL(r.url).pathname, idsOf([received[i]!])]));
    expect(byPath.get(ENDPOINT)).to.have.members(here.map((r) => r.id));
    expect(byPath.get(OTHER)).to.have.members(there.map((r) => r.id));
  });

  it('sends answers with different headers in separate requests, each with its own headers', async () => {
    const groups: Array<Record<string, string> | undefined> = [
      { 'x-api-key': 'shop-a' },
      { 'x-api-key': 'shop-b' },
      undefined,
    ];
    const expected = new Map<string, string[]>();
    for (const headers of groups) {
      const responses = [makeResponse(), makeResponse()];
      for (const response of responses) await record({ endpoint: ENDPOINT, response, ...(headers && { headers }) });
      expected.set(
        headers?.['x-api-key'] ?? 'none',
        responses.map((r) => r.id),
      );
    }
    await flush();
    expect(received).to.have.length(3);
    const seen = new Map(requests.map((r, i) => [r.headers.get('x-api-key') ?? 'none', idsOf([received[i]!])]));
    for (const [key, ids] of expected) expect(seen.get(key), `headers ${key}`).to.have.members(ids);
    for (const request of requests) expect(request.headers.get('content-type')).to.equal('application/json');
  });

  it('sends the headers set on the element with its answers', async () => {
    const el = await survey({ comment: 'off' });
    el.headers = { authorization: 'Bearer site-token' };
    await el.updateComplete;
    radios(el)[5]!.click();
    await waitFor(() => received.length === 1);
    expect(requests[0]!.headers.get('authorization')).to.equal('Bearer site-token');
    expect(requests[0]!.credentials).to.equal('omit');
  });

  it('sends only the highest revision of an answer, whatever order they were stored in', async () => {
    const first = makeResponse({ complete: false });
    const third = { ...first, revision: 3, complete: true, comment: 'final words' };
    const second = { ...first, revision: 2, comment: 'draft' };
    await record(entryFor(first));
    await record(entryFor(third));
    await record(entryFor(second));
    expect((await stored(first.id))!.response).to.deep.equal(third);
    await flush();
    expect(received).to.have.length(1);
    expect(received[0]!.responses).to.deep.equal([third]);
  });

  it('keeps a newer revision stored while an older one is in flight, and sends it next', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    resetEndpoint(
      endpoint(async () => {
        if (received.length === 1) await gate;
        return 204;
      }),
    );
    const el = await survey({ type: 'csat' });
    const delivered = collect<{ ids: string[] }>(el, 'csat-delivered');
    stops.push(delivered.stop);
    radios(el)[4]!.click();
    await waitFor(() => received.length === 1, 'the score was not sent');
    await el.updateComplete;
    $<HTMLTextAreaElement>(el, 'textarea')!.value = 'Quick and friendly';
    const submitted = oneEvent(el, 'csat-submit');
    $<HTMLButtonElement>(el, 'button[type=submit]')!.click();
    const revision2 = (await submitted).detail;
    expect((await stored(revision2.id))!.response.revision).to.equal(2);
    release();
    await waitFor(() => received.length === 2, 'the comment was not sent after the score', { timeout: 3000 });
    await flush();
    expect(received.map((b) => b.responses.map((r) => r.revision))).to.deep.equal([[1], [2]]);
    expect(received[1]!.responses[0]).to.deep.equal(revision2);
    expect(await storedKeys()).to.deep.equal([]);
  });
});

describe('the outbox holds at most 500 answers', () => {
  async function fill(): Promise<SurveyResponse[]> {
    const responses = Array.from({ length: MAX_BUFFERED }, () => makeResponse());
    await setMany(
      responses.map((r) => [r.id, entryFor(r)]),
      outbox(),
    );
    return responses;
  }

  it('sends the 501st answer without storing it, and reports that', async () => {
    expect(MAX_BUFFERED).to.equal(500);
    const full = await fill();
    const unbufferedBefore = deliveryStatus().unbuffered;
    const el = await survey({ comment: 'off', surveyId: 'full-survey' });
    const errors = collect<CsatErrorDetail>(el, 'csat-error');
    stops.push(errors.stop);
    const answered = oneEvent(el, 'csat-answer');
    radios(el)[6]!.click();
    const response = (await answered).detail;

    await waitFor(() => errors.events.length === 1, 'buffer-full was not reported');
    expect(errors.events[0]!.detail).to.include({ code: 'buffer-full', responseId: response.id });
    expect(deliveryStatus().unbuffered).to.equal(unbufferedBefore + 1);
    expect(await stored(response.id), 'stored beyond 500').to.equal(undefined);
    expect(await keys(outbox())).to.have.length(500);

    await waitFor(() => idsOf(received).includes(response.id), 'the 501st answer was not sent', { timeout: 5000 });
    await flush();
    expect(idsOf(received)).to.include.members(full.map((r) => r.id));
    expect(await storedKeys()).to.deep.equal([]);
  });

  it('record() says "unbuffered" past 500, but still takes a new revision of a kept answer', async () => {
    const full = await fill();
    expect(await record(entryFor(makeResponse()))).to.equal('unbuffered');
    const revised = { ...full[0]!, revision: 2, comment: 'changed my mind' };
    expect(await record(entryFor(revised))).to.equal('stored');
    expect((await stored(revised.id))!.response).to.deep.equal(revised);
    expect(await keys(outbox())).to.have.length(500);
  });
});
