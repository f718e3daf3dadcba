// Who is asked, and when again: the sampling draw (remembered per survey-id), the recontact days
// after an answer, the dismiss days after a close, and reset().
import { expect, oneEvent } from '@open-wc/testing';
import { clearOutbox, radios, waitFor } from './helpers/fixtures.js';
import { startWorker, resetEndpoint, accept } from './helpers/msw.js';
import { mount, unmountAll, forget, isOpen, idle } from './helpers/popover.js';
import { noteVisitor, visitorState } from '../src/visitor-state.js';
import type { CsatSurveyElement } from '../src/element.js';

const ID = 'visitor-survey';
const DAY_MS = 86_400_000;

before(startWorker);
beforeEach(async () => {
  resetEndpoint(accept);
  await clearOutbox();
  await forget(ID);
});
afterEach(() => unmountAll());

/** Shown at all: an inline survey renders its scale, a popover opens. */
const shown = (el: CsatSurveyElement) => (el.mode === 'inline' ? !!el.shadowRoot!.querySelector('.base') : isOpen(el));

/** Resolves once the stored state satisfies `check` (the element writes it without waiting). */
async function stored(check: (s: Awaited<ReturnType<typeof visitorState>>) => boolean, what: string) {
  await waitFor(async () => check(await visitorState(ID)), what);
}

async function answer(el: CsatSurveyElement): Promise<void> {
  const answered = oneEvent(el, 'csat-answer');
  radios(el)[9]!.click();
  await answered;
  await stored((s) => s.answeredAt !== undefined, 'answeredAt is recorded');
}

describe('sampling', () => {
  it('sample="0" never shows, not even through show()', async () => {
    const el = await mount({ 'survey-id': ID, sample: '0' });
    expect(isOpen(el)).to.equal(false);
    el.show();
    await idle();
    await el.updateComplete;
    expect(isOpen(el)).to.equal(false);
    expect(el.shadowRoot!.querySelector('.popover')).to.equal(null);
  });

  it('sample="1" always shows', async () => {
    for (let i = 0; i < 3; i++) {
      await forget(ID);
      const el = await mount({ 'survey-id': ID, sample: '1' });
      expect(isOpen(el), `visitor ${i}`).to.equal(true);
      unmountAll();
    }
  });

  it('remembers the draw: a second element and a reconnected one decide the same way', async () => {
    const first = await mount({ 'survey-id': ID, sample: '0.5', mode: 'inline' });
    const { draw } = await visitorState(ID);
    expect(draw).to.be.within(0, 1);
    const inSample = draw < 0.5;
    expect(shown(first), `draw ${draw}`).to.equal(inSample);
    unmountAll();

    const second = await mount({ 'survey-id': ID, sample: '0.5', mode: 'inline' });
    expect(shown(second), `second element, draw ${draw}`).to.equal(inSample);
    second.remove();
    document.body.append(second);
    await second.updateComplete;
    expect(shown(second), `reconnected, draw ${draw}`).to.equal(inSample);
    expect((await visitorState(ID)).draw, 'the draw is not made again').to.equal(draw);
  });

  for (const [draw, expected] of [
    [0.49, true],
    [0.51, false],
  ] as const) {
    it(`with sample="0.5", a remembered draw of ${draw} is ${expected ? '' : 'not '}asked`, async () => {
      await noteVisitor(ID, { draw });
      const el = await mount({ 'survey-id': ID, sample: '0.5' });
      expect(isOpen(el)).to.equal(expected);
    });
  }
});

