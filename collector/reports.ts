/**
 * Reports: one survey's figure with its margin of error, distribution, groups, per touchpoint, per
 * day (UTC, by answer time) and the latest comments; filtered by date range and touchpoint. Also the
 * survey list and the CSV export of raw responses.
 *
 * Every stored row is reported without an error, whatever its times: ingest keeps them in a sane
 * window, but a database may hold older rows, or rows written by hand. Times are read as epoch
 * numbers or as text made in SQL, never through the driver's Date (which cannot hold every year
 * PostgreSQL can, nor ±infinity); a time JavaScript cannot show is reported as null.
 */
import type { SurveyType } from '../src/scales.js';
import type { Db } from './db.js';
import { distribution, figure, groups, type Counts } from './measures.js';

export interface ReportFilter {
  from?: string;
  to?: string;
  touchpoint?: string;
}

/** Checks the query string of a report; dates are YYYY-MM-DD (UTC days, `to` included). */
export function readFilter(params: URLSearchParams): { ok: true; filter: ReportFilter } | { ok: false; error: string } {
  const filter: ReportFilter = {};
  for (const key of ['from', 'to'] as const) {
    const value = params.get(key);
    if (value === null || value === '') continue;
    const day = new Date(`${value}T00:00:00Z`);
    if (!/^\d{4}-\d\d-\d\d$/.test(value) || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value) {
      return { ok: false, error: `${key} = "${value.slice(0, 40)}": expected a date as YYYY-MM-DD.` };
    }
    filter[key] = value;
  }
  if (filter.from && filter.to && filter.from > filter.to) {
    return { ok: false, error: `from = "${filter.from}" is after to = "${filter.to}".` };
  }
  const touchpoint = params.get('touchpoint');
  if (touchpoint !== null && touchpoint !== '') {
    if (touchpoint.length > 64) return { ok: false, error: 'touchpoint: expected at most 64 characters.' };
    filter.touchpoint = touchpoint;
  }
  return { ok: true, filter };
}

function where(surveyId: string, filter: ReportFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [surveyId];
  const clauses = ['survey_id = $1'];
  if (filter.from) {
    params.push(`${filter.from}T00:00:00Z`);
    clauses.push(`answered_at >= $${params.length}`);
  }
  if (filter.to) {
    params.push(`${filter.to}T00:00:00Z`);
    clauses.push(`answered_at < $${params.length}::timestamptz + interval '1 day'`);
  }
  if (filter.touchpoint) {
    params.push(filter.touchpoint);
    clauses.push(`touchpoint = $${params.length}`);
  }
  return { sql: clauses.join(' AND '), params };
}

const add = (map: Map<string, Counts>, key: string, score: number, n: number) => {
  const counts = map.get(key) ?? new Map<number, number>();
  counts.set(score, (counts.get(score) ?? 0) + n);
  map.set(key, counts);
};

/** The latest moment JavaScript's Date holds (±8.64e15 ms around 1970). */
const MAX_DATE_MS = 8.64e15;

/** An epoch time in seconds (as the database gives it, perhaps as text or ±Infinity) as ISO text, or null. */
export function isoFromEpoch(seconds: unknown): string | null {
  const ms = Number(seconds) * 1000;
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS ? new Date(ms).toISOString() : null;
}

/** SQL for a time column as epoch seconds (finite or ±Infinity), read with isoFromEpoch. */
const epoch = (column: string) => `extract(epoch FROM ${column})::float8`;

/** SQL for the UTC day of a time, only for years 1 to 9999 (else NULL: the days list leaves it out). */
const DAY = `CASE WHEN answered_at >= '0001-01-01T00:00:00Z' AND answered_at < '10000-01-01T00:00:00Z'
                  THEN to_char(answered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') END`;

