// Records read back from IndexedDB are checked: a corrupt one is moved to the dead letters and
// reported, never sent and never fatal; the valid ones around it are delivered. The hand-written
// check (stored-response.ts) says the same as the wire-format schema (wire.ts).
import { expect } from '@open-wc/testing';
import { set } from 'idb-keyval';
import { clearOutbox } from './helpers/fixtures.js';
import { startWorker, resetEndpoint, received, accept, ENDPOINT } from './helpers/msw.js';
import {
  collect,
  entryFor,
  idsOf,
  makeResponse,
  outbox,
  recordPageErrors,
  seed,
  startDelivery,
  storedKeys,
} from './helpers/outbox.js';
import { pageDelivery } from '../src/delivery.js';
import { pageDeadLetters } from '../src/dead-letters.js';
import { responseProblem } from '../src/stored-response.js';
import { responseSchema } from '../src/wire.js';
import type { CsatErrorDetail } from '../src/events.js';

const { deliveryStatus, flush } = pageDelivery();
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

describe('corrupt records in the outbox', () => {
  it('moves each corrupt record to the dead letters, reports it on document, and delivers the valid ones', async () => {
    const valid = [makeResponse(), makeResponse({ type: 'ces', score: 7, scale: { min: 1, max: 7 } })];
    await seed(...valid.map((r) => entryFor(r)));
    const wrongKey = makeResponse();
    const corrupt: Array<[IDBValidKey, unknown]> = [
      ['plain-text', 'garbage that is not a record'],
      ['nothing', null],
      [42, { endpoint: ENDPOINT, response: makeResponse(), storedAt: Date.now(), attempts: 0 }],
      ['wrong-key', entryFor(wrongKey)],
      ['array', ['not', 'an', 'entry']],
    ];
    const offScale = makeResponse({ score: 11 });
    const noEndpoint = makeResponse();
    const badAttempts = makeResponse();
    const badHeaders = makeResponse();
    const badTime = makeResponse();
    const badComment = makeResponse();
    corrupt.push(
      [offScale.id, entryFor(offScale)],
      [noEndpoint.id, { response: noEndpoint, storedAt: Date.now(), attempts: 0 }],
      [badAttempts.id, entryFor(badAttempts, { attempts: -1 })],
      [badHeaders.id, { ...entryFor(badHeaders), headers: { 'x-api-key': 7 } }],
      [badTime.id, { ...entryFor(badTime), notBefore: 'tomorrow' }],
      [badComment.id, entryFor({ ...badComment, comment: 'x'.repeat(2001) })],
    );
    for (const [key, value] of corrupt) await set(key, value, outbox());

    const errors = collect<CsatErrorDetail>(document, 'csat-error');
    stops.push(errors.stop);
    const page = recordPageErrors();
    stops.push(page.stop);
    const corruptBefore = deliveryStatus().corrupt;

    await flush();

    expect(idsOf(received), 'only the valid answers are sent').to.have.members(valid.map((r) => r.id));
    expect(await storedKeys(), 'the outbox is empty').to.deep.equal([]);
    const letters = await deadLetters();
    expect(letters).to.have.length(corrupt.length);
    for (const letter of letters) {
      expect(letter.reason.code).to.equal('corrupt-record');
      expect(letter.reason.message).to.be.a('string').and.not.equal('');
    }
    expect(letters.map((l) => l.raw)).to.have.deep.members(corrupt.map(([, value]) => value));
    expect(errors.events).to.have.length(corrupt.length);
    for (const event of errors.events) {
      expect(event.target).to.equal(document);
      expect(event.detail.code).to.equal('corrupt-record');
    }
    expect(deliveryStatus().corrupt).to.equal(corruptBefore + corrupt.length);
    expect(page.errors).to.deep.equal([]);
  });

  it('says what is wrong with each record', async () => {
    const offScale = makeResponse({ score: 11 });
    const wrongKey = makeResponse();
    await set(offScale.id, entryFor(offScale), outbox());
    await set('elsewhere', entryFor(wrongKey), outbox());
    await set('text', 'garbage', outbox());
    await flush();
    const messages = (await deadLetters()).map((l) => l.reason.message);
    expect(messages).to.have.length(3);
    expect(messages.some((m) => m.includes('score'))).to.equal(true);
    expect(messages.some((m) => m.includes('another id'))).to.equal(true);
    expect(messages.some((m) => m.includes('not an object'))).to.equal(true);
  });

  it('is moved aside even when there is nothing valid to send, and only once', async () => {
    await set('junk', 12345, outbox());
    await flush();
    await flush();
    expect(received).to.have.length(0);
    expect(await storedKeys()).to.deep.equal([]);
    expect(await deadLetters()).to.have.length(1);
  });
});

