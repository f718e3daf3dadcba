// What a visitor sees and hears, in real Chromium: every type × language × display, the
// follow-up per score group, text overrides, hostile text, the close button and the events.
import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { survey, clearOutbox, radios, $, $$, waitFor } from './helpers/fixtures.js';
import { startWorker, resetEndpoint, accept, ENDPOINT } from './helpers/msw.js';
import type { CsatSurveyElement } from '../src/element.js';
import type { SurveyResponse } from '../src/wire.js';
import en from '../src/i18n/en.js';
import fa from '../src/i18n/fa.js';

before(startWorker);
beforeEach(async () => {
  resetEndpoint(accept);
  await clearOutbox();
});

type Lang = 'fa' | 'en';
type Type = 'nps' | 'csat' | 'ces';
type Display = 'numbers' | 'stars' | 'faces';

const LANGS: Lang[] = ['fa', 'en'];
const LANGUAGE: Record<Lang, string> = { fa: 'Persian', en: 'English' };

// Hard-coded on purpose: a broken or emptied dictionary must fail these tests.
const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const persian = (n: number) => [...String(n)].map((d) => PERSIAN_DIGITS[Number(d)]).join('');
const digits = (lang: Lang, n: number) => (lang === 'fa' ? persian(n) : String(n));

interface Texts {
  noSubject: string;
  /** The question around the subject: [before, after]. */
  around: [string, string];
  low: string;
  high: string;
}

const TEXTS: Record<Lang, Record<Type, Texts>> = {
  fa: {
    nps: {
      noSubject: 'چقدر احتمال دارد ما را به دوستان یا همکارانتان توصیه کنید؟',
      around: ['چقدر احتمال دارد ', ' را به دوستان یا همکارانتان توصیه کنید؟'],
      low: 'به\u200cهیچ\u200cوجه',
      high: 'حتماً',
    },
    csat: {
      noSubject: 'چقدر از ما راضی هستید؟',
      around: ['چقدر از ', ' راضی هستید؟'],
      low: 'خیلی ناراضی',
      high: 'خیلی راضی',
    },
    ces: {
      noSubject: 'مشکلم به\u200cراحتی حل شد.',
      around: ['', ' کمک کرد مشکلم به\u200cراحتی حل شود.'],
      low: 'کاملاً مخالفم',
      high: 'کاملاً موافقم',
    },
  },
  en: {
    nps: {
      noSubject: 'How likely are you to recommend us to a friend or colleague?',
      around: ['How likely are you to recommend ', ' to a friend or colleague?'],
      low: 'Not at all likely',
      high: 'Extremely likely',
    },
    csat: {
      noSubject: 'How satisfied are you with us?',
      around: ['How satisfied are you with ', '?'],
      low: 'Very dissatisfied',
      high: 'Very satisfied',
    },
    ces: {
      noSubject: 'It was easy to get my issue handled.',
      around: ['', ' made it easy for me to handle my issue.'],
      low: 'Strongly disagree',
      high: 'Strongly agree',
    },
  },
};

const FACES: Record<Lang, string[]> = {
  fa: ['خیلی ناراضی', 'ناراضی', 'معمولی', 'راضی', 'خیلی راضی'],
  en: ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'],
};

/** The accessible name a screen reader announces for option `v`. */
function optionName(lang: Lang, display: Display, v: number, max: number): string {
  if (display === 'faces') return FACES[lang][v - 1]!;
  const [n, m] = [digits(lang, v), digits(lang, max)];
  if (display === 'stars') return lang === 'fa' ? `${n} ستاره از ${m}` : `${n} out of ${m} stars`;
  return lang === 'fa' ? `${n} از ${m}` : `${n} out of ${m}`;
}

interface Variant {
  type: Type;
  display?: Display;
  min: number;
  max: number;
  title: string;
}

const VARIANTS: Variant[] = [
  { type: 'nps', min: 0, max: 10, title: 'An NPS survey (0–10)' },
  { type: 'csat', display: 'numbers', min: 1, max: 5, title: 'A CSAT survey shown as numbers (1–5)' },
  { type: 'csat', display: 'stars', min: 1, max: 5, title: 'A CSAT survey shown as stars (1–5)' },
  { type: 'csat', display: 'faces', min: 1, max: 5, title: 'A CSAT survey shown as faces (1–5)' },
  { type: 'ces', min: 1, max: 7, title: 'A CES survey (1–7)' },
];

const range = (min: number, max: number) => Array.from({ length: max - min + 1 }, (_, i) => min + i);
const text = (node: Node | null | undefined) => node?.textContent ?? '';
const base = (el: Element) => $(el, '[part~="base"]');
const legend = (el: Element) => text($(el, 'legend')).trim();
const status = (el: Element) => text($(el, '[part~="status"]')).trim();
const radio = (el: Element, score: number) => radios(el).find((r) => r.value === String(score))!;

