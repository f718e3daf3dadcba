// The page-cost benchmark (bench/page-cost.mjs) runs in its quick mode (one run, no CPU throttling) and prints
// every row of its report, each with a measured figure. It asserts no timing: the project never does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = new URL('../..', import.meta.url).pathname;
const chrome = process.env.CHROME_PATH || '/usr/bin/chromium';

const ROWS = [
  'loader',
  'nothingDue',
  'answersWaiting',
  'surveyShown',
  'bundle',
  'inDom1',
  'inDomRate',
  'loadTask',
  'beforeCard',
  'longTasks',
  'longTaskTime',
  'tbt',
  'clickToDurable',
  'clickElapsed',
  'cls',
  'clsReserved',
  'heapJs',
  'heapDom',
];

test(
  'the page-cost benchmark in its quick mode (bench/page-cost.mjs --quick) measures and prints every row',
  { skip: !existsSync(chrome) && `no Chromium at ${chrome} (set CHROME_PATH)`, timeout: 180_000 },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csat-page-cost-test-'));
    try {
      const out = join(dir, 'page-cost.json');
      const { stdout } = await promisify(execFile)(process.execPath, ['bench/page-cost.mjs', '--quick', '--out', out], {
        cwd: root,
        maxBuffer: 10 * 1024 * 1024,
      });
      const result = JSON.parse(readFileSync(out, 'utf8'));
      assert.deepEqual(
        result.rows.map((r) => r.key),
        ROWS,
      );
      for (const row of result.rows) {
        assert.ok(stdout.includes(row.what), `the report prints "${row.what}"`);
        if (row.key === 'bundle' && !existsSync(join(root, 'dist/csat-survey.bundle.js'))) continue;
        assert.equal(typeof row.value, 'number', `"${row.what}" was measured`);
      }
      assert.doesNotMatch(stdout, /not measured/);
      for (const kind of ['nothingDue', 'answersWaiting', 'surveyShown', 'lit', 'vanilla']) {
        assert.ok(result.kinds[kind].files.length > 0, `the ${kind} page loaded a script`);
      }
      assert.equal(
        result.kinds.answersWaiting.delivered,
        result.kinds.answersWaiting.waiting,
        'the waiting answer was sent',
      );
      console.log(stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
