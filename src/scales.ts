/** The three measures (SPEC §2): pure data, no DOM. */
export const SURVEY_TYPES = ['nps', 'csat', 'ces'] as const;
export type SurveyType = (typeof SURVEY_TYPES)[number];

export interface Scale {
  readonly min: number;
  readonly max: number;
}

export const SCALES: Readonly<Record<SurveyType, Scale>> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 7 },
};

/** NPS: detractor 0–6, passive 7–8, promoter 9–10. CSAT: high is 4–5. CES: high is 5–7. */
export type ScoreGroup = 'detractor' | 'passive' | 'promoter' | 'low' | 'high';

export function scoreGroup(type: SurveyType, score: number): ScoreGroup {
  if (type === 'nps') return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
  return score >= (type === 'csat' ? 4 : 5) ? 'high' : 'low';
}

/**
 * Every score of a scale, lowest first. A plain loop: pages replace `Array.from` (Prototype's
 * ignores the map function, MooTools' returns holes), and the scale must not depend on them.
 */
export function scoreValues(type: SurveyType): number[] {
  const { min, max } = SCALES[type];
  const values: number[] = [];
  for (let v = min; v <= max; v++) values.push(v);
  return values;
}