/** The follow-up question without its "(optional)" hint. */
function followUpQuestion(el: Element): string {
  const label = $(el, 'label.follow-up');
  if (!label) return '';
  const hint = text(label.querySelector('.hint'));
  return text(label).replace(hint, '').trim();
}

/** Chooses `score` by clicking it and waits for the stored answer. */
async function choose(el: CsatSurveyElement, score: number): Promise<SurveyResponse> {
  const answered = oneEvent(el, 'csat-answer');
  radio(el, score).click();
  const { detail } = await answered;
  await el.updateComplete;
  return detail;
}

/** Counts every event of `name` that reaches the document. */
function count(name: string): { readonly n: number; stop: () => void } {
  let n = 0;
  const listener = () => void n++;
  document.addEventListener(name, listener);
  return {
    get n() {
      return n;
    },
    stop: () => document.removeEventListener(name, listener),
  };
}

describe('the scale, for every type, language and display', () => {
  for (const lang of LANGS) {
    for (const variant of VARIANTS) {
      const { type, display = 'numbers', min, max } = variant;
      const t = TEXTS[lang][type];
      const mount = (subject?: string) => survey({ type, lang, display: variant.display, subject });

      describe(`${variant.title} in ${LANGUAGE[lang]}`, () => {
        it(`asks «${t.noSubject}» when no subject is given`, async () => {
          const el = await mount();
          expect(legend(el)).to.equal(t.noSubject);
          expect($(el, 'legend bdi')).to.equal(null);
        });

        it('puts the subject into the question, isolated in a <bdi>', async () => {
          const el = await mount('Digikala');
          expect(legend(el)).to.equal(`${t.around[0]}Digikala${t.around[1]}`);
          const bdi = $(el, 'legend bdi');
          expect(bdi, 'the subject is not in a <bdi>').to.not.equal(null);
          expect(bdi!.textContent).to.equal('Digikala');
        });

        it(`labels the ends «${t.low}» and «${t.high}»`, async () => {
          const el = await mount();
          expect(text($(el, '[part~="low-label"]'))).to.equal(t.low);
          expect(text($(el, '[part~="high-label"]'))).to.equal(t.high);
        });

        it(`offers ${max - min + 1} radio options from ${min} to ${max}, each named for screen readers`, async () => {
          const el = await mount();
          const inputs = radios(el);
          expect(inputs.map((r) => r.value)).to.deep.equal(range(min, max).map(String));
          expect(inputs.map((r) => r.getAttribute('aria-label'))).to.deep.equal(
            range(min, max).map((v) => optionName(lang, display, v, max)),
          );
          expect($(el, '[role="radiogroup"]')?.getAttribute('aria-labelledby')).to.equal($(el, 'legend')?.id);
        });

        if (display === 'numbers') {
          it(`shows ${lang === 'fa' ? 'Persian' : 'Western'} digits ${digits(lang, min)} to ${digits(lang, max)}`, async () => {
            const el = await mount();
            expect($$(el, '.mark').map((m) => text(m).trim())).to.deep.equal(
              range(min, max).map((v) => digits(lang, v)),
            );
          });
        } else {
          it(`shows ${display} as pictures, not digits, hidden from screen readers`, async () => {
            const el = await mount();
            const marks = $$(el, '.mark');
            expect(marks).to.have.length(5);
            for (const mark of marks) {
              expect(mark.querySelector('svg'), 'no picture in an option').to.not.equal(null);
              expect(text(mark).trim()).to.equal('');
              expect(mark.getAttribute('aria-hidden')).to.equal('true');
            }
          });
        }

        if (lang === 'fa') {
          it('shows and announces no Western digit anywhere', async () => {
            const el = await mount('Digikala');
            expect(text(base(el))).to.not.match(/[0-9]/);
            for (const r of radios(el)) expect(r.getAttribute('aria-label')).to.not.match(/[0-9]/);
          });
        } else {
          it('shows and announces no Persian digit anywhere', async () => {
            const el = await mount('Digikala');
            expect(text(base(el))).to.not.match(/[۰-۹]/);
            for (const r of radios(el)) expect(r.getAttribute('aria-label')).to.not.match(/[۰-۹]/);
          });
        }

        it('describes the first option by the low label and the last by the high label', async () => {
          const el = await mount();
          const inputs = radios(el);
          const first = inputs[0]!;
          const last = inputs[inputs.length - 1]!;
          const low = el.shadowRoot!.getElementById(first.getAttribute('aria-describedby') ?? '');
          const high = el.shadowRoot!.getElementById(last.getAttribute('aria-describedby') ?? '');
          expect(low, 'the first option is not described by an element').to.not.equal(null);
          expect(high, 'the last option is not described by an element').to.not.equal(null);
          expect(low).to.equal($(el, '[part~="low-label"]'));
          expect(high).to.equal($(el, '[part~="high-label"]'));
          expect(text(low)).to.equal(t.low);
          expect(text(high)).to.equal(t.high);
          for (const middle of inputs.slice(1, -1)) expect(middle.hasAttribute('aria-describedby')).to.equal(false);
        });

        it(`marks its content lang="${lang}" dir="${lang === 'fa' ? 'rtl' : 'ltr'}"`, async () => {
          const el = await mount();
          expect(base(el)!.getAttribute('lang')).to.equal(lang);
          expect(base(el)!.getAttribute('dir')).to.equal(lang === 'fa' ? 'rtl' : 'ltr');
          expect(getComputedStyle(base(el)!).direction).to.equal(lang === 'fa' ? 'rtl' : 'ltr');
        });

        it(`puts ${min} on the ${lang === 'fa' ? 'right' : 'left'} of ${max}, in one row`, async () => {
          const el = await mount();
          const inputs = radios(el);
          const lowest = inputs[0]!.getBoundingClientRect();
          const highest = inputs[inputs.length - 1]!.getBoundingClientRect();
          expect(lowest.width).to.be.greaterThan(0);
          expect(Math.round(lowest.top)).to.equal(Math.round(highest.top));
          if (lang === 'fa') expect(lowest.left).to.be.greaterThan(highest.right - 1);
          else expect(lowest.right).to.be.lessThan(highest.left + 1);
        });
      });
    }
  }

  it('shows Persian digits ۰ to ۱۰ in a Persian NPS', async () => {
    const el = await survey({ type: 'nps', lang: 'fa' });
    expect($$(el, '.mark').map((m) => text(m).trim())).to.deep.equal([
      '۰',
      '۱',
      '۲',
      '۳',
      '۴',
      '۵',
      '۶',
      '۷',
      '۸',
      '۹',
      '۱۰',
    ]);
  });

  it('names the Persian NPS option 9 «۹ از ۱۰» and the English one "9 out of 10"', async () => {
    const faEl = await survey({ type: 'nps', lang: 'fa' });
    const enEl = await survey({ type: 'nps', lang: 'en' });
    expect(radio(faEl, 9).getAttribute('aria-label')).to.equal('۹ از ۱۰');
    expect(radio(enEl, 9).getAttribute('aria-label')).to.equal('9 out of 10');
  });

  it('names the fourth star «۴ ستاره از ۵» in Persian and "4 out of 5 stars" in English', async () => {
    const faEl = await survey({ type: 'csat', display: 'stars', lang: 'fa' });
    const enEl = await survey({ type: 'csat', display: 'stars', lang: 'en' });
    expect(radio(faEl, 4).getAttribute('aria-label')).to.equal('۴ ستاره از ۵');
    expect(radio(enEl, 4).getAttribute('aria-label')).to.equal('4 out of 5 stars');
  });

  it('uses the texts of the Persian and English dictionaries', async () => {
    for (const [lang, dict] of [
      ['fa', fa],
      ['en', en],
    ] as const) {
      const el = await survey({ type: 'nps', lang });
      expect(legend(el)).to.equal(dict.npsQuestionNoSubject);
      expect(text($(el, '[part~="low-label"]'))).to.equal(dict.npsLow);
      expect($(el, '[part~="close"]')!.getAttribute('aria-label')).to.equal(dict.close);
    }
  });

  it('fills the stars up to the chosen one', async () => {
    const el = await survey({ type: 'csat', display: 'stars', lang: 'fa' });
    await choose(el, 3);
    expect($$(el, '.option').map((m) => m.classList.contains('saved'))).to.deep.equal([true, true, true, false, false]);
    const fills = $$(el, '.star').map((star) => getComputedStyle(star).fill);
    expect(fills.slice(0, 3).every((fill) => fill !== 'none')).to.equal(true);
    expect(fills.slice(3)).to.deep.equal(['none', 'none']);
  });
});

