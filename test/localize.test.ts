// Language and direction resolution (SPEC §3 `lang`, `dir`): the element's own lang, the nearest
// ancestor's (across shadow roots), <html lang>, else English; live changes; added languages.
import { expect, fixture, html } from '@open-wc/testing';
import { survey, clearOutbox, radios, $, $$, waitFor } from './helpers/fixtures.js';
import { startWorker, resetEndpoint, accept, ENDPOINT } from './helpers/msw.js';
import { registerTranslation, type CsatSurveyElement, type Translation } from '../src/element.js';
import en from '../src/i18n/en.js';
import fa from '../src/i18n/fa.js';

before(startWorker);
beforeEach(async () => {
  resetEndpoint(accept);
  await clearOutbox();
});

// The page's own <html lang>, put back after every test that changes it.
const originalLang = document.documentElement.getAttribute('lang');
const originalDir = document.documentElement.getAttribute('dir');
function restoreAttribute(name: string, value: string | null): void {
  if (value === null) document.documentElement.removeAttribute(name);
  else document.documentElement.setAttribute(name, value);
}
afterEach(() => {
  restoreAttribute('lang', originalLang);
  restoreAttribute('dir', originalDir);
});

// Hard-coded so a broken dictionary fails here too.
const FA_LOW = 'به\u200cهیچ\u200cوجه';
const FA_QUESTION = 'چقدر احتمال دارد ما را به دوستان یا همکارانتان توصیه کنید؟';
const EN_LOW = 'Not at all likely';
const EN_QUESTION = 'How likely are you to recommend us to a friend or colleague?';
const DE_LOW = 'Überhaupt nicht wahrscheinlich';

const text = (node: Node | null | undefined) => node?.textContent ?? '';
const base = (el: Element) => $(el, '[part~="base"]')!;
const lowLabel = (el: Element) => text($(el, '[part~="low-label"]'));
const legend = (el: Element) => text($(el, 'legend'));
const marks = (el: Element) => $$(el, '.mark').map((m) => text(m).trim());
const names = (el: Element) => radios(el).map((r) => r.getAttribute('aria-label'));

const PERSIAN_MARKS = ['۰', '۱', '۲', '۳', '۴', '۵', '۶', '۷', '۸', '۹', '۱۰'];
const WESTERN_MARKS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'];

/** Asserts that an NPS survey speaks Persian, right to left, with Persian digits. */
function expectPersian(el: CsatSurveyElement): void {
  expect(legend(el)).to.equal(FA_QUESTION);
  expect(lowLabel(el)).to.equal(FA_LOW);
  expect(marks(el)).to.deep.equal(PERSIAN_MARKS);
  expect(names(el)[9]).to.equal('۹ از ۱۰');
  expect(base(el).getAttribute('dir')).to.equal('rtl');
  expect(base(el).getAttribute('lang')).to.match(/^fa\b/i);
}

/** Asserts that an NPS survey speaks English, left to right, with Western digits. */
function expectEnglish(el: CsatSurveyElement): void {
  expect(legend(el)).to.equal(EN_QUESTION);
  expect(lowLabel(el)).to.equal(EN_LOW);
  expect(marks(el)).to.deep.equal(WESTERN_MARKS);
  expect(names(el)[9]).to.equal('9 out of 10');
  expect(base(el).getAttribute('dir')).to.equal('ltr');
}

/** Waits until the survey's low label reads `expected`. */
async function untilLowLabel(el: CsatSurveyElement, expected: string): Promise<void> {
  await waitFor(() => lowLabel(el) === expected, `the low label stayed «${lowLabel(el)}», expected «${expected}»`, {
    timeout: 2000,
  });
  await el.updateComplete;
}

