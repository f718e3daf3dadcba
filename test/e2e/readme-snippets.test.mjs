// Every code block of README.md that its marker calls runnable is run here, in a temporary app that
// installs the packed package as a user does (snippets.mjs says how blocks are marked and found;
// CONTRIBUTING.md says it for contributors). One test per block, named after its line:
//   sh      the install command, run in the app (`csat-survey` → the packed tarball);
//   ts/tsx  tsc, strict (Angular components: tsc with Angular's decorators, ngc where installed);
//   js      tsc --checkJs; a `receiver` block is also started and sent batches;
//   vue     vue-tsc; svelte: svelte-check; both, and tsx, then built with vite (the README's
//           vite.config.ts) and mounted in Chromium, where the survey is answered;
//   html    a page in Chromium: the survey renders, is answered, and the answer reaches the receiver;
//   http    the headers served with the html page they name (the CSP section), no violation logged;
//   css, json, sql: parsed by Chromium against the manifest; the wire schemas; PGlite.
// A `pending` block is checked too: while it fails it counts as skipped (todo), and once it passes
// the test fails and asks for the marker to become `check`. The file ends by printing how many
// blocks were checked per language, and which were not run and why.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { launch } from './browser.mjs';
import { startReceiver } from './receiver.mjs';
import {
  NOT_RUN,
  cspSources,
  endpointsOf,
  finishApp,
  hashSource,
  httpHeaders,
  inlineScripts,
  makeApp,
  programs,
  propsOf,
  readmeBlocks,
  root,
  runShell,
  runnable,
  typeCheck,
  where,
  writeSnippets,
} from './snippets.mjs';
import { SITE, answerEverySurvey, asPage, recordViolations, serveSite, watchPage } from './snippet-site.mjs';

const blocks = readmeBlocks();
const named = (name) => blocks.find((b) => b.marker?.options.name === name);
const wireExample = () => blocks.find((b) => b.lang === 'json' && b.marker?.status === 'check');
/** The README's example of a request of displays (a json block marked check, with `displays`). */
const displaysExample = () =>
  blocks.find((b) => b.lang === 'json' && b.marker?.status === 'check' && 'displays' in JSON.parse(b.code));

let app;
let browser;
const shell = new Map();
const checks = new Map();
const timings = [];
const outcomes = new Map();

before(async () => {
  const started = Date.now();
  app = await makeApp();
  // The README's install command is what installs the package into the app.
  for (const block of runnable(blocks).filter((b) => b.lang === 'sh')) shell.set(block, await runShell(block, app));
  await finishApp(app);
  await writeSnippets(app, blocks);
  timings.push(`app ${Date.now() - started} ms`);
  // The checkers run one after the other (two cores) while the browser checks go; each test waits
  // for its own program.
  let queue = Promise.resolve();
  for (const program of programs(app, blocks)) {
    const result = queue.then(() => typeCheck(app, program));
    queue = result.then(
      (r) => void timings.push(`${program.name} ${r.ms} ms`),
      () => undefined,
    );
    for (const block of program.blocks) checks.set(block, { program: program.name, result });
  }
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await Promise.allSettled([...checks.values()].map((c) => c.result));
  if (app && !process.env.CSAT_KEEP_SNIPPET_APP) await rm(app.dir, { recursive: true, force: true });
  else if (app) console.log(`the temporary app is kept in ${app.dir}`);
  console.log(summary());
});

/** "README snippets: 17 checked (html 1, …); 2 pending (…); 4 not run (…)". */
function summary() {
  const count = (list) => {
    const by = {};
    for (const b of list) by[b.lang] = (by[b.lang] ?? 0) + 1;
    return Object.entries(by)
      .map(([lang, n]) => `${lang} ${n}`)
      .join(', ');
  };
  const checked = blocks.filter((b) => outcomes.get(b) === 'passed');
  const failed = blocks.filter((b) => outcomes.get(b) === 'failed');
  const pending = blocks.filter((b) => outcomes.get(b) === 'pending');
  const notRun = blocks.filter((b) => NOT_RUN.includes(b.marker?.status));
  const lines = [
    `README snippets: ${checked.length} checked (${count(checked)}); ${failed.length} failed${failed.length ? ` (${count(failed)})` : ''}; ` +
      `${pending.length} pending${pending.length ? ` (${count(pending)})` : ''}; ${notRun.length} not run${notRun.length ? ` (${count(notRun)})` : ''}`,
    ...pending.map((b) => `  pending  ${where(b)}: ${b.marker.reason}`),
    ...notRun.map((b) => `  ${b.marker.status.padEnd(8)} ${where(b)}: ${b.marker.reason}`),
    `  time: ${timings.join(', ')}`,
  ];
  return lines.join('\n');
}