export async function surveyReport(db: Db, surveyId: string, filter: ReportFilter) {
  const w = where(surveyId, filter);
  const rows = await db.query<{
    type: SurveyType;
    day: string | null;
    touchpoint: string | null;
    score: number;
    n: string;
  }>(
    `SELECT type, ${DAY} AS day, touchpoint, score, count(*) AS n
       FROM responses WHERE ${w.sql} GROUP BY 1, 2, 3, 4`,
    w.params,
  );
  if (!rows.length) {
    const known = await db.query<{ type: SurveyType }>(
      'SELECT type, count(*) AS n FROM responses WHERE survey_id = $1 GROUP BY type ORDER BY n DESC LIMIT 1',
      [surveyId],
    );
    const type = known[0]?.type;
    if (!type) return undefined;
    // The survey exists, but nothing matches the filters: an empty report, not an error.
    const none: Counts = new Map();
    return {
      surveyId,
      type,
      filter,
      count: 0,
      figure: { value: null, margin: null },
      distribution: distribution(type, none),
      groups: groups(type, none),
      ...(type === 'ces' && { shareHigh: null }),
      touchpoints: [],
      days: [],
      comments: [],
    };
  }
  // A survey id has one type; should answers of several types share it, the most common one is reported.
  const byType = new Map<SurveyType, number>();
  for (const r of rows) byType.set(r.type, (byType.get(r.type) ?? 0) + Number(r.n));
  const type = [...byType].sort((a, b) => b[1] - a[1])[0]![0];
  const all: Counts = new Map();
  const days = new Map<string, Counts>();
  const touchpoints = new Map<string, Counts>();
  for (const r of rows) {
    if (r.type !== type) continue;
    const n = Number(r.n);
    all.set(r.score, (all.get(r.score) ?? 0) + n);
    if (r.day !== null) add(days, r.day, r.score, n);
    add(touchpoints, r.touchpoint ?? '', r.score, n);
  }
  const comments = await db.query<{
    id: string;
    score: number;
    comment: string;
    touchpoint: string | null;
    locale: string;
    answered_at: number | string | null;
  }>(
    `SELECT id, score, comment, touchpoint, locale, ${epoch('answered_at')} AS answered_at FROM responses
      WHERE ${w.sql} AND comment IS NOT NULL AND comment <> '' AND type = $${w.params.length + 1}
      ORDER BY answered_at DESC, id LIMIT 20`,
    [...w.params, type],
  );
  const total = figure(type, all);
  return {
    surveyId,
    type,
    filter,
    count: total.n,
    figure: { value: total.value, margin: total.margin },
    distribution: distribution(type, all),
    groups: groups(type, all),
    ...(type === 'ces' && {
      shareHigh: total.n ? ([...all].reduce((s, [score, c]) => s + (score >= 5 ? c : 0), 0) / total.n) * 100 : null,
    }),
    touchpoints: [...touchpoints]
      .map(([touchpoint, counts]) => {
        const f = figure(type, counts);
        return { touchpoint: touchpoint || null, count: f.n, figure: { value: f.value, margin: f.margin } };
      })
      .sort((a, b) => b.count - a.count),
    days: [...days]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, counts]) => {
        const f = figure(type, counts);
        return { day, count: f.n, figure: { value: f.value, margin: f.margin } };
      }),
    comments: comments.map((c) => ({
      id: c.id,
      score: c.score,
      comment: c.comment,
      touchpoint: c.touchpoint,
      locale: c.locale,
      answeredAt: isoFromEpoch(c.answered_at),
    })),
  };
}

/**
 * The survey ids that have displays, each once: one index lookup per survey (a skip scan of
 * displays_survey_time), not a read of every display.
 */
const DISPLAYED_SURVEYS = `WITH RECURSIVE ids (survey_id) AS (
    (SELECT survey_id FROM displays ORDER BY survey_id LIMIT 1)
    UNION ALL
    SELECT (SELECT survey_id FROM displays WHERE survey_id > ids.survey_id ORDER BY survey_id LIMIT 1)
      FROM ids WHERE ids.survey_id IS NOT NULL
  ) SELECT survey_id FROM ids WHERE survey_id IS NOT NULL`;

/** Every survey with answers, and those with displays but no answer yet (count 0, lastAnsweredAt null). */
export async function listSurveys(db: Db) {
  const rows = await db.query<{ survey_id: string; type: SurveyType; n: string; last: number | string | null }>(
    `SELECT survey_id, type, count(*) AS n, ${epoch('max(answered_at)')} AS last
       FROM responses GROUP BY 1, 2
     UNION ALL
     SELECT survey_id, (SELECT type FROM displays d WHERE d.survey_id = shown.survey_id LIMIT 1), 0, NULL
       FROM (${DISPLAYED_SURVEYS}) shown
      WHERE NOT EXISTS (SELECT 1 FROM responses r WHERE r.survey_id = shown.survey_id)
     ORDER BY 1, 3 DESC`,
  );
  const seen = new Map<
    string,
    { surveyId: string; type: SurveyType; count: number; lastAnsweredAt: string | null; last: number }
  >();
  for (const r of rows) {
    const kept = seen.get(r.survey_id);
    // A survey with displays only has no answer time.
    const last = r.last === null ? -Infinity : Number(r.last);
    // Rows come most common type first; like the report, the count is of that type's answers.
    if (kept) {
      if (last > kept.last) Object.assign(kept, { last, lastAnsweredAt: isoFromEpoch(last) });
    } else
      seen.set(r.survey_id, {
        surveyId: r.survey_id,
        type: r.type,
        count: Number(r.n),
        lastAnsweredAt: r.last === null ? null : isoFromEpoch(last),
        last,
      });
  }
  return [...seen.values()].map(({ last: _last, ...survey }) => survey);
}

