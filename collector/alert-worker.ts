/**
 * The alert worker, one per collector process: claims due jobs from the outbox (alert-outbox.ts),
 * sends each to its destination (alert-send.ts) off the request path, and marks it sent, due again
 * (alert-backoff.ts) or parked, logging each attempt for the dashboard. It looks for due jobs every
 * `pollMs`, and at once when this process stores an answer that raised an alert (wake). Every
 * `purgeEveryMs` by its clock, it deletes the sent and cancelled jobs older than `keepMs` (the
 * delivery log keeps its last 100 per destination by itself). Everything
 * it talks to is given: the database, fetch, the mail transport, the clock and the randomness.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from './db.js';
import type { AlertConfig } from './alert-config.js';
import { claimJobs, finishJob, logDelivery, purgeJobs, type Job, type Outcome } from './alert-outbox.js';
import { buildEvent, responseFromRow, testEvent } from './alert-event.js';
import { ruleFromRow } from './alert-store.js';
import type { Destination } from './alert-destinations.js';
import { nextTry } from './alert-backoff.js';
import { sendTo, type Senders } from './alert-send.js';
import type { SendResult, FetchLike } from './alert-http.js';
import type { MailTransport } from './alert-email.js';

/** "24 h", "30 min", "2 s". */
const duration = (ms: number) =>
  ms >= 3_600_000
    ? `${Math.round(ms / 3_600_000)} h`
    : ms >= 60_000
      ? `${Math.round(ms / 60_000)} min`
      : `${Math.round(ms / 1000)} s`;

export interface WorkerLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface WorkerDeps {
  db: Db;
  config: AlertConfig;
  /** The collector's public address (links in alerts). */
  publicUrl: () => string;
  fetch: FetchLike;
  mail: MailTransport | undefined;
  now?: () => Date;
  random?: () => number;
  log: WorkerLog;
}

export class AlertWorker {
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly senders: Senders;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private claiming = false;
  private again = false;
  private readonly inFlight = new Set<Promise<void>>();
  /** When, by the worker's clock, it last deleted old jobs (0: not yet). */
  private purgedAt = 0;
  private purging: Promise<number> | undefined;

  constructor(private readonly deps: WorkerDeps) {
    this.now = deps.now ?? (() => new Date());
    this.random = deps.random ?? Math.random;
    this.senders = {
      fetch: deps.fetch,
      mail: deps.mail,
      from: deps.config.from,
      timeoutMs: deps.config.timeoutMs,
      allowHttpLoopback: deps.config.allowHttpLoopback,
    };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.timer = setInterval(() => this.tick(), this.deps.config.pollMs);
    this.timer.unref();
    this.tick();
  }

  private tick(): void {
    this.wake();
    if (this.purging || this.now().getTime() - this.purgedAt < this.deps.config.purgeEveryMs) return;
    void this.purge();
  }

  /** Deletes the sent and cancelled jobs older than the retention window now. Returns how many went. */
  async purge(): Promise<number> {
    if (this.purging) return this.purging;
    const now = this.now();
    this.purging = purgeJobs(this.deps.db, new Date(now.getTime() - this.deps.config.keepMs))
      .then((n) => {
        this.purgedAt = now.getTime();
        if (n)
          this.deps.log.info(
            `deleted ${n} alert job${n === 1 ? '' : 's'} sent or cancelled more than ${Math.round(this.deps.config.keepMs / 86_400_000)} days ago`,
          );
        return n;
      })
      .catch((error: Error) => {
        if (this.running) this.deps.log.error(`old alert jobs could not be deleted: ${error.message}`);
        return 0;
      })
      .finally(() => (this.purging = undefined));
    return this.purging;
  }

