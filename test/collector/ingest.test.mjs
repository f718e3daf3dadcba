// POST /v1/responses over HTTP (SPEC §4, §7): content types, upsert by id keeping the highest
// revision, refusals (400, 422, 413, 415, 403, 429) that store nothing, CORS, the admin token and
// receivedAt. Runs against every back end of helpers.mjs.
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALLOWED_ORIGIN,
  OTHER_ALLOWED_ORIGIN,
  admin,
  backends,
  batch,
  clearResponses,
  countRows,
  post,
  request,
  response,
  rows,
  snapshot,
  startExtraServer,
  startTestCollector,
  uuid,
} from './helpers.mjs';

for (const backend of backends()) {
  const { after, afterEach, before, beforeEach, it } = backend.test;
  describe(`ingest over HTTP (${backend.name})`, () => {
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
    beforeEach(() => clearResponses(db));

    describe('accepted bodies', () => {
      it('takes application/json: 200 with the count accepted, every field stored', async () => {
        const answer = response(1, {
          score: 9,
          comment: 'Quick, and the "pay" button worked',
          touchpoint: 'checkout',
          metadata: { plan: 'pro', seats: 3, trial: false },
          complete: false,
          locale: 'fa-IR',
          answeredAt: '2024-03-01T10:00:00+03:30',
        });
        const res = await post(url, [answer, response(2, { surveyId: 'survey-b', type: 'csat', score: 4 })], {
          contentType: 'application/json',
        });
        assert.equal(res.status, 200, res.text);
        assert.deepEqual(res.json, { accepted: 2 });
        assert.match(res.headers['content-type'], /^application\/json/);
        const [first, second] = await rows(db);
        assert.equal(first.id, uuid(1));
        assert.equal(first.revision, 1);
        assert.equal(first.complete, false);
        assert.equal(first.survey_id, 'survey-a');
        assert.equal(first.type, 'nps');
        assert.equal(first.score, 9);
        assert.equal(first.comment, 'Quick, and the "pay" button worked');
        assert.equal(first.locale, 'fa-IR');
        assert.equal(first.touchpoint, 'checkout');
        assert.equal(first.page_url, 'https://shop.example/checkout');
        assert.deepEqual(first.metadata, { plan: 'pro', seats: 3, trial: false });
        // 10:00 at +03:30 is 06:30 UTC.
        assert.equal(new Date(first.answered_at).toISOString(), '2024-03-01T06:30:00.000Z');
        assert.equal(new Date(first.sent_at).toISOString(), '2024-03-04T12:00:00.000Z');
        assert.equal(second.survey_id, 'survey-b');
        assert.equal(second.type, 'csat');
        assert.equal(second.comment, null);
        assert.equal(second.touchpoint, null);
        assert.equal(second.metadata, null);
      });

      it('takes text/plain;charset=UTF-8 (a sendBeacon body) the same way', async () => {
        const res = await post(url, [response(1)], { contentType: 'text/plain;charset=UTF-8' });
        assert.equal(res.status, 200, res.text);
        assert.deepEqual(res.json, { accepted: 1 });
        assert.equal(await countRows(db), 1);
      });

      it('takes a text/plain beacon from an allowed origin, and application/json with charset', async () => {
        const beacon = await post(url, [response(1)], { contentType: 'text/plain', origin: ALLOWED_ORIGIN });
        assert.equal(beacon.status, 200, beacon.text);
        const json = await post(url, [response(2)], { contentType: 'Application/JSON; charset=utf-8' });
        assert.equal(json.status, 200, json.text);
        assert.equal(await countRows(db), 2);
      });

      it('answers 200 to a duplicate and stores it once', async () => {
        const body = [response(1, { comment: 'same' })];
        const first = await post(url, body);
        const again = await post(url, body);
        assert.equal(first.status, 200);
        assert.equal(again.status, 200);
        assert.deepEqual(again.json, { accepted: 1 });
        const inOneBatch = await post(url, [response(2), response(2), response(2)]);
        assert.equal(inOneBatch.status, 200);
        assert.deepEqual(inOneBatch.json, { accepted: 1 });
        const stored = await rows(db);
        assert.deepEqual(
          stored.map((r) => [r.id, r.revision]),
          [
            [uuid(1), 1],
            [uuid(2), 1],
          ],
        );
      });

      it('treats an id in upper case as the same response (UUIDs ignore case)', async () => {
        const res = await post(url, [
          response(10, { revision: 1 }),
          response(10, { id: uuid(10).toUpperCase(), revision: 2 }),
        ]);
        assert.equal(res.status, 200, res.text);
        assert.deepEqual(res.json, { accepted: 1 });
        const later = await post(url, [response(10, { id: uuid(10).toUpperCase(), revision: 3, score: 1 })]);
        assert.equal(later.status, 200, later.text);
        const stored = await rows(db);
        assert.equal(stored.length, 1);
        assert.equal(stored[0].revision, 3);
        assert.equal(stored[0].score, 1);
      });

      it('lets revision 2 replace revision 1, but not a late revision 1 replace revision 2', async () => {
        await post(url, [response(1, { revision: 1, score: 3, complete: false })]);
        const second = await post(url, [
          response(1, { revision: 2, score: 3, comment: 'slow delivery', complete: true }),
        ]);
        assert.equal(second.status, 200);
        let [row] = await rows(db);
        assert.equal(row.revision, 2);
        assert.equal(row.comment, 'slow delivery');
        assert.equal(row.complete, true);
        const receivedRevision2 = new Date(row.received_at).getTime();

        const late = await post(url, [response(1, { revision: 1, score: 10, complete: false })]);
        assert.equal(late.status, 200, 'a late revision is still delivered (200)');
        [row] = await rows(db);
        assert.equal(row.revision, 2);
        assert.equal(row.score, 3);
        assert.equal(row.comment, 'slow delivery');
        assert.equal(row.complete, true);
        assert.equal(new Date(row.received_at).getTime(), receivedRevision2, 'the ignored revision changed nothing');

        // In one batch, the highest revision wins whatever the order.
        await post(url, [
          response(2, { revision: 3, score: 8 }),
          response(2, { revision: 1, score: 0 }),
          response(2, { revision: 2, score: 5 }),
        ]);
        const two = (await rows(db)).find((r) => r.id === uuid(2));
        assert.equal(two.revision, 3);
        assert.equal(two.score, 8);
      });

      it('records receivedAt (server time) and keeps the first receipt across revisions', async () => {
        const before1 = Date.now();
        await post(url, [response(1, { answeredAt: '2020-01-01T00:00:00Z' })], {});
        const after1 = Date.now();
        let [row] = await rows(db);
        const received1 = new Date(row.received_at).getTime();
        assert.ok(received1 >= before1 && received1 <= after1, `received_at ${row.received_at} is the time of receipt`);
        assert.equal(new Date(row.first_received_at).getTime(), received1);
        assert.equal(new Date(row.answered_at).toISOString(), '2020-01-01T00:00:00.000Z', 'answeredAt is kept as sent');

        await new Promise((resolve) => setTimeout(resolve, 15));
        const before2 = Date.now();
        await post(url, [response(1, { revision: 2 })]);
        const after2 = Date.now();
        [row] = await rows(db);
        const received2 = new Date(row.received_at).getTime();
        assert.ok(received2 >= before2 && received2 <= after2);
        assert.equal(new Date(row.first_received_at).getTime(), received1, 'first_received_at stays');
      });

      it('accepts a request without Origin (a server or script, not a browser)', async () => {
        const res = await post(url, [response(1)]);
        assert.equal(res.status, 200);
      });
    });

    describe('refusals store nothing', () => {
      it('400 for a body that is not JSON', async () => {
        for (const body of ['', 'not json', '{"v":1,', '\u00ff\u00fe', '{"v":1}garbage']) {
          const res = await post(url, body);
          assert.equal(res.status, 400, `${JSON.stringify(body)} -> ${res.text}`);
          assert.match(res.json.error, /not JSON/);
        }
        assert.equal(await countRows(db), 0);
      });

      it('400 for JSON that is not the wire-format envelope', async () => {
        const cases = [
          null,
          1,
          'text',
          [],
          {},
          [response(1)],
          { v: 2, sentAt: '2024-03-04T12:00:00Z', responses: [response(1)] },
          { v: '1', sentAt: '2024-03-04T12:00:00Z', responses: [response(1)] },
          { v: 1, responses: [response(1)] },
          { v: 1, sentAt: 'yesterday', responses: [response(1)] },
          { v: 1, sentAt: '2024-02-30T12:00:00Z', responses: [response(1)] },
          { v: 1, sentAt: '2024-03-04T12:00:00Z' },
          { v: 1, sentAt: '2024-03-04T12:00:00Z', responses: [] },
          { v: 1, sentAt: '2024-03-04T12:00:00Z', responses: response(1) },
          { v: 1, sentAt: '2024-03-04T12:00:00Z', responses: Array.from({ length: 501 }, () => 0) },
        ];
        for (const body of cases) {
          const res = await post(url, JSON.stringify(body));
          assert.equal(res.status, 400, `${JSON.stringify(body).slice(0, 80)} -> ${res.text}`);
          assert.match(res.json.error, /wire format v1/);
        }
        assert.equal(await countRows(db), 0);
      });

      it('422 naming each invalid item by index and id, and none of the batch stored', async () => {
        const res = await post(url, [
          response(1),
          response(2, { score: 11 }),
          response(3),
          { ...response(4), id: 'not-a-uuid' },
          response(5, { type: 'ces', scale: { min: 1, max: 5 } }),
          42,
        ]);
        assert.equal(res.status, 422, res.text);
        assert.match(res.json.error, /none of this batch was stored/);
        assert.deepEqual(
          res.json.invalid.map(({ index, id }) => ({ index, id })),
          [
            { index: 1, id: uuid(2) },
            { index: 3, id: 'not-a-uuid' },
            { index: 4, id: uuid(5) },
            { index: 5, id: undefined },
          ],
        );
        for (const item of res.json.invalid) assert.ok(item.problems.length > 0, 'each item says what is wrong');
        assert.equal(await countRows(db), 0, 'the valid items 0 and 2 were not stored either');
      });

      it('422 for values the schema lets through but the database cannot hold', async () => {
        const cases = [
          [response(1, { revision: 2 ** 31 }), /revision/],
          [response(1, { comment: 'a\u0000b' }), /comment: contains a NUL/],
          [response(1, { metadata: { 'k\u0000': 1 } }), /metadata: contains a NUL/],
          [response(1, { answeredAt: '2023-02-29T10:00:00Z' }), /answeredAt/],
          [response(1, { answeredAt: '2024-03-01T24:00:00Z' }), /answeredAt/],
          [response(1, { answeredAt: '2024-03-01T10:00:00+99:00' }), /answeredAt/],
          [response(1, { answeredAt: '0000-01-01T00:00:00Z' }), /answeredAt/],
          [response(1, { answeredAt: '0001-01-01T00:00:00+05:00' }), /answeredAt/],
          [response(1, { answeredAt: '0099-06-01T00:00:00Z' }), /answeredAt/],
        ];
        for (const [item, problem] of cases) {
          const res = await post(url, [response(2), item]);
          assert.equal(res.status, 422, `${JSON.stringify(item).slice(0, 200)} -> ${res.text}`);
          assert.equal(res.json.invalid.length, 1);
          assert.equal(res.json.invalid[0].index, 1);
          assert.equal(res.json.invalid[0].id, uuid(1));
          assert.match(res.json.invalid[0].problems.join('; '), problem);
        }
        assert.equal(await countRows(db), 0);
        // The leap day of a leap year is a real day.
        assert.equal((await post(url, [response(1, { answeredAt: '2024-02-29T10:00:00Z' })])).status, 200);
      });

      it('stores a lone surrogate (a comment cut inside a character pair) as U+FFFD', async () => {
        const res = await post(url, [response(1, { comment: 'ok \ud83d', metadata: { note: '\udc00x' } })]);
        assert.equal(res.status, 200, res.text);
        const [row] = await rows(db);
        assert.equal(row.comment, 'ok \ufffd');
        assert.deepEqual(row.metadata, { note: '\ufffdx' });
      });

      it('413 above 64 KB, with or without Content-Length', async () => {
        const valid = JSON.stringify(batch([response(1)]));
        const justFits = valid + ' '.repeat(64 * 1024 - Buffer.byteLength(valid));
        const tooBig = justFits + ' ';
        const fits = await post(url, justFits);
        assert.equal(fits.status, 200, 'exactly 64 KB is accepted');
        await clearResponses(db);
        const declared = await post(url, tooBig);
        assert.equal(declared.status, 413);
        assert.match(declared.json.error, /65536 bytes/);
        const streamed = await post(url, tooBig + ' '.repeat(200_000), { chunked: true });
        assert.equal(streamed.status, 413);
        assert.equal(await countRows(db), 0);
        // The collector still answers afterwards.
        assert.equal((await post(url, [response(2)])).status, 200);
      });

      it('415 for other content types', async () => {
        const body = JSON.stringify(batch([response(1)]));
        for (const contentType of [
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'text/html',
          'application/jsonp',
          null,
        ]) {
          const res = await post(url, body, { contentType });
          assert.equal(res.status, 415, `${contentType} -> ${res.status}`);
        }
        assert.equal(await countRows(db), 0);
      });

      it('403 for an Origin not on CSAT_ALLOWED_ORIGINS, also for a text/plain beacon', async () => {
        for (const [origin, contentType] of [
          ['https://evil.example', 'application/json'],
          ['https://evil.example', 'text/plain;charset=UTF-8'],
          ['https://shop.example:8443', 'text/plain'],
          ['http://shop.example', 'application/json'],
          ['null', 'text/plain'],
        ]) {
          const res = await post(url, [response(1)], { origin, contentType });
          assert.equal(res.status, 403, `${origin} ${contentType} -> ${res.status}`);
          assert.match(res.json.error, /CSAT_ALLOWED_ORIGINS/);
          assert.equal(res.json.code, 'origin-refused');
          // Readable by the page, so the widget can say why (csat-error origin-refused).
          assert.equal(res.headers['access-control-allow-origin'], origin);
        }
        assert.equal(await countRows(db), 0);
      });

      it('401 for reports without the admin token or with a wrong one', async () => {
        await post(url, [response(1)]);
        for (const path of ['/v1/surveys', '/v1/surveys/survey-a/report', '/v1/surveys/survey-a/responses.csv']) {
          for (const auth of [
            null,
            'Bearer wrong-token-0123456789',
            'test-admin-token-0123456789',
            'Bearer ',
            'Basic dGVzdA==',
          ]) {
            const res = await admin(url, path, auth);
            assert.equal(res.status, 401, `${path} with ${auth} -> ${res.status}`);
            assert.equal(res.headers['www-authenticate'], 'Bearer');
            assert.doesNotMatch(res.text, /survey-a"/, 'nothing of the data leaks');
          }
          assert.equal((await admin(url, path)).status, 200, `${path} with the token`);
        }
      });
    });

    describe('CORS', () => {
      it('answers an allowed origin with its CORS headers', async () => {
        for (const origin of [ALLOWED_ORIGIN, OTHER_ALLOWED_ORIGIN]) {
          const res = await post(url, [response(1)], { origin });
          assert.equal(res.status, 200);
          assert.equal(res.headers['access-control-allow-origin'], origin);
          assert.match(res.headers.vary, /origin/i);
          assert.match(res.headers['access-control-expose-headers'], /retry-after/i);
        }
      });

      it('answers the preflight of an allowed origin, and lets another one through to a readable 403', async () => {
        const ok = await request(url, '/v1/responses', {
          method: 'OPTIONS',
          headers: {
            origin: ALLOWED_ORIGIN,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type',
          },
        });
        assert.equal(ok.status, 204);
        assert.equal(ok.headers['access-control-allow-origin'], ALLOWED_ORIGIN);
        assert.match(ok.headers['access-control-allow-methods'], /POST/);
        assert.match(ok.headers['access-control-allow-headers'], /content-type/i);
        assert.ok(Number(ok.headers['access-control-max-age']) > 0);

        const refused = await request(url, '/v1/responses', {
          method: 'OPTIONS',
          headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
        });
        // The POST that follows is refused (403, nothing stored, above); a refused preflight would
        // leave the page with a bare network error instead of the reason.
        assert.equal(refused.status, 204);
        assert.equal(refused.headers['access-control-allow-origin'], 'https://evil.example');
        assert.equal(refused.headers['access-control-expose-headers'], undefined);
      });

      it('405 for other methods on /v1/responses', async () => {
        const res = await request(url, '/v1/responses', { method: 'PUT', body: '{}' });
        assert.equal(res.status, 405);
        assert.match(res.headers.allow, /POST/);
      });
    });

    describe('rate limit', () => {
      let limited;
      before(async () => {
        limited = await startExtraServer(collector, { rateLimit: 3 });
      });
      after(() => limited?.close());

      it('429 with Retry-After past CSAT_RATE_LIMIT requests a minute, storing nothing', async () => {
        // On PostgreSQL the counters are shared by every server on the database: start from none.
        await db.query('DELETE FROM csat_rate_limits');
        for (let i = 1; i <= 3; i++) {
          const res = await post(limited.url, [response(i)]);
          assert.equal(res.status, 200, `request ${i} is within the limit`);
        }
        const refused = await post(limited.url, [response(4)], { origin: ALLOWED_ORIGIN });
        assert.equal(refused.status, 429);
        const retryAfter = Number(refused.headers['retry-after']);
        assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
        assert.equal(refused.headers['access-control-allow-origin'], ALLOWED_ORIGIN, 'the browser may read it');
        assert.deepEqual(
          (await rows(db)).map((r) => r.id),
          [uuid(1), uuid(2), uuid(3)],
          'the refused batch was not stored',
        );
      });
    });

    describe('concurrency', () => {
      afterEach(() => clearResponses(db));

      it('20 concurrent POSTs of revisions 1..20 of one id, in random order, end with revision 20', async () => {
        for (let round = 0; round < 3; round++) {
          await clearResponses(db);
          const revisions = Array.from({ length: 20 }, (_, i) => i + 1);
          for (let i = revisions.length - 1; i > 0; i--) {
            const j = Math.floor(Math.random() * (i + 1));
            [revisions[i], revisions[j]] = [revisions[j], revisions[i]];
          }
          const results = await Promise.all(
            revisions.map((revision) =>
              post(url, [response(1, { revision, score: revision % 11, comment: `r${revision}` })]),
            ),
          );
          assert.deepEqual(
            results.map((r) => r.status),
            revisions.map(() => 200),
          );
          const stored = await rows(db);
          assert.equal(stored.length, 1);
          assert.equal(stored[0].revision, 20, `order ${revisions.join(',')}`);
          assert.equal(stored[0].comment, 'r20');
          assert.equal(stored[0].score, 20 % 11);
        }
      });

      it('concurrent batches holding the same ids in opposite orders all succeed', async () => {
        const ids = Array.from({ length: 30 }, (_, i) => i + 1);
        const posts = [];
        for (let k = 1; k <= 10; k++) {
          const order = k % 2 ? ids : [...ids].reverse();
          posts.push(
            post(
              url,
              order.map((n) => response(n, { revision: k })),
            ),
          );
        }
        const results = await Promise.all(posts);
        assert.deepEqual(
          results.map((r) => r.status),
          posts.map(() => 200),
          results.map((r) => r.text).join('\n'),
        );
        const stored = await rows(db);
        assert.equal(stored.length, 30);
        assert.ok(stored.every((r) => r.revision === 10));
      });
    });

    describe('survives', () => {
      it('still answers /health after all of the above', async () => {
        const res = await request(url, '/health');
        assert.equal(res.status, 200);
        assert.deepEqual(res.json, { ok: true, database: backend.kind });
        assert.equal(typeof (await snapshot(db)), 'string');
      });
    });
  });
}
