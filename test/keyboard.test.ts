// What a keyboard user can do, with real key presses, left-to-right and right-to-left.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { survey, clearOutbox, radios, $, $$, type SurveyOptions, waitFor } from './helpers/fixtures.js';
import { startWorker, resetEndpoint, accept, received } from './helpers/msw.js';
import type { CsatSurveyElement } from '../src/element.js';
import type { SurveyResponse } from '../src/wire.js';

before(startWorker);
beforeEach(async () => {
  resetEndpoint(accept);
  await clearOutbox();
});

/** Presses a key, or a chord such as "Shift+Tab" (modifiers held down around the last key). */
async function press(chord: string): Promise<void> {
  const keys = chord.split('+');
  const last = keys.pop()!;
  for (const modifier of keys) await sendKeys({ down: modifier });
  try {
    await sendKeys({ press: last });
  } finally {
    for (const modifier of keys.reverse()) await sendKeys({ up: modifier });
  }
}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Recorded {
  answers: SurveyResponse[];
  submits: SurveyResponse[];
  dismisses: unknown[];
}

let surveys = 0;

/**
 * Renders a survey with an id of its own (so a late POST from an earlier test cannot be taken
 * for this one's), records its events and puts focus on a page button just before it.
 */
async function setup(options: SurveyOptions): Promise<{ el: CsatSurveyElement; events: Recorded }> {
  const el = await survey({ surveyId: `keyboard-${++surveys}`, ...options });
  const events: Recorded = { answers: [], submits: [], dismisses: [] };
  el.addEventListener('csat-answer', (e) => events.answers.push(e.detail));
  el.addEventListener('csat-submit', (e) => events.submits.push(e.detail));
  el.addEventListener('csat-dismiss', (e) => events.dismisses.push(e.detail));
  const before = document.createElement('button');
  before.textContent = 'before the survey';
  el.before(before);
  before.focus();
  return { el, events };
}

const focused = (el: CsatSurveyElement) => el.shadowRoot!.activeElement as HTMLElement | null;
const focusedScore = (el: CsatSurveyElement) => {
  const node = focused(el);
  return node instanceof HTMLInputElement && node.type === 'radio' ? Number(node.value) : undefined;
};
const checkedScore = (el: CsatSurveyElement) => {
  const checked = radios(el).filter((r) => r.checked);
  return checked.length === 1 ? Number(checked[0]!.value) : checked.length ? 'several' : undefined;
};
const radioFor = (el: CsatSurveyElement, score: number) => radios(el).find((r) => Number(r.value) === score)!;
const markFor = (el: CsatSurveyElement, score: number) => radioFor(el, score).nextElementSibling as HTMLElement;

/**
 * Arrows move the focus only: no radio is checked, no option looks saved, and the focused option
 * shows a ring over the same background as an option nobody touched.
 */
function expectFocusedNotSaved(el: CsatSurveyElement, score: number): void {
  expect(focusedScore(el)).to.equal(score);
  expect(checkedScore(el), 'arrows check nothing').to.equal(undefined);
  expect($$(el, '.option.saved'), 'nothing looks saved').to.have.length(0);
  const focusedMark = getComputedStyle(markFor(el, score));
  expect(focusedMark.outlineStyle, 'the focused option has a ring').to.not.equal('none');
  const untouched = radios(el)
    .map((r) => Number(r.value))
    .find((v) => v !== score)!;
  expect(focusedMark.backgroundColor, 'the focused option is not filled').to.equal(
    getComputedStyle(markFor(el, untouched)).backgroundColor,
  );
}
/** What the endpoint received for this survey. */
const sent = (el: CsatSurveyElement) =>
  received.flatMap((batch) => batch.responses).filter((r) => r.surveyId === el.surveyId);
const status = (el: CsatSurveyElement) => ($(el, '[role=status]')?.textContent ?? '').trim();

/** Tabs past the close button into the radio group. */
async function tabIntoGroup(el: CsatSurveyElement): Promise<void> {
  await press('Tab');
  expect(focused(el), 'the close button comes first').to.equal($(el, '[part=close]'));
  await press('Tab');
  await el.updateComplete;
}

/** Presses a key and waits for the element to re-render. */
async function key(el: CsatSurveyElement, name: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) await press(name);
  await el.updateComplete;
}

const THANKS = {
  en: 'Thank you! Your feedback helps us improve.',
  fa: 'ممنون که وقت گذاشتید! نظرتان به ما کمک می\u200cکند بهتر شویم.',
};
const COMMENT = { en: 'Fast delivery', fa: 'ارسال سریع بود' };

