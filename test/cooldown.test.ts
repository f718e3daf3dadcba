// Never nag, site-wide: once a visitor answers or dismisses a popover survey, no popover shows for
// `cooldownDays` (default 3), whatever its survey-id; at most `popoversPerVisit` (default 1) popovers
// show in one visit. Inline surveys are page content and exempt, unless they opt in with
// `respect-cooldown`. reset() lifts the cooldown. Where the storage mode keeps only answers, the
// cooldown holds for the page view only. (One popover per page view: see popover.test.ts.)
import { expect, oneEvent } from '@open-wc/testing';
import { configure } from '../src/index.js';
import { pageDelivery } from '../src/delivery.js';
import { hook } from '../src/loader/hook.js';
import { COOLDOWN_KEY, POPOVERS_KEY } from '../src/loader/keys.js';
import { visitorState } from '../src/visitor-state.js';
import type { CsatSurveyElement } from '../src/element.js';
import { clearOutbox, radios, waitFor } from './helpers/fixtures.js';
import { accept, resetEndpoint, startWorker } from './helpers/msw.js';
import { forget, idle, isOpen, mount, popoverOf, unmountAll } from './helpers/popover.js';
import { newPageView } from './helpers/page-view.js';

const FIRST = 'cooldown-first';
const SECOND = 'cooldown-second';
const THIRD = 'cooldown-third';
const INLINE = 'cooldown-inline';
const RESPECTING = 'cooldown-inline-respecting';
const DAY_MS = 86_400_000;

before(startWorker);
beforeEach(async () => {
  resetEndpoint(accept);
  newPageView();
  // The page's default storage mode again, for the delivery's stores too (a test may have lowered it).
  await pageDelivery().storageChanged();
  await clearOutbox();
  await forget(FIRST, SECOND, THIRD, INLINE, RESPECTING);
});
afterEach(() => unmountAll());

/** Why the survey is (not) asked: 'ask', 'cooldown', 'answered', … */
const verdictOf = (el: CsatSurveyElement) => (el as unknown as { decision: { verdict?: string } }).decision.verdict;

/** The stored cooldown mark (ms), or null. */
const storedMark = () => localStorage.getItem(COOLDOWN_KEY);

/** The next page of the same visit: the elements go, and what this page view knew of popovers; what is stored stays. */
function nextPageView(...elements: Element[]): void {
  for (const el of elements) el.remove();
  hook().view = {};
}

/** A page of a new visit (a new tab): the visit's count of popovers goes too; the cooldown mark stays. */
function newVisit(...elements: Element[]): void {
  nextPageView(...elements);
  sessionStorage.removeItem(POPOVERS_KEY);
}

async function answer(el: CsatSurveyElement): Promise<void> {
  const answered = oneEvent(el, 'csat-answer');
  radios(el)[9]!.click();
  await answered;
}

async function dismiss(el: CsatSurveyElement): Promise<void> {
  const dismissed = oneEvent(el, 'csat-dismiss');
  el.shadowRoot!.querySelector<HTMLButtonElement>('[part=close]')!.click();
  await dismissed;
}

/** show() is called, and has had every chance to act. */
async function tryShow(el: CsatSurveyElement): Promise<void> {
  el.show();
  await el.updateComplete;
  await idle();
  await el.updateComplete;
}

/** Shown at all: an inline survey renders its scale, a popover opens. */
const shown = (el: CsatSurveyElement) => (el.mode === 'inline' ? !!el.shadowRoot!.querySelector('.base') : isOpen(el));

