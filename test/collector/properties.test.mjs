// Property-based tests (fast-check) of POST /v1/responses: whatever arrives, the collector never
// answers 5xx, never falls over, and stores nothing unless the whole batch is valid (the table's
// fingerprint is compared before and after every request). Valid batches are stored exactly.
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  backends,
  batch,
  clearResponses,
  post,
  request,
  response,
  rows,
  snapshot,
  startTestCollector,
  uuid,
} from './helpers.mjs';

const { envelopeSchema } = await import(new URL('../../collector/dist/src/wire.js', import.meta.url).href);

const RUNS = { numRuns: 200 };
const SCALE = { nps: { min: 0, max: 10 }, csat: { min: 1, max: 5 }, ces: { min: 1, max: 7 } };

// ---- strings ----------------------------------------------------------------------------------
/** Any UTF-16 code unit: NUL, control characters, lone surrogates included. */
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
const nastyUnit = fc.oneof(
  anyUnit,
  fc.constantFrom('\u0000', '\ud800', '\udfff', '\ud83d\ude00', '"', '\\', '\n', '\r', '=', '\u2028', '\ufeff', 'ی'),
);
const hostileString = (maxLength = 40) => fc.string({ unit: nastyUnit, maxLength });
/** Valid text for the database: anything but NUL (lone surrogates are stored as U+FFFD). */
const storableUnit = fc
  .oneof(anyUnit, fc.constantFrom('\ud800', '\udc00', 'é', 'ی', '😀'))
  .filter((c) => c !== '\u0000');
/** Lengths count code points, as the wire schema does (an emoji is one, a lone surrogate one). */
const codePoints = (s) => [...s].length;
const text = (minLength, maxLength) =>
  fc
    .string({ unit: storableUnit, minLength, maxLength })
    .map((s) => [...s].slice(0, maxLength).join(''))
    .filter((s) => codePoints(s) >= minLength);

// ---- valid responses --------------------------------------------------------------------------
const pad = (n, width = 2) => String(n).padStart(width, '0');
/**
 * A real time from 2020 to now (what the collector takes: not before 2020-01-01, at most a day after
 * the time of receipt), in UTC or with an offset (a day of margin on both ends for the offset).
 */
const isoTime = fc
  .record({
    date: fc.date({
      min: new Date('2020-01-02T00:00:00Z'),
      max: new Date(Date.now() - 86_400_000),
      noInvalidDate: true,
    }),
    offset: fc.option(fc.integer({ min: -12 * 60, max: 14 * 60 }), { nil: undefined }),
    fraction: fc.option(fc.stringMatching(/^\.\d{1,9}$/), { nil: undefined }),
  })
  .map(({ date, offset, fraction }) => {
    const d = date;
    const local = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${fraction ?? ''}`;
    if (offset === undefined) return `${local}Z`;
    const sign = offset < 0 ? '-' : '+';
    return `${local}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  });
const metadataKey = fc.oneof(text(1, 20), fc.constantFrom('__proto__', 'constructor', 'toString', 'a,b', '=x'));
const metadata = fc.dictionary(
  metadataKey,
  fc.oneof(text(0, 50), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.integer()),
  { maxKeys: 5 },
);
const validResponse = fc
  .record({
    id: fc.uuid(),
    upper: fc.boolean(),
    revision: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 2 ** 31 - 1 })),
    complete: fc.boolean(),
    surveyId: fc.stringMatching(/^[a-z0-9_-]{1,64}$/),
    type: fc.constantFrom('nps', 'csat', 'ces'),
    score01: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
    comment: fc.option(text(0, 200), { nil: undefined }),
    locale: text(2, 64),
    touchpoint: fc.option(text(0, 64), { nil: undefined }),
    url: text(0, 200),
    metadata: fc.option(metadata, { nil: undefined }),
    answeredAt: isoTime,
  })
  .map(({ upper, score01, url, type, ...r }) => {
    const { min, max } = SCALE[type];
    return {
      ...r,
      id: upper ? r.id.toUpperCase() : r.id,
      type,
      score: min + Math.floor(score01 * (max - min + 1)),
      scale: SCALE[type],
      page: { url },
    };
  });
const validBatch = fc.array(validResponse, { minLength: 1, maxLength: 5 });

/** What the database should hold for a string: lone surrogates become U+FFFD. */
const stored = (s) => (typeof s === 'string' ? s.toWellFormed() : s);