const CSV_COLUMNS = [
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
];
const CSV_TIMES = new Set(['answered_at', 'sent_at', 'received_at']);
/** Columns written as they are: numbers and booleans the database made, never text a visitor sent. */
const CSV_PLAIN = new Set(['revision', 'complete', 'score']);

/** SQL for a time as ISO text in UTC, for every value PostgreSQL holds (BC years and ±infinity too). */
const isoText = (column: string) =>
  `CASE WHEN NOT isfinite(${column}) THEN ${column}::text
        ELSE to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
             || CASE WHEN ${column} < '0001-01-01T00:00:00Z' THEN ' BC' ELSE '' END END`;

const CSV_SELECT = CSV_COLUMNS.map((c) =>
  CSV_TIMES.has(c) ? `${isoText(c)} AS ${c}` : c === 'id' ? 'id::text AS id' : c,
).join(', ');

/** A character a spreadsheet reads as the start of a formula (OWASP's list: = + - @, tab, carriage return). */
const FORMULA_START = /^[\t\r]|^\s*[=+\-@]/;
/** The same after a character some spreadsheets split cells on when the file is read with another separator. */
const FORMULA_AFTER_SEPARATOR = /([,;\t][ ]*)(?=[=+\-@\t\r])/g;

/**
 * One CSV cell. Text is always quoted; text a spreadsheet would run as a formula (at its start, or
 * after a `,`, `;` or tab that a reader with another separator would split on) gets a `'` before that
 * character, as OWASP's CSV-injection advice says.
 */
export function csvCell(value: unknown, plain = false): string {
  if (value === null || value === undefined) return '';
  if (plain) return String(value);
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  text = text.replace(FORMULA_AFTER_SEPARATOR, "$1'");
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

const csvLine = (row: Record<string, unknown>) =>
  `${CSV_COLUMNS.map((c) => csvCell(row[c], CSV_PLAIN.has(c))).join(',')}\r\n`;

/** How many rows one read of the export takes (a cursor batch, or a page of the embedded database). */
export const CSV_BATCH = 1000;

type CsvRow = Record<string, unknown> & { key_at: string; key_id: string };

/**
 * The rows of an export in (answered_at, id) order, read a batch at a time as they are written: on
 * PostgreSQL through a cursor on a connection of its own; on the embedded database in pages, each
 * starting after the last row of the one before (keyset), so answers coming in meanwhile are stored
 * between two pages.
 */
async function* exportRows(db: Db, surveyId: string, filter: ReportFilter): AsyncGenerator<CsvRow> {
  const w = where(surveyId, filter);
  // The key is read as text and compared as text cast back: exact to the microsecond.
  const select = `SELECT ${CSV_SELECT}, answered_at::text AS key_at, id::text AS key_id FROM responses`;
  if (db.stream) {
    yield* db.stream<CsvRow>(
      `${select} WHERE ${w.sql} ORDER BY responses.answered_at, responses.id`,
      w.params,
      CSV_BATCH,
    );
    return;
  }
  let after: CsvRow | undefined;
  for (;;) {
    const params = [...w.params];
    let keyset = '';
    if (after) {
      params.push(after.key_at, after.key_id);
      keyset = ` AND (answered_at, id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    // The embedded database has no autovacuum, so no statistics: left alone, its planner may read
    // every row after the key and sort them, for each page. The index gives the order by itself.
    const page = await db.transaction(async (q) => {
      await q('SET LOCAL enable_bitmapscan = off');
      await q('SET LOCAL enable_seqscan = off');
      await q('SET LOCAL enable_sort = off');
      return q<CsvRow>(
        `${select} WHERE ${w.sql}${keyset} ORDER BY responses.answered_at, responses.id LIMIT ${CSV_BATCH}`,
        params,
      );
    });
    yield* page;
    if (page.length < CSV_BATCH) return;
    after = page[page.length - 1];
    // The embedded database works on this thread: between two pages, the requests waiting (answers
    // coming in) get their turn, before the next page is read.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * The CSV export as text chunks: a UTF-8 byte order mark (so Excel reads Persian as Persian), the
 * header, then the rows as they are read. Meant for a stream with back-pressure: a batch is read
 * only when the one before has been taken.
 */
export async function* responsesCsv(db: Db, surveyId: string, filter: ReportFilter): AsyncGenerator<string> {
  yield `\uFEFF${CSV_COLUMNS.join(',')}\r\n`;
  let chunk = '';
  let rows = 0;
  for await (const row of exportRows(db, surveyId, filter)) {
    chunk += csvLine(row);
    if (++rows % 200 === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
