// `npm start` (after the build): the collector on an embedded database (or DATABASE_URL), and the demo on
// vite's dev server, whose surveys post to it.
//
//   GET  /demo/             the demo page (it imports /src/index.ts directly, no build)
//   GET  /demo/builder.html the snippet builder (also at /builder.html)
//   GET  /demo/react/       the React 19 example app; /demo/vue/ the Vue 3 one (both import 'csat-survey')
//   GET  /demo/angular/     the Angular 21 example app, and /demo/svelte/ the SvelteKit 2 one (rendered on the server
//                           per request): production builds against dist/, made in the background at start
//   GET  /dist/…            the built files as they are on disk, byte for byte (the builder hashes csat-survey.js)
//   *    /v1/…              passed to the collector (POST /v1/responses is where the demo's answers go)
//   GET  /dev/dashboard     the collector's dashboard, with this run's admin token
//
// The collector itself listens on PORT (8787); see the README for its variables.
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { request } from 'node:http';
import { pathToFileURL } from 'node:url';
import { build, createServer } from 'vite';
import vue from '@vitejs/plugin-vue';
import { startCollector } from '../collector/dist/collector/main.js';
import { readConfig } from '../collector/dist/collector/config.js';

const root = new URL('..', import.meta.url).pathname;
const HOST = '127.0.0.1';
const DEFAULT_PORT = 5173;
const DIST = join(root, 'dist');
const DIST_TYPES = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * A vite plugin: dist/ at /dist/, untouched. Vite's own serving would rewrite the files as modules (and add a
 * source map), so their bytes, and the integrity hash the snippet builder computes, would not be the built ones.
 */
function rawDist() {
  return {
    name: 'csat-raw-dist',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        const path = (req.url ?? '/').split('?')[0];
        if (!path.startsWith('/dist/') || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
        let file;
        try {
          file = normalize(join(DIST, decodeURIComponent(path.slice('/dist/'.length))));
        } catch {
          file = '';
        }
        const info = file.startsWith(DIST + sep) ? await stat(file).catch(() => undefined) : undefined;
        if (!info?.isFile()) {
          res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
          return res.end(`Not found: ${path}. Run npm run build to make dist/.`);
        }
        res.writeHead(200, {
          'content-type': DIST_TYPES[extname(file)] ?? 'application/octet-stream',
          'content-length': info.size,
          'cache-control': 'no-store',
        });
        if (req.method === 'HEAD') return res.end();
        createReadStream(file).on('error', next).pipe(res);
      });
    },
  };
}

/** Sends a file of a build, or a 404. */
async function sendFile(req, res, file) {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    return res.end('Not found.');
  }
  res.writeHead(200, {
    'content-type': DIST_TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
    'cache-control': 'no-store',
  });
  if (req.method === 'HEAD') return res.end();
  createReadStream(file).pipe(res);
}

/** What a request for an example app gets while it is still being built (or if its build failed). */
function notReady(res, name, example) {
  res.writeHead(example.error ? 500 : 503, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    ...(example.error ? {} : { refresh: '3' }),
  });
  res.end(
    example.error
      ? `<!doctype html><title>${name}</title><p>The ${name} example did not build:</p><pre>${escapeHtml(example.error)}</pre>`
      : `<!doctype html><title>${name}</title><p>The ${name} example is being built; this page reloads by itself.</p>`,
  );
}

const escapeHtml = (text) => text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]);

/**
 * The Angular and SvelteKit examples are built by their own compilers (ngc; SvelteKit with its Node adapter), so
 * they are not served from source like the React and Vue ones: they are built against dist/ in the background
 * once the demo runs, as their end-to-end test builds them, then served from dist/examples/.
 */
const examples = {
  angular: { ready: false, error: '' },
  svelte: { ready: false, error: '', handler: undefined },
};

async function buildExamples() {
  try {
    await build({ configFile: join(root, 'demo/angular/vite.config.ts'), logLevel: 'error' });
    examples.angular.ready = true;
  } catch (error) {
    examples.angular.error = error?.message ?? String(error);
  }
  try {
    // SvelteKit reads its configuration from the working directory.
    await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build'], {
        cwd: join(root, 'demo/svelte'),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let log = '';
      child.stdout.on('data', (chunk) => (log += chunk));
      child.stderr.on('data', (chunk) => (log += chunk));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(log))));
    });
    examples.svelte.handler = (await import(pathToFileURL(join(DIST, 'examples/svelte/handler.js')).href)).handler;
    examples.svelte.ready = true;
  } catch (error) {
    examples.svelte.error = error?.message ?? String(error);
  }
  for (const [name, example] of Object.entries(examples)) {
    if (example.error) console.error(`The ${name} example did not build:\n${example.error}`);
  }
}

/** A vite plugin: /demo/angular/ from its build, /demo/svelte from the SvelteKit server. */
function builtExamples() {
  return {
    name: 'csat-built-examples',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '/').split('?')[0];
        if (path === '/demo/angular') {
          res.writeHead(301, { location: '/demo/angular/' });
          return res.end();
        }
        if (path.startsWith('/demo/angular/')) {
          if (!examples.angular.ready) return notReady(res, 'Angular', examples.angular);
          const out = join(DIST, 'examples/angular');
          let file;
          try {
            file = normalize(join(out, decodeURIComponent(path.slice('/demo/angular/'.length)) || 'index.html'));
          } catch {
            file = '';
          }
          if (!file.startsWith(out + sep)) return next();
          return sendFile(req, res, file);
        }
        if (path === '/demo/svelte' || path.startsWith('/demo/svelte/')) {
          if (!examples.svelte.ready) return notReady(res, 'SvelteKit', examples.svelte);
          return examples.svelte.handler(req, res, next);
        }
        return next();
      });
    },
  };
}

