#!/usr/bin/env node
// The collector's part of `npm run bench` (also runs alone: `node bench/collector.mjs`). Prints, does
// not assert:
//   1. ingest throughput: 100 000 responses POSTed over HTTP to a collector started in this process,
//      in the largest batches that fit the 64 KB body limit, from a few concurrent clients;
//   2. report latency at 100 000 responses: the median of several GET /v1/surveys/:id/report (also
//      with a filter, and with the trend and the comparison with the period before), of the comments
//      (searched too), and one CSV export of them all.
// On the embedded database (a fresh temporary data folder) always; on PostgreSQL too when
// CSAT_TEST_DATABASE_URL (or DATABASE_URL) names a server: the run makes its own scratch database
// there and drops it afterwards. BENCH_RESPONSES changes the count.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// BENCH_COLLECTOR names another build's main.js (an older collector, to compare with).
const MAIN = process.env.BENCH_COLLECTOR
  ? new URL(`file://${process.env.BENCH_COLLECTOR}`)
  : new URL('../collector/dist/collector/main.js', import.meta.url);
const TOTAL = Number(process.env.BENCH_RESPONSES) || 100_000;
const WANTED_BATCH = 500;
const MAX_BODY = 64 * 1024;
const CLIENTS = 4;
const REPORT_RUNS = 7;
const TOKEN = 'bench-admin-token-0123456789-abcdefghij';
const SURVEY = 'bench-nps';
const TOUCHPOINTS = ['checkout', 'support', 'onboarding', 'search', 'delivery'];
const COMMENTS = ['Fast and easy', 'The delivery was late', 'Could not find the invoice', 'Great support, thanks!'];

const ms = (n) => `${n.toFixed(1)} ms`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function makeResponse(i) {
  const day = new Date(Date.UTC(2024, 0, 1) + (i % 90) * 86_400_000 + (i % 86_400) * 1000);
  return {
    id: randomUUID(),
    revision: 1,
    complete: true,
    surveyId: SURVEY,
    type: 'nps',
    score: (i * 7) % 11,
    scale: { min: 0, max: 10 },
    ...(i % 5 === 0 && { comment: COMMENTS[i % COMMENTS.length] }),
    locale: i % 2 ? 'fa-IR' : 'en',
    touchpoint: TOUCHPOINTS[i % TOUCHPOINTS.length],
    page: { url: 'https://shop.example/checkout' },
    answeredAt: day.toISOString(),
  };
}

/** Cuts the responses into bodies of at most WANTED_BATCH responses and at most MAX_BODY bytes. */
function batches(responses) {
  const sentAt = new Date().toISOString();
  const envelope = Buffer.byteLength(JSON.stringify({ v: 1, sentAt, responses: [] }));
  const bodies = [];
  let current = [];
  let size = envelope;
  const flush = () => {
    bodies.push(`{"v":1,"sentAt":"${sentAt}","responses":[${current.join(',')}]}`);
    current = [];
    size = envelope;
  };
  for (const r of responses) {
    const json = JSON.stringify(r);
    const added = Buffer.byteLength(json) + (current.length ? 1 : 0);
    if (current.length === WANTED_BATCH || size + added > MAX_BODY) flush();
    size += Buffer.byteLength(json) + (current.length ? 1 : 0);
    current.push(json);
  }
  if (current.length) flush();
  return bodies;
}

