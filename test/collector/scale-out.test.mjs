// Scale-out as the README promises it: Debian's nginx as the reverse proxy on loopback in front of two
// collector processes (the command) on one PostgreSQL, CSAT_TRUST_PROXY naming nginx. Clients come
// from distinct loopback addresses (127.0.x.y), so nginx's X-Forwarded-For carries a real client
// address. Checks: the rate limit is per real client and global across both processes; the token
// made by one start is the one both use, and the report API works through either; concurrent
// revisions of the same ids keep the highest; killing one process (SIGKILL) loses no answer
// acknowledged with 200. Needs nginx and CSAT_TEST_DATABASE_URL: without them it is skipped with
// the reason (in CI, it fails).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backends, batch, response } from './helpers.mjs';

const CLI = new URL('../../collector/dist/collector/cli.js', import.meta.url).pathname;
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
const LIMIT = 6;

const missing = [
  !NGINX && "nginx is not installed (apt-get install -y --no-install-recommends nginx; CI's .ci/run does)",
  !process.env.CSAT_TEST_DATABASE_URL &&
    'no PostgreSQL server: set CSAT_TEST_DATABASE_URL=postgres://user@host:port/db',
].filter(Boolean);
if (missing.length && process.env.CI) throw new Error(`The scale-out test cannot run in CI: ${missing.join('; ')}.`);
const skip = missing.length ? missing.join('; ') : undefined;

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** One HTTP request from a given loopback source address. */
function call(base, path, { method = 'GET', from = '127.0.0.2', headers = {}, body } = {}) {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      new URL(path, base),
      {
        method,
        agent: false,
        localAddress: from,
        headers: {
          ...(payload && { 'content-type': 'application/json', 'content-length': payload.length }),
          ...headers,
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let json;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** The n-th distinct loopback client address (127.0.2.1 onwards). */
const client = (n) => `127.0.${2 + Math.floor(n / 250)}.${1 + (n % 250)}`;

function startCollector(env) {
  const child = spawn(process.execPath, [CLI], { env: { PATH: process.env.PATH, ...env }, stdio: 'pipe' });
  const run = { child, stdout: '', stderr: '' };
  run.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  run.started = new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      run.stdout += d;
      const line = run.stdout.split('\n').find((l) => l.includes('"collector started"'));
      if (line) resolve(JSON.parse(line).url);
    });
    child.stderr.on('data', (d) => (run.stderr += d));
    run.exited.then(({ code }) => reject(new Error(`a collector exited (${code}): ${run.stderr}`)));
  });
  run.started.catch(() => undefined);
  return run;
}

