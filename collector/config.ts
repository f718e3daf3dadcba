/**
 * The collector's configuration, from environment variables (each documented in the README with
 * its default). A bad value stops the start with a message naming the variable, the value and
 * what is allowed.
 */
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { ConfigError } from './config-error.js';
import { readAlertConfig, type AlertConfig } from './alert-config.js';

/** Who may set X-Forwarded-For: nobody (false), the nearest N proxies, or these addresses and ranges. */
export type TrustProxy = false | number | string[];

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface CollectorConfig {
  port: number;
  host: string;
  /** A PostgreSQL connection string; unset: the embedded database in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /**
   * The token the operator set (CSAT_ADMIN_TOKEN), never printed. Unset: one is made once, stored
   * in the database and shared by every collector on it (see admin-token.ts).
   */
  adminToken?: string;
  /** Origins allowed to send answers from a browser (exact `scheme://host:port`), besides those stored in the database. */
  allowedOrigins: string[];
  /** Requests per minute per client before 429. */
  rateLimit: number;
  /** Failed admin authentications per minute per client before 429. */
  authFailureLimit: number;
  trustProxy: TrustProxy;
  /** Open connections at most; more are closed at once. */
  maxConnections: number;
  /** Milliseconds a client has to send its request headers, and its whole request. */
  headersTimeout: number;
  requestTimeout: number;
  /** Milliseconds an idle keep-alive connection stays open. */
  keepAliveTimeout: number;
  /** Milliseconds a stop waits for requests in flight before it cuts them. */
  shutdownTimeout: number;
  logLevel: LogLevel;
  /** Alert rules, destinations and delivery (alert-config.ts). */
  alerts: AlertConfig;
}

export { ConfigError };

/** The shortest admin token accepted: a token is a password anyone on the internet may guess at. */
export const MIN_TOKEN_LENGTH = 32;

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} = "${raw}": expected a whole number from ${min} to ${max}.`);
  }
  return value;
}

function origins(raw: string | undefined, fallback: string[]): string[] {
  if (raw === undefined || raw.trim() === '') return fallback;
  return raw.split(',').map((item) => {
    const origin = item.trim();
    const problem = originProblem(origin);
    if (problem) {
      throw new ConfigError(
        `CSAT_ALLOWED_ORIGINS has "${origin}": expected origins such as https://shop.example.com or http://localhost:5173, separated by commas (no path, no trailing slash).`,
      );
    }
    return origin;
  });
}

/** Why a text is not an origin (`scheme://host[:port]`), or undefined when it is one. */
export function originProblem(origin: string): string | undefined {
  let parsed: URL | undefined;
  try {
    parsed = new URL(origin);
  } catch {
    parsed = undefined;
  }
  if (!parsed || parsed.origin !== origin || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
    return 'expected an origin such as https://shop.example.com (http or https, no path, no trailing slash)';
  }
  return undefined;
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** One entry of CSAT_TRUST_PROXY: an address, an address/prefix or a named range. */
function proxyEntryOk(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  if (rest.length || !address) return false;
  const family = isIP(address);
  if (!family) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

function trustProxy(raw: string | undefined): TrustProxy {
  const text = raw?.trim() ?? '';
  if (text === '' || text === 'false' || text === '0') return false;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 0 && hops <= 10) return hops;
  } else {
    const entries = text.split(',').map((e) => e.trim());
    if (entries.every(proxyEntryOk)) return entries;
  }
  throw new ConfigError(
    `CSAT_TRUST_PROXY = "${text.slice(0, 200)}": expected the number of reverse proxies in front of the collector (1 to 10), or their addresses and ranges separated by commas (such as 127.0.0.1, 10.0.0.0/8, ::1 or loopback). "true" is not accepted: it would let any client choose its own address.`,
  );
}

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function logLevel(raw: string | undefined): LogLevel {
  if (raw === undefined || raw === '') return 'info';
  if ((LOG_LEVELS as string[]).includes(raw)) return raw as LogLevel;
  throw new ConfigError(`CSAT_LOG_LEVEL = "${raw.slice(0, 40)}": expected one of ${LOG_LEVELS.join(', ')}.`);
}

export function readConfig(
  env: NodeJS.ProcessEnv = process.env,
  defaults: { origins?: string[] } = {},
): CollectorConfig {
  const token = env.CSAT_ADMIN_TOKEN;
  if (token !== undefined && token !== '' && token.length < MIN_TOKEN_LENGTH) {
    throw new ConfigError(
      `CSAT_ADMIN_TOKEN is too short (${token.length} characters): use at least ${MIN_TOKEN_LENGTH}, such as the output of "openssl rand -base64 32", or leave it unset and the collector makes one.`,
    );
  }
  if (token !== undefined && /\s/.test(token)) {
    throw new ConfigError('CSAT_ADMIN_TOKEN contains a space or a line break: use letters, digits and symbols only.');
  }
  const config: CollectorConfig = {
    port: integer(env, 'PORT', 8787, 0, 65535),
    host: env.HOST || '127.0.0.1',
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    dataDir: resolve(env.CSAT_DATA_DIR || './.data'),
    ...(token ? { adminToken: token } : {}),
    allowedOrigins: origins(env.CSAT_ALLOWED_ORIGINS, defaults.origins ?? []),
    rateLimit: integer(env, 'CSAT_RATE_LIMIT', 120, 1, 1_000_000),
    authFailureLimit: integer(env, 'CSAT_AUTH_FAILURE_LIMIT', 10, 1, 1_000_000),
    trustProxy: trustProxy(env.CSAT_TRUST_PROXY),
    maxConnections: integer(env, 'CSAT_MAX_CONNECTIONS', 1000, 1, 1_000_000),
    headersTimeout: integer(env, 'CSAT_HEADERS_TIMEOUT_MS', 5000, 100, 600_000),
    requestTimeout: integer(env, 'CSAT_REQUEST_TIMEOUT_MS', 10_000, 100, 600_000),
    keepAliveTimeout: integer(env, 'CSAT_KEEP_ALIVE_TIMEOUT_MS', 5000, 100, 600_000),
    shutdownTimeout: integer(env, 'CSAT_SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    logLevel: logLevel(env.CSAT_LOG_LEVEL),
    alerts: readAlertConfig(env),
  };
  if (config.headersTimeout > config.requestTimeout) {
    throw new ConfigError(
      `CSAT_HEADERS_TIMEOUT_MS (${config.headersTimeout}) is longer than CSAT_REQUEST_TIMEOUT_MS (${config.requestTimeout}): the headers are part of the request, so make it at most as long.`,
    );
  }
  return config;
}
