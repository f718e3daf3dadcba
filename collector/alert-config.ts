/**
 * The alert settings, from environment variables (the README's Alerts section lists them). Short
 * times are for tests and trials; the defaults retry for 24 hours.
 */
import { ConfigError } from './config-error.js';

export interface AlertConfig {
  /** Where rules and destinations come from at start besides the database: a JSON file, or the JSON itself. */
  file?: string;
  inline?: string;
  /** Whether webhook and Slack URLs may be http to this machine (tests, a relay on the same host). */
  allowHttpLoopback: boolean;
  /** smtp://user:pass@host:port or smtps://…; unset: e-mail destinations are parked with the reason. */
  smtpUrl?: string;
  /** The From of alert e-mails. */
  from: string;
  /** The collector's public address, for links to the dashboard (default: the address it listens on). */
  publicUrl?: string;
  /** Whether this process sends alerts (every collector does by default; jobs are shared). */
  worker: boolean;
  timeoutMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  retryForMs: number;
  pollMs: number;
  leaseMs: number;
  concurrency: number;
  /** How long sent and cancelled jobs are kept before the worker deletes them. */
  keepMs: number;
  /** How often the worker looks for such jobs. */
  purgeEveryMs: number;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new ConfigError(`${name} = "${raw.slice(0, 40)}": expected a whole number from ${min} to ${max}.`);
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(`${name} = "${raw.slice(0, 40)}": expected true or false.`);
}

function url(env: NodeJS.ProcessEnv, name: string, protocols: string[], example: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL | undefined;
  try {
    parsed = new URL(raw);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !protocols.includes(parsed.protocol))
    throw new ConfigError(`${name} is not a ${protocols.join(' or ')} URL: expected one such as ${example}.`);
  return raw;
}

export function readAlertConfig(env: NodeJS.ProcessEnv): AlertConfig {
  const timeoutMs = integer(env, 'CSAT_ALERT_TIMEOUT_MS', 5000, 100, 120_000);
  const config: AlertConfig = {
    ...(env.CSAT_ALERTS_FILE ? { file: env.CSAT_ALERTS_FILE } : {}),
    ...(env.CSAT_ALERTS ? { inline: env.CSAT_ALERTS } : {}),
    allowHttpLoopback: flag(env, 'CSAT_ALERT_ALLOW_HTTP_LOOPBACK', false),
    ...(url(env, 'CSAT_SMTP_URL', ['smtp:', 'smtps:'], 'smtps://user:password@smtp.example.com:465') && {
      smtpUrl: env.CSAT_SMTP_URL,
    }),
    from: env.CSAT_ALERT_FROM || 'csat-survey-collector <csat-survey@localhost>',
    ...(url(env, 'CSAT_PUBLIC_URL', ['https:', 'http:'], 'https://collect.example.com') && {
      publicUrl: env.CSAT_PUBLIC_URL,
    }),
    worker: flag(env, 'CSAT_ALERT_WORKER', true),
    timeoutMs,
    retryBaseMs: integer(env, 'CSAT_ALERT_RETRY_BASE_MS', 10_000, 10, 3_600_000),
    retryMaxMs: integer(env, 'CSAT_ALERT_RETRY_MAX_MS', 3_600_000, 10, 86_400_000),
    retryForMs: integer(env, 'CSAT_ALERT_RETRY_FOR_MS', 86_400_000, 100, 30 * 86_400_000),
    pollMs: integer(env, 'CSAT_ALERT_POLL_MS', 1000, 10, 600_000),
    leaseMs: integer(env, 'CSAT_ALERT_LEASE_MS', Math.max(30_000, 3 * timeoutMs), 200, 3_600_000),
    concurrency: integer(env, 'CSAT_ALERT_CONCURRENCY', 16, 1, 256),
    keepMs: integer(env, 'CSAT_ALERT_KEEP_DAYS', 30, 1, 3650) * 86_400_000,
    purgeEveryMs: 3_600_000,
  };
  if (config.file && config.inline)
    throw new ConfigError(
      'CSAT_ALERTS_FILE and CSAT_ALERTS are both set: give the alerts one way, a file or the JSON.',
    );
  if (config.leaseMs <= config.timeoutMs)
    throw new ConfigError(
      `CSAT_ALERT_LEASE_MS (${config.leaseMs}) is not longer than CSAT_ALERT_TIMEOUT_MS (${config.timeoutMs}): a job would be taken by another worker while it is still being sent.`,
    );
  return config;
}
