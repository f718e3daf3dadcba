// A loopback receiver for the end-to-end suite: serves the test page and dist/ itself (so the
// endpoint is same-origin), records every POST /collect raw, and answers as the test scripts it.
//
//   const rx = await startReceiver();
//   rx.fault = (req) => (req.index === 0 ? { status: 503 } : undefined); // undefined = 200
//   await rx.waitForIds(['…']);
//   rx.exactlyOnceReport(['…']);
//
// The page takes `before=/vendor/…,/hostile/…` in its query: those scripts are put at the top of its
// <head>, before anything else runs (the hostile host pages: real libraries from node_modules, and
// the scripts in ./hostile/). `rx.pageHeaders` adds response headers to the page (a CSP, say), and
// `rx.allowHeaders` replaces the request headers a preflight allows (e.g. 'content-type' to refuse
// a custom header).
//
// Bodies may come as application/json or text/plain (beacons); one that is not wire format v1
// (see wire.mjs) gets 400. Requests of displays (a body with `displays` and no `responses`) are kept
// apart: in `rx.displayRequests` (never in `rx.requests`, so request indexes and faults count answers
// only), answered by `rx.displaysFault` (same actions as `rx.fault`), and their displays kept by id
// (`rx.displays()`, `rx.timesDisplayKept(id)`, `rx.waitForDisplays(n)`).
// A fault is a function of the request ({ index, bytes, text, batch, ids,
// contentType }) that returns undefined (the normal answer) or one of:
//   { status, headers? }           answer that status without keeping anything (409 and 2xx keep)
//   { hang: true }                 never answer (the socket stays open until the client gives up)
//   { delay: ms, status? }         answer after a delay
//   { commit: true, status? }      keep the batch, then answer 500 (or the status given)
//   { commit: true, destroy: true } keep the batch, then cut the connection without an answer
//   { destroy: true }              cut the connection without keeping anything (a network error)
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { batchProblem, displayBatchProblem, isDisplays } from './wire.mjs';

const root = new URL('../..', import.meta.url).pathname;
const here = new URL('.', import.meta.url).pathname;

/** Released libraries the hostile pages load, as published on npm. */
const VENDOR = {
  '/vendor/prototype-1.7.3.js': 'node_modules/prototype-js-core/prototype.js',
  '/vendor/mootools-1.5.2.js': 'node_modules/mootools/lib/mootools-core-1.5.2-server.js',
};

const TYPES = { '.js': 'text/javascript', '.html': 'text/html; charset=utf-8', '.map': 'application/json' };

/** True for the response the tests mark as one the receiver must refuse. */
export const isPoison = (response) => response?.metadata?.poison === true || response?.touchpoint === 'poison';

/** Ready-made faults. */
export const faults = {
  /** Every request gets `status`. */
  always: (status, headers) => () => ({ status, headers }),
  /** The first `n` requests get `action`, the rest are accepted. */
  first: (n, action) => (req) => (req.index < n ? action : undefined),
  /** 413 for a body over `maxBytes`. */
  tooLarge: (maxBytes) => (req) => (req.bytes > maxBytes ? { status: 413 } : undefined),
  /** 422 for a batch that holds a poison response. */
  poison:
    (status = 422) =>
    (req) =>
      req.batch?.responses?.some(isPoison) ? { status } : undefined,
};

