// Reports (SPEC §2, §7) on a fixed data set, with every expected figure worked out by hand below.
// The data goes in through POST /v1/responses like any other; the figures come out of
// GET /v1/surveys/:id/report, GET /v1/surveys and GET /v1/surveys/:id/responses.csv.
//
// Margins of error (95 %), as in collector/measures.ts:
//   NPS  = (p₊ − p₋)·100,  MoE = 1.96·√((p₊(1−p₊) + p₋(1−p₋) + 2·p₊·p₋)/n)·100
//   CSAT = p·100,           MoE = 1.96·√(p(1−p)/n)·100
//   CES  = mean,            MoE = 1.96·s/√n (s: sample standard deviation, n − 1)
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import { admin, backends, post, response, startTestCollector, uuid } from './helpers.mjs';

const TOLERANCE = 1e-9;

/** Deep equality where numbers may differ by TOLERANCE. */
function assertNear(actual, expected, path = 'report') {
  if (typeof expected === 'number' && typeof actual === 'number') {
    assert.ok(Math.abs(actual - expected) <= TOLERANCE, `${path}: ${actual} is not within ${TOLERANCE} of ${expected}`);
    return;
  }
  if (expected === null || typeof expected !== 'object') {
    assert.equal(actual, expected, path);
    return;
  }
  assert.equal(typeof actual, 'object', `${path} is an object`);
  assert.ok(actual !== null, `${path} is not null`);
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), `${path}: keys`);
  for (const key of Object.keys(expected)) assertNear(actual[key], expected[key], `${path}.${key}`);
}

const SENT_AT = '2024-03-04T12:00:00.000Z';

// ---- survey "nps-main": 10 answers ------------------------------------------------------------
//  #   score  group      touchpoint  answeredAt                   (UTC day)   comment
//  1   10     promoter   checkout    2024-03-01T09:00:00Z         03-01       "-- great"   (sent as revision 1 = 3 first)
//  2    9     promoter   checkout    2024-03-01T10:00:00Z         03-01       —            metadata with a comma
//  3   10     promoter   checkout    2024-03-01T11:00:00Z         03-01       Fast, easy "checkout"⏎thanks
//  4    9     promoter   support     2024-03-02T00:00:00Z         03-02       —
//  5   10     promoter   support     2024-03-02T09:00:00Z         03-02       =HYPERLINK(…)
//  6    7     passive    checkout    2024-03-02T10:00:00Z         03-02       —
//  7    8     passive    (none)      2024-03-01T23:30:00-02:00    03-02 (01:30 UTC)
//  8    0     detractor  checkout    2024-03-03T00:00:00Z         03-03       +1 slow
//  9    6     detractor  support     2024-03-03T08:00:00Z         03-03       @admin
// 10    3     detractor  checkout    2024-03-03T09:00:00Z         03-03       Broken, twice
const NPS = [
  [1, 10, 'checkout', '2024-03-01T09:00:00Z', '-- great'],
  [2, 9, 'checkout', '2024-03-01T10:00:00Z', undefined],
  [3, 10, 'checkout', '2024-03-01T11:00:00Z', 'Fast, easy "checkout"\nthanks'],
  [4, 9, 'support', '2024-03-02T00:00:00Z', undefined],
  [5, 10, 'support', '2024-03-02T09:00:00Z', '=HYPERLINK("https://evil.example","click")'],
  [6, 7, 'checkout', '2024-03-02T10:00:00Z', undefined],
  [7, 8, undefined, '2024-03-01T23:30:00-02:00', undefined],
  [8, 0, 'checkout', '2024-03-03T00:00:00Z', '+1 slow'],
  [9, 6, 'support', '2024-03-03T08:00:00Z', '@admin'],
  [10, 3, 'checkout', '2024-03-03T09:00:00Z', 'Broken, twice'],
];
const npsResponse = ([n, score, touchpoint, answeredAt, comment]) =>
  response(n, {
    surveyId: 'nps-main',
    type: 'nps',
    score,
    answeredAt,
    revision: n === 1 ? 2 : 1,
    ...(touchpoint && { touchpoint }),
    ...(comment && { comment }),
    ...(n === 2 && { metadata: { n: 2, source: 'email, weekly' } }),
  });