function http(agent, url, { method = 'GET', body, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, bytes: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A scratch database on the server of `url`, dropped by `drop()`. */
async function scratchDatabase(url) {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const name = `csat_bench_${randomBytes(4).toString('hex')}`;
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (error) {
    await admin.end();
    throw error;
  }
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return {
    url: scratch.href,
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function benchOne(label, databaseEnv) {
  const { readConfig } = await import(new URL('config.js', MAIN).href);
  const { startCollector } = await import(MAIN.href);
  const dataDir = await mkdtemp(join(tmpdir(), 'csat-bench-'));
  const started = Date.now();
  // The access log is written (one JSON line per request, as in production) to /dev/null.
  const logStream = createWriteStream('/dev/null');
  const collector = await startCollector(
    readConfig({
      PORT: '0',
      CSAT_DATA_DIR: dataDir,
      CSAT_ADMIN_TOKEN: TOKEN,
      CSAT_RATE_LIMIT: '1000000',
      CSAT_ALLOWED_ORIGINS: 'https://shop.example',
      CSAT_LOG_LEVEL: 'info',
      ...databaseEnv,
    }),
    { logStream },
  );
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  try {
    console.log(`\n${label}: started in ${Date.now() - started} ms (${collector.url})`);
    const bodies = batches(Array.from({ length: TOTAL }, (_, i) => makeResponse(i)));
    const perBatch = JSON.parse(bodies[0]).responses.length;
    const full = Buffer.byteLength(
      JSON.stringify({ v: 1, sentAt: '', responses: Array.from({ length: WANTED_BATCH }, (_, i) => makeResponse(i)) }),
    );
    if (perBatch < WANTED_BATCH) {
      console.log(
        `  batches of ${perBatch}: ${WANTED_BATCH} of these responses make ${(full / 1024).toFixed(0)} KB, over the 64 KB body limit (413)`,
      );
    }

    // 1. ingest
    let next = 0;
    let accepted = 0;
    const t0 = performance.now();
    const client = async () => {
      while (next < bodies.length) {
        const body = bodies[next++];
        const res = await http(agent, `${collector.url}/v1/responses`, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        });
        if (res.status !== 200) throw new Error(`POST answered ${res.status}: ${res.bytes.toString().slice(0, 200)}`);
        accepted += JSON.parse(res.bytes).accepted;
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));
    const seconds = (performance.now() - t0) / 1000;
    console.log(
      `  ingest: ${accepted} responses in ${bodies.length} POSTs of ${perBatch} (${CLIENTS} concurrent clients) in ${seconds.toFixed(1)} s = ${Math.round(accepted / seconds)} responses/s`,
    );

    // 2. reports
    const auth = { authorization: `Bearer ${TOKEN}` };
    const time = async (path) => {
      const t = performance.now();
      const res = await http(agent, `${collector.url}${path}`, { headers: auth });
      if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
      return { ms: performance.now() - t, bytes: res.bytes.length, body: res.bytes };
    };
    for (const [name, path] of [
      ['report', `/v1/surveys/${SURVEY}/report`],
      ['report ?touchpoint=support&from=2024-02-01', `/v1/surveys/${SURVEY}/report?touchpoint=support&from=2024-02-01`],
      // 45 days against the 45 before (every answer read), the trend by day in Tehran, months of the Persian calendar.
      [
        'report with trend and comparison ?from=2024-02-15&to=2024-03-30&tz=Asia/Tehran',
        `/v1/surveys/${SURVEY}/report?from=2024-02-15&to=2024-03-30&tz=Asia/Tehran&calendar=persian`,
      ],
      ['comments, first page', `/v1/surveys/${SURVEY}/comments`],
      ['comments ?q=delivery&group=detractor', `/v1/surveys/${SURVEY}/comments?q=delivery&group=detractor`],
    ]) {
      const first = await time(path);
      const runs = [];
      for (let i = 0; i < REPORT_RUNS; i++) runs.push((await time(path)).ms);
      const body = JSON.parse(first.body);
      const count = body.count ?? body.total;
      console.log(
        `  GET ${name} over ${count} responses: median ${ms(median(runs))} of ${REPORT_RUNS} (first ${ms(first.ms)}, min ${ms(Math.min(...runs))}, max ${ms(Math.max(...runs))})`,
      );
    }
    const list = await time('/v1/surveys');
    console.log(`  GET /v1/surveys: ${ms(list.ms)}`);
    const csv = await time(`/v1/surveys/${SURVEY}/responses.csv`);
    console.log(`  GET responses.csv of all ${TOTAL}: ${ms(csv.ms)}, ${(csv.bytes / 1024 / 1024).toFixed(1)} MB`);
  } finally {
    agent.destroy();
    await collector.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function collectorBench() {
  if (!existsSync(MAIN)) {
    console.log('::: collector/dist is missing; building');
    const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('the build failed');
  }
  console.log(
    `\ncollector (${MAIN.pathname}): ${TOTAL} responses over HTTP, one survey (NPS), Node ${process.version}`,
  );
  await benchOne('embedded database (PGlite)', {});

  const serverUrl = process.env.CSAT_TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (!serverUrl) {
    console.log('\nPostgreSQL: not run (set CSAT_TEST_DATABASE_URL or DATABASE_URL to a server)');
    return;
  }
  let scratch;
  try {
    scratch = await scratchDatabase(serverUrl);
  } catch (error) {
    console.log(`\nPostgreSQL: not run, no scratch database could be made on that server (${error.message})`);
    return;
  }
  try {
    const { hostname, port } = new URL(serverUrl);
    await benchOne(`PostgreSQL server (${hostname}:${port || 5432}, scratch database)`, { DATABASE_URL: scratch.url });
  } finally {
    await scratch.drop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await collectorBench();
}
