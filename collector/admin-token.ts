/**
 * The admin token. One the operator set (CSAT_ADMIN_TOKEN) is used as it is and never printed.
 * Without one, a token is made once, stored in the database, and every collector on that database
 * uses it: the dashboard works through any of them. Only the process that made it says it.
 */
import { randomBytes } from 'node:crypto';
import type { CollectorConfig } from './config.js';
import type { Db } from './db.js';

export interface AdminToken {
  token: string;
  /** Where it comes from: the environment, made now (to be printed once), or stored earlier. */
  source: 'environment' | 'made' | 'stored';
}

export async function adminToken(db: Db, config: Pick<CollectorConfig, 'adminToken'>): Promise<AdminToken> {
  if (config.adminToken) return { token: config.adminToken, source: 'environment' };
  const candidate = randomBytes(32).toString('base64url');
  // Of two collectors starting at once, one inserts; the other reads what it stored.
  const made = await db.query<{ value: string }>(
    `INSERT INTO csat_settings (name, value) VALUES ('admin_token', $1) ON CONFLICT (name) DO NOTHING RETURNING value`,
    [candidate],
  );
  if (made.length) return { token: made[0]!.value, source: 'made' };
  const [stored] = await db.query<{ value: string }>(`SELECT value FROM csat_settings WHERE name = 'admin_token'`);
  return { token: stored!.value, source: 'stored' };
}

/** Replaces the stored token with a new one (the command `csat-survey-collector new-token`). */
export async function replaceAdminToken(db: Db): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.query(
    `INSERT INTO csat_settings (name, value) VALUES ('admin_token', $1)
       ON CONFLICT (name) DO UPDATE SET value = excluded.value, created_at = now()`,
    [token],
  );
  return token;
}