// ---- survey "csat-support": 8 answers: 5 5 4 4 4 3 2 1 (ids 101–108), 2024-04-01, touchpoint support
const CSAT_SCORES = [5, 5, 4, 4, 4, 3, 2, 1];
// ---- survey "ces-returns": 6 answers: 7 6 5 on 2024-05-01, 5 3 1 on 2024-05-02 (ids 201–206)
const CES_SCORES = [7, 6, 5, 5, 3, 1];
// ---- survey "many-comments": 25 CSAT answers with comments c01…c25, an hour apart (ids 301–325)
// ---- survey "mixed": 2 NPS answers and 1 CSAT answer under one survey id (ids 401–403)

function dataSet() {
  const all = NPS.map(npsResponse);
  CSAT_SCORES.forEach((score, i) =>
    all.push(
      response(101 + i, {
        surveyId: 'csat-support',
        type: 'csat',
        score,
        touchpoint: 'support',
        locale: 'fa-IR',
        answeredAt: `2024-04-01T10:0${i}:00Z`,
      }),
    ),
  );
  CES_SCORES.forEach((score, i) =>
    all.push(
      response(201 + i, {
        surveyId: 'ces-returns',
        type: 'ces',
        score,
        touchpoint: 'returns',
        answeredAt: `2024-05-0${i < 3 ? 1 : 2}T1${i}:00:00Z`,
      }),
    ),
  );
  for (let i = 0; i < 25; i++) {
    all.push(
      response(301 + i, {
        surveyId: 'many-comments',
        type: 'csat',
        score: 1 + (i % 5),
        comment: `c${String(i + 1).padStart(2, '0')}`,
        answeredAt: new Date(Date.UTC(2024, 5, 1, i)).toISOString(),
      }),
    );
  }
  all.push(response(401, { surveyId: 'mixed', type: 'nps', score: 10, answeredAt: '2024-06-10T10:00:00Z' }));
  all.push(response(402, { surveyId: 'mixed', type: 'nps', score: 0, answeredAt: '2024-06-10T11:00:00Z' }));
  all.push(response(403, { surveyId: 'mixed', type: 'csat', score: 5, answeredAt: '2024-06-10T12:00:00Z' }));
  return all;
}

/** A small CSV reader (RFC 4180: quoted cells, doubled quotes, CRLF rows; `separator` as a spreadsheet set to it). */
function parseCsv(text, separator = ',') {
  assert.ok(text.startsWith('\uFEFF'), 'the CSV starts with a UTF-8 byte order mark');
  text = text.slice(1);
  const records = [];
  let record = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      record.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
      i++;
    } else cell += c;
  }
  assert.equal(cell, '', 'the CSV ends with CRLF');
  assert.equal(record.length, 0, 'the CSV ends with CRLF');
  return records;
}

const CSV_HEADER =
  'id,revision,complete,survey_id,type,score,comment,locale,touchpoint,page_url,metadata,answered_at,sent_at,received_at';