describe('direction', () => {
  it('lays a Persian survey out left to right when dir="ltr" is set on it, keeping Persian texts', async () => {
    const el = await survey({ type: 'nps', lang: 'fa', dir: 'ltr' });
    expect(base(el)!.getAttribute('dir')).to.equal('ltr');
    expect(base(el)!.getAttribute('lang')).to.equal('fa');
    const inputs = radios(el);
    expect(inputs[0]!.getBoundingClientRect().right).to.be.lessThan(inputs[10]!.getBoundingClientRect().left + 1);
    expect(legend(el)).to.equal(TEXTS.fa.nps.noSubject);
    expect(text($(el, '.mark'))).to.equal('۰');
  });

  it('lays an English survey out right to left when dir="rtl" is set on it', async () => {
    const el = await survey({ type: 'ces', lang: 'en', dir: 'rtl' });
    expect(base(el)!.getAttribute('dir')).to.equal('rtl');
    const inputs = radios(el);
    expect(inputs[0]!.getBoundingClientRect().left).to.be.greaterThan(inputs[6]!.getBoundingClientRect().right - 1);
  });

  it('puts the low label on the right and the high label on the left in Persian', async () => {
    const el = await survey({ type: 'nps', lang: 'fa' });
    const low = $(el, '[part~="low-label"]')!.getBoundingClientRect();
    const high = $(el, '[part~="high-label"]')!.getBoundingClientRect();
    expect(low.left).to.be.greaterThan(high.right - 1);
  });
});

