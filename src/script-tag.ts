/**
 * The self-contained script-tag build (dist/csat-survey.js): registers <csat-survey> and
 * sets window.CsatSurvey. Loading it twice, or next to another copy, changes nothing.
 */
import { CsatSurveyElement } from './csat-survey.js';
import { clearStoredResponses, deliveryStatus, flush, startDelivery, type DeliveryStatus } from './delivery.js';
import { registerTranslation } from './i18n/translation.js';

declare const __VERSION__: string;

export interface CsatSurveyGlobal {
  version: string;
  flush(): Promise<void>;
  /** The outbox now and what happened to responses since this page loaded. Read-only. */
  readonly status: DeliveryStatus;
  /** Forgets every buffered response and dead letter on this device. */
  clear(): Promise<void>;
  registerTranslation: typeof registerTranslation;
  CsatSurveyElement: typeof CsatSurveyElement;
}

declare global {
  interface Window {
    CsatSurvey?: CsatSurveyGlobal;
  }
}

CsatSurveyElement.define();
// Answers earlier pages left behind are sent at page load, even where no survey is shown.
if (!window.CsatSurvey) startDelivery();
window.CsatSurvey ??= {
  version: __VERSION__,
  flush,
  get status() {
    return deliveryStatus();
  },
  clear: clearStoredResponses,
  registerTranslation,
  CsatSurveyElement,
};
