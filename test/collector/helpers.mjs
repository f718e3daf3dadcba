// Shared by the collector suite: the database back ends every test file runs against, a collector
// started on port 0, a small HTTP client (node:http, so Origin and other headers go out as written)
// and valid wire-format responses to build on.
//
// Back ends: the embedded database (PGlite in a fresh temporary CSAT_DATA_DIR) always; a PostgreSQL
// server when CSAT_TEST_DATABASE_URL is set (each test file gets its own fresh database, dropped
// afterwards). Without it, the PostgreSQL variants are still listed, each counted as skipped with the
// reason, never left out. CI sets CSAT_TEST_POSTGRES_UNAVAILABLE (the reason) when it could not
// provide PostgreSQL: the PostgreSQL variants then fail with that reason.
import * as nodeTest from 'node:test';
import { request as httpRequest } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export const DIST = new URL('../../collector/dist/collector/', import.meta.url);
export const { startCollector, startServer } = await import(new URL('main.js', DIST).href);
export const { readConfig, ConfigError } = await import(new URL('config.js', DIST).href);
export const { migrate, openDatabase } = await import(new URL('db.js', DIST).href);
export const { MIGRATIONS } = await import(new URL('migrations.js', DIST).href);

export const ADMIN_TOKEN = 'test-admin-token-0123456789-abcdefghij';
export const ALLOWED_ORIGIN = 'https://shop.example';
export const OTHER_ALLOWED_ORIGIN = 'http://localhost:5173';