const GROUPS: Array<{ type: Type; scores: number[]; name: string; fa: string; en: string }> = [
  {
    type: 'nps',
    scores: range(0, 6),
    name: 'NPS detractors (0–6)',
    fa: 'متأسفیم که راضی نبودید. به نظرتان چه چیزی را باید بهتر کنیم؟',
    en: 'We’re sorry to hear that. What should we do better?',
  },
  {
    type: 'nps',
    scores: [7, 8],
    name: 'NPS passives (7–8)',
    fa: 'چه کنیم که تجربه\u200cتان از این هم بهتر شود؟',
    en: 'What would make your experience even better?',
  },
  {
    type: 'nps',
    scores: [9, 10],
    name: 'NPS promoters (9–10)',
    fa: 'خوشحالیم که راضی هستید! چه چیزی را بیشتر از همه پسندیدید؟',
    en: 'Glad to hear it! What do you like most?',
  },
  {
    type: 'csat',
    scores: [1, 2, 3],
    name: 'low CSAT scores (1–3)',
    fa: 'متأسفیم. کجای کار ایراد داشت؟',
    en: 'Sorry about that. What went wrong?',
  },
  {
    type: 'csat',
    scores: [4, 5],
    name: 'high CSAT scores (4–5)',
    fa: 'ممنونیم! چه چیزی بیشتر از همه به کارتان آمد؟',
    en: 'Thanks! What worked well for you?',
  },
  {
    type: 'ces',
    scores: [1, 2, 3, 4],
    name: 'low CES scores (1–4)',
    fa: 'متأسفیم. کجای کار ایراد داشت؟',
    en: 'Sorry about that. What went wrong?',
  },
  {
    type: 'ces',
    scores: [5, 6, 7],
    name: 'high CES scores (5–7)',
    fa: 'ممنونیم! چه چیزی بیشتر از همه به کارتان آمد؟',
    en: 'Thanks! What worked well for you?',
  },
];

const HINT: Record<Lang, string> = { fa: '(اختیاری)', en: '(optional)' };
const SKIP: Record<Lang, string> = { fa: 'نه، ممنون', en: 'Skip' };
const THANKS: Record<Lang, string> = {
  fa: 'ممنون که وقت گذاشتید! نظرتان به ما کمک می\u200cکند بهتر شویم.',
  en: 'Thank you! Your feedback helps us improve.',
};
const REQUIRED: Record<Lang, string> = {
  fa: 'لطفاً پیش از ارسال، چند کلمه بنویسید.',
  en: 'Please write a few words before sending.',
};

