// `npm start`: the demo page on vite's dev server, plus a development endpoint that receives its answers.
//
//   GET  /demo/            the demo page (it imports /src/index.ts directly, no build)
//   GET  /demo/builder.html the snippet builder (also at /builder.html)
//   GET  /dist/…           the built files as they are on disk, byte for byte (the builder hashes csat-survey.js)
//   POST /dev/responses    wire format v1, as application/json or text/plain; 200, 400, 413 or 415
//   GET  /dev/responses    what was received, the highest revision per response id, newest first
//   GET  /dev/events       Server-Sent Events: one `response` event per accepted revision
//
// The endpoint is a stand-in for development only: answers live in memory and are gone when the server stops.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { createServer } from 'vite';
import * as z from 'zod/mini';

const root = new URL('..', import.meta.url).pathname;
const HOST = '127.0.0.1';
const DEFAULT_PORT = 5173;
const MAX_BODY_BYTES = 64 * 1024;
const MAX_KEPT = 1000;
const CONTENT_TYPES = ['application/json', 'text/plain'];
const DIST = join(root, 'dist');
const DIST_TYPES = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
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

/** A vite plugin: the development endpoint under /dev/. */
function devResponsesEndpoint() {
  /** response id -> { receivedAt, response }, oldest first (an update moves it to the end). */
  const received = new Map();
  /** Open Server-Sent Events streams. */
  const streams = new Set();

  const send = (res, status, body, headers = {}) => {
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    });
    res.end(JSON.stringify(body));
  };

  /** Keeps the highest revision of each id; returns the entries it stored. */
  const keep = (responses) => {
    const stored = [];
    const receivedAt = new Date().toISOString();
    for (const response of responses) {
      const old = received.get(response.id);
      if (old && old.response.revision >= response.revision) continue;
      const entry = { receivedAt, response };
      received.delete(response.id);
      received.set(response.id, entry);
      stored.push(entry);
    }
    while (received.size > MAX_KEPT) received.delete(received.keys().next().value);
    return stored;
  };

  const publish = (entry) => {
    const message = `event: response\ndata: ${JSON.stringify(entry)}\n\n`;
    for (const stream of streams) stream.write(message);
  };

  /** Reads the body up to the limit; resolves undefined (after answering 413) when it is larger. */
  const readBody = (req, res) =>
    new Promise((resolve, reject) => {
      const declared = Number(req.headers['content-length'] ?? 0);
      const tooLarge = () => {
        send(
          res,
          413,
          { error: 'too-large', message: `The body is over ${MAX_BODY_BYTES} bytes.` },
          { connection: 'close' },
        );
        req.resume();
        resolve(undefined);
      };
      if (declared > MAX_BODY_BYTES) return tooLarge();
      const chunks = [];
      let size = 0;
      const onData = (chunk) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          req.off('data', onData);
          return tooLarge();
        }
        chunks.push(chunk);
      };
      req.on('data', onData);
      req.on('end', () => size <= MAX_BODY_BYTES && resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  return {
    name: 'csat-dev-responses-endpoint',
    apply: 'serve',
    configureServer(server) {
      const postResponses = async (req, res) => {
        const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
        if (!CONTENT_TYPES.includes(type)) {
          return send(res, 415, {
            error: 'unsupported-media-type',
            message: `Content-Type must be application/json or text/plain, not "${type || '(none)'}".`,
          });
        }
        const text = await readBody(req, res);
        if (text === undefined) return;
        let body;
        try {
          body = JSON.parse(text);
        } catch (error) {
          return send(res, 400, { error: 'invalid-json', message: `The body is not JSON: ${error.message}` });
        }
        // The widget's own schema (src/wire.ts), so this endpoint and the widget cannot disagree.
        const { batchSchema } = await server.ssrLoadModule('/src/wire.ts');
        const result = batchSchema.safeParse(body);
        if (!result.success) {
          const issues = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
          return send(res, 400, {
            error: 'invalid-batch',
            message: `Not wire format v1: ${issues.map((i) => `${i.path || '(body)'}: ${i.message}`).join('; ')}`,
            issues,
          });
        }
        const stored = keep(result.data.responses);
        stored.forEach(publish);
        send(res, 200, { received: result.data.responses.length, stored: stored.length });
      };

      const listResponses = (res) => send(res, 200, [...received.values()].reverse());

      const openEvents = (req, res) => {
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        res.write('retry: 2000\n: connected\n\n');
        streams.add(res);
        const heartbeat = setInterval(() => res.write(': ping\n\n'), 25_000);
        req.on('close', () => {
          clearInterval(heartbeat);
          streams.delete(res);
        });
      };

      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '/').split('?')[0];
        if (path === '/' && req.method === 'GET') {
          res.writeHead(302, { location: '/demo/' });
          return res.end();
        }
        if (path === '/builder.html' && req.method === 'GET') {
          res.writeHead(302, { location: '/demo/builder.html' });
          return res.end();
        }
        if (path === '/dev/responses') {
          if (req.method === 'POST') return postResponses(req, res).catch(next);
          if (req.method === 'GET' || req.method === 'HEAD') return listResponses(res);
          return send(res, 405, { error: 'method-not-allowed', message: 'Use GET or POST.' }, { allow: 'GET, POST' });
        }
        if (path === '/dev/events') {
          if (req.method === 'GET') return openEvents(req, res);
          return send(res, 405, { error: 'method-not-allowed', message: 'Use GET.' }, { allow: 'GET' });
        }
        next();
      });
    },
  };
}

const requested = process.env.PORT === undefined || process.env.PORT === '' ? DEFAULT_PORT : Number(process.env.PORT);
if (!Number.isInteger(requested) || requested < 0 || requested > 65535) {
  console.error(`PORT must be a port number (0–65535), not "${process.env.PORT}".`);
  process.exit(1);
}

// zod/mini ships without messages ("Invalid input"); English ones make the 400 answers say what is wrong.
z.config(z.locales.en());

let server;
try {
  server = await createServer({
    root,
    configFile: false,
    appType: 'mpa',
    clearScreen: false,
    logLevel: 'warn',
    plugins: [rawDist(), devResponsesEndpoint()],
    optimizeDeps: { entries: ['demo/index.html', 'demo/builder.html'] },
    server: { host: HOST, port: requested, strictPort: false },
  });
  await server.listen();
} catch (error) {
  const reason =
    error?.code === 'EADDRINUSE'
      ? `port ${requested} on ${HOST} is already in use. Stop what uses it, or choose another: PORT=5180 npm start`
      : error?.code === 'EACCES'
        ? `port ${requested} on ${HOST} needs privileges. Choose another: PORT=5180 npm start`
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
console.log(`
  csat-survey demo       ${base}/demo/
  snippet builder        ${base}/demo/builder.html
  development endpoint   ${base}/dev/responses   (answers kept in memory only; live stream at /dev/events)

  Press Ctrl+C to stop.
`);

let closing = false;
const stop = async () => {
  if (closing) return;
  closing = true;
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