/** Makes an NPS <csat-survey> (not connected) with the given attributes. */
function make(attributes: Record<string, string> = {}): CsatSurveyElement {
  const el = document.createElement('csat-survey');
  const all = { type: 'nps', 'survey-id': 'localize', endpoint: ENDPOINT, ...attributes };
  for (const [name, value] of Object.entries(all)) el.setAttribute(name, value);
  return el;
}

/** Lowest score on the right of the highest? */
function mirrored(el: CsatSurveyElement): boolean {
  const inputs = radios(el);
  return inputs[0]!.getBoundingClientRect().left > inputs[inputs.length - 1]!.getBoundingClientRect().left;
}

describe('the language of a survey', () => {
  it('follows its own lang attribute', async () => {
    expectPersian(await survey({ lang: 'fa' }));
    expectEnglish(await survey({ lang: 'en' }));
  });

  it('prefers its own lang over an ancestor’s and <html lang>', async () => {
    document.documentElement.lang = 'en';
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en"></div>`);
    const el = make({ lang: 'fa' });
    wrapper.append(el);
    await el.updateComplete;
    expectPersian(el);
  });

  it('follows the nearest ancestor with a lang attribute', async () => {
    document.documentElement.lang = 'en';
    const outer = await fixture<HTMLDivElement>(
      html`<div lang="en">
        <section lang="fa"><p></p></section>
      </div>`,
    );
    const el = make();
    outer.querySelector('p')!.append(el);
    await el.updateComplete;
    expectPersian(el);

    const reverse = await fixture<HTMLDivElement>(
      html`<div lang="fa">
        <section lang="en"><p></p></section>
      </div>`,
    );
    const other = make();
    reverse.querySelector('p')!.append(other);
    await other.updateComplete;
    expectEnglish(other);
  });

  it('follows an ancestor outside the shadow root it is rendered in', async () => {
    document.documentElement.lang = 'en';
    const host = await fixture<HTMLDivElement>(html`<div lang="fa"><div class="host"></div></div>`);
    const root = host.querySelector('.host')!.attachShadow({ mode: 'open' });
    const wrapper = document.createElement('div');
    root.append(wrapper);
    const el = make();
    wrapper.append(el);
    await el.updateComplete;
    expectPersian(el);
  });

  it('prefers an ancestor inside its shadow root over one outside it', async () => {
    const host = await fixture<HTMLDivElement>(html`<div lang="fa"><div class="host"></div></div>`);
    const root = host.querySelector('.host')!.attachShadow({ mode: 'open' });
    const wrapper = document.createElement('div');
    wrapper.lang = 'en';
    root.append(wrapper);
    const el = make();
    wrapper.append(el);
    await el.updateComplete;
    expectEnglish(el);
  });

  it('follows <html lang> when no ancestor has a lang', async () => {
    document.documentElement.lang = 'fa';
    const el = await survey();
    expectPersian(el);
  });

  it('speaks English when no lang is set anywhere', async () => {
    document.documentElement.removeAttribute('lang');
    const el = await survey();
    expectEnglish(el);
    expect(base(el).getAttribute('lang')).to.equal('en');
  });

  it('speaks Persian for a region tag such as fa-IR, and English for en-GB', async () => {
    const persian = await survey({ lang: 'fa-IR' });
    expectPersian(persian);
    expect(base(persian).getAttribute('lang')).to.equal('fa-IR');
    const english = await survey({ lang: 'en-GB' });
    expectEnglish(english);
    expect(base(english).getAttribute('lang')).to.equal('en-GB');
  });

  it('speaks Persian when <html lang="fa-IR"> and the survey has no lang', async () => {
    document.documentElement.lang = 'fa-IR';
    expectPersian(await survey());
  });

  it('falls back to English texts for a language it does not know (de)', async () => {
    const el = await survey({ lang: 'de' });
    expectEnglish(el);
  });

  it('marks English fallback texts as English, so screen readers do not read them in another language', async () => {
    const el = await survey({ lang: 'de' });
    expect(lowLabel(el)).to.equal(EN_LOW);
    expect(base(el).getAttribute('lang')).to.match(/^en\b/i);
  });
});