describe('the follow-up question', () => {
  for (const lang of LANGS) {
    for (const group of GROUPS) {
      it(`asks ${group.name} «${group[lang]}» in ${LANGUAGE[lang]}`, async () => {
        for (const score of group.scores) {
          const el = await survey({ type: group.type, lang });
          await choose(el, score);
          expect(followUpQuestion(el), `after score ${score}`).to.equal(group[lang]);
          expect($(el, 'textarea'), `no comment box after score ${score}`).to.not.equal(null);
        }
      });
    }

    it(`marks the comment optional and offers «${SKIP[lang]}» by default in ${LANGUAGE[lang]}`, async () => {
      const el = await survey({ type: 'nps', lang });
      await choose(el, 9);
      expect(text($(el, 'label.follow-up .hint')).trim()).to.equal(HINT[lang]);
      const skip = $(el, '[part~="skip"]');
      expect(skip, 'no Skip button').to.not.equal(null);
      expect(text(skip).trim()).to.equal(SKIP[lang]);
      expect($<HTMLTextAreaElement>(el, 'textarea')!.required).to.equal(false);
    });

    it(`lets the comment box follow what is typed (dir="auto") in ${LANGUAGE[lang]}`, async () => {
      const el = await survey({ type: 'nps', lang });
      await choose(el, 3);
      const box = $<HTMLTextAreaElement>(el, 'textarea')!;
      expect(box.getAttribute('dir')).to.equal('auto');
      box.value = 'The checkout page was slow. ولی در کل خوب بود';
      expect(box.matches(':dir(ltr)'), 'an English comment runs left to right').to.equal(true);
      box.value = 'صفحهٔ پرداخت کند بود. but fine';
      expect(box.matches(':dir(rtl)'), 'a Persian comment runs right to left').to.equal(true);
    });

    it(`thanks the visitor after Skip in ${LANGUAGE[lang]}`, async () => {
      const el = await survey({ type: 'csat', lang, comment: 'optional' });
      const answer = await choose(el, 2);
      const submitted = oneEvent(el, 'csat-submit');
      $<HTMLButtonElement>(el, '[part~="skip"]')!.click();
      const { detail } = await submitted;
      await el.updateComplete;
      expect(status(el)).to.equal(THANKS[lang]);
      expect($(el, 'textarea')).to.equal(null);
      expect(radios(el)).to.have.length(0);
      expect(detail).to.include({ id: answer.id, revision: 2, complete: true, score: 2 });
      expect(detail).to.not.have.property('comment');
    });

    it(`goes straight to the thank-you when comment="off" in ${LANGUAGE[lang]}`, async () => {
      const el = await survey({ type: 'ces', lang, comment: 'off' });
      const submitted = oneEvent(el, 'csat-submit');
      const answer = await choose(el, 6);
      const { detail } = await submitted;
      expect(status(el)).to.equal(THANKS[lang]);
      expect($(el, 'textarea')).to.equal(null);
      expect($(el, 'label.follow-up')).to.equal(null);
      expect(radios(el)).to.have.length(0);
      expect(detail).to.include({ id: answer.id, complete: true, score: 6 });
    });

    it(`refuses an empty required comment with a visible error and stays open in ${LANGUAGE[lang]}`, async () => {
      const el = await survey({ type: 'nps', lang, comment: 'required' });
      await choose(el, 3);
      expect($(el, 'label.follow-up .hint'), 'a required comment is marked optional').to.equal(null);
      expect(text($(el, 'label.follow-up'))).to.not.include(HINT[lang]);
      expect($(el, '[part~="skip"]'), 'a required comment can be skipped').to.equal(null);

      const submits = count('csat-submit');
      try {
        for (const value of ['', '   \n ']) {
          const textarea = $<HTMLTextAreaElement>(el, 'textarea')!;
          textarea.value = value;
          $<HTMLButtonElement>(el, '[part~="submit"]')!.click();
          await el.updateComplete;
          await aTimeout(50);
          const after = $<HTMLTextAreaElement>(el, 'textarea');
          expect(after, `the comment box is gone after sending ${JSON.stringify(value)}`).to.not.equal(null);
          expect(after!.getAttribute('aria-invalid')).to.equal('true');
          const error = $(el, '[part~="error"]')!;
          expect(text(error).trim()).to.equal(REQUIRED[lang]);
          expect(after!.getAttribute('aria-describedby')).to.equal(error.id);
          expect(error.getBoundingClientRect().height, 'the error is not visible').to.be.greaterThan(0);
          expect(status(el)).to.not.equal(THANKS[lang]);
          expect(base(el)).to.not.equal(null);
        }
        expect(submits.n, 'csat-submit fired for an empty required comment').to.equal(0);

        const textarea = $<HTMLTextAreaElement>(el, 'textarea')!;
        textarea.value = 'Too slow';
        const submitted = oneEvent(el, 'csat-submit');
        $<HTMLButtonElement>(el, '[part~="submit"]')!.click();
        const { detail } = await submitted;
        await el.updateComplete;
        expect(detail).to.include({ comment: 'Too slow', complete: true });
        expect(status(el)).to.equal(THANKS[lang]);
      } finally {
        submits.stop();
      }
    });
  }
});

