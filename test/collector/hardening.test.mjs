// The collector as a product (issue 12), each line of "what was wrong" as a regression: times outside
// a sane window, reports over any stored row, CSV injection through other separators, the BOM and the
// streamed export, the admin token (made once and shared, never printed when set), failed sign-ins
// throttled, X-Forwarded-For only through trusted proxies, slow clients and the connection cap,
// graceful close, JSON logs with a request id, the element's script, and the stored allowed origins.
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { request as httpRequest } from 'node:http';
import { readFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import {
  ADMIN_TOKEN,
  ALLOWED_ORIGIN,
  admin,
  backends,
  batch,
  clearResponses,
  countRows,
  post,
  request,
  response,
  rows,
  startExtraServer,
  startTestCollector,
  uuid,
} from './helpers.mjs';

const DIST = new URL('../../dist/', import.meta.url);
const DAY = 86_400_000;

/** A writable that keeps the JSON log lines written to it. */
function logCapture() {
  const lines = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, stream };
}

/** A CSV reader for a spreadsheet set to `separator` (quotes as RFC 4180); the BOM is checked and dropped. */
function readCsv(text, separator) {
  assert.equal(text.charCodeAt(0), 0xfeff, 'the CSV starts with a UTF-8 byte order mark');
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === separator || c === '\n') {
      cells.push(cell.replace(/\r$/, ''));
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

/** Rows with times, scores and texts no ingest would take, written straight into the table. */
const EXTREME_TIMES = [
  '-infinity',
  'infinity',
  '4713-01-01 00:00:00+00 BC',
  '0001-01-01 00:00:00+00',
  '0099-06-01 00:00:00+00',
  '1970-01-01 00:00:00+00',
  '2024-03-01 10:00:00.123456+00',
  '9999-12-31 23:59:59-14',
  '294276-12-31 23:59:59+00',
];
async function storeExtremeRows(db) {
  let n = 9000;
  for (const [surveyId, type, scores] of [
    ['wild-nps', 'nps', [-32768, 0, 10, 32767]],
    ['wild-csat', 'csat', [1, 5, 99]],
    ['wild-ces', 'ces', [-5, 7, 32767]],
  ]) {
    for (const [i, at] of EXTREME_TIMES.entries()) {
      n++;
      await db.query(
        `INSERT INTO responses (id, revision, complete, survey_id, type, score, comment, locale, touchpoint, page_url,
                                metadata, answered_at, sent_at, received_at, first_received_at)
         VALUES ($1, $2, true, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $12)`,
        [
          uuid(n),
          i % 2 ? 2147483647 : 1,
          surveyId,
          type,
          scores[i % scores.length],
          i % 3 === 0 ? null : i % 3 === 1 ? `=cmd|'/c calc'!A1 ${'x'.repeat(i * 50)}` : 'ارسال خیلی سریع بود',
          i % 2 ? '' : 'zz-ZZ-x-notalocale',
          i % 4 === 0 ? null : i % 4 === 1 ? '' : `tp-${i}`,
          '',
          i % 2 ? JSON.stringify({ deep: { a: [1, { b: null }] }, big: 1e308, '=x': '-1' }) : null,
          at,
          EXTREME_TIMES[(i + 3) % EXTREME_TIMES.length],
        ],
      );
    }
  }
}

for (const backend of backends()) {
  const { after, before, beforeEach, it } = backend.test;
  describe(`the collector as a product (${backend.name})`, () => {
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
    beforeEach(async () => {
      await clearResponses(db);
      await db.query('DELETE FROM csat_rate_limits');
    });

    describe('times in a sane window', () => {
      it('answeredAt 9999-12-31T23:59:59-14:00 is 422 with the reason, and the report still works', async () => {
        assert.equal((await post(url, [response(1, { surveyId: 'kept' })])).status, 200);
        const res = await post(url, [response(2, { surveyId: 'kept', answeredAt: '9999-12-31T23:59:59-14:00' })]);
        assert.equal(res.status, 422, res.text);
        assert.match(
          res.json.invalid[0].problems.join('; '),
          /answeredAt: 9999-12-31T23:59:59-14:00 is more than a day after the time of receipt/,
        );
        assert.match(res.json.invalid[0].problems.join('; '), /expected a time from 2020-01-01T00:00:00Z to /);
        assert.equal(await countRows(db), 1);
        assert.equal((await admin(url, '/v1/surveys/kept/report')).status, 200);
      });

      it('takes 2020-01-01 to a day after receipt; refuses the rest by item, and nothing of the batch is stored', async () => {
        const now = Date.now();
        const fine = [
          '2020-01-01T00:00:00Z',
          '2020-01-01T03:30:00+03:30',
          new Date(now + DAY - 60_000).toISOString(),
          new Date(now).toISOString(),
        ];
        for (const [i, answeredAt] of fine.entries()) {
          const res = await post(url, [response(10 + i, { answeredAt })]);
          assert.equal(res.status, 200, `${answeredAt}: ${res.text}`);
        }
        const wrong = [
          ['2019-12-31T23:59:59Z', /before 2020-01-01T00:00:00Z/],
          ['2020-01-01T03:29:59+03:30', /before 2020-01-01/],
          ['1970-01-01T00:00:00Z', /before 2020/],
          [new Date(now + DAY + 60_000).toISOString(), /more than a day after the time of receipt/],
          ['9999-12-31T23:59:59Z', /more than a day after/],
        ];
        await clearResponses(db);
        for (const [answeredAt, reason] of wrong) {
          const res = await post(url, [response(1), response(2, { answeredAt })]);
          assert.equal(res.status, 422, `${answeredAt}: ${res.text}`);
          assert.deepEqual(
            res.json.invalid.map((i) => i.index),
            [1],
          );
          assert.match(res.json.invalid[0].problems.join('; '), reason);
        }
        // sentAt is stored with each response of its batch: each one is named.
        const future = await post(url, batch([response(1), response(2)], new Date(now + 3 * DAY).toISOString()));
        assert.equal(future.status, 422, future.text);
        assert.deepEqual(
          future.json.invalid.map((i) => i.index),
          [0, 1],
        );
        assert.match(future.json.invalid[0].problems.join('; '), /sentAt: .* more than a day after/);
        const old = await post(url, batch([response(1)], '2019-06-01T00:00:00Z'));
        assert.equal(old.status, 422);
        assert.match(old.json.invalid[0].problems.join('; '), /sentAt: 2019-06-01T00:00:00Z is before 2020-01-01/);
        assert.equal(await countRows(db), 0);
      });

      it('every report, the survey list and the CSV survive any row already stored (±infinity, BC, year 294276, odd scores)', async () => {
        await storeExtremeRows(db);
        const list = await admin(url, '/v1/surveys');
        assert.equal(list.status, 200, list.text);
        const byId = Object.fromEntries(list.json.surveys.map((s) => [s.surveyId, s]));
        assert.deepEqual(Object.keys(byId).sort(), ['wild-ces', 'wild-csat', 'wild-nps']);
        assert.equal(byId['wild-nps'].lastAnsweredAt, null, 'a last answer at +infinity cannot be shown: null');
        for (const id of ['wild-nps', 'wild-csat', 'wild-ces']) {
          for (const query of [
            '',
            '?from=2024-01-01&to=2024-12-31',
            '?touchpoint=tp-2',
            '?from=0001-01-01',
            '?to=9999-12-31',
            '?from=0001-01-01&to=9999-12-31&tz=Pacific/Kiritimati',
            '?tz=Pacific/Pago_Pago&bucket=week&calendar=persian',
            '?tz=Asia/Tehran',
            '?tz=Pacific/Kiritimati&bucket=day',
          ]) {
            const report = await admin(url, `/v1/surveys/${id}/report${query}`);
            assert.ok(report.status === 200 || report.status === 404, `${id}${query}: ${report.status} ${report.text}`);
            if (report.status !== 200) continue;
            for (const p of report.json.trend.points) {
              assert.match(p.start, /^\d{4}-\d\d-\d\d$/);
              assert.match(p.end, /^\d{4}-\d\d-\d\d$/);
            }
            const comments = await admin(url, `/v1/surveys/${id}/comments${query}`);
            assert.equal(comments.status, 200, comments.text);
            for (const c of comments.json.comments)
              assert.ok(c.answeredAt === null || !Number.isNaN(Date.parse(c.answeredAt)));
          }
          const full = await admin(url, `/v1/surveys/${id}/report`);
          assert.equal(full.json.count, EXTREME_TIMES.length);
          const csv = await admin(url, `/v1/surveys/${id}/responses.csv`);
          assert.equal(csv.status, 200);
          assert.equal(csv.text.split('\r\n').length - 2, EXTREME_TIMES.length, 'one line per row');
          assert.ok(csv.text.includes('"infinity"') && csv.text.includes(`"'-infinity"`) && csv.text.includes(' BC"'));
        }
      });
    });

    describe('CSV', () => {
      it('no cell a spreadsheet reads with , ; or tab as separator starts a formula; BOM; Persian kept', async () => {
        const comments = [
          'ok;=1+2',
          'ok\t=1+2',
          'ok,=1+2',
          'a; +SUM(A1)',
          'x,\t-2+3',
          '  =1+1',
          '\t=1',
          '\r=1',
          'b;@cmd',
          'ارسال خیلی سریع بود، ممنون',
        ];
        const res = await post(
          url,
          comments.map((comment, i) => response(i + 1, { comment, touchpoint: i === 0 ? 'c;-x' : undefined })),
        );
        assert.equal(res.status, 200, res.text);
        const csv = await admin(url, '/v1/surveys/survey-a/responses.csv');
        assert.equal(csv.status, 200);
        assert.ok(csv.text.includes('"ارسال خیلی سریع بود، ممنون"'), 'Persian as it was sent');
        const bytes = Buffer.from(csv.text, 'utf8');
        assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
        for (const separator of [',', ';', '\t']) {
          for (const cell of readCsv(csv.text, separator)) {
            assert.doesNotMatch(
              cell,
              /^\s*[=+\-@]|^[\t\r]/,
              `read with ${JSON.stringify(separator)}: ${JSON.stringify(cell)}`,
            );
          }
        }
        // Every text cell is quoted: the comment column of each row starts with a quote.
        assert.ok(csv.text.includes(`"ok;'=1+2"`), csv.text);
        assert.ok(csv.text.includes(`"ok\t'=1+2"`));
        assert.ok(csv.text.includes(`"'  =1+1"`));
      });

      it('streams: answers are taken while an export waits on a slow reader, and the export is whole', async () => {
        const many = Array.from({ length: 2500 }, (_, i) =>
          response(100_000 + i, { surveyId: 'big', comment: 'x'.repeat(100) }),
        );
        for (let i = 0; i < many.length; i += 100) assert.equal((await post(url, many.slice(i, i + 100))).status, 200);
        const received = [];
        let res;
        await new Promise((resolve, reject) => {
          const req = httpRequest(`${url}/v1/surveys/big/responses.csv`, {
            headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
          });
          req.on('response', (r) => {
            res = r;
            r.once('data', (chunk) => {
              received.push(chunk);
              r.pause();
              resolve();
            });
          });
          req.on('error', reject);
          req.end();
        });
        // The reader holds the export; ingest answers meanwhile.
        const during = [];
        for (let i = 0; i < 5; i++) {
          const t = performance.now();
          const answer = await post(url, [response(200_000 + i, { surveyId: 'other' })]);
          during.push(performance.now() - t);
          assert.equal(answer.status, 200);
        }
        assert.ok(Math.max(...during) < 2000, `ingest answered during the export (${during.map(Math.round)} ms)`);
        res.on('data', (chunk) => received.push(chunk));
        res.resume();
        await new Promise((resolve) => res.on('end', resolve));
        const text = Buffer.concat(received).toString('utf8');
        assert.equal(text.split('\r\n').length - 2, 2500);
      });
    });

    describe('admin token and sign-ins', () => {
      it('without CSAT_ADMIN_TOKEN, one token is made, stored and used by the next collector on the data', async () => {
        await db.query("DELETE FROM csat_settings WHERE name = 'admin_token'");
        const extra = await backend.createStore();
        try {
          const first = await startTestCollector(extra, { CSAT_ADMIN_TOKEN: '' });
          assert.equal(first.adminTokenSource, 'made');
          assert.ok(first.adminToken.length >= 32);
          let second;
          if (backend.kind === 'postgresql') {
            second = await startTestCollector(extra, { CSAT_ADMIN_TOKEN: '' });
          } else {
            await first.close();
            second = await startTestCollector(extra, { CSAT_ADMIN_TOKEN: '' });
          }
          try {
            assert.equal(second.adminTokenSource, 'stored');
            assert.equal(second.adminToken, first.adminToken, 'one token for every collector on the data');
            assert.equal((await admin(second.url, '/v1/surveys', `Bearer ${first.adminToken}`)).status, 200);
            assert.equal((await admin(second.url, '/v1/surveys')).status, 401, 'the test token is not it');
          } finally {
            await second.close();
            if (backend.kind === 'postgresql') await first.close();
          }
        } finally {
          await extra.cleanup();
        }
      });

      it('failed sign-ins: 10 a minute per client, then 429 with Retry-After, the right token included', async () => {
        const server = await startExtraServer(collector, { authFailureLimit: 10, trustProxy: ['127.0.0.1'] });
        try {
          const from = (address, auth) =>
            request(server.url, '/v1/surveys', {
              headers: { 'x-forwarded-for': address, ...(auth && { authorization: auth }) },
            });
          for (let i = 0; i < 10; i++)
            assert.equal((await from('203.0.113.7', 'Bearer wrong')).status, 401, `try ${i + 1}`);
          const refused = await from('203.0.113.7', 'Bearer wrong');
          assert.equal(refused.status, 429);
          assert.ok(Number(refused.headers['retry-after']) >= 1);
          assert.match(refused.json.error, /Too many failed sign-ins/);
          assert.equal((await from('203.0.113.7', `Bearer ${ADMIN_TOKEN}`)).status, 429, 'guessing learns nothing');
          assert.equal((await from('203.0.113.8', `Bearer ${ADMIN_TOKEN}`)).status, 200, 'another client is not held');
        } finally {
          await server.close();
        }
      });
    });

    describe('client address', () => {
      it('X-Forwarded-For is not trusted by default: every client of one proxy shares its bucket', async () => {
        const server = await startExtraServer(collector, { rateLimit: 2 });
        try {
          const statuses = [];
          for (const [i, address] of ['198.51.100.1', '198.51.100.2', '198.51.100.3'].entries())
            statuses.push(
              (await post(server.url, [response(i + 1)], { headers: { 'x-forwarded-for': address } })).status,
            );
          assert.deepEqual(statuses, [200, 200, 429]);
        } finally {
          await server.close();
        }
      });

      it('with CSAT_TRUST_PROXY (a hop count or addresses), each real client has its own bucket', async () => {
        for (const trustProxy of [1, ['127.0.0.1/8']]) {
          await db.query('DELETE FROM csat_rate_limits');
          const server = await startExtraServer(collector, { rateLimit: 2, trustProxy });
          try {
            const from = (address, n) => post(server.url, [response(n)], { headers: { 'x-forwarded-for': address } });
            assert.equal((await from('198.51.100.1', 1)).status, 200);
            assert.equal((await from('198.51.100.1', 2)).status, 200);
            assert.equal((await from('198.51.100.1', 3)).status, 429, `trust ${trustProxy}`);
            // A client cannot pick another address by sending its own header: only the last hop counts.
            assert.equal((await from('10.9.9.9, 198.51.100.1', 4)).status, 429);
            assert.equal((await from('198.51.100.2', 5)).status, 200, 'another real client');
          } finally {
            await server.close();
          }
        }
      });
    });

    describe('slow clients, the connection cap, closing', () => {
      it('a client trickling its headers, or its body, is cut after the timeout', async () => {
        const server = await startExtraServer(collector, { headersTimeout: 800, requestTimeout: 1500 });
        try {
          const { port } = new URL(server.url);
          const trickle = (first, next) =>
            new Promise((resolve) => {
              const started = performance.now();
              const socket = connect(Number(port), '127.0.0.1', () => socket.write(first));
              let answer = '';
              const timer = setInterval(() => socket.writable && socket.write(next), 200);
              socket.on('data', (d) => (answer += d));
              socket.on('error', () => undefined);
              socket.on('close', () => {
                clearInterval(timer);
                resolve({ ms: performance.now() - started, answer });
              });
            });
          const headers = await trickle('POST /v1/responses HTTP/1.1\r\nHost: x\r\n', 'X-Slow: 1\r\n');
          assert.ok(headers.ms < 3000, `headers: cut after ${Math.round(headers.ms)} ms`);
          assert.match(headers.answer, /^HTTP\/1\.1 408/);
          const body = await trickle(
            'POST /v1/responses HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 60000\r\n\r\n{',
            ' ',
          );
          assert.ok(body.ms < 4000, `body: cut after ${Math.round(body.ms)} ms`);
          assert.equal(await countRows(db), 0);
        } finally {
          await server.close();
        }
      });

      it('past CSAT_MAX_CONNECTIONS, a new connection is closed at once; the others are served', async () => {
        const server = await startExtraServer(collector, { maxConnections: 2 });
        const { port } = new URL(server.url);
        const open = () =>
          new Promise((resolve) => {
            const socket = connect(Number(port), '127.0.0.1', () => resolve(socket));
          });
        const held = [await open(), await open()];
        try {
          await new Promise((r) => setTimeout(r, 100));
          const third = await open();
          const closed = await new Promise((resolve) => {
            const timer = setTimeout(() => resolve(false), 2000);
            third.on('error', () => undefined);
            third.on('close', () => {
              clearTimeout(timer);
              resolve(true);
            });
            third.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
          });
          assert.ok(closed, 'the third connection was closed');
          held[0].write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
          const answer = await new Promise((resolve) => held[0].once('data', (d) => resolve(String(d))));
          assert.match(answer, /^HTTP\/1\.1 200/);
        } finally {
          for (const socket of held) socket.destroy();
          await server.close();
        }
      });

      it('closing lets a request in flight finish (and store), and takes no new connection', async () => {
        const server = await startExtraServer(collector, {});
        const body = JSON.stringify(batch([response(77)]));
        const { port } = new URL(server.url);
        const socket = connect(Number(port), '127.0.0.1');
        await new Promise((r) => socket.once('connect', r));
        let answer = '';
        socket.on('data', (d) => (answer += d));
        socket.write(
          `POST /v1/responses HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 20)}`,
        );
        await new Promise((r) => setTimeout(r, 150));
        const closing = server.close();
        await new Promise((r) => setTimeout(r, 200));
        socket.write(body.slice(20));
        await closing;
        await new Promise((r) => setTimeout(r, 50));
        assert.match(answer, /^HTTP\/1\.1 200/, answer);
        assert.equal((await rows(db)).length, 1);
        socket.destroy();
        await assert.rejects(request(server.url, '/health'), /ECONNREFUSED/);
      });
    });

    describe('logs, the script, origins', () => {
      it('one JSON line per request with its request id (a proxy’s X-Request-Id is kept), never the token', async () => {
        const log = logCapture();
        const server = await startExtraServer(collector, { logLevel: 'info' }, { logStream: log.stream });
        try {
          const res = await request(server.url, '/v1/surveys', {
            headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'x-request-id': 'edge-42' },
          });
          assert.equal(res.headers['x-request-id'], 'edge-42');
          const other = await request(server.url, '/health');
          assert.match(other.headers['x-request-id'], /^[0-9a-f-]{36}$/);
          await new Promise((r) => setTimeout(r, 50));
          const line = log.lines.find((l) => l.reqId === 'edge-42' && l.msg === 'request');
          assert.ok(line, JSON.stringify(log.lines));
          assert.equal(line.status, 200);
          assert.equal(line.method, 'GET');
          assert.equal(line.url, '/v1/surveys');
          assert.equal(typeof line.ms, 'number');
          assert.ok(!JSON.stringify(log.lines).includes(ADMIN_TOKEN), 'the token is not logged');
        } finally {
          await server.close();
        }
      });

      it('serves the exact loader, its chunks and the one-file build: short revalidated caches, a versioned immutable loader, SRI', async () => {
        const dist = (name) => readFile(new URL(name, DIST), 'utf8');
        const built = await dist('csat-survey.js');
        const sri = (await dist('csat-survey.js.sri')).trim();
        const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
        const plain = await request(url, '/csat-survey.js');
        assert.equal(plain.status, 200);
        assert.equal(plain.text, built);
        assert.match(plain.headers['content-type'], /^text\/javascript/);
        assert.equal(plain.headers['cache-control'], 'public, max-age=300, must-revalidate');
        assert.equal(plain.headers['access-control-allow-origin'], '*', 'integrity checks need CORS');
        const again = await request(url, '/csat-survey.js', { headers: { 'if-none-match': plain.headers.etag } });
        assert.equal(again.status, 304);
        const versioned = await request(url, `/csat-survey@${version}.js`);
        assert.equal(versioned.text, built);
        assert.match(versioned.headers['cache-control'], /immutable/);
        assert.equal((await request(url, '/csat-survey@0.0.1.js')).status, 404);
        assert.equal((await request(url, '/csat-survey.js.sri')).text, sri);
        // The loader loads its chunks from its own folder, here the collector's root, with CORS and revalidation.
        for (const name of ['csat-survey.delivery.js', 'csat-survey.renderer.js', 'csat-survey.bundle.js']) {
          const chunk = await request(url, `/${name}`);
          assert.equal(chunk.text, await dist(name), name);
          assert.equal(chunk.headers['access-control-allow-origin'], '*', name);
          assert.equal(chunk.headers['cache-control'], 'public, max-age=300, must-revalidate', name);
          if (name !== 'csat-survey.bundle.js')
            assert.ok(built.includes((await dist(`${name}.sri`)).trim()), `the loader pins ${name}`);
        }
        const info = await request(url, '/csat-survey.json');
        assert.deepEqual(info.json, {
          version,
          script: `/csat-survey@${version}.js`,
          latest: '/csat-survey.js',
          integrity: sri,
          bundle: { script: '/csat-survey.bundle.js', integrity: (await dist('csat-survey.bundle.js.sri')).trim() },
        });
      });

      it('allowed origins stored in the database: list, add (then accepted), remove (then refused)', async () => {
        const auth = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
        const remove = (origin) =>
          request(url, `/v1/origins/${encodeURIComponent(origin)}`, {
            method: 'DELETE',
            headers: { authorization: auth.authorization },
          });
        const added = await request(url, '/v1/origins', {
          method: 'POST',
          headers: auth,
          body: { origin: 'https://new.example', note: 'shop' },
        });
        assert.equal(added.status, 201, added.text);
        assert.equal(
          (
            await request(url, '/v1/origins', {
              method: 'POST',
              headers: auth,
              body: { origin: 'https://new.example' },
            })
          ).status,
          200,
        );
        for (const origin of ['new.example', 'https://new.example/', 'ftp://x.example', 42]) {
          const bad = await request(url, '/v1/origins', { method: 'POST', headers: auth, body: { origin } });
          assert.equal(bad.status, 400, `${origin}: ${bad.text}`);
          assert.match(bad.json.error, /origin/);
        }
        const list = await admin(url, '/v1/origins');
        assert.deepEqual(
          list.json.origins.map((o) => [o.origin, o.source]),
          [
            ['http://localhost:5173', 'environment'],
            [ALLOWED_ORIGIN, 'environment'],
            ['https://new.example', 'database'],
          ],
        );
        const sent = await post(url, [response(1)], { origin: 'https://new.example' });
        assert.equal(sent.status, 200);
        assert.equal(sent.headers['access-control-allow-origin'], 'https://new.example');
        assert.equal((await remove(ALLOWED_ORIGIN)).status, 409, 'an origin of the environment stays');
        assert.equal((await remove('https://new.example')).status, 204);
        assert.equal((await remove('https://new.example')).status, 404);
        assert.equal((await post(url, [response(2)], { origin: 'https://new.example' })).status, 403);
        assert.equal(
          (await request(url, '/v1/origins', { method: 'POST', body: { origin: 'https://x.example' } })).status,
          401,
        );
      });
    });
  });
}