/**
 * A vite plugin: /v1/… is passed to the collector, so the demo's surveys post to it from the page's own
 * origin; /dev/dashboard opens the collector's dashboard with the admin token of this run.
 */
function collectorRoutes(collector) {
  return {
    name: 'csat-collector-routes',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '/').split('?')[0];
        if (path === '/dev/dashboard') {
          res.writeHead(302, { location: `${collector.url}/dashboard/#token=${collector.adminToken}` });
          return res.end();
        }
        if (!path.startsWith('/v1/')) return next();
        const upstream = request(
          new URL(req.url, collector.url),
          { method: req.method, headers: { ...req.headers, host: new URL(collector.url).host } },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        upstream.on('error', () => {
          if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
          res.end('The collector is not answering.');
        });
        req.pipe(upstream);
      });
    },
  };
}

const requested =
  process.env.DEMO_PORT === undefined || process.env.DEMO_PORT === '' ? DEFAULT_PORT : Number(process.env.DEMO_PORT);
if (!Number.isInteger(requested) || requested < 0 || requested > 65535) {
  console.error(`DEMO_PORT must be a port number (0–65535), not "${process.env.DEMO_PORT}".`);
  process.exit(1);
}

// The collector is started once the demo's origin is known, and the proxy reaches it through this object.
const collector = { url: '', adminToken: '' };

let server;
try {
  server = await createServer({
    root,
    configFile: false,
    appType: 'mpa',
    clearScreen: false,
    logLevel: 'warn',
    plugins: [
      rawDist(),
      collectorRoutes(collector),
      builtExamples(),
      vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'csat-survey' } } }),
    ],
    // The example apps import the package by its name, as an app would. Here it is the source, which vite
    // serves as modules (dist/ is served raw, so its bare imports would not resolve); their tests use the build.
    resolve: { alias: [{ find: /^csat-survey$/, replacement: join(root, 'src/index.ts') }] },
    oxc: { jsx: { runtime: 'automatic' } },
    optimizeDeps: {
      entries: ['demo/index.html', 'demo/builder.html', 'demo/react/index.html', 'demo/vue/index.html'],
    },
    server: { host: HOST, port: requested, strictPort: false },
  });
  await server.listen();
} catch (error) {
  const reason =
    error?.code === 'EADDRINUSE'
      ? `port ${requested} on ${HOST} is already in use. Stop what uses it, or choose another: DEMO_PORT=5180 npm start`
      : error?.code === 'EACCES'
        ? `port ${requested} on ${HOST} needs privileges. Choose another: DEMO_PORT=5180 npm start`
        : (error?.message ?? String(error));
  console.error(`The demo server could not start: ${reason}`);
  process.exit(1);
}

const address = server.httpServer.address();
const port = typeof address === 'object' && address ? address.port : requested;
const base = `http://${HOST}:${port}`;
if (requested !== 0 && port !== requested) {
  console.warn(`Port ${requested} is already in use, so the demo runs on port ${port} instead.`);
}
let running;
try {
  // The demo's own origin is always allowed; CSAT_ALLOWED_ORIGINS adds to it (it does not replace it).
  const own = [base, `http://localhost:${port}`];
  const config = readConfig(process.env, { origins: own });
  config.allowedOrigins = [...new Set([...own, ...config.allowedOrigins])];
  // The demo's logs would bury its banner: only warnings and errors, unless CSAT_LOG_LEVEL says otherwise.
  if (!process.env.CSAT_LOG_LEVEL) config.logLevel = 'warn';
  running = await startCollector(config);
} catch (error) {
  console.error(`The collector could not start: ${error?.message ?? String(error)}`);
  await server.close();
  process.exit(1);
}
collector.url = running.url;
collector.adminToken = running.adminToken;

// The handlers come before the banner: whoever acts on the printed URLs may stop us at once.
let closing = false;
const stop = async () => {
  if (closing) return;
  closing = true;
  try {
    await server.close();
    await running.close();
    process.exit(0);
  } catch (error) {
    console.error(`The demo did not close cleanly: ${error?.message ?? String(error)}`);
    process.exit(1);
  }
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

console.log(`
  csat-survey demo       ${base}/demo/
  snippet builder        ${base}/demo/builder.html
  React 19 example       ${base}/demo/react/
  Vue 3 example          ${base}/demo/vue/
  Angular 21 example     ${base}/demo/angular/    (being built; ready in a few seconds)
  SvelteKit 2 example    ${base}/demo/svelte/     (being built; ready in a few seconds)
  collector              ${running.url}/v1/responses   (${running.db.kind === 'embedded' ? `embedded database in ${running.config.dataDir}` : 'PostgreSQL'})
  dashboard              ${base}/dev/dashboard   (opens the collector's dashboard with the admin token)
  admin token            ${running.adminTokenSource === 'made' ? `${running.adminToken}   (made now and stored with the data; shown this once)` : running.adminTokenSource === 'stored' ? 'the one stored with the data (printed when it was made); /dev/dashboard signs in with it' : 'CSAT_ADMIN_TOKEN (not printed)'}

  Press Ctrl+C to stop.
`);
void buildExamples();