describe('text overrides', () => {
  it('shows the question, low-label, high-label, follow-up and thanks attributes instead of the defaults', async () => {
    const el = await fixture<CsatSurveyElement>(
      html`<csat-survey
        type="nps"
        survey-id="overrides"
        endpoint=${ENDPOINT}
        lang="fa"
        subject="Digikala"
        question="از خرید امروز راضی بودید؟"
        low-label="اصلاً"
        high-label="کاملاً"
        follow-up="چرا این امروز را دادید؟"
        thanks="سپاس!"
      ></csat-survey>`,
    );
    expect(legend(el)).to.equal('از خرید امروز راضی بودید؟');
    expect(text($(el, '[part~="low-label"]'))).to.equal('اصلاً');
    expect(text($(el, '[part~="high-label"]'))).to.equal('کاملاً');
    await choose(el, 2);
    expect(followUpQuestion(el)).to.equal('چرا این امروز را دادید؟');
    $<HTMLButtonElement>(el, '[part~="skip"]')!.click();
    await waitFor(() => status(el) === 'سپاس!', `thank-you is «${status(el)}»`);
  });

  it('uses the follow-up attribute for every score group', async () => {
    for (const score of [0, 7, 10]) {
      const el = await fixture<CsatSurveyElement>(
        html`<csat-survey
          type="nps"
          survey-id="overrides"
          endpoint=${ENDPOINT}
          lang="en"
          follow-up="Tell us more"
          recontact-days="0"
        ></csat-survey>`,
      );
      await choose(el, score);
      expect(followUpQuestion(el), `after score ${score}`).to.equal('Tell us more');
    }
  });

  it('shows texts from the strings property, keeping the other defaults', async () => {
    const el = await fixture<CsatSurveyElement>(
      html`<csat-survey
        type="nps"
        survey-id="strings"
        endpoint=${ENDPOINT}
        lang="fa"
        .strings=${{ npsLow: 'اصلاً و ابداً', followUpPromoter: 'چه چیزی عالی بود؟', skip: 'بعداً', thanks: 'دمتان گرم!' }}
      ></csat-survey>`,
    );
    expect(text($(el, '[part~="low-label"]'))).to.equal('اصلاً و ابداً');
    expect(text($(el, '[part~="high-label"]'))).to.equal(TEXTS.fa.nps.high);
    expect(legend(el)).to.equal(TEXTS.fa.nps.noSubject);
    await choose(el, 10);
    expect(followUpQuestion(el)).to.equal('چه چیزی عالی بود؟');
    expect(text($(el, '[part~="skip"]')).trim()).to.equal('بعداً');
    $<HTMLButtonElement>(el, '[part~="skip"]')!.click();
    await waitFor(() => status(el) === 'دمتان گرم!', `thank-you is «${status(el)}»`);
  });

  it('re-renders when the strings property changes', async () => {
    const el = await survey({ type: 'csat', lang: 'en' });
    el.strings = { csatHigh: 'Delighted' };
    await el.updateComplete;
    expect(text($(el, '[part~="high-label"]'))).to.equal('Delighted');
  });

  it('shows a question from strings as written when it leaves out {subject}, even with a subject set', async () => {
    const el = await survey({ type: 'nps', lang: 'en', subject: 'Acme' });
    el.strings = { npsQuestion: 'Would you recommend our shop?' };
    await el.updateComplete;
    expect(text($(el, '[part~="question"]'))).to.equal('Would you recommend our shop?');
    el.strings = { npsQuestion: 'Would you recommend {subject} to a friend?' };
    await el.updateComplete;
    expect(text($(el, '[part~="question"]'))).to.equal('Would you recommend Acme to a friend?');
  });

  it('a subject that opens the sentence starts with a capital, unless it is a name written otherwise', async () => {
    const el = await survey({ type: 'ces', lang: 'en', subject: 'our shop' });
    expect(text($(el, '[part~="question"]'))).to.equal('Our shop made it easy for me to handle my issue.');
    el.subject = 'iPhone support';
    await el.updateComplete;
    expect(text($(el, '[part~="question"]'))).to.equal('iPhone support made it easy for me to handle my issue.');
    el.type = 'csat';
    el.subject = 'our shop';
    await el.updateComplete;
    expect(text($(el, '[part~="question"]')), 'within the sentence: as written').to.equal(
      'How satisfied are you with our shop?',
    );
  });

  it('lets an attribute win over the strings property', async () => {
    const el = await fixture<CsatSurveyElement>(
      html`<csat-survey
        type="csat"
        survey-id="strings"
        endpoint=${ENDPOINT}
        lang="en"
        recontact-days="0"
        question="Attribute question"
        low-label="Attribute low"
        high-label="Attribute high"
        follow-up="Attribute follow-up"
        thanks="Attribute thanks"
        .strings=${{
          csatQuestionNoSubject: 'Strings question',
          csatLow: 'Strings low',
          csatHigh: 'Strings high',
          followUp: 'Strings follow-up',
          followUpLow: 'Strings follow-up low',
          thanks: 'Strings thanks',
        }}
      ></csat-survey>`,
    );
    expect(legend(el)).to.equal('Attribute question');
    expect(text($(el, '[part~="low-label"]'))).to.equal('Attribute low');
    expect(text($(el, '[part~="high-label"]'))).to.equal('Attribute high');
    await choose(el, 1);
    expect(followUpQuestion(el)).to.equal('Attribute follow-up');
    $<HTMLButtonElement>(el, '[part~="skip"]')!.click();
    await waitFor(() => status(el) === 'Attribute thanks', `thank-you is «${status(el)}»`);
  });
});

