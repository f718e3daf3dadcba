// The popover: non-modal (never takes focus), announced, closed by Escape or its button with focus
// given back, placed in a logical corner that flips in RTL, a bottom sheet on phones, one at a
// time, and free of axe violations.
import 'axe-core';
import { expect, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { track } from '../src/triggers.js';
import { clearOutbox, radios, waitFor } from './helpers/fixtures.js';
import { startWorker, resetEndpoint, accept } from './helpers/msw.js';
import { mount, unmountAll, forget, isOpen, popoverOf, announcer, settle, idle } from './helpers/popover.js';
import type { CsatSurveyElement } from '../src/element.js';

const ID = 'popover-survey';
const OTHER = 'popover-survey-2';
let unique = 0;
const eventName = (base: string) => `${base}-${Date.now()}-${++unique}`;

const QUESTION = {
  en: 'How likely are you to recommend us to a friend or colleague?',
  fa: 'چقدر احتمال دارد ما را به دوستان یا همکارانتان توصیه کنید؟',
};

let pageElements: HTMLElement[] = [];
/** A page control outside the survey, removed after the test. */
function pageControl<K extends 'input' | 'button'>(tag: K): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (node instanceof HTMLButtonElement) node.textContent = 'page button';
  else node.setAttribute('aria-label', 'page input');
  document.body.prepend(node);
  pageElements.push(node);
  return node;
}

before(startWorker);
beforeEach(async () => {
  resetEndpoint(accept);
  await clearOutbox();
  await forget(ID, OTHER);
});
afterEach(async () => {
  unmountAll(...pageElements);
  pageElements = [];
  (document.activeElement as HTMLElement | null)?.blur();
  for (const p of ['background', 'color']) document.body.style.removeProperty(p);
  document.documentElement.style.removeProperty('color-scheme');
  await emulateMedia({});
  await setViewport({ width: 800, height: 600 });
});

/** Resolves when the popover has left (after its exit motion). */
const gone = (el: CsatSurveyElement) => waitFor(() => !popoverOf(el), 'the popover left');

describe('focus stays with the visitor', () => {
  for (const trigger of ['load', 'event'] as const) {
    it(`a popover appearing (trigger ${trigger}) leaves focus in the page input being typed in`, async () => {
      const input = pageControl('input');
      input.focus();
      await sendKeys({ type: 'ab' });
      const name = eventName('typing');
      const el = await mount({ 'survey-id': ID, trigger: trigger === 'load' ? 'load' : `event:${name}` });
      if (trigger === 'event') {
        track(name);
        await el.updateComplete;
      }
      await settle(el);
      expect(isOpen(el), 'the popover is open').to.equal(true);
      expect(document.activeElement, 'focus stays in the input').to.equal(input);
      expect(el.shadowRoot!.activeElement).to.equal(null);
      await sendKeys({ type: 'cd' });
      expect(input.value).to.equal('abcd');
    });
  }
});

describe('the announcement', () => {
  it('says "Survey: {question}" in English, outside the popover', async () => {
    const el = await mount({ 'survey-id': ID, lang: 'en' });
    const region = el.shadowRoot!.querySelector('.announcer')!;
    expect(region.getAttribute('role')).to.equal('status');
    expect(popoverOf(el)!.contains(region)).to.equal(false);
    expect(announcer(el)).to.equal(`Survey: ${QUESTION.en}`);
  });

  it('says «نظرسنجی: …» in Persian', async () => {
    const el = await mount({ 'survey-id': ID, lang: 'fa' });
    expect(announcer(el)).to.equal(`نظرسنجی: ${QUESTION.fa}`);
  });

  it('is a non-modal dialog named by its question', async () => {
    const el = await mount({ 'survey-id': ID, lang: 'en' });
    const popover = popoverOf(el)!;
    expect(popover.getAttribute('role')).to.equal('dialog');
    expect(popover.getAttribute('aria-modal')).to.equal('false');
    expect(popover.getAttribute('aria-label')).to.equal(QUESTION.en);
    expect(popover.getAttribute('popover')).to.equal('manual');
  });
});

describe('closing', () => {
  it('Escape with focus inside the popover closes it and fires csat-dismiss', async () => {
    const el = await mount({ 'survey-id': ID });
    radios(el)[0]!.focus();
    const dismissed = oneEvent(el, 'csat-dismiss');
    await sendKeys({ press: 'Escape' });
    expect((await dismissed).detail.surveyId).to.equal(ID);
    await gone(el);
  });

  it('Escape with focus on the page body closes it', async () => {
    const el = await mount({ 'survey-id': ID });
    expect(document.activeElement).to.equal(document.body);
    const dismissed = oneEvent(el, 'csat-dismiss');
    await sendKeys({ press: 'Escape' });
    await dismissed;
    await gone(el);
  });

  it('Escape in a page input does not close it', async () => {
    const input = pageControl('input');
    const el = await mount({ 'survey-id': ID });
    input.focus();
    let dismissed = false;
    el.addEventListener('csat-dismiss', () => (dismissed = true));
    await sendKeys({ press: 'Escape' });
    await idle(250);
    expect(dismissed).to.equal(false);
    expect(isOpen(el)).to.equal(true);
  });

  it('the close button closes it and fires csat-dismiss', async () => {
    const el = await mount({ 'survey-id': ID });
    const dismissed = oneEvent(el, 'csat-dismiss');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part=close]')!.click();
    await dismissed;
    await gone(el);
  });

  // A second close during the 160 ms exit motion is not a second dismissal.
  it('a double-click on the close button dismisses once', async () => {
    const el = await mount({ 'survey-id': ID });
    let dismissals = 0;
    el.addEventListener('csat-dismiss', () => dismissals++);
    const close = el.shadowRoot!.querySelector<HTMLButtonElement>('[part=close]')!;
    close.click();
    await el.updateComplete;
    close.click();
    await gone(el);
    await idle(250);
    expect(dismissals).to.equal(1);
  });

  for (const key of ['Escape', 'Enter'] as const) {
    it(`after closing by keyboard (${key}), focus goes back to the page element focused before`, async () => {
      const button = pageControl('button');
      const el = await mount({ 'survey-id': ID });
      button.focus();
      await sendKeys({ press: 'Tab' });
      const close = el.shadowRoot!.querySelector('[part=close]');
      expect(el.shadowRoot!.activeElement, 'Tab enters the popover at its close button').to.equal(close);
      const dismissed = oneEvent(el, 'csat-dismiss');
      await sendKeys({ press: key });
      await dismissed;
      await gone(el);
      expect(document.activeElement).to.equal(button);
    });
  }
});

