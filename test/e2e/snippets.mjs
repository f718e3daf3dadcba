// README snippets as the suite checks them (CONTRIBUTING.md, "README snippets").
//
// Every fenced code block of README.md has a marker on the line before it (blank lines between are
// allowed). The marker says whether the suite runs the block:
//
//   <!-- snippet: check [options] -->          checked by its language's checker (below)
//   <!-- snippet: pending [options]; why -->   checked, and expected to fail until `why` is fixed;
//                                              once it passes the suite fails and asks for `check`
//   <!-- snippet: fragment; why -->            part of a larger program: not run
//   <!-- snippet: illustration; why -->        a shape or an example of data, not code to run
//   <!-- snippet: skip; why -->                runnable, but not here (it would start servers, or
//                                              run this suite again)
//
// Options are `key=value` or `key="a value"`: `name` (an html page others refer to), `page` (an http
// header block: the html page it is served with), `shows` and `thanks` (a text the survey shows
// before answering, and after), `props` (`plan=pro,…`: what a framework component is mounted
// with), and the flag `receiver` (a js block that is a Node.js receiver, started and sent batches).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const README = join(root, 'README.md');

export const STATUSES = ['check', 'pending', 'fragment', 'illustration', 'skip'];
export const NOT_RUN = ['fragment', 'illustration', 'skip'];

/**
 * The languages the suite checks, and the options a marker may carry for each (what each check does:
 * readme-snippets.test.mjs, and CONTRIBUTING.md).
 */
export const CHECKERS = {
  sh: { options: [] },
  html: { options: ['name', 'shows', 'thanks'] },
  http: { options: ['page'] },
  js: { options: ['receiver'] },
  ts: { options: [] },
  tsx: { options: ['props', 'shows', 'thanks'] },
  vue: { options: ['props', 'shows', 'thanks'] },
  svelte: { options: ['props', 'shows', 'thanks'] },
  css: { options: [] },
  json: { options: [] },
  sql: { options: [] },
};

const MARKER = /^<!--\s*snippet:\s*([\s\S]*?)\s*-->$/;

/** Parses the text of a marker after `snippet:`. Throws on a malformed one. */
export function parseMarker(text) {
  let rest = text.trim();
  const status = /^[a-z]+/.exec(rest)?.[0];
  if (!STATUSES.includes(status)) throw new Error(`unknown status "${status ?? rest}" (one of ${STATUSES.join(', ')})`);
  rest = rest.slice(status.length);
  const options = {};
  const flags = new Set();
  const token = /^\s*([a-z-]+)(?:=(?:"([^"]*)"|([^\s;"]+)))?/;
  for (let m = token.exec(rest); m; m = token.exec(rest)) {
    if (m[2] !== undefined || m[3] !== undefined) options[m[1]] = m[2] ?? m[3];
    else flags.add(m[1]);
    rest = rest.slice(m[0].length);
  }
  rest = rest.trim();
  if (rest && !rest.startsWith(';')) throw new Error(`cannot read "${rest}" (options are key=value or key="…")`);
  const reason = rest.slice(1).trim();
  if (status !== 'check' && !reason) throw new Error(`"${status}" needs a reason after a semicolon`);
  return { status, options, flags, reason };
}

/**
 * Every fenced code block of a Markdown text: { line (of the opening fence, 1-based), lang, code,
 * marker, problem }. `problem` says what is wrong with its marker, if anything.
 */
export function readmeBlocks(markdown = readFileSync(README, 'utf8')) {
  const lines = markdown.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^( {0,3})(`{3,}|~{3,})\s*([^\s`]*)(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, lang] = open;
    let end = i + 1;
    while (end < lines.length && !new RegExp(`^ {0,3}${fence[0]}{${fence.length},}\\s*$`).test(lines[end])) end++;
    const code = lines
      .slice(i + 1, end)
      .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l.trimStart()))
      .join('\n');
    const block = { line: i + 1, lang: lang.toLowerCase(), code: `${code}\n`, marker: undefined, problem: undefined };
    let before = i - 1;
    while (before >= 0 && lines[before].trim() === '') before--;
    const marker = before >= 0 ? MARKER.exec(lines[before].trim()) : null;
    if (!marker) {
      block.problem = 'no <!-- snippet: … --> marker on the line before it';
    } else {
      try {
        block.marker = parseMarker(marker[1]);
        const { status, options, flags } = block.marker;
        const checker = CHECKERS[block.lang];
        if ((status === 'check' || status === 'pending') && !checker) {
          block.problem = `nothing checks "${block.lang || 'a block without a language'}": mark it fragment, illustration or skip`;
        } else if (checker) {
          const unknown = [...Object.keys(options), ...flags].filter((o) => !checker.options.includes(o));
          if (unknown.length) block.problem = `option ${unknown.join(', ')} is not one of ${block.lang}'s`;
        }
      } catch (error) {
        block.problem = error.message;
      }
    }
    blocks.push(block);
    i = end;
  }
  return blocks;
}