describe('responseProblem agrees with the wire-format schema', () => {
  const base = makeResponse();
  const cases: Array<[string, unknown]> = [
    ['a valid NPS response', base],
    ['a valid CSAT response', makeResponse({ type: 'csat', score: 5, scale: { min: 1, max: 5 } })],
    ['a valid CES response', makeResponse({ type: 'ces', score: 1, scale: { min: 1, max: 7 } })],
    [
      'every optional field',
      makeResponse({
        comment: 'x'.repeat(2000),
        touchpoint: 't'.repeat(64),
        metadata: { plan: 'pro', seats: 3, ok: true },
      }),
    ],
    ['an answeredAt with an offset', { ...base, answeredAt: '2025-03-20T15:30:00.123+03:30' }],
    ['unknown extra fields', { ...base, extra: 'ignored' }],
    ['an empty comment', { ...base, comment: '' }],
    ['score above the scale', { ...base, score: 11 }],
    ['score below the scale', { ...base, score: -1 }],
    ['CSAT score 0', makeResponse({ type: 'csat', score: 0, scale: { min: 1, max: 5 } })],
    ['a fractional score', { ...base, score: 7.5 }],
    ['a score as text', { ...base, score: '9' }],
    ['a scale that is not the type’s', { ...base, scale: { min: 1, max: 10 } }],
    ['no scale', { ...base, scale: undefined }],
    ['an unknown type', { ...base, type: 'star' }],
    ['a type from Object.prototype', { ...base, type: 'toString' }],
    ['an id that is not a UUID', { ...base, id: 'abc' }],
    ['revision 0', { ...base, revision: 0 }],
    ['a fractional revision', { ...base, revision: 1.5 }],
    ['complete as text', { ...base, complete: 'yes' }],
    ['an upper-case survey id', { ...base, surveyId: 'Home' }],
    ['an empty survey id', { ...base, surveyId: '' }],
    ['a comment of 2001 characters', { ...base, comment: 'x'.repeat(2001) }],
    ['a one-letter locale', { ...base, locale: 'e' }],
    ['a locale of 65 characters', { ...base, locale: 'e'.repeat(65) }],
    ['a touchpoint of 65 characters', { ...base, touchpoint: 't'.repeat(65) }],
    ['no page', { ...base, page: undefined }],
    ['a page URL of 4097 characters', { ...base, page: { url: 'u'.repeat(4097) } }],
    ['nested metadata', { ...base, metadata: { a: { b: 1 } } }],
    [
      'metadata with 21 keys',
      { ...base, metadata: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i])) },
    ],
    ['metadata as an array', { ...base, metadata: ['a'] }],
    ['an answeredAt that is not ISO', { ...base, answeredAt: 'March 20, 2025' }],
    ['a date-only answeredAt', { ...base, answeredAt: '2025-03-20' }],
    ['null', null],
    ['a string', 'response'],
    ['an array', [base]],
    ['an empty object', {}],
  ];

  for (const [name, value] of cases) {
    it(`${name}`, () => {
      const problem = responseProblem(value);
      const parsed = responseSchema.safeParse(value);
      expect(problem === undefined, `responseProblem: ${problem ?? 'valid'}; zod: ${parsed.success}`).to.equal(
        parsed.success,
      );
    });
  }

  it('a revision beyond the safe integers (2^53)', () => {
    const value = { ...base, revision: 2 ** 53 };
    const problem = responseProblem(value);
    const parsed = responseSchema.safeParse(value);
    expect(problem === undefined, `responseProblem: ${problem ?? 'valid'}; zod: ${parsed.success}`).to.equal(
      parsed.success,
    );
  });
});