// ---- one test per runnable block -----------------------------------------------------------------

for (const block of runnable(blocks)) {
  const { status, reason } = block.marker;
  const label = status === 'pending' ? ` (pending: ${reason})` : '';
  test(`${where(block)}${label}`, async (t) => {
    const started = Date.now();
    try {
      await CHECK[block.lang](block);
    } catch (error) {
      if (status === 'pending') {
        outcomes.set(block, 'pending');
        const now = String(error.message)
          .split('\n')
          .filter((line) => line.trim() && !/^[+-] /.test(line) && !/^\+ actual/.test(line))
          .slice(0, 3)
          .join(' ');
        t.todo(`${reason}; now: ${now}`);
        return;
      }
      outcomes.set(block, 'failed');
      throw error;
    } finally {
      timings.push(`${block.lang}@${block.line} ${Date.now() - started} ms`);
    }
    if (status === 'pending') {
      outcomes.set(block, 'failed');
      assert.fail(`${where(block)} passes its check now: change its marker from "pending" to "check"`);
    }
    outcomes.set(block, 'passed');
  });
}

/** The checker's messages for a block; fails with them. */
async function assertTypeChecks(block) {
  const check = checks.get(block);
  assert.ok(check, `${where(block)} is in no type-check program`);
  const { byBlock, general } = await check.result;
  const messages = [...byBlock.get(block), ...general];
  assert.deepEqual(messages, [], `${check.program} found problems in ${where(block)}:\n${messages.join('\n')}`);
}

/** A fresh context and receiver; `fn({ context, rx })`; both closed after. */
async function withBrowser(fn) {
  const rx = await startReceiver();
  const context = await browser.newContext();
  await context.addInitScript(recordViolations);
  try {
    return await fn({ context, rx });
  } catch (error) {
    error.message += `\n--- receiver log ---\n${rx.log()}`;
    throw error;
  } finally {
    await context.close().catch(() => undefined);
    await rx.close();
  }
}

/** Serves `files` on the site, opens `path`, answers every survey; resolves with the problems seen. */
async function visit({ files, endpoints, path = '/', shows, thanks }) {
  return withBrowser(async ({ context, rx }) => {
    const site = await serveSite(context, { files, endpoints, rx });
    const page = await context.newPage();
    const problems = watchPage(page, site);
    await page.goto(`${SITE}${path}`);
    const kept = await answerEverySurvey(page, rx, { shows, thanks });
    assert.ok(kept.length > 0, 'no survey on the page');
    await page.evaluate(() => window.CsatSurvey?.flush?.());
    return problems();
  });
}

/** The script-tag files, as the package ships them, at the path the page names (the chunks beside the loader). */
function scriptFiles(html) {
  const files = new Map();
  const dist = join(app.dir, 'node_modules/csat-survey/dist');
  for (const [, src] of html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)) {
    const url = new URL(src, SITE);
    assert.equal(url.origin, SITE, `the page loads a script from another site: ${src}`);
    const name = /\/(csat-survey(?:\.bundle)?\.js)$/.exec(url.pathname)?.[1];
    assert.ok(name, `the page loads a script that is not the package's: ${src}`);
    files.set(url.pathname, { body: readFileSync(join(dist, name)) });
    for (const chunk of ['csat-survey.delivery.js', 'csat-survey.renderer.js'])
      files.set(url.pathname.replace(/[^/]*$/, chunk), { body: readFileSync(join(dist, chunk)) });
  }
  return files;
}

