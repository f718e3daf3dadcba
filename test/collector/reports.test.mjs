// Reports (SPEC §2, §7) on a fixed data set, with every expected figure worked out by hand below.
// The data goes in through POST /v1/responses like any other (displays straight into their table);
// the figures come out of GET /v1/surveys/:id/report, /comments, GET /v1/surveys and the CSV export.
//
// Intervals (95 %), as in collector/measures.ts, from collector/intervals.ts (whose formulas are
// checked by hand, and whose coverage by simulation, in intervals.test.mjs):
//   shares (CSAT, groups, rates): Wilson with continuity correction (Newcombe 1998, method 4),
//     written out again below (`wilson`) from the paper, not imported;
//   NPS: the continuity-corrected score interval (npsInterval), values worked out in the comments;
//   CES mean: Student's t on the answers and one pseudo-answer at 1 and at 7, worked out by hand.
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import { admin, backends, post, response, startTestCollector, uuid } from './helpers.mjs';

const { npsInterval, changeInterval } = await import(
  new URL('../../collector/dist/collector/intervals.js', import.meta.url).href
);
/** The NPS figure of p promoters and d detractors of n, with intervals.ts's score interval, in points. */
function nps(p, d, n) {
  const { lower, upper } = npsInterval(p, d, n);
  return { value: ((p - d) / n) * 100, lower: lower * 100, upper: upper * 100 };
}

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
  // "tz-csat": time zones and completion. Tehran is UTC+03:30 all year (no summer time since 2022).
  //   501  5  2024-07-01T21:45Z = 07-02 01:15 in Tehran (07-01 in UTC)   complete, no comment
  //   502  4  2024-07-02T12:00Z = 07-02 15:30 in Tehran                   not complete, no comment
  //   503  2  2024-07-02T20:29Z = 07-02 23:59 in Tehran                   not complete, a comment
  //   504  1  2024-07-02T20:31Z = 07-03 00:01 in Tehran (07-02 in UTC)   not complete, no comment
  for (const [n, score, answeredAt, complete, comment] of [
    [501, 5, '2024-07-01T21:45:00Z', true],
    [502, 4, '2024-07-02T12:00:00Z', false],
    [503, 2, '2024-07-02T20:29:00Z', false, 'late'],
    [504, 1, '2024-07-02T20:31:00Z', false],
  ])
    all.push(
      response(n, { surveyId: 'tz-csat', type: 'csat', score, answeredAt, complete, ...(comment && { comment }) }),
    );
  // "cmp-nps": two weeks of 40 answers each, at noon UTC, 08-01…08-07 and 08-08…08-14:
  //   first week  (ids 601–640): 10 promoters (10), 10 passives (8), 20 detractors (3): NPS 25 − 50 = −25
  //   second week (ids 641–680): 30 promoters (9), 5 passives (7), 5 detractors (0):   NPS 75 − 12.5 = 62.5
  for (let i = 0; i < 80; i++) {
    const second = i >= 40;
    const k = i % 40;
    const score = second ? (k < 30 ? 9 : k < 35 ? 7 : 0) : k < 10 ? 10 : k < 20 ? 8 : 3;
    const day = (second ? 8 : 1) + (k % 7);
    all.push(
      response(601 + i, {
        surveyId: 'cmp-nps',
        score,
        answeredAt: `2024-08-${String(day).padStart(2, '0')}T12:00:00Z`,
      }),
    );
  }
  // "fa-comments": Persian comments as people type them, for search.
  FA_COMMENTS.forEach(([comment, locale], i) =>
    all.push(
      response(701 + i, {
        surveyId: 'fa-comments',
        type: 'csat',
        score: 1 + i,
        comment,
        locale,
        answeredAt: `2024-09-01T1${i}:00:00Z`,
        metadata: { plan: i % 2 ? 'pro' : 'free' },
      }),
    ),
  );
  return all;
}

/** [comment, locale]: with a ZWNJ, Arabic kaf and yeh, a kasra and Persian digits, a tatweel, Latin capitals. */
const FA_COMMENTS = [
  ['می\u200cخواهم سفارش را پس بدهم', 'fa-IR'],
  ['كيفيت عالي بود', 'fa'],
  ['قیمتِ ۱۲۰ هزار تومان زیاد است', 'fa-IR'],
  ['خیلـــی خوب', 'fa'],
  ['Great SERVICE, fast', 'en-US'],
];

