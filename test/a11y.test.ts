// WCAG 2.2 AA, proven in real Chromium: axe-core over every type × language × theme and every
// phase, plus what axe cannot see (names in the shadow tree, live region, target sizes, focus
// indicator, root font size, reduced motion, forced colours).
import 'axe-core';
import type * as AxeCore from 'axe-core';
import { expect, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { survey, clearOutbox, radios, $, $$, type SurveyOptions, waitFor } from './helpers/fixtures.js';
import { startWorker, resetEndpoint, accept } from './helpers/msw.js';
import type { CsatSurveyElement } from '../src/element.js';

type Axe = typeof AxeCore;
const axe = (): Axe => (window as unknown as { axe: Axe }).axe;

before(startWorker);
beforeEach(async () => {
  resetEndpoint(accept);
  await clearOutbox();
});
afterEach(async () => {
  for (const p of ['background', 'color']) document.body.style.removeProperty(p);
  for (const p of ['color-scheme', 'font-size']) document.documentElement.style.removeProperty(p);
  await emulateMedia({});
});

type Lang = 'fa' | 'en';
type Theme = 'light' | 'dark';

interface Variant {
  label: string;
  options: SurveyOptions;
  min: number;
  max: number;
}

const VARIANTS: Variant[] = [
  { label: 'nps', options: { type: 'nps' }, min: 0, max: 10 },
  { label: 'csat (numbers)', options: { type: 'csat', display: 'numbers' }, min: 1, max: 5 },
  { label: 'csat (stars)', options: { type: 'csat', display: 'stars' }, min: 1, max: 5 },
  { label: 'csat (faces)', options: { type: 'csat', display: 'faces' }, min: 1, max: 5 },
  { label: 'ces', options: { type: 'ces' }, min: 1, max: 7 },
];
const LANGS: Lang[] = ['fa', 'en'];
const THEMES: Theme[] = ['light', 'dark'];

const FA_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const faNumber = (n: number) => String(n).replace(/\d/g, (d) => FA_DIGITS[Number(d)]!);

/** The product's copy, as the contract and the Persian defaults state it. */
const COPY = {
  en: {
    question: {
      nps: 'How likely are you to recommend us to a friend or colleague?',
      csat: 'How satisfied are you with us?',
      ces: 'It was easy to get my issue handled.',
    },
    low: { nps: 'Not at all likely', csat: 'Very dissatisfied', ces: 'Strongly disagree' },
    high: { nps: 'Extremely likely', csat: 'Very satisfied', ces: 'Strongly agree' },
    option: (n: number, max: number) => `${n} out of ${max}`,
    star: (n: number, max: number) => `${n} out of ${max} stars`,
    faces: ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'],
    saved: 'Your score is saved.',
    thanks: 'Thank you! Your feedback helps us improve.',
    close: 'Close survey',
  },
  fa: {
    question: {
      nps: 'چقدر احتمال دارد ما را به دوستان یا همکارانتان توصیه کنید؟',
      csat: 'چقدر از ما راضی هستید؟',
      ces: 'مشکلم به\u200cراحتی حل شد.',
    },
    low: { nps: 'به\u200cهیچ\u200cوجه', csat: 'خیلی ناراضی', ces: 'کاملاً مخالفم' },
    high: { nps: 'حتماً', csat: 'خیلی راضی', ces: 'کاملاً موافقم' },
    option: (n: number, max: number) => `${faNumber(n)} از ${faNumber(max)}`,
    star: (n: number, max: number) => `${faNumber(n)} ستاره از ${faNumber(max)}`,
    faces: ['خیلی ناراضی', 'ناراضی', 'معمولی', 'راضی', 'خیلی راضی'],
    saved: 'امتیازتان ثبت شد.',
    thanks: 'ممنون که وقت گذاشتید! نظرتان به ما کمک می\u200cکند بهتر شویم.',
    close: 'بستن نظرسنجی',
  },
} as const;

const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/**
 * The page behind is the opposite of the widget's theme (a white page behind a dark survey, a
 * black page and a dark system preference behind a light one), so contrast can only pass on the
 * widget's own colours.
 */
async function oppositePage(theme: Theme): Promise<void> {
  const page = theme === 'dark' ? 'light' : 'dark';
  document.body.style.background = page === 'light' ? '#ffffff' : '#000000';
  document.body.style.color = page === 'light' ? '#000000' : '#ffffff';
  document.documentElement.style.colorScheme = page;
  await emulateMedia({ colorScheme: page });
}

/** Waits for the render and for every running transition, so axe measures final colours. */
async function settle(el: CsatSurveyElement): Promise<void> {
  await el.updateComplete;
  await Promise.all(el.shadowRoot!.getAnimations().map((a) => a.finished));
}

async function chooseScore(el: CsatSurveyElement, index: number): Promise<void> {
  const answered = oneEvent(el, 'csat-answer');
  radios(el)[index]!.click();
  await answered;
  await settle(el);
}

/** Puts keyboard focus on a page button just before the survey, so the next Tab enters it. */
function focusBefore(el: CsatSurveyElement): void {
  const button = document.createElement('button');
  button.textContent = 'before';
  el.before(button);
  button.focus();
}

/** The accessible name Chromium's accname algorithm gives a node, computed by axe over the flat tree. */
function accessibleName(node: Element): string {
  axe().setup(document);
  try {
    return axe().commons.text.accessibleText(node).replace(/\s+/g, ' ').trim();
  } finally {
    axe().teardown();
  }
}

describe('axe finds no WCAG violations', () => {
  for (const variant of VARIANTS) {
    for (const lang of LANGS) {
      for (const theme of THEMES) {
        const options = { ...variant.options, lang, theme };
        const name = `${variant.label}, ${lang}, ${theme}`;

        it(`in the question: ${name}`, async () => {
          await oppositePage(theme);
          const el = await survey(options);
          await settle(el);
          await expect(el).to.be.accessible();
        });

        it(`after a score is chosen (comment box and buttons shown): ${name}`, async () => {
          await oppositePage(theme);
          const el = await survey(options);
          await chooseScore(el, radios(el).length - 1);
          expect($(el, 'textarea'), 'the follow-up form is shown').not.to.equal(null);
          await expect(el).to.be.accessible();
        });
      }
    }
  }

  for (const lang of LANGS) {
    for (const theme of THEMES) {
      it(`in the required-comment error: nps, ${lang}, ${theme}`, async () => {
        await oppositePage(theme);
        const el = await survey({ type: 'nps', lang, theme, comment: 'required' });
        await chooseScore(el, 3);
        $<HTMLButtonElement>(el, 'button[type=submit]')!.click();
        await settle(el);
        expect(text($(el, '#comment-error')), 'the error is shown').not.to.equal('');
        expect($(el, 'textarea')!.getAttribute('aria-invalid')).to.equal('true');
        await expect(el).to.be.accessible();
      });

      it(`in the thank-you: csat, ${lang}, ${theme}`, async () => {
        await oppositePage(theme);
        const el = await survey({ type: 'csat', lang, theme, comment: 'off' });
        await chooseScore(el, 4);
        expect(text($(el, '[role=status]'))).to.equal(COPY[lang].thanks);
        await expect(el).to.be.accessible();
      });
    }
  }
});

describe('the radio group, to a screen reader', () => {
  for (const variant of VARIANTS) {
    for (const lang of LANGS) {
      const type = variant.options.type as 'nps' | 'csat' | 'ces';
      const copy = COPY[lang];

      it(`is a radiogroup named by its question: ${variant.label}, ${lang}`, async () => {
        const el = await survey({ ...variant.options, lang });
        const group = $(el, 'fieldset')!;
        expect(group.getAttribute('role')).to.equal('radiogroup');
        const ids = group.getAttribute('aria-labelledby')!.split(/\s+/);
        const labels = ids.map((id) => el.shadowRoot!.getElementById(id));
        expect(labels, 'every aria-labelledby id exists in the shadow root').not.to.include(null);
        expect(labels[0]!.localName).to.equal('legend');
        expect(text(labels[0])).to.equal(copy.question[type]);
        expect(accessibleName(group)).to.equal(copy.question[type]);
        // Every radio belongs to the group and to one name, so arrows move within it.
        expect(radios(el).every((r) => group.contains(r) && r.name === radios(el)[0]!.name)).to.equal(true);
      });

      it(`names every option in the visitor's language: ${variant.label}, ${lang}`, async () => {
        const el = await survey({ ...variant.options, lang });
        const expected = [];
        for (let v = variant.min; v <= variant.max; v++) {
          expected.push(
            variant.label.includes('faces')
              ? copy.faces[v - 1]
              : variant.label.includes('stars')
                ? copy.star(v, variant.max)
                : copy.option(v, variant.max),
          );
        }
        expect(radios(el).map((r) => r.getAttribute('aria-label'))).to.deep.equal(expected);
        expect(radios(el).map((r) => accessibleName(r))).to.deep.equal(expected);
        // The visible mark is decoration for assistive technology: the name says it all.
        expect($$(el, '.mark').every((m) => m.getAttribute('aria-hidden') === 'true')).to.equal(true);
      });

      it(`describes the first and last options by the end labels: ${variant.label}, ${lang}`, async () => {
        const el = await survey({ ...variant.options, lang });
        const all = radios(el);
        const describedBy = (r: HTMLInputElement) =>
          (r.getAttribute('aria-describedby') ?? '')
            .split(/\s+/)
            .filter(Boolean)
            .map((id) => el.shadowRoot!.getElementById(id));
        const first = describedBy(all[0]!);
        const last = describedBy(all.at(-1)!);
        expect(first.length, 'the first radio has a description').to.be.greaterThan(0);
        expect(last.length, 'the last radio has a description').to.be.greaterThan(0);
        expect(first, 'every aria-describedby id exists in the shadow root').not.to.include(null);
        expect(last, 'every aria-describedby id exists in the shadow root').not.to.include(null);
        expect(first.map(text).join(' ')).to.equal(copy.low[type]);
        expect(last.map(text).join(' ')).to.equal(copy.high[type]);
      });
    }
  }

  for (const lang of LANGS) {
    it(`names the close button in the visitor's language: ${lang}`, async () => {
      const el = await survey({ type: 'nps', lang });
      expect(accessibleName($(el, '[part=close]')!)).to.equal(COPY[lang].close);
    });
  }
});

describe('the live region', () => {
  for (const lang of LANGS) {
    const copy = COPY[lang];

    it(`exists, empty, from the first render, and says the score is saved after choosing: ${lang}`, async () => {
      const el = await survey({ type: 'nps', lang });
      const status = $(el, '[role=status]');
      expect(status, 'a role=status element is in the first render').not.to.equal(null);
      expect(text(status)).to.equal('');
      expect(status!.closest('[aria-hidden=true]')).to.equal(null);
      expect(getComputedStyle(status!).display).not.to.equal('none');
      await chooseScore(el, 8);
      expect($(el, '[role=status]'), 'the same live region, not a new one').to.equal(status);
      expect(text(status)).to.equal(copy.saved);
      expect(getComputedStyle(status!).display).not.to.equal('none');
      expect(getComputedStyle(status!).visibility).to.equal('visible');
    });

    it(`announces the thank-you in the region that was there before it: ${lang}`, async () => {
      const el = await survey({ type: 'ces', lang });
      const status = $(el, '[role=status]')!;
      await chooseScore(el, 6);
      const submitted = oneEvent(el, 'csat-submit');
      $<HTMLButtonElement>(el, '[part=skip]')!.click();
      await submitted;
      await settle(el);
      expect($(el, '[role=status]'), 'the same live region, not a new one').to.equal(status);
      expect(text(status)).to.equal(copy.thanks);
      expect(getComputedStyle(status).display).not.to.equal('none');
    });

    it(`announces the thank-you when the comment is off: ${lang}`, async () => {
      const el = await survey({ type: 'csat', lang, comment: 'off' });
      const status = $(el, '[role=status]')!;
      expect(text(status)).to.equal('');
      await chooseScore(el, 0);
      expect($(el, '[role=status]')).to.equal(status);
      expect(text(status)).to.equal(copy.thanks);
    });
  }
});

describe('target size', () => {
  const measure = async (el: CsatSurveyElement) => {
    await settle(el);
    const labels = $$(el, '.option');
    expect(labels.length).to.be.greaterThan(0);
    for (const [i, label] of labels.entries()) {
      const box = label.getBoundingClientRect();
      const mark = label.querySelector('.mark')!.getBoundingClientRect();
      expect(box.width, `option ${i} width`).to.be.at.least(24);
      expect(box.height, `option ${i} height`).to.be.at.least(24);
      expect(mark.width, `option ${i} mark width`).to.be.at.least(24);
      expect(mark.height, `option ${i} mark height`).to.be.at.least(44);
      // The invisible radio covers the whole option, so the whole option is the target.
      const input = label.querySelector('input')!.getBoundingClientRect();
      expect(input.width, `option ${i} radio width`).to.be.at.least(24);
      expect(input.height, `option ${i} radio height`).to.be.at.least(24);
    }
    const close = $(el, '[part=close]')!.getBoundingClientRect();
    expect(close.width, 'close button width').to.be.at.least(24);
    expect(close.height, 'close button height').to.be.at.least(24);
  };

  for (const variant of VARIANTS) {
    it(`every option and the close button are at least 24×24 px, marks 44 px tall: ${variant.label}`, async () => {
      await measure(await survey({ ...variant.options, lang: 'en' }));
    });

    it(`keeps those sizes on a 320 px wide phone: ${variant.label}, fa`, async () => {
      await setViewport({ width: 320, height: 640 });
      try {
        await measure(await survey({ ...variant.options, lang: 'fa' }));
      } finally {
        await setViewport({ width: 800, height: 600 });
      }
    });
  }

  it('the follow-up buttons are at least 44 px tall', async () => {
    const el = await survey({ type: 'nps', lang: 'en' });
    await chooseScore(el, 9);
    for (const part of ['submit', 'skip']) {
      const box = $(el, `[part=${part}]`)!.getBoundingClientRect();
      expect(box.height, part).to.be.at.least(44);
      expect(box.width, part).to.be.at.least(24);
    }
  });
});

describe('visible focus', () => {
  for (const variant of VARIANTS) {
    it(`outlines the option whose radio has keyboard focus: ${variant.label}`, async () => {
      const el = await survey({ ...variant.options, lang: 'en' });
      const marks = $$(el, '.mark');
      expect(getComputedStyle(marks[0]!).outlineStyle, 'no outline before focus').to.equal('none');
      focusBefore(el);
      await sendKeys({ press: 'Tab' }); // the close button comes first
      expect(el.shadowRoot!.activeElement).to.equal($(el, '[part=close]'));
      const closeStyle = getComputedStyle($(el, '[part=close]')!);
      expect(closeStyle.outlineStyle, 'close button outline').not.to.equal('none');
      expect(parseFloat(closeStyle.outlineWidth), 'close button outline width').to.be.at.least(2);
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement).to.equal(radios(el)[0]);
      const style = getComputedStyle(marks[0]!);
      expect(style.outlineStyle).not.to.equal('none');
      expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
      expect(getComputedStyle(marks[1]!).outlineStyle, 'only the focused option').to.equal('none');
    });
  }
});