// ---- values that break one field for sure -----------------------------------------------------
const MISSING = undefined;
const BREAKERS = {
  id: ['not-a-uuid', '', `${uuid(1)}x`, 42, null, MISSING, ['x'], { id: uuid(1) }],
  revision: [0, -1, 1.5, '1', null, MISSING, 2 ** 53, 2 ** 31, true],
  complete: ['true', 1, 0, null, MISSING, []],
  surveyId: ['Has Space', '', 'x'.repeat(65), 'UPPER', 'ü', 5, null, MISSING],
  type: ['NPS', 'other', '', null, MISSING, 1, '__proto__', 'constructor'],
  score: [-1, 11, 1.5, '5', null, MISSING, 1e308, Number.MAX_SAFE_INTEGER + 2],
  scale: [{ min: -1, max: 99 }, null, [], MISSING, { min: '0', max: '10' }, { min: 0 }, 'x'],
  comment: ['x'.repeat(2001), 5, null, [], {}, 'a\u0000b'],
  locale: ['e', '', 'x'.repeat(65), 5, MISSING, null, 'e\u0000'],
  touchpoint: ['x'.repeat(65), 5, null, false, 'check\u0000out'],
  page: [null, {}, { url: 5 }, { url: 'x'.repeat(4097) }, 'https://x', MISSING, { url: '/\u0000' }],
  metadata: [
    [],
    'x',
    { a: { b: 1 } },
    { a: null },
    { '': 1 },
    Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i])),
    { a: 'x'.repeat(501) },
    { a: [1] },
    null,
    { ['k'.repeat(65)]: 1 },
    { a: 'x\u0000' },
  ],
  answeredAt: [
    'yesterday',
    '2024-03-01',
    '2024-03-01T10:00:00',
    1709287200000,
    '2023-02-29T10:00:00Z',
    '2024-03-01T24:00:00Z',
    '2024-03-01T10:60:00Z',
    '2024-03-01T10:00:00+15:00',
    '0000-06-01T00:00:00Z',
    '0099-12-31T23:59:59Z',
    '0999-12-31T23:59:59Z',
    '2019-12-31T23:59:59Z',
    '2020-01-01T00:29:59+00:30',
    '9999-12-31T23:59:59-14:00',
    new Date(Date.now() + 2 * 86_400_000).toISOString(),
    null,
    MISSING,
  ],
};
/** For the score, "out of range" depends on the type: so the breaker sets both. */
const brokenOne = fc
  .record({
    responses: validBatch,
    field: fc.constantFrom(...Object.keys(BREAKERS)),
    pick: fc.nat(),
    at: fc.nat(),
  })
  .map(({ responses, field, pick, at }) => {
    const index = at % responses.length;
    const value = BREAKERS[field][pick % BREAKERS[field].length];
    // (For the score, −1 is below every scale and 11 above every scale.)
    const broken = { ...responses[index], [field]: value };
    const list = responses.map((r, i) => (i === index ? broken : r));
    return { list, index, field, value };
  });

// ---- hostile shapes ---------------------------------------------------------------------------
const RAW = '"\u0001RAW\u0001"';
/** A valid batch's JSON with one value swapped for a raw JSON literal (numbers JSON.stringify cannot write). */
const withRaw = (list, path, literal) => {
  const copy = structuredClone(list);
  let target = copy[0];
  for (const key of path.slice(0, -1)) target = target[key] ??= {};
  target[path.at(-1)] = '\u0001RAW\u0001';
  return JSON.stringify(batch(copy)).replace(RAW, literal);
};
const hugeNumber = fc.constantFrom(
  '1e400',
  '-1e400',
  '1e308',
  '-1e-400',
  '9007199254740993',
  '2147483648',
  '-0',
  '1.0000000000000002',
  '123456789012345678901234567890',
  '0.1e1',
  '1E1',
);
const numberField = fc.constantFrom(['revision'], ['score'], ['scale', 'min'], ['scale', 'max'], ['metadata', 'n']);
const protoShape = fc.constantFrom(
  (b) => `{"__proto__":{"v":1},${b.slice(1)}`,
  (b) => b.replace('{"id"', '{"__proto__":{"type":"nps","score":10},"id"'),
  (b) => b.replace('"page":{', '"page":{"__proto__":{"url":"/"},'),
  (b) => b.replace('"scale":{', '"scale":{"__proto__":{"min":0},'),
  (b) => b.replace('{"v":1', '{"v":1,"responses":{"__proto__":[]}'),
  (b) => b.replace('"id"', '"metadata":{"__proto__":"x","constructor":1,"prototype":true},"id"'),
  (b) => b.replace('"responses":[', '"responses":[{"__proto__":null},'),
);
const deep = fc.record({ depth: fc.integer({ min: 1, max: 12_000 }), kind: fc.nat(5) }).map(({ depth, kind }) => {
  const arrays = '['.repeat(depth) + ']'.repeat(depth);
  const objects = '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
  const base = JSON.stringify(batch([response(9001)]));
  switch (kind) {
    case 0:
      return arrays;
    case 1:
      return objects;
    case 2:
      return base.replace('"page":{"url":"https://shop.example/checkout"}', `"page":${objects}`);
    case 3:
      return base.replace('"answeredAt"', `"metadata":${objects},"answeredAt"`);
    case 4:
      return base.replace('"responses":[', `"responses":[${arrays},`);
    default:
      return base.replace('"v":1', `"v":${arrays}`);
  }
});
const wrongTypes = fc.record({
  field: fc.constantFrom(...Object.keys(BREAKERS), 'v', 'sentAt', 'responses'),
  value: fc.oneof(fc.anything({ maxDepth: 2 }), fc.constantFrom(null, true, 0, '', [], {}, 'x', -1, 1.5)),
});
const withNasty = fc.record({
  field: fc.constantFrom('comment', 'locale', 'touchpoint', 'url', 'metaKey', 'metaValue', 'surveyId', 'id'),
  value: hostileString(30),
});

