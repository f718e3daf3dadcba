/**
 * Typings for Svelte 5: `<csat-survey>` in markup (checked by svelte-check and editors) with its attributes,
 * its properties (`metadata`, `strings`, `headers`), `bind:this` as `CsatSurveyElement` and typed event
 * handlers (`oncsat-answer`, …).
 *
 * Opt in once, in any file of the app (or in tsconfig `"types"`):
 *
 *     import type {} from 'csat-survey/svelte';
 *
 * Svelte 5 sets a prop as a property when the element has it (so import 'csat-survey' before the component
 * renders), and adds a listener for an attribute `on` + event name, the name as written: `oncsat-answer`.
 */
import type { HTMLAttributes } from 'svelte/elements';
import type { CsatSurveyElement } from '../csat-survey.js';
import type { CsatSurveyAttributes, CsatSurveyLowercaseHandlers, CsatSurveyProperties } from './attributes.js';

/** The attributes of `<csat-survey>` in Svelte 5 markup. */
export type CsatSurveySvelteProps = Omit<HTMLAttributes<CsatSurveyElement>, keyof CsatSurveyAttributes | 'children'> &
  CsatSurveyAttributes &
  CsatSurveyProperties &
  CsatSurveyLowercaseHandlers & {
    /** The element renders its own content: no children. */
    children?: never;
  };

declare module 'svelte/elements' {
  export interface SvelteHTMLElements {
    'csat-survey': CsatSurveySvelteProps;
  }
}
