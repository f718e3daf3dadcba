/**
 * The collector's configuration, from environment variables (each documented in the README with
 * its default). A bad value stops the start with a message naming the variable, the value and
 * what is allowed.
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';

export interface CollectorConfig {
  port: number;
  host: string;
  /** A PostgreSQL connection string; unset: the embedded database in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  adminToken: string;
  /** True when the token was made up for this run (it is printed). */
  adminTokenGenerated: boolean;
  /** Origins allowed to send answers from a browser (exact `scheme://host:port`). */
  allowedOrigins: string[];
  /** Requests per minute per client before 429. */
  rateLimit: number;
}

export class ConfigError extends Error {}

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
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || parsed.origin !== origin) {
      throw new ConfigError(
        `CSAT_ALLOWED_ORIGINS has "${origin}": expected origins such as https://shop.example.com or http://localhost:5173, separated by commas (no path, no trailing slash).`,
      );
    }
    return origin;
  });
}

export function readConfig(
  env: NodeJS.ProcessEnv = process.env,
  defaults: { origins?: string[] } = {},
): CollectorConfig {
  const token = env.CSAT_ADMIN_TOKEN;
  if (token !== undefined && token !== '' && token.length < 16) {
    throw new ConfigError('CSAT_ADMIN_TOKEN is too short: use at least 16 characters.');
  }
  return {
    port: integer(env, 'PORT', 8787, 0, 65535),
    host: env.HOST || '127.0.0.1',
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    dataDir: resolve(env.CSAT_DATA_DIR || './.data'),
    adminToken: token || randomBytes(18).toString('base64url'),
    adminTokenGenerated: !token,
    allowedOrigins: origins(env.CSAT_ALLOWED_ORIGINS, defaults.origins ?? []),
    rateLimit: integer(env, 'CSAT_RATE_LIMIT', 120, 1, 1_000_000),
  };
}
