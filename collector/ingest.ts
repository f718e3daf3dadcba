/**
 * POST /v1/responses: wire format v1 as application/json or text/plain (beacons), checked with the
 * widget's own schemas. A batch is stored whole or not at all; each response is upserted by id,
 * keeping the highest revision, so a retried or beaconed duplicate changes nothing.
 */
import * as z from 'zod/mini';
import { batchSchema, responseSchema, type SurveyResponse } from '../src/wire.js';
import type { Db } from './db.js';

// zod/mini has no messages of its own ("Invalid input"); English ones say what is wrong with an item.
z.config(z.locales.en());

export const MAX_BODY_BYTES = 64 * 1024;

export interface Reply {
  status: number;
  body: Record<string, unknown>;
}

/** The largest revision the `integer` column holds. */
const MAX_REVISION = 2_147_483_647;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether an ISO time (already matching the wire format's pattern) names a real moment the
 * database accepts and reads back: the pattern alone lets "2024-02-30T25:00:00+99:00" through,
 * which PostgreSQL refuses, and the embedded database's driver misreads years before 100 (as 19xx)
 * and before year 1 (as an invalid date, which would break every report of that survey). Years
 * 1000 to 9999 are far wider than any device clock gets wrong.
 */
export function isRealTime(text: string): boolean {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.\d+)?(?:Z|[+-](\d\d):(\d\d))$/.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = m.slice(1).map((v) => Number(v ?? 0));
  const leap = year! % 4 === 0 && (year! % 100 !== 0 || year! % 400 === 0);
  return (
    year! >= 1000 &&
    month! >= 1 &&
    month! <= 12 &&
    day! >= 1 &&
    day! <= (month === 2 && !leap ? 28 : DAYS_IN_MONTH[month! - 1]!) &&
    hour! <= 23 &&
    minute! <= 59 &&
    second! <= 59 &&
    offsetHours! <= 14 &&
    offsetMinutes! <= 59
  );
}

const hasNul = (text: string) => text.includes('\u0000');

/** The earliest answer time accepted: the wire format is younger, so anything before is a broken clock. */
export const EARLIEST_TIME = '2020-01-01T00:00:00Z';
const EARLIEST_MS = Date.parse(EARLIEST_TIME);
/** How far past the time of receipt a time may lie (device clocks run fast, time zones are mistyped). */
export const LATEST_AHEAD_MS = 24 * 60 * 60 * 1000;

/**
 * Why a real time (see isRealTime) is outside the window the collector stores: before 2020-01-01,
 * or more than a day after `now`. Such a time is a broken clock or a forged answer; stored, it would
 * sit in every report (a trend from 1970 to 9999, dates the dashboard cannot draw).
 */
export function timeWindowProblem(field: string, text: string, now: Date): string | undefined {
  const at = Date.parse(text);
  const latest = now.getTime() + LATEST_AHEAD_MS;
  if (at < EARLIEST_MS)
    return `${field}: ${text} is before ${EARLIEST_TIME}; expected a time from then to a day after now`;
  if (at > latest)
    return `${field}: ${text} is more than a day after the time of receipt (${now.toISOString()}); expected a time from ${EARLIEST_TIME} to ${new Date(latest).toISOString()}`;
  return undefined;
}

/**
 * What the database cannot store of a response that passed the wire schema: a revision past the
 * column's range, a time that is not a real moment, a NUL character (PostgreSQL text cannot hold one).
 */
function storageProblems(r: SurveyResponse, now: Date): string[] {
  const problems: string[] = [];
  if (r.revision > MAX_REVISION) problems.push(`revision: at most ${MAX_REVISION}`);
  if (!isRealTime(r.answeredAt)) problems.push('answeredAt: not a real time');
  else {
    const outside = timeWindowProblem('answeredAt', r.answeredAt, now);
    if (outside) problems.push(outside);
  }
  const texts: Array<[string, string | undefined]> = [
    ['comment', r.comment],
    ['locale', r.locale],
    ['touchpoint', r.touchpoint],
    ['page.url', r.page.url],
    ...Object.entries(r.metadata ?? {}).flatMap(([key, value]): Array<[string, string]> => [
      ['metadata', key],
      ['metadata', typeof value === 'string' ? value : ''],
    ]),
  ];
  for (const [path, text] of texts) {
    if (text !== undefined && hasNul(text) && !problems.includes(`${path}: contains a NUL character`))
      problems.push(`${path}: contains a NUL character`);
  }
  return problems;
}

/** What is wrong with each invalid response of a batch, by index and id. */
function invalidItems(responses: unknown[], now: Date): Array<{ index: number; id?: string; problems: string[] }> {
  const items = [];
  for (const [index, value] of responses.entries()) {
    const result = responseSchema.safeParse(value);
    const problems = result.success
      ? storageProblems(result.data, now)
      : result.error.issues.map((i) => `${i.path.join('.') || '(response)'}: ${i.message}`);
    if (!problems.length) continue;
    const id = (value as { id?: unknown } | null)?.id;
    items.push({ index, ...(typeof id === 'string' && { id: id.slice(0, 64) }), problems });
  }
  return items;
}

