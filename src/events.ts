/** The DOM events of SPEC §3. All bubble and cross shadow boundaries. */
import type { SurveyResponse } from './wire.js';
import type { ConfigIssue } from './config.js';

export interface CsatErrorDetail {
  /** "invalid-config" for bad attributes or properties. */
  code: 'invalid-config';
  message: string;
  issues?: ConfigIssue[];
}

export interface CsatSurveyEventMap {
  'csat-show': CustomEvent<{ surveyId: string }>;
  'csat-answer': CustomEvent<SurveyResponse>;
  'csat-submit': CustomEvent<SurveyResponse>;
  'csat-dismiss': CustomEvent<{ surveyId: string; responseId?: string }>;
  'csat-delivered': CustomEvent<{ ids: string[] }>;
  'csat-error': CustomEvent<CsatErrorDetail>;
}

type DetailOf<K extends keyof CsatSurveyEventMap> = CsatSurveyEventMap[K]['detail'];

export function emit<K extends keyof CsatSurveyEventMap>(target: EventTarget, name: K, detail: DetailOf<K>): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}
