/** The element and its types, without registering any tag. */
export { CsatSurveyElement } from './csat-survey.js';
export { registerTranslation, type Translation, type StringKey, type Strings } from './i18n/translation.js';
export {
  CsatAnswerEvent,
  CsatDeliveredEvent,
  CsatDismissEvent,
  CsatErrorEvent,
  CsatShowEvent,
  CsatSubmitEvent,
  type CsatSurveyEventMap,
  type CsatErrorDetail,
  type CsatShowDetail,
  type CsatDismissDetail,
  type CsatDeliveredDetail,
} from './events.js';
export type { SurveyResponse, SurveyDisplay, Batch, DisplayBatch } from './wire.js';
export type { SurveyType } from './scales.js';
export type { SurveyConfig, ConfigIssue } from './config.js';
export { clearStoredResponses, deliveryStatus, flush } from './page-delivery.js';
export type { DeliveryStatus } from './delivery.js';
export type { DeadLetter } from './dead-letters.js';
export { track } from './triggers.js';
export { configure } from './page-configure.js';
export type { ConfigureOptions } from './configure.js';
export type { StorageMode } from './storage-mode.js';
export type {
  CsatSurveyAttributes,
  CsatSurveyProperties,
  CsatSurveyLowercaseHandlers,
  CsatSurveyCamelHandlers,
  TriggerValue,
} from './frameworks/attributes.js';
