#!/usr/bin/env node
// The collector's CSV export at scale (part of `npm run bench`, or alone: `node bench/collector-export.mjs`).
// Prints, does not assert: with BENCH_EXPORT_ROWS (default 1 000 000) responses in one survey, the
// collector's command runs in a process of its own; one client downloads the whole CSV while four
// others keep sending answers. Reported: the collector's resident memory (sampled every 50 ms from
// /proc) before and at its peak during the export, the export's time and size, and the ingest
// latencies (p50, p99) while it ran. On the embedded database always; on PostgreSQL too with
// CSAT_TEST_DATABASE_URL (or DATABASE_URL), in a scratch database dropped afterwards.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const DIST = new URL('../collector/dist/collector/', import.meta.url);
const ROWS = Number(process.env.BENCH_EXPORT_ROWS) || 1_000_000;
const TOKEN = 'bench-export-admin-token-0123456789-abcdef';
const SURVEY = 'bench-export';
const CHUNK = 100_000;

const rssKb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function fill(env) {
  const { readConfig } = await import(new URL('config.js', DIST).href);
  const { openDatabase } = await import(new URL('db.js', DIST).href);
  const db = await openDatabase(readConfig({ ...env, CSAT_ADMIN_TOKEN: TOKEN }));
  const t = performance.now();
  try {
    for (let from = 1; from <= ROWS; from += CHUNK) {
      await db.query(
        `INSERT INTO responses (id, revision, complete, survey_id, type, score, comment, locale, touchpoint, page_url,
                                metadata, answered_at, sent_at, received_at, first_received_at)
         SELECT (lpad(to_hex(g), 8, '0') || '-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, 1, true, $1, 'nps',
                g % 11, CASE WHEN g % 5 = 0 THEN 'نظر شماره ' || g || ', با ویرگول' END, 'fa-IR', 'checkout',
                'https://shop.example/checkout', CASE WHEN g % 7 = 0 THEN '{"plan":"pro"}'::jsonb END,
                timestamptz '2024-01-01' + (g % 7776000) * interval '1 second', now(), now(), now()
           FROM generate_series($2::int, $3::int) g`,
        [SURVEY, from, Math.min(ROWS, from + CHUNK - 1)],
      );
    }
  } finally {
    await db.close();
  }
  return (performance.now() - t) / 1000;
}

function startCommand(env) {
  const child = spawn(process.execPath, [fileURLToPath(new URL('cli.js', DIST))], {
    env: { PATH: process.env.PATH, ...env, CSAT_ADMIN_TOKEN: TOKEN, CSAT_RATE_LIMIT: '1000000', PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const url = new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.includes('"collector started"'));
      if (line) resolve(JSON.parse(line).url);
      if (out.length > 100_000) out = out.slice(-10_000);
    });
    child.on('exit', (code) => reject(new Error(`the collector exited (${code})`)));
  });
  return { child, url };
}

function post(agent, url, body) {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/v1/responses`,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function benchOne(label, env) {
  const seconds = await fill(env);
  console.log(`\n${label}: ${ROWS} responses written in ${seconds.toFixed(1)} s`);
  const { child, url: started } = startCommand(env);
  const url = await started;
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  try {
    await new Promise((r) => setTimeout(r, 1000));
    const before = rssKb(child.pid);
    let peak = before;
    const sampler = setInterval(() => {
      try {
        peak = Math.max(peak, rssKb(child.pid));
      } catch {
        // the process is gone
      }
    }, 50);
    let exporting = true;
    const latencies = [];
    const failures = [];
    const ingest = async () => {
      while (exporting) {
        const body = JSON.stringify({
          v: 1,
          sentAt: new Date().toISOString(),
          responses: [
            {
              id: randomUUID(),
              revision: 1,
              complete: true,
              surveyId: 'bench-during-export',
              type: 'nps',
              score: 9,
              scale: { min: 0, max: 10 },
              locale: 'fa',
              page: { url: 'https://shop.example/' },
              answeredAt: new Date().toISOString(),
            },
          ],
        });
        const t = performance.now();
        try {
          const status = await post(agent, url, body);
          latencies.push(performance.now() - t);
          if (status !== 200) failures.push(String(status));
        } catch (error) {
          failures.push(error.code ?? error.message);
        }
      }
    };
    const t0 = performance.now();
    const clients = Array.from({ length: 4 }, ingest);
    const bytes = await new Promise((resolve, reject) => {
      let size = 0;
      request(`${url}/v1/surveys/${SURVEY}/responses.csv`, { headers: { authorization: `Bearer ${TOKEN}` } }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`export answered ${res.statusCode}`));
        res.on('data', (c) => (size += c.length));
        res.on('end', () => resolve(size));
      })
        .on('error', reject)
        .end();
    });
    const exportSeconds = (performance.now() - t0) / 1000;
    exporting = false;
    await Promise.all(clients);
    clearInterval(sampler);
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(
      `  export of ${ROWS} rows: ${exportSeconds.toFixed(1)} s, ${(bytes / 1024 / 1024).toFixed(0)} MB; collector RSS ${(before / 1024).toFixed(0)} MB before, peak ${(peak / 1024).toFixed(0)} MB during it`,
    );
    console.log(
      `  ingest during the export (4 clients, 1 response per POST): ${latencies.length - failures.length} answered 200, ${failures.length} failed${failures.length ? ` (${[...new Set(failures)].join(', ')})` : ''}, p50 ${pct(sorted, 50).toFixed(1)} ms, p99 ${pct(sorted, 99).toFixed(1)} ms, max ${sorted.at(-1).toFixed(1)} ms`,
    );
  } finally {
    agent.destroy();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

export async function exportBench() {
  const dataDir = await mkdtemp(join(tmpdir(), 'csat-bench-export-'));
  try {
    await benchOne('embedded database (PGlite)', { CSAT_DATA_DIR: dataDir });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  const serverUrl = process.env.CSAT_TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (!serverUrl) {
    console.log('\nPostgreSQL: not run (set CSAT_TEST_DATABASE_URL or DATABASE_URL to a server)');
    return;
  }
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const name = `csat_bench_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const scratch = new URL(serverUrl);
  scratch.pathname = `/${name}`;
  const dir = await mkdtemp(join(tmpdir(), 'csat-bench-export-'));
  try {
    await benchOne('PostgreSQL server (scratch database)', { DATABASE_URL: scratch.href, CSAT_DATA_DIR: dir });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await exportBench();
}
