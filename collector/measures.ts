/**
 * The headline figures of SPEC §2 and their 95 % margins of error, from score counts.
 *   NPS  = (p₊ − p₋)·100,   MoE = 1.96·√((p₊(1−p₊) + p₋(1−p₋) + 2p₊p₋)/n)·100
 *   CSAT = p·100 (p: share of 4–5),   MoE = 1.96·√(p(1−p)/n)·100
 *   CES  = mean score,   MoE = 1.96·s/√n (s: sample standard deviation); also the share of 5–7
 */
import { SCALES, scoreGroup, type SurveyType } from '../src/scales.js';

export type Counts = Map<number, number>;

export interface Figure {
  /** NPS (−100…100), CSAT % (0…100) or CES mean (1…7); null without answers. */
  value: number | null;
  /** Half-width of the 95 % confidence interval, in the figure's unit; null below two answers. */
  margin: number | null;
  n: number;
}

const Z = 1.96;

export function figure(type: SurveyType, counts: Counts): Figure {
  let n = 0;
  for (const c of counts.values()) n += c;
  if (n === 0) return { value: null, margin: null, n };
  const share = (test: (score: number) => boolean) =>
    [...counts].reduce((sum, [score, c]) => sum + (test(score) ? c : 0), 0) / n;
  if (type === 'nps') {
    const p = share((s) => s >= 9);
    const d = share((s) => s <= 6);
    return {
      value: (p - d) * 100,
      margin: n > 1 ? Z * Math.sqrt((p * (1 - p) + d * (1 - d) + 2 * p * d) / n) * 100 : null,
      n,
    };
  }
  if (type === 'csat') {
    const p = share((s) => s >= 4);
    return { value: p * 100, margin: n > 1 ? Z * Math.sqrt((p * (1 - p)) / n) * 100 : null, n };
  }
  const mean = [...counts].reduce((sum, [score, c]) => sum + score * c, 0) / n;
  if (n < 2) return { value: mean, margin: null, n };
  const variance = [...counts].reduce((sum, [score, c]) => sum + c * (score - mean) ** 2, 0) / (n - 1);
  return { value: mean, margin: (Z * Math.sqrt(variance)) / Math.sqrt(n), n };
}

/** Counts per score group: detractors/passives/promoters for NPS, low/high for CSAT and CES. */
export function groups(type: SurveyType, counts: Counts): Record<string, number> {
  const out: Record<string, number> = type === 'nps' ? { detractor: 0, passive: 0, promoter: 0 } : { low: 0, high: 0 };
  for (const [score, c] of counts) out[scoreGroup(type, score)] = (out[scoreGroup(type, score)] ?? 0) + c;
  return out;
}

/** Every score of the scale with its count, zeros included. */
export function distribution(type: SurveyType, counts: Counts): Array<{ score: number; count: number }> {
  const { min, max } = SCALES[type];
  return Array.from({ length: max - min + 1 }, (_, i) => ({ score: min + i, count: counts.get(min + i) ?? 0 }));
}