/** `file:line lang` for messages. */
export const where = (block) => `README.md:${block.line} ${block.lang}`;

/** The blocks the suite runs (check and pending). */
export const runnable = (blocks) => blocks.filter((b) => b.marker && !NOT_RUN.includes(b.marker.status));

// ---- the pieces of a page --------------------------------------------------------------------------

/** The header lines of an http block, unfolded (a line starting with white space continues the one before). */
export function httpHeaders(block) {
  const unfolded = block.code.replace(/\r?\n[ \t]+/g, ' ');
  const headers = {};
  for (const line of unfolded.split('\n')) {
    const m = /^([\w-]+):\s*(.*?)\s*$/.exec(line);
    if (m) headers[m[1].toLowerCase()] = m[2];
  }
  return headers;
}

/** The text of every inline <script> (no src) of an html text, exactly as written. */
export const inlineScripts = (html) =>
  [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);

/** The CSP hash source of a script text: 'sha256-…'. */
export const hashSource = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The sources of one directive of a Content-Security-Policy value. */
export function cspSources(policy, directive) {
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name === directive) return sources;
  }
  return undefined;
}

/** The endpoint attribute values of a snippet (endpoint="…" in html, JSX, Vue, Svelte). */
export const endpointsOf = (code) => [...code.matchAll(/\bendpoint="([^"]+)"/g)].map((m) => m[1]);

/** `props="plan=pro,count=3"` as an object of strings. */
export const propsOf = (block) =>
  Object.fromEntries(
    (block.marker?.options.props ?? '')
      .split(',')
      .filter(Boolean)
      .map((pair) => pair.split('=').map((s) => s.trim())),
  );

// ---- processes ---------------------------------------------------------------------------------------

/** Runs a command; resolves with { code, stdout, stderr, ms } (never rejects). */
export function exec(command, args, { cwd = root, env = {}, timeout = 180_000 } = {}) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('error', (error) => (stderr += String(error)));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? `killed by ${signal}` : -1), stdout, stderr, ms: Date.now() - started });
    });
  });
}

const tool = (path) => join(root, 'node_modules', path);

// ---- the temporary app ---------------------------------------------------------------------------------

/** npm without the registry round trips it can avoid: what `npm ci` fetched is in the cache. */
const NPM_ENV = {
  npm_config_prefer_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};

/**
 * A temporary app that uses the package as a user's app does: `npm pack` of this repository, and a
 * folder with its own package.json where the README's install command (`sh` blocks) installs that
 * tarball. The tools an app would have besides (TypeScript, React, Vue, Svelte, vite…) are linked
 * from this repository's node_modules, so nothing else is downloaded.
 */