describe('placement', () => {
  const EDGE = 16;

  async function box(lang: 'en' | 'fa', position: string): Promise<DOMRect> {
    const el = await mount({ 'survey-id': ID, lang, position });
    await settle(el);
    const rect = popoverOf(el)!.getBoundingClientRect();
    unmountAll();
    return rect;
  }

  it('bottom-end sits at the bottom right in English and the bottom left in Persian', async () => {
    const width = document.documentElement.clientWidth;
    const height = document.documentElement.clientHeight;
    const en = await box('en', 'bottom-end');
    expect(en.right, 'en: right edge').to.be.closeTo(width - EDGE, 1);
    expect(en.bottom, 'en: bottom edge').to.be.closeTo(height - EDGE, 1);
    expect(en.left, 'en: not at the left').to.be.greaterThan(width / 3);
    const fa = await box('fa', 'bottom-end');
    expect(fa.left, 'fa: left edge').to.be.closeTo(EDGE, 1);
    expect(fa.bottom, 'fa: bottom edge').to.be.closeTo(height - EDGE, 1);
    expect(fa.right, 'fa: not at the right').to.be.lessThan((width * 2) / 3);
  });

  it('top-start sits at the top left in English and the top right in Persian', async () => {
    const width = document.documentElement.clientWidth;
    const en = await box('en', 'top-start');
    expect(en.left, 'en: left edge').to.be.closeTo(EDGE, 1);
    expect(en.top, 'en: top edge').to.be.closeTo(EDGE, 1);
    const fa = await box('fa', 'top-start');
    expect(fa.right, 'fa: right edge').to.be.closeTo(width - EDGE, 1);
    expect(fa.top, 'fa: top edge').to.be.closeTo(EDGE, 1);
  });

  for (const lang of ['en', 'fa'] as const) {
    it(`on a 375×700 phone it spans the full width at the bottom (${lang})`, async () => {
      await setViewport({ width: 375, height: 700 });
      const rect = await box(lang, 'top-start');
      const width = document.documentElement.clientWidth;
      expect(rect.left).to.be.closeTo(0, 1);
      expect(rect.right).to.be.closeTo(width, 1);
      expect(rect.bottom).to.be.closeTo(700, 1);
    });
  }
});

describe('one popover per page view', () => {
  it('a second popover does not appear, even once the first is closed', async () => {
    const first = await mount({ 'survey-id': ID });
    const second = await mount({ 'survey-id': OTHER });
    expect(isOpen(first), 'the first is shown').to.equal(true);
    expect(popoverOf(second), 'the second is not').to.equal(null);
    first.shadowRoot!.querySelector<HTMLButtonElement>('[part=close]')!.click();
    await gone(first);
    second.show();
    await idle(200);
    expect(popoverOf(second), 'not after the first closed either, nor by show()').to.equal(null);
  });

  it('hide() on the first does not count as a dismissal; the same popover may show again', async () => {
    const first = await mount({ 'survey-id': ID });
    const second = await mount({ 'survey-id': OTHER });
    let dismissed = false;
    first.addEventListener('csat-dismiss', () => (dismissed = true));
    first.hide();
    await idle(100);
    expect(popoverOf(second), 'the second stays away').to.equal(null);
    expect(dismissed).to.equal(false);
    first.show();
    await waitFor(() => isOpen(first), 'the first shows again');
    expect(announcer(first)).to.equal(`Survey: ${QUESTION.en}`);
  });
});

describe('axe finds no violations in the popover', () => {
  for (const lang of ['fa', 'en'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      it(`${lang}, ${theme}`, async () => {
        // The page behind is the opposite of the survey's theme, so only its own colours can pass.
        const page = theme === 'dark' ? 'light' : 'dark';
        document.body.style.background = page === 'light' ? '#ffffff' : '#000000';
        document.body.style.color = page === 'light' ? '#000000' : '#ffffff';
        document.documentElement.style.colorScheme = page;
        await emulateMedia({ colorScheme: page });
        const el = await mount({ 'survey-id': ID, lang, theme });
        await settle(el);
        expect(isOpen(el)).to.equal(true);
        await expect(el).to.be.accessible();
      });
    }
  }
});
