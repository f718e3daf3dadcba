// The dashboard's components on their own, in the browser (like the widget's tests): the Solar
// Hijri date field, the presets in the viewer's calendar, the headline's interval, warning and
// comparison sentence, and the trend's band and reading direction. The whole dashboard against a
// real collector is test/e2e/dashboard.test.mjs.
import { expect, fixture, html } from '@open-wc/testing';
import { STRINGS } from '../../collector/dashboard/src/strings.js';
import { formatFor } from '../../collector/dashboard/src/format.js';
import { presetRange } from '../../collector/dashboard/src/presets.js';
import type { DateFieldElement } from '../../collector/dashboard/src/date-field.js';
import type { HeadlineCardElement } from '../../collector/dashboard/src/headline-card.js';
import type { TrendChartElement } from '../../collector/dashboard/src/trend-chart.js';
import type { Report } from '../../collector/dashboard/src/types.js';
import '../../collector/dashboard/src/date-field.js';
import '../../collector/dashboard/src/headline-card.js';
import '../../collector/dashboard/src/trend-chart.js';

const faFormat = formatFor('fa', 'Asia/Tehran');
const enFormat = formatFor('en', 'UTC');
const none = { value: null, lower: null, upper: null };

function report(overrides: Partial<Report> = {}): Report {
  return {
    surveyId: 's',
    type: 'nps',
    filter: {},
    count: 4,
    fewAnswers: true,
    figure: { value: 50, lower: -12.4, upper: 88.6 },
    displays: 0,
    responseRate: none,
    completed: 4,
    completionRate: { value: 100, lower: 39.6, upper: 100 },
    distribution: [],
    groups: {},
    touchpoints: [],
    trend: {
      bucket: 'week',
      chosen: true,
      points: [
        {
          start: '2026-11-01',
          end: '2026-11-07',
          count: 2,
          fewAnswers: true,
          figure: { value: 50, lower: -40, upper: 95 },
          displays: 0,
          responseRate: none,
          completed: 2,
          completionRate: none,
        },
        {
          start: '2026-11-08',
          end: '2026-11-14',
          count: 2,
          fewAnswers: true,
          figure: { value: 0, lower: -80, upper: 80 },
          displays: 0,
          responseRate: none,
          completed: 2,
          completionRate: none,
        },
      ],
    },
    comparison: {
      previous: {
        from: '2026-10-18',
        to: '2026-10-31',
        count: 40,
        fewAnswers: false,
        figure: { value: 38, lower: 20, upper: 55 },
      },
      change: { value: 12, lower: 2, upper: 22 },
      beyondChance: true,
    },
    options: { touchpoints: [], languages: [] },
    ...overrides,
  };
}

describe('<date-field>', () => {
  it('reads a Solar Hijri day in Persian or Latin digits as its ISO day, and flags what is not a date', async () => {
    const el = await fixture<DateFieldElement>(
      html`<date-field .label=${'از تاریخ'} .t=${STRINGS.fa} .f=${faFormat}></date-field>`,
    );
    const input = el.shadowRoot!.querySelector('input')!;
    expect(input.type).to.equal('text');
    expect(el.shadowRoot!.querySelector('label')!.htmlFor).to.equal(input.id);
    for (const [typed, iso] of [
      ['۱۴۰۵/۹/۱۵', '2026-12-06'],
      ['1405-09-15', '2026-12-06'],
      ['١٤٠٣/١٢/٣٠', '2025-03-20'],
    ]) {
      input.value = typed!;
      input.dispatchEvent(new Event('input'));
      await el.updateComplete;
      expect(el.value).to.equal(iso);
      expect(el.valid).to.equal(true);
      expect(input.getAttribute('aria-invalid')).to.equal('false');
    }
    input.value = '۱۴۰۴/۱۲/۳۰';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(el.valid).to.equal(false);
    expect(el.value).to.equal('');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.querySelector('.hint')!.textContent).to.contain('درست نیست');
  });

  it('shows a value set from outside in Persian digits, and is the browser’s date field in English', async () => {
    const el = await fixture<DateFieldElement>(
      html`<date-field .value=${'2026-03-21'} .t=${STRINGS.fa} .f=${faFormat}></date-field>`,
    );
    expect(el.shadowRoot!.querySelector('input')!.value).to.equal('۱۴۰۵/۰۱/۰۱');
    const english = await fixture<DateFieldElement>(
      html`<date-field .value=${'2026-03-21'} .t=${STRINGS.en} .f=${enFormat}></date-field>`,
    );
    const input = english.shadowRoot!.querySelector('input')!;
    expect(input.type).to.equal('date');
    expect(input.value).to.equal('2026-03-21');
  });
});

