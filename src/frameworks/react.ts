/**
 * JSX typings for React 19: `<csat-survey>` with its attributes, its properties (`metadata`, `strings`,
 * `headers`), a ref typed as `CsatSurveyElement` and typed event handlers (`oncsat-answer`, …).
 *
 * Opt in once, in any file of the app (or in tsconfig `"types"`):
 *
 *     import type {} from 'csat-survey/react';
 *
 * React 19 sets a prop as a property when the element has it (so import 'csat-survey' before the first
 * render), and adds a listener for a prop `on` + event name, the name as written: `oncsat-answer`.
 */
import type { ClassAttributes, HTMLAttributes } from 'react';
import type { CsatSurveyElement } from '../csat-survey.js';
import type { CsatSurveyAttributes, CsatSurveyLowercaseHandlers, CsatSurveyProperties } from './attributes.js';

/** The props of `<csat-survey>` in React 19. */
export type CsatSurveyReactProps = Omit<HTMLAttributes<CsatSurveyElement>, keyof CsatSurveyAttributes | 'children'> &
  ClassAttributes<CsatSurveyElement> &
  CsatSurveyAttributes &
  CsatSurveyProperties &
  CsatSurveyLowercaseHandlers & {
    /** The element renders its own content: no children. */
    children?: never;
  };

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'csat-survey': CsatSurveyReactProps;
    }
  }
}
