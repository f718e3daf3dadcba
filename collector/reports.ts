/**
 * Reports: one survey's headline figure with its 95 % interval, the distribution, the groups, per
 * touchpoint, the trend in buckets (each with its interval), the comparison with the previous period,
 * displays with the response and completion rates; the comments, paged and searched; the survey list
 * and the CSV export of raw responses. Filtered by a date range of days in a time zone (`AT TIME
 * ZONE`), and by touchpoint.
 *
 * Every stored row is reported without an error, whatever its times: ingest keeps them in a sane
 * window, but a database may hold older rows, or rows written by hand. Times are read as epoch
 * numbers or as text made in SQL, never through the driver's Date (which cannot hold every year
 * PostgreSQL can, nor ±infinity); a time JavaScript cannot show is reported as null.
 */
import { SURVEY_TYPES, scoreGroup, type ScoreGroup, type SurveyType } from '../src/scales.js';
import type { Db } from './db.js';
import {
  NO_FIGURE,
  change,
  distribution,
  fewAnswers,
  figure,
  groups,
  groupsOf,
  responseRate,
  share,
  total,
  type Counts,
  type Figure,
} from './measures.js';
import { CALENDARS, addDays, daysBetween, isIsoDay, isTimeZone, type Calendar } from './calendar.js';
import { BUCKETS, bucketOf, chooseBucket, type Bucket } from './trend.js';
import { searchTerms } from './search.js';

export interface ReportFilter {
  /** First day, YYYY-MM-DD, in `tz`. */
  from?: string;
  /** Last day (included), YYYY-MM-DD, in `tz`. */
  to?: string;
  /** The time zone days are cut in: an IANA name (default UTC). */
  tz: string;
  touchpoint?: string;
  /** The trend's bucket; chosen from the range and the data when not given. */
  bucket?: Bucket;
  /** The calendar of month buckets (default gregory). */
  calendar: Calendar;
  /** Comments and the export: search terms, group, score, language. */
  q?: string;
  group?: ScoreGroup;
  score?: number;
  lang?: string;
}