describe('presets', () => {
  // 21:00 UTC on 5 December 2026 is 00:30 on 6 December (15 Azar 1405) in Tehran.
  const now = new Date('2026-12-05T21:00:00Z');
  it('this month and last month follow the viewer’s calendar and the time zone', () => {
    expect(presetRange('this-month', 'persian', 'Asia/Tehran', now)).to.deep.equal({
      from: '2026-11-22',
      to: '2026-12-06',
    });
    expect(presetRange('last-month', 'persian', 'Asia/Tehran', now)).to.deep.equal({
      from: '2026-10-23',
      to: '2026-11-21',
    });
    expect(presetRange('this-month', 'gregory', 'UTC', now)).to.deep.equal({ from: '2026-12-01', to: '2026-12-05' });
    expect(presetRange('last-month', 'gregory', 'UTC', now)).to.deep.equal({ from: '2026-11-01', to: '2026-11-30' });
    expect(presetRange('7d', 'gregory', 'Asia/Tehran', now)).to.deep.equal({ from: '2026-11-30', to: '2026-12-06' });
    expect(presetRange('all', 'persian', 'UTC', now)).to.deep.equal({ from: '', to: '' });
  });
});

describe('<headline-card>', () => {
  it('gives the interval in words, warns under 30 answers, and says the change in one sentence', async () => {
    const el = await fixture<HeadlineCardElement>(
      html`<headline-card .report=${report()} .t=${STRINGS.en} .f=${enFormat}></headline-card>`,
    );
    const root = el.shadowRoot!;
    expect(root.querySelector('#figure-value')!.textContent).to.equal('50');
    expect(root.querySelector('#figure-interval')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      'Likely between -12 and 89; margin of error up to ±62 points (95% confidence level)',
    );
    expect(root.querySelector('#few-answers')!.textContent).to.contain(
      'Few answers (4, fewer than 30): read with care.',
    );
    expect(root.querySelector('#comparison')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      'NPS rose 12 points against Oct 18, 2026 to Oct 31, 2026; that is more than chance explains. 95% interval of the change: +2 to +22.',
    );
    expect(root.querySelector('#response-rate')!.textContent).to.contain('no displays were recorded');
  });

  it('in Persian: «±۶۲ امتیاز», «سطح اطمینان ۹۵٪», the few-answers warning and the verdict within chance', async () => {
    const within = report({
      comparison: { ...report().comparison!, change: { value: -3, lower: -20, upper: 14 }, beyondChance: false },
    });
    const el = await fixture<HeadlineCardElement>(
      html`<headline-card .report=${within} .t=${STRINGS.fa} .f=${faFormat}></headline-card>`,
    );
    const root = el.shadowRoot!;
    const interval = root.querySelector('#figure-interval')!.textContent!;
    expect(interval).to.contain('±۶۲ امتیاز');
    expect(interval).to.contain('سطح اطمینان ۹۵٪');
    expect(interval).to.contain('؛');
    expect(root.querySelector('#few-answers')!.textContent).to.contain('پاسخ‌ها کم است');
    const comparison = root.querySelector('#comparison')!.textContent!;
    expect(comparison).to.contain('۳ امتیاز پایین آمده است؛ این تغییر در حدی است که تصادف هم توضیحش می‌دهد.');
    expect(comparison).not.to.match(/[0-9]/);
  });
});

describe('<trend-chart>', () => {
  for (const [lang, f] of [
    ['en', enFormat],
    ['fa', faFormat],
  ] as const) {
    it(`draws the band and the line, time in the reading direction (${lang}), and names the bucket`, async () => {
      const el = await fixture<TrendChartElement>(
        html`<trend-chart .report=${report()} .t=${STRINGS[lang]} .f=${f}></trend-chart>`,
      );
      const root = el.shadowRoot!;
      expect(root.querySelectorAll('svg path.band')).to.have.length(1);
      expect(root.querySelector('svg path.line')).not.to.equal(null);
      const [first, second] = [...root.querySelectorAll('svg circle')].map((c) => Number(c.getAttribute('cx')));
      if (lang === 'en') expect(first).to.be.below(second!);
      else expect(first).to.be.above(second!);
      expect(root.querySelector('#trend-heading')!.textContent).to.contain(lang === 'en' ? '(week)' : '(هفتگی)');
      expect(root.querySelector('#trend-table')!.classList.contains('visually-hidden')).to.equal(true);
      root.querySelector<HTMLButtonElement>('button[aria-pressed]')!.click();
      await el.updateComplete;
      expect(root.querySelector('#trend-table')!.classList.contains('table-wrap')).to.equal(true);
      expect(root.querySelectorAll('#trend-table tbody tr')).to.have.length(2);
      await expect(el).to.be.accessible();
    });
  }
});