/** Wilson's score interval with continuity correction (Newcombe 1998, method 4), in percent. */
function wilson(x, n) {
  const z = 1.959963984540054;
  const p = x / n;
  const q = 1 - p;
  const lower =
    x === 0 ? 0 : (2 * n * p + z * z - 1 - z * Math.sqrt(z * z - 2 - 1 / n + 4 * p * (n * q + 1))) / (2 * (n + z * z));
  const upper =
    x === n ? 1 : (2 * n * p + z * z + 1 + z * Math.sqrt(z * z + 2 - 1 / n + 4 * p * (n * q - 1))) / (2 * (n + z * z));
  return { value: p * 100, lower: Math.max(0, lower) * 100, upper: Math.min(1, upper) * 100 };
}
const NONE = { value: null, lower: null, upper: null };

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
      // Displays go straight into their table (the widget's own ingest is not this file's subject):
      // csat-support: 20 at support and 5 at home on 04-01; cmp-nps: 2; shown-only: 1 (a CES survey never answered).
      const displays = [
        ...Array.from({ length: 20 }, () => ['csat-support', 'csat', '2024-04-01T09:00:00Z', 'support']),
        ...Array.from({ length: 5 }, () => ['csat-support', 'csat', '2024-04-01T09:30:00Z', 'home']),
        ['cmp-nps', 'nps', '2024-08-09T09:00:00Z', null],
        ['cmp-nps', 'nps', '2024-08-10T09:00:00Z', null],
        ['shown-only', 'ces', '2024-08-10T09:00:00Z', 'help'],
      ];
      for (const [i, [surveyId, type, shownAt, touchpoint]] of displays.entries()) {
        await collector.db.query(
          `INSERT INTO displays (id, survey_id, type, shown_at, locale, touchpoint, page_url) VALUES ($1, $2, $3, $4, 'fa', $5, 'https://shop.example/')`,
          [uuid(0xd000 + i), surveyId, type, shownAt, touchpoint],
        );
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

    const comments = async (survey, query = '') => {
      const res = await admin(url, `/v1/surveys/${survey}/comments${query}`);
      assert.equal(res.status, 200, res.text);
      return res.json;
    };
    /** What every group of answers reports: count, the flag, the figure, displays and rates. */
    const summary = (count, figure, { displays = 0, completed = count } = {}) => ({
      count,
      fewAnswers: count < 30,
      figure,
      displays,
      responseRate: displays > 0 && count <= displays ? wilson(count, displays) : NONE,
      completed,
      completionRate: count ? wilson(completed, count) : NONE,
    });

    it('NPS: count, figure with its score interval, the few-answers flag, distribution, groups with Wilson shares', async () => {
      const r = await report('nps-main');
      assert.equal(r.surveyId, 'nps-main');
      assert.equal(r.type, 'nps');
      assert.deepEqual(r.filter, { tz: 'UTC', calendar: 'gregory' });
      // promoters 5 (#1–#5), passives 2 (#6, #7), detractors 3 (#8–#10): NPS = 50 − 30 = 20,
      // its score interval −39.2…67.9 (asymmetric; the Wald margin was ±54.0 around 20)
      assertNear(
        {
          count: r.count,
          fewAnswers: r.fewAnswers,
          figure: r.figure,
          displays: r.displays,
          responseRate: r.responseRate,
          completed: r.completed,
          completionRate: r.completionRate,
        },
        summary(10, nps(5, 3, 10)),
      );
      assert.ok(
        Math.abs(r.figure.lower - -39.22) < 0.01 && Math.abs(r.figure.upper - 67.92) < 0.01,
        JSON.stringify(r.figure),
      );
      assert.equal(r.fewAnswers, true, '10 answers are few');
      // scores 10 10 10 9 9 8 7 6 3 0
      assert.deepEqual(
        r.distribution.map((d) => [d.score, d.count]),
        [
          [0, 1],
          [1, 0],
          [2, 0],
          [3, 1],
          [4, 0],
          [5, 0],
          [6, 1],
          [7, 1],
          [8, 1],
          [9, 2],
          [10, 3],
        ],
      );
      // Wilson, by hand: 3 of 10 → 8.09…64.63 %; 2 of 10 → 3.54…55.78 %; 5 of 10 → 20.14…79.86 %
      assertNear(r.groups, {
        detractor: { count: 3, share: wilson(3, 10) },
        passive: { count: 2, share: wilson(2, 10) },
        promoter: { count: 5, share: wilson(5, 10) },
      });
      assert.ok(
        Math.abs(r.groups.detractor.share.lower - 8.095) < 0.01 &&
          Math.abs(r.groups.detractor.share.upper - 64.633) < 0.01,
      );
      assert.equal(r.shareHigh, undefined, 'shareHigh is for CES');
      assert.equal(r.comparison, null, 'no comparison without a whole range');
      assert.deepEqual(r.options, { touchpoints: ['checkout', 'support'], languages: ['en'] });
    });

    it('NPS per touchpoint, most answers first, each with its interval', async () => {
      const r = await report('nps-main');
      // checkout: #1 10, #2 9, #3 10, #6 7, #8 0, #10 3 → n 6, promoters 3, detractors 2: NPS 16.67
      // support: #4 9, #5 10, #9 6 → n 3, promoters 2, detractors 1: NPS 33.33
      // none: #7 8 → n 1, NPS 0, and still an interval (−98.5…98.5): the score interval needs one answer
      assertNear(r.touchpoints, [
        { touchpoint: 'checkout', ...summary(6, nps(3, 2, 6)) },
        { touchpoint: 'support', ...summary(3, nps(2, 1, 3)) },
        { touchpoint: null, ...summary(1, nps(0, 0, 1)) },
      ]);
    });

    it('the trend: buckets chosen from the range and the data (few answers: months), or asked for; every point with its interval', async () => {
      let r = await report('nps-main');
      // 10 answers over 3 days: under 30 a day and under 30 a week (3 days × 10/3): one month,
      // cut to the days with answers.
      assert.equal(r.trend.bucket, 'month');
      assert.equal(r.trend.chosen, true);
      assertNear(r.trend.points, [{ start: '2024-03-01', end: '2024-03-03', ...summary(10, nps(5, 3, 10)) }]);
      // By day (UTC; #7, at 23:30 −02:00, counts on the next UTC day):
      // 03-01: #1 10, #2 9, #3 10 → 3 promoters: NPS 100, interval −32.2…100 (not "100 ± 0")
      // 03-02: #4 9, #5 10, #6 7, #7 8 → 2 promoters, 2 passives: NPS 50
      // 03-03: #8 0, #9 6, #10 3 → 3 detractors: NPS −100
      r = await report('nps-main', '?bucket=day');
      assert.equal(r.trend.chosen, false);
      assertNear(r.trend.points, [
        { start: '2024-03-01', end: '2024-03-01', ...summary(3, nps(3, 0, 3)) },
        { start: '2024-03-02', end: '2024-03-02', ...summary(4, nps(2, 0, 4)) },
        { start: '2024-03-03', end: '2024-03-03', ...summary(3, nps(0, 3, 3)) },
      ]);
      assert.ok(r.trend.points[0].figure.lower < -30, 'three promoters do not make a sure 100');
      // Weeks are 7-day blocks from the start of the range: 02-28…03-05 and on.
      r = await report('nps-main', '?bucket=week&from=2024-02-28&to=2024-03-10');
      assert.deepEqual(
        r.trend.points.map((p) => [p.start, p.end, p.count]),
        [['2024-02-28', '2024-03-05', 10]],
      );
      // 80 answers over two weeks, a week asked for: 40 answers, 5.7 a day, 40 a week → by week.
      r = await report('cmp-nps', '?from=2024-08-08&to=2024-08-14');
      assert.equal(r.trend.bucket, 'week');
      assert.deepEqual(
        r.trend.points.map((p) => [p.start, p.end, p.count]),
        [['2024-08-08', '2024-08-14', 40]],
      );
      // Months in the Solar Hijri calendar: 2024-03-01…03 is in Esfand 1402 (02-20…03-19).
      r = await report('nps-main', '?bucket=month&calendar=persian&from=2024-02-01&to=2024-04-30');
      assert.deepEqual(
        r.trend.points.map((p) => [p.start, p.end, p.count]),
        [['2024-02-20', '2024-03-19', 10]],
      );
      r = await report('nps-main', '?bucket=month&from=2024-02-01&to=2024-04-30');
      assert.deepEqual(
        r.trend.points.map((p) => [p.start, p.end, p.count]),
        [['2024-03-01', '2024-03-31', 10]],
      );
    });

    it('time zones: days are cut in the one asked for (an answer at 01:15 in Tehran counts on that Tehran day)', async () => {
      let r = await report('tz-csat', '?bucket=day');
      assert.deepEqual(
        r.trend.points.map((p) => [p.start, p.count]),
        [
          ['2024-07-01', 1],
          ['2024-07-02', 3],
        ],
      );
      r = await report('tz-csat', '?bucket=day&tz=Asia/Tehran');
      assert.deepEqual(r.filter, { tz: 'Asia/Tehran', bucket: 'day', calendar: 'gregory' });
      assert.deepEqual(
        r.trend.points.map((p) => [p.start, p.count]),
        [
          ['2024-07-02', 3],
          ['2024-07-03', 1],
        ],
      );
      // 07-02 in Tehran: #501 (5, complete), #502 (4), #503 (2, a comment) → CSAT 2 of 3; completed 2 of 3
      r = await report('tz-csat', '?from=2024-07-02&to=2024-07-02&tz=Asia/Tehran');
      assertNear(
        { count: r.count, figure: r.figure, completed: r.completed, completionRate: r.completionRate },
        { count: 3, figure: wilson(2, 3), completed: 2, completionRate: wilson(2, 3) },
      );
      // No answer the Tehran day before: a comparison with nothing to compare.
      assert.deepEqual(r.comparison, {
        previous: { from: '2024-07-01', to: '2024-07-01', count: 0, fewAnswers: true, figure: NONE },
        change: NONE,
        beyondChance: null,
      });
      // 07-02 in UTC: #502 (4), #503 (2, a comment), #504 (1) → CSAT 1 of 3; completed 1 of 3
      r = await report('tz-csat', '?from=2024-07-02&to=2024-07-02');
      assertNear(
        { count: r.count, figure: r.figure, completed: r.completed },
        { count: 3, figure: wilson(1, 3), completed: 1 },
      );
      // The day before in UTC, 07-01: #501 (5) → 100 %; the change, −66.7 points, is within what chance explains.
      assert.equal(r.comparison.previous.count, 1);
      assertNear(r.comparison.change.value, 100 / 3 - 100);
      assert.equal(r.comparison.beyondChance, false);
      for (const tz of ['Mars/Olympus', 'Asia/Tehran;DROP', '../etc/passwd', 'x'.repeat(80)]) {
        const res = await admin(url, `/v1/surveys/tz-csat/report?tz=${encodeURIComponent(tz)}`);
        assert.equal(res.status, 400, tz);
        assert.match(res.json.error, /time zone/);
      }
    });

    it('the period comparison: this range against the one before of the same length, the change with its interval', async () => {
      // 08-08…08-14: NPS 62.5 (30 promoters, 5 detractors of 40); 08-01…08-07: −25 (10 and 20 of 40).
      // The change, 87.5 points, has the MOVER interval 47.0…118.2 (Zou and Donner 2008): more than chance explains.
      let r = await report('cmp-nps', '?from=2024-08-08&to=2024-08-14');
      const before = nps(10, 20, 40);
      const after = nps(30, 5, 40);
      assertNear(r.figure, after);
      assert.equal(r.fewAnswers, false, '40 answers are not few');
      const delta = changeInterval(
        { estimate: before.value / 100, interval: { lower: before.lower / 100, upper: before.upper / 100 } },
        { estimate: after.value / 100, interval: { lower: after.lower / 100, upper: after.upper / 100 } },
      );
      assertNear(r.comparison, {
        previous: { from: '2024-08-01', to: '2024-08-07', count: 40, fewAnswers: false, figure: before },
        change: { value: 87.5, lower: delta.lower * 100, upper: delta.upper * 100 },
        beyondChance: true,
      });
      assert.ok(
        Math.abs(r.comparison.change.lower - 46.98) < 0.01 && Math.abs(r.comparison.change.upper - 118.15) < 0.01,
      );
      // nps-main 03-02…03-03 (−14.3, n 7) against 02-29…03-01 (100, n 3): −114.3, but −170…+33: within chance.
      r = await report('nps-main', '?from=2024-03-02&to=2024-03-03');
      assert.equal(r.comparison.previous.from, '2024-02-29', 'a leap day');
      assert.equal(r.comparison.previous.count, 3);
      assertNear(r.comparison.change.value, -100 / 7 - 100);
      assert.ok(r.comparison.change.lower < -170 && r.comparison.change.upper > 33);
      assert.equal(r.comparison.beyondChance, false);
    });

    it('displays: response rate (answers ÷ displays, Wilson) per survey, touchpoint and bucket; none without displays', async () => {
      // csat-support: 8 answers at support on 04-01; 20 displays at support and 5 at home that day.
      let r = await report('csat-support');
      assertNear({ displays: r.displays, responseRate: r.responseRate }, { displays: 25, responseRate: wilson(8, 25) });
      assert.ok(Math.abs(r.responseRate.value - 32) < 1e-9);
      assertNear(
        r.touchpoints.map((t) => [t.touchpoint, t.count, t.displays, t.responseRate]),
        [
          ['support', 8, 20, wilson(8, 20)],
          ['home', 0, 5, wilson(0, 5)],
        ],
      );
      assertNear(
        r.trend.points.map((p) => [p.start, p.displays, p.responseRate]),
        [['2024-04-01', 25, wilson(8, 25)]],
      );
      // A touchpoint filter applies to displays too; a range without displays has no rate.
      r = await report('csat-support', '?touchpoint=home');
      assertNear(
        { count: r.count, displays: r.displays, responseRate: r.responseRate },
        { count: 0, displays: 5, responseRate: wilson(0, 5) },
      );
      r = await report('nps-main');
      assert.deepEqual([r.displays, r.responseRate], [0, NONE]);
      // A survey shown but never answered has a report: no answers, its displays.
      r = await report('shown-only');
      assert.deepEqual([r.type, r.count, r.displays, r.figure], ['ces', 0, 1, NONE]);
      // More answers than displays (older widgets send none): no rate.
      r = await report('cmp-nps');
      assert.deepEqual([r.count, r.displays, r.responseRate], [80, 2, NONE]);
    });

    it('comments: newest first, every filter, each with its metadata', async () => {
      let c = await comments('nps-main');
      assert.equal(c.total, 6);
      assert.equal(c.next, null);
      assert.deepEqual(
        c.comments.map((x) => [x.id, x.score, x.group, x.comment, x.touchpoint, x.answeredAt]),
        [
          [uuid(10), 3, 'detractor', 'Broken, twice', 'checkout', '2024-03-03T09:00:00.000Z'],
          [uuid(9), 6, 'detractor', '@admin', 'support', '2024-03-03T08:00:00.000Z'],
          [uuid(8), 0, 'detractor', '+1 slow', 'checkout', '2024-03-03T00:00:00.000Z'],
          [
            uuid(5),
            10,
            'promoter',
            '=HYPERLINK("https://evil.example","click")',
            'support',
            '2024-03-02T09:00:00.000Z',
          ],
          [uuid(3), 10, 'promoter', 'Fast, easy "checkout"\nthanks', 'checkout', '2024-03-01T11:00:00.000Z'],
          [uuid(1), 10, 'promoter', '-- great', 'checkout', '2024-03-01T09:00:00.000Z'],
        ],
      );
      assert.deepEqual(
        {
          locale: c.comments[0].locale,
          complete: c.comments[0].complete,
          pageUrl: c.comments[0].pageUrl,
          metadata: c.comments[0].metadata,
        },
        { locale: 'en', complete: true, pageUrl: 'https://shop.example/checkout', metadata: null },
      );
      c = await comments('nps-main', '?group=detractor');
      assert.deepEqual(
        c.comments.map((x) => x.id),
        [10, 9, 8].map(uuid),
      );
      c = await comments('nps-main', '?score=10&touchpoint=checkout');
      assert.deepEqual(
        c.comments.map((x) => x.id),
        [3, 1].map(uuid),
      );
      c = await comments('nps-main', '?from=2024-03-02&to=2024-03-02');
      assert.deepEqual(
        c.comments.map((x) => x.id),
        [uuid(5)],
      );
      c = await comments('fa-comments', '?lang=fa');
      assert.deepEqual(
        c.comments.map((x) => x.locale),
        ['fa', 'fa-IR', 'fa', 'fa-IR'],
      );
      assert.deepEqual(c.comments[0].metadata, { plan: 'pro' });
      c = await comments('fa-comments', '?lang=en&group=high');
      assert.deepEqual(
        c.comments.map((x) => x.comment),
        ['Great SERVICE, fast'],
      );
      for (const query of [
        '?group=everyone',
        '?score=ten',
        '?lang=english',
        '?limit=0',
        '?limit=101',
        '?cursor=nonsense',
        `?q=${'x'.repeat(201)}`,
      ]) {
        assert.equal((await admin(url, `/v1/surveys/nps-main/comments${query}`)).status, 400, query);
      }
      assert.equal((await admin(url, '/v1/surveys/nobody/comments')).status, 404);
    });

    it('comments: all of them, in pages (a cursor), none twice or left out', async () => {
      const seen = [];
      let next = '';
      let pages = 0;
      do {
        const c = await comments('many-comments', `?limit=10${next ? `&cursor=${next}` : ''}`);
        assert.equal(c.total, 25);
        seen.push(...c.comments.map((x) => x.comment));
        next = c.next;
        pages++;
      } while (next);
      assert.equal(pages, 3);
      // c25 is the newest (hour 24 of the day).
      assert.deepEqual(
        seen,
        Array.from({ length: 25 }, (_, i) => `c${String(25 - i).padStart(2, '0')}`),
      );
      const first = await comments('many-comments');
      assert.equal(first.comments.length, 20, '20 by default');
    });

    it('comment search reads Persian as Persian readers type it', async () => {
      const found = async (q) =>
        (await comments('fa-comments', `?q=${encodeURIComponent(q)}`)).comments.map((x) => x.comment).reverse();
      const [want, quality, price, good, service] = FA_COMMENTS.map(([comment]) => comment);
      // Without the ZWNJ, with a space, with it: one word.
      assert.deepEqual(await found('میخواهم'), [want]);
      assert.deepEqual(await found('می خواهم'), [want]);
      assert.deepEqual(await found('می\u200cخواهم'), [want]);
      // Persian ک and ی find Arabic ك and ي, and the other way round.
      assert.deepEqual(await found('کیفیت عالی'), [quality]);
      assert.deepEqual(await found('كيفيت'), [quality]);
      // Diacritics and tatweel are ignored; Latin digits find Persian ones.
      assert.deepEqual(await found('قیمت 120'), [price]);
      assert.deepEqual(await found('قیمتِ'), [price]);
      assert.deepEqual(await found('خیلی'), [good]);
      // Latin letters in any case; every term must be there.
      assert.deepEqual(await found('service FAST'), [service]);
      assert.deepEqual(await found('service slow'), []);
      assert.deepEqual(await found('%'), [], 'LIKE wildcards are plain characters');
      // The search goes into the export too.
      const csv = (await admin(url, `/v1/surveys/fa-comments/responses.csv?q=${encodeURIComponent('خيلي')}`)).text;
      assert.equal(csv.trim().split('\r\n').length, 2, csv);
    });

    it('filters: from, to (whole days, inclusive), touchpoint, and together', async () => {
      // from 2024-03-02: #4–#10 (#4 at 00:00 UTC included, #7 at 01:30 UTC included) → n 7,
      //   promoters #4 #5 = 2, detractors #8 #9 #10 = 3: NPS −14.29
      let r = await report('nps-main', '?from=2024-03-02');
      assert.deepEqual(r.filter, { from: '2024-03-02', tz: 'UTC', calendar: 'gregory' });
      assertNear({ count: r.count, figure: r.figure }, { count: 7, figure: nps(2, 3, 7) });
      // to 2024-03-02: #1–#7 (#8 at 03-03 00:00 UTC is out) → n 7, promoters 5, passives 2
      r = await report('nps-main', '?to=2024-03-02');
      assertNear(
        { count: r.count, figure: r.figure, groups: r.groups },
        {
          count: 7,
          figure: nps(5, 0, 7),
          groups: {
            detractor: { count: 0, share: wilson(0, 7) },
            passive: { count: 2, share: wilson(2, 7) },
            promoter: { count: 5, share: wilson(5, 7) },
          },
        },
      );
      // from = to = 2024-03-02: #4 #5 #6 #7 → NPS 50
      r = await report('nps-main', '?from=2024-03-02&to=2024-03-02');
      assertNear({ count: r.count, figure: r.figure }, { count: 4, figure: nps(2, 0, 4) });
      // touchpoint support: #4 #5 #9
      r = await report('nps-main', '?touchpoint=support');
      assert.equal(r.count, 3);
      assert.deepEqual(
        r.touchpoints.map((t) => t.touchpoint),
        ['support'],
      );
      assertNear(r.figure, nps(2, 1, 3));
      assert.deepEqual(r.options.touchpoints, ['checkout', 'support'], 'the options are the whole survey’s');
      // checkout from 2024-03-03: #8 0, #10 3 → 2 detractors: NPS −100, interval to about +20
      r = await report('nps-main', '?touchpoint=checkout&from=2024-03-03');
      assertNear({ count: r.count, figure: r.figure }, { count: 2, figure: nps(0, 2, 2) });
      // A known survey with nothing in range: an empty report of its type, not an error.
      r = await report('nps-main', '?from=2025-01-01');
      assertNear(
        {
          count: r.count,
          fewAnswers: r.fewAnswers,
          figure: r.figure,
          groups: r.groups,
          touchpoints: r.touchpoints,
          trend: r.trend,
        },
        {
          count: 0,
          fewAnswers: true,
          figure: NONE,
          groups: {
            detractor: { count: 0, share: NONE },
            passive: { count: 0, share: NONE },
            promoter: { count: 0, share: NONE },
          },
          touchpoints: [],
          trend: { bucket: 'day', chosen: true, points: [] },
        },
      );
      assert.deepEqual(
        r.distribution,
        Array.from({ length: 11 }, (_, score) => ({ score, count: 0 })),
      );
      r = await report('ces-returns', '?touchpoint=nowhere');
      assert.equal(r.count, 0);
      assert.deepEqual(r.shareHigh, NONE);
    });

    it('refuses bad filters and bad survey ids (400) and answers 404 for an unknown survey', async () => {
      for (const query of [
        '?from=2024-3-1',
        '?to=yesterday',
        '?from=2024-13-45',
        '?from=2024-02-30',
        '?from=2024-03-02&to=2024-03-01',
        `?touchpoint=${'x'.repeat(65)}`,
        '?bucket=year',
        '?calendar=julian',
      ]) {
        const res = await admin(url, `/v1/surveys/nps-main/report${query}`);
        assert.equal(res.status, 400, query);
      }
      assert.equal((await admin(url, '/v1/surveys/Not%20An%20Id/report')).status, 400);
      assert.equal((await admin(url, '/v1/surveys/%E0%A4%A/report')).status, 400, 'malformed percent-encoding');
      assert.equal((await admin(url, '/v1/surveys/%E0%A4%A/responses.csv')).status, 400);
      assert.equal((await admin(url, '/v1/surveys/nobody/report')).status, 404);
      assert.equal((await admin(url, '/v1/surveys/nps-main/other')).status, 404);
    });

    it('CSAT: share of 4–5 with its Wilson interval', async () => {
      const r = await report('csat-support');
      // scores 5 5 4 4 4 3 2 1: high (4–5) = 5 of 8 → CSAT 62.5 %, Wilson 25.89…89.76 %
      assertNear(
        { type: r.type, count: r.count, figure: r.figure, groups: r.groups, distribution: r.distribution },
        {
          type: 'csat',
          count: 8,
          figure: wilson(5, 8),
          groups: { low: { count: 3, share: wilson(3, 8) }, high: { count: 5, share: wilson(5, 8) } },
          distribution: [
            { score: 1, count: 1 },
            { score: 2, count: 1 },
            { score: 3, count: 1 },
            { score: 4, count: 3 },
            { score: 5, count: 2 },
          ],
        },
      );
      assert.ok(
        Math.abs(r.figure.lower - 25.89) < 0.01 && Math.abs(r.figure.upper - 89.76) < 0.01,
        JSON.stringify(r.figure),
      );
    });

    it('CES: mean with Student’s t on the answers and a pseudo-answer at each end; share of 5–7; none under 2 answers', async () => {
      const r = await report('ces-returns', '?bucket=day');
      // scores 7 6 5 5 3 1: mean 27/6 = 4.5. With the pseudo-answers 1 and 7: n' = 8, sum 35, mean' 4.375,
      // squares 49+36+25+25+9+1+1+49 = 195, SS = 195 − 8·4.375² = 41.875, s² = 41.875/7 = 5.98214,
      // SE = √(5.98214/8) = 0.864736, t(0.975, 5 df) = 2.570582, half-width 2.222874:
      // 4.375 ∓ 2.222874 = 2.152126…6.597874 (holds the mean 4.5).
      // Per day, 3 answers each: 7 6 5 → mean 6; 5 3 1 → mean 3; both with wide intervals (t with 2 df = 4.30).
      const interval = (sum, squares, n, t) => {
        const mean = (sum + 8) / (n + 2);
        const se = Math.sqrt((squares + 50 - (n + 2) * mean * mean) / (n + 1) / (n + 2));
        return [Math.max(1, mean - t * se), Math.min(7, mean + t * se)];
      };
      const [lower, upper] = interval(27, 145, 6, 2.570581835636313);
      assert.ok(Math.abs(lower - 2.152126) < 1e-5 && Math.abs(upper - 6.597874) < 1e-5, `${lower} ${upper}`);
      const [l1, u1] = interval(18, 110, 3, 4.302652729749461);
      const [l2, u2] = interval(9, 35, 3, 4.302652729749461);
      assertNear(
        { type: r.type, count: r.count, figure: r.figure, shareHigh: r.shareHigh, groups: r.groups },
        {
          type: 'ces',
          count: 6,
          figure: { value: 4.5, lower, upper },
          shareHigh: wilson(4, 6),
          groups: { low: { count: 2, share: wilson(2, 6) }, high: { count: 4, share: wilson(4, 6) } },
        },
      );
      assertNear(
        r.trend.points.map((p) => [p.start, p.count, p.figure]),
        [
          ['2024-05-01', 3, { value: 6, lower: Math.min(l1, 6), upper: Math.max(u1, 6) }],
          ['2024-05-02', 3, { value: 3, lower: Math.min(l2, 3), upper: Math.max(u2, 3) }],
        ],
      );
      assert.deepEqual(
        r.distribution.map((d) => d.count),
        [1, 0, 1, 0, 2, 1, 1],
      );
      // One answer: the mean, no interval.
      const one = await report('ces-returns', '?from=2024-05-02&to=2024-05-02&touchpoint=returns');
      assert.equal(one.count, 3);
      const single = await report('ces-returns', '?from=2024-05-01&to=2024-05-01&touchpoint=nowhere');
      assert.deepEqual(single.figure, NONE);
    });

    it('a survey id with answers of two types reports the more common type', async () => {
      const r = await report('mixed');
      // 2 NPS answers (10 and 0) against 1 CSAT: NPS, n 2, 1 promoter and 1 detractor: 0
      assertNear({ type: r.type, count: r.count, figure: r.figure }, { type: 'nps', count: 2, figure: nps(1, 1, 2) });
    });

    it('GET /v1/surveys lists each survey with its count and last answer, and one only shown with none', async () => {
      const res = await admin(url, '/v1/surveys');
      assert.equal(res.status, 200);
      assert.deepEqual(res.json.surveys, [
        { surveyId: 'ces-returns', type: 'ces', count: 6, lastAnsweredAt: '2024-05-02T15:00:00.000Z' },
        { surveyId: 'cmp-nps', type: 'nps', count: 80, lastAnsweredAt: '2024-08-14T12:00:00.000Z' },
        { surveyId: 'csat-support', type: 'csat', count: 8, lastAnsweredAt: '2024-04-01T10:07:00.000Z' },
        { surveyId: 'fa-comments', type: 'csat', count: 5, lastAnsweredAt: '2024-09-01T14:00:00.000Z' },
        { surveyId: 'many-comments', type: 'csat', count: 25, lastAnsweredAt: '2024-06-02T00:00:00.000Z' },
        // mixed: the more common type (NPS) and, as in its report, the count of NPS answers;
        // the last answer of any type (the CSAT one)
        { surveyId: 'mixed', type: 'nps', count: 2, lastAnsweredAt: '2024-06-10T12:00:00.000Z' },
        { surveyId: 'nps-main', type: 'nps', count: 10, lastAnsweredAt: '2024-03-03T09:00:00.000Z' },
        { surveyId: 'shown-only', type: 'ces', count: 0, lastAnsweredAt: null },
        { surveyId: 'tz-csat', type: 'csat', count: 4, lastAnsweredAt: '2024-07-02T20:31:00.000Z' },
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
