#!/usr/bin/env node
// `npm test`: every suite, then one line "N passed, N failed, N skipped" summed over all of them.
//   1. find Chrome/Chromium (CHROME_PATH, the usual places), or install Debian's where allowed;
//   2. build dist/ (the browser suite tests the built files too);
//   3. Node suite (node:test), collector suite (node:test against the built dist/collector/, on the
//      embedded database and, when CSAT_TEST_DATABASE_URL is set, on that PostgreSQL server too),
//      browser suite (web-test-runner in headless Chromium), and the end-to-end fault-injection
//      suite (node:test driving the built dist/ in Chromium by playwright-core).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const results = join(root, '.test-results');
const bin = (name) => join(root, 'node_modules/.bin', name);

const CANDIDATES = [
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
].filter(Boolean);

function findChrome() {
  const found = CANDIDATES.find((path) => existsSync(path));
  if (found) return found;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log("::: no Chrome or Chromium found; installing Debian's chromium");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const install =
      update.status === 0 &&
      spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
    if (install && install.status === 0 && existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  }
  console.error(
    'The browser tests need Chrome or Chromium and none was found.\n' +
      '  Debian/Ubuntu: sudo apt-get install chromium\n' +
      '  macOS:         install Google Chrome\n' +
      '  or point CHROME_PATH at a Chrome/Chromium binary.',
  );
  return undefined;
}

function run(label, command, args, env = {}) {
  console.log(`\n::: ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } });
  return result.status === 0;
}

function readCounts(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
const total = { passed: 0, failed: 0, skipped: 0 };
const add = (counts) => {
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
};

const built = run('build', 'npm', ['run', '--silent', 'build']);
if (!built) add({ passed: 0, failed: 1, skipped: 0 });

// Node suite: node's own runner; a reporter writes its counts.
const nodeCounts = join(results, 'node.json');
run('node tests', process.execPath, [
  '--test',
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  `--test-reporter=${join(root, 'test/node/counts-reporter.mjs')}`,
  `--test-reporter-destination=${nodeCounts}`,
  ...['test/node'].map((dir) => join(root, dir)),
]);
add(readCounts(nodeCounts) ?? { passed: 0, failed: 1, skipped: 0 });

// Collector suite: every file on the embedded database; on PostgreSQL too when CSAT_TEST_DATABASE_URL
// names a server (each file makes and drops its own database there), else the PostgreSQL variants are
// counted as skipped, with the reason. CI sets CSAT_TEST_POSTGRES_UNAVAILABLE instead when it could not
// get PostgreSQL: those variants then fail.
const collectorCounts = join(results, 'collector.json');
const databaseUrl = process.env.CSAT_TEST_DATABASE_URL;
const postgresUnavailable = process.env.CSAT_TEST_POSTGRES_UNAVAILABLE;
const backendsLabel = databaseUrl
  ? 'embedded database and PostgreSQL'
  : postgresUnavailable
    ? `embedded database; PostgreSQL unavailable (${postgresUnavailable})`
    : 'embedded database; the PostgreSQL variants are skipped: set CSAT_TEST_DATABASE_URL to run them';
run(
  `collector tests (${backendsLabel})`,
  process.execPath,
  [
    '--test',
    '--test-timeout=120000',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    `--test-reporter=${join(root, 'test/node/counts-reporter.mjs')}`,
    `--test-reporter-destination=${collectorCounts}`,
    join(root, 'test/collector'),
  ],
  {
    ...(databaseUrl && { CSAT_TEST_DATABASE_URL: databaseUrl }),
    ...(postgresUnavailable && { CSAT_TEST_POSTGRES_UNAVAILABLE: postgresUnavailable }),
  },
);
add(readCounts(collectorCounts) ?? { passed: 0, failed: 1, skipped: 0 });

const chrome = findChrome();
if (chrome) {
  const browserCounts = join(results, 'browser.json');
  run('browser tests (headless Chromium)', bin('web-test-runner'), [], {
    CHROME_PATH: chrome,
    CSAT_COUNTS_FILE: browserCounts,
    PUPPETEER_SKIP_DOWNLOAD: '1',
  });
  add(readCounts(browserCounts) ?? { passed: 0, failed: 1, skipped: 0 });

  const e2eCounts = join(results, 'e2e.json');
  run(
    'end-to-end fault injection (built dist/ in headless Chromium)',
    process.execPath,
    [
      '--test',
      '--test-timeout=120000',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      `--test-reporter=${join(root, 'test/node/counts-reporter.mjs')}`,
      `--test-reporter-destination=${e2eCounts}`,
      join(root, 'test/e2e'),
    ],
    { CHROME_PATH: chrome },
  );
  add(readCounts(e2eCounts) ?? { passed: 0, failed: 1, skipped: 0 });
} else {
  add({ passed: 0, failed: 2, skipped: 0 });
}

console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