async function checkPage(block, headers = {}) {
  const files = scriptFiles(block.code);
  files.set('/index.html', { body: asPage(block.code), headers });
  const { shows, thanks } = block.marker.options;
  return visit({ files, endpoints: endpointsOf(block.code), shows, thanks });
}

const FRAMEWORK_MAIN = {
  tsx: (file, props) => `import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import * as snippet from '${file}';
const component = Object.values(snippet).find((value) => typeof value === 'function');
createRoot(document.getElementById('app')).render(createElement(component, ${props}));
`,
  vue: (file, props) => `import { createApp } from 'vue';
import Snippet from '${file}';
createApp(Snippet, ${props}).mount('#app');
`,
  svelte: (file, props) => `import { mount } from 'svelte';
import Snippet from '${file}';
mount(Snippet, { target: document.getElementById('app'), props: ${props} });
`,
};

/** What @sveltejs/vite-plugin-svelte does, in a few lines: compile .svelte files for the browser. */
async function sveltePlugin() {
  const { compile } = await import(pathToFileURL(join(app.dir, 'node_modules/svelte/src/compiler/index.js')).href);
  return {
    name: 'readme-svelte',
    transform(code, id) {
      if (!id.endsWith('.svelte')) return undefined;
      const out = compile(code, { filename: id, generate: 'client', dev: true });
      return { code: out.js.code, map: out.js.map };
    },
  };
}

