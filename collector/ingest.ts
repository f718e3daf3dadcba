/**
 * POST /v1/responses: wire format v1 as application/json or text/plain (beacons), checked with the
 * widget's own schemas. An envelope carries responses, displays or both. It is stored whole or not
 * at all; each response is upserted by id, keeping the highest revision, and each display is
 * stored once by id, so a retried or beaconed duplicate changes nothing.
 */
import * as z from 'zod/mini';
import { displaySchema, envelopeSchema, responseSchema, type SurveyDisplay, type SurveyResponse } from '../src/wire.js';
import type { Db } from './db.js';
import { enqueueAlerts } from './alert-outbox.js';

// zod/mini has no messages of its own ("Invalid input"); English ones say what is wrong with an item.
z.config(z.locales.en());

export const MAX_BODY_BYTES = 64 * 1024;

export interface Reply {
  status: number;
  body: Record<string, unknown>;
  /** How many alert jobs the stored answers raised (written in the same transaction). */
  alerts?: number;
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

/** The problems of the texts of an item that the database cannot store: a NUL character (PostgreSQL text cannot hold one). */
function nulProblems(texts: Array<[string, string | undefined]>): string[] {
  const problems: string[] = [];
  for (const [path, text] of texts) {
    if (text !== undefined && hasNul(text) && !problems.includes(`${path}: contains a NUL character`))
      problems.push(`${path}: contains a NUL character`);
  }
  return problems;
}

/** Why an item's own time (answeredAt, shownAt) cannot be stored: not a real moment, or outside the window. */
function timeProblems(field: string, text: string, now: Date): string[] {
  if (!isRealTime(text)) return [`${field}: not a real time`];
  const outside = timeWindowProblem(field, text, now);
  return outside ? [outside] : [];
}

/**
 * What the database cannot store of a response that passed the wire schema: a revision past the
 * column's range, a time that is not a real moment, a NUL character (PostgreSQL text cannot hold one).
 */
function storageProblems(r: SurveyResponse, now: Date): string[] {
  const problems: string[] = [];
  if (r.revision > MAX_REVISION) problems.push(`revision: at most ${MAX_REVISION}`);
  problems.push(...timeProblems('answeredAt', r.answeredAt, now));
  return [
    ...problems,
    ...nulProblems([
      ['comment', r.comment],
      ['locale', r.locale],
      ['touchpoint', r.touchpoint],
      ['page.url', r.page.url],
      ...Object.entries(r.metadata ?? {}).flatMap(([key, value]): Array<[string, string]> => [
        ['metadata', key],
        ['metadata', typeof value === 'string' ? value : ''],
      ]),
    ]),
  ];
}

/** The same for a display: its time, and its texts. */
function displayProblems(d: SurveyDisplay, now: Date): string[] {
  return [
    ...timeProblems('shownAt', d.shownAt, now),
    ...nulProblems([
      ['locale', d.locale],
      ['touchpoint', d.touchpoint],
      ['page.url', d.page.url],
    ]),
  ];
}

type Invalid = { list: 'responses' | 'displays'; index: number; id?: string; problems: string[] };

const issues = (error: z.core.$ZodError, item: string) =>
  error.issues.map((i) => `${i.path.join('.') || `(${item})`}: ${i.message}`);

/** What is wrong with one item of a list, or nothing. */
function problemsOf(list: Invalid['list'], value: unknown, now: Date): string[] {
  if (list === 'responses') {
    const r = responseSchema.safeParse(value);
    return r.success ? storageProblems(r.data, now) : issues(r.error, 'response');
  }
  const d = displaySchema.safeParse(value);
  return d.success ? displayProblems(d.data, now) : issues(d.error, 'display');
}

/** What is wrong with each invalid item of a list (responses or displays), by list, index and id. */
function invalidItems(list: Invalid['list'], values: unknown[], now: Date): Invalid[] {
  const items: Invalid[] = [];
  for (const [index, value] of values.entries()) {
    const problems = problemsOf(list, value, now);
    if (!problems.length) continue;
    const id = (value as { id?: unknown } | null)?.id;
    items.push({ list, index, ...(typeof id === 'string' && { id: id.slice(0, 64) }), problems });
  }
  return items;
}

const invalidReply = (invalid: Invalid[]): Reply => ({
  status: 422,
  body: { error: 'Some items are invalid; none of this batch was stored.', invalid },
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

/** Replaces lone surrogates in a display's texts, as in a response's. */
function wellFormedDisplay(d: SurveyDisplay): SurveyDisplay {
  const fix = (text: string) => text.replace(LONE_SURROGATE, '\uFFFD');
  return {
    ...d,
    locale: fix(d.locale),
    ...(d.touchpoint !== undefined && { touchpoint: fix(d.touchpoint) }),
    page: { url: fix(d.page.url) },
  };
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export interface ParsedBatch {
  ok: true;
  /** The responses, highest revision per id, sorted by id. */
  responses: SurveyResponse[];
  /** The displays, one per id, sorted by id. */
  displays: SurveyDisplay[];
  sentAt: string;
}

/** Checks a request body (responses, displays or both); on success its items, one per id. */
export function parseBatch(text: string, now: Date = new Date()): ParsedBatch | { ok: false; reply: Reply } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reply: { status: 400, body: { error: 'The body is not JSON.' } } };
  }
  const batch = envelopeSchema.safeParse(json);
  if (!batch.success) {
    const body = json as Partial<Record<Invalid['list'], unknown>> | null;
    const invalid = (['responses', 'displays'] as const).flatMap((list) => {
      const items = body?.[list];
      return Array.isArray(items) && items.length <= 500 ? invalidItems(list, items, now) : [];
    });
    if (invalid.length) return { ok: false, reply: invalidReply(invalid) };
    return {
      ok: false,
      reply: {
        status: 400,
        body: {
          error:
            'The body is not wire format v1: {"v":1,"sentAt":"<ISO time>","responses":[up to 500 responses],"displays":[up to 500 displays]}, with responses, displays or both, and at least one item.',
          problems: batch.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`),
        },
      },
    };
  }
  const { sentAt, responses = [], displays = [] } = batch.data;
  if (!isRealTime(sentAt)) {
    return {
      ok: false,
      reply: { status: 400, body: { error: 'The body is not wire format v1.', problems: ['sentAt: not a real time'] } },
    };
  }
  // The batch's sentAt is stored with each of its responses: outside the window, each one is named.
  // Displays keep only their own time, so only that is checked for them.
  const sentAtProblem = timeWindowProblem('sentAt', sentAt, now);
  const invalid: Invalid[] = [
    ...responses.flatMap((r, index) => {
      const problems = storageProblems(r, now);
      if (sentAtProblem) problems.push(`${sentAtProblem} (the batch's sentAt, stored with each response)`);
      return problems.length ? [{ list: 'responses' as const, index, id: r.id, problems }] : [];
    }),
    ...displays.flatMap((d, index) => {
      const problems = displayProblems(d, now);
      return problems.length ? [{ list: 'displays' as const, index, id: d.id, problems }] : [];
    }),
  ];
  if (invalid.length) return { ok: false, reply: invalidReply(invalid) };
  // One row per id (ids are UUIDs: the database does not tell upper from lower case), the highest
  // revision kept; sorted by id so concurrent batches lock rows in the same order (no deadlock).
  const highest = new Map<string, SurveyResponse>();
  for (const r of responses) {
    const id = r.id.toLowerCase();
    const kept = highest.get(id);
    if (!kept || kept.revision < r.revision) highest.set(id, wellFormed({ ...r, id }));
  }
  const shown = new Map<string, SurveyDisplay>();
  for (const d of displays) {
    const id = d.id.toLowerCase();
    if (!shown.has(id)) shown.set(id, wellFormedDisplay({ ...d, id }));
  }
  return {
    ok: true,
    responses: [...highest.values()].sort(byId),
    displays: [...shown.values()].sort(byId),
    sentAt,
  };
}

/** `(…), (…)` for rows of values, their values appended to `params`. */
function valuesList(rows: unknown[][], params: unknown[]): string {
  return rows
    .map(
      (values) =>
        `(${values
          .map((v) => {
            params.push(v);
            return `$${params.length}`;
          })
          .join(', ')})`,
    )
    .join(', ');
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

/** The upsert of responses, as one statement. */
function responsesInsert(responses: SurveyResponse[], sentAt: string, now: Date): [string, unknown[]] {
  const params: unknown[] = [];
  const rows = responses.map((r) => [
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
  ]);
  return [
    `INSERT INTO responses (${COLUMNS.join(', ')}) VALUES ${valuesList(rows, params)}
     ON CONFLICT (id) DO UPDATE SET ${UPDATED.map((c) => `${c} = excluded.${c}`).join(', ')}
     WHERE responses.revision < excluded.revision
     RETURNING id`,
    params,
  ];
}

const DISPLAY_COLUMNS = ['id', 'survey_id', 'type', 'shown_at', 'locale', 'touchpoint', 'page_url', 'received_at'];

/** The insert of displays, as one statement: a display already stored (same id) is left as it is. */
function displaysInsert(displays: SurveyDisplay[], now: Date): [string, unknown[]] {
  const params: unknown[] = [];
  const rows = displays.map((d) => [
    d.id,
    d.surveyId,
    d.type,
    d.shownAt,
    d.locale,
    d.touchpoint ?? null,
    d.page.url,
    now.toISOString(),
  ]);
  return [
    `INSERT INTO displays (${DISPLAY_COLUMNS.join(', ')}) VALUES ${valuesList(rows, params)}
     ON CONFLICT (id) DO NOTHING`,
    params,
  ];
}

/** Upserts the responses in one statement (one transaction): all stored, or none. */
export async function storeResponses(
  db: Db,
  responses: SurveyResponse[],
  sentAt: string,
  now = new Date(),
): Promise<void> {
  await db.query(...responsesInsert(responses, sentAt, now));
}

/**
 * Stores a checked batch: responses and displays in one transaction, all or none, with the alert
 * jobs the responses stored (new, or a higher revision) raise. Returns how many jobs were written.
 */
export async function storeBatch(db: Db, batch: Omit<ParsedBatch, 'ok'>, now = new Date()): Promise<number> {
  if (!batch.responses.length) {
    await db.query(...displaysInsert(batch.displays, now));
    return 0;
  }
  return db.transaction(async (q) => {
    const stored = new Set(
      (await q<{ id: string }>(...responsesInsert(batch.responses, batch.sentAt, now))).map((r) => r.id),
    );
    if (batch.displays.length) await q(...displaysInsert(batch.displays, now));
    return enqueueAlerts(
      q,
      batch.responses.filter((r) => stored.has(r.id)),
      now,
    );
  });
}

export async function ingest(db: Db, text: string, now: Date = new Date()): Promise<Reply> {
  const parsed = parseBatch(text, now);
  if (!parsed.ok) return parsed.reply;
  const alerts = await storeBatch(db, parsed, now);
  return {
    alerts,
    status: 200,
    body: {
      accepted: parsed.responses.length,
      ...(parsed.displays.length && { acceptedDisplays: parsed.displays.length }),
    },
  };
}
