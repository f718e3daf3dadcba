import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { survey, clearOutbox, radios, $, $$, waitFor } from './helpers/fixtures.js';
import { startWorker, resetEndpoint, accept } from './helpers/msw.js';
import type { CsatSurveyElement } from '../src/element.js';

before(startWorker);
beforeEach(async () => {
  resetEndpoint(accept);
  await clearOutbox();
});

const HOSTILE_CSS = `
  * {
    font-size: 40px !important;
    line-height: 0.5 !important;
    color: hotpink !important;
    letter-spacing: 5px !important;
    text-transform: uppercase !important;
    direction: ltr !important;
    visibility: visible;
    font-family: "Comic Sans MS", cursive !important;
    background: lime !important;
  }
  button, input, label, fieldset, legend, textarea, section, span { display: none !important; }
  html { font-size: 5px; }
`;

const added: HTMLStyleElement[] = [];

/** Adds a page style to document.head; removed after the test. */
function addPageStyle(css: string): HTMLStyleElement {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
  added.push(style);
  return style;
}

afterEach(async () => {
  added.splice(0).forEach((style) => style.remove());
  document.documentElement.style.removeProperty('color-scheme');
  await emulateMedia({ colorScheme: 'light' });
});

const base = (el: CsatSurveyElement) => $(el, '[part~="base"]')!;

/** What a visitor sees of a rendered survey: sizes, places, fonts, colours, direction. */
function look(el: CsatSurveyElement) {
  const question = getComputedStyle($(el, '.question')!);
  const card = getComputedStyle(base(el));
  const rect = (node: Element) => {
    const r = node.getBoundingClientRect();
    return { width: Math.round(r.width * 10) / 10, height: Math.round(r.height * 10) / 10 };
  };
  const hostLeft = el.getBoundingClientRect().left;
  return {
    options: $$(el, '.option').map((o) => ({
      ...rect(o),
      left: Math.round(o.getBoundingClientRect().left - hostLeft),
      display: getComputedStyle(o).display,
    })),
    marks: $$(el, '.mark').map((m) => ({ ...rect(m), fontSize: getComputedStyle(m).fontSize })),
    inputs: radios(el).map((i) => ({ ...rect(i), display: getComputedStyle(i).display })),
    question: {
      fontSize: question.fontSize,
      color: question.color,
      fontFamily: question.fontFamily,
      lineHeight: question.lineHeight,
      letterSpacing: question.letterSpacing,
      textTransform: question.textTransform,
      display: question.display,
      height: rect($(el, '.question')!).height,
    },
    card: {
      direction: card.direction,
      background: card.backgroundColor,
      color: card.color,
      fontSize: card.fontSize,
      height: rect(base(el)).height,
    },
    fieldsetDisplay: getComputedStyle($(el, 'fieldset')!).display,
  };
}