export interface CommentPage {
  /** Where the page starts: the `next` of the page before. */
  cursor?: { at: string; id: string };
  limit: number;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const GROUPS: readonly ScoreGroup[] = ['detractor', 'passive', 'promoter', 'low', 'high'];
const short = (value: string) => JSON.stringify(value.slice(0, 40));

/** Checks the query string of a report, the comments or the export. */
export function readFilter(params: URLSearchParams): Parsed<ReportFilter> {
  const filter: ReportFilter = { tz: 'UTC', calendar: 'gregory' };
  const given = (key: string) => {
    const value = params.get(key);
    return value === null || value === '' ? undefined : value;
  };
  for (const key of ['from', 'to'] as const) {
    const value = given(key);
    if (value === undefined) continue;
    if (!isIsoDay(value)) return { ok: false, error: `${key} = ${short(value)}: expected a date as YYYY-MM-DD.` };
    filter[key] = value;
  }
  if (filter.from && filter.to && filter.from > filter.to) {
    return { ok: false, error: `from = "${filter.from}" is after to = "${filter.to}".` };
  }
  const tz = given('tz');
  if (tz !== undefined) {
    if (!isTimeZone(tz))
      return {
        ok: false,
        error: `tz = ${short(tz)}: expected a time zone by its IANA name, such as Asia/Tehran or UTC.`,
      };
    filter.tz = tz;
  }
  const touchpoint = given('touchpoint');
  if (touchpoint !== undefined) {
    if (touchpoint.length > 64) return { ok: false, error: 'touchpoint: expected at most 64 characters.' };
    filter.touchpoint = touchpoint;
  }
  const bucket = given('bucket');
  if (bucket !== undefined) {
    if (!(BUCKETS as readonly string[]).includes(bucket))
      return { ok: false, error: `bucket = ${short(bucket)}: expected day, week or month.` };
    filter.bucket = bucket as Bucket;
  }
  const calendar = given('calendar');
  if (calendar !== undefined) {
    if (!(CALENDARS as readonly string[]).includes(calendar))
      return { ok: false, error: `calendar = ${short(calendar)}: expected gregory or persian.` };
    filter.calendar = calendar as Calendar;
  }
  const q = given('q');
  if (q !== undefined) {
    if (q.length > 200) return { ok: false, error: 'q: expected at most 200 characters.' };
    if (searchTerms(q).length) filter.q = q;
  }
  const group = given('group');
  if (group !== undefined) {
    if (!(GROUPS as readonly string[]).includes(group))
      return { ok: false, error: `group = ${short(group)}: expected detractor, passive, promoter, low or high.` };
    filter.group = group as ScoreGroup;
  }
  const score = given('score');
  if (score !== undefined) {
    if (!/^-?\d{1,5}$/.test(score) || Math.abs(Number(score)) > 32767)
      return { ok: false, error: `score = ${short(score)}: expected a whole number.` };
    filter.score = Number(score);
  }
  const lang = given('lang');
  if (lang !== undefined) {
    if (!/^[A-Za-z]{2,3}$/.test(lang))
      return { ok: false, error: `lang = ${short(lang)}: expected a language code such as fa or en.` };
    filter.lang = lang.toLowerCase();
  }
  return { ok: true, value: filter };
}

/** Checks the paging of the comments: `limit` (1–100, default 20) and `cursor` (a `next` given before). */
export function readPage(params: URLSearchParams): Parsed<CommentPage> {
  const page: CommentPage = { limit: 20 };
  const limit = params.get('limit');
  if (limit !== null && limit !== '') {
    if (!/^\d{1,3}$/.test(limit) || Number(limit) < 1 || Number(limit) > 100)
      return { ok: false, error: 'limit: expected a whole number from 1 to 100.' };
    page.limit = Number(limit);
  }
  const cursor = params.get('cursor');
  if (cursor !== null && cursor !== '') {
    const bad = { ok: false as const, error: 'cursor: expected the `next` of a page of comments.' };
    try {
      const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
      if (typeof at !== 'string' || typeof id !== 'string' || at.length > 64) return bad;
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return bad;
      if (!/^(-?infinity|[0-9: +\-.BC]+)$/.test(at)) return bad;
      page.cursor = { at, id };
    } catch {
      return bad;
    }
  }
  return { ok: true, value: page };
}

const encodeCursor = (at: string, id: string) => Buffer.from(JSON.stringify([at, id])).toString('base64url');

/** A WHERE clause and its parameters, built up. */
class Where {
  readonly clauses: string[] = [];
  constructor(readonly params: unknown[]) {}
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
  add(clause: string): this {
    this.clauses.push(clause);
    return this;
  }
  get sql(): string {
    return this.clauses.join(' AND ');
  }
}

/**
 * The survey, the days from `from` to `to` in `tz` of `column`, and the touchpoint. `from` and `to`
 * default to the filter's.
 */
function rangeWhere(
  surveyId: string,
  filter: ReportFilter,
  column: 'answered_at' | 'shown_at',
  range: { from?: string; to?: string } = filter,
): Where {
  const w = new Where([surveyId]).add('survey_id = $1');
  const tz = range.from || range.to ? w.param(filter.tz) : '';
  if (range.from) w.add(`${column} >= (${w.param(range.from)}::date)::timestamp AT TIME ZONE ${tz}::text`);
  if (range.to) w.add(`${column} < (${w.param(range.to)}::date + 1)::timestamp AT TIME ZONE ${tz}::text`);
  if (filter.touchpoint !== undefined) w.add(`touchpoint = ${w.param(filter.touchpoint)}`);
  return w;
}

/** The scores of a group of a type, as SQL over `score` (off-scale scores on the side scoreGroup puts them). */
function groupSql(type: SurveyType, group: ScoreGroup): string {
  const all = groupsOf(type);
  const index = all.findIndex((g) => g.group === group);
  if (index < 0) return 'false';
  const { min, max } = all[index]!;
  if (index === 0) return `score <= ${max}`;
  if (index === all.length - 1) return `score >= ${min}`;
  return `score BETWEEN ${min} AND ${max}`;
}

/** Adds the comment filters: search terms (each in the folded comment), group, score and language. */
function commentWhere(w: Where, type: SurveyType, filter: ReportFilter, commentsOnly: boolean): Where {
  if (commentsOnly || filter.q) w.add("comment_folded <> ''");
  for (const term of filter.q ? searchTerms(filter.q) : []) w.add(`strpos(comment_folded, ${w.param(term)}) > 0`);
  if (filter.group) w.add(groupSql(type, filter.group));
  if (filter.score !== undefined) w.add(`score = ${w.param(filter.score)}`);
  if (filter.lang) {
    const lang = w.param(filter.lang);
    w.add(`(lower(locale) = ${lang} OR lower(locale) LIKE ${lang} || '-%')`);
  }
  return w;
}

/** The latest moment JavaScript's Date holds (±8.64e15 ms around 1970). */
const MAX_DATE_MS = 8.64e15;

/** An epoch time in seconds (as the database gives it, perhaps as text or ±Infinity) as ISO text, or null. */
export function isoFromEpoch(seconds: unknown): string | null {
  const ms = Number(seconds) * 1000;
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS ? new Date(ms).toISOString() : null;
}

/** SQL for a time column as epoch seconds (finite or ±Infinity), read with isoFromEpoch. */
const epoch = (column: string) => `extract(epoch FROM ${column})::float8`;

/**
 * SQL that counts rows grouped by the day of `column` in the time zone `tz` (a parameter) and by
 * `keys`: the day as YYYY-MM-DD, only for days of years 1 to 9999 (else NULL: left out of the trend).
 * Rows are grouped on the date first and the text made per group, not per row.
 */
const byLocalDay = (
  table: string,
  column: string,
  tz: string,
  keys: string[],
  counts: Array<[expression: string, name: string]>,
  where: string,
) => {
  const kept = keys.map((k) => `${k}, `).join('');
  return `SELECT ${kept}to_char(d, 'YYYY-MM-DD') AS day,
                 ${counts.map(([, name]) => name).join(', ')}
            FROM (SELECT ${kept}CASE WHEN ${column} >= '0001-01-02T00:00:00Z' AND ${column} < '9999-12-31T00:00:00Z'
                                     THEN (${column} AT TIME ZONE ${tz}::text)::date END AS d,
                         ${counts.map(([expression, name]) => `${expression} AS ${name}`).join(', ')}
                    FROM ${table} WHERE ${where}
                   GROUP BY ${[...keys, 'd'].map((_, i) => i + 1).join(', ')}) grouped`;
};

/** The type most of a survey's answers have (a survey id has one; should several share it, the most common). */
async function surveyType(db: Db, surveyId: string): Promise<SurveyType | undefined> {
  const rows = await db.query<{ type: SurveyType }>(
    `SELECT type FROM (SELECT type, count(*) AS n FROM responses WHERE survey_id = $1 GROUP BY type) t
      ORDER BY n DESC, type LIMIT 1`,
    [surveyId],
  );
  if (rows[0]) return rows[0].type;
  const shown = await db.query<{ type: string }>('SELECT type FROM displays WHERE survey_id = $1 LIMIT 1', [surveyId]);
  const type = shown[0]?.type;
  return (SURVEY_TYPES as readonly string[]).includes(type ?? '') ? (type as SurveyType) : undefined;
}

/** What a group of answers (a touchpoint, a bucket, the whole range) reports. */
interface Tally {
  counts: Counts;
  completed: number;
  displays: number;
}
const tally = (): Tally => ({ counts: new Map(), completed: 0, displays: 0 });

function summary(type: SurveyType, t: Tally) {
  const count = total(t.counts);
  return {
    count,
    fewAnswers: fewAnswers(count),
    figure: figure(type, t.counts),
    displays: t.displays,
    responseRate: responseRate(count, t.displays),
    completed: t.completed,
    completionRate: share(t.completed, count),
  };
}

/** A tally per key, made on first use. */
function keyed(): { get(key: string): Tally; entries(): Array<[string, Tally]> } {
  const map = new Map<string, Tally>();
  return {
    get(key) {
      let t = map.get(key);
      if (!t) map.set(key, (t = tally()));
      return t;
    },
    entries: () => [...map],
  };
}

/** A sentence's worth of the change: whether its 95 % interval leaves out 0. */
const beyondChance = (delta: Figure): boolean | null =>
  delta.lower === null || delta.upper === null ? null : delta.lower > 0 || delta.upper < 0;

export async function surveyReport(db: Db, surveyId: string, filter: ReportFilter) {
  // With a whole range, the period before it of the same length is read in the same query.
  const length = filter.from && filter.to ? daysBetween(filter.from, filter.to) + 1 : 0;
  const before_ = length ? addDays(filter.from!, -length) : '';
  const previous = length && isIsoDay(before_) ? { from: before_, to: addDays(filter.from!, -1) } : undefined;
  const read = { from: previous?.from ?? filter.from, to: filter.to };

  const w = rangeWhere(surveyId, filter, 'answered_at', read);
  const tz = w.param(filter.tz);
  const rows = await db.query<{
    type: SurveyType;
    day: string | null;
    touchpoint: string | null;
    score: number;
    n: string;
    completed: string;
  }>(
    byLocalDay(
      'responses',
      'answered_at',
      tz,
      ['type', 'touchpoint', 'score'],
      [
        ['count(*)', 'n'],
        ["count(*) FILTER (WHERE complete OR comment_folded <> '')", 'completed'],
      ],
      w.sql,
    ),
    w.params,
  );
  const d = rangeWhere(surveyId, filter, 'shown_at', read);
  const dtz = d.param(filter.tz);
  const shown = await db.query<{ day: string | null; touchpoint: string | null; n: string }>(
    byLocalDay('displays', 'shown_at', dtz, ['touchpoint'], [['count(*)', 'n']], d.sql),
    d.params,
  );

  const inPrevious = (day: string | null) => !!previous && day !== null && day < filter.from!;
  // The type: the most common among the answers of the range (one, almost always), else of the survey.
  const byType = new Map<SurveyType, number>();
  for (const r of rows) if (!inPrevious(r.day)) byType.set(r.type, (byType.get(r.type) ?? 0) + Number(r.n));
  const type =
    [...byType].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? (await surveyType(db, surveyId));
  if (!type) return undefined;
  const current = tally();
  const before = tally();
  const touchpoints = keyed();
  const days = keyed();
  for (const r of rows) {
    if (r.type !== type) continue;
    const n = Number(r.n);
    const completed = Number(r.completed);
    const targets = inPrevious(r.day)
      ? [before]
      : [current, touchpoints.get(r.touchpoint ?? ''), ...(r.day !== null ? [days.get(r.day)] : [])];
    for (const t of targets) {
      t.counts.set(r.score, (t.counts.get(r.score) ?? 0) + n);
      t.completed += completed;
    }
  }
  for (const r of shown) {
    const n = Number(r.n);
    const targets = inPrevious(r.day)
      ? [before]
      : [current, touchpoints.get(r.touchpoint ?? ''), ...(r.day !== null ? [days.get(r.day)] : [])];
    for (const t of targets) t.displays += n;
  }

  // The trend: the range, or the days with answers or displays when it is open.
  const seen = days
    .entries()
    .map(([day]) => day)
    .sort();
  const range =
    seen.length === 0
      ? undefined
      : { start: filter.from ?? (seen[0] as string), end: filter.to ?? (seen[seen.length - 1] as string) };
  const answered = total(current.counts);
  const bucket = filter.bucket ?? (range ? chooseBucket(answered, daysBetween(range.start, range.end) + 1) : 'day');
  const buckets = keyed();
  const edges = new Map<string, { start: string; end: string }>();
  for (const [day, t] of days.entries()) {
    const edge = bucketOf(bucket, day, range!, filter.calendar);
    edges.set(edge.start, edge);
    const b = buckets.get(edge.start);
    for (const [score, c] of t.counts) b.counts.set(score, (b.counts.get(score) ?? 0) + c);
    b.completed += t.completed;
    b.displays += t.displays;
  }

  const options = await reportOptions(db, surveyId);
  const whole = summary(type, current);
  return {
    surveyId,
    type,
    filter: given(filter),
    ...whole,
    ...(type === 'ces' && {
      shareHigh: share(
        [...current.counts].reduce((sum, [score, c]) => sum + (scoreGroup('ces', score) === 'high' ? c : 0), 0),
        answered,
      ),
    }),
    distribution: distribution(type, current.counts),
    groups: groups(type, current.counts),
    touchpoints: touchpoints
      .entries()
      .map(([touchpoint, t]) => ({ touchpoint: touchpoint || null, ...summary(type, t) }))
      .sort((a, b) => b.count - a.count || b.displays - a.displays),
    trend: {
      bucket,
      chosen: !filter.bucket,
      points: buckets
        .entries()
        .map(([start, t]) => ({ ...edges.get(start)!, ...summary(type, t) }))
        .sort((a, b) => a.start.localeCompare(b.start)),
    },
    comparison: previous ? comparison(type, previous, before, whole.figure) : null,
    options,
  };
}

function comparison(type: SurveyType, previous: { from: string; to: string }, before: Tally, now: Figure) {
  const count = total(before.counts);
  const then = figure(type, before.counts);
  const delta = count ? change(then, now) : NO_FIGURE;
  return {
    previous: { ...previous, count, fewAnswers: fewAnswers(count), figure: then },
    change: delta,
    beyondChance: beyondChance(delta),
  };
}

/** The filter as asked (the keys given), with the time zone and calendar in force. */
function given(filter: ReportFilter): Partial<ReportFilter> {
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined));
}

