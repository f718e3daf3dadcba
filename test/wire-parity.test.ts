// The browser checks the records it reads back from IndexedDB by hand (stored-response.ts); the collector checks
// what it receives with the zod schemas of wire.ts, the contract's single source of truth. Both must give the same
// verdict on any record: random responses and displays, each field right, wrong or missing (property test).
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { displaySchema, responseSchema } from '../src/wire.js';
import { displayProblem, responseProblem } from '../src/stored-response.js';

const RUNS = { numRuns: 5000 };

/** Values any field may get: right ones for some fields, wrong ones for others. */
const ANY = [
  undefined,
  null,
  '',
  'e',
  'en',
  'fa-IR',
  'e'.repeat(64),
  'e'.repeat(65),
  'x'.repeat(2000),
  'x'.repeat(2001),
  'u'.repeat(4096),
  'u'.repeat(4097),
  'nps',
  'csat',
  'ces',
  'poll',
  'toString',
  '__proto__',
  'home-nps',
  'Home',
  '123e4567-e89b-42d3-a456-426614174000',
  '123E4567-E89B-42D3-A456-426614174000',
  'not-a-uuid',
  '2025-03-20T15:30:00Z',
  '2025-03-20T15:30:00.123+03:30',
  '2025-03-20',
  'March 20, 2025',
  -1,
  0,
  1,
  4,
  5,
  7,
  7.5,
  10,
  11,
  2 ** 53,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  false,
  [],
  {},
  { url: 'https://shop.example/checkout' },
  { url: 5 },
  { min: 0, max: 10 },
  { min: 1, max: 5 },
  { min: 1, max: 7 },
  { min: 1, max: 10 },
  { plan: 'pro', seats: 3, beta: true },
  { nested: { no: 1 } },
  Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i])),
];

/** Mostly right, so that valid records come often and each wrong field is judged alone as often as together. */
const field = (right: unknown) =>
  fc.oneof({ weight: 9, arbitrary: fc.constant(right) }, { weight: 1, arbitrary: fc.constantFrom(...ANY) });

const shared = {
  id: field('123e4567-e89b-42d3-a456-426614174000'),
  surveyId: field('home-nps'),
  locale: field('fa'),
  touchpoint: field(undefined),
  page: field({ url: 'https://shop.example/' }),
};

/** A response of a random type whose fields are each its right value or any other. */
const response = fc
  .constantFrom(
    { type: 'nps', scale: { min: 0, max: 10 }, score: 9 },
    { type: 'csat', scale: { min: 1, max: 5 }, score: 4 },
    { type: 'ces', scale: { min: 1, max: 7 }, score: 7 },
  )
  .chain((kind) =>
    fc.record({
      ...shared,
      type: field(kind.type),
      scale: field(kind.scale),
      score: field(kind.score),
      revision: field(1),
      complete: field(false),
      comment: field(undefined),
      metadata: field(undefined),
      answeredAt: field('2025-03-20T15:30:00Z'),
    }),
  );

const display = fc.record({ ...shared, type: field('nps'), shownAt: field('2025-03-20T15:30:00Z') });

/** Either a record, or something that is not one. */
const anything = (record: fc.Arbitrary<unknown>) => fc.oneof({ weight: 9, arbitrary: record }, fc.constantFrom(...ANY));

describe('the browser checks of wire records give the verdicts of the zod schemas (property test)', () => {
  it(`responses: ${RUNS.numRuns} random records`, () => {
    let valid = 0;
    fc.assert(
      fc.property(anything(response), (value) => {
        const ours = responseProblem(value) === undefined;
        if (ours) valid++;
        expect(ours, `${JSON.stringify(value)}: ${responseProblem(value) ?? 'valid'}`).to.equal(
          responseSchema.safeParse(value).success,
        );
      }),
      RUNS,
    );
    // Both verdicts occur often enough for the comparison to mean something.
    expect(valid).to.be.above(RUNS.numRuns / 100);
  });

  it(`displays: ${RUNS.numRuns} random records`, () => {
    let valid = 0;
    fc.assert(
      fc.property(anything(display), (value) => {
        const ours = displayProblem(value) === undefined;
        if (ours) valid++;
        expect(ours, `${JSON.stringify(value)}: ${displayProblem(value) ?? 'valid'}`).to.equal(
          displaySchema.safeParse(value).success,
        );
      }),
      RUNS,
    );
    expect(valid).to.be.above(RUNS.numRuns / 100);
  });
});