describe('after an answer (recontact-days)', () => {
  it('an inline survey with the same survey-id shows the thank-you, not the scale', async () => {
    const first = await mount({ 'survey-id': ID, mode: 'inline' });
    await answer(first);
    unmountAll();
    const again = await mount({ 'survey-id': ID, mode: 'inline' });
    expect(radios(again), 'no scale').to.have.length(0);
    const status = again.shadowRoot!.querySelector('.status');
    expect(status?.classList.contains('thanks')).to.equal(true);
    expect(status?.textContent?.trim()).to.equal('Thank you! Your feedback helps us improve.');
  });

  it('in a later visit, an answered inline survey renders nothing until the recontact days have passed', async () => {
    const first = await mount({ 'survey-id': ID, mode: 'inline' });
    await answer(first);
    unmountAll();
    sessionStorage.removeItem('csat-survey-visit'); // the visit is over: a new tab, or the browser reopened
    const later = await mount({ 'survey-id': ID, mode: 'inline' });
    expect(later.shadowRoot!.querySelector('.base'), 'nothing rendered').to.equal(null);
    expect(later.getBoundingClientRect().height, 'and it takes no room').to.equal(0);
    unmountAll();
    await noteVisitor(ID, { answeredAt: Date.now() - 91 * DAY_MS });
    const months = await mount({ 'survey-id': ID, mode: 'inline' });
    expect(radios(months), 'asked again after recontact-days (90)').to.have.length(11);
  });

  it('after-answer="thanks" keeps showing the thank-you in later visits', async () => {
    const first = await mount({ 'survey-id': ID, mode: 'inline', 'after-answer': 'thanks' });
    await answer(first);
    unmountAll();
    sessionStorage.removeItem('csat-survey-visit');
    const later = await mount({ 'survey-id': ID, mode: 'inline', 'after-answer': 'thanks' });
    expect(radios(later)).to.have.length(0);
    expect(later.shadowRoot!.querySelector('.status.thanks')?.textContent?.trim()).to.equal(
      'Thank you! Your feedback helps us improve.',
    );
  });

  it('after-answer with another value is a configuration error naming the attribute', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (message: string) => errors.push(message);
    try {
      const el = await mount({ 'survey-id': ID, mode: 'inline', 'after-answer': 'always' });
      expect(el.shadowRoot!.querySelector('.base')).to.equal(null);
    } finally {
      console.error = original;
    }
    expect(errors.join(' ')).to.contain('after-answer = "always": expected "hide" or "thanks".');
  });

  it('a popover does not appear again, even through show(); recontact-days="0" asks again', async () => {
    const first = await mount({ 'survey-id': ID });
    await answer(first);
    unmountAll();
    const again = await mount({ 'survey-id': ID });
    expect(isOpen(again)).to.equal(false);
    again.show();
    await idle();
    expect(isOpen(again), 'show() within the recontact days').to.equal(false);
    unmountAll();
    const now = await mount({ 'survey-id': ID, 'recontact-days': '0' });
    expect(isOpen(now), 'recontact-days="0"').to.equal(true);
  });

  it('asks again once the recontact days have passed', async () => {
    await noteVisitor(ID, { answeredAt: Date.now() - 31 * DAY_MS });
    const el = await mount({ 'survey-id': ID, 'recontact-days': '30' });
    expect(isOpen(el)).to.equal(true);
  });
});

describe('after a close (dismiss-days)', () => {
  it('does not appear within the dismiss days, and does 8 days later with dismiss-days="7"', async () => {
    const first = await mount({ 'survey-id': ID });
    const dismissed = oneEvent(first, 'csat-dismiss');
    first.shadowRoot!.querySelector<HTMLButtonElement>('[part=close]')!.click();
    await dismissed;
    await stored((s) => s.dismissedAt !== undefined, 'dismissedAt is recorded');
    unmountAll();

    const again = await mount({ 'survey-id': ID, 'dismiss-days': '7' });
    expect(isOpen(again), 'just after the close').to.equal(false);
    unmountAll();

    await noteVisitor(ID, { dismissedAt: Date.now() - 8 * DAY_MS });
    const later = await mount({ 'survey-id': ID, 'dismiss-days': '7' });
    expect(isOpen(later), '8 days later').to.equal(true);
  });
});

describe('reset()', () => {
  it('forgets the answer and the draw, and asks again', async () => {
    const first = await mount({ 'survey-id': ID });
    await answer(first);
    const before = await visitorState(ID);
    unmountAll();
    const again = await mount({ 'survey-id': ID });
    expect(isOpen(again)).to.equal(false);
    again.reset();
    await again.updateComplete;
    expect(isOpen(again), 'asked again').to.equal(true);
    expect(radios(again).length, 'the scale, not the thank-you').to.equal(11);
    const after = await visitorState(ID);
    expect(after.answeredAt).to.equal(undefined);
    expect(after.draw, 'a new draw').not.to.equal(before.draw);
  });
});
