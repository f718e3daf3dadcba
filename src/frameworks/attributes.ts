/**
 * The element's inputs as a framework template writes them: attributes by their HTML names, the
 * property-only inputs, and one handler per event. Shared by the React and Vue typings.
 */
import type { CsatSurveyEventMap } from '../events.js';
import type { InputAttributes, InputPropertiesOnly } from '../inputs.js';

export type { TriggerValue } from '../inputs.js';

/** The attributes of `<csat-survey>` (SPEC §3), typed as narrowly as their allowed values (from the inputs' table). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CsatSurveyAttributes extends InputAttributes {}

/** Inputs that are properties only: a framework must set them as properties (React 19 and Vue do). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CsatSurveyProperties extends InputPropertiesOnly {}

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
