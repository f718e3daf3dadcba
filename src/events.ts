/** The DOM events of SPEC §3. All bubble and cross shadow boundaries. */
import type { SurveyResponse } from './wire.js';
import type { ConfigIssue } from './config.js';
import type { DeliveryErrorCode } from './delivery.js';

export interface CsatErrorDetail {
  /**
   * "invalid-config": bad attributes or properties. "refused": the endpoint refused this response
   * for good (a 4xx other than 401/403/408/425/429). "unauthorized": the endpoint answered 401/403;
   * sending to it is paused. "expired": not delivered within 30 days. "corrupt-record": a stored
   * record was not a valid response. "buffer-full": 500 responses are already waiting.
   * "refused" and "expired" move the response to the dead letters, "corrupt-record" the stored record;
   * "unauthorized" keeps everything in the outbox; "buffer-full" sends the response without storing it.
   */
  code: 'invalid-config' | DeliveryErrorCode;
  message: string;
  issues?: ConfigIssue[];
  /** The HTTP status the endpoint answered. */
  status?: number;
  responseId?: string;
  surveyId?: string;
  response?: SurveyResponse;
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
