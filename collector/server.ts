/**
 * The collector's HTTP layer, on Fastify:
 *   POST /v1/responses                    ingest (CORS for allowed origins only; others get 403)
 *   GET  /v1/surveys                      the surveys with their counts            (admin token)
 *   GET  /v1/surveys/:id/report           the report; ?from=&to=&tz=&touchpoint=&bucket=&calendar=  (admin token)
 *   GET  /v1/surveys/:id/comments         the comments, paged; the same and ?q=&group=&score=&lang=&cursor=&limit=
 *   GET  /v1/surveys/:id/responses.csv    the raw responses as CSV, the same filters  (admin token)
 *   GET, POST /v1/origins                 the allowed origins; add one              (admin token)
 *   DELETE /v1/origins/:origin            remove a stored one                      (admin token)
 *   GET  /csat-survey.js, /csat-survey@<version>.js, its chunks, /csat-survey.bundle.js, /csat-survey.js.sri,
 *        /csat-survey.json                the element's scripts (see widget.ts)
 *   GET  /dashboard/…                     the dashboard
 *   GET, PUT, DELETE, POST /v1/alerts/…     alert rules, destinations, tests, deliveries (admin token; alert-routes.ts)
 *   GET  /health                          200 when the database answers
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { Readable, type Writable } from 'node:stream';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cors from '@fastify/cors';
import type { CollectorConfig } from './config.js';
import type { Db } from './db.js';
import { MAX_BODY_BYTES, ingest } from './ingest.js';
import { rateLimiter } from './rate-limit.js';
import { listSurveys, readFilter, readPage, responsesCsv, surveyComments, surveyReport } from './reports.js';
import type { Origins } from './origins.js';
import { WIDGET_FILES, type WidgetFileName, type WidgetScript } from './widget.js';
import type { AlertWorker } from './alert-worker.js';
import { registerAlertRoutes } from './alert-routes.js';
import { SURVEY_ID } from '../src/metadata.js';

const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};
const DASHBOARD_CSP =
  "default-src 'self'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
const REQUEST_ID = /^[\w.:-]{1,64}$/;

export interface CollectorOptions {
  config: CollectorConfig;
  db: Db;
  /** The admin token in force (set, made or stored: see admin-token.ts). */
  adminToken: string;
  origins: Origins;
  /** Folder of the dashboard's static files. */
  dashboardDir: string;
  /** The element's script, or why it is not available. */
  widget: { ok: true; widget: WidgetScript } | { ok: false; reason: string };
  /** Where the JSON logs go (default: standard output). */
  logStream?: Writable;
  /** This process's alert worker: woken when an answer raises an alert, and sends tests. */
  alerts?: AlertWorker | undefined;
}

const MEDIA_TYPES = new Set(['application/json', 'text/plain']);

/** Says "now" once a minute per key (at most 1000 keys remembered): for log lines a flood would repeat. */
function onceAMinute(now: () => number = Date.now) {
  const last = new Map<string, number>();
  return {
    due(key: string): boolean {
      const at = now();
      if ((last.get(key) ?? -Infinity) > at - 60_000) return false;
      if (last.size >= 1000) last.clear();
      last.set(key, at);
      return true;
    },
  };
}

