// The collector as a site owner installs it: both packages packed (npm pack), installed from their
// tarballs into an empty folder (npm install, from npm's local cache where it can), and started by
// the package's command with no other file. It takes an answer, reports it, and serves the element's
// script (the exact built file). `npm publish --dry-run` passes for both packages.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);
const npm = (args, cwd) =>
  run('npm', args, {
    cwd,
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' },
    maxBuffer: 1 << 24,
  });
const TOKEN = 'package-test-admin-token-0123456789-abcdef';

const scratch = [];
const children = [];
after(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of scratch) await rm(dir, { recursive: true, force: true });
});
const folder = async (name) => {
  const dir = await mkdtemp(join(tmpdir(), name));
  scratch.push(dir);
  return dir;
};

test('npm publish --dry-run passes for the widget and the collector', async () => {
  for (const args of [[], ['--workspace=csat-survey-collector']]) {
    const { stderr } = await npm(['publish', '--dry-run', ...args], root);
    assert.match(stderr, /\(dry-run\)/);
  }
});

test('the packed collector installs into an empty folder and runs with no other file: ingest, report, script', async () => {
  const packs = await folder('csat-packs-');
  const [{ stdout: widgetPack }, { stdout: collectorPack }] = [
    await npm(['pack', '--json', '--pack-destination', packs], root),
    await npm(['pack', '--json', '--pack-destination', packs, '--workspace=csat-survey-collector'], root),
  ];
  const widgetFile = JSON.parse(widgetPack)[0].filename;
  const collector = JSON.parse(collectorPack)[0];
  const files = collector.files.map((f) => f.path);
  assert.ok(files.includes('dist/collector/cli.js') && files.includes('dist/dashboard/index.html'), files.join(' '));
  assert.ok(
    files.some((f) => /^dist\/dashboard\/assets\/index-[\w-]+\.js$/.test(f)),
    'the built dashboard',
  );
  assert.ok(files.includes('README.md'), 'the package has its README');
  assert.ok(!files.some((f) => f.endsWith('.ts')), 'no sources, only the build');

  const site = await folder('csat-site-');
  await npm(['init', '-y'], site);
  await npm(
    ['install', '--prefer-offline', '--no-package-lock', join(packs, widgetFile), join(packs, collector.filename)],
    site,
  );
  assert.deepEqual(
    (await readdir(site)).sort(),
    ['node_modules', 'package.json'],
    'nothing but the installed packages',
  );

  const dataDir = join(site, 'data');
  const child = spawn(join(site, 'node_modules/.bin/csat-survey-collector'), [], {
    cwd: site,
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      CSAT_DATA_DIR: dataDir,
      CSAT_ADMIN_TOKEN: TOKEN,
      CSAT_ALLOWED_ORIGINS: 'https://shop.example',
    },
    stdio: 'pipe',
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.includes('"collector started"'));
      if (line) resolve(JSON.parse(line).url);
    });
    child.on('exit', (code) => reject(new Error(`the command exited (${code}): ${err}`)));
  });

  const answer = {
    v: 1,
    sentAt: new Date().toISOString(),
    responses: [
      {
        id: '00000000-0000-4000-8000-000000000001',
        revision: 1,
        complete: true,
        surveyId: 'home-nps',
        type: 'nps',
        score: 9,
        scale: { min: 0, max: 10 },
        locale: 'fa',
        page: { url: 'https://shop.example/' },
        answeredAt: new Date().toISOString(),
      },
    ],
  };
  const posted = await fetch(`${url}/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://shop.example' },
    body: JSON.stringify(answer),
  });
  assert.equal(posted.status, 200, await posted.text());
  const report = await fetch(`${url}/v1/surveys/home-nps/report`, { headers: { authorization: `Bearer ${TOKEN}` } });
  assert.equal(report.status, 200);
  const body = await report.json();
  assert.equal(body.count, 1);
  assert.equal(body.figure.value, 100);

  // The installed collector serves the installed widget's loader, its chunks and the one-file build, byte for byte.
  for (const name of [
    'csat-survey.js',
    'csat-survey.delivery.js',
    'csat-survey.renderer.js',
    'csat-survey.bundle.js',
  ]) {
    const served = await fetch(`${url}/${name}`);
    assert.equal(served.status, 200, name);
    assert.equal(await served.text(), await readFile(join(root, 'dist', name), 'utf8'), `${name}, byte for byte`);
  }
  const info = await (await fetch(`${url}/csat-survey.json`)).json();
  assert.equal(info.integrity, (await readFile(join(root, 'dist/csat-survey.js.sri'), 'utf8')).trim());
  const dashboard = await fetch(`${url}/dashboard/`);
  assert.equal(dashboard.status, 200);
  const script = (await dashboard.text()).match(/src="\.\/(assets\/index-[\w-]+\.js)"/)?.[1];
  assert.ok(script, 'the dashboard page loads its built script');
  assert.equal((await fetch(`${url}/dashboard/${script}`)).status, 200);

  const version = spawn(join(site, 'node_modules/.bin/csat-survey-collector'), ['--version'], { stdio: 'pipe' });
  let versionOut = '';
  version.stdout.on('data', (d) => (versionOut += d));
  await new Promise((r) => version.on('exit', r));
  assert.match(versionOut, /^csat-survey-collector 0\.1\.0, csat-survey 0\.1\.0/);

  child.kill('SIGTERM');
  const code = await new Promise((r) => child.on('exit', r));
  assert.equal(code, 0, err);
});
