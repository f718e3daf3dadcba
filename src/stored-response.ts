/**
 * Checks a response read back from IndexedDB against wire format v1, by hand: the zod schema in
 * wire.ts says the same (a test holds them together) but would cost the browser bundle 1.4 kB.
 * Returns what is wrong, or undefined when the response is valid.
 */
import { SCALES, type SurveyType } from './scales.js';
import { SURVEY_ID, isMetadata } from './metadata.js';
import type { SurveyResponse } from './wire.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d)$/;

const text = (v: unknown, min: number, max: number) => typeof v === 'string' && v.length >= min && v.length <= max;

export function responseProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'not an object';
  const r = value as Partial<Record<keyof SurveyResponse, unknown>>;
  const scale = SCALES[r.type as SurveyType] as (typeof SCALES)['nps'] | undefined;
  const s = r.scale as { min?: unknown; max?: unknown } | undefined;
  const problems: Array<[boolean, string]> = [
    [typeof r.id === 'string' && UUID.test(r.id), 'id'],
    [Number.isSafeInteger(r.revision) && (r.revision as number) >= 1, 'revision'],
    [typeof r.complete === 'boolean', 'complete'],
    [typeof r.surveyId === 'string' && SURVEY_ID.test(r.surveyId), 'surveyId'],
    [!!scale && Object.hasOwn(SCALES, r.type as string), 'type'],
    [!!scale && typeof s === 'object' && s !== null && s.min === scale.min && s.max === scale.max, 'scale'],
    [
      !!scale && Number.isSafeInteger(r.score) && (r.score as number) >= scale.min && (r.score as number) <= scale.max,
      'score',
    ],
    [r.comment === undefined || text(r.comment, 0, 2000), 'comment'],
    [text(r.locale, 2, 64), 'locale'],
    [r.touchpoint === undefined || text(r.touchpoint, 0, 64), 'touchpoint'],
    [typeof r.page === 'object' && r.page !== null && text((r.page as { url?: unknown }).url, 0, 4096), 'page'],
    [r.metadata === undefined || isMetadata(r.metadata), 'metadata'],
    [typeof r.answeredAt === 'string' && ISO_TIME.test(r.answeredAt), 'answeredAt'],
  ];
  const bad = problems.filter(([ok]) => !ok).map(([, name]) => name);
  return bad.length ? `invalid ${bad.join(', ')}` : undefined;
}
