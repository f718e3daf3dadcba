/**
 * Checks a response or a display read back from IndexedDB against wire format v1, by hand: the zod
 * schemas in wire.ts say the same (a test holds them together) but would cost the browser bundle
 * 1.4 kB. Returns what is wrong, or undefined when the record is valid.
 */
import { SCALES, type SurveyType } from './scales.js';
import { SURVEY_ID, isMetadata, isStringMap } from './metadata.js';
import type { RetryState } from './backoff.js';
import type { SurveyDisplay, SurveyResponse } from './wire.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d)$/;

const text = (v: unknown, min: number, max: number) => typeof v === 'string' && v.length >= min && v.length <= max;
const isTime = (v: unknown) => typeof v === 'string' && ISO_TIME.test(v) && !Number.isNaN(Date.parse(v));

type Checks = Array<[boolean, string]>;

/** The names of the failed checks, or undefined. */
function problemOf(checks: Checks): string | undefined {
  const bad = checks.filter(([ok]) => !ok).map(([, name]) => name);
  return bad.length ? `invalid ${bad.join(', ')}` : undefined;
}

/** The checks of the fields a response and a display share. */
function shared(r: Partial<Record<keyof SurveyDisplay, unknown>>): Checks {
  return [
    [typeof r.id === 'string' && UUID.test(r.id), 'id'],
    [typeof r.surveyId === 'string' && SURVEY_ID.test(r.surveyId), 'surveyId'],
    [Object.hasOwn(SCALES, r.type as string), 'type'],
    [text(r.locale, 2, 64), 'locale'],
    [r.touchpoint === undefined || text(r.touchpoint, 0, 64), 'touchpoint'],
    [typeof r.page === 'object' && r.page !== null && text((r.page as { url?: unknown }).url, 0, 4096), 'page'],
  ];
}

export function responseProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'not an object';
  const r = value as Partial<Record<keyof SurveyResponse, unknown>>;
  const scale = Object.hasOwn(SCALES, r.type as string) ? SCALES[r.type as SurveyType] : undefined;
  const s = r.scale as { min?: unknown; max?: unknown } | undefined;
  return problemOf([
    ...shared(r),
    [Number.isSafeInteger(r.revision) && (r.revision as number) >= 1, 'revision'],
    [typeof r.complete === 'boolean', 'complete'],
    [!!scale && typeof s === 'object' && s !== null && s.min === scale.min && s.max === scale.max, 'scale'],
    [
      !!scale && Number.isSafeInteger(r.score) && (r.score as number) >= scale.min && (r.score as number) <= scale.max,
      'score',
    ],
    [r.comment === undefined || text(r.comment, 0, 2000), 'comment'],
    [r.metadata === undefined || isMetadata(r.metadata), 'metadata'],
    [isTime(r.answeredAt), 'answeredAt'],
  ]);
}

export function displayProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'not an object';
  const d = value as Partial<Record<keyof SurveyDisplay, unknown>>;
  return problemOf([...shared(d), [isTime(d.shownAt), 'shownAt']]);
}

const isTimeValue = (v: unknown) => v === undefined || Number.isFinite(v);

/**
 * The checks of a stored entry around its (valid) response or display: its endpoint, headers and retry state,
 * and the key it is stored under. A missing storedAt or attempts passes (an old record gets a fresh state).
 */
export function entryProblem(
  entry: Partial<RetryState> & { endpoint?: unknown; headers?: unknown },
  item: { id: string },
  key: IDBValidKey,
): string | undefined {
  if (item.id !== key) return 'stored under another id';
  const { attempts } = entry;
  return problemOf([
    [typeof entry.endpoint === 'string' && !!entry.endpoint, 'endpoint'],
    [entry.headers === undefined || isStringMap(entry.headers, () => true), 'headers'],
    [isTimeValue(entry.storedAt), 'storedAt'],
    [attempts === undefined || (Number.isInteger(attempts) && attempts >= 0), 'attempts'],
    [isTimeValue(entry.notBefore), 'notBefore'],
  ]);
}