for (const backend of backends()) {
  const { after, before, it } = backend.test;
  describe(`reports on a fixed data set (${backend.name})`, () => {
    let store;
    let collector;
    let url;

    before(async () => {
      store = await backend.createStore();
      collector = await startTestCollector(store);
      url = collector.url;
      const all = dataSet();
      // Revision 1 of answer #1 (score 3, no comment) goes in first; revision 2 (score 10) must win.
      const first = await post(url, [response(1, { surveyId: 'nps-main', score: 3, answeredAt: NPS[0][3] })]);
      assert.equal(first.status, 200, first.text);
      for (let i = 0; i < all.length; i += 20) {
        const res = await post(url, all.slice(i, i + 20));
        assert.equal(res.status, 200, res.text);
      }
      // A late revision 1 changes nothing.
      assert.equal(
        (await post(url, [response(1, { surveyId: 'nps-main', score: 0, answeredAt: NPS[0][3] })])).status,
        200,
      );
    });
    after(async () => {
      await collector?.close();
      await store?.cleanup();
    });

    const report = async (survey, query = '') => {
      const res = await admin(url, `/v1/surveys/${survey}/report${query}`);
      assert.equal(res.status, 200, res.text);
      return res.json;
    };

    it('NPS: count, figure, margin, distribution, groups', async () => {
      const r = await report('nps-main');
      assert.equal(r.surveyId, 'nps-main');
      assert.equal(r.type, 'nps');
      assert.deepEqual(r.filter, {});
      assert.equal(r.count, 10);
      // promoters 5 (#1–#5), passives 2 (#6, #7), detractors 3 (#8–#10)
      // NPS = 5/10·100 − 3/10·100 = 50 − 30 = 20
      // MoE = 1.96·√((0.5·0.5 + 0.3·0.7 + 2·0.5·0.3)/10)·100 = 1.96·√(0.76/10)·100 = 1.96·√0.076·100 ≈ 54.0335
      assertNear(r.figure, { value: 20, margin: 1.96 * Math.sqrt((0.5 * 0.5 + 0.3 * 0.7 + 2 * 0.5 * 0.3) / 10) * 100 });
      assert.ok(Math.abs(r.figure.margin - 54.033471108) < 1e-6);
      // scores 10 10 10 9 9 8 7 6 3 0
      assert.deepEqual(r.distribution, [
        { score: 0, count: 1 },
        { score: 1, count: 0 },
        { score: 2, count: 0 },
        { score: 3, count: 1 },
        { score: 4, count: 0 },
        { score: 5, count: 0 },
        { score: 6, count: 1 },
        { score: 7, count: 1 },
        { score: 8, count: 1 },
        { score: 9, count: 2 },
        { score: 10, count: 3 },
      ]);
      assert.deepEqual(r.groups, { detractor: 3, passive: 2, promoter: 5 });
      assert.equal(r.shareHigh, undefined, 'shareHigh is for CES');
    });

    it('NPS per touchpoint, most answers first', async () => {
      const r = await report('nps-main');
      // checkout: #1 10, #2 9, #3 10, #6 7, #8 0, #10 3 → n 6, promoters 3, detractors 2
      //   NPS = (3/6 − 2/6)·100 = 16.67;  MoE = 1.96·√((½·½ + ⅓·⅔ + 2·½·⅓)/6)·100 = 1.96·√(0.80556/6)·100 ≈ 71.8172
      // support: #4 9, #5 10, #9 6 → n 3, promoters 2, detractors 1
      //   NPS = (2/3 − 1/3)·100 = 33.33;  MoE = 1.96·√((⅔·⅓ + ⅓·⅔ + 2·⅔·⅓)/3)·100 = 1.96·√(8/27)·100 ≈ 106.6889
      // none: #7 8 → n 1, NPS 0, no margin below two answers
      assertNear(r.touchpoints, [
        {
          touchpoint: 'checkout',
          count: 6,
          figure: {
            value: (3 / 6 - 2 / 6) * 100,
            margin: 1.96 * Math.sqrt((0.5 * 0.5 + (1 / 3) * (2 / 3) + 2 * 0.5 * (1 / 3)) / 6) * 100,
          },
        },
        {
          touchpoint: 'support',
          count: 3,
          figure: {
            value: (2 / 3 - 1 / 3) * 100,
            margin: 1.96 * Math.sqrt(((2 / 3) * (1 / 3) + (1 / 3) * (2 / 3) + 2 * (2 / 3) * (1 / 3)) / 3) * 100,
          },
        },
        { touchpoint: null, count: 1, figure: { value: 0, margin: null } },
      ]);
      assert.ok(Math.abs(r.touchpoints[0].figure.margin - 71.8171546617) < 1e-6);
      assert.ok(Math.abs(r.touchpoints[1].figure.margin - 106.6888865746) < 1e-6);
    });

    it('NPS per UTC day (an answer at 23:30 −02:00 counts on the next UTC day)', async () => {
      const r = await report('nps-main');
      // 03-01: #1 10, #2 9, #3 10 → 3 promoters: NPS 100, MoE 1.96·√((1·0 + 0·1 + 2·1·0)/3)·100 = 0
      // 03-02: #4 9, #5 10, #6 7, #7 8 → 2 promoters, 2 passives: NPS 50, MoE 1.96·√(0.5·0.5/4)·100 = 1.96·0.25·100 = 49
      // 03-03: #8 0, #9 6, #10 3 → 3 detractors: NPS −100, MoE 0
      assertNear(r.days, [
        { day: '2024-03-01', count: 3, figure: { value: 100, margin: 0 } },
        { day: '2024-03-02', count: 4, figure: { value: 50, margin: 49 } },
        { day: '2024-03-03', count: 3, figure: { value: -100, margin: 0 } },
      ]);
    });

    it('latest comments first, with their score and touchpoint', async () => {
      const r = await report('nps-main');
      assert.deepEqual(
        r.comments.map((c) => [c.id, c.score, c.comment, c.touchpoint, c.answeredAt]),
        [
          [uuid(10), 3, 'Broken, twice', 'checkout', '2024-03-03T09:00:00.000Z'],
          [uuid(9), 6, '@admin', 'support', '2024-03-03T08:00:00.000Z'],
          [uuid(8), 0, '+1 slow', 'checkout', '2024-03-03T00:00:00.000Z'],
          [uuid(5), 10, '=HYPERLINK("https://evil.example","click")', 'support', '2024-03-02T09:00:00.000Z'],
          [uuid(3), 10, 'Fast, easy "checkout"\nthanks', 'checkout', '2024-03-01T11:00:00.000Z'],
          [uuid(1), 10, '-- great', 'checkout', '2024-03-01T09:00:00.000Z'],
        ],
      );
      assert.ok(r.comments.every((c) => c.locale === 'en'));
    });

    it('at most 20 comments, the newest', async () => {
      const r = await report('many-comments');
      assert.equal(r.count, 25);
      // c25 is the newest (hour 24 of the day), c06 the 20th newest.
      assert.deepEqual(
        r.comments.map((c) => c.comment),
        Array.from({ length: 20 }, (_, i) => `c${String(25 - i).padStart(2, '0')}`),
      );
    });

    it('filters: from, to (whole UTC days, inclusive), touchpoint, and together', async () => {
      // from 2024-03-02: #4–#10 (#4 at 00:00 UTC included, #7 at 01:30 UTC included) → n 7
      //   promoters #4 #5 = 2, passives #6 #7, detractors #8 #9 #10 = 3
      //   NPS = (2/7 − 3/7)·100 = −14.2857;  MoE = 1.96·√((2/7·5/7 + 3/7·4/7 + 2·2/7·3/7)/7)·100 ≈ 61.7090
      let r = await report('nps-main', '?from=2024-03-02');
      assert.deepEqual(r.filter, { from: '2024-03-02' });
      assertNear(
        { count: r.count, figure: r.figure },
        {
          count: 7,
          figure: {
            value: (2 / 7 - 3 / 7) * 100,
            margin: 1.96 * Math.sqrt(((2 / 7) * (5 / 7) + (3 / 7) * (4 / 7) + 2 * (2 / 7) * (3 / 7)) / 7) * 100,
          },
        },
      );
      // to 2024-03-02: #1–#7 (#8 at 03-03 00:00 UTC is out) → n 7, promoters 5, passives 2, detractors 0
      //   NPS = 5/7·100 = 71.4286;  MoE = 1.96·√((5/7·2/7)/7)·100 ≈ 33.4664
      r = await report('nps-main', '?to=2024-03-02');
      assertNear(
        { count: r.count, figure: r.figure, groups: r.groups },
        {
          count: 7,
          figure: { value: (5 / 7) * 100, margin: 1.96 * Math.sqrt(((5 / 7) * (2 / 7)) / 7) * 100 },
          groups: { detractor: 0, passive: 2, promoter: 5 },
        },
      );
      // from = to = 2024-03-02: #4 #5 #6 #7 → NPS 50, MoE 49 (as the day above)
      r = await report('nps-main', '?from=2024-03-02&to=2024-03-02');
      assertNear({ count: r.count, figure: r.figure }, { count: 4, figure: { value: 50, margin: 49 } });
      // touchpoint support: #4 #5 #9 → as the support row above
      r = await report('nps-main', '?touchpoint=support');
      assert.equal(r.count, 3);
      assert.deepEqual(
        r.touchpoints.map((t) => t.touchpoint),
        ['support'],
      );
      assertNear(r.figure.value, (2 / 3 - 1 / 3) * 100);
      assert.deepEqual(
        r.comments.map((c) => c.id),
        [uuid(9), uuid(5)],
      );
      // checkout from 2024-03-03: #8 0, #10 3 → 2 detractors: NPS −100, MoE 1.96·√((0 + 1·0 + 0)/2)·100 = 0
      r = await report('nps-main', '?touchpoint=checkout&from=2024-03-03');
      assertNear({ count: r.count, figure: r.figure }, { count: 2, figure: { value: -100, margin: 0 } });
      // A known survey with nothing in range: an empty report of its type, not an error.
      r = await report('nps-main', '?from=2025-01-01');
      assert.deepEqual(r, {
        surveyId: 'nps-main',
        type: 'nps',
        filter: { from: '2025-01-01' },
        count: 0,
        figure: { value: null, margin: null },
        distribution: Array.from({ length: 11 }, (_, score) => ({ score, count: 0 })),
        groups: { detractor: 0, passive: 0, promoter: 0 },
        touchpoints: [],
        days: [],
        comments: [],
      });
      r = await report('ces-returns', '?touchpoint=nowhere');
      assert.equal(r.count, 0);
      assert.equal(r.shareHigh, null);
    });

    it('refuses bad filters and bad survey ids (400) and answers 404 for an unknown survey', async () => {
      for (const query of ['?from=2024-3-1', '?to=yesterday', '?from=2024-13-45', `?touchpoint=${'x'.repeat(65)}`]) {
        const res = await admin(url, `/v1/surveys/nps-main/report${query}`);
        assert.equal(res.status, 400, query);
      }
      assert.equal((await admin(url, '/v1/surveys/Not%20An%20Id/report')).status, 400);
      assert.equal((await admin(url, '/v1/surveys/%E0%A4%A/report')).status, 400, 'malformed percent-encoding');
      assert.equal((await admin(url, '/v1/surveys/%E0%A4%A/responses.csv')).status, 400);
      assert.equal((await admin(url, '/v1/surveys/nobody/report')).status, 404);
      assert.equal((await admin(url, '/v1/surveys/nps-main/other')).status, 404);
    });

    it('CSAT: share of 4–5 with its margin', async () => {
      const r = await report('csat-support');
      // scores 5 5 4 4 4 3 2 1: high (4–5) = 5 of 8 → p = 0.625, CSAT = 62.5
      // MoE = 1.96·√(0.625·0.375/8)·100 = 1.96·√0.029296875·100 ≈ 33.5480
      assertNear(
        { type: r.type, count: r.count, figure: r.figure, groups: r.groups, distribution: r.distribution },
        {
          type: 'csat',
          count: 8,
          figure: { value: 62.5, margin: 1.96 * Math.sqrt((0.625 * 0.375) / 8) * 100 },
          groups: { low: 3, high: 5 },
          distribution: [
            { score: 1, count: 1 },
            { score: 2, count: 1 },
            { score: 3, count: 1 },
            { score: 4, count: 3 },
            { score: 5, count: 2 },
          ],
        },
      );
      assert.ok(Math.abs(r.figure.margin - 33.548006647) < 1e-6);
      assert.deepEqual(
        r.days.map((d) => [d.day, d.count]),
        [['2024-04-01', 8]],
      );
    });

    it('CES: mean, sample sd, margin 1.96·s/√n, share of 5–7', async () => {
      const r = await report('ces-returns');
      // scores 7 6 5 5 3 1: mean = 27/6 = 4.5
      // deviations 2.5 1.5 0.5 0.5 −1.5 −3.5 → squares 6.25 2.25 0.25 0.25 2.25 12.25 = 23.5
      // s² = 23.5/5 = 4.7, s = √4.7 ≈ 2.16795;  MoE = 1.96·√4.7/√6 ≈ 1.73472
      // share of 5–7: 7 6 5 5 = 4 of 6 = 66.67 %
      // per day: 05-01: 7 6 5 → mean 6, s² = (1 + 0 + 1)/2 = 1, MoE = 1.96·1/√3 ≈ 1.13161
      //          05-02: 5 3 1 → mean 3, s² = (4 + 0 + 4)/2 = 4, MoE = 1.96·2/√3 ≈ 2.26321
      assertNear(
        {
          type: r.type,
          count: r.count,
          figure: r.figure,
          shareHigh: r.shareHigh,
          groups: r.groups,
          days: r.days,
          touchpoints: r.touchpoints,
        },
        {
          type: 'ces',
          count: 6,
          figure: { value: 4.5, margin: (1.96 * Math.sqrt(4.7)) / Math.sqrt(6) },
          shareHigh: (4 / 6) * 100,
          groups: { low: 2, high: 4 },
          days: [
            { day: '2024-05-01', count: 3, figure: { value: 6, margin: (1.96 * 1) / Math.sqrt(3) } },
            { day: '2024-05-02', count: 3, figure: { value: 3, margin: (1.96 * 2) / Math.sqrt(3) } },
          ],
          touchpoints: [
            { touchpoint: 'returns', count: 6, figure: { value: 4.5, margin: (1.96 * Math.sqrt(4.7)) / Math.sqrt(6) } },
          ],
        },
      );
      assert.ok(Math.abs(r.figure.margin - 1.734719958) < 1e-6);
      assert.deepEqual(
        r.distribution.map((d) => d.count),
        [1, 0, 1, 0, 2, 1, 1],
      );
    });

    it('one answer: the figure without a margin', async () => {
      const r = await report('ces-returns', '?from=2024-05-02&to=2024-05-02&touchpoint=returns');
      assert.equal(r.count, 3);
      const single = await report('nps-main', '?touchpoint=checkout&from=2024-03-02&to=2024-03-02');
      // #6 7 only: a passive → NPS 0, no margin
      assertNear({ count: single.count, figure: single.figure }, { count: 1, figure: { value: 0, margin: null } });
    });

    it('a survey id with answers of two types reports the more common type', async () => {
      const r = await report('mixed');
      // 2 NPS answers (10 and 0) against 1 CSAT: NPS, n 2, (1/2 − 1/2)·100 = 0,
      // MoE = 1.96·√((½·½ + ½·½ + 2·½·½)/2)·100 = 1.96·√0.5·100 ≈ 138.59
      assertNear(
        { type: r.type, count: r.count, figure: r.figure },
        { type: 'nps', count: 2, figure: { value: 0, margin: 1.96 * Math.sqrt(1 / 2) * 100 } },
      );
    });

    it('GET /v1/surveys lists each survey with its count and last answer', async () => {
      const res = await admin(url, '/v1/surveys');
      assert.equal(res.status, 200);
      assert.deepEqual(res.json.surveys, [
        { surveyId: 'ces-returns', type: 'ces', count: 6, lastAnsweredAt: '2024-05-02T15:00:00.000Z' },
        { surveyId: 'csat-support', type: 'csat', count: 8, lastAnsweredAt: '2024-04-01T10:07:00.000Z' },
        { surveyId: 'many-comments', type: 'csat', count: 25, lastAnsweredAt: '2024-06-02T00:00:00.000Z' },
        // mixed: the more common type (NPS) and, as in its report, the count of NPS answers;
        // the last answer of any type (the CSAT one)
        { surveyId: 'mixed', type: 'nps', count: 2, lastAnsweredAt: '2024-06-10T12:00:00.000Z' },
        { surveyId: 'nps-main', type: 'nps', count: 10, lastAnsweredAt: '2024-03-03T09:00:00.000Z' },
      ]);
    });

    describe('CSV export', () => {
      it('header, one row per response in answer order, every column', async () => {
        const res = await admin(url, '/v1/surveys/nps-main/responses.csv');
        assert.equal(res.status, 200);
        assert.match(res.headers['content-type'], /^text\/csv; charset=utf-8/);
        assert.match(res.headers['content-disposition'], /attachment; filename="nps-main-responses.csv"/);
        assert.ok(res.text.startsWith(`\uFEFF${CSV_HEADER}\r\n`), 'a byte order mark, then the header');
        const [header, ...records] = parseCsv(res.text);
        assert.equal(header.join(','), CSV_HEADER);
        // Answer order: #1 #2 #3, #4 (00:00 UTC on 03-02), #7 (01:30 UTC), #5 #6 #8 #9 #10
        assert.deepEqual(
          records.map((r) => r[0]),
          [1, 2, 3, 4, 7, 5, 6, 8, 9, 10].map(uuid),
        );
        const byId = new Map(records.map((r) => [r[0], Object.fromEntries(header.map((h, i) => [h, r[i]]))]));
        const one = byId.get(uuid(1));
        assert.deepEqual(
          { ...one, received_at: undefined },
          {
            id: uuid(1),
            revision: '2',
            complete: 'true',
            survey_id: 'nps-main',
            type: 'nps',
            score: '10',
            comment: "'-- great",
            locale: 'en',
            touchpoint: 'checkout',
            page_url: 'https://shop.example/checkout',
            metadata: '',
            answered_at: '2024-03-01T09:00:00.000Z',
            sent_at: SENT_AT,
            received_at: undefined,
          },
        );
        assert.match(one.received_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        assert.equal(byId.get(uuid(7)).touchpoint, '', 'no touchpoint: an empty cell');
        assert.equal(byId.get(uuid(7)).answered_at, '2024-03-02T01:30:00.000Z');
        assert.equal(byId.get(uuid(2)).metadata, '{"n":2,"source":"email, weekly"}');
      });

      it('quotes every text cell, commas, quotes and newlines included, and defuses formulas', async () => {
        const { text } = await admin(url, '/v1/surveys/nps-main/responses.csv');
        // Raw cells as written (RFC 4180, every text cell quoted; quotes doubled; numbers and booleans as they are):
        assert.ok(text.includes(',"Fast, easy ""checkout""\nthanks",'), 'comma, quotes and newline');
        assert.ok(text.includes(',"Broken, twice",'), 'comma');
        assert.ok(text.includes(',"{""n"":2,""source"":""email, weekly""}",'), 'JSON metadata');
        assert.ok(text.includes(`\r\n"${uuid(1)}",2,true,"nps-main","nps",10,`), 'ids and texts quoted, numbers not');
        // A cell that starts with = + - @ (or tab, CR) gets a leading apostrophe, so a spreadsheet shows it as text.
        assert.ok(text.includes(`,"'=HYPERLINK(""https://evil.example"",""click"")",`), '= is defused, then quoted');
        assert.ok(text.includes(`,"'+1 slow",`), '+');
        assert.ok(text.includes(`,"'@admin",`), '@');
        assert.ok(text.includes(`,"'-- great",`), '-');
        const cells = parseCsv(text).flat();
        assert.ok(
          cells.every((cell) => !/^[=+\-@\t\r]/.test(cell)),
          'no cell starts with a formula character',
        );
      });

      it('takes the report filters', async () => {
        let records = parseCsv((await admin(url, '/v1/surveys/nps-main/responses.csv?touchpoint=support')).text);
        assert.deepEqual(
          records.slice(1).map((r) => r[0]),
          [4, 5, 9].map(uuid),
        );
        records = parseCsv((await admin(url, '/v1/surveys/nps-main/responses.csv?from=2024-03-02&to=2024-03-02')).text);
        assert.deepEqual(
          records.slice(1).map((r) => r[0]),
          [4, 7, 5, 6].map(uuid),
        );
        const empty = await admin(url, '/v1/surveys/nobody/responses.csv');
        assert.equal(empty.status, 200);
        assert.equal(empty.text, `\uFEFF${CSV_HEADER}\r\n`);
      });
    });
  });
}