const hostileBody = fc.oneof(
  fc
    .record({ list: validBatch, path: numberField, literal: hugeNumber })
    .map(({ list, path, literal }) => withRaw(list, path, literal)),
  fc.record({ list: validBatch, shape: protoShape }).map(({ list, shape }) => shape(JSON.stringify(batch(list)))),
  deep,
  fc.record({ list: validBatch, wrong: wrongTypes }).map(({ list, wrong }) => {
    if (wrong.field === 'v' || wrong.field === 'sentAt' || wrong.field === 'responses')
      return JSON.stringify({ ...batch(list), [wrong.field]: wrong.value });
    return JSON.stringify(batch(list.map((r, i) => (i === 0 ? { ...r, [wrong.field]: wrong.value } : r))));
  }),
  fc.record({ list: validBatch, nasty: withNasty }).map(({ list, nasty }) => {
    const r = { ...list[0] };
    const v = nasty.value;
    if (nasty.field === 'url') r.page = { url: v };
    else if (nasty.field === 'metaKey') r.metadata = { [v]: 1 };
    else if (nasty.field === 'metaValue') r.metadata = { k: v };
    else r[nasty.field] = v;
    return JSON.stringify(batch([r, ...list.slice(1)]));
  }),
  fc.constantFrom(
    JSON.stringify(batch(Array.from({ length: 501 }, () => 0))),
    JSON.stringify(batch(Array.from({ length: 501 }, (_, i) => ({ id: uuid(i) })))),
    JSON.stringify(batch(Array.from({ length: 501 }, (_, i) => response(5000 + i)))),
    JSON.stringify(batch(Array.from({ length: 500 }, (_, i) => response(6000 + i)))),
    JSON.stringify(batch(Array.from({ length: 500 }, () => null))),
  ),
);

