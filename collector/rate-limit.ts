/**
 * Rate limits, by client address (the socket's, or the one X-Forwarded-For gives through trusted
 * proxies: CSAT_TRUST_PROXY). On PostgreSQL the counters live in the database (rate-limiter-flexible's
 * PostgreSQL store, table csat_rate_limits), so every collector on it counts together; should the
 * database not answer, each process counts on its own meanwhile. On the embedded database (one
 * process) they live in memory.
 */
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Db } from './db.js';

export type Turn = { ok: true } | { ok: false; retryAfter: number };

export interface Limiter {
  /** Counts one request of `client`; past the limit, how many seconds until it may try again. */
  take(client: string): Promise<Turn>;
  /** Whether `client` is over the limit now, without counting. */
  blocked(client: string): Promise<Turn>;
}

const retryAfter = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

/** `points` per minute per client, named `name` (a key prefix: limits with other names count apart). */
export function rateLimiter(db: Db, name: string, points: number): Limiter {
  const options = { keyPrefix: name, points, duration: 60 };
  const limiter = db.pool
    ? new RateLimiterPostgres({
        ...options,
        storeClient: db.pool,
        storeType: 'pool',
        tableName: 'csat_rate_limits',
        tableCreated: true,
        insuranceLimiter: new RateLimiterMemory(options),
      })
    : new RateLimiterMemory(options);
  return {
    async take(client) {
      try {
        await limiter.consume(client);
        return { ok: true };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return { ok: false, retryAfter: retryAfter(rejection) };
        throw rejection;
      }
    },
    async blocked(client) {
      const res = await limiter.get(client);
      return res && res.consumedPoints > points ? { ok: false, retryAfter: retryAfter(res) } : { ok: true };
    },
  };
}