describe('hostile text', () => {
  const pwned = () => (window as unknown as { __pwned?: unknown }).__pwned;
  const IMG = '<img src=x onerror="window.__pwned=1">';

  afterEach(() => {
    delete (window as unknown as { __pwned?: unknown }).__pwned;
  });

  it('shows a question attribute with HTML in it literally, as text', async () => {
    const el = await fixture<CsatSurveyElement>(
      html`<csat-survey type="nps" survey-id="hostile" endpoint=${ENDPOINT} lang="en" question=${IMG}></csat-survey>`,
    );
    expect(legend(el)).to.equal(IMG);
    expect($$(el, 'img')).to.have.length(0);
    await aTimeout(200);
    expect(pwned()).to.equal(undefined);
  });

  it('shows a subject with HTML in it literally, inside the question', async () => {
    const el = await survey({ type: 'csat', lang: 'fa', subject: '<b>Digikala</b>' });
    expect(text($(el, 'legend bdi'))).to.equal('<b>Digikala</b>');
    expect(legend(el)).to.equal(`${TEXTS.fa.csat.around[0]}<b>Digikala</b>${TEXTS.fa.csat.around[1]}`);
    expect($$(el, 'b')).to.have.length(0);
  });

  it('shows HTML in every text attribute and in strings literally, from score to thank-you', async () => {
    const el = await fixture<CsatSurveyElement>(
      html`<csat-survey
        type="nps"
        survey-id="hostile"
        endpoint=${ENDPOINT}
        lang="en"
        low-label=${`low ${IMG}`}
        high-label=${'<b>high</b>'}
        follow-up=${`why ${IMG}`}
        thanks=${`thanks ${IMG}`}
        .strings=${{ skip: '<i>skip</i>', optional: `<script>window.__pwned=1</script>` }}
      ></csat-survey>`,
    );
    expect(text($(el, '[part~="low-label"]'))).to.equal(`low ${IMG}`);
    expect(text($(el, '[part~="high-label"]'))).to.equal('<b>high</b>');
    await choose(el, 5);
    expect(followUpQuestion(el)).to.equal(`why ${IMG}`);
    expect(text($(el, '.hint'))).to.equal('<script>window.__pwned=1</script>');
    expect(text($(el, '[part~="skip"]')).trim()).to.equal('<i>skip</i>');
    expect($$(el, 'img, b, i, script')).to.have.length(0);
    $<HTMLButtonElement>(el, '[part~="skip"]')!.click();
    await waitFor(() => status(el) === `thanks ${IMG}`, `thank-you is «${status(el)}»`);
    expect($$(el, 'img, b, i, script')).to.have.length(0);
    await aTimeout(200);
    expect(pwned()).to.equal(undefined);
  });
});

describe('closing, hiding and showing', () => {
  for (const lang of LANGS) {
    it(`names the close button «${lang === 'fa' ? 'بستن نظرسنجی' : 'Close survey'}» in ${LANGUAGE[lang]}`, async () => {
      const el = await survey({ lang });
      const close = $(el, '[part~="close"]')!;
      expect(close.tagName).to.equal('BUTTON');
      expect(close.getAttribute('aria-label')).to.equal(lang === 'fa' ? 'بستن نظرسنجی' : 'Close survey');
    });
  }

  it('fires csat-dismiss with only the surveyId and disappears when closed before a score', async () => {
    const el = await survey({ type: 'nps', lang: 'fa', surveyId: 'close-early' });
    expect(el.getBoundingClientRect().height).to.be.greaterThan(0);
    const dismissed = oneEvent(document, 'csat-dismiss');
    $<HTMLButtonElement>(el, '[part~="close"]')!.click();
    const event = (await dismissed) as CustomEvent;
    expect(event.target).to.equal(el);
    expect(event.detail).to.deep.equal({ surveyId: 'close-early' });
    await el.updateComplete;
    expect(base(el)).to.equal(null);
    expect(radios(el)).to.have.length(0);
    expect(el.getBoundingClientRect().height).to.equal(0);
  });

  it('fires csat-dismiss with the responseId when closed after a score', async () => {
    const el = await survey({ type: 'csat', lang: 'en', surveyId: 'close-late' });
    const answer = await choose(el, 4);
    const dismissed = oneEvent(el, 'csat-dismiss');
    $<HTMLButtonElement>(el, '[part~="close"]')!.click();
    const { detail } = await dismissed;
    expect(detail).to.deep.equal({ surveyId: 'close-late', responseId: answer.id });
    await el.updateComplete;
    expect(base(el)).to.equal(null);
  });

  it('fires csat-show with the surveyId when it first appears', async () => {
    const shows: Array<CustomEvent<{ surveyId: string }>> = [];
    const el = await fixture<CsatSurveyElement>(
      html`<csat-survey
        type="nps"
        survey-id="first-show"
        endpoint=${ENDPOINT}
        lang="en"
        @csat-show=${(e: CustomEvent<{ surveyId: string }>) => shows.push(e)}
      ></csat-survey>`,
    );
    await el.updateComplete;
    expect(shows).to.have.length(1);
    expect(shows[0]!.detail).to.deep.equal({ surveyId: 'first-show' });
    expect(shows[0]!.bubbles && shows[0]!.composed).to.equal(true);
  });

  it('hides with hide() without a dismissal, and shows again with show(), firing csat-show', async () => {
    const el = await survey({ type: 'ces', lang: 'fa', surveyId: 'hide-show' });
    const dismissals = count('csat-dismiss');
    try {
      el.hide();
      await el.updateComplete;
      expect(base(el)).to.equal(null);
      expect(el.getBoundingClientRect().height).to.equal(0);
      const shown = oneEvent(el, 'csat-show');
      el.show();
      const { detail } = await shown;
      expect(detail).to.deep.equal({ surveyId: 'hide-show' });
      await el.updateComplete;
      expect(base(el)).to.not.equal(null);
      expect(radios(el)).to.have.length(7);
      expect(legend(el)).to.equal(TEXTS.fa.ces.noSubject);
      expect(dismissals.n).to.equal(0);
    } finally {
      dismissals.stop();
    }
  });

  it('shows again with show() after the close button', async () => {
    const el = await survey({ type: 'nps', lang: 'en' });
    $<HTMLButtonElement>(el, '[part~="close"]')!.click();
    await el.updateComplete;
    expect(base(el)).to.equal(null);
    const shown = oneEvent(el, 'csat-show');
    el.show();
    await shown;
    await el.updateComplete;
    expect(radios(el)).to.have.length(11);
  });
});