for (const backend of backends()) {
  const { after, before, it } = backend.test;
  describe(`properties of POST /v1/responses (${backend.name})`, () => {
    let store;
    let collector;
    let url;
    let db;

    before(async () => {
      store = await backend.createStore();
      collector = await startTestCollector(store);
      ({ url, db } = collector);
    });
    after(async () => {
      await collector?.close();
      await store?.cleanup();
    });

    /** Seeds rows a partial write would change: the broken batches reuse these ids with higher revisions. */
    const SEEDED = [uuid(1), uuid(2), uuid(3)];
    const seed = async () => {
      await clearResponses(db);
      const res = await post(
        url,
        SEEDED.map((_, i) => response(i + 1)),
      );
      assert.equal(res.status, 200);
    };

    /** Sends `body`; asserts no 5xx and that a refused body changed nothing. Returns the answer. */
    async function throwAt(body, contentType = 'application/json') {
      const before = await snapshot(db);
      const res = await post(url, body, { contentType });
      assert.ok(res.status < 500, `5xx for ${show(body)}: ${res.status} ${res.text}`);
      assert.ok([200, 400, 413, 422].includes(res.status), `unexpected ${res.status} for ${show(body)}: ${res.text}`);
      if (res.status !== 200)
        assert.equal(await snapshot(db), before, `a refused body (${res.status}) changed the table`);
      return res;
    }
    const show = (body) => JSON.stringify(typeof body === 'string' ? body.slice(0, 300) : `<${body.length} bytes>`);

    /** A 200 is only right for a batch the shared wire schema accepts. */
    const acceptedOnlyIfValid = (body, res) => {
      if (res.status !== 200) return;
      let json;
      assert.doesNotThrow(() => (json = JSON.parse(Buffer.isBuffer(body) ? body.toString('utf8') : body)));
      assert.ok(envelopeSchema.safeParse(json).success, `200 for a batch the wire schema refuses: ${show(body)}`);
    };

    it('arbitrary strings and bytes: never 5xx, nothing stored', async () => {
      await seed();
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            hostileString(200),
            fc.string({ unit: 'binary', maxLength: 200 }),
            fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
          ),
          fc.constantFrom('application/json', 'text/plain;charset=UTF-8', 'text/plain'),
          async (body, contentType) => {
            const res = await throwAt(body, contentType);
            acceptedOnlyIfValid(body, res);
          },
        ),
        RUNS,
      );
    });

    it('arbitrary JSON (fc.json, fc.anything): never 5xx, nothing stored', async () => {
      await seed();
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.json(),
            fc.anything().map((v) => JSON.stringify(v) ?? 'null'),
            fc
              .record({
                v: fc.oneof(fc.constant(1), fc.anything({ maxDepth: 1 })),
                sentAt: fc.oneof(isoTime, fc.anything({ maxDepth: 1 })),
                responses: fc.array(fc.anything({ maxDepth: 3 }), { maxLength: 6 }),
                displays: fc.option(fc.array(fc.anything({ maxDepth: 3 }), { maxLength: 4 }), { nil: undefined }),
              })
              .map((b) => JSON.stringify(b)),
          ),
          async (body) => {
            const res = await throwAt(body);
            acceptedOnlyIfValid(body, res);
          },
        ),
        RUNS,
      );
    });

    it('hostile shapes (huge numbers, __proto__, deep nesting, wrong types, NUL and lone surrogates, 501 responses): never 5xx, nothing stored unless valid', async () => {
      await seed();
      await fc.assert(
        fc.asyncProperty(hostileBody, async (body) => {
          const res = await throwAt(body);
          acceptedOnlyIfValid(body, res);
        }),
        RUNS,
      );
    });

    it('a valid batch with one field broken: 422 naming that item, nothing of the batch stored', async () => {
      await seed();
      await fc.assert(
        fc.asyncProperty(brokenOne, fc.boolean(), async ({ list, index, field, value }, reuseSeeded) => {
          // Half the time the valid items update seeded rows (revision 10 > 1): a partial write would show.
          const batchList = reuseSeeded
            ? list.map((r, i) => (i === index ? r : { ...r, id: SEEDED[i % SEEDED.length], revision: 10 }))
            : list;
          const body = JSON.stringify(batch(batchList));
          const res = await throwAt(body);
          assert.equal(res.status, 422, `${field} = ${JSON.stringify(value)?.slice(0, 80)}: ${res.status} ${res.text}`);
          assert.equal(res.json.invalid.length, 1, res.text);
          const [item] = res.json.invalid;
          assert.equal(item.index, index);
          const sentId = batchList[index].id;
          assert.equal(item.id, typeof sentId === 'string' ? sentId.slice(0, 64) : undefined);
          assert.ok(item.problems.length > 0);
        }),
        RUNS,
      );
    });

    it('valid batches (any text, lone surrogates, ids in any case): 200, stored exactly', async () => {
      await fc.assert(
        fc.asyncProperty(validBatch, async (list) => {
          await clearResponses(db);
          const res = await post(url, list);
          assert.equal(res.status, 200, res.text);
          const highest = new Map();
          for (const r of list) {
            const id = r.id.toLowerCase();
            if (!highest.has(id) || highest.get(id).revision < r.revision) highest.set(id, r);
          }
          assert.deepEqual(res.json, { accepted: highest.size });
          const got = await rows(db);
          assert.equal(got.length, highest.size);
          for (const row of got) {
            const r = highest.get(row.id);
            assert.ok(r, `unexpected row ${row.id}`);
            assert.equal(row.revision, r.revision);
            assert.equal(row.complete, r.complete);
            assert.equal(row.survey_id, r.surveyId);
            assert.equal(row.type, r.type);
            assert.equal(row.score, r.score);
            assert.equal(row.comment, r.comment === undefined ? null : stored(r.comment));
            assert.equal(row.locale, stored(r.locale));
            assert.equal(row.touchpoint, r.touchpoint === undefined ? null : stored(r.touchpoint));
            assert.equal(row.page_url, stored(r.page.url));
            const meta =
              r.metadata === undefined
                ? null
                : JSON.parse(
                    JSON.stringify(
                      Object.fromEntries(Object.entries(r.metadata).map(([k, v]) => [stored(k), stored(v)])),
                    ),
                  );
            assert.deepEqual(row.metadata, meta);
            // The database keeps microseconds, a JavaScript Date milliseconds: within 1 ms.
            const drift = Math.abs(new Date(row.answered_at).getTime() - new Date(r.answeredAt).getTime());
            assert.ok(drift <= 1, `answered_at ${new Date(row.answered_at).toISOString()} for ${r.answeredAt}`);
          }
        }),
        RUNS,
      );
    });

    it('is still up and answering afterwards', async () => {
      const health = await request(url, '/health');
      assert.equal(health.status, 200);
      assert.equal((await post(url, [response(77)])).status, 200);
    });
  });
}
