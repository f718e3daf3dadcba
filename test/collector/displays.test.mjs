// Displays on POST /v1/responses (SPEC §4, issue 13): the three envelope shapes (responses,
// displays, both) as application/json and text/plain, displays stored once by id, invalid
// displays named (422) with nothing of the envelope stored, the time window, the same origin
// rule, the displays table as the migration makes it, and the survey list naming a survey that
// has displays but no answer yet. Runs against every back end of helpers.mjs.
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALLOWED_ORIGIN,
  admin,
  backends,
  clearDisplays,
  clearResponses,
  countRows,
  display,
  displayRows,
  envelope,
  post,
  response,
  rows,
  startTestCollector,
  uuid,
} from './helpers.mjs';

const json = (body) => JSON.stringify(body);

for (const backend of backends()) {
  const { after, before, beforeEach, it } = backend.test;
  describe(`displays (${backend.name})`, () => {
    let store;
    let collector;
    let url;
    let db;
    const countDisplays = async () => (await displayRows(db)).length;

    before(async () => {
      store = await backend.createStore();
      collector = await startTestCollector(store);
      ({ url, db } = collector);
    });
    after(async () => {
      await collector?.close();
      await store?.cleanup();
    });
    beforeEach(async () => {
      await clearResponses(db);
      await clearDisplays(db);
    });

    it('the migration makes exactly the displays table and its two indexes', async () => {
      const columns = await db.query(
        `SELECT column_name, data_type, is_nullable, column_default
           FROM information_schema.columns WHERE table_name = 'displays' ORDER BY ordinal_position`,
      );
      assert.deepEqual(
        columns.map((c) => [c.column_name, c.data_type, c.is_nullable]),
        [
          ['id', 'uuid', 'NO'],
          ['survey_id', 'text', 'NO'],
          ['type', 'text', 'NO'],
          ['shown_at', 'timestamp with time zone', 'NO'],
          ['locale', 'text', 'NO'],
          ['touchpoint', 'text', 'YES'],
          ['page_url', 'text', 'NO'],
          ['received_at', 'timestamp with time zone', 'NO'],
        ],
      );
      assert.match(columns.at(-1).column_default, /now\(\)/);
      const indexes = await db.query(
        `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'displays' ORDER BY indexname`,
      );
      assert.deepEqual(
        indexes.map((i) => [i.indexname, i.indexdef.replace(/^.* USING btree /, '')]),
        [
          ['displays_pkey', '(id)'],
          ['displays_survey_time', '(survey_id, shown_at)'],
          ['displays_survey_touchpoint_time', '(survey_id, touchpoint, shown_at)'],
        ],
      );
    });

    it('takes an envelope of displays alone, as application/json and as text/plain: every field stored', async () => {
      const first = display(1, { touchpoint: 'checkout', locale: 'fa-IR', shownAt: '2024-03-01T10:00:00+03:30' });
      const res = await post(
        url,
        json(envelope({ displays: [first, display(2, { surveyId: 'survey-b', type: 'ces' })] })),
      );
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.json, { accepted: 0, acceptedDisplays: 2 });
      const beacon = await post(url, json(envelope({ displays: [display(3)] })), {
        contentType: 'text/plain;charset=UTF-8',
        origin: ALLOWED_ORIGIN,
      });
      assert.equal(beacon.status, 200, beacon.text);
      assert.equal(beacon.headers['access-control-allow-origin'], ALLOWED_ORIGIN);
      const [one, two, three] = await displayRows(db);
      assert.equal(one.id, uuid(1));
      assert.equal(one.survey_id, 'survey-a');
      assert.equal(one.type, 'nps');
      assert.equal(new Date(one.shown_at).toISOString(), '2024-03-01T06:30:00.000Z');
      assert.equal(one.locale, 'fa-IR');
      assert.equal(one.touchpoint, 'checkout');
      assert.equal(one.page_url, 'https://shop.example/checkout');
      assert.ok(
        Math.abs(new Date(one.received_at).getTime() - Date.now()) < 60_000,
        'received_at is the time of receipt',
      );
      assert.equal(two.survey_id, 'survey-b');
      assert.equal(two.type, 'ces');
      assert.equal(two.touchpoint, null);
      assert.equal(three.id, uuid(3));
      assert.equal(await countRows(db), 0, 'no response came with them');
    });

    it('takes responses and displays in one envelope, and responses alone as before', async () => {
      const both = await post(url, json(envelope({ responses: [response(1)], displays: [display(2)] })));
      assert.equal(both.status, 200, both.text);
      assert.deepEqual(both.json, { accepted: 1, acceptedDisplays: 1 });
      const alone = await post(url, [response(3)]);
      assert.deepEqual(alone.json, { accepted: 1 });
      // An empty list beside a full one is no harm.
      const emptyBeside = await post(url, json(envelope({ responses: [], displays: [display(4)] })));
      assert.equal(emptyBeside.status, 200, emptyBeside.text);
      const emptyDisplays = await post(url, json(envelope({ responses: [response(5)], displays: [] })));
      assert.equal(emptyDisplays.status, 200, emptyDisplays.text);
      assert.deepEqual(
        (await rows(db)).map((r) => r.id),
        [uuid(1), uuid(3), uuid(5)],
      );
      assert.deepEqual(
        (await displayRows(db)).map((d) => d.id),
        [uuid(2), uuid(4)],
      );
    });

    it('stores a display once by id: a resend, a duplicate in one envelope, an id in upper case', async () => {
      const res = await post(url, json(envelope({ displays: [display(1), display(1), display(2)] })));
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.json, { accepted: 0, acceptedDisplays: 2 });
      const [stored] = await displayRows(db);
      await new Promise((resolve) => setTimeout(resolve, 15));
      const again = await post(
        url,
        json(envelope({ displays: [display(1, { id: uuid(1).toUpperCase(), touchpoint: 'changed' })] })),
      );
      assert.equal(again.status, 200, 'a resend is delivered (200)');
      const after = await displayRows(db);
      assert.equal(after.length, 2);
      assert.equal(after[0].touchpoint, null, 'the first receipt stays');
      assert.equal(new Date(after[0].received_at).getTime(), new Date(stored.received_at).getTime());
    });

    it('400 for an envelope with neither responses nor displays, or with more than 500 displays', async () => {
      const cases = [
        { v: 1, sentAt: '2024-03-04T12:00:00Z' },
        { v: 1, sentAt: '2024-03-04T12:00:00Z', displays: [] },
        { v: 1, sentAt: '2024-03-04T12:00:00Z', responses: [], displays: [] },
        { v: 1, sentAt: '2024-03-04T12:00:00Z', displays: display(1) },
        { v: 1, sentAt: '2024-03-04T12:00:00Z', displays: Array.from({ length: 501 }, () => 0) },
        { v: 2, sentAt: '2024-03-04T12:00:00Z', displays: [display(1)] },
        { v: 1, displays: [display(1)] },
        { v: 1, sentAt: '2024-02-30T12:00:00Z', displays: [display(1)] },
      ];
      for (const body of cases) {
        const res = await post(url, json(body));
        assert.equal(res.status, 400, `${json(body).slice(0, 80)} -> ${res.text}`);
        assert.match(res.json.error, /wire format v1/);
      }
      assert.equal(await countDisplays(), 0);
    });

    it('422 naming each invalid display (list, index, id), and nothing of the envelope stored', async () => {
      const res = await post(
        url,
        json(
          envelope({
            responses: [response(1), response(2)],
            displays: [
              display(3),
              display(4, { type: 'poll' }),
              { ...display(5), id: 'not-a-uuid' },
              display(6, { surveyId: 'Bad Id' }),
              display(7, { touchpoint: 'x'.repeat(65) }),
              display(8, { page: undefined }),
              42,
            ],
          }),
        ),
      );
      assert.equal(res.status, 422, res.text);
      assert.match(res.json.error, /none of this batch was stored/);
      assert.deepEqual(
        res.json.invalid.map(({ list, index, id }) => ({ list, index, id })),
        [
          { list: 'displays', index: 1, id: uuid(4) },
          { list: 'displays', index: 2, id: 'not-a-uuid' },
          { list: 'displays', index: 3, id: uuid(6) },
          { list: 'displays', index: 4, id: uuid(7) },
          { list: 'displays', index: 5, id: uuid(8) },
          { list: 'displays', index: 6, id: undefined },
        ],
      );
      for (const item of res.json.invalid) assert.ok(item.problems.length > 0, 'each item says what is wrong');
      assert.equal(await countDisplays(), 0, 'the valid display was not stored');
      assert.equal(await countRows(db), 0, 'nor the valid responses beside them');

      // An invalid response beside valid displays: the displays are not stored either.
      const mixed = await post(
        url,
        json(envelope({ responses: [response(1, { score: 11 })], displays: [display(3)] })),
      );
      assert.equal(mixed.status, 422, mixed.text);
      assert.deepEqual(
        mixed.json.invalid.map(({ list, index }) => [list, index]),
        [['responses', 0]],
      );
      assert.equal(await countDisplays(), 0);
    });

    it('422 for a shownAt outside the time window, or one the database cannot hold, and for a NUL', async () => {
      const now = Date.now();
      const cases = [
        [display(1, { shownAt: '2019-12-31T23:59:59Z' }), /shownAt: 2019-12-31T23:59:59Z is before 2020-01-01/],
        [display(1, { shownAt: new Date(now + 25 * 3600_000).toISOString() }), /shownAt: .* more than a day after/],
        [display(1, { shownAt: '2023-02-29T10:00:00Z' }), /shownAt: not a real time/],
        [display(1, { shownAt: 'yesterday' }), /shownAt/],
        [display(1, { touchpoint: 'a\u0000b' }), /touchpoint: contains a NUL/],
        [display(1, { page: { url: 'https://shop.example/\u0000' } }), /page.url: contains a NUL/],
      ];
      for (const [item, problem] of cases) {
        const res = await post(url, json(envelope({ displays: [display(2), item] })));
        assert.equal(res.status, 422, `${json(item).slice(0, 200)} -> ${res.text}`);
        assert.equal(res.json.invalid.length, 1);
        assert.deepEqual(
          [res.json.invalid[0].list, res.json.invalid[0].index, res.json.invalid[0].id],
          ['displays', 1, uuid(1)],
        );
        assert.match(res.json.invalid[0].problems.join('; '), problem);
      }
      assert.equal(await countDisplays(), 0);
      // The edges of the window are inside it.
      const edges = await post(
        url,
        json(
          envelope({
            displays: [
              display(1, { shownAt: '2020-01-01T00:00:00Z' }),
              display(2, { shownAt: new Date(now + 23 * 3600_000).toISOString() }),
            ],
          }),
        ),
      );
      assert.equal(edges.status, 200, edges.text);
      assert.equal(await countDisplays(), 2);
    });

    it('403 for an origin that is not allowed, and nothing stored', async () => {
      for (const contentType of ['application/json', 'text/plain;charset=UTF-8']) {
        const res = await post(url, json(envelope({ displays: [display(1)] })), {
          origin: 'https://evil.example',
          contentType,
        });
        assert.equal(res.status, 403, `${contentType} -> ${res.status}`);
        assert.equal(res.json.code, 'origin-refused');
      }
      assert.equal(await countDisplays(), 0);
    });

    it('the survey list names a survey with displays and no answer yet (count 0), once', async () => {
      await post(url, json(envelope({ displays: [display(1, { surveyId: 'shown-only', type: 'csat' }), display(2)] })));
      await post(url, json(envelope({ displays: [display(3, { surveyId: 'shown-only', type: 'csat' })] })));
      await post(url, [response(10), response(11)]);
      const res = await admin(url, '/v1/surveys');
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.json.surveys, [
        { surveyId: 'shown-only', type: 'csat', count: 0, lastAnsweredAt: null },
        { surveyId: 'survey-a', type: 'nps', count: 2, lastAnsweredAt: '2024-03-01T10:00:00.000Z' },
      ]);
      // Once it has an answer, it is listed by its answers.
      await post(url, [response(12, { surveyId: 'shown-only', type: 'csat', score: 4 })]);
      const later = await admin(url, '/v1/surveys');
      assert.deepEqual(
        later.json.surveys.map((s) => [s.surveyId, s.count]),
        [
          ['shown-only', 1],
          ['survey-a', 2],
        ],
      );
    });
  });
}
