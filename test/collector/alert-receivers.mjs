// Loopback receivers for the alert tests: a webhook receiver that verifies each signature (the
// README's recipe) and counts event ids, and an SMTP server (smtp-server) that records messages.
import { createServer } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { SMTPServer } from 'smtp-server';

export const SECRET = 'whsec_test-secret-0123456789abcdef';

/** Whether a Csat-Signature header signs this raw body with the secret, within `toleranceS` of now. */
export function verify(secret, header, rawBody, toleranceS = 300) {
  const parts = Object.fromEntries(
    String(header ?? '')
      .split(',')
      .map((kv) => kv.split('=')),
  );
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > toleranceS || !parts.v1) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * A webhook receiver on loopback. `respond(event, n)` (n: how many times this id arrived before)
 * returns { status, delayMs } (default 200 at once). Records every arrival; `ids` counts each
 * event id; `badSignatures` counts bodies whose signature did not verify.
 */
export async function startReceiver({ secret = SECRET, respond = () => ({}), port = 0, signed = true } = {}) {
  const state = {
    arrivals: [],
    ids: new Map(),
    events: [],
    badSignatures: 0,
    waiters: [],
  };
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const at = performance.now();
      let body;
      try {
        body = JSON.parse(raw);
      } catch {
        body = undefined;
      }
      if (signed && !verify(secret, req.headers['csat-signature'], raw)) state.badSignatures += 1;
      const id = body?.id ?? req.headers['csat-event-id'] ?? `slack-${state.arrivals.length}`;
      const seen = state.ids.get(id) ?? 0;
      const { status = 200, delayMs = 0, headers = {} } = respond(body, seen, req) ?? {};
      // A receiver acts on what it accepts at once (then answers): an event the sender gave up
      // waiting for may still have been taken, and comes again with the same id.
      state.arrivals.push({ id, status, at, headers: req.headers, body, raw });
      if (status < 300) {
        state.ids.set(id, seen + 1);
        if (!seen) state.events.push({ ...body, receivedAt: at });
      }
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      if (!res.destroyed)
        res.writeHead(status, { 'content-type': 'text/plain', ...headers }).end(status < 300 ? 'ok' : 'no');
      for (const w of [...state.waiters]) w();
    });
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/hook`;
  return {
    ...state,
    get arrivalsList() {
      return state.arrivals;
    },
    url,
    port: server.address().port,
    state,
    /** Event ids accepted more than once (each a redelivery a receiver drops by id). */
    repeats: () => [...state.ids.values()].filter((n) => n > 1).length,
    /** Resolves once `n` distinct events were accepted (or fails after `ms`). */
    async waitFor(n, ms = 20_000) {
      const deadline = Date.now() + ms;
      while (state.events.length < n) {
        if (Date.now() > deadline)
          throw new Error(`only ${state.events.length} of ${n} alerts arrived within ${ms} ms`);
        await new Promise((r) => {
          state.waiters.push(r);
          setTimeout(r, 50);
        });
        state.waiters.length = 0;
      }
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An SMTP server on loopback that takes any mail and records it: { envelope, raw }. */
export async function startSmtp() {
  const messages = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (c) => chunks.push(c));
      stream.on('end', () => {
        messages.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.server.address().port;
  return {
    messages,
    url: `smtp://127.0.0.1:${port}`,
    async waitFor(n, ms = 20_000) {
      const deadline = Date.now() + ms;
      while (messages.length < n) {
        if (Date.now() > deadline) throw new Error(`only ${messages.length} of ${n} e-mails arrived within ${ms} ms`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** The settings that make alerts fast to test: http to loopback, short timeouts and retries. */
export const FAST_ALERTS = {
  CSAT_ALERT_ALLOW_HTTP_LOOPBACK: 'true',
  CSAT_ALERT_TIMEOUT_MS: '1000',
  CSAT_ALERT_LEASE_MS: '3000',
  CSAT_ALERT_RETRY_BASE_MS: '50',
  CSAT_ALERT_RETRY_MAX_MS: '400',
  CSAT_ALERT_POLL_MS: '50',
};

/** Sends a JSON request with the admin token. */
export async function adminSend(base, path, method, body, token) {
  const response = await fetch(new URL(path, base), {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}
