/**
 * Typings for Vue 3: `<csat-survey>` in templates (checked by vue-tsc and editors) with its attributes,
 * its properties (`:metadata`, `:strings`, `:headers`) and typed `@csat-answer`-style listeners.
 *
 * Opt in once, in any file of the app (or in tsconfig `"types"`):
 *
 *     import type {} from 'csat-survey/vue';
 *
 * Also tell Vue's compiler that `csat-survey` is a custom element:
 * `compilerOptions.isCustomElement: (tag) => tag === 'csat-survey'` (vite: in `vue({ template: { compilerOptions } })`).
 */
import type { DefineComponent } from 'vue';
import type { Camel, CsatSurveyAttributes, CsatSurveyCamelHandlers, CsatSurveyProperties } from './attributes.js';

/** The attributes as Vue's type checker sees them: `survey-id` is `surveyId`. */
type CamelAttributes = { [K in keyof CsatSurveyAttributes as Camel<K>]: CsatSurveyAttributes[K] };

/** The props of `<csat-survey>` in a Vue template; `@csat-answer` is `onCsatAnswer`. */
export type CsatSurveyVueProps = CamelAttributes & CsatSurveyProperties & CsatSurveyCamelHandlers;

declare module 'vue' {
  interface GlobalComponents {
    'csat-survey': DefineComponent<CsatSurveyVueProps>;
  }
}
