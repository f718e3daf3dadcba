/**
 * The element's inputs as a framework template writes them: attributes by their HTML names, the
 * property-only inputs, and one handler per event. Shared by the React and Vue typings.
 */
import type { CsatSurveyElement } from '../csat-survey.js';
import type { CsatSurveyEventMap } from '../events.js';

/** `trigger`: when the survey appears. */
export type TriggerValue = 'load' | 'exit' | 'manual' | `delay:${number}s` | `scroll:${number}%` | `event:${string}`;

/** The attributes of `<csat-survey>` (SPEC §3), typed as narrowly as their allowed values. */
export interface CsatSurveyAttributes {
  /** `nps` (0–10), `csat` (1–5) or `ces` (1–7). */
  type: NonNullable<CsatSurveyElement['type']>;
  /** 1–64 characters of a–z, 0–9, `-`, `_`. */
  'survey-id': string;
  /** Where answers are POSTed: an https: URL, a same-origin path, or http://localhost. */
  endpoint: string;
  /** BCP 47 language; built in: `fa`, `en`. */
  lang?: string;
  dir?: 'rtl' | 'ltr';
  subject?: string;
  question?: string;
  'low-label'?: string;
  'high-label'?: string;
  'follow-up'?: string;
  thanks?: string;
  display?: CsatSurveyElement['display'];
  comment?: CsatSurveyElement['comment'];
  touchpoint?: string;
  mode?: CsatSurveyElement['mode'];
  position?: CsatSurveyElement['position'];
  trigger?: TriggerValue;
  /** 0–1. */
  sample?: number | `${number}`;
  'recontact-days'?: number | `${number}`;
  'dismiss-days'?: number | `${number}`;
  /** What an answered inline survey shows on later page views: nothing after the visit (`hide`), or the thank-you. */
  'after-answer'?: CsatSurveyElement['afterAnswer'];
  theme?: CsatSurveyElement['theme'];
  'include-query'?: boolean;
}

/** Inputs that are properties only: a framework must set them as properties (React 19 and Vue do). */
export interface CsatSurveyProperties {
  metadata?: CsatSurveyElement['metadata'];
  strings?: CsatSurveyElement['strings'];
  headers?: CsatSurveyElement['headers'];
}

/** `oncsat-answer` and the others: React 19 listens to the event named after `on`, as written. */
export type CsatSurveyLowercaseHandlers = {
  [K in keyof CsatSurveyEventMap as `on${K}`]?: (event: CsatSurveyEventMap[K]) => void;
};

/** `survey-id` → `surveyId`. */
export type Camel<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;

/** `onCsatAnswer` and the others: Vue turns `@csat-answer` into this prop. */
export type CsatSurveyCamelHandlers = {
  [K in keyof CsatSurveyEventMap as `on${Capitalize<Camel<K>>}`]?: (event: CsatSurveyEventMap[K]) => void;
};
