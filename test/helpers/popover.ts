// Surveys mounted by attribute, for the trigger, sampling and popover tests. Unlike `survey()` in
// fixtures.ts, mounting does not forget the visitor: a second element with the same survey-id
// meets what the first one left behind, as on the next page.
import { forgetVisitor } from '../../src/visitor-state.js';
import { newPageView } from './page-view.js';
import type { CsatSurveyElement } from '../../src/element.js';
import { ENDPOINT } from './msw.js';
import '../../src/index.js';

const mounted: Element[] = [];

/** A connected <csat-survey> (popover, trigger load, unless told otherwise), once it has decided. */
export async function mount(attributes: Record<string, string> = {}): Promise<CsatSurveyElement> {
  const el = document.createElement('csat-survey');
  const all: Record<string, string> = {
    type: 'nps',
    'survey-id': 'popover-survey',
    endpoint: ENDPOINT,
    mode: 'popover',
    trigger: 'load',
    lang: 'en',
    ...attributes,
  };
  for (const [name, value] of Object.entries(all)) el.setAttribute(name, value);
  document.body.append(el);
  mounted.push(el);
  await el.updateComplete;
  return el;
}

/** Removes every mounted survey (and anything else passed); the next test is a new page view. */
export function unmountAll(...others: Array<Element | undefined>): void {
  for (const el of [...mounted.splice(0), ...others]) el?.remove();
  newPageView();
}

/** Each test meets the survey as a new visitor, in a new page view. */
export async function forget(...surveyIds: string[]): Promise<void> {
  newPageView();
  for (const id of surveyIds) await forgetVisitor(id);
}

export const popoverOf = (el: CsatSurveyElement) => el.shadowRoot!.querySelector<HTMLElement>('.popover');

/** The popover is rendered and open in the top layer. */
export const isOpen = (el: CsatSurveyElement) => popoverOf(el)?.matches(':popover-open') === true;

export const announcer = (el: CsatSurveyElement) =>
  (el.shadowRoot!.querySelector('.announcer')?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Waits for the render and for the popover's entry or exit motion, so boxes are final. */
export async function settle(el: CsatSurveyElement): Promise<void> {
  await el.updateComplete;
  await Promise.all(el.shadowRoot!.getAnimations().map((a) => a.finished));
}

/** The real timer, kept before any test fakes the clock. */
const realSetTimeout = globalThis.setTimeout.bind(globalThis);

/** Real time passing (even under a fake clock): long enough for anything queued to have happened. */
export const idle = (ms = 50) => new Promise((resolve) => realSetTimeout(resolve, ms));