/** The touchpoints and languages of all the survey's answers, for filters. */
async function reportOptions(db: Db, surveyId: string) {
  const [touchpoints, languages] = await Promise.all([
    db.query<{ touchpoint: string }>(
      'SELECT DISTINCT touchpoint FROM responses WHERE survey_id = $1 AND touchpoint IS NOT NULL ORDER BY 1',
      [surveyId],
    ),
    db.query<{ lang: string }>(
      `SELECT DISTINCT lower(split_part(locale, '-', 1)) AS lang FROM responses
        WHERE survey_id = $1 AND comment_folded <> '' ORDER BY 1`,
      [surveyId],
    ),
  ]);
  return {
    touchpoints: touchpoints.map((r) => r.touchpoint),
    languages: languages.map((r) => r.lang).filter((lang) => /^[a-z]{2,3}$/.test(lang)),
  };
}

/** A page of comments, newest first, with every filter; `next` is the cursor of the page after, or null. */
export async function surveyComments(db: Db, surveyId: string, filter: ReportFilter, page: CommentPage) {
  const type = await surveyType(db, surveyId);
  if (!type) return undefined;
  const w = commentWhere(rangeWhere(surveyId, filter, 'answered_at'), type, filter, true);
  w.add(`type = ${w.param(type)}`);
  const counted = await db.query<{ n: string }>(`SELECT count(*) AS n FROM responses WHERE ${w.sql}`, [...w.params]);
  if (page.cursor) {
    w.add(`(answered_at, id) < (${w.param(page.cursor.at)}::timestamptz, ${w.param(page.cursor.id)}::uuid)`);
  }
  const rows = await db.query<{
    id: string;
    score: number;
    comment: string;
    touchpoint: string | null;
    locale: string;
    complete: boolean;
    page_url: string;
    metadata: unknown;
    answered_at: number | string | null;
    key_at: string;
  }>(
    `SELECT id::text AS id, score, comment, touchpoint, locale, complete, page_url, metadata,
            ${epoch('answered_at')} AS answered_at, answered_at::text AS key_at
       FROM responses WHERE ${w.sql}
      ORDER BY responses.answered_at DESC, responses.id DESC LIMIT ${page.limit + 1}`,
    w.params,
  );
  const more = rows.length > page.limit;
  const shown = rows.slice(0, page.limit);
  const last = shown[shown.length - 1];
  return {
    surveyId,
    type,
    filter: given(filter),
    total: Number(counted[0]?.n ?? 0),
    comments: shown.map((c) => ({
      id: c.id,
      score: c.score,
      group: scoreGroup(type, c.score),
      comment: c.comment,
      touchpoint: c.touchpoint,
      locale: c.locale,
      complete: c.complete,
      pageUrl: c.page_url,
      metadata: c.metadata ?? null,
      answeredAt: isoFromEpoch(c.answered_at),
    })),
    next: more && last ? encodeCursor(last.key_at, last.id) : null,
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
  const type = (await surveyType(db, surveyId)) ?? 'nps';
  const w = commentWhere(rangeWhere(surveyId, filter, 'answered_at'), type, filter, false);
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
