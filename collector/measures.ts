/**
 * The headline figures of SPEC §2 with their 95 % intervals, from score counts, and the shares,
 * rates and changes the reports give. The intervals are intervals.ts's (see its header for the
 * formulas, their sources and the simulation that chose them):
 *   NPS  = (promoters − detractors)/n·100, the continuity-corrected score interval (npsInterval)
 *   CSAT = share of 4–5 ·100, Wilson with continuity correction (wilson)
 *   CES  = mean score, Student's t with a pseudo-answer at each end of the scale (meanInterval);
 *          also the share of 5–7, Wilson
 *   each group's share, the response and completion rates: Wilson
 *   the change between two periods: MOVER (changeInterval)
 */
import { SCALES, scoreGroup, type ScoreGroup, type SurveyType } from '../src/scales.js';
import { FEW_ANSWERS, changeInterval, meanInterval, npsInterval, wilson, type Interval } from './intervals.js';

export type Counts = Map<number, number>;

/** A figure with its 95 % interval; all null without answers, the interval null when it cannot be had. */
export interface Figure {
  value: number | null;
  lower: number | null;
  upper: number | null;
}

export const NO_FIGURE: Figure = { value: null, lower: null, upper: null };

export const total = (counts: Counts): number => [...counts.values()].reduce((sum, c) => sum + c, 0);

/** Whether a figure rests on fewer than FEW_ANSWERS answers (none included). */
export const fewAnswers = (n: number): boolean => n < FEW_ANSWERS;

/** x of n as a percentage with its Wilson interval; NO_FIGURE when n is 0 or x is out of 0…n. */
export function share(x: number, n: number): Figure {
  const interval = wilson(x, n);
  if (!interval) return NO_FIGURE;
  return { value: (x / n) * 100, lower: interval.lower * 100, upper: interval.upper * 100 };
}

const scaled = (value: number, interval: Interval | null, factor: number): Figure => ({
  value: value * factor,
  lower: interval ? interval.lower * factor : null,
  upper: interval ? interval.upper * factor : null,
});

/** The headline figure of a survey type from its score counts. */
export function figure(type: SurveyType, counts: Counts): Figure {
  const n = total(counts);
  if (n === 0) return NO_FIGURE;
  const count = (test: (score: number) => boolean) =>
    [...counts].reduce((sum, [score, c]) => sum + (test(score) ? c : 0), 0);
  if (type === 'nps') {
    const promoters = count((s) => scoreGroup('nps', s) === 'promoter');
    const detractors = count((s) => scoreGroup('nps', s) === 'detractor');
    return scaled((promoters - detractors) / n, npsInterval(promoters, detractors, n), 100);
  }
  if (type === 'csat')
    return share(
      count((s) => scoreGroup('csat', s) === 'high'),
      n,
    );
  let sum = 0;
  let sumOfSquares = 0;
  for (const [score, c] of counts) {
    sum += score * c;
    sumOfSquares += score * score * c;
  }
  const mean = sum / n;
  const { min, max } = SCALES.ces;
  const interval = meanInterval({ n, sum, sumOfSquares }, min, max);
  // The mean shown is the answers' own; the interval (centred with its pseudo-answers) is widened to
  // hold it in the rare case it does not.
  return interval
    ? { value: mean, lower: Math.min(interval.lower, mean), upper: Math.max(interval.upper, mean) }
    : { value: mean, lower: null, upper: null };
}

/** The change from `before` to `after` with its 95 % interval; NO_FIGURE when either lacks an interval. */
export function change(before: Figure, after: Figure): Figure {
  if (before.value === null || after.value === null || before.lower === null || after.lower === null) return NO_FIGURE;
  const interval = changeInterval(
    { estimate: before.value, interval: { lower: before.lower, upper: before.upper as number } },
    { estimate: after.value, interval: { lower: after.lower, upper: after.upper as number } },
  );
  return { value: after.value - before.value, lower: interval.lower, upper: interval.upper };
}

/** The groups of a type, in order, with their scores. */
export function groupsOf(type: SurveyType): Array<{ group: ScoreGroup; min: number; max: number }> {
  const { min, max } = SCALES[type];
  const out: Array<{ group: ScoreGroup; min: number; max: number }> = [];
  for (let score = min; score <= max; score++) {
    const group = scoreGroup(type, score);
    const last = out[out.length - 1];
    if (last && last.group === group) last.max = score;
    else out.push({ group, min: score, max: score });
  }
  return out;
}

/** Each score group with its count and share (Wilson): detractor/passive/promoter for NPS, low/high else. */
export function groups(type: SurveyType, counts: Counts): Record<string, { count: number; share: Figure }> {
  const n = total(counts);
  const out: Record<string, { count: number; share: Figure }> = {};
  const tally = new Map<ScoreGroup, number>();
  // Scores off the scale (rows written by hand) count in the group their side of the scale gives, as in the figure.
  for (const [score, c] of counts) tally.set(scoreGroup(type, score), (tally.get(scoreGroup(type, score)) ?? 0) + c);
  for (const { group } of groupsOf(type)) {
    const count = tally.get(group) ?? 0;
    out[group] = { count, share: share(count, n) };
  }
  return out;
}

/** Every score of the scale with its count, zeros included. */
export function distribution(type: SurveyType, counts: Counts): Array<{ score: number; count: number }> {
  const { min, max } = SCALES[type];
  return Array.from({ length: max - min + 1 }, (_, i) => ({ score: min + i, count: counts.get(min + i) ?? 0 }));
}

/** Answers against displays: the response rate (Wilson), none without displays or with fewer displays than answers. */
export function responseRate(answers: number, displays: number): Figure {
  return displays > 0 && answers <= displays ? share(answers, displays) : NO_FIGURE;
}