describe('answering a popover starts the cooldown', () => {
  it('holds back another survey’s popover on the next pages, even through show(); cooldownDays 0 lets it show', async () => {
    const before = Date.now();
    const first = await mount({ 'survey-id': FIRST, comment: 'off' });
    expect(isOpen(first), 'the first popover is shown').to.equal(true);
    expect(storedMark(), 'no cooldown before the answer').to.equal(null);
    await answer(first);
    const mark = Number(storedMark());
    expect(mark, 'the stored mark is the time of the answer').to.be.within(before, Date.now());
    expect(hook().view!.lastAt).to.equal(mark);

    newVisit(first);
    const second = await mount({ 'survey-id': SECOND });
    expect(verdictOf(second)).to.equal('cooldown');
    expect(isOpen(second), 'the second popover is held back').to.equal(false);
    await tryShow(second);
    expect(popoverOf(second), 'show() does nothing').to.equal(null);
    expect(sessionStorage.getItem(POPOVERS_KEY), 'nor counts for the visit').to.equal(null);

    newVisit(second);
    configure({ cooldownDays: 0 });
    const again = await mount({ 'survey-id': SECOND });
    expect(verdictOf(again)).to.equal('ask');
    expect(isOpen(again), 'with cooldownDays 0 it shows').to.equal(true);
    expect(storedMark(), 'the mark itself stays').to.equal(String(mark));
  });

  it('lasts cooldownDays: a mark 4 days old holds popovers back with cooldownDays 5, not with the default 3', async () => {
    localStorage.setItem(COOLDOWN_KEY, String(Date.now() - 4 * DAY_MS));
    configure({ cooldownDays: 5 });
    const held = await mount({ 'survey-id': FIRST });
    expect(verdictOf(held)).to.equal('cooldown');
    expect(isOpen(held)).to.equal(false);

    newVisit(held);
    hook().settings = {};
    const shownNow = await mount({ 'survey-id': FIRST });
    expect(verdictOf(shownNow)).to.equal('ask');
    expect(isOpen(shownNow), 'the default 3 days are over').to.equal(true);
  });
});

describe('dismissing a popover starts the cooldown too', () => {
  it('another survey’s popover is held back; the visitor state records a dismissal, not an answer', async () => {
    const first = await mount({ 'survey-id': FIRST });
    expect(isOpen(first)).to.equal(true);
    await dismiss(first);
    const state = await visitorState(FIRST);
    expect(state.dismissedAt, 'dismissedAt').to.be.a('number');
    expect(state.answeredAt, 'no answeredAt').to.equal(undefined);
    expect(Number(storedMark()), 'the cooldown mark').to.equal(hook().view!.lastAt);
    expect(hook().view!.lastAt).to.be.a('number');

    newVisit(first);
    const second = await mount({ 'survey-id': SECOND });
    expect(verdictOf(second)).to.equal('cooldown');
    expect(isOpen(second)).to.equal(false);
  });
});

describe('popovers per visit', () => {
  it('one per visit by default: a popover shown and ignored keeps the next page’s away; popoversPerVisit 2 lets one more show', async () => {
    const first = await mount({ 'survey-id': FIRST });
    expect(isOpen(first)).to.equal(true);
    expect(sessionStorage.getItem(POPOVERS_KEY), 'counted for the visit').to.equal('1');
    expect(storedMark(), 'shown and ignored: no cooldown').to.equal(null);

    nextPageView(first);
    const second = await mount({ 'survey-id': SECOND });
    expect(verdictOf(second), 'not a cooldown: the visit’s popover is used').to.equal('ask');
    expect(isOpen(second)).to.equal(false);
    await tryShow(second);
    expect(popoverOf(second), 'show() does nothing').to.equal(null);

    nextPageView(second);
    configure({ popoversPerVisit: 2 });
    const again = await mount({ 'survey-id': SECOND });
    expect(isOpen(again), 'the second of two').to.equal(true);
    expect(sessionStorage.getItem(POPOVERS_KEY)).to.equal('2');

    nextPageView(again);
    const third = await mount({ 'survey-id': THIRD });
    expect(isOpen(third), 'not a third').to.equal(false);
  });

  it('a new visit may show a popover again', async () => {
    const first = await mount({ 'survey-id': FIRST });
    expect(isOpen(first)).to.equal(true);
    newVisit(first);
    const second = await mount({ 'survey-id': SECOND });
    expect(isOpen(second)).to.equal(true);
  });
});

