/**
 * The database: embedded PostgreSQL (PGlite) in a data folder by default, or a PostgreSQL server
 * through DATABASE_URL. Both speak the same SQL; the rest of the collector sees only `Db`.
 */
import { mkdir, access, constants } from 'node:fs/promises';
import type { Pool } from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { lockDataFolder } from './lock.js';
import { MIGRATIONS } from './migrations.js';

export interface Db {
  readonly kind: 'embedded' | 'postgresql';
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs `fn` in one transaction: all of it is stored, or none. */
  transaction<T>(fn: (q: Db['query']) => Promise<T>): Promise<T>;
  /**
   * PostgreSQL only: the rows of a query read through a cursor, `batch` at a time, as they are
   * consumed (back-pressure), on a connection of its own. The embedded database reads in pages.
   */
  stream?<T = Record<string, unknown>>(sql: string, params: unknown[], batch: number): AsyncIterable<T>;
  /** PostgreSQL only: the connection pool (shared with the rate limiter's store). */
  readonly pool?: Pool;
  close(): Promise<void>;
}

/** Where the database reports what happens to it (the collector's logger). */
export interface DbLog {
  error(message: string): void;
}

const consoleLog: DbLog = { error: (message) => console.error(message) };

async function embedded(dataDir: string): Promise<Db> {
  try {
    await mkdir(dataDir, { recursive: true });
    await access(dataDir, constants.W_OK);
  } catch (error) {
    throw new Error(
      `The data folder ${dataDir} cannot be written (${(error as Error).message}). Set CSAT_DATA_DIR to a writable folder, or DATABASE_URL to use a PostgreSQL server.`,
      { cause: error },
    );
  }
  // Before anything is read or written: a second process on this folder stops here.
  const unlock = await lockDataFolder(dataDir);
  let pg: PGlite;
  try {
    const { PGlite: Embedded } = await import('@electric-sql/pglite');
    pg = new Embedded(dataDir);
    await pg.waitReady;
  } catch (error) {
    unlock();
    throw error;
  }
  // PGlite runs one statement at a time; chaining keeps a transaction's statements together.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };
  const query = async <T>(sql: string, params: unknown[] = []) => (await pg.query<T>(sql, params)).rows;
  return {
    kind: 'embedded',
    query: (sql, params) => serial(() => query(sql, params)),
    transaction: (fn) =>
      serial(() => pg.transaction((tx) => fn(async (sql, params = []) => (await tx.query(sql, params)).rows as never))),
    close: () =>
      serial(async () => {
        try {
          await pg.close();
        } finally {
          unlock();
        }
      }),
  };
}

/** Host, port and database of a connection string, without the user or password. */
function describeUrl(url: string): string {
  try {
    const { hostname, port, pathname } = new URL(url);
    return `${hostname || 'localhost'}:${port || 5432}${pathname}`;
  } catch {
    return 'not a valid URL';
  }
}

async function server(url: string, log: DbLog): Promise<Db> {
  const { default: pg } = await import('pg');
  const { default: QueryStream } = await import('pg-query-stream');
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection the server drops (a restart, a failover, an administrator) is an 'error' on
  // the pool; unheard, it would end the process. The pool opens a new connection on the next query.
  pool.on('error', (error) => log.error(`a database connection was lost (${error.message})`));
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new Error(
      `The PostgreSQL server in DATABASE_URL (${describeUrl(url)}) cannot be used: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  const db: Db = {
    kind: 'postgresql',
    pool,
    query: async (sql, params) => (await pool.query(sql, params)).rows,
    async *stream<T>(sql: string, params: unknown[], batch: number): AsyncIterable<T> {
      const client = await pool.connect();
      let broken: Error | undefined;
      const rows = client.query(new QueryStream(sql, params, { batchSize: batch }));
      try {
        for await (const row of rows) yield row as T;
      } catch (error) {
        broken = error as Error;
        throw error;
      } finally {
        // A reader that stops early leaves the cursor open: that connection is closed, not reused.
        const finished = !broken && rows.readableEnded;
        if (!finished) rows.destroy();
        client.release(finished ? undefined : true);
      }
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(async (sql, params) => (await client.query(sql, params)).rows);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      // pool.end() resolves before its connections have closed; wait for each one to go.
      let open = pool.totalCount;
      const closed = new Promise<void>((resolve) => {
        if (open === 0) resolve();
        pool.on('remove', () => {
          if (--open <= 0) resolve();
        });
      });
      await pool.end();
      await closed;
    },
  };
  return db;
}

/** Applies the migrations not applied yet, in order, under an advisory lock. */
export async function migrate(db: Db): Promise<void> {
  await db.transaction(async (q) => {
    await q('SELECT pg_advisory_xact_lock(727272)');
    await q(
      'CREATE TABLE IF NOT EXISTS csat_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await q<{ version: number }>('SELECT version FROM csat_migrations')).map((r) => r.version));
    for (const [index, sql] of MIGRATIONS.entries()) {
      if (done.has(index + 1)) continue;
      for (const statement of sql
        .split(/;\s*(?=\n|$)/)
        .map((s) => s.trim())
        .filter(Boolean))
        await q(statement);
      await q('INSERT INTO csat_migrations (version) VALUES ($1)', [index + 1]);
    }
  });
}

export async function openDatabase(
  options: { databaseUrl?: string; dataDir: string },
  log: DbLog = consoleLog,
): Promise<Db> {
  const db = options.databaseUrl ? await server(options.databaseUrl, log) : await embedded(options.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return db;
}