export async function makeApp() {
  const dir = await mkdtemp(join(tmpdir(), 'csat-readme-'));
  const pack = await exec('npm', ['pack', '--silent', '--pack-destination', dir], { env: NPM_ENV });
  const tarball = pack.stdout.trim().split('\n').pop();
  if (pack.code !== 0 || !tarball || !existsSync(join(dir, tarball))) {
    throw new Error(`npm pack failed:\n${pack.stdout}${pack.stderr}`);
  }
  // svelte-check reads an app's Svelte configuration; this app has no options to give it.
  await writeFile(join(dir, 'svelte.config.js'), 'export default {};\n');
  await writeFile(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'readme-snippets', private: true, type: 'module' }, null, 2)}\n`,
  );
  return { dir, tarball, files: new Map() };
}

/** `npm install csat-survey` → `npm install ./csat-survey-x.y.z.tgz`: the one rewrite of an sh block. */
export const rewriteInstall = (line, tarball) =>
  /^\s*npm\s+(install|i|add)\b/.test(line) ? line.replace(/(\s)csat-survey(?=\s|$)/g, `$1./${tarball}`) : line;

/** Runs an sh block's lines in the app, one shell, stopping at the first failure. */
export async function runShell(block, app) {
  const script = block.code
    .split('\n')
    .map((line) => rewriteInstall(line, app.tarball))
    .join('\n');
  const result = await exec('sh', ['-e', '-c', script], { cwd: app.dir, env: NPM_ENV });
  return { ...result, script };
}

/** Installs the tarball if no sh block did, then links every other package of this repository. */
export async function finishApp(app) {
  const modules = join(app.dir, 'node_modules');
  if (!existsSync(join(modules, 'csat-survey/package.json'))) {
    const result = await exec('npm', ['install', `./${app.tarball}`], { cwd: app.dir, env: NPM_ENV });
    if (result.code !== 0) throw new Error(`npm install of the tarball failed:\n${result.stdout}${result.stderr}`);
  }
  const link = async (from, to) => {
    try {
      await lstat(to);
    } catch {
      await mkdir(dirname(to), { recursive: true });
      await symlink(from, to, 'dir');
    }
  };
  const repoModules = join(root, 'node_modules');
  for (const name of await readdir(repoModules)) {
    if (name.startsWith('.') || name === 'csat-survey') continue;
    if (name.startsWith('@')) {
      for (const sub of await readdir(join(repoModules, name))) {
        await link(join(repoModules, name, sub), join(modules, name, sub));
      }
    } else {
      await link(join(repoModules, name), join(modules, name));
    }
  }
}

const EXTENSIONS = { js: 'js', ts: 'ts', tsx: 'tsx', vue: 'vue', svelte: 'svelte' };

/**
 * Writes each code block of those languages into the app: `snippets/readme-<line>.<ext>`, or, when
 * its first line is a comment naming a file (`// vite.config.ts`), under that name at the app's root.
 */
export async function writeSnippets(app, blocks) {
  await mkdir(join(app.dir, 'snippets'), { recursive: true });
  for (const block of blocks) {
    const ext = EXTENSIONS[block.lang];
    if (!ext) continue;
    const named = /^\/\/\s*([\w-]+(?:\.[\w-]+)*\.(?:ts|js|mjs))\s*$/.exec(block.code.split('\n')[0]);
    const file = named ? named[1] : `snippets/readme-${block.line}.${ext}`;
    await writeFile(join(app.dir, file), block.code);
    app.files.set(block, file);
  }
}

// ---- type checks ----------------------------------------------------------------------------------------

const STRICT = {
  target: 'ES2022',
  module: 'ESNext',
  moduleResolution: 'bundler',
  lib: ['ES2022', 'DOM', 'DOM.Iterable'],
  jsx: 'react-jsx',
  strict: true,
  noEmit: true,
  isolatedModules: true,
  verbatimModuleSyntax: true,
  // Each snippet is its own module, so two snippets may both declare `survey`.
  moduleDetection: 'force',
  // As an app's own tsconfig has it (create-vite's too); test/node/types.test.mjs checks the
  // package's declarations themselves.
  skipLibCheck: true,
  types: [],
};

/**
 * The programs that check the snippets, each with its checker: the ts/tsx blocks (tsc), Angular
 * components (tsc with Angular's decorators, and ngc with strict templates where
 * @angular/compiler-cli is installed), the js blocks (tsc --checkJs, not strict, as a JavaScript
 * project is), vue (vue-tsc) and svelte (svelte-check).
 */
