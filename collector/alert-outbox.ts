/**
 * The outbox of alerts: one job per rule, destination and answer, written in the same transaction
 * as the answer (enqueueAlerts), so an answer stored always has its alerts, and an answer refused
 * has none. Workers of every collector on the database claim due jobs with FOR UPDATE SKIP LOCKED
 * and a lease (claimJobs), then mark each sent, due again later, or parked (finishJob). Each job has
 * its event id from the start: a job sent twice (its collector stopped after sending, before marking
 * it) carries the same id both times, so receivers can drop the second.
 *
 * A revision of an answer (a comment added later) updates a job not sent yet, which is then sent
 * with the latest revision; a job whose rule no longer matches, not sent yet, is cancelled; a rule
 * that newly matches adds a job, marked as a follow-up when another rule's alert about the same
 * answer already reached that destination.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from './db.js';
import type { SurveyResponse } from '../src/wire.js';
import { matches } from './alert-rules.js';
import { listRules } from './alert-store.js';

type Query = Db['query'];

export interface Job {
  id: string;
  eventId: string;
  ruleId: string;
  destinationId: string;
  responseId: string;
  revision: number;
  followUp: boolean;
  attempts: number;
  createdAt: Date;
  lockedUntil: Date;
}

const jsonList = (values: string[]) => JSON.stringify(values);

/** Writes the jobs the stored answers raise, inside the caller's transaction. Returns how many were written. */
export async function enqueueAlerts(q: Query, stored: SurveyResponse[], now: Date): Promise<number> {
  if (!stored.length) return 0;
  const rules = await listRules(q, true);
  if (!rules.length) return 0;
  const ids = stored.map((r) => r.id);
  const keys: string[] = [];
  const jobs: Array<[string, string, string, number]> = [];
  for (const response of stored)
    for (const rule of rules) {
      if (!matches(rule, response)) continue;
      for (const destination of rule.destinations) {
        jobs.push([rule.id, destination, response.id, response.revision]);
        keys.push(`${rule.id} ${destination} ${response.id}`);
      }
    }
  // Jobs not sent yet whose rule (one in force) no longer matches the latest revision.
  await q(
    `UPDATE alert_jobs SET status = 'cancelled', last_error = 'the answer was revised and no longer matches the rule'
      WHERE status = 'pending' AND response_id IN (SELECT jsonb_array_elements_text($1::jsonb)::uuid)
        AND rule_id IN (SELECT jsonb_array_elements_text($2::jsonb))
        AND (rule_id || ' ' || destination_id || ' ' || response_id::text) NOT IN (SELECT jsonb_array_elements_text($3::jsonb))`,
    [jsonList(ids), jsonList(rules.map((r) => r.id)), jsonList(keys)],
  );
  if (!jobs.length) return 0;
  const sent = new Set(
    (
      await q<{ key: string }>(
        `SELECT DISTINCT destination_id || ' ' || response_id::text AS key FROM alert_jobs
          WHERE status = 'sent' AND response_id IN (SELECT jsonb_array_elements_text($1::jsonb)::uuid)`,
        [jsonList(ids)],
      )
    ).map((r) => r.key),
  );
  const params: unknown[] = [now.toISOString()];
  const values = jobs.map(([rule, destination, response, revision]) => {
    params.push(randomUUID(), rule, destination, response, revision, sent.has(`${destination} ${response}`));
    const n = params.length;
    return `($${n - 5}::uuid, $${n - 4}, $${n - 3}, $${n - 2}::uuid, $${n - 1}::integer, $${n}::boolean, $1::timestamptz, $1::timestamptz)`;
  });
  await q(
    `INSERT INTO alert_jobs (event_id, rule_id, destination_id, response_id, revision, follow_up, due_at, created_at)
     VALUES ${values.join(', ')}
     ON CONFLICT (rule_id, destination_id, response_id) DO UPDATE SET
       revision = excluded.revision,
       due_at = CASE WHEN alert_jobs.status = 'cancelled' THEN excluded.due_at ELSE alert_jobs.due_at END,
       attempts = CASE WHEN alert_jobs.status = 'cancelled' THEN 0 ELSE alert_jobs.attempts END,
       last_error = CASE WHEN alert_jobs.status = 'cancelled' THEN NULL ELSE alert_jobs.last_error END,
       status = 'pending'
     WHERE alert_jobs.status IN ('pending', 'cancelled')`,
    params,
  );
  return jobs.length;
}

interface JobRow {
  id: string;
  event_id: string;
  rule_id: string;
  destination_id: string;
  response_id: string;
  revision: number;
  follow_up: boolean;
  attempts: number;
  created_at: Date | string;
  locked_until: Date | string;
}

const jobFromRow = (r: JobRow): Job => ({
  id: String(r.id),
  eventId: r.event_id,
  ruleId: r.rule_id,
  destinationId: r.destination_id,
  responseId: r.response_id,
  revision: Number(r.revision),
  followUp: r.follow_up,
  attempts: Number(r.attempts),
  createdAt: new Date(r.created_at),
  lockedUntil: new Date(r.locked_until),
});

/**
 * Claims up to `limit` due jobs for `leaseMs`: no other worker takes them until the lease ends
 * (a worker that dies mid-send loses its jobs to the next worker when it does).
 */
