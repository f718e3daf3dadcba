// One data folder, one process: the collector's command on the embedded database. A second process
// on the same folder refuses to start (exit code 1, a message naming the folder and the PID holding
// it) and writes nothing; a lock left by a process killed with SIGKILL is recovered, and what that
// process acknowledged is there. A token made by the collector is printed once, by the process that
// made it.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_TOKEN, admin, post, response } from './helpers.mjs';

const CLI = new URL('../../collector/dist/collector/cli.js', import.meta.url).pathname;

/** Starts the command; `started` resolves with its URL once it listens, or rejects when it exits first. */
function start(dataDir, env = {}) {
  const child = spawn(process.execPath, [CLI], {
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      CSAT_DATA_DIR: dataDir,
      CSAT_ADMIN_TOKEN: ADMIN_TOKEN,
      CSAT_RATE_LIMIT: '100000',
      ...env,
    },
    stdio: 'pipe',
  });
  const run = { child, stdout: '', stderr: '' };
  run.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  run.started = new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      run.stdout += d;
      const line = run.stdout.split('\n').find((l) => l.includes('"collector started"'));
      if (line) resolve(JSON.parse(line).url);
    });
    child.stderr.on('data', (d) => (run.stderr += d));
    run.exited.then(({ code }) => reject(new Error(`exited with ${code} before it listened: ${run.stderr}`)));
  });
  run.started.catch(() => undefined);
  return run;
}

/** Every file under `dir` with its size and modification time. */
async function listing(dir) {
  const out = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath ?? entry.path, entry.name);
    const info = await stat(path);
    out.push(`${path} ${info.size} ${info.mtimeMs}`);
  }
  return out.sort();
}

describe('one data folder, one process (embedded database, the command)', () => {
  const scratch = [];
  const running = [];
  const folder = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'csat-lock-'));
    scratch.push(dir);
    return dir;
  };
  after(async () => {
    for (const run of running) if (run.child.exitCode === null) run.child.kill('SIGKILL');
    for (const dir of scratch) await rm(dir, { recursive: true, force: true });
  });

  it('a second process on the same folder refuses to start, names the folder and the PID, and writes nothing', async () => {
    const dir = await folder();
    const first = start(dir);
    running.push(first);
    const url = await first.started;
    assert.equal((await post(url, [response(1)])).status, 200);
    const before = await listing(dir);

    const second = start(dir);
    running.push(second);
    const { code } = await second.exited;
    assert.notEqual(code, 0);
    assert.match(second.stderr, /The collector could not start: The data folder .* is in use by process \d+/);
    assert.ok(second.stderr.includes(dir), 'names the folder');
    assert.ok(second.stderr.includes(`process ${first.child.pid}`), 'names the PID that holds it');
    assert.match(second.stderr, /DATABASE_URL/, 'says how to run several collectors');
    assert.deepEqual(await listing(dir), before, 'nothing in the folder changed');

    // The first one goes on, with its data.
    assert.equal((await post(url, [response(2)])).status, 200);
    const report = await admin(url, '/v1/surveys/survey-a/report');
    assert.equal(report.json.count, 2);
    first.child.kill('SIGTERM');
    assert.equal((await first.exited).code, 0);
  });

  it('two processes starting at once on a fresh folder: one runs, the other refuses', async () => {
    const dir = await folder();
    const runs = [start(dir), start(dir)];
    running.push(...runs);
    const outcomes = await Promise.allSettled(runs.map((r) => r.started));
    assert.deepEqual(outcomes.map((o) => o.status).sort(), ['fulfilled', 'rejected']);
    const refused = runs[outcomes.findIndex((o) => o.status === 'rejected')];
    assert.match(refused.stderr, /is in use by/);
    const winner = runs[outcomes.findIndex((o) => o.status === 'fulfilled')];
    winner.child.kill('SIGTERM');
    await winner.exited;
  });

  it('a lock left by a process killed with SIGKILL is recovered; what it acknowledged is kept', async () => {
    const dir = await folder();
    const first = start(dir);
    running.push(first);
    const url = await first.started;
    for (let i = 1; i <= 20; i++) assert.equal((await post(url, [response(i)])).status, 200);
    first.child.kill('SIGKILL');
    assert.equal((await first.exited).signal, 'SIGKILL');

    const again = start(dir);
    running.push(again);
    const url2 = await again.started;
    const report = await admin(url2, '/v1/surveys/survey-a/report');
    assert.equal(report.status, 200, report.text);
    assert.equal(report.json.count, 20, 'every answer acknowledged with 200 before the kill');
    assert.match(again.stdout, /collector started/);
    again.child.kill('SIGTERM');
    assert.equal((await again.exited).code, 0);
  });

  it('a token the collector makes is printed once, by the start that made it; a set one never', async () => {
    const dir = await folder();
    const made = start(dir, { CSAT_ADMIN_TOKEN: '' });
    running.push(made);
    const url = await made.started;
    const line = made.stdout.split('\n').find((l) => l.includes('admin token made'));
    assert.ok(line, made.stdout);
    const token = JSON.parse(line).adminToken;
    assert.ok(token.length >= 32);
    assert.equal((await admin(url, '/v1/surveys', `Bearer ${token}`)).status, 200);
    made.child.kill('SIGTERM');
    await made.exited;

    const later = start(dir, { CSAT_ADMIN_TOKEN: '' });
    running.push(later);
    const url2 = await later.started;
    assert.equal((await admin(url2, '/v1/surveys', `Bearer ${token}`)).status, 200, 'the stored token is used');
    later.child.kill('SIGTERM');
    await later.exited;
    assert.ok(!later.stdout.includes(token), 'not printed again');

    const set = start(dir);
    running.push(set);
    await set.started;
    set.child.kill('SIGTERM');
    await set.exited;
    assert.ok(!set.stdout.includes(ADMIN_TOKEN) && !set.stderr.includes(ADMIN_TOKEN), 'a set token is never printed');
  });
});