describe('changing the language at runtime', () => {
  it('re-renders when its own lang attribute changes', async () => {
    const el = await survey({ lang: 'fa' });
    el.setAttribute('lang', 'en');
    await untilLowLabel(el, EN_LOW);
    expectEnglish(el);
    el.setAttribute('lang', 'fa');
    await untilLowLabel(el, FA_LOW);
    expectPersian(el);
  });

  it('falls back to the ancestor’s language when its own lang is removed', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="fa"></div>`);
    const el = make({ lang: 'en' });
    wrapper.append(el);
    await el.updateComplete;
    expectEnglish(el);
    el.removeAttribute('lang');
    await untilLowLabel(el, FA_LOW);
    expectPersian(el);
  });

  it('re-renders when an ancestor’s lang changes', async () => {
    const outer = await fixture<HTMLDivElement>(
      html`<div lang="en">
        <div><p></p></div>
      </div>`,
    );
    const el = make();
    outer.querySelector('p')!.append(el);
    await el.updateComplete;
    expectEnglish(el);
    outer.lang = 'fa';
    await untilLowLabel(el, FA_LOW);
    expectPersian(el);
    outer.lang = 'en';
    await untilLowLabel(el, EN_LOW);
    expectEnglish(el);
  });

  it('re-renders when the lang of its shadow host’s ancestor changes', async () => {
    const outer = await fixture<HTMLDivElement>(html`<div lang="en"><div class="host"></div></div>`);
    const root = outer.querySelector('.host')!.attachShadow({ mode: 'open' });
    const el = make();
    root.append(el);
    await el.updateComplete;
    expectEnglish(el);
    outer.lang = 'fa';
    await untilLowLabel(el, FA_LOW);
    expectPersian(el);
  });

  it('re-renders when the lang of an ancestor inside its shadow root changes', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const root = host.attachShadow({ mode: 'open' });
    const wrapper = document.createElement('div');
    wrapper.lang = 'en';
    root.append(wrapper);
    const el = make();
    wrapper.append(el);
    await el.updateComplete;
    expectEnglish(el);
    wrapper.lang = 'fa';
    await untilLowLabel(el, FA_LOW);
    expectPersian(el);
  });

  it('re-renders when <html lang> changes', async () => {
    document.documentElement.lang = 'en';
    const el = await survey();
    expectEnglish(el);
    document.documentElement.lang = 'fa';
    await untilLowLabel(el, FA_LOW);
    expectPersian(el);
    document.documentElement.lang = 'en-US';
    await untilLowLabel(el, EN_LOW);
    expectEnglish(el);
  });

  it('keeps the chosen score and the follow-up when the language changes mid-survey', async () => {
    const el = await survey({ lang: 'en' });
    radios(el)[10]!.click();
    await el.updateComplete;
    await waitFor(() => $(el, 'textarea') !== null);
    el.setAttribute('lang', 'fa');
    await untilLowLabel(el, FA_LOW);
    expect(text($(el, 'label.follow-up'))).to.include(fa.followUpPromoter);
    expect(radios(el)[10]!.checked).to.equal(true);
  });
});

describe('the direction of a survey', () => {
  it('is right to left in Persian and left to right in English', async () => {
    const persian = await survey({ lang: 'fa' });
    expect(base(persian).getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(base(persian)).direction).to.equal('rtl');
    expect(mirrored(persian)).to.equal(true);
    const english = await survey({ lang: 'en' });
    expect(base(english).getAttribute('dir')).to.equal('ltr');
    expect(getComputedStyle(base(english)).direction).to.equal('ltr');
    expect(mirrored(english)).to.equal(false);
  });

  it('follows the language, not an ancestor’s dir', async () => {
    const rtlPage = await fixture<HTMLDivElement>(html`<div dir="rtl" lang="en"></div>`);
    const english = make();
    rtlPage.append(english);
    await english.updateComplete;
    expect(base(english).getAttribute('dir')).to.equal('ltr');
    expect(mirrored(english)).to.equal(false);

    const ltrPage = await fixture<HTMLDivElement>(html`<div dir="ltr" lang="fa"></div>`);
    const persian = make();
    ltrPage.append(persian);
    await persian.updateComplete;
    expect(base(persian).getAttribute('dir')).to.equal('rtl');
    expect(mirrored(persian)).to.equal(true);
  });

  it('follows the dir attribute set on the element over the language', async () => {
    const persian = await survey({ lang: 'fa', dir: 'ltr' });
    expect(base(persian).getAttribute('dir')).to.equal('ltr');
    expect(mirrored(persian)).to.equal(false);
    expect(lowLabel(persian)).to.equal(FA_LOW);
    const english = await survey({ lang: 'en', dir: 'rtl' });
    expect(base(english).getAttribute('dir')).to.equal('rtl');
    expect(mirrored(english)).to.equal(true);
    expect(lowLabel(english)).to.equal(EN_LOW);
  });

  it('follows the language when dir="auto"', async () => {
    const el = await survey({ lang: 'fa', dir: 'auto' });
    expect(base(el).getAttribute('dir')).to.equal('rtl');
  });

  it('changes when the language changes, and when dir is set or removed at runtime', async () => {
    const el = await survey({ lang: 'fa' });
    expect(base(el).getAttribute('dir')).to.equal('rtl');
    el.setAttribute('lang', 'en');
    await untilLowLabel(el, EN_LOW);
    expect(base(el).getAttribute('dir')).to.equal('ltr');
    el.setAttribute('dir', 'rtl');
    await el.updateComplete;
    expect(base(el).getAttribute('dir')).to.equal('rtl');
    expect(mirrored(el)).to.equal(true);
    el.removeAttribute('dir');
    await el.updateComplete;
    expect(base(el).getAttribute('dir')).to.equal('ltr');
    expect(mirrored(el)).to.equal(false);
  });
});

// Registration is global and cannot be undone, so this block runs last: the English fallback
// for "de" above is checked before German exists.
describe('registerTranslation()', () => {
  const de: Translation = { ...en, $code: 'de', $name: 'Deutsch', npsLow: DE_LOW };

  it('makes an added language speak in a survey that is already shown', async () => {
    const el = await survey({ lang: 'de' });
    expect(lowLabel(el)).to.equal(EN_LOW);
    registerTranslation(de);
    await untilLowLabel(el, DE_LOW);
    expect(base(el).getAttribute('lang')).to.equal('de');
    expect(base(el).getAttribute('dir')).to.equal('ltr');
    expect(marks(el)).to.deep.equal(WESTERN_MARKS);
  });

  it('uses the added language for new surveys, region tags and <html lang>', async () => {
    registerTranslation(de);
    expect(lowLabel(await survey({ lang: 'de' }))).to.equal(DE_LOW);
    expect(lowLabel(await survey({ lang: 'de-AT' }))).to.equal(DE_LOW);
    document.documentElement.lang = 'de-CH';
    expect(lowLabel(await survey())).to.equal(DE_LOW);
  });

  it('keeps the built-in languages after a language is added', async () => {
    registerTranslation(de);
    expectPersian(await survey({ lang: 'fa' }));
    expectEnglish(await survey({ lang: 'en' }));
  });

  it('lays out an added right-to-left language right to left', async () => {
    registerTranslation({ ...fa, $code: 'ckb', $name: 'کوردی', npsLow: 'هەرگیز' });
    const el = await survey({ lang: 'ckb' });
    expect(lowLabel(el)).to.equal('هەرگیز');
    expect(base(el).getAttribute('dir')).to.equal('rtl');
    expect(mirrored(el)).to.equal(true);
  });
});
