// The README's Alerts section, run: its alerts file is applied as CSAT_ALERTS, and its signature
// checks (Node.js, and Python when python3 is installed) accept alerts a collector signed and refuse
// tampered ones, old ones and ones signed with another secret.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readmeBlocks } from '../e2e/snippets.mjs';
import { ADMIN_TOKEN, backends, post, response, startTestCollector } from './helpers.mjs';
import { FAST_ALERTS, SECRET, adminSend, startReceiver } from './alert-receivers.mjs';

const blocks = readmeBlocks();
const after_ = (lang, text) => blocks.find((b) => b.lang === lang && b.code.includes(text));
const python = spawnSync('python3', ['--version']).status === 0;

describe("the README's alerts", () => {
  const [embedded] = backends();
  let store;
  let dir;
  let collector;
  let receiver;
  before(async () => {
    store = await embedded.createStore();
    dir = await mkdtemp(join(tmpdir(), 'csat-alerts-readme-'));
    receiver = await startReceiver();
    collector = await startTestCollector(store, FAST_ALERTS);
    await adminSend(
      collector.url,
      '/v1/alerts/destinations/hook',
      'PUT',
      { kind: 'webhook', url: receiver.url, secret: SECRET },
      ADMIN_TOKEN,
    );
    await adminSend(
      collector.url,
      '/v1/alerts/rules/all',
      'PUT',
      { condition: 'nps-detractor', destinations: ['hook'] },
      ADMIN_TOKEN,
    );
    await post(collector.url, [
      response(1, { score: 3, locale: 'fa', comment: 'ارسال دیر رسید' }),
      response(2, { score: 0 }),
    ]);
    await receiver.waitFor(2);
  });
  after(async () => {
    await collector?.close();
    await receiver?.close();
    await store?.cleanup();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** [secret, header, raw body, expected] cases from real deliveries. */
  const cases = () =>
    receiver.state.arrivals.flatMap((a) => [
      [SECRET, a.headers['csat-signature'], a.raw, true],
      [SECRET, a.headers['csat-signature'], a.raw.replace('"score":', '"score": '), false],
      ['whsec_another-secret-0123456789', a.headers['csat-signature'], a.raw, false],
      [SECRET, a.headers['csat-signature'].replace(/t=\d+/, (t) => `t=${Number(t.slice(2)) - 600}`), a.raw, false],
      [SECRET, 'garbage', a.raw, false],
    ]);

  it('the alerts file applies as it is', async () => {
    const block = blocks.find((b) => b.lang === 'json' && b.code.includes('"rules"'));
    assert.ok(block, 'the README has an alerts file');
    const other = await startTestCollector({ env: { CSAT_DATA_DIR: join(dir, 'file') } }, { CSAT_ALERTS: block.code });
    try {
      const listed = (await adminSend(other.url, '/v1/alerts', 'GET', undefined, ADMIN_TOKEN)).json;
      assert.deepEqual(listed.destinations.map((d) => d.id).sort(), ['managers', 'support', 'team-chat']);
      assert.deepEqual(listed.rules.map((r) => [r.id, r.source]).sort(), [
        ['detractors', 'file'],
        ['refunds', 'file'],
        ['unhappy-support', 'file'],
      ]);
    } finally {
      await other.close();
    }
  });

  it('the Node.js check accepts signed alerts and refuses tampered, old and wrongly signed ones', async () => {
    const block = after_('js', 'verifyCsatSignature');
    assert.ok(block);
    const file = join(dir, 'verify.mjs');
    await writeFile(file, block.code);
    const { verifyCsatSignature } = await import(pathToFileURL(file).href);
    for (const [secret, header, raw, expected] of cases())
      assert.equal(verifyCsatSignature(secret, header, raw), expected, `${header} ${expected}`);
  });

  it('the Python check does the same', { skip: !python && 'python3 is not installed' }, async () => {
    const block = after_('python', 'verify_csat_signature');
    assert.ok(block);
    const file = join(dir, 'verify.py');
    await writeFile(
      file,
      `${block.code}\nimport json, sys\nfor secret, header, raw, expected in json.load(sys.stdin):\n    print(verify_csat_signature(secret, header, raw.encode()) == expected)\n`,
    );
    const run = spawnSync('python3', [file], { input: JSON.stringify(cases()), encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const results = run.stdout.trim().split('\n');
    assert.equal(results.length, cases().length);
    assert.ok(
      results.every((r) => r === 'True'),
      run.stdout,
    );
  });
});
