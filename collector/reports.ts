/**
 * Reports: one survey's figure with its margin of error, distribution, groups, per touchpoint, per
 * day (UTC, by answer time) and the latest comments; filtered by date range and touchpoint. Also the
 * survey list and the CSV export of raw responses.
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

export async function surveyReport(db: Db, surveyId: string, filter: ReportFilter) {
  const w = where(surveyId, filter);
  const rows = await db.query<{ type: SurveyType; day: string; touchpoint: string | null; score: number; n: string }>(
    `SELECT type, to_char(answered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, touchpoint, score, count(*) AS n
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
    add(days, r.day, r.score, n);
    add(touchpoints, r.touchpoint ?? '', r.score, n);
  }
  const comments = await db.query<{
    id: string;
    score: number;
    comment: string;
    touchpoint: string | null;
    locale: string;
    answered_at: Date | string;
  }>(
    `SELECT id, score, comment, touchpoint, locale, answered_at FROM responses
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
      answeredAt: new Date(c.answered_at).toISOString(),
    })),
  };
}

export async function listSurveys(db: Db) {
  const rows = await db.query<{ survey_id: string; type: SurveyType; n: string; last: Date | string }>(
    `SELECT survey_id, type, count(*) AS n, max(answered_at) AS last FROM responses GROUP BY 1, 2 ORDER BY 1, 3 DESC`,
  );
  const seen = new Map<string, { surveyId: string; type: SurveyType; count: number; lastAnsweredAt: string }>();
  for (const r of rows) {
    const kept = seen.get(r.survey_id);
    const lastAnsweredAt = new Date(r.last).toISOString();
    // Rows come most common type first; like the report, the count is of that type's answers.
    if (kept) {
      if (lastAnsweredAt > kept.lastAnsweredAt) kept.lastAnsweredAt = lastAnsweredAt;
    } else seen.set(r.survey_id, { surveyId: r.survey_id, type: r.type, count: Number(r.n), lastAnsweredAt });
  }
  return [...seen.values()];
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

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text =
    value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  // Cells a spreadsheet would run as a formula are prefixed with a quote.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export async function responsesCsv(db: Db, surveyId: string, filter: ReportFilter): Promise<string> {
  const w = where(surveyId, filter);
  const rows = await db.query<Record<string, unknown>>(
    `SELECT ${CSV_COLUMNS.join(', ')} FROM responses WHERE ${w.sql} ORDER BY answered_at, id`,
    w.params,
  );
  return (
    [CSV_COLUMNS.join(','), ...rows.map((r) => CSV_COLUMNS.map((c) => csvCell(r[c])).join(','))].join('\r\n') + '\r\n'
  );
}
