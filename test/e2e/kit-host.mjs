// A loopback server for the SvelteKit example (its Node build, dist/examples/svelte/handler.js): every page is
// rendered on the server per request. POST /collect (and its preflight) is passed to the test's receiver, so the
// survey posts to its own origin as in the other example apps.
import { createServer, request } from 'node:http';

/** Starts the server; returns { origin, close }. `handler` is the SvelteKit handler, `rx` the receiver. */
export async function startKitHost({ handler, rx }) {
  const sockets = new Set();
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/collect') {
      const upstream = request(
        new URL(req.url, rx.origin),
        { method: req.method, headers: { ...req.headers, host: new URL(rx.origin).host } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
      return;
    }
    handler(req, res, () => res.writeHead(404).end());
  });
  server.keepAliveTimeout = 1000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    close: () =>
      new Promise((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}
