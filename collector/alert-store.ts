/**
 * Alert rules and destinations in the database (shared by every collector on it), and the alerts
 * file (CSAT_ALERTS_FILE or CSAT_ALERTS): what it holds replaces, at each start, what the previous
 * file gave; rules and destinations made in the dashboard stay.
 */
import type { Db } from './db.js';
import { parseRule, type AlertRule } from './alert-rules.js';
import { parseDestination, type Destination } from './alert-destinations.js';

type Query = Db['query'];

interface RuleRow {
  id: string;
  name: string;
  survey_id: string | null;
  condition: AlertRule['condition'];
  threshold: number | null;
  words: string[];
  destinations: string[];
  enabled: boolean;
  source: AlertRule['source'];
}

export const ruleFromRow = (r: RuleRow): AlertRule => ({
  id: r.id,
  name: r.name,
  surveyId: r.survey_id,
  condition: r.condition,
  threshold: r.threshold === null ? null : Number(r.threshold),
  words: r.words,
  destinations: r.destinations,
  enabled: r.enabled,
  source: r.source,
});

export async function listRules(q: Query, enabledOnly = false): Promise<AlertRule[]> {
  const rows = await q<RuleRow>(
    `SELECT id, name, survey_id, condition, threshold, words, destinations, enabled, source FROM alert_rules
      ${enabledOnly ? 'WHERE enabled' : ''} ORDER BY id`,
  );
  return rows.map(ruleFromRow);
}

export async function listDestinations(q: Query): Promise<Destination[]> {
  return q<Destination>('SELECT id, kind, name, target, secret, source FROM alert_destinations ORDER BY id');
}

export async function getDestination(q: Query, id: string): Promise<Destination | undefined> {
  const [row] = await q<Destination>(
    'SELECT id, kind, name, target, secret, source FROM alert_destinations WHERE id = $1',
    [id],
  );
  return row;
}

async function upsertRule(q: Query, rule: AlertRule): Promise<void> {
  await q(
    `INSERT INTO alert_rules (id, name, survey_id, condition, threshold, words, destinations, enabled, source)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, survey_id = excluded.survey_id, condition = excluded.condition,
       threshold = excluded.threshold, words = excluded.words, destinations = excluded.destinations,
       enabled = excluded.enabled, source = excluded.source`,
    [
      rule.id,
      rule.name,
      rule.surveyId,
      rule.condition,
      rule.threshold,
      JSON.stringify(rule.words),
      JSON.stringify(rule.destinations),
      rule.enabled,
      rule.source,
    ],
  );
}

async function upsertDestination(q: Query, d: Destination): Promise<void> {
  await q(
    `INSERT INTO alert_destinations (id, kind, name, target, secret, source) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name, target = excluded.target,
       secret = excluded.secret, source = excluded.source`,
    [d.id, d.kind, d.name, d.target, d.secret, d.source],
  );
}

export type SaveResult = { ok: true; created: boolean } | { ok: false; status: number; problems: string[] };

const fromFile = (what: string, id: string): SaveResult => ({
  ok: false,
  status: 409,
  problems: [`${what} ${id} comes from the alerts file (CSAT_ALERTS_FILE or CSAT_ALERTS); change it there`],
});

/** Saves a rule from the API: its destinations must exist; one from the alerts file cannot be changed here. */
export async function saveRule(db: Db, value: unknown): Promise<SaveResult> {
  const parsed = parseRule(value);
  if (!parsed.ok) return { ok: false, status: 400, problems: parsed.problems };
  const { rule } = parsed;
  return db.transaction(async (q) => {
    const [existing] = await q<{ source: string }>('SELECT source FROM alert_rules WHERE id = $1 FOR UPDATE', [
      rule.id,
    ]);
    if (existing?.source === 'file') return fromFile('rule', rule.id);
    const known = new Set((await listDestinations(q)).map((d) => d.id));
    const missing = rule.destinations.filter((d) => !known.has(d));
    if (missing.length)
      return {
        ok: false,
        status: 400,
        problems: [
          `destinations: ${missing.join(', ')} not found; expected ids of destinations (${[...known].join(', ') || 'none yet'})`,
        ],
      };
    await upsertRule(q, rule);
    return { ok: true, created: !existing };
  });
}