export async function createCollectorApp(options: CollectorOptions): Promise<FastifyInstance> {
  const { config, db, origins, dashboardDir, widget } = options;
  const refusals = onceAMinute();
  const token = Buffer.from(options.adminToken);
  const ingestLimit = rateLimiter(db, 'ingest', config.rateLimit);
  const authLimit = rateLimiter(db, 'admin-auth', config.authFailureLimit);

  // A hop count means: the nearest `hops` proxies are trusted (the address `hops` entries back in X-Forwarded-For).
  const { trustProxy } = config;
  const trust = typeof trustProxy === 'number' ? (_address: string, hop: number) => hop < trustProxy : trustProxy;

  const app = Fastify<Server>({
    logger: {
      level: config.logLevel,
      ...(options.logStream && { stream: options.logStream }),
      redact: ['req.headers.authorization'],
    },
    // One access line per request, written by the onResponse hook below (Fastify's own are two).
    logController: new LogController({ disableRequestLogging: true }),
    // A request id from a proxy in front (X-Request-Id) is kept, so both logs name the same request.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: MAX_BODY_BYTES,
    trustProxy: trust,
    keepAliveTimeout: config.keepAliveTimeout,
    requestTimeout: config.requestTimeout,
    // Requests in flight finish on close; idle keep-alive connections are closed at once.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    serverFactory: (handler: (request: IncomingMessage, response: ServerResponse) => void) => {
      const server = createServer(
        {
          headersTimeout: config.headersTimeout,
          requestTimeout: config.requestTimeout,
          keepAliveTimeout: config.keepAliveTimeout,
          // How often slow clients are looked for (Node's default, 30 s, would let them stay twice as long).
          connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(config.headersTimeout / 2))),
        },
        handler,
      );
      server.maxConnections = config.maxConnections;
      return server;
    },
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        url: request.url.slice(0, 300),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        client: request.ip,
      },
      'request',
    );
  });

  app.setErrorHandler((error: Error & { code?: string; statusCode?: number }, request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) {
      return reply
        .code(413)
        .header('connection', 'close')
        .send({ error: `The body is over ${MAX_BODY_BYTES} bytes; send fewer responses per request.` });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send({ error: error.message });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: 'The collector failed to handle this request; nothing of it was stored.' });
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'Not found.' }));

  // ---- ingest -----------------------------------------------------------------------------------
  await app.register(
    async (scope) => {
      // The body is read as text (JSON or a text/plain beacon) and checked by ingest.ts.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

      // 1. A browser names its page's origin; one not on the list is refused, and nothing is stored:
      //    a text/plain beacon needs no preflight, so CORS alone would not stop it. The refusal is
      //    readable by the page (its preflight passes and the 403 carries CORS headers), so the widget
      //    can say why (csat-error origin-refused) instead of seeing a bare network error, and it is
      //    logged once a minute per origin with the fix.
      scope.addHook('onRequest', async (request, reply) => {
        const origin = request.headers.origin;
        if (origin === undefined || (request.method !== 'POST' && request.method !== 'OPTIONS')) return;
        if (await origins.allows(origin)) return;
        const shown = origin.slice(0, 200);
        reply.header('access-control-allow-origin', origin).header('vary', 'origin');
        if (request.method === 'OPTIONS') {
          const asked = request.headers['access-control-request-headers'];
          return reply
            .code(204)
            .header('access-control-allow-methods', 'POST')
            .header('access-control-allow-headers', typeof asked === 'string' ? asked.slice(0, 500) : 'content-type')
            .header('access-control-max-age', '60')
            .send();
        }
        if (refusals.due(shown)) {
          request.log.warn(
            { origin: shown },
            `refused answers from ${shown}: it is not an allowed origin. Add it to CSAT_ALLOWED_ORIGINS, or under Add to your site in the dashboard.`,
          );
        }
        return reply.code(403).send({
          error: `The origin ${shown} may not send answers here: add it to CSAT_ALLOWED_ORIGINS, or under Add to your site in the collector's dashboard.`,
          code: 'origin-refused',
          origin: shown,
        });
      });
      // 2. CORS for the allowed ones (the preflight too).
      await scope.register(cors, {
        origin: (origin, callback) => {
          if (!origin) return callback(null, false);
          origins.allows(origin).then(
            (allowed) => callback(null, allowed),
            (error: Error) => callback(error, false),
          );
        },
        methods: ['POST'],
        allowedHeaders: ['content-type'],
        exposedHeaders: ['retry-after'],
        maxAge: 600,
      });
      // 3. The rate limit, then the media type; both before the body is read.
      scope.addHook('onRequest', async (request, reply) => {
        if (request.method !== 'POST') return;
        const turn = await ingestLimit.take(request.ip);
        if (!turn.ok) {
          return reply
            .code(429)
            .header('retry-after', String(turn.retryAfter))
            .send({ error: `Too many requests from this address; try again in ${turn.retryAfter} s.` });
        }
        const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (!MEDIA_TYPES.has(type)) {
          return reply.code(415).send({ error: 'Send application/json (or text/plain, as beacons do).' });
        }
      });

      scope.post('/', async (request, reply) => {
        const body = typeof request.body === 'string' ? request.body : '';
        const result = await ingest(db, body);
        if (result.alerts) options.alerts?.wake();
        return reply.code(result.status).send(result.body);
      });
      scope.route({
        method: ['GET', 'HEAD', 'PUT', 'DELETE', 'PATCH'],
        url: '/',
        handler: (_request, reply) => reply.code(405).header('allow', 'POST, OPTIONS').send({ error: 'Use POST.' }),
      });
    },
    { prefix: '/v1/responses' },
  );

  // ---- admin API --------------------------------------------------------------------------------
  const isAdmin = (header: string | undefined) => {
    const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
    return given.length === token.length && timingSafeEqual(given, token);
  };
  const tooManyFailures = (reply: FastifyReply, retryAfter: number) =>
    reply
      .code(429)
      .header('retry-after', String(retryAfter))
      .send({
        error: `Too many failed sign-ins from this address; try again in ${retryAfter} s with the right admin token.`,
      });

  await app.register(async (scope) => {
    // Failed sign-ins are counted per client; past the limit, every request of that client is
    // refused until the minute is over, the right token included (so guessing learns nothing).
    scope.addHook('onRequest', async (request, reply) => {
      const client = request.ip;
      const blocked = await authLimit.blocked(client);
      if (!blocked.ok) return tooManyFailures(reply, blocked.retryAfter);
      if (isAdmin(request.headers.authorization)) return;
      const turn = await authLimit.take(client);
      if (!turn.ok) return tooManyFailures(reply, turn.retryAfter);
      return reply.code(401).header('www-authenticate', 'Bearer').send({
        error:
          'Send Authorization: Bearer <admin token>: CSAT_ADMIN_TOKEN, or the token the collector printed when it made one.',
      });
    });

    const useGet = (_request: FastifyRequest, reply: FastifyReply) =>
      reply.code(405).header('allow', 'GET').send({ error: 'Use GET.' });
    for (const url of [
      '/v1/surveys',
      '/v1/surveys/:surveyId/report',
      '/v1/surveys/:surveyId/comments',
      '/v1/surveys/:surveyId/responses.csv',
    ])
      scope.route({ method: ['POST', 'PUT', 'DELETE', 'PATCH'], url, handler: useGet });

    scope.get('/v1/surveys', async () => ({ surveys: await listSurveys(db) }));

    /** The survey id and filters of a report request, or the reply that refused them. */
    const reportRequest = (request: FastifyRequest, reply: FastifyReply) => {
      const { surveyId } = request.params as { surveyId: string };
      if (!SURVEY_ID.test(surveyId)) {
        reply.code(400).send({ error: 'survey id: expected 1–64 characters of a–z, 0–9, "-" and "_".' });
        return undefined;
      }
      const params = new URLSearchParams(request.url.split('?')[1] ?? '');
      const filter = readFilter(params);
      if (!filter.ok) {
        reply.code(400).send({ error: filter.error });
        return undefined;
      }
      return { surveyId, filter: filter.value, params };
    };
    /** A time zone this runtime knows but the database does not: the request's fault, said so. */
    const unknownZone = (error: unknown, reply: FastifyReply, tz: string) => {
      if ((error as { code?: string }).code !== '22023' || !/time zone/i.test(String((error as Error).message)))
        throw error;
      return reply.code(400).send({ error: `tz = "${tz}": the database does not know this time zone.` });
    };
    const notFound = (reply: FastifyReply, surveyId: string) =>
      reply.code(404).send({ error: `No answers for survey ${surveyId}.` });

    scope.get('/v1/surveys/:surveyId/report', async (request, reply) => {
      const wanted = reportRequest(request, reply);
      if (!wanted) return reply;
      const { surveyId, filter } = wanted;
      try {
        return (await surveyReport(db, surveyId, filter)) ?? notFound(reply, surveyId);
      } catch (error) {
        return unknownZone(error, reply, filter.tz);
      }
    });

    scope.get('/v1/surveys/:surveyId/comments', async (request, reply) => {
      const wanted = reportRequest(request, reply);
      if (!wanted) return reply;
      const page = readPage(wanted.params);
      if (!page.ok) return reply.code(400).send({ error: page.error });
      try {
        return (
          (await surveyComments(db, wanted.surveyId, wanted.filter, page.value)) ?? notFound(reply, wanted.surveyId)
        );
      } catch (error) {
        return unknownZone(error, reply, wanted.filter.tz);
      }
    });

    scope.get('/v1/surveys/:surveyId/responses.csv', async (request, reply) => {
      const wanted = reportRequest(request, reply);
      if (!wanted) return reply;
      // Streamed: rows are read from the database as the client takes them (see reports.ts).
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${wanted.surveyId}-responses.csv"`)
        .send(Readable.from(responsesCsv(db, wanted.surveyId, wanted.filter), { objectMode: false }));
    });

    // The allowed origins: those of CSAT_ALLOWED_ORIGINS and those stored in the database.
    scope.get('/v1/origins', async () => ({ origins: await origins.list() }));
    scope.post('/v1/origins', async (request, reply) => {
      const body = (request.body ?? {}) as { origin?: unknown; note?: unknown };
      const result = await origins.add(body.origin, body.note);
      if (!result.ok) return reply.code(400).send({ error: result.error });
      return reply.code(result.added ? 201 : 200).send({ origin: body.origin, added: result.added });
    });
    scope.delete('/v1/origins/:origin', async (request, reply) => {
      const { origin } = request.params as { origin: string };
      const result = await origins.remove(origin);
      if (result === 'environment')
        return reply.code(409).send({ error: `${origin} comes from CSAT_ALLOWED_ORIGINS; remove it there.` });
      if (result === 'unknown') return reply.code(404).send({ error: `${origin} is not a stored allowed origin.` });
      return reply.code(204).send();
    });

    registerAlertRoutes(scope, { db, config: config.alerts, worker: options.alerts });
  });

  // ---- the element's scripts ---------------------------------------------------------------------
  const missing = (reply: FastifyReply) =>
    reply.code(404).send({ error: `The element's script is not available: ${widget.ok ? '' : widget.reason}.` });
  const script = (reply: FastifyReply, request: FastifyRequest, name: WidgetFileName, cacheControl: string) => {
    if (!widget.ok) return missing(reply);
    const file = widget.widget.files[name];
    reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', cacheControl)
      .header('etag', file.etag)
      // Pages of any origin load them, with an integrity check (which needs CORS).
      .header('access-control-allow-origin', '*')
      .header('cross-origin-resource-policy', 'cross-origin');
    if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
    return reply.send(file.body);
  };
  const SHORT = 'public, max-age=300, must-revalidate';
  for (const name of WIDGET_FILES) app.get(`/${name}`, (request, reply) => script(reply, request, name, SHORT));
  app.get('/csat-survey@:version(^[0-9A-Za-z.+-]{1,64}).js', (request, reply) => {
    const { version } = request.params as { version: string };
    if (widget.ok && version !== widget.widget.version)
      return reply.code(404).send({
        error: `This collector serves version ${widget.widget.version} of the script, not ${version}: use /csat-survey@${widget.widget.version}.js.`,
      });
    return script(reply, request, 'csat-survey.js', 'public, max-age=31536000, immutable');
  });
  app.get('/csat-survey.js.sri', (_request, reply) => {
    if (!widget.ok) return missing(reply);
    return reply
      .header('content-type', 'text/plain; charset=utf-8')
      .header('cache-control', SHORT)
      .header('access-control-allow-origin', '*')
      .send(widget.widget.files['csat-survey.js'].integrity);
  });
  app.get('/csat-survey.json', (_request, reply) => {
    if (!widget.ok) return missing(reply);
    const { version, files } = widget.widget;
    return reply
      .header('cache-control', SHORT)
      .header('access-control-allow-origin', '*')
      .send({
        version,
        script: `/csat-survey@${version}.js`,
        latest: '/csat-survey.js',
        integrity: files['csat-survey.js'].integrity,
        bundle: { script: '/csat-survey.bundle.js', integrity: files['csat-survey.bundle.js'].integrity },
      });
  });

  // ---- the dashboard, health ----------------------------------------------------------------------
  const dashboard = async (reply: FastifyReply, relative: string) => {
    const file = normalize(join(dashboardDir, relative || 'index.html'));
    const type = STATIC_TYPES[extname(file)];
    if (!file.startsWith(dashboardDir + sep) || !type) return reply.code(404).send({ error: 'Not found.' });
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return reply.code(404).send({ error: 'Not found.' });
    }
    return reply
      .header('content-type', type)
      .header('cache-control', 'no-cache')
      .header('content-security-policy', DASHBOARD_CSP)
      .send(body);
  };
  app.get('/dashboard', (_request, reply) => dashboard(reply, 'index.html'));
  app.get('/dashboard/*', (request, reply) => dashboard(reply, (request.params as { '*': string })['*']));
  app.get('/health', async () => {
    await db.query('SELECT 1');
    return { ok: true, database: db.kind };
  });
  app.get('/', (_request, reply) => reply.code(302).header('location', '/dashboard/').send(''));

  return app;
}
