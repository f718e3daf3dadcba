/**
 * The collector's HTTP server:
 *   POST /v1/responses                    ingest (CORS for allowed origins only; others get 403)
 *   GET  /v1/surveys                      the surveys with their counts            (admin token)
 *   GET  /v1/surveys/:id/report           the report; ?from=&to=&touchpoint=       (admin token)
 *   GET  /v1/surveys/:id/responses.csv    the raw responses as CSV, same filters   (admin token)
 *   GET  /dashboard/…                     the dashboard
 *   GET  /health                          200 when the database answers
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import type { CollectorConfig } from './config.js';
import type { Db } from './db.js';
import { MAX_BODY_BYTES, ingest, type Reply } from './ingest.js';
import { rateLimiter } from './rate-limit.js';
import { listSurveys, readFilter, responsesCsv, surveyReport } from './reports.js';
import { SURVEY_ID } from '../src/metadata.js';

const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};
const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (declared > MAX_BODY_BYTES) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge());
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export interface CollectorOptions {
  config: CollectorConfig;
  db: Db;
  /** Folder of the dashboard's static files. */
  dashboardDir: string;
}

export function createCollectorServer({ config, db, dashboardDir }: CollectorOptions): Server {
  const allowed = new Set(config.allowedOrigins);
  const limit = rateLimiter(config.rateLimit);
  const token = Buffer.from(config.adminToken);

  const isAdmin = (req: IncomingMessage) => {
    const header = req.headers.authorization ?? '';
    const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
    return given.length === token.length && timingSafeEqual(given, token);
  };

  const cors = (origin: string | undefined): Record<string, string> =>
    origin && allowed.has(origin)
      ? {
          'access-control-allow-origin': origin,
          'access-control-expose-headers': 'retry-after',
          vary: 'origin',
        }
      : { vary: 'origin' };

  async function handleIngest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const origin = req.headers.origin;
    const headers = cors(origin);
    // A browser names its page's origin; one not on the list is refused (a text/plain beacon needs no preflight).
    if (origin !== undefined && !allowed.has(origin)) {
      req.resume();
      return send(
        res,
        403,
        { error: `The origin ${origin.slice(0, 200)} may not send answers here (CSAT_ALLOWED_ORIGINS).` },
        headers,
      );
    }
    const client = req.socket.remoteAddress ?? 'unknown';
    const turn = limit(client);
    if (!turn.ok) {
      req.resume();
      return send(
        res,
        429,
        { error: 'Too many requests; try again later.' },
        { ...headers, 'retry-after': String(turn.retryAfter) },
      );
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json' && type !== 'text/plain') {
      req.resume();
      return send(res, 415, { error: 'Send application/json (or text/plain, as beacons do).' }, headers);
    }
    let text: string;
    try {
      text = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLarge)
        return send(
          res,
          413,
          { error: `The body is over ${MAX_BODY_BYTES} bytes; send fewer responses per request.` },
          { ...headers, connection: 'close' },
        );
      throw error;
    }
    const reply: Reply = await ingest(db, text);
    send(res, reply.status, reply.body, headers);
  }

  function preflight(req: IncomingMessage, res: ServerResponse): void {
    const origin = req.headers.origin;
    if (!origin || !allowed.has(origin)) return send(res, 403, { error: 'This origin may not send answers here.' });
    res.writeHead(204, {
      ...SECURITY_HEADERS,
      'access-control-allow-origin': origin,
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': '600',
      vary: 'origin',
    });
    res.end();
  }

  async function handleAdmin(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (!isAdmin(req))
      return send(
        res,
        401,
        { error: 'Send Authorization: Bearer <CSAT_ADMIN_TOKEN>.' },
        { 'www-authenticate': 'Bearer' },
      );
    if (url.pathname === '/v1/surveys') return send(res, 200, { surveys: await listSurveys(db) });
    const match = /^\/v1\/surveys\/([^/]+)\/(report|responses\.csv)$/.exec(url.pathname);
    if (!match) return send(res, 404, { error: 'Not found.' });
    let surveyId = '';
    try {
      surveyId = decodeURIComponent(match[1]!);
    } catch {
      // Malformed percent-encoding: not a survey id.
    }
    if (!SURVEY_ID.test(surveyId))
      return send(res, 400, { error: 'survey id: expected 1–64 characters of a–z, 0–9, "-" and "_".' });
    const filter = readFilter(url.searchParams);
    if (!filter.ok) return send(res, 400, { error: filter.error });
    if (match[2] === 'responses.csv') {
      const csv = await responsesCsv(db, surveyId, filter.filter);
      return send(res, 200, csv, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${surveyId}-responses.csv"`,
      });
    }
    const report = await surveyReport(db, surveyId, filter.filter);
    if (!report)
      return send(res, 404, {
        error: `No answers for survey ${surveyId}${filter.filter.from || filter.filter.to || filter.filter.touchpoint ? ' with these filters' : ''}.`,
      });
    send(res, 200, report);
  }

  async function handleStatic(res: ServerResponse, path: string): Promise<void> {
    const relative = path === '/dashboard/' || path === '/dashboard' ? 'index.html' : path.slice('/dashboard/'.length);
    const file = normalize(join(dashboardDir, relative));
    if (!file.startsWith(dashboardDir + sep) || !STATIC_TYPES[extname(file)])
      return send(res, 404, { error: 'Not found.' });
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': STATIC_TYPES[extname(file)]!,
        'cache-control': 'no-cache',
        'content-security-policy':
          "default-src 'self'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
      });
      res.end(body);
    } catch {
      send(res, 404, { error: 'Not found.' });
    }
  }

  return createServer((req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://collector.invalid');
    } catch {
      return send(res, 400, { error: 'Bad URL.' });
    }
    const route = async () => {
      if (url.pathname === '/v1/responses') {
        if (req.method === 'OPTIONS') return preflight(req, res);
        if (req.method === 'POST') return handleIngest(req, res);
        return send(res, 405, { error: 'Use POST.' }, { allow: 'POST, OPTIONS' });
      }
      if (url.pathname.startsWith('/v1/surveys')) {
        if (req.method !== 'GET') return send(res, 405, { error: 'Use GET.' }, { allow: 'GET' });
        return handleAdmin(req, res, url);
      }
      if (url.pathname === '/health') {
        await db.query('SELECT 1');
        return send(res, 200, { ok: true, database: db.kind });
      }
      if (url.pathname === '/') return send(res, 302, '', { location: '/dashboard/' });
      if (url.pathname === '/dashboard' || url.pathname.startsWith('/dashboard/'))
        return handleStatic(res, url.pathname);
      send(res, 404, { error: 'Not found.' });
    };
    route().catch((error: unknown) => {
      console.error('collector: request failed', error);
      send(res, 500, { error: 'The collector failed to handle this request; nothing of it was stored.' });
    });
  });
}