export function programs(app, blocks) {
  const files = (pick) => runnable(blocks).filter(pick);
  const isAngular = (b) => b.lang === 'ts' && /from ['"]@angular\/core['"]/.test(b.code);
  const hasNgc = existsSync(tool('@angular/compiler-cli/package.json'));
  return [
    {
      name: 'tsc',
      blocks: files((b) => (b.lang === 'ts' || b.lang === 'tsx') && !isAngular(b)),
      tsconfig: { compilerOptions: STRICT },
      command: (project) => [process.execPath, [tool('typescript/bin/tsc'), '-p', project, '--pretty', 'false']],
    },
    {
      name: hasNgc ? 'ngc' : 'tsc (Angular)',
      blocks: files(isAngular),
      tsconfig: {
        compilerOptions: { ...STRICT, experimentalDecorators: true, verbatimModuleSyntax: false },
        angularCompilerOptions: { strictTemplates: true, strictInjectionParameters: true },
      },
      command: (project) =>
        hasNgc
          ? [process.execPath, [tool('@angular/compiler-cli/bundles/src/bin/ngc.js'), '-p', project]]
          : [process.execPath, [tool('typescript/bin/tsc'), '-p', project, '--pretty', 'false']],
    },
    {
      name: 'tsc --checkJs',
      blocks: files((b) => b.lang === 'js'),
      tsconfig: {
        compilerOptions: { ...STRICT, strict: false, allowJs: true, checkJs: true, types: ['node'] },
      },
      command: (project) => [process.execPath, [tool('typescript/bin/tsc'), '-p', project, '--pretty', 'false']],
    },
    {
      name: 'vue-tsc',
      blocks: files((b) => b.lang === 'vue'),
      tsconfig: { compilerOptions: STRICT },
      command: (project) => [process.execPath, [tool('vue-tsc/bin/vue-tsc.js'), '-p', project, '--pretty', 'false']],
    },
    {
      name: 'svelte-check',
      blocks: files((b) => b.lang === 'svelte'),
      tsconfig: { compilerOptions: STRICT },
      command: (project) => [
        process.execPath,
        [
          tool('svelte-check/bin/svelte-check'),
          '--workspace',
          app.dir,
          '--tsconfig',
          project,
          '--output',
          'machine',
          '--fail-on-warnings',
        ],
      ],
    },
  ].filter((p) => p.blocks.length);
}

/**
 * Runs one program over its blocks. Resolves with { ms, output, byBlock: Map(block → [messages]),
 * general: [messages about no snippet] }, each message as `README.md:<line>: <checker's text>`.
 */
export async function typeCheck(app, program) {
  const name = `tsconfig.${program.name
    .toLowerCase()
    .replace(/[^a-z]+/g, '-')
    .replace(/-$/, '')}.json`;
  const files = program.blocks.map((b) => app.files.get(b));
  await writeFile(join(app.dir, name), JSON.stringify({ ...program.tsconfig, files }, null, 2));
  const [command, args] = program.command(join(app.dir, name));
  const result = await exec(command, args, { cwd: app.dir });
  const output = `${result.stdout}${result.stderr}`;
  const byBlock = new Map(program.blocks.map((b) => [b, []]));
  const general = [];
  const blockOf = (file) => {
    const rel = relative(app.dir, resolve(app.dir, file));
    return program.blocks.find((b) => app.files.get(b) === rel);
  };
  let last;
  const note = (file, line, text) => {
    const block = blockOf(file);
    const list = block ? byBlock.get(block) : general;
    list.push(block ? `README.md:${block.line + Number(line)}: ${text}` : `${file}:${line}: ${text}`);
    last = { list, index: list.length - 1 };
  };
  for (const raw of output.split('\n')) {
    const line = raw.replace(/\x1b\[[0-9;]*m/g, ''); // eslint-disable-line no-control-regex
    // tsc and vue-tsc: `file(line,col): error TS2322: text`; ngc: `file:line:col - error NG8002: text`
    const tsc = /^(.+?)(?:\((\d+),\d+\):|:(\d+):\d+ -) (?:error|warning) ((?:TS|NG)\d+): (.*)$/.exec(line);
    // svelte-check --output machine: `1700000000000 ERROR "file" line:col "text"`
    const svelte = /^\d+ (ERROR|WARNING) "(.+?)" (\d+):\d+ "(.*)"$/.exec(line);
    if (tsc) note(tsc[1], tsc[2] ?? tsc[3], `${tsc[4]} ${tsc[5]}`);
    else if (svelte) note(svelte[2], svelte[3], `${svelte[1].toLowerCase()}: ${svelte[4].replace(/\\n/g, ' ')}`);
    else if (last && /^\s+\S/.test(line) && !/^\s+\d+\s/.test(line)) last.list[last.index] += ` ${line.trim()}`;
    else last = undefined;
  }
  const found = [...byBlock.values()].some((m) => m.length) || general.length;
  if (result.code !== 0 && !found) general.push(`${program.name} exited ${result.code}:\n${output.slice(-3000)}`);
  return { ms: result.ms, output, byBlock, general };
}
