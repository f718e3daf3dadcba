import { fixture, html, waitUntil } from '@open-wc/testing';
import { createStore } from 'idb-keyval';
import { ifDefined } from 'lit/directives/if-defined.js';
import { pageDelivery } from '../../src/delivery.js';
import { forgetVisitor } from '../../src/visitor-state.js';
import { newPageView } from './page-view.js';
import type { CsatSurveyElement } from '../../src/element.js';
import { ENDPOINT } from './msw.js';
import '../../src/index.js';

const { clearStoredResponses } = pageDelivery();

export const outboxStore = () => createStore('csat-survey-outbox', 'responses');

/** Empties the outbox and dead letters, and lifts any pause, between tests (all test files share one browser profile). */
export async function clearOutbox(): Promise<void> {
  await clearStoredResponses();
}

export interface SurveyOptions {
  type?: string;
  lang?: string;
  dir?: string;
  display?: string;
  comment?: string;
  theme?: string;
  surveyId?: string;
  endpoint?: string;
  subject?: string;
  touchpoint?: string;
}

/** Renders a <csat-survey> with the given attributes and waits for its first render. */
export async function survey(options: SurveyOptions = {}): Promise<CsatSurveyElement> {
  const o = options;
  // Each test meets the survey as a new visitor: no earlier answer or dismissal holds it back.
  newPageView();
  await forgetVisitor(o.surveyId ?? 'test-survey');
  const el = await fixture<CsatSurveyElement>(
    html`<csat-survey
      type=${o.type ?? 'nps'}
      survey-id=${o.surveyId ?? 'test-survey'}
      endpoint=${o.endpoint ?? ENDPOINT}
      lang=${ifDefined(o.lang)}
      dir=${ifDefined(o.dir)}
      display=${ifDefined(o.display)}
      comment=${ifDefined(o.comment)}
      theme=${ifDefined(o.theme)}
      subject=${ifDefined(o.subject)}
      touchpoint=${ifDefined(o.touchpoint)}
    ></csat-survey>`,
  );
  await el.updateComplete;
  return el;
}

export const $ = <T extends Element = HTMLElement>(el: Element, selector: string): T | null =>
  el.shadowRoot!.querySelector<T>(selector);

export const $$ = <T extends Element = HTMLElement>(el: Element, selector: string): T[] => [
  ...el.shadowRoot!.querySelectorAll<T>(selector),
];

export const radios = (el: Element) => $$<HTMLInputElement>(el, 'input[type=radio]');

/** waitUntil with room for a loaded CI machine: 10 s unless told otherwise. */
export const waitFor = (
  predicate: () => unknown,
  message?: string,
  options: { interval?: number; timeout?: number } = {},
): Promise<void> => waitUntil(predicate, message, { timeout: 10_000, ...options });
