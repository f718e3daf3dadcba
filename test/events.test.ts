// Each event of the element is an instance of its exported class, so a listener can test
// `instanceof CsatAnswerEvent` and its detail is typed; all bubble out of the shadow root and the element.
import { expect, fixture, html } from '@open-wc/testing';
import {
  CsatAnswerEvent,
  CsatDeliveredEvent,
  CsatDismissEvent,
  CsatErrorEvent,
  CsatShowEvent,
  CsatSubmitEvent,
  type CsatSurveyEventMap,
} from '../src/element.js';
import { survey, clearOutbox, radios, $, waitFor } from './helpers/fixtures.js';
import { startWorker, resetEndpoint, accept } from './helpers/msw.js';

before(startWorker);
beforeEach(async () => {
  resetEndpoint(accept);
  await clearOutbox();
});

type Name = keyof CsatSurveyEventMap;
const NAMES: Name[] = ['csat-show', 'csat-answer', 'csat-submit', 'csat-dismiss', 'csat-delivered', 'csat-error'];
const CLASSES = {
  'csat-show': CsatShowEvent,
  'csat-answer': CsatAnswerEvent,
  'csat-submit': CsatSubmitEvent,
  'csat-dismiss': CsatDismissEvent,
  'csat-delivered': CsatDeliveredEvent,
  'csat-error': CsatErrorEvent,
} as const;

/** Records every event of the element that reaches the document, in order. */
function recordAtDocument(): { seen: Event[]; stop: () => void } {
  const seen: Event[] = [];
  const listener = (event: Event) => seen.push(event);
  for (const name of NAMES) document.addEventListener(name, listener);
  return { seen, stop: () => NAMES.forEach((name) => document.removeEventListener(name, listener)) };
}

describe('event classes', () => {
  it('show, answer, submit, delivered and dismiss arrive at the document as instances of their classes', async () => {
    const { seen, stop } = recordAtDocument();
    try {
      const el = await survey({ type: 'csat', comment: 'off', surveyId: 'event-classes' });
      radios(el)[3]!.click();
      await waitFor(() => seen.some((e) => e.type === 'csat-delivered'), 'csat-delivered never arrived');
      const second = await survey({ type: 'nps', surveyId: 'event-classes-dismiss' });
      $<HTMLButtonElement>(second, '[part~="close"]')!.click();
      await waitFor(() => seen.some((e) => e.type === 'csat-dismiss'), 'csat-dismiss never arrived');
      const types = new Set(seen.map((e) => e.type));
      expect([...types].sort()).to.deep.equal(
        ['csat-answer', 'csat-delivered', 'csat-dismiss', 'csat-show', 'csat-submit'].sort(),
      );
      for (const event of seen) {
        const name = event.type as Name;
        expect(event, name).to.be.instanceOf(CLASSES[name]);
        expect(event, name).to.be.instanceOf(CustomEvent);
        expect(event.bubbles && event.composed, `${name} bubbles and is composed`).to.equal(true);
      }
      const answer = seen.find((e): e is CsatAnswerEvent => e instanceof CsatAnswerEvent)!;
      expect(answer.detail.score).to.equal(4);
      expect(answer.target).to.equal(el);
      const delivered = seen.find((e): e is CsatDeliveredEvent => e instanceof CsatDeliveredEvent)!;
      expect(delivered.detail.ids).to.include(answer.detail.id);
    } finally {
      stop();
    }
  });

  it('a bad configuration fires a CsatErrorEvent whose detail names the input', async () => {
    const errors: CsatErrorEvent[] = [];
    const el = await fixture(
      html`<csat-survey
        type="stars"
        survey-id="event-error"
        endpoint="/api/responses"
        @csat-error=${(e: CsatErrorEvent) => errors.push(e)}
      ></csat-survey>`,
    );
    await waitFor(() => errors.length === 1, 'no csat-error');
    expect(errors[0]).to.be.instanceOf(CsatErrorEvent);
    expect(errors[0]!.target).to.equal(el);
    expect(errors[0]!.detail.code).to.equal('invalid-config');
    expect(errors[0]!.detail.message).to.contain('type');
  });

  it('addEventListener on the element is typed by the event map (the listener reads detail without a cast)', async () => {
    const el = await survey({ type: 'ces', comment: 'off', surveyId: 'event-typed' });
    const scores: number[] = [];
    el.addEventListener('csat-answer', (event) => scores.push(event.detail.score));
    radios(el)[5]!.click();
    await waitFor(() => scores.length === 1, 'no csat-answer');
    expect(scores).to.deep.equal([6]);
  });
});
