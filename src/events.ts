/**
 * The DOM events of SPEC §3, one class each, so a listener can test `event instanceof CsatAnswerEvent`
 * and its `detail` is typed. All bubble and cross shadow boundaries (`composed`).
 */
import type { SurveyResponse } from './wire.js';
import type { ConfigIssue } from './config.js';
import type { DeliveryErrorCode } from './delivery.js';

export interface CsatErrorDetail {
  /**
   * "invalid-config": bad attributes or properties. "refused": the endpoint refused this response
   * for good (a 4xx other than 401/403/408/425/429). "unauthorized": the endpoint answered 401;
   * "origin-refused": it answered 403, refusing this page's origin; either way sending to it is paused. "expired": not delivered within 30 days. "corrupt-record": a stored
   * record was not a valid response. "buffer-full": 500 responses are already waiting.
   * "refused" and "expired" move the response to the dead letters, "corrupt-record" the stored record;
   * "unauthorized" and "origin-refused" keep everything in the outbox; "buffer-full" sends the response without storing it.
   * "endpoint-redirected": the endpoint answered with a redirect, never taken as delivered: point
   * `endpoint` at the final URL. "endpoint-unreachable": this page cannot send to the endpoint at all
   * (its Content-Security-Policy, or CORS refusing this origin or the custom headers). Both keep every
   * answer and try again later, and are fired once per endpoint per page.
   * "invalid-comment": the comment is longer than 2000 characters; it is not stored (the score is).
   * "displays-refused": the endpoint refused a request of displays (a 4xx other than 401/403/408/425/429):
   * they are dropped, answers are not affected; fired once per endpoint per page.
   */
  code: 'invalid-config' | 'invalid-comment' | DeliveryErrorCode;
  message: string;
  issues?: ConfigIssue[];
  /** The endpoint concerned, for the codes about an endpoint. */
  endpoint?: string;
  /** The HTTP status the endpoint answered. */
  status?: number;
  responseId?: string;
  surveyId?: string;
  response?: SurveyResponse;
}

export interface CsatShowDetail {
  surveyId: string;
}
export interface CsatDismissDetail {
  surveyId: string;
  /** The response already stored, when a score was chosen before closing. */
  responseId?: string;
}
export interface CsatDeliveredDetail {
  /** The ids of the responses the endpoint accepted. */
  ids: string[];
}

const init = <T>(detail: T): CustomEventInit<T> => ({ detail, bubbles: true, composed: true });

/** `csat-show`: the survey became visible. */
export class CsatShowEvent extends CustomEvent<CsatShowDetail> {
  constructor(detail: CsatShowDetail) {
    super('csat-show', init(detail));
  }
}
/** `csat-answer`: a score was chosen; the response is already stored durably. */
export class CsatAnswerEvent extends CustomEvent<SurveyResponse> {
  constructor(detail: SurveyResponse) {
    super('csat-answer', init(detail));
  }
}
/** `csat-submit`: the visitor finished (comment sent or skipped). */
export class CsatSubmitEvent extends CustomEvent<SurveyResponse> {
  constructor(detail: SurveyResponse) {
    super('csat-submit', init(detail));
  }
}
/** `csat-dismiss`: closed without finishing. */
export class CsatDismissEvent extends CustomEvent<CsatDismissDetail> {
  constructor(detail: CsatDismissDetail) {
    super('csat-dismiss', init(detail));
  }
}
/** `csat-delivered`: the endpoint accepted responses. */
export class CsatDeliveredEvent extends CustomEvent<CsatDeliveredDetail> {
  constructor(detail: CsatDeliveredDetail) {
    super('csat-delivered', init(detail));
  }
}
/** `csat-error`: bad configuration, or a response the endpoint refused for good. */
export class CsatErrorEvent extends CustomEvent<CsatErrorDetail> {
  constructor(detail: CsatErrorDetail) {
    super('csat-error', init(detail));
  }
}

/** Every event of the element by name, merged into `HTMLElementEventMap`. */
export interface CsatSurveyEventMap {
  'csat-show': CsatShowEvent;
  'csat-answer': CsatAnswerEvent;
  'csat-submit': CsatSubmitEvent;
  'csat-dismiss': CsatDismissEvent;
  'csat-delivered': CsatDeliveredEvent;
  'csat-error': CsatErrorEvent;
}