describe('scale-out: nginx in front of two collectors on one PostgreSQL', () => {
  let store;
  let dir;
  let nginx;
  let proxy;
  let collectors;
  let token;

  before(async () => {
    if (skip) return;
    store = await backends()[1].createStore();
    dir = await mkdtemp(join(tmpdir(), 'csat-scale-'));
    const env = {
      DATABASE_URL: store.env.DATABASE_URL,
      PORT: '0',
      CSAT_TRUST_PROXY: '127.0.0.1',
      CSAT_RATE_LIMIT: String(LIMIT),
      CSAT_ALLOWED_ORIGINS: 'https://shop.example',
    };
    // Both start at once without CSAT_ADMIN_TOKEN: one makes the token, both use it.
    collectors = [startCollector(env), startCollector(env)];
    const urls = await Promise.all(collectors.map((c) => c.started));
    const made = collectors.flatMap((c) =>
      c.stdout
        .split('\n')
        .filter((l) => l.includes('admin token made'))
        .map((l) => JSON.parse(l).adminToken),
    );
    assert.equal(made.length, 1, 'exactly one of the two made (and printed) the token');
    token = made[0];
    const port = await freePort();
    const user = process.getuid?.() === 0 ? 'user root;' : '';
    await writeFile(
      join(dir, 'nginx.conf'),
      `${user}
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream collectors {
    ${urls.map((u) => `server ${new URL(u).host} max_fails=1 fail_timeout=30s;`).join('\n    ')}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://collectors;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Request-Id $request_id;
      # Ingest is idempotent (upsert by id, highest revision), so a POST may go to the other process.
      proxy_next_upstream error timeout non_idempotent;
    }
  }
}
`,
    );
    nginx = spawn(NGINX, ['-c', join(dir, 'nginx.conf'), '-p', dir], { stdio: 'pipe' });
    let nginxErr = '';
    nginx.stderr.on('data', (d) => (nginxErr += d));
    proxy = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      try {
        await call(proxy, '/health');
        break;
      } catch (error) {
        if (i > 100 || nginx.exitCode !== null)
          throw new Error(`nginx did not start: ${nginxErr} ${error.message}`, { cause: error });
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });

  after(async () => {
    if (nginx && nginx.exitCode === null) {
      nginx.kill('SIGQUIT');
      await new Promise((r) => nginx.once('exit', r));
    }
    for (const c of collectors ?? [])
      if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
    await Promise.all((collectors ?? []).map((c) => c.exited));
    await store?.cleanup();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it(
    'the rate limit is per real client (X-Forwarded-For from nginx) and global across both processes',
    { skip },
    async () => {
      const statuses = [];
      for (let i = 0; i < 2 * LIMIT; i++) {
        statuses.push(
          (await call(proxy, '/v1/responses', { method: 'POST', from: '127.0.1.1', body: batch([response(i + 1)]) }))
            .status,
        );
      }
      // Two processes, each counting alone, would have taken 2 × LIMIT.
      assert.deepEqual(statuses, [...Array(LIMIT).fill(200), ...Array(LIMIT).fill(429)]);
      const spoofed = await call(proxy, '/v1/responses', {
        method: 'POST',
        from: '127.0.1.1',
        headers: { 'x-forwarded-for': '203.0.113.9' },
        body: batch([response(100)]),
      });
      assert.equal(spoofed.status, 429, 'a client cannot escape by sending its own X-Forwarded-For');
      assert.ok(Number(spoofed.headers['retry-after']) >= 1);
      const other = await call(proxy, '/v1/responses', {
        method: 'POST',
        from: '127.0.1.2',
        body: batch([response(101)]),
      });
      assert.equal(other.status, 200, 'another real client has its own bucket');
    },
  );

  it(
    'the report API works through nginx (either process) and on each process, with the one token made',
    { skip },
    async () => {
      for (let i = 0; i < 6; i++) {
        const res = await call(proxy, '/v1/surveys/survey-a/report', {
          from: client(900 + i),
          headers: { authorization: `Bearer ${token}` },
        });
        assert.equal(res.status, 200, res.text);
      }
      for (const c of collectors) {
        const url = await c.started;
        assert.equal((await call(url, '/v1/surveys', { headers: { authorization: `Bearer ${token}` } })).status, 200);
      }
      assert.equal((await call(proxy, '/dashboard/')).status, 200);
    },
  );

  it('concurrent revisions of the same ids, through both processes, keep the highest', { skip }, async () => {
    const jobs = [];
    let n = 0;
    for (let revision = 1; revision <= 10; revision++) {
      for (let id = 1; id <= 20; id++) jobs.push({ id: 500 + id, revision });
    }
    jobs.sort(() => Math.random() - 0.5);
    const results = await Promise.all(
      jobs.map((j) =>
        call(proxy, '/v1/responses', {
          method: 'POST',
          from: client(n++),
          body: batch([response(j.id, { revision: j.revision, score: j.revision })]),
        }),
      ),
    );
    assert.deepEqual(
      results.filter((r) => r.status !== 200).map((r) => r.text),
      [],
    );
    const { default: pg } = await import('pg');
    const db = new pg.Client({ connectionString: store.env.DATABASE_URL });
    await db.connect();
    try {
      const { rows: all } = await db.query('SELECT id, revision, score FROM responses WHERE revision > 0');
      const mine = all.filter((r) => {
        const num = parseInt(r.id.slice(-12), 16);
        return num > 500 && num <= 520;
      });
      assert.equal(mine.length, 20);
      assert.ok(
        mine.every((r) => r.revision === 10 && r.score === 10),
        JSON.stringify(mine),
      );
    } finally {
      await db.end();
    }
  });

  it('killing one process (SIGKILL) under load loses no answer acknowledged with 200', { skip }, async () => {
    const acknowledged = [];
    let n = 2000;
    let stop = false;
    const worker = async () => {
      while (!stop) {
        const id = n++;
        try {
          const res = await call(proxy, '/v1/responses', {
            method: 'POST',
            from: client(id),
            body: batch([response(id, { surveyId: 'under-load' })]),
          });
          if (res.status === 200) acknowledged.push(id);
        } catch {
          // A refused or cut connection is not an acknowledgement: the widget would send it again.
        }
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    await new Promise((r) => setTimeout(r, 700));
    collectors[0].child.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 1500));
    stop = true;
    await Promise.all(workers);
    assert.equal((await collectors[0].exited).signal, 'SIGKILL');
    assert.ok(acknowledged.length > 50, `load went on (${acknowledged.length} acknowledged)`);
    const report = await call(proxy, '/v1/surveys/under-load/report', {
      from: client(1999),
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(report.status, 200, report.text);
    assert.equal(report.json.count, acknowledged.length, 'every acknowledged answer is stored, once');
  });
});