describe('inline surveys', () => {
  it('are exempt from the cooldown, unless they respect it', async () => {
    const first = await mount({ 'survey-id': FIRST });
    await answer(first);
    newVisit(first);

    const inline = await mount({ 'survey-id': INLINE, mode: 'inline' });
    expect(verdictOf(inline)).to.equal('ask');
    expect(shown(inline), 'an inline survey shows during the cooldown').to.equal(true);
    expect(radios(inline)).to.have.length(11);

    const respecting = await mount({ 'survey-id': RESPECTING, mode: 'inline', 'respect-cooldown': '' });
    expect(verdictOf(respecting)).to.equal('cooldown');
    expect(shown(respecting), 'one with respect-cooldown stays hidden').to.equal(false);
    expect(respecting.getBoundingClientRect().height, 'and takes no room').to.equal(0);
    await tryShow(respecting);
    expect(shown(respecting), 'not even through show()').to.equal(false);
  });

  it('answering one does not start the cooldown', async () => {
    const inline = await mount({ 'survey-id': INLINE, mode: 'inline' });
    await answer(inline);
    await waitFor(async () => (await visitorState(INLINE)).answeredAt !== undefined, 'the answer is recorded');
    expect(storedMark(), 'no stored mark').to.equal(null);
    expect(hook().view!.lastAt, 'none in this page view').to.equal(undefined);

    nextPageView(inline);
    const popover = await mount({ 'survey-id': FIRST });
    expect(verdictOf(popover)).to.equal('ask');
    expect(isOpen(popover), 'a popover shows next').to.equal(true);
  });

  it('answering one that respects the cooldown starts it', async () => {
    const respecting = await mount({ 'survey-id': RESPECTING, mode: 'inline', 'respect-cooldown': '' });
    expect(shown(respecting), 'shown: no cooldown yet').to.equal(true);
    await answer(respecting);
    expect(Number(storedMark())).to.equal(hook().view!.lastAt);

    newVisit(respecting);
    const popover = await mount({ 'survey-id': FIRST });
    expect(verdictOf(popover)).to.equal('cooldown');
    expect(isOpen(popover)).to.equal(false);
  });
});

describe('reset()', () => {
  it('lifts the cooldown: the survey shows again', async () => {
    const first = await mount({ 'survey-id': FIRST });
    await answer(first);
    newVisit(first);
    const second = await mount({ 'survey-id': SECOND });
    expect(verdictOf(second)).to.equal('cooldown');
    expect(isOpen(second)).to.equal(false);

    second.reset();
    await second.updateComplete;
    await waitFor(() => isOpen(second), 'the popover shows after reset()');
    expect(verdictOf(second)).to.equal('ask');
    expect(storedMark(), 'the stored mark is gone').to.equal(null);
    expect(hook().view!.lastAt).to.equal(undefined);
  });
});

describe('storage mode "answers"', () => {
  it('the cooldown holds for the page view only: nothing stored, and the next page view shows popovers again', async () => {
    configure({ storage: 'answers' });
    const first = await mount({ 'survey-id': FIRST });
    expect(isOpen(first)).to.equal(true);
    await answer(first);
    expect(hook().view!.lastAt, 'the cooldown, in this page view').to.be.a('number');
    expect(storedMark(), 'no mark in localStorage').to.equal(null);
    expect(sessionStorage.getItem(POPOVERS_KEY), 'no count in sessionStorage').to.equal(null);

    first.remove();
    const second = await mount({ 'survey-id': SECOND });
    expect(verdictOf(second), 'in this page view').to.equal('cooldown');
    expect(isOpen(second)).to.equal(false);

    nextPageView(second);
    const later = await mount({ 'survey-id': SECOND });
    expect(verdictOf(later), 'the next page view knows of no cooldown').to.equal('ask');
    expect(isOpen(later), 'and shows the popover').to.equal(true);
    expect(storedMark()).to.equal(null);
  });

  it('lowered to "answers" mid-page, the stored cooldown and visit count still hold for this page view', async () => {
    localStorage.setItem(COOLDOWN_KEY, String(Date.now() - DAY_MS));
    sessionStorage.setItem(POPOVERS_KEY, '1');
    hook().view = undefined;
    const inline = await mount({ 'survey-id': RESPECTING, mode: 'inline', 'respect-cooldown': '' });
    expect(verdictOf(inline), 'read while the mode was full').to.equal('cooldown');
    configure({ storage: 'answers' });
    await pageDelivery().storageChanged();
    expect(storedMark(), 'the mark is deleted').to.equal(null);
    expect(sessionStorage.getItem(POPOVERS_KEY), 'the count is deleted').to.equal(null);
    const popover = await mount({ 'survey-id': SECOND });
    await tryShow(popover);
    expect(verdictOf(popover), 'the cooldown still holds in this page view').to.equal('cooldown');
    expect(isOpen(popover)).to.equal(false);
  });
});
