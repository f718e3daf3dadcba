// A loopback server for the page-cost benchmark: the pages of pages.mjs, dist/ as built, the floors' scripts,
// and an endpoint that keeps the ids it is sent (or refuses everything, to leave answers waiting).
// Every file is sent with `cache-control: no-store`, and each measured page opens in a fresh browser context,
// so every load is a cold one, the widget's and the floors' alike.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { batchProblem } from '../../test/e2e/wire.mjs';
import { pageHtml } from './pages.mjs';

const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.html': 'text/html; charset=utf-8' };

/** Starts the server: `dist` and `floors` are folders; `reservation` is the CSS of `reserve=1`. */
export async function startPageServer({ dist, floors, reservation }) {
  const server = {
    origin: '',
    /** 'accept' (200, ids kept) or 'refuse' (503, nothing kept). */
    collect: 'accept',
    /** Response ids kept. */
    ids: new Set(),
    /** Bodies that were not wire format v1 (none expected). */
    problems: [],
    /** The file on disk a URL path is served from, or undefined. */
    fileFor(pathname) {
      for (const [prefix, dir] of [
        ['/dist/', dist],
        ['/floors/', floors],
      ]) {
        if (!pathname.startsWith(prefix)) continue;
        const file = normalize(join(dir, pathname.slice(prefix.length)));
        if (file.startsWith(dir + sep)) return file;
      }
      return undefined;
    },
  };

  async function collect(req, res) {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    if (server.collect === 'refuse') return res.writeHead(503, { 'content-type': 'application/json' }).end('{}');
    let batch;
    try {
      batch = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      batch = undefined;
    }
    const problem = batchProblem(batch);
    if (problem) {
      server.problems.push(problem);
      return res.writeHead(400, { 'content-type': 'application/json' }).end('{"ok":false}');
    }
    for (const r of batch.responses) server.ids.add(r.id);
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end('{"ok":true}');
  }

  const http = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (req.method === 'POST' && url.pathname === '/collect') {
      collect(req, res).catch(() => req.socket.destroy());
      return;
    }
    if (req.method !== 'GET') return res.writeHead(405).end();
    if (url.pathname === '/page.html') {
      let html;
      try {
        html = pageHtml(url.searchParams, reservation);
      } catch (error) {
        return res.writeHead(400, { 'content-type': 'text/plain' }).end(String(error));
      }
      return res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' }).end(html);
    }
    if (url.pathname === '/blank.html') {
      return res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' }).end('<!doctype html>');
    }
    const file = server.fileFor(url.pathname);
    if (!file) return res.writeHead(404).end();
    readFile(file).then(
      (body) =>
        res
          .writeHead(200, {
            'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
            'cache-control': 'no-store',
          })
          .end(body),
      () => res.writeHead(404).end(),
    );
  });
  http.keepAliveTimeout = 1000;
  const sockets = new Set();
  http.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  server.origin = `http://127.0.0.1:${http.address().port}`;
  server.close = () =>
    new Promise((resolve) => {
      sockets.forEach((s) => s.destroy());
      http.close(() => resolve());
    });
  return server;
}