/** Saves a destination from the API (a webhook keeps its secret when none is given). */
export async function saveDestination(db: Db, value: unknown, allowHttpLoopback: boolean): Promise<SaveResult> {
  return db.transaction(async (q) => {
    const id = (value as { id?: unknown } | null)?.id;
    const [existing] =
      typeof id === 'string'
        ? await q<{ source: string; secret: string | null }>(
            'SELECT source, secret FROM alert_destinations WHERE id = $1 FOR UPDATE',
            [id],
          )
        : [];
    if (existing?.source === 'file') return fromFile('destination', String(id));
    const given = value as Record<string, unknown>;
    const keepSecret = existing?.secret && (given.secret === undefined || given.secret === null || given.secret === '');
    const parsed = parseDestination(keepSecret ? { ...given, secret: existing.secret } : value, { allowHttpLoopback });
    if (!parsed.ok) return { ok: false, status: 400, problems: parsed.problems };
    await upsertDestination(q, parsed.destination);
    return { ok: true, created: !existing };
  });
}

export async function deleteRule(db: Db, id: string): Promise<'deleted' | 'unknown' | 'file'> {
  const [row] = await db.query<{ source: string }>('SELECT source FROM alert_rules WHERE id = $1', [id]);
  if (!row) return 'unknown';
  if (row.source === 'file') return 'file';
  await db.query('DELETE FROM alert_rules WHERE id = $1', [id]);
  return 'deleted';
}

/** Deletes a destination no rule uses; else names the rules. */
export async function deleteDestination(db: Db, id: string): Promise<'deleted' | 'unknown' | 'file' | string[]> {
  const [row] = await db.query<{ source: string }>('SELECT source FROM alert_destinations WHERE id = $1', [id]);
  if (!row) return 'unknown';
  if (row.source === 'file') return 'file';
  const users = (await listRules(db.query.bind(db))).filter((r) => r.destinations.includes(id)).map((r) => r.id);
  if (users.length) return users;
  await db.query('DELETE FROM alert_destinations WHERE id = $1', [id]);
  return 'deleted';
}

/**
 * Applies the alerts file, `{"destinations": [...], "rules": [...]}`: every entry is checked first
 * (all problems reported at once, nothing changed); then, in one transaction, what the file gives
 * replaces what the file gave before.
 */
export async function applyAlertsFile(db: Db, text: string, origin: string, allowHttpLoopback: boolean): Promise<void> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `${origin} is not JSON (${(error as Error).message}); expected {"destinations": [...], "rules": [...]}`,
      { cause: error },
    );
  }
  const body = json as { destinations?: unknown; rules?: unknown } | null;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new Error(`${origin}: expected an object {"destinations": [...], "rules": [...]}`);
  const extra = Object.keys(body).filter((k) => k !== 'destinations' && k !== 'rules');
  const problems: string[] = extra.map((k) => `${k}: not a field of the alerts file; expected destinations, rules`);
  const destinations: Destination[] = [];
  const rules: AlertRule[] = [];
  const list = (name: 'destinations' | 'rules') => {
    const items = body[name] ?? [];
    if (!Array.isArray(items)) problems.push(`${name}: expected a list`);
    return Array.isArray(items) ? (items as unknown[]) : [];
  };
  for (const [index, item] of list('destinations').entries()) {
    const parsed = parseDestination(item, { allowHttpLoopback, source: 'file' });
    if (parsed.ok) destinations.push(parsed.destination);
    else problems.push(...parsed.problems.map((p) => `destinations[${index}].${p}`));
  }
  for (const [index, item] of list('rules').entries()) {
    const parsed = parseRule(item, 'file');
    if (parsed.ok) rules.push(parsed.rule);
    else problems.push(...parsed.problems.map((p) => `rules[${index}].${p}`));
  }
  if (problems.length)
    throw new Error(`${origin} has problems, so none of it was applied:\n  ${problems.join('\n  ')}`);
  await db.transaction(async (q) => {
    await q(`DELETE FROM alert_rules WHERE source = 'file'`);
    await q(`DELETE FROM alert_destinations WHERE source = 'file'`);
    for (const d of destinations) await upsertDestination(q, d);
    const known = new Set((await listDestinations(q)).map((d) => d.id));
    const missing = rules.flatMap((r) =>
      r.destinations.filter((d) => !known.has(d)).map((d) => `rule ${r.id}: destination ${d} not found`),
    );
    if (missing.length)
      throw new Error(`${origin} has problems, so none of it was applied:\n  ${missing.join('\n  ')}`);
    for (const r of rules) await upsertRule(q, r);
  });
}