/** Relative luminance (WCAG) of a computed `rgb()`/`rgba()` colour. */
function luminance(color: string): number {
  const match = /^rgba?\((\d+(?:\.\d+)?)[ ,]+(\d+(?:\.\d+)?)[ ,]+(\d+(?:\.\d+)?)/.exec(color);
  expect(match, `not an rgb() colour: ${color}`).to.not.equal(null);
  const [r, g, b] = match!.slice(1, 4).map((c) => {
    const v = Number(c) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('host-page CSS cannot break the widget', () => {
  it('keeps option sizes, question font and colour, and RTL direction under hostile page styles', async () => {
    const container = await fixture<HTMLDivElement>(html`<div style="inline-size: 600px"></div>`);
    const mountFa = async () => {
      const el = document.createElement('csat-survey');
      el.setAttribute('type', 'nps');
      el.setAttribute('survey-id', 'isolation');
      el.setAttribute('endpoint', '/api/responses');
      el.setAttribute('lang', 'fa');
      container.append(el);
      await el.updateComplete;
      return el;
    };
    const calm = await mountFa();
    const expected = look(calm);
    expect(expected.card.direction).to.equal('rtl');
    expect(expected.options[0]!.left, 'in RTL, 0 is on the right').to.be.greaterThan(expected.options[10]!.left);

    const hostile = addPageStyle(HOSTILE_CSS);
    // Page CSS that was there before the widget rendered … (the page's font family is the one
    // thing the survey takes from the page, by design: see the next test)
    const late = await mountFa();
    const lateLook = look(late);
    expect(lateLook.question.fontFamily.startsWith('"Comic Sans MS", Vazirmatn')).to.equal(true);
    lateLook.question.fontFamily = expected.question.fontFamily;
    expect(lateLook).to.deep.equal(expected);
    // … and page CSS added after it rendered.
    expect(look(calm)).to.deep.equal(expected);
    expect(look(calm).question.color).to.not.equal('rgb(255, 105, 180)');

    hostile.remove();
    expect(look(calm)).to.deep.equal(expected);
  });

  it('takes the page’s font family (then a stack for its language), and nothing else of the page’s type', async () => {
    const container = await fixture<HTMLDivElement>(
      html`<div
        style="font: italic 30px/3 Georgia, 'Times New Roman', serif; color: rgb(255, 0, 0); letter-spacing: 4px"
      ></div>`,
    );
    const mount = async (lang: string) => {
      const el = document.createElement('csat-survey');
      el.setAttribute('type', 'csat');
      el.setAttribute('survey-id', `font-${lang}`);
      el.setAttribute('endpoint', '/api/responses');
      el.setAttribute('lang', lang);
      container.append(el);
      await el.updateComplete;
      return el;
    };
    const en = getComputedStyle(base(await mount('en')));
    expect(en.fontFamily).to.equal(
      'Georgia, "Times New Roman", system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
    );
    const fa = getComputedStyle(base(await mount('fa')));
    expect(fa.fontFamily).to.equal(
      'Georgia, "Times New Roman", Vazirmatn, Vazir, IRANSansX, IRANSans, "Noto Sans Arabic", Tahoma, system-ui, sans-serif',
    );
    for (const style of [en, fa]) {
      expect(style.fontSize).to.equal('16px');
      expect(style.fontStyle).to.equal('normal');
      expect(style.letterSpacing).to.equal('normal');
      expect(style.color).to.not.equal('rgb(255, 0, 0)');
    }
  });

  it('uses the language’s stack alone on a page that sets no font', async () => {
    const el = await survey({ type: 'nps', lang: 'fa' });
    expect(getComputedStyle(document.body).fontFamily, 'the test page sets no font').to.equal('"Times New Roman"');
    expect(getComputedStyle(base(el)).fontFamily).to.equal(
      'Vazirmatn, Vazir, IRANSansX, IRANSans, "Noto Sans Arabic", Tahoma, system-ui, sans-serif',
    );
    const en = await survey({ type: 'nps', lang: 'en', surveyId: 'font-en' });
    expect(getComputedStyle(base(en)).fontFamily.startsWith('system-ui, -apple-system')).to.equal(true);
  });

  it('lets --csat-font-family override the font', async () => {
    const el = await survey({ type: 'nps', lang: 'fa' });
    el.style.setProperty('--csat-font-family', 'Shabnam, serif');
    expect(getComputedStyle(base(el)).fontFamily).to.equal('Shabnam, serif');
    el.style.removeProperty('--csat-font-family');
  });

  it('does not size itself from the page root font size', async () => {
    const el = await survey({ type: 'csat' });
    const before = look(el);
    addPageStyle('html { font-size: 40px !important; } body { font-size: 3px !important; }');
    expect(look(el)).to.deep.equal(before);
  });
});

describe('the widget does not touch the page', () => {
  it('adds no style or link to the document and leaves page text as it was', async () => {
    const container = await fixture<HTMLDivElement>(html`<div><p id="page-text">Page text</p></div>`);
    const paragraph = container.querySelector('p')!;
    const PROPS = [
      'font-family',
      'font-size',
      'line-height',
      'color',
      'background-color',
      'direction',
      'letter-spacing',
      'color-scheme',
      'box-sizing',
      'margin-block-start',
    ];
    const snapshot = () => {
      const p = getComputedStyle(paragraph);
      const root = getComputedStyle(document.documentElement);
      return {
        paragraph: PROPS.map((name) => p.getPropertyValue(name)),
        root: PROPS.map((name) => root.getPropertyValue(name)),
        styleNodes: document.querySelectorAll('style, link').length,
        styleSheets: document.styleSheets.length,
        adopted: document.adoptedStyleSheets.length,
        rootAttrs: [...document.documentElement.attributes].map((a) => `${a.name}=${a.value}`),
        bodyAttrs: [...document.body.attributes].map((a) => `${a.name}=${a.value}`),
      };
    };
    const before = snapshot();

    for (const [type, lang, theme] of [
      ['nps', 'fa', 'dark'],
      ['csat', 'en', 'light'],
      ['ces', 'fa', 'auto'],
    ] as const) {
      const el = document.createElement('csat-survey');
      Object.assign(el, { type, surveyId: `leak-${type}`, endpoint: '/api/responses', theme });
      el.setAttribute('lang', lang);
      el.style.setProperty('--csat-accent', 'rgb(1, 2, 3)');
      container.append(el);
      await el.updateComplete;
      expect(radios(el).length).to.be.greaterThan(0);
    }
    radios(container.querySelector('csat-survey')!)[9]!.click();
    await waitFor(() => $(container.querySelector('csat-survey')!, 'textarea'), 'the follow-up never rendered');

    expect(snapshot()).to.deep.equal(before);
  });
});

describe('theming', () => {
  it('colours the selected option with --csat-accent set on the element', async () => {
    const el = await survey({ type: 'csat' });
    el.style.setProperty('--csat-accent', 'rgb(1, 2, 3)');
    radios(el)[3]!.click();
    await el.updateComplete;
    const selected = $(el, '[part~="option-selected"] .mark')!;
    expect(selected, 'the chosen option is the selected part').to.equal($$(el, '.mark')[3]);
    await waitFor(
      () => getComputedStyle(selected).backgroundColor === 'rgb(1, 2, 3)',
      `the selected option is ${getComputedStyle(selected).backgroundColor}, not the accent`,
      { timeout: 2000 },
    );
    expect(getComputedStyle(selected).borderTopColor).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle($$(el, '.mark')[0]!).backgroundColor).to.not.equal('rgb(1, 2, 3)');
  });

  it('lets the page style ::part(base), ::part(option) and ::part(question)', async () => {
    const el = await survey({ type: 'nps' });
    expect(getComputedStyle(base(el)).borderTopWidth).to.not.equal('7px');
    addPageStyle(`
      csat-survey::part(base) { border-top-width: 7px; }
      csat-survey::part(option) { padding-top: 5px; }
      csat-survey::part(question) { color: rgb(4, 5, 6); }
    `);
    expect(getComputedStyle(base(el)).borderTopWidth).to.equal('7px');
    for (const option of $$(el, '[part~="option"]')) expect(getComputedStyle(option).paddingTop).to.equal('5px');
    expect($$(el, '[part~="option"]')).to.have.length(11);
    expect(getComputedStyle($(el, '[part~="question"]')!).color).to.equal('rgb(4, 5, 6)');
  });

  it('theme="dark" is dark even on a light page', async () => {
    await emulateMedia({ colorScheme: 'light' });
    document.documentElement.style.setProperty('color-scheme', 'light');
    const el = await survey({ theme: 'dark' });
    const card = getComputedStyle(base(el));
    expect(luminance(card.backgroundColor)).to.be.below(0.1);
    expect(luminance(card.color)).to.be.above(0.5);
  });

  it('theme="light" is light even on a dark page', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    document.documentElement.style.setProperty('color-scheme', 'dark');
    const el = await survey({ theme: 'light' });
    const card = getComputedStyle(base(el));
    expect(luminance(card.backgroundColor)).to.be.above(0.8);
    expect(luminance(card.color)).to.be.below(0.1);
  });

  it('theme="auto" follows prefers-color-scheme', async () => {
    const el = await survey({ theme: 'auto' });
    await emulateMedia({ colorScheme: 'dark' });
    expect(luminance(getComputedStyle(base(el)).backgroundColor)).to.be.below(0.1);
    expect(luminance(getComputedStyle(base(el)).color)).to.be.above(0.5);
    await emulateMedia({ colorScheme: 'light' });
    expect(luminance(getComputedStyle(base(el)).backgroundColor)).to.be.above(0.8);
    expect(luminance(getComputedStyle(base(el)).color)).to.be.below(0.1);
  });

  it('theme defaults to auto', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const el = await survey();
    expect(luminance(getComputedStyle(base(el)).backgroundColor)).to.be.below(0.1);
  });
});
