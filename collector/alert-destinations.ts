/**
 * Where alerts go: a signed webhook, a Slack-compatible incoming webhook, or e-mail addresses. This
 * file checks destinations (URLs: https only, or http to this machine when the operator allows it
 * with CSAT_ALERT_ALLOW_HTTP_LOOPBACK) and makes webhook secrets.
 */
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { ID } from './alert-rules.js';

export const KINDS = ['webhook', 'slack', 'email'] as const;
export type DestinationKind = (typeof KINDS)[number];

export interface Destination {
  id: string;
  kind: DestinationKind;
  name: string;
  /** webhook and slack: the URL; email: the addresses, separated by commas. */
  target: string;
  /** webhook: the signing secret. */
  secret: string | null;
  source: 'database' | 'file';
}

const MIN_SECRET = 16;
const EMAIL = /^[^\s@,<>"]{1,64}@[^\s@,<>"]{1,255}$/;

const shown = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

/** Whether a host name is this machine: localhost, 127.0.0.0/8 or ::1. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

/** Why a URL may not receive alerts, or undefined when it may. */
export function urlProblem(text: string, allowHttpLoopback: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `${shown(text)} is not a URL; expected https://...`;
  }
  if (url.username || url.password) return `${shown(text)} holds a user name or password; put secrets in the secret`;
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopback(url.hostname)) {
    return allowHttpLoopback
      ? undefined
      : `${shown(text)} is http; expected https (http to this machine only when CSAT_ALERT_ALLOW_HTTP_LOOPBACK=true)`;
  }
  return `${shown(text)} is not https; expected https://... (http only to this machine, and only when CSAT_ALERT_ALLOW_HTTP_LOOPBACK=true)`;
}

/** A new signing secret: 32 random bytes, base64url. */
export const newSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

/** A destination from JSON (the API or the alerts file), or the problems with it. */
export function parseDestination(
  value: unknown,
  options: { allowHttpLoopback: boolean; source?: Destination['source'] },
): { ok: true; destination: Destination } | { ok: false; problems: string[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, problems: [`destination: ${shown(value)} is not an object; expected {"id", "kind", ...}`] };
  const v = value as Record<string, unknown>;
  const problems: string[] = [];
  const id = v.id;
  if (typeof id !== 'string' || !ID.test(id))
    problems.push(
      `id: ${shown(id)}; expected 1-64 characters of a-z, 0-9, "-" and "_", starting with a letter or digit`,
    );
  const kind = v.kind;
  if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind))
    problems.push(`kind: ${shown(kind)}; expected one of ${KINDS.join(', ')}`);
  const name = v.name ?? id;
  if (typeof name !== 'string' || name.trim() === '' || name.length > 200)
    problems.push(`name: ${shown(name)}; expected a text of 1 to 200 characters`);
  let target = '';
  if (kind === 'email') {
    const to = v.to;
    const list = Array.isArray(to) ? to : typeof to === 'string' ? to.split(',') : null;
    const addresses = (list ?? []).map((a) => (typeof a === 'string' ? a.trim() : '')).filter(Boolean);
    if (!list || !addresses.length || addresses.length > 20 || !addresses.every((a) => EMAIL.test(a)))
      problems.push(`to: ${shown(to)}; expected 1 to 20 e-mail addresses such as team@example.com`);
    target = addresses.join(', ');
  } else if (kind === 'webhook' || kind === 'slack') {
    const problem = typeof v.url === 'string' ? urlProblem(v.url, options.allowHttpLoopback) : 'expected a URL';
    if (problem) problems.push(`url: ${problem}`);
    target = String(v.url);
  }
  let secret: string | null = null;
  if (kind === 'webhook') {
    if (v.secret === undefined || v.secret === null || v.secret === '') secret = newSecret();
    else if (
      typeof v.secret !== 'string' ||
      v.secret.length < MIN_SECRET ||
      v.secret.length > 200 ||
      /\s/.test(v.secret)
    )
      problems.push(
        `secret: (hidden, ${String(v.secret).length} characters); expected ${MIN_SECRET} to 200 characters without spaces, or none to have one made`,
      );
    else secret = v.secret;
  } else if (v.secret !== undefined) problems.push(`secret: only a webhook has a secret`);
  const known = new Set(['id', 'kind', 'name', 'url', 'to', 'secret', 'source']);
  for (const key of Object.keys(v))
    if (!known.has(key)) problems.push(`${key}: not a field of a destination; expected ${[...known].join(', ')}`);
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    destination: {
      id: id as string,
      kind: kind as DestinationKind,
      name: (name as string).trim(),
      target,
      secret,
      source: options.source ?? 'database',
    },
  };
}
