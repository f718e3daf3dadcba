/**
 * The trend's buckets: day, week or month, chosen from the range and the data so that a bucket
 * holds enough answers to say something, and the days of a range cut into them. Pure functions.
 *
 * The rule: the finest of day, week and month whose buckets hold, on average over the range,
 * at least BUCKET_ANSWERS answers (FEW_ANSWERS: the count under which a figure says "few answers"),
 * and which gives at most MAX_POINTS points; months when none does. Weeks are blocks of 7 days from
 * the first day of the range (the last one may be shorter), so they fit any calendar and any range;
 * months are the months of the viewer's calendar (Solar Hijri in Persian), cut to the range.
 */
import { FEW_ANSWERS } from './intervals.js';
import { addDays, daysBetween, monthStart, nextMonthStart, type Calendar } from './calendar.js';

export const BUCKETS = ['day', 'week', 'month'] as const;
export type Bucket = (typeof BUCKETS)[number];

/** The answers a bucket should hold on average. */
export const BUCKET_ANSWERS = FEW_ANSWERS;
/** The most points a day or week trend may have. */
export const MAX_POINTS = 120;

const LENGTH: Record<Exclude<Bucket, 'month'>, number> = { day: 1, week: 7 };

/** The bucket for `answers` over `days` days (the range's length, both ends included). */
export function chooseBucket(answers: number, days: number): Bucket {
  const span = Math.max(1, days);
  for (const bucket of ['day', 'week'] as const) {
    const length = LENGTH[bucket];
    if (span / length <= MAX_POINTS && (answers * Math.min(length, span)) / span >= BUCKET_ANSWERS) return bucket;
  }
  return 'month';
}

/** The bucket (its first and last day) that `day` falls in, for a range starting on `start`. */
export function bucketOf(
  bucket: Bucket,
  day: string,
  range: { start: string; end: string },
  calendar: Calendar,
): { start: string; end: string } {
  let start: string;
  let next: string;
  if (bucket === 'month') {
    start = monthStart(calendar, day);
    next = nextMonthStart(calendar, day);
  } else {
    const length = LENGTH[bucket];
    const offset = Math.floor(daysBetween(range.start, day) / length) * length;
    start = addDays(range.start, offset);
    next = addDays(start, length);
  }
  const end = addDays(next, -1);
  return { start: start < range.start ? range.start : start, end: end > range.end ? range.end : end };
}