for (const [lang, dir] of [
  ['en', 'ltr'],
  ['fa', 'rtl'],
] as const) {
  describe(`keyboard, ${lang} (${dir})`, () => {
    it('renders the survey in the direction under test', async () => {
      const { el } = await setup({ type: 'nps', lang });
      expect(getComputedStyle($(el, '.options')!).direction).to.equal(dir);
      const left = (score: number) => radioFor(el, score).parentElement!.getBoundingClientRect().left;
      // 0 is on the left in LTR and on the right in RTL.
      expect(left(0) < left(10)).to.equal(dir === 'ltr');
    });

    it('Tab reaches the close button first, then the lowest score when none is selected', async () => {
      const { el } = await setup({ type: 'nps', lang });
      await tabIntoGroup(el);
      expect(focusedScore(el)).to.equal(0);
      expect(checkedScore(el), 'focus alone selects nothing').to.equal(undefined);
    });

    it('Tab comes back to the option the arrows were on, not the first one', async () => {
      const { el } = await setup({ type: 'ces', lang });
      await tabIntoGroup(el);
      await key(el, 'ArrowDown', 3);
      expect(focusedScore(el)).to.equal(4);
      await key(el, 'Shift+Tab');
      expect(focused(el)).to.equal($(el, '[part=close]'));
      await key(el, 'Tab');
      expect(focusedScore(el)).to.equal(4);
    });

    it('ArrowRight and ArrowLeft move to the option visually to the right and left', async () => {
      const { el } = await setup({ type: 'nps', lang });
      await tabIntoGroup(el);
      await key(el, 'ArrowDown', 5);
      expect(focusedScore(el)).to.equal(5);
      const x = () => focused(el)!.parentElement!.getBoundingClientRect().left;

      const start = x();
      await key(el, 'ArrowRight');
      expectFocusedNotSaved(el, dir === 'ltr' ? 6 : 4);
      expect(x(), 'ArrowRight went to the right').to.be.greaterThan(start);

      await key(el, 'ArrowLeft');
      expect(focusedScore(el)).to.equal(5);
      await key(el, 'ArrowLeft');
      expectFocusedNotSaved(el, dir === 'ltr' ? 4 : 6);
      expect(x(), 'ArrowLeft went to the left').to.be.lessThan(start);
    });

    it('ArrowDown moves to the next higher score and ArrowUp to the next lower', async () => {
      const { el } = await setup({ type: 'csat', lang });
      await tabIntoGroup(el);
      await key(el, 'ArrowDown');
      expect(focusedScore(el)).to.equal(2);
      await key(el, 'ArrowDown');
      expectFocusedNotSaved(el, 3);
      await key(el, 'ArrowUp');
      expectFocusedNotSaved(el, 2);
    });

    it('Home moves to the lowest score and End to the highest', async () => {
      const { el } = await setup({ type: 'ces', lang });
      await tabIntoGroup(el);
      await key(el, 'End');
      expectFocusedNotSaved(el, 7);
      await key(el, 'Home');
      expectFocusedNotSaved(el, 1);
    });

    it('stops at the ends instead of wrapping around', async () => {
      const { el } = await setup({ type: 'nps', lang });
      await tabIntoGroup(el);
      await key(el, 'End');
      await key(el, 'ArrowDown', 2);
      expect(focusedScore(el), 'ArrowDown at the highest').to.equal(10);
      // The highest score is the rightmost option in LTR and the leftmost in RTL.
      await key(el, dir === 'ltr' ? 'ArrowRight' : 'ArrowLeft', 2);
      expect(focusedScore(el), 'arrow past the highest').to.equal(10);
      await key(el, 'Home');
      await key(el, 'ArrowUp', 2);
      expect(focusedScore(el), 'ArrowUp at the lowest').to.equal(0);
      await key(el, dir === 'ltr' ? 'ArrowLeft' : 'ArrowRight', 2);
      expect(focusedScore(el), 'arrow past the lowest').to.equal(0);
      expectFocusedNotSaved(el, 0);
    });

    it('arrow keys only move the focus: no answer, nothing sent, no follow-up', async () => {
      const { el, events } = await setup({ type: 'nps', lang });
      await tabIntoGroup(el);
      for (const name of ['ArrowDown', 'ArrowRight', 'ArrowLeft', 'ArrowUp', 'End', 'Home', 'ArrowDown']) {
        await key(el, name);
      }
      expect(focusedScore(el)).to.equal(1);
      await el.flush();
      await pause(300);
      expect(events.answers, 'no csat-answer').to.deep.equal([]);
      expect(sent(el), 'nothing POSTed').to.deep.equal([]);
      expect($(el, 'form'), 'no follow-up form').to.equal(null);
      expect($(el, 'textarea'), 'no comment box').to.equal(null);
      expect(status(el), 'nothing announced as saved').to.equal('');
    });

    it('shows a Next button after the radio group once the arrows moved, reachable by Tab', async () => {
      const { el, events } = await setup({ type: 'nps', lang });
      expect($(el, '[part=next]'), 'no Next before a selection').to.equal(null);
      await tabIntoGroup(el);
      await key(el, 'ArrowDown', 7);
      const next = $(el, '[part=next]');
      expect(next, 'Next appears').not.to.equal(null);
      const position = $(el, 'fieldset')!.compareDocumentPosition(next!);
      expect(position & Node.DOCUMENT_POSITION_FOLLOWING, 'Next comes after the group').to.not.equal(0);
      await key(el, 'Tab');
      expect(focused(el)).to.equal(next);
      await key(el, 'Enter');
      await waitFor(() => events.answers.length === 1, 'Enter on Next did not choose the score', { timeout: 3000 });
      expect(events.answers[0]!.score).to.equal(7);
      await el.updateComplete;
      expect(focused(el), 'focus moves to the comment box when Next disappears').to.equal($(el, 'textarea'));
    });

    for (const chooseKey of ['Space', 'Enter']) {
      it(`${chooseKey} on the focused radio chooses it`, async () => {
        const { el, events } = await setup({ type: 'nps', lang });
        await tabIntoGroup(el);
        await key(el, 'ArrowDown', 2);
        expect(events.answers).to.deep.equal([]);
        expectFocusedNotSaved(el, 2);
        await key(el, chooseKey);
        await waitFor(() => events.answers.length > 0, `${chooseKey} did not choose score 2`, { timeout: 3000 });
        expect(events.answers.map((a) => a.score)).to.deep.equal([2]);
        await el.updateComplete;
        expect(checkedScore(el), 'the stored answer is checked').to.equal(2);
        expect($$(el, '.option.saved').map((o) => o.querySelector('input')!.value)).to.deep.equal(['2']);
        await waitFor(
          () => getComputedStyle(markFor(el, 2)).backgroundColor !== getComputedStyle(markFor(el, 3)).backgroundColor,
          'the stored answer does not look saved',
          { timeout: 3000 },
        );
        expect($(el, 'textarea'), 'the follow-up opens').not.to.equal(null);
        await waitFor(() => sent(el).length > 0, 'the score was not sent', { timeout: 3000 });
        expect(sent(el).map((r) => r.score)).to.deep.equal([2]);
      });

      it(`${chooseKey} on the first radio, with nothing selected yet, chooses it`, async () => {
        const { el, events } = await setup({ type: 'csat', lang });
        await tabIntoGroup(el);
        await key(el, chooseKey);
        await waitFor(() => events.answers.length > 0, `${chooseKey} did not choose score 1`, { timeout: 3000 });
        expect(events.answers.map((a) => a.score)).to.deep.equal([1]);
      });

      it(`with comment="off", ${chooseKey} finishes with the thank-you; arrows alone never do`, async () => {
        const { el, events } = await setup({ type: 'ces', lang, comment: 'off' });
        await tabIntoGroup(el);
        for (const name of ['End', 'ArrowUp', 'ArrowUp', 'Home', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown']) {
          await key(el, name);
        }
        await el.flush();
        await pause(300);
        expect(events.submits, 'arrows submitted nothing').to.deep.equal([]);
        expect(sent(el), 'arrows sent nothing').to.deep.equal([]);
        expect(status(el)).to.equal('');
        expect(radios(el)).to.have.length(7);

        await key(el, chooseKey);
        await waitFor(() => events.submits.length > 0, `${chooseKey} did not finish`, { timeout: 3000 });
        expect(events.submits[0]).to.include({ score: 5, complete: true });
        await el.updateComplete;
        expect(status(el)).to.equal(THANKS[lang]);
        expect(radios(el), 'the thank-you replaces the question').to.have.length(0);
      });
    }

    it('after choosing, Tab goes to the comment box, then Send, then Skip', async () => {
      const { el, events } = await setup({ type: 'nps', lang });
      await tabIntoGroup(el);
      await key(el, 'End');
      await key(el, 'Enter');
      await waitFor(() => events.answers.length === 1, 'Enter did not choose');
      await el.updateComplete;
      await key(el, 'Tab');
      expect(focused(el)).to.equal($(el, 'textarea'));
      await key(el, 'Tab');
      expect(focused(el)).to.equal($(el, '[part=submit]'));
      await key(el, 'Tab');
      expect(focused(el)).to.equal($(el, '[part=skip]'));
    });

    it('typing a comment and pressing Enter on Send submits it, and focus stays in the survey', async () => {
      const { el, events } = await setup({ type: 'csat', lang });
      await tabIntoGroup(el);
      await key(el, 'ArrowDown', 3);
      await key(el, 'Enter');
      await waitFor(() => events.answers.length === 1, 'Enter did not choose');
      await el.updateComplete;
      await key(el, 'Tab');
      expect(focused(el)).to.equal($(el, 'textarea'));
      await sendKeys({ type: COMMENT[lang] });
      await key(el, 'Tab');
      expect(focused(el)).to.equal($(el, '[part=submit]'));
      await key(el, 'Enter');
      await waitFor(() => events.submits.length === 1, 'Enter on Send did not submit', { timeout: 3000 });
      expect(events.submits[0]).to.include({ score: 4, comment: COMMENT[lang], complete: true, revision: 2 });
      await el.updateComplete;
      expect(status(el)).to.equal(THANKS[lang]);
      expect(document.activeElement, 'focus is not lost to the page').to.equal(el);
      expect(focused(el)).to.equal($(el, '[part=close]'));
    });

    it('Enter on Skip finishes and leaves focus on the close button', async () => {
      const { el, events } = await setup({ type: 'ces', lang });
      await tabIntoGroup(el);
      await key(el, 'Enter');
      await waitFor(() => events.answers.length === 1, 'Enter did not choose');
      await el.updateComplete;
      await key(el, 'Tab', 3);
      expect(focused(el)).to.equal($(el, '[part=skip]'));
      await key(el, 'Enter');
      await waitFor(() => events.submits.length === 1, 'Enter on Skip did not finish', { timeout: 3000 });
      await el.updateComplete;
      expect(status(el)).to.equal(THANKS[lang]);
      expect(document.activeElement).to.equal(el);
      expect(focused(el)).to.equal($(el, '[part=close]'));
    });

    it('after the thank-you replaces the question, focus is on the close button', async () => {
      const { el, events } = await setup({ type: 'nps', lang, comment: 'off' });
      await tabIntoGroup(el);
      await key(el, 'ArrowDown', 9);
      await key(el, 'Enter');
      await waitFor(() => events.submits.length === 1, 'Enter did not finish', { timeout: 3000 });
      await el.updateComplete;
      expect(radios(el)).to.have.length(0);
      expect(document.activeElement, 'focus is not lost to the page body').to.equal(el);
      expect(focused(el)).to.equal($(el, '[part=close]'));
    });

    it('Escape does nothing harmful: no dismissal, no answer, focus kept', async () => {
      const { el, events } = await setup({ type: 'nps', lang });
      await tabIntoGroup(el);
      await key(el, 'ArrowDown', 4);
      await key(el, 'Escape');
      await el.flush();
      await pause(200);
      expect(events.dismisses).to.deep.equal([]);
      expect(events.answers).to.deep.equal([]);
      expect(sent(el)).to.deep.equal([]);
      expect($(el, '[part=base]'), 'the survey is still shown').not.to.equal(null);
      expectFocusedNotSaved(el, 4);

      await key(el, 'Enter');
      await waitFor(() => events.answers.length === 1, 'Enter did not choose');
      await el.updateComplete;
      await key(el, 'Tab');
      await sendKeys({ type: COMMENT[lang] });
      await key(el, 'Escape');
      await pause(100);
      expect(events.dismisses).to.deep.equal([]);
      expect(events.submits).to.deep.equal([]);
      expect($<HTMLTextAreaElement>(el, 'textarea')!.value, 'the typed comment is kept').to.equal(COMMENT[lang]);
      expect(focused(el)).to.equal($(el, 'textarea'));
    });

    it('the close button is the first Tab stop and Enter closes the survey', async () => {
      const { el, events } = await setup({ type: 'csat', lang });
      await key(el, 'Tab');
      const close = $(el, '[part=close]');
      expect(focused(el)).to.equal(close);
      await key(el, 'Enter');
      await waitFor(() => events.dismisses.length === 1, 'Enter on close did not dismiss', { timeout: 3000 });
      await el.updateComplete;
      expect($(el, '[part=base]'), 'the survey is gone').to.equal(null);
      expect(events.answers).to.deep.equal([]);
    });
  });
}
