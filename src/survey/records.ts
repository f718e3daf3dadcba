/** The records a survey makes: each revision of its response, and the display (the question shown). */
import type { SurveyConfig } from '../config.js';
import { SCALES } from '../scales.js';
import { newResponseId, pageUrl } from '../response.js';
import type { SurveyDisplay, SurveyResponse } from '../wire.js';

/** The next revision of the response (the first when there is none yet), answered now. */
export function nextRevision(
  previous: SurveyResponse | undefined,
  config: SurveyConfig,
  locale: string,
  score: number,
  complete: boolean,
  comment?: string,
): SurveyResponse {
  return {
    id: previous?.id ?? newResponseId(),
    revision: (previous?.revision ?? 0) + 1,
    complete,
    surveyId: config.surveyId,
    type: config.type,
    score,
    scale: { ...SCALES[config.type] },
    ...(comment && { comment }),
    locale,
    ...(config.touchpoint && { touchpoint: config.touchpoint }),
    page: { url: pageUrl(config.includeQuery) },
    ...(config.metadata && { metadata: { ...config.metadata } }),
    answeredAt: new Date().toISOString(),
  };
}

/** A display: nothing in it links it to the visitor or to an answer. */
export function displayRecord(config: SurveyConfig, locale: string): SurveyDisplay {
  const { surveyId, type, touchpoint, includeQuery } = config;
  return {
    id: newResponseId(),
    surveyId,
    type,
    shownAt: new Date().toISOString(),
    locale,
    ...(touchpoint && { touchpoint }),
    page: { url: pageUrl(includeQuery) },
  };
}