async function embeddedStore() {
  const dir = await mkdtemp(join(tmpdir(), 'csat-collector-test-'));
  return {
    env: { CSAT_DATA_DIR: dir },
    dataDir: dir,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

async function postgresStore() {
  const reason = process.env.CSAT_TEST_POSTGRES_UNAVAILABLE;
  if (reason) throw new Error(`PostgreSQL is not available for the PostgreSQL variant of this test: ${reason}`);
  const adminUrl = process.env.CSAT_TEST_DATABASE_URL;
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`CSAT_TEST_DATABASE_URL does not answer (${error.message}).`, { cause: error });
  }
  const name = `csat_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  // A data folder all the same, so a test that sets one never touches the working directory.
  const dir = await mkdtemp(join(tmpdir(), 'csat-collector-test-'));
  return {
    env: { DATABASE_URL: url.href, CSAT_DATA_DIR: dir },
    databaseName: name,
    cleanup: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const NO_POSTGRES =
  'no PostgreSQL server for the tests: set CSAT_TEST_DATABASE_URL=postgres://user@host:port/db to run them';

/**
 * `it` and the hooks for a back end's tests: node's own, or, for a back end that cannot run here,
 * an `it` that lists each test as skipped with the reason and hooks that do nothing.
 */
function testFunctions(skip) {
  if (!skip) return nodeTest;
  const noop = () => undefined;
  return {
    ...nodeTest,
    it: (name, ...rest) => {
      const fn = rest.pop();
      return nodeTest.it(name, { ...rest[0], skip }, fn);
    },
    before: noop,
    after: noop,
    beforeEach: noop,
    afterEach: noop,
  };
}

/**
 * The back ends to run every test file against, each with `test`: the `it`, `before`, `after`,
 * `beforeEach` and `afterEach` its tests use (see testFunctions).
 */
export function backends() {
  const postgres = !!(process.env.CSAT_TEST_DATABASE_URL || process.env.CSAT_TEST_POSTGRES_UNAVAILABLE);
  return [
    { name: 'embedded database (PGlite)', kind: 'embedded', createStore: embeddedStore, test: testFunctions() },
    {
      name: 'PostgreSQL server',
      kind: 'postgresql',
      createStore: postgresStore,
      test: testFunctions(postgres ? undefined : NO_POSTGRES),
    },
  ];
}

/** The environment of a test collector: port 0, a known token, one allowed origin, no rate limit to speak of. */
export function testEnv(store, overrides = {}) {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    CSAT_ADMIN_TOKEN: ADMIN_TOKEN,
    CSAT_ALLOWED_ORIGINS: `${ALLOWED_ORIGIN},${OTHER_ALLOWED_ORIGIN}`,
    CSAT_RATE_LIMIT: '1000000',
    CSAT_AUTH_FAILURE_LIMIT: '1000000',
    // Logs go nowhere unless asked for (CSAT_TEST_LOG_LEVEL=info shows them).
    CSAT_LOG_LEVEL: process.env.CSAT_TEST_LOG_LEVEL || 'silent',
    ...store.env,
    ...overrides,
  };
}

export const startTestCollector = (store, overrides, options) =>
  startCollector(readConfig(testEnv(store, overrides)), options);

/** A second server on the same database with a changed configuration (e.g. a low rate limit). */
export function startExtraServer(collector, configChanges, options) {
  return startServer(
    {
      config: { ...collector.config, port: 0, ...configChanges },
      db: collector.db,
      adminToken: collector.adminToken,
      origins: collector.origins,
    },
    options,
  );
}

/**
 * One HTTP request. `body` may be a string, a Buffer or an object (sent as JSON); `chunked` leaves
 * out Content-Length. Resolves with { status, headers, text, json }.
 */
export function request(base, path, { method = 'GET', headers = {}, body, chunked = false } = {}) {
  const payload =
    body === undefined
      ? undefined
      : Buffer.isBuffer(body)
        ? body
        : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      new URL(path, base),
      {
        method,
        agent: false,
        headers: {
          ...(payload && !chunked && { 'content-length': String(payload.length) }),
          ...headers,
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode, headers: res.headers, text, json });
        });
        res.on('error', reject);
      },
    );
    // The server may answer (413) and close before it read all of a large body.
    req.on('error', (error) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    if (payload) req.write(payload);
    req.end();
  });
}

/** POST /v1/responses with a wire-format batch (an array of responses) or a raw body. */
export function post(base, body, { contentType = 'application/json', origin, headers = {}, chunked } = {}) {
  // contentType null: no Content-Type header at all.
  const isBatch = Array.isArray(body);
  return request(base, '/v1/responses', {
    method: 'POST',
    chunked,
    headers: {
      ...(contentType !== null && { 'content-type': contentType }),
      ...(origin !== undefined && { origin }),
      ...headers,
    },
    body: isBatch ? batch(body) : body,
  });
}

/** GET with the admin token (or the given Authorization header, or none with `auth: null`). */
export function admin(base, path, auth = `Bearer ${ADMIN_TOKEN}`) {
  return request(base, path, { headers: auth === null ? {} : { authorization: auth } });
}

export const batch = (responses, sentAt = '2024-03-04T12:00:00.000Z') => ({ v: 1, sentAt, responses });

/** A UUID made from a number, so tests can name their responses. */
export const uuid = (n) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

const SCALE = { nps: { min: 0, max: 10 }, csat: { min: 1, max: 5 }, ces: { min: 1, max: 7 } };

/** A valid response; `overrides` replace fields (`scale` follows `type` unless given). */
export function response(n, overrides = {}) {
  const type = overrides.type ?? 'nps';
  return {
    id: uuid(n),
    revision: 1,
    complete: true,
    surveyId: 'survey-a',
    type,
    score: SCALE[type].max,
    scale: SCALE[type],
    locale: 'en',
    page: { url: 'https://shop.example/checkout' },
    answeredAt: '2024-03-01T10:00:00.000Z',
    ...overrides,
  };
}

/** Every stored row, by id. */
export const rows = (db) => db.query('SELECT * FROM responses ORDER BY id');

export async function countRows(db) {
  const [row] = await db.query('SELECT count(*) AS n FROM responses');
  return Number(row.n);
}

/** A fingerprint of the whole table of responses, and of the displays: any insert or update changes it. */
export async function snapshot(db) {
  const [row] = await db.query(
    `SELECT count(*) AS n,
            coalesce(md5(string_agg(id::text || ':' || revision || ':' || received_at::text, ',' ORDER BY id)), '') AS h
       FROM responses`,
  );
  const [shown] = await db.query(
    `SELECT count(*) AS n, coalesce(md5(string_agg(id::text || ':' || received_at::text, ',' ORDER BY id)), '') AS h
       FROM displays`,
  );
  return `${Number(row.n)}/${row.h}` + (Number(shown.n) ? ` displays ${Number(shown.n)}/${shown.h}` : '');
}

export const clearResponses = (db) => db.query('DELETE FROM responses');

/** A valid display; `overrides` replace fields. */
export function display(n, overrides = {}) {
  return {
    id: uuid(n),
    surveyId: 'survey-a',
    type: 'nps',
    shownAt: '2024-03-01T09:59:00.000Z',
    locale: 'en',
    page: { url: 'https://shop.example/checkout' },
    ...overrides,
  };
}

/** An envelope with displays, and responses when given. */
export const envelope = ({ responses, displays }, sentAt = '2024-03-04T12:00:00.000Z') => ({
  v: 1,
  sentAt,
  ...(responses && { responses }),
  ...(displays && { displays }),
});

/** Every stored display, by id. */
export const displayRows = (db) => db.query('SELECT * FROM displays ORDER BY id');

export const clearDisplays = (db) => db.query('DELETE FROM displays');