describe('the host page root font size', () => {
  it('does not change the option height, the question size or the close button', async () => {
    const el = await survey({ type: 'nps', lang: 'fa' });
    const measure = async (rootSize: string) => {
      document.documentElement.style.fontSize = rootSize;
      await settle(el);
      return {
        option: $(el, '.option')!.getBoundingClientRect().height,
        mark: $(el, '.mark')!.getBoundingClientRect().height,
        question: getComputedStyle($(el, '.question')!).fontSize,
        close: $(el, '[part=close]')!.getBoundingClientRect().width,
      };
    };
    const small = await measure('8px');
    const large = await measure('32px');
    expect(small).to.deep.equal(large);
    expect(parseFloat(small.question)).to.be.at.least(16);
  });
});

describe('user preferences', () => {
  const durations = (style: CSSStyleDeclaration) =>
    [...style.transitionDuration.split(','), ...style.animationDuration.split(',')].map((d) => parseFloat(d) || 0);

  it('prefers-reduced-motion: reduce turns every transition off', async () => {
    const el = await survey({ type: 'nps', lang: 'en' });
    await chooseScore(el, 5);
    const mark = $(el, '.mark')!;
    // Without the preference the options do animate, so the check below can tell the difference.
    expect(Math.max(...durations(getComputedStyle(mark)))).to.be.greaterThan(0);

    await emulateMedia({ reducedMotion: 'reduce' });
    expect(matchMedia('(prefers-reduced-motion: reduce)').matches, 'emulation took effect').to.equal(true);
    const moving = $$(el, '*').filter((node) => Math.max(...durations(getComputedStyle(node))) > 0);
    expect(moving.map((node) => node.className || node.localName)).to.deep.equal([]);
  });

  /**
   * Turns on forced colours. The runner's Chromium launcher (puppeteer) ignores `forcedColors` in
   * emulateMedia; when that happens the element's own `@media (forced-colors: active)` rules are
   * applied as an extra adopted style sheet, which is what the media query would do.
   */
  async function forceColors(el: CsatSurveyElement): Promise<void> {
    await emulateMedia({ forcedColors: 'active' });
    if (matchMedia('(forced-colors: active)').matches) return;
    const root = el.shadowRoot!;
    const inner = root.adoptedStyleSheets
      .flatMap((sheet) => [...sheet.cssRules])
      .filter((rule): rule is CSSMediaRule => rule instanceof CSSMediaRule)
      .filter((rule) => /forced-colors\s*:\s*active/.test(rule.media.mediaText))
      .flatMap((rule) => [...rule.cssRules].map((r) => r.cssText));
    expect(inner.length, 'the element has @media (forced-colors: active) rules').to.be.greaterThan(0);
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(inner.join('\n'));
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }

  /** A system colour as Chromium resolves it. */
  function systemColor(name: string): string {
    const probe = document.createElement('span');
    probe.style.color = name;
    document.body.append(probe);
    const value = getComputedStyle(probe).color;
    probe.remove();
    return value;
  }

  for (const variant of VARIANTS) {
    it(`forced-colors: active keeps the selected option distinguishable: ${variant.label}`, async () => {
      const el = await survey({ ...variant.options, lang: 'en', theme: 'light' });
      await chooseScore(el, 2);
      await forceColors(el);
      await settle(el);
      const marks = $$(el, '.mark');
      const selected = getComputedStyle(marks[2]!);
      // The last option is never part of a choice of 2 (stars fill up to the chosen one).
      const other = getComputedStyle(marks[marks.length - 1]!);
      expect(selected.forcedColorAdjust, 'the selected option keeps its system colours').to.equal('none');
      expect(selected.backgroundColor, 'the selected option is filled with Highlight').to.equal(
        systemColor('Highlight'),
      );
      expect(selected.color, 'the selected option is drawn in HighlightText').to.equal(systemColor('HighlightText'));
      expect(systemColor('Highlight')).not.to.equal(systemColor('Canvas'));
      expect(selected.backgroundColor, 'selected and unselected differ').not.to.equal(other.backgroundColor);
    });
  }

  it('forced-colors: active keeps the focus outline', async () => {
    const el = await survey({ type: 'nps', lang: 'en' });
    await forceColors(el);
    focusBefore(el);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await waitFor(() => el.shadowRoot!.activeElement === radios(el)[0], 'the first radio has focus');
    const style = getComputedStyle($(el, '.mark')!);
    expect(style.outlineStyle).not.to.equal('none');
    expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
    expect(style.outlineColor).to.equal(systemColor('Highlight'));
  });
});