/** Builds a component snippet into a page (vite, development build, the README's vite.config.ts). */
async function buildComponent(block) {
  const dir = join(app.dir, 'apps', `${block.lang}-${block.line}`);
  await mkdir(dir, { recursive: true });
  const file = `./${relative(dir, join(app.dir, app.files.get(block)))}`;
  await writeFile(join(dir, 'main.js'), FRAMEWORK_MAIN[block.lang](file, JSON.stringify(propsOf(block))));
  await writeFile(
    join(dir, 'index.html'),
    '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>README snippet</title>\n' +
      '<script type="module" src="./main.js"></script>\n</head>\n<body>\n<div id="app"></div>\n</body>\n</html>\n',
  );
  const configFile = join(app.dir, 'vite.config.ts');
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'development'; // the framework's warnings stay in, and fail the check
  try {
    await build({
      configFile: existsSync(configFile) ? configFile : false,
      root: dir,
      base: '/',
      mode: 'development',
      logLevel: 'error',
      plugins: block.lang === 'svelte' ? [await sveltePlugin()] : [],
      ...(block.lang === 'tsx' && { oxc: { jsx: { runtime: 'automatic' } } }),
      build: { outDir: join(dir, 'dist'), emptyOutDir: true, minify: false },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  const files = new Map();
  const out = join(dir, 'dist');
  for (const name of await readdir(out, { recursive: true })) {
    const path = join(out, name);
    if ((await stat(path)).isFile()) files.set(`/${relative(out, path)}`, { body: await readFile(path) });
  }
  return files;
}

async function checkComponent(block) {
  await assertTypeChecks(block);
  const files = await buildComponent(block);
  const { shows, thanks } = block.marker.options;
  const problems = await visit({ files, endpoints: endpointsOf(block.code), shows, thanks });
  assert.deepEqual(problems, [], `${where(block)} in Chromium`);
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** Starts a receiver snippet on a free port (its one rewrite: the port of `.listen(…)`) and sends it batches. */
async function checkReceiver(block) {
  const port = await freePort();
  const code = block.code.replace(/\.listen\(\s*\d+\s*\)/, `.listen(${port}, '127.0.0.1')`);
  assert.notEqual(code, block.code, 'a receiver snippet listens with .listen(<port>)');
  const file = join(app.dir, 'snippets', `readme-${block.line}.run.js`);
  await writeFile(file, code);
  const child = spawn(process.execPath, [file], { cwd: app.dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const base = `http://127.0.0.1:${port}/`;
  try {
    for (const until = Date.now() + 10_000; ;) {
      const up = await fetch(base, { method: 'OPTIONS' }).then(
        () => true,
        () => false,
      );
      if (up) break;
      if (Date.now() > until || child.exitCode !== null) throw new Error(`the receiver did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const example = wireExample();
    assert.ok(example, 'a receiver is sent the README’s wire example (a json block marked check)');
    const post = (body, type = 'application/json') =>
      fetch(base, { method: 'POST', headers: { 'content-type': type, origin: SITE }, body });
    const preflight = await fetch(base, {
      method: 'OPTIONS',
      headers: {
        origin: SITE,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    assert.equal(preflight.status, 204, 'preflight');
    assert.ok(preflight.headers.get('access-control-allow-origin'), 'preflight: access-control-allow-origin');
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /content-type/i);
    const json = await post(example.code);
    assert.equal(json.status, 200, 'the wire example as application/json');
    assert.ok(json.headers.get('access-control-allow-origin'), 'the POST answer carries access-control-allow-origin');
    assert.equal((await post(example.code, 'text/plain;charset=UTF-8')).status, 200, 'the same again, as a beacon');
    const displays = displaysExample();
    assert.ok(displays, 'a receiver is sent the README’s example of displays (a json block marked check)');
    assert.equal((await post(displays.code)).status, 200, 'the displays example: a receiver must take displays');
    assert.equal((await post(displays.code, 'text/plain;charset=UTF-8')).status, 200, 'the displays, as a beacon');
    const both = { ...JSON.parse(example.code), displays: JSON.parse(displays.code).displays };
    assert.equal((await post(JSON.stringify(both))).status, 200, 'responses and displays in one envelope');
    assert.equal((await post('{"v":1,"responses":[{"id":1}]}')).status, 400, 'an invalid response');
    assert.equal((await post('not json')).status, 400, 'a body that is not JSON');
    assert.equal((await post(example.code, 'application/xml')).status, 415, 'another content type');
    assert.equal((await post('x'.repeat(70_000))).status, 413, 'a body over 64 KB');
    assert.equal((await fetch(base)).status, 405, 'GET');
  } finally {
    child.kill();
    if (child.exitCode === null) await once(child, 'exit');
  }
}

/** The statements of an SQL text, comments taken out. */
const statements = (sql) =>
  sql
    .replace(/--[^\n]*/g, '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);

const CHECK = {
  async sh(block) {
    const result = shell.get(block);
    assert.equal(result.code, 0, `${where(block)} failed:\n${result.script}\n${result.stdout}${result.stderr}`);
    const installed = JSON.parse(readFileSync(join(app.dir, 'node_modules/csat-survey/package.json'), 'utf8'));
    const ours = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    assert.equal(installed.version, ours.version, 'the installed package is this version');
  },

  async html(block) {
    const problems = await checkPage(block);
    assert.deepEqual(problems, [], `${where(block)} in Chromium`);
  },

  async http(block) {
    const page = named(block.marker.options.page);
    assert.ok(page, `${where(block)} names page=${block.marker.options.page}, and no html block is named so`);
    const headers = httpHeaders(block);
    const policy = headers['content-security-policy'];
    assert.ok(policy, 'the block documents a Content-Security-Policy');
    const scriptSrc = cspSources(policy, 'script-src') ?? cspSources(policy, 'default-src') ?? [];
    for (const script of inlineScripts(page.code)) {
      const source = hashSource(script);
      assert.ok(
        scriptSrc.includes(source),
        `the inline script of ${where(page)} is allowed by script-src: add ${source} (the sha256 of its text, as written)`,
      );
    }
    const problems = await checkPage(page, headers);
    assert.deepEqual(problems, [], `${where(page)} served with the header of ${where(block)}`);
    // The check can see a violation: without its hash sources, the same page logs the inline script's.
    const withoutHashes = policy.replace(/\s*'sha256-[^']+'/g, '');
    if (withoutHashes !== policy) {
      const control = await checkPage(page, { ...headers, 'content-security-policy': withoutHashes });
      assert.ok(
        control.some((p) => p.startsWith('violation: script-src')),
        `without its hash the stub should be blocked, and was not:\n${control.join('\n')}`,
      );
    }
  },

  async js(block) {
    await assertTypeChecks(block);
    if (block.marker.flags.has('receiver')) await checkReceiver(block);
  },

  ts: assertTypeChecks,
  tsx: checkComponent,
  vue: checkComponent,
  svelte: checkComponent,

  async css(block) {
    const manifest = JSON.parse(
      readFileSync(join(app.dir, 'node_modules/csat-survey/dist/custom-elements.json'), 'utf8'),
    );
    const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'csat-survey');
    const properties = new Set(element.cssProperties.map((p) => p.name));
    const parts = new Set(element.cssParts.map((p) => p.name));
    for (const [, name] of block.code.matchAll(/(--csat-[\w-]+)\s*:/g)) {
      assert.ok(properties.has(name), `${name} is not a custom property of the element`);
    }
    for (const [, name] of block.code.matchAll(/::part\(([\w-]+)\)/g)) {
      assert.ok(parts.has(name), `::part(${name}) is not a part of the element`);
    }
    const written = [...block.code.matchAll(/\{([^}]*)\}/g)].map((m) => m[1].split(';').filter((d) => d.trim()).length);
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const parsed = await page.evaluate((css) => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        return [...sheet.cssRules].map((rule) => rule.style.length);
      }, block.code);
      assert.deepEqual(parsed, written, 'Chromium kept every rule and declaration');
    } finally {
      await context.close();
    }
  },

  async json(block) {
    const { envelopeSchema } = await import(pathToFileURL(join(root, 'collector/dist/src/wire.js')).href);
    const result = envelopeSchema.safeParse(JSON.parse(block.code));
    assert.ok(result.success, `not wire format v1: ${JSON.stringify(result.error?.issues)}`);
  },

  async sql(block) {
    const { PGlite } = await import('@electric-sql/pglite');
    // SQL that stores displays is run with the README's example of displays, the rest with its responses.
    const ofDisplays = /^\s*INSERT INTO displays\b/im.test(block.code.replace(/--[^\n]*/g, ''));
    const example = ofDisplays ? displaysExample() : wireExample();
    assert.ok(example, 'the SQL is run with the README’s wire example (a json block marked check)');
    const batch = JSON.parse(example.code);
    const response = ofDisplays ? batch.displays[0] : batch.responses[0];
    const camel = (name) => name.replace(/_(\w)/g, (_, c) => c.toUpperCase());
    const value = (column, r) =>
      column === 'response' || column === 'display' ? r : (r[camel(column)] ?? batch[camel(column)]);
    const db = new PGlite();
    try {
      let upsert;
      for (const sql of statements(block.code)) {
        const insert = /^INSERT INTO \w+\s*\(([^)]*)\)/i.exec(sql);
        if (/\$\d/.test(sql)) {
          assert.ok(insert, `only an INSERT may take parameters: ${sql}`);
          const columns = insert[1].split(',').map((c) => c.trim());
          upsert = (r) =>
            db.query(
              sql,
              columns.map((c) => value(c, r)),
            );
          await upsert(response);
        } else {
          const { rows } = await db.query(sql);
          if (/^SELECT/i.test(sql)) assert.equal(rows.length, 1, `${sql} returns the row`);
        }
      }
      if (ofDisplays) {
        assert.ok(upsert, 'the SQL stores a display');
        await upsert({ ...response, locale: 'changed' });
        const rows = (await db.query(`SELECT display->>'locale' AS locale FROM displays`)).rows;
        assert.deepEqual(rows, [{ locale: response.locale }], 'a display sent again is kept once, as first received');
        return;
      }
      assert.ok(upsert, 'the SQL stores a response');
      const revision = async () => (await db.query('SELECT revision FROM responses')).rows[0].revision;
      await upsert({ ...response, revision: response.revision - 1 });
      assert.equal(await revision(), response.revision, 'an older revision changes nothing');
      await upsert({ ...response, revision: response.revision + 1 });
      assert.equal(await revision(), response.revision + 1, 'a newer revision replaces it');
    } finally {
      await db.close();
    }
  },
};