const invalidReply = (invalid: ReturnType<typeof invalidItems>): Reply => ({
  status: 422,
  body: { error: 'Some responses are invalid; none of this batch was stored.', invalid },
});

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Replaces lone surrogates (a comment cut inside a character pair) so every string is valid UTF-8. */
function wellFormed(r: SurveyResponse): SurveyResponse {
  const fix = (text: string) => text.replace(LONE_SURROGATE, '\uFFFD');
  return {
    ...r,
    ...(r.comment !== undefined && { comment: fix(r.comment) }),
    locale: fix(r.locale),
    ...(r.touchpoint !== undefined && { touchpoint: fix(r.touchpoint) }),
    page: { url: fix(r.page.url) },
    ...(r.metadata && {
      metadata: Object.fromEntries(
        Object.entries(r.metadata).map(([k, v]) => [fix(k), typeof v === 'string' ? fix(v) : v]),
      ),
    }),
  };
}

/** Checks a request body; on success the batch's responses, highest revision per id. */
export function parseBatch(
  text: string,
  now: Date = new Date(),
): { ok: true; responses: SurveyResponse[]; sentAt: string } | { ok: false; reply: Reply } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reply: { status: 400, body: { error: 'The body is not JSON.' } } };
  }
  const batch = batchSchema.safeParse(json);
  if (!batch.success) {
    const responses = (json as { responses?: unknown } | null)?.responses;
    if (Array.isArray(responses) && responses.length > 0 && responses.length <= 500) {
      const invalid = invalidItems(responses, now);
      if (invalid.length) return { ok: false, reply: invalidReply(invalid) };
    }
    return {
      ok: false,
      reply: {
        status: 400,
        body: {
          error: 'The body is not wire format v1: {"v":1,"sentAt":"<ISO time>","responses":[1 to 500 responses]}.',
          problems: batch.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`),
        },
      },
    };
  }
  if (!isRealTime(batch.data.sentAt)) {
    return {
      ok: false,
      reply: { status: 400, body: { error: 'The body is not wire format v1.', problems: ['sentAt: not a real time'] } },
    };
  }
  // The batch's sentAt is stored with each of its responses: outside the window, each one is named.
  const sentAtProblem = timeWindowProblem('sentAt', batch.data.sentAt, now);
  const invalid = batch.data.responses.flatMap((r, index) => {
    const problems = storageProblems(r, now);
    if (sentAtProblem) problems.push(`${sentAtProblem} (the batch's sentAt, stored with each response)`);
    return problems.length ? [{ index, id: r.id, problems }] : [];
  });
  if (invalid.length) return { ok: false, reply: invalidReply(invalid) };
  // One row per id (ids are UUIDs: the database does not tell upper from lower case), the highest
  // revision kept; sorted by id so concurrent batches lock rows in the same order (no deadlock).
  const highest = new Map<string, SurveyResponse>();
  for (const r of batch.data.responses) {
    const id = r.id.toLowerCase();
    const kept = highest.get(id);
    if (!kept || kept.revision < r.revision) highest.set(id, wellFormed({ ...r, id }));
  }
  const responses = [...highest.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { ok: true, responses, sentAt: batch.data.sentAt };
}

const COLUMNS = [
  'id',
  'revision',
  'complete',
  'survey_id',
  'type',
  'score',
  'comment',
  'locale',
  'touchpoint',
  'page_url',
  'metadata',
  'answered_at',
  'sent_at',
  'received_at',
  'first_received_at',
];
const UPDATED = COLUMNS.filter((c) => c !== 'id' && c !== 'first_received_at');

/** Upserts the responses in one statement (one transaction): all stored, or none. */
export async function storeResponses(
  db: Db,
  responses: SurveyResponse[],
  sentAt: string,
  now = new Date(),
): Promise<void> {
  const params: unknown[] = [];
  const rows = responses.map((r) => {
    const values = [
      r.id,
      r.revision,
      r.complete,
      r.surveyId,
      r.type,
      r.score,
      r.comment ?? null,
      r.locale,
      r.touchpoint ?? null,
      r.page.url,
      r.metadata ? JSON.stringify(r.metadata) : null,
      r.answeredAt,
      sentAt,
      now.toISOString(),
      now.toISOString(),
    ];
    const placeholders = values.map((v) => {
      params.push(v);
      return `$${params.length}`;
    });
    return `(${placeholders.join(', ')})`;
  });
  await db.query(
    `INSERT INTO responses (${COLUMNS.join(', ')}) VALUES ${rows.join(', ')}
     ON CONFLICT (id) DO UPDATE SET ${UPDATED.map((c) => `${c} = excluded.${c}`).join(', ')}
     WHERE responses.revision < excluded.revision`,
    params,
  );
}

export async function ingest(db: Db, text: string, now: Date = new Date()): Promise<Reply> {
  const parsed = parseBatch(text, now);
  if (!parsed.ok) return parsed.reply;
  await storeResponses(db, parsed.responses, parsed.sentAt, now);
  return { status: 200, body: { accepted: parsed.responses.length } };
}