describe('events', () => {
  it('fires csat-answer with the stored response record, revision 1, when a score is chosen', async () => {
    const el = await survey({ type: 'nps', lang: 'fa', surveyId: 'events', touchpoint: 'checkout' });
    const answered = oneEvent(document, 'csat-answer');
    radio(el, 9).click();
    const event = (await answered) as CustomEvent<SurveyResponse>;
    expect(event.target).to.equal(el);
    expect(event.bubbles && event.composed).to.equal(true);
    const { detail } = event;
    expect(detail).to.include({
      revision: 1,
      complete: false,
      surveyId: 'events',
      type: 'nps',
      score: 9,
      locale: 'fa',
      touchpoint: 'checkout',
    });
    expect(detail.scale).to.deep.equal({ min: 0, max: 10 });
    expect(detail.id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(detail.page.url).to.equal(location.origin + location.pathname);
    expect(Number.isNaN(Date.parse(detail.answeredAt))).to.equal(false);
    expect(detail).to.not.have.property('comment');
  });

  it('fires csat-submit with the next revision, complete and with the comment, after the comment is sent', async () => {
    const el = await survey({ type: 'csat', lang: 'fa', surveyId: 'events' });
    const answer = await choose(el, 5);
    $<HTMLTextAreaElement>(el, 'textarea')!.value = '  ارسال خیلی سریع بود  ';
    const submitted = oneEvent(el, 'csat-submit');
    $<HTMLButtonElement>(el, '[part~="submit"]')!.click();
    const { detail } = await submitted;
    expect(detail).to.include({
      id: answer.id,
      revision: 2,
      complete: true,
      score: 5,
      type: 'csat',
      comment: 'ارسال خیلی سریع بود',
    });
    expect(detail.scale).to.deep.equal({ min: 1, max: 5 });
    await el.updateComplete;
    expect(status(el)).to.equal(THANKS.fa);
  });

  it('fires csat-submit without a comment, complete, after Skip', async () => {
    const el = await survey({ type: 'nps', lang: 'en', surveyId: 'events' });
    const answer = await choose(el, 0);
    const submitted = oneEvent(el, 'csat-submit');
    $<HTMLButtonElement>(el, '[part~="skip"]')!.click();
    const { detail } = await submitted;
    expect(detail).to.include({ id: answer.id, revision: 2, complete: true, score: 0 });
    expect(detail).to.not.have.property('comment');
  });

  it('does not fire csat-dismiss when closed after the thank-you', async () => {
    const el = await survey({ type: 'nps', lang: 'en', comment: 'off' });
    await choose(el, 8);
    const dismissals = count('csat-dismiss');
    try {
      $<HTMLButtonElement>(el, '[part~="close"]')!.click();
      await el.updateComplete;
      await aTimeout(20);
      expect(base(el)).to.equal(null);
      expect(dismissals.n).to.equal(0);
    } finally {
      dismissals.stop();
    }
  });
});