export async function claimJobs(db: Db, now: Date, leaseMs: number, limit: number): Promise<Job[]> {
  const rows = await db.query<JobRow>(
    `UPDATE alert_jobs SET locked_until = $2::timestamptz, attempts = attempts + 1
      WHERE id IN (
        SELECT id FROM alert_jobs
         WHERE status = 'pending' AND due_at <= $1::timestamptz AND (locked_until IS NULL OR locked_until <= $1::timestamptz)
         ORDER BY due_at, id LIMIT $3
         FOR UPDATE SKIP LOCKED)
      RETURNING id, event_id, rule_id, destination_id, response_id, revision, follow_up, attempts, created_at, locked_until`,
    [now.toISOString(), new Date(now.getTime() + leaseMs).toISOString(), limit],
  );
  return rows.map(jobFromRow).sort((a, b) => Number(a.id) - Number(b.id));
}

export type Outcome =
  | { kind: 'sent' }
  | { kind: 'retry'; dueAt: Date; error: string }
  | { kind: 'parked'; error: string }
  | { kind: 'cancelled'; error: string };

/** Marks a claimed job, if this worker still holds its lease. Returns whether it did. */
export async function finishJob(db: Db, job: Job, outcome: Outcome, now: Date): Promise<boolean> {
  const lease = job.lockedUntil.toISOString();
  const rows =
    outcome.kind === 'sent'
      ? await db.query(
          `UPDATE alert_jobs SET status = 'sent', sent_at = $2, locked_until = NULL, last_error = NULL
            WHERE id = $1 AND locked_until = $3::timestamptz RETURNING id`,
          [job.id, now.toISOString(), lease],
        )
      : outcome.kind === 'retry'
        ? await db.query(
            `UPDATE alert_jobs SET due_at = $2, locked_until = NULL, last_error = $4
              WHERE id = $1 AND locked_until = $3::timestamptz RETURNING id`,
            [job.id, outcome.dueAt.toISOString(), lease, outcome.error.slice(0, 1000)],
          )
        : await db.query(
            `UPDATE alert_jobs SET status = $4, locked_until = NULL, last_error = $2
              WHERE id = $1 AND locked_until = $3::timestamptz RETURNING id`,
            [job.id, outcome.error.slice(0, 1000), lease, outcome.kind],
          );
  return rows.length > 0;
}

export interface Delivery {
  destinationId: string;
  eventId: string | null;
  at: Date;
  outcome: 'sent' | 'retry' | 'parked' | 'test-sent' | 'test-failed';
  status: number | null;
  error: string | null;
  ms: number;
}

/** Adds a line to a destination's delivery log, which keeps its last 100. */
export async function logDelivery(db: Db, d: Delivery): Promise<void> {
  // One statement: the DELETE sees the rows before this INSERT, so it keeps 99 of them.
  await db.query(
    `WITH added AS (
       INSERT INTO alert_deliveries (destination_id, event_id, at, outcome, status, error, ms)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id)
     DELETE FROM alert_deliveries WHERE destination_id = $1 AND id <= (
       SELECT id FROM alert_deliveries WHERE destination_id = $1 ORDER BY id DESC OFFSET 99 LIMIT 1)`,
    [
      d.destinationId,
      d.eventId,
      d.at.toISOString(),
      d.outcome,
      d.status,
      d.error?.slice(0, 1000) ?? null,
      Math.round(d.ms),
    ],
  );
}

export async function deliveries(db: Db, destinationId: string): Promise<unknown[]> {
  return db.query(
    `SELECT event_id AS "eventId", at, outcome, status, error, ms FROM alert_deliveries
      WHERE destination_id = $1 ORDER BY id DESC LIMIT 100`,
    [destinationId],
  );
}

/** The parked jobs (the last 100), with their last error. */
export async function parkedJobs(db: Db): Promise<unknown[]> {
  return db.query(
    `SELECT event_id AS "eventId", rule_id AS "ruleId", destination_id AS "destinationId", response_id AS "responseId",
            attempts, created_at AS "createdAt", last_error AS "lastError"
       FROM alert_jobs WHERE status = 'parked' ORDER BY id DESC LIMIT 100`,
  );
}

/** Sends a parked job again: due now, with a new 24 h of retries. */
export async function retryParked(db: Db, eventId: string, now: Date): Promise<boolean> {
  const rows = await db.query(
    `UPDATE alert_jobs SET status = 'pending', due_at = $2, created_at = $2, attempts = 0, locked_until = NULL
      WHERE event_id = $1::uuid AND status = 'parked' RETURNING id`,
    [eventId, now.toISOString()],
  );
  return rows.length > 0;
}

/**
 * Deletes the jobs done with before `before`: sent (by when they were sent) and cancelled (by when
 * they were last due). Pending and parked jobs stay, whatever their age. Returns how many went.
 */
export async function purgeJobs(db: Db, before: Date): Promise<number> {
  const rows = await db.query(
    `DELETE FROM alert_jobs
      WHERE (status = 'sent' AND sent_at < $1::timestamptz) OR (status = 'cancelled' AND due_at < $1::timestamptz)
      RETURNING id`,
    [before.toISOString()],
  );
  return rows.length;
}

/** How many jobs wait, by status (for the dashboard and the health of alerts). */
export async function jobCounts(db: Db): Promise<Record<string, number>> {
  const rows = await db.query<{ status: string; n: string }>(
    'SELECT status, count(*) AS n FROM alert_jobs GROUP BY status',
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