/** A list of ids, shortened for messages. */
const brief = (ids, most = 4) =>
  ids.length > most ? `${ids.slice(0, most).join(' ')} …and ${ids.length - most} more` : ids.join(' ');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startReceiver({ host = '127.0.0.1' } = {}) {
  /** Every POST /collect, in arrival order. */
  const requests = [];
  /** Response id -> highest revision kept. */
  const kept = new Map();
  /** Response id -> the kept response of that revision. */
  const keptResponses = new Map();
  /** `${id}#${revision}` -> how many kept requests carried it. */
  const keptTimes = new Map();
  /** Every POST /collect of displays, in arrival order. */
  const displayRequests = [];
  /** Display id -> the display, as first kept. */
  const keptDisplays = new Map();
  /** Display id -> how many kept requests carried it. */
  const displayTimes = new Map();
  const sockets = new Set();
  const waiters = new Set();
  let down = false;
  const t0 = Date.now();

  const rx = {
    requests,
    kept,
    displayRequests,
    /** Set by the tests; see the top of this file. */
    fault: undefined,
    /** The same for requests of displays. */
    displaysFault: undefined,
    /** Extra response headers for the test page. */
    pageHeaders: {},
    /** When set, what `access-control-allow-headers` a preflight gets (instead of what it asked for). */
    allowHeaders: undefined,
    url: '',
    origin: '',
    port: 0,
  };

  const notify = () => waiters.forEach((check) => check());

  function keep(batch) {
    for (const r of batch?.responses ?? []) {
      if (typeof r?.id !== 'string') continue;
      const key = `${r.id}#${r.revision}`;
      keptTimes.set(key, (keptTimes.get(key) ?? 0) + 1);
      if (!kept.has(r.id) || kept.get(r.id) < r.revision) {
        kept.set(r.id, r.revision);
        keptResponses.set(r.id, r);
      }
    }
    notify();
  }

  function keepDisplays(batch) {
    for (const d of batch?.displays ?? []) {
      if (typeof d?.id !== 'string') continue;
      displayTimes.set(d.id, (displayTimes.get(d.id) ?? 0) + 1);
      if (!keptDisplays.has(d.id)) keptDisplays.set(d.id, d);
    }
    notify();
  }

  function cors(req, res) {
    const origin = req.headers.origin;
    if (!origin || origin === `http://${req.headers.host}`) return;
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('vary', 'origin');
    res.setHeader('access-control-expose-headers', 'retry-after');
  }

  async function serveFile(res, file, headers = {}) {
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        ...headers,
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  }

  /** The test page, with the scripts named in `before` at the top of its head. */
  async function servePage(res, url) {
    const before = (url.searchParams.get('before') ?? '')
      .split(',')
      .filter((src) => VENDOR[src] || /^\/hostile\/[\w.-]+\.js$/.test(src));
    const html = (await readFile(join(here, 'page.html'), 'utf8')).replace(
      '<head>',
      `<head>${before.map((src) => `<script src="${src}"></script>`).join('')}`,
    );
    res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store', ...rx.pageHeaders });
    res.end(html);
  }

  async function collect(req, res) {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const text = Buffer.concat(chunks).toString('utf8');
    let batch;
    try {
      batch = JSON.parse(text);
    } catch {
      batch = undefined;
    }
    const displays = isDisplays(batch);
    const list = displays ? displayRequests : requests;
    const entry = {
      index: list.length,
      kind: displays ? 'displays' : 'responses',
      at: Date.now(),
      t: Date.now() - t0,
      headers: req.headers,
      contentType: req.headers['content-type'] ?? '',
      bytes: Buffer.byteLength(text),
      text,
      batch,
      ids: displays
        ? (Array.isArray(batch.displays) ? batch.displays : []).map((d) => `${d?.id}`)
        : (batch?.responses ?? []).map((r) => `${r?.id}#${r?.revision}`),
      status: 0,
      outcome: '',
    };
    list.push(entry);
    const action = (displays ? rx.displaysFault : rx.fault)?.(entry) ?? {};
    if (action.delay) await sleep(action.delay);
    if (action.hang) {
      entry.outcome = 'hung';
      notify();
      return;
    }
    if (action.destroy && !action.commit) {
      entry.outcome = 'destroyed';
      req.socket.destroy();
      notify();
      return;
    }
    // One media type, as a strict receiver wants it ("application/json, application/json" is not one).
    const okType = /^(application\/json|text\/plain)\s*(;[^,]*)?$/i.test(entry.contentType);
    entry.problem = okType
      ? (displays ? displayBatchProblem : batchProblem)(batch)
      : `content-type ${entry.contentType || 'missing'}`;
    const valid = !entry.problem;
    let status = action.status ?? (action.commit ? 500 : valid ? 200 : 400);
    if (action.commit || (valid && ((status >= 200 && status < 300) || status === 409)))
      (displays ? keepDisplays : keep)(batch);
    if (action.commit && action.destroy) {
      entry.outcome = 'kept, then cut';
      req.socket.destroy();
      notify();
      return;
    }
    entry.status = status;
    entry.outcome = action.commit ? `kept, then ${status}` : `${status}${entry.problem ? ` (${entry.problem})` : ''}`;
    cors(req, res);
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...action.headers });
    res.end(status < 300 ? '{"ok":true}' : '{"ok":false}');
    notify();
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (down) return req.socket.destroy();
    if (req.method === 'OPTIONS') {
      cors(req, res);
      res.setHeader('access-control-allow-methods', 'POST');
      res.setHeader(
        'access-control-allow-headers',
        rx.allowHeaders ?? req.headers['access-control-request-headers'] ?? 'content-type',
      );
      res.setHeader('access-control-max-age', '600');
      return res.writeHead(204).end();
    }
    if (req.method === 'POST' && url.pathname === '/collect') {
      collect(req, res).catch(() => req.socket.destroy());
      return;
    }
    if (req.method !== 'GET') return res.writeHead(405).end();
    if (url.pathname === '/' || url.pathname === '/page.html') return servePage(res, url);
    if (VENDOR[url.pathname]) return serveFile(res, join(root, VENDOR[url.pathname]));
    if (/^\/hostile\/[\w.-]+\.js$/.test(url.pathname)) return serveFile(res, join(here, url.pathname));
    if (url.pathname === '/blank.html')
      return res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html>');
    if (url.pathname.startsWith('/dist/')) {
      const file = normalize(join(root, url.pathname));
      if (file.startsWith(join(root, 'dist'))) return serveFile(res, file);
    }
    if (url.pathname === '/favicon.ico') return res.writeHead(204).end();
    res.writeHead(404).end();
  });
  server.keepAliveTimeout = 1000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise((resolve) => server.listen(0, host, resolve));
  rx.port = server.address().port;
  rx.origin = `http://${host}:${rx.port}`;
  rx.url = `${rx.origin}/collect`;

  /** Cuts every open connection and refuses new ones until up(). */
  rx.down = () => {
    down = true;
    sockets.forEach((s) => s.destroy());
  };
  rx.up = () => {
    down = false;
  };

  /** The ids (any revision) the receiver kept. */
  rx.uniqueIds = () => [...kept.keys()];

  /** The kept responses, the highest revision of each id. */
  rx.responses = () => [...keptResponses.values()];

  /** How many kept requests carried this id at this revision. */
  rx.timesKept = (id, revision) => keptTimes.get(`${id}#${revision}`) ?? 0;

  /** How many requests (any answer) carried this id, at any revision or at the one given. */
  rx.timesSent = (id, revision) =>
    requests.filter((r) =>
      r.batch?.responses?.some((x) => x.id === id && (revision === undefined || x.revision === revision)),
    ).length;

  /** Resolves once `check()` is true; rejects after `timeout` ms with the receiver log. */
  rx.waitFor = (check, timeout = 15_000, what = 'condition') =>
    new Promise((resolve, reject) => {
      const done = () => {
        if (!check()) return;
        clearTimeout(timer);
        waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(done);
        reject(new Error(`receiver: timed out after ${timeout} ms waiting for ${what}\n${rx.log()}`));
      }, timeout);
      waiters.add(done);
      done();
    });

  /** Waits until every id given (or `n` ids in all) was kept. */
  rx.waitForIds = (idsOrCount, timeout) =>
    typeof idsOrCount === 'number'
      ? rx.waitFor(() => kept.size >= idsOrCount, timeout, `${idsOrCount} unique ids`)
      : rx.waitFor(() => idsOrCount.every((id) => kept.has(id)), timeout, `ids ${brief(idsOrCount)}`);

  /** The displays kept, each once (as first kept). */
  rx.displays = () => [...keptDisplays.values()];

  /** How many kept requests carried this display. */
  rx.timesDisplayKept = (id) => displayTimes.get(id) ?? 0;

  /** Waits until `n` different displays (or those matching `filter`) were kept. */
  rx.waitForDisplays = (n, timeout, filter = () => true) =>
    rx.waitFor(() => rx.displays().filter(filter).length >= n, timeout, `${n} displays`);

  /** Waits until `n` requests arrived. */
  rx.waitForRequests = (n, timeout) => rx.waitFor(() => requests.length >= n, timeout, `${n} requests`);

  /**
   * Compares the ids the visitor chose with what was kept: `missing` (chosen, never kept, and not
   * listed in `deadLettered`), `unexpected` (kept, never chosen), `duplicates` (id#revision kept twice or more).
   */
  rx.exactlyOnceReport = (chosen, deadLettered = []) => {
    const chosenSet = new Set(chosen);
    const missing = chosen.filter((id) => !kept.has(id) && !deadLettered.includes(id));
    const unexpected = [...kept.keys()].filter((id) => !chosenSet.has(id));
    const duplicates = [...keptTimes].filter(([, n]) => n > 1).map(([key, n]) => `${key} x${n}`);
    return { ok: !missing.length && !unexpected.length, missing, unexpected, duplicates, unique: kept.size };
  };

  /** One line per request (displays marked), in arrival order, for failure messages. */
  rx.log = () =>
    [...requests, ...displayRequests]
      .sort((a, b) => a.at - b.at)
      .map(
        (r) =>
          `  ${r.kind === 'displays' ? 'displays ' : ''}#${r.index} +${r.t}ms ${r.contentType || '-'} ${r.bytes}B -> ${r.outcome || 'pending'} [${brief(r.ids)}]`,
      )
      .join('\n') || '  (no requests)';

  rx.close = () =>
    new Promise((resolve) => {
      waiters.clear();
      sockets.forEach((s) => s.destroy());
      server.close(() => resolve());
    });

  return rx;
}
