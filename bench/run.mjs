#!/usr/bin/env node
// `npm run bench`: prints (does not assert) what the widget costs the page that carries it, as ratios to
// floors measured in the same run (bench/page-cost.mjs, also `npm run bench:page`); then how the widget's
// delivery performs in headless Chromium against a loopback receiver:
//   1. click -> durable in IndexedDB, median and p95 over 50 clicks;
//   2. time to drain a backlog of 500 buffered responses;
// then how the collector performs (bench/collector.mjs): ingest throughput and report latency at
// 100 000 responses, on the embedded database and, with CSAT_TEST_DATABASE_URL or DATABASE_URL, on
// PostgreSQL.
// Builds dist/ first when it is missing. CHROME_PATH picks the browser (default /usr/bin/chromium).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { launch, newContext } from '../test/e2e/browser.mjs';
import { startReceiver } from '../test/e2e/receiver.mjs';
import { clickToDurable } from './click-to-durable.mjs';
import { drain } from './drain.mjs';
import { pageCost } from './page-cost.mjs';
import { collectorBench } from './collector.mjs';
import { exportBench } from './collector-export.mjs';

const root = new URL('..', import.meta.url).pathname;
const CLICKS = 50;
const BACKLOG = 500;
const DRAIN_RUNS = 3;

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (n) => `${n.toFixed(1)} ms`;

if (!existsSync(new URL('../dist/csat-survey.js', import.meta.url))) {
  console.log('::: dist/csat-survey.js is missing; building');
  const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

await pageCost({ runs: Number(process.env.BENCH_RUNS ?? 5) });

const rx = await startReceiver();
const browser = await launch();
try {
  console.log(`Chromium ${browser.version()}, receiver ${rx.url}`);

  const { times, storage } = await clickToDurable(await newContext(browser), rx, CLICKS);
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `click -> durable (csat-answer after the IndexedDB commit), ${CLICKS} clicks, storage "${storage ?? '?'}": ` +
      `median ${ms(percentile(sorted, 50))}, p95 ${ms(percentile(sorted, 95))}, ` +
      `min ${ms(sorted[0])}, max ${ms(sorted[sorted.length - 1])}`,
  );

  const runs = [];
  for (let i = 0; i < DRAIN_RUNS; i++) {
    const context = await newContext(browser);
    runs.push(await drain(context, rx, BACKLOG));
    await context.close();
  }
  for (const [i, r] of runs.entries()) {
    console.log(
      `drain ${BACKLOG} buffered responses, run ${i + 1}: all received after ${r.delivered} ms, ` +
        `outbox empty after ${r.empty} ms, ${r.requests} request(s)`,
    );
  }
  const median = [...runs].sort((a, b) => a.empty - b.empty)[Math.floor(runs.length / 2)];
  console.log(`drain ${BACKLOG}: median ${median.empty} ms from page load to an empty outbox`);
} finally {
  await browser.close();
  await rx.close();
}

await collectorBench();
await exportBench();