  /** Stops claiming, and waits for the sends in flight (each ends within the timeout). */
  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.timer);
    await Promise.allSettled([...this.inFlight, this.purging]);
  }

  /** Looks for due jobs now. */
  wake(): void {
    if (!this.running) return;
    if (this.claiming) {
      this.again = true;
      return;
    }
    void this.claim();
  }

  private async claim(): Promise<void> {
    this.claiming = true;
    let full = false;
    try {
      const room = this.deps.config.concurrency - this.inFlight.size;
      if (room <= 0) return;
      const jobs = await claimJobs(this.deps.db, this.now(), this.deps.config.leaseMs, room);
      full = jobs.length === room;
      for (const job of jobs) {
        const sending = this.deliver(job)
          .catch((error: Error) => this.deps.log.error(`alert ${job.eventId} could not be handled: ${error.message}`))
          .finally(() => {
            this.inFlight.delete(sending);
            if (full) this.wake();
          });
        this.inFlight.add(sending);
      }
    } catch (error) {
      if (this.running) this.deps.log.error(`alerts could not be claimed: ${(error as Error).message}`);
    } finally {
      this.claiming = false;
    }
    if (this.again || full) {
      this.again = false;
      if (this.deps.config.concurrency > this.inFlight.size) setImmediate(() => this.wake());
    }
  }

  private async deliver(job: Job): Promise<void> {
    const { db } = this.deps;
    // The answer as stored now, the rule and the destination, in one round trip.
    const [row] = await db.query<{ response: unknown; rule: unknown; destination: Destination | null }>(
      `SELECT to_jsonb(r) AS response, to_jsonb(ru) AS rule, to_jsonb(d) AS destination
         FROM (SELECT 1) AS one
         LEFT JOIN responses r ON r.id = $1::uuid
         LEFT JOIN alert_rules ru ON ru.id = $2
         LEFT JOIN alert_destinations d ON d.id = $3`,
      [job.responseId, job.ruleId, job.destinationId],
    );
    const { response: responseRow, rule: ruleRow, destination } = row ?? {};
    const missing = !responseRow ? 'the answer' : !ruleRow ? 'the rule' : !destination ? 'the destination' : '';
    if (missing) {
      await finishJob(
        db,
        job,
        { kind: 'cancelled', error: `${missing} was removed before the alert was sent` },
        this.now(),
      );
      return;
    }
    const event = buildEvent({
      eventId: job.eventId,
      followUp: job.followUp,
      rule: ruleFromRow(ruleRow as never),
      response: responseFromRow(responseRow as never),
      publicUrl: this.deps.publicUrl(),
      now: this.now(),
    });
    const started = performance.now();
    const result = await sendTo(this.senders, destination!, event, this.now());
    const ms = performance.now() - started;
    const now = this.now();
    const outcome = this.outcome(job, result, now);
    const held = await finishJob(db, job, outcome, now);
    if (!held) this.deps.log.warn(`alert ${job.eventId}: its lease ended before it was marked (${outcome.kind})`);
    await logDelivery(db, {
      destinationId: job.destinationId,
      eventId: job.eventId,
      at: now,
      outcome: outcome.kind === 'cancelled' ? 'parked' : outcome.kind,
      status: result.ok ? (result.status ?? null) : (result.status ?? null),
      error: result.ok ? null : result.error,
      ms,
    });
    if (outcome.kind === 'parked')
      this.deps.log.warn(`alert ${job.eventId} to ${job.destinationId} is parked: ${outcome.error}`);
  }

  private outcome(job: Job, result: SendResult, now: Date): Outcome {
    if (result.ok) return { kind: 'sent' };
    if (result.permanent) return { kind: 'parked', error: result.error };
    const { config } = this.deps;
    const next = nextTry(
      { baseMs: config.retryBaseMs, maxMs: config.retryMaxMs, retryForMs: config.retryForMs },
      job.attempts,
      job.createdAt,
      now,
      this.random,
    );
    if ('giveUp' in next)
      return {
        kind: 'parked',
        error: `still failing after ${job.attempts} attempts in ${duration(config.retryForMs)}: ${result.error}`,
      };
    return { kind: 'retry', dueAt: next.dueAt, error: result.error };
  }

  /** "Send a test": a made-up alert to one destination, now, logged as a test. */
  async sendTest(destination: Destination, lang: 'fa' | 'en'): Promise<SendResult & { ms: number; eventId: string }> {
    const eventId = randomUUID();
    const now = this.now();
    const started = performance.now();
    const result = await sendTo(this.senders, destination, testEvent(eventId, this.deps.publicUrl(), now, lang), now);
    const ms = Math.round(performance.now() - started);
    await logDelivery(this.deps.db, {
      destinationId: destination.id,
      eventId,
      at: now,
      outcome: result.ok ? 'test-sent' : 'test-failed',
      status: result.status ?? null,
      error: result.ok ? null : result.error,
      ms,
    });
    return { ...result, ms, eventId };
  }
}
