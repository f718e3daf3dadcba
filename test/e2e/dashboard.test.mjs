// The collector's dashboard, end to end: the collector runs in this process on a fresh embedded
// database, gets a fixed batch of answers (and displays, stored straight into their table), and
// headless Chromium opens /dashboard/ under the collector's real Content-Security-Policy. Checks the
// figures and their intervals, the few-answers warning, the period comparison and the rates, Persian
// digits and calendar, Solar Hijri date entry and presets, the time zone, comments (as text, paged,
// searched the Persian way, filtered, with their metadata), the CSV of the view, the token form,
// keyboard-only use, no sideways scroll from 320 px, no console errors or CSP violations, and axe
// on every view in Persian and English, light and dark. Screenshots go to .test-results/screenshots/.
// Builds nothing: run `npm run build` first (the test runner does).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startCollector } from '../../collector/dist/collector/main.js';
import { readConfig } from '../../collector/dist/collector/config.js';
import { npsInterval, wilson } from '../../collector/dist/collector/intervals.js';
import { monthStart, todayIn } from '../../collector/dist/collector/calendar.js';
import { shotPath } from './layout.mjs';

const TOKEN = 'dashboard-e2e-token-0123456789-abcdefgh';
const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));
const XSS = '<img src=x onerror=alert(1)>';
const PERSIAN_COMMENT = 'ارسال خیلی سریع بود، ممنون';
const ZWNJ_COMMENT = 'می\u200cخواهم زودتر برسد';
const ARABIC_COMMENT = 'كيفيت بسته\u200cبندي عالي بود';

// ---------------------------------------------------------------------------------------------
// The answers

let serial = 0;
function answer(surveyId, type, score, answeredAt, extra = {}) {
  const scale = { nps: { min: 0, max: 10 }, csat: { min: 1, max: 5 }, ces: { min: 1, max: 7 } }[type];
  serial += 1;
  return {
    id: `00000000-0000-4000-8000-${serial.toString(16).padStart(12, '0')}`,
    revision: 1,
    complete: true,
    surveyId,
    type,
    score,
    scale,
    locale: 'fa',
    page: { url: 'https://shop.example/checkout' },
    answeredAt,
    ...extra,
  };
}

// NPS: 5 promoters (9–10), 2 passives (7–8), 3 detractors (0–6): NPS = 50 − 30 = 20.
// Odd positions are at checkout (10, 9, 8, 6, 0), even ones at support (10, 9, 9, 7, 3).
// Two answers a day from 1 to 5 May 2026 (11 to 15 Ordibehesht 1405), at 09:30 and 14:30 UTC.
const NPS_SCORES = [10, 10, 9, 9, 9, 8, 7, 6, 3, 0];
const npsAnswers = NPS_SCORES.map((score, i) =>
  answer('home-nps', 'nps', score, `2026-05-0${1 + Math.floor(i / 2)}T${i % 2 ? '14' : '09'}:30:00Z`, {
    touchpoint: i % 2 ? 'checkout' : 'support',
    ...(i === 0 && { comment: PERSIAN_COMMENT, metadata: { plan: 'pro', orders: 3 } }),
    ...(i === 2 && { comment: ZWNJ_COMMENT }),
    ...(i === 4 && { comment: ARABIC_COMMENT }),
    ...(i === 8 && { comment: XSS, locale: 'en' }),
  }),
);
// CSAT: 3 of 5 are 4 or 5 → 60 %. CES: mean (7 + 6 + 5 + 2) / 4 = 5.0, 3 of 4 are 5–7 → 75 %.
const csatAnswers = [5, 4, 4, 2, 1].map((score) => answer('support-csat', 'csat', score, '2026-05-10T08:00:00Z'));
const cesAnswers = [7, 6, 5, 2].map((score) => answer('help-ces', 'ces', score, '2026-05-12T08:00:00Z'));
// "trend-csat": 1–7 June, 10 of 40 satisfied (25 %); 8–14 June, 36 of 40 (90 %): a rise of 65
// percentage points, more than chance explains. 100 displays in the second week: 40 % answered.
// 25 of them have comments, for paging.
const trendAnswers = Array.from({ length: 80 }, (_, i) => {
  const second = i >= 40;
  const k = i % 40;
  const satisfied = second ? k < 36 : k < 10;
  return answer(
    'trend-csat',
    'csat',
    satisfied ? 5 : 2,
    `2026-06-${String((second ? 8 : 1) + (k % 7)).padStart(2, '0')}T1${k % 10}:00:00Z`,
    {
      locale: k % 2 ? 'en' : 'fa-IR',
      ...(second && k < 25 && { comment: `c${String(k + 1).padStart(2, '0')}` }),
    },
  );
});

const fa = (n) => new Intl.NumberFormat('fa', { maximumFractionDigits: 0, signDisplay: 'negative' }).format(n);
const en = (n) => new Intl.NumberFormat('en', { maximumFractionDigits: 0, signDisplay: 'negative' }).format(n);

// ---------------------------------------------------------------------------------------------
// The collector and the browser

let collector;
let dataDir;
let browser;

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'csat-dashboard-'));
  const config = readConfig({ PORT: '0', CSAT_DATA_DIR: dataDir, CSAT_ADMIN_TOKEN: TOKEN, CSAT_LOG_LEVEL: 'warn' });
  collector = await startCollector(config);
  const all = [...npsAnswers, ...csatAnswers, ...cesAnswers, ...trendAnswers];
  for (let i = 0; i < all.length; i += 100) {
    const response = await fetch(`${collector.url}/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ v: 1, sentAt: '2026-06-20T09:00:00Z', responses: all.slice(i, i + 100) }),
    });
    assert.equal(response.status, 200, await response.text());
  }
  for (let i = 0; i < 100; i++) {
    await collector.db.query(
      `INSERT INTO displays (id, survey_id, type, shown_at, locale, touchpoint, page_url)
       VALUES ($1, 'trend-csat', 'csat', $2, 'fa', NULL, 'https://shop.example/')`,
      [
        `00000000-0000-4000-9000-${i.toString(16).padStart(12, '0')}`,
        `2026-06-${String(8 + (i % 7)).padStart(2, '0')}T08:00:00Z`,
      ],
    );
  }
  browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
});

after(async () => {
  await browser?.close();
  await collector?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Records CSP violations as the page sees them (init scripts are not subject to the page's CSP). */
function recordViolations() {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
  });
}

async function newContext({ locale = 'fa-IR', ...options } = {}) {
  const context = await browser.newContext({
    locale,
    timezoneId: 'Asia/Tehran',
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  await context.addInitScript(recordViolations);
  return context;
}

/** Opens the dashboard; `log` collects console errors, uncaught errors and dialogs. */
async function open(context, path = `/dashboard/?preset=all#token=${TOKEN}`) {
  const page = await context.newPage();
  const log = { console: [], errors: [], dialogs: [] };
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') log.console.push(message.text());
  });
  page.on('pageerror', (error) => log.errors.push(String(error)));
  page.on('dialog', (dialog) => {
    log.dialogs.push(dialog.message());
    dialog.dismiss().catch(() => undefined);
  });
  const response = await page.goto(`${collector.url}${path}`);
  assert.match(response.headers()['content-security-policy'] ?? '', /default-src 'self'/);
  return { page, log };
}

/** Waits for the report of `surveyId` to be shown (or its empty state), and its comments. */
async function reportOf(page, surveyId) {
  await page.waitForFunction(
    (id) =>
      document.getElementById('report-heading')?.textContent.includes(id) &&
      document.getElementById('report')?.getAttribute('aria-busy') === 'false' &&
      (document.querySelector('headline-card') || document.getElementById('empty')),
    surveyId,
  );
  if (await page.locator('comments-panel').count())
    await page.waitForFunction(() => {
      const status = document.querySelector('comments-panel')?.shadowRoot?.getElementById('comments-status');
      return status && !/…/.test(status.textContent);
    });
}

const text = async (page, selector) => (await page.locator(selector).first().textContent()).replace(/\s+/g, ' ').trim();
const texts = (page, selector) => page.locator(selector).allTextContents();
/** A table's body as rows of cell texts. */
const cells = (page, selector) =>
  page
    .locator(`${selector} tbody tr`)
    .evaluateAll((rows) => rows.map((row) => [...row.cells].map((cell) => cell.textContent.trim())));
/** The id (or tag) of the element with the focus, through shadow roots. */
const focused = (page) =>
  page.evaluate(() => {
    let e = document.activeElement;
    while (e?.shadowRoot?.activeElement) e = e.shadowRoot.activeElement;
    return {
      id: e?.id || '',
      tag: e?.tagName.toLowerCase(),
      host: e?.getRootNode()?.host?.tagName.toLowerCase() ?? '',
    };
  });
/** Presses Tab until `match(focused)` (at most `limit` times). */
async function tabTo(page, match, limit = 60) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (match(f)) return f;
  }
  throw new Error('the focus never got there');
}

async function assertClean(page, log, allowed = []) {
  const violations = await page.evaluate(() => window.__cspViolations);
  assert.deepEqual(violations, [], 'CSP violations');
  assert.deepEqual(log.errors, [], 'uncaught errors');
  assert.deepEqual(
    log.console.filter((line) => !allowed.some((pattern) => pattern.test(line))),
    [],
    'console errors and warnings',
  );
  assert.deepEqual(log.dialogs, [], 'dialogs (a comment ran as script?)');
}

/** Everything that sticks out of the viewport sideways, through shadow roots (visually hidden text and scrolling boxes' insides excepted). */
function overflowing(page) {
  return page.evaluate(() => {
    const out = [];
    const width = document.documentElement.clientWidth;
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.closest('.visually-hidden, .table-wrap, .skip-link, svg title, datalist, option')) continue;
        const r = el.getBoundingClientRect();
        if (r.width && (r.right > width + 0.5 || r.left < -0.5))
          out.push(
            `${el.tagName.toLowerCase()}#${el.id}.${el.className?.baseVal ?? el.className} ${Math.round(r.left)}…${Math.round(r.right)}`,
          );
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return { scrollWidth: document.scrollingElement.scrollWidth, width, out: out.slice(0, 10) };
  });
}

// The browser logs a failed request as a console error; these are the ones a case provokes on purpose.
const STATUS_401 = /Failed to load resource: the server responded with a status of 401/;

// ---------------------------------------------------------------------------------------------
// Cases

test('Persian: survey list, NPS with its interval in Persian digits, the few-answers warning, Persian calendar, comments as text with their metadata', async () => {
  const context = await newContext();
  try {
    const { page, log } = await open(context, `/dashboard/?from=2026-05-01&to=2026-05-05#token=${TOKEN}`);
    await page.waitForSelector('survey-list button[data-survey]');
    assert.equal(new URL(page.url()).hash, '');
    assert.equal(await page.evaluate(() => sessionStorage.getItem('csat-dashboard-token')), TOKEN);
    assert.equal(await page.getAttribute('html', 'lang'), 'fa');
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');

    const buttons = page.locator('survey-list button[data-survey]');
    assert.deepEqual(await buttons.evaluateAll((all) => all.map((b) => b.dataset.survey)), [
      'help-ces',
      'home-nps',
      'support-csat',
      'trend-csat',
    ]);
    const home = page.locator('button[data-survey="home-nps"]');
    assert.match(await home.textContent(), new RegExp(`${fa(10)} پاسخ`));
    assert.match(await home.textContent(), /۱۴۰۵/, 'the last answer in the Persian calendar');
    await reportOf(page, 'help-ces');
    await home.click();
    await reportOf(page, 'home-nps');
    assert.equal(await home.getAttribute('aria-current'), 'true');
    assert.equal(new URL(page.url()).searchParams.get('survey'), 'home-nps');

    // The figure and its asymmetric interval, in Persian digits; the margin in points; n; few answers.
    const { lower, upper } = npsInterval(5, 3, 10);
    assert.equal(await text(page, '#figure-value'), '۲۰');
    const interval = await text(page, '#figure-interval');
    assert.ok(interval.includes(`بین ${fa(Math.round(lower * 100))} و ${fa(Math.round(upper * 100))}`), interval);
    const margin = Math.round(Math.max(20 - lower * 100, upper * 100 - 20));
    assert.ok(interval.includes(`±${fa(margin)} امتیاز`) && interval.includes('سطح اطمینان ۹۵٪'), interval);
    assert.match(await text(page, '#figure-n'), /۱۰/);
    assert.match(await text(page, '#few-answers'), /پاسخ‌ها کم است.*با احتیاط بخوانید/);
    assert.match(await text(page, '#headline-heading'), /شاخص خالص مروجان \(NPS\)/);
    // No answers the five days before: said so, with the days in the Persian calendar.
    assert.match(await text(page, '#comparison'), /۶ اردیبهشت ۱۴۰۵ تا ۱۰ اردیبهشت ۱۴۰۵ پاسخی نیست/);
    assert.match(await text(page, '#response-rate'), /نمایشی ثبت نشده/);
    for (const card of ['headline-card', 'trend-chart', 'distribution-chart', 'groups-table']) {
      assert.doesNotMatch(await text(page, card), /[0-9]/, `Latin digits in the Persian ${card}`);
    }
    // The range and its time zone, stated.
    const hint = await text(page, '#filter-hint');
    assert.ok(
      hint.includes('از ۱۱ اردیبهشت ۱۴۰۵ تا ۱۵ اردیبهشت ۱۴۰۵') && hint.includes('روز شروع و روز پایان هم جزو بازه‌اند'),
      hint,
    );
    assert.ok(hint.includes('Asia/Tehran') && hint.includes('UTC+03:30'), hint);
    assert.equal(await page.locator('date-field#from input').inputValue(), '۱۴۰۵/۰۲/۱۱');

    // Groups with counts, shares and their Wilson intervals.
    const groups = await cells(page, '#groups-table');
    assert.deepEqual(
      groups.map((row) => row.slice(0, 4)),
      [
        ['منتقدان', '۰ تا ۶', '۳', '۳۰٪'],
        ['بی\u200cطرفان', '۷ تا ۸', '۲', '۲۰٪'],
        ['مروجان', '۹ تا ۱۰', '۵', '۵۰٪'],
      ],
    );
    const promoters = wilson(5, 10);
    assert.equal(
      groups[2][4],
      `${fa(Math.round(promoters.lower * 100))}٪ تا ${fa(Math.round(promoters.upper * 100))}٪`,
    );
    const touchpoints = await cells(page, '#touchpoints-table');
    assert.deepEqual(touchpoints.map((row) => [row[0], row[1], row[3]]).sort(), [
      ['checkout', '۰', '۵'],
      ['support', '۴۰', '۵'],
    ]);

    // The trend: few answers, so one point for the range (month), with its band and table.
    assert.match(await text(page, '#trend-heading'), /ماهانه/);
    assert.equal(await page.locator('trend-chart svg[role="img"] circle').count(), 1);
    assert.equal(await page.locator('trend-chart svg .band').count(), 1);
    assert.match(await page.locator('trend-chart desc').textContent(), /۱۱ اردیبهشت ۱۴۰۵/);
    const toggle = page.locator('trend-chart button[aria-pressed]');
    assert.equal(await page.locator('#trend-table').evaluate((e) => e.getBoundingClientRect().width), 1);
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    assert.ok((await page.locator('#trend-table').evaluate((e) => e.getBoundingClientRect().width)) > 100);
    assert.equal(await page.locator('distribution-chart svg[role="img"] rect').count(), 11);

    // Comments are text; each with its score, group, touchpoint, language, time (Tehran) and metadata.
    const comments = await texts(page, 'comments-panel .text');
    assert.ok(comments.includes(XSS), `the comment shows as typed: ${comments.join(' | ')}`);
    assert.ok(comments.includes(PERSIAN_COMMENT));
    assert.equal(await page.locator('img').count(), 0, 'a comment became an <img>');
    const first = await text(page, 'comments-panel li:has-text("ارسال خیلی سریع") .meta');
    for (const part of [
      'امتیاز ۱۰',
      'مروجان',
      'support',
      'fa',
      'plan',
      'pro',
      'orders',
      '۱۱ اردیبهشت ۱۴۰۵',
      '۱۳:۰۰',
      'shop.example/checkout',
    ])
      assert.ok(first.includes(part), `${part} in ${first}`);
    assert.match(await text(page, '#comments-status'), /۴ نظر از ۴ نظر/);

    assert.match(await text(page, '#status'), /home-nps.*۱۰ پاسخ/);
    await page.screenshot({ path: shotPath('dashboard', 'fa', 'light', '1280px'), fullPage: true });
    await assertClean(page, log);

    // And the CSP watch works: an inline style attribute is refused and seen.
    await page.evaluate(() => {
      const probe = document.createElement('div');
      probe.innerHTML = '<span style="color: red">probe</span>';
      document.body.append(probe);
    });
    await page.waitForFunction(() => window.__cspViolations.length > 0);
  } finally {
    await context.close();
  }
});

test('English: the period comparison in one sentence, the response and completion rates, weekly buckets, the language switch', async () => {
  const context = await newContext({ locale: 'en-US' });
  try {
    const { page, log } = await open(
      context,
      `/dashboard/?survey=trend-csat&from=2026-06-08&to=2026-06-14&tz=UTC#token=${TOKEN}`,
    );
    await reportOf(page, 'trend-csat');
    assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
    assert.equal(await text(page, '#figure-value'), '90%');
    assert.equal(await page.locator('#few-answers').count(), 0, '40 answers are not few');
    const comparison = await text(page, '#comparison');
    assert.ok(
      comparison.startsWith(
        'CSAT rose 65 percentage points against Jun 1, 2026 to Jun 7, 2026; that is more than chance explains.',
      ),
      comparison,
    );
    assert.match(comparison, /95% interval of the change: \+\d+ to \+\d+\./);
    const rate = wilson(40, 100);
    assert.equal(
      await text(page, '#response-rate'),
      `Response rate 40% (likely ${en(rate.lower * 100)}% to ${en(rate.upper * 100)}%) of 100 times shown.`,
    );
    assert.match(await text(page, '#completion-rate'), /Completed .*: 100%/);
    // 40 answers in 7 days: a week holds 30, a day does not.
    assert.match(await text(page, '#trend-heading'), /Trend: CSAT \(week\)/);
    await page.locator('trend-chart select#bucket').selectOption('day');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('bucket') === 'day');
    await reportOf(page, 'trend-csat');
    await page.waitForFunction(
      () => document.querySelector('trend-chart')?.shadowRoot?.querySelectorAll('circle').length === 7,
    );
    assert.match(await text(page, '#trend-heading'), /\(day\)/);

    // The switch turns the page Persian in place; the focus stays on it.
    const persian = page.getByRole('button', { name: 'فارسی' });
    await persian.focus();
    await persian.press('Enter');
    await reportOf(page, 'trend-csat');
    assert.equal(await persian.getAttribute('aria-pressed'), 'true');
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    assert.equal(await text(page, '#figure-value'), '۹۰٪');
    assert.match(
      await text(page, '#comparison'),
      /۶۵ واحد درصد بالا رفته است؛ این تغییر بیشتر از آن است که تصادف توضیحش دهد/,
    );
    assert.equal((await focused(page)).tag, 'button');
    assert.equal(new URL(page.url()).searchParams.get('lang'), 'fa');
    await assertClean(page, log);
  } finally {
    await context.close();
  }
});

test('keyboard only, in Persian: a Solar Hijri date typed in either digits, a bad date refused, the time zone, presets in the Persian calendar', async () => {
  const context = await newContext();
  try {
    const { page, log } = await open(context, `/dashboard/?survey=home-nps#token=${TOKEN}`);
    await reportOf(page, 'home-nps');
    const requests = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.endsWith('/report')) requests.push(url);
    });

    // The period select, then the dates: «۱۴۰۵/۲/۱۱» in Persian digits, «1405-02-15» in Latin ones.
    await tabTo(page, (f) => f.id === 'preset');
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).host, 'date-field');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('۱۴۰۵/۲/۱۱');
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).host, 'date-field');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1405-02-15');
    // The time zone: UTC, typed.
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).id, 'tz');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('UTC');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('to') === '2026-05-05');
    await reportOf(page, 'home-nps');
    const asked = requests.at(-1);
    assert.deepEqual(Object.fromEntries(asked.searchParams), {
      from: '2026-05-01',
      to: '2026-05-05',
      tz: 'UTC',
      calendar: 'persian',
    });
    assert.match(await text(page, '#filter-hint'), /UTC/);

    // A day that does not exist (1404 is not a leap year): said by the field, nothing asked.
    const before = requests.length;
    const from = page.locator('date-field#from input');
    await from.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('۱۴۰۴/۱۲/۳۰');
    await page.keyboard.press('Enter');
    assert.equal(await from.getAttribute('aria-invalid'), 'true');
    assert.match(await text(page, 'date-field#from .hint'), /این تاریخ درست نیست/);
    assert.equal((await focused(page)).host, 'date-field');
    assert.equal(requests.length, before);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('۱۴۰۵/۲/۱۳');
    assert.equal(await from.getAttribute('aria-invalid'), 'false');

    // "This month" is the Solar Hijri month, from its first day to today, in the time zone.
    await page.locator('report-filters #preset').focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    assert.equal(await page.locator('report-filters #preset').inputValue(), 'this-month');
    await page.locator('report-filters button[type="submit"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('preset') === 'this-month');
    await reportOf(page, 'home-nps');
    const today = todayIn('UTC');
    const month = Object.fromEntries(requests.at(-1).searchParams);
    assert.deepEqual([month.from, month.to], [monthStart('persian', today), today]);
    // The empty period offers every date, by keyboard too.
    await page.locator('#empty button').focus();
    await page.keyboard.press('Enter');
    await reportOf(page, 'home-nps');
    assert.equal(await text(page, '#figure-value'), '۲۰');
    assert.ok(!requests.at(-1).searchParams.has('from'));
    await assertClean(page, log);
  } finally {
    await context.close();
  }
});

test('comments: every one in pages, Persian search that ignores spelling, filters, and the CSV of the view', async () => {
  const context = await newContext({ locale: 'en-US', acceptDownloads: true });
  try {
    const { page, log } = await open(context, `/dashboard/?survey=trend-csat&preset=all&lang=en#token=${TOKEN}`);
    await reportOf(page, 'trend-csat');
    // 25 comments: 20, then "Show more" brings the other 5 and takes the focus to the 21st.
    assert.equal(await page.locator('comments-panel li').count(), 20);
    assert.match(await text(page, '#comments-status'), /Showing 20 of 25 comments/);
    await page.locator('comments-panel #more').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => document.querySelector('comments-panel').shadowRoot.querySelectorAll('li').length === 25,
    );
    assert.equal(await page.locator('comments-panel #more').count(), 0);
    assert.equal((await focused(page)).tag, 'li');
    assert.deepEqual(
      (await texts(page, 'comments-panel .text')).sort(),
      Array.from({ length: 25 }, (_, i) => `c${String(i + 1).padStart(2, '0')}`),
      'every comment once',
    );
    const times = await page
      .locator('comments-panel time')
      .evaluateAll((all) => all.map((t) => t.getAttribute('datetime')));
    assert.deepEqual(times, [...times].sort().reverse(), 'newest first');

    // Persian search, in the NPS survey: «میخواهم» finds «می‌خواهم», Arabic ي and ك find ی and ک.
    await page.locator('button[data-survey="home-nps"]').click();
    await reportOf(page, 'home-nps');
    const search = async (q) => {
      const box = page.locator('comments-panel #q');
      await box.fill(q);
      await box.press('Enter');
      await page.waitForFunction(
        () =>
          !/Loading/.test(
            document.querySelector('comments-panel').shadowRoot.getElementById('comments-status').textContent,
          ),
      );
      await page.waitForTimeout(50);
      await reportOf(page, 'home-nps');
      return texts(page, 'comments-panel .text');
    };
    assert.deepEqual(await search('میخواهم'), [ZWNJ_COMMENT]);
    assert.deepEqual(await search('مي خواهم'), [ZWNJ_COMMENT]);
    assert.deepEqual(await search('کیفیت بسته بندی'), [ARABIC_COMMENT]);
    assert.deepEqual(await search('img'), [XSS]);
    assert.deepEqual(await search('nothing like this'), []);
    assert.match(await text(page, '#comments-status'), /No comments with these filters/);
    await search('');
    // By group: the detractors' comments only.
    await page.locator('comments-panel #group').selectOption('detractor');
    await page.locator('comments-panel #q').press('Enter');
    await page.waitForFunction(
      () => document.querySelector('comments-panel').shadowRoot.querySelectorAll('li').length === 1,
    );
    assert.deepEqual(await texts(page, 'comments-panel .text'), [XSS]);
    await page.locator('comments-panel #group').selectOption('');
    await page.locator('comments-panel #lang').selectOption('en');
    await page.locator('comments-panel #q').press('Enter');
    await page.waitForFunction(
      () => document.querySelector('comments-panel').shadowRoot.querySelectorAll('li').length === 1,
    );

    // "Export this view": the touchpoint and the comment filters go into the CSV.
    await page.locator('comments-panel #lang').selectOption('');
    await page.locator('comments-panel #q').fill('خواهم');
    await page.locator('comments-panel #q').press('Enter');
    await page.waitForFunction(
      () => document.querySelector('comments-panel').shadowRoot.querySelectorAll('li').length === 1,
    );
    const requests = [];
    page.on('request', (request) => requests.push(new URL(request.url())));
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('report-filters #csv').click()]);
    assert.equal(download.suggestedFilename(), 'home-nps-responses.csv');
    const csvRequest = requests.find((r) => r.pathname.endsWith('responses.csv'));
    assert.equal(csvRequest.searchParams.get('q'), 'خواهم');
    const bytes = await readFile(await download.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the downloaded file keeps its byte order mark');
    const csv = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    assert.equal(csv.length, 2, csv.join('\n'));
    assert.ok(csv[1].includes(ZWNJ_COMMENT));
    assert.match(await text(page, '#status'), /CSV file is downloading/);
    await assertClean(page, log);
  } finally {
    await context.close();
  }
});

test('a wrong token shows a clear message and the token form; the right one opens the dashboard; signing out forgets it', async () => {
  const context = await newContext({ locale: 'en-US' });
  try {
    const { page, log } = await open(context, '/dashboard/#token=not-the-right-token-at-all');
    await page.waitForSelector('#auth');
    assert.equal(await page.locator('#app').count(), 0);
    assert.match(await text(page, '#auth-message'), /did not accept this token/);
    assert.match(await text(page, '#status'), /did not accept this token/);
    assert.equal(await page.evaluate(() => sessionStorage.getItem('csat-dashboard-token')), null);
    assert.equal((await focused(page)).id, 'token');
    await page.keyboard.type(TOKEN);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#report');
    await reportOf(page, 'help-ces');
    assert.equal(await page.locator('survey-list button[data-survey]').count(), 4);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForSelector('#auth');
    assert.equal(await page.evaluate(() => sessionStorage.getItem('csat-dashboard-token')), null);
    await assertClean(page, log, [STATUS_401]);
  } finally {
    await context.close();
  }
});

test('phones: no sideways scroll from 320 px, in Persian and English; the survey list becomes a menu', async () => {
  for (const [lang, width] of [
    ['fa', 320],
    ['en', 320],
    ['fa', 360],
    ['en', 360],
  ]) {
    const context = await newContext({ viewport: { width, height: 740 }, isMobile: true, hasTouch: true });
    try {
      const { page, log } = await open(context, `/dashboard/?lang=${lang}&survey=home-nps&preset=all#token=${TOKEN}`);
      await reportOf(page, 'home-nps');
      for (const toggle of await page.locator('button[aria-pressed][aria-controls]').all()) await toggle.click();
      const geometry = await overflowing(page);
      assert.ok(
        geometry.scrollWidth <= width,
        `${lang} ${width}px scrolls sideways (${geometry.scrollWidth}): ${geometry.out}`,
      );
      assert.deepEqual(geometry.out, [], `${lang} ${width}px: out of the viewport`);
      assert.equal(await page.locator('survey-list select').isVisible(), true);
      assert.equal(await page.locator('survey-list ul').isVisible(), false);
      await page.locator('survey-list select').selectOption('support-csat');
      await reportOf(page, 'support-csat');
      assert.ok((await overflowing(page)).scrollWidth <= width);
      if (width === 360) {
        await page.locator('survey-list select').selectOption('home-nps');
        await reportOf(page, 'home-nps');
        for (let i = 0; i < 6; i++)
          await page.screenshot({
            path: shotPath('dashboard', lang, 'phone', `${width}px`, String(i + 1)),
            clip: { x: 0, y: i * 740, width, height: 740 },
            fullPage: true,
          });
      }
      await assertClean(page, log);
    } finally {
      await context.close();
    }
  }
});

test('axe finds no violations on any view in Persian and English, light and dark', async () => {
  const problems = [];
  const scan = async (page, name) => {
    await page.addScriptTag({ path: AXE });
    const { violations, passes } = await page.evaluate(() => window.axe.run());
    assert.ok(
      passes.some((rule) => rule.id === 'color-contrast'),
      'axe checked the contrast',
    );
    for (const v of violations) problems.push(`${name} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  };
  // Injecting axe is an inline script, which the page's CSP rightly refuses: this context bypasses the CSP.
  for (const colorScheme of ['light', 'dark']) {
    const context = await newContext({ locale: 'en-US', colorScheme, bypassCSP: true });
    try {
      for (const lang of ['fa', 'en']) {
        const { page } = await open(
          context,
          `/dashboard/?lang=${lang}&survey=trend-csat&from=2026-06-08&to=2026-06-14#token=${TOKEN}`,
        );
        await reportOf(page, 'trend-csat');
        for (const toggle of await page.locator('button[aria-pressed][aria-controls]').all()) await toggle.click();
        // At a desktop width every table fits its card: none needs its sideways scroll.
        const cut = await page.evaluate(() => {
          const found = [];
          const walk = (root) => {
            for (const el of root.querySelectorAll('*')) {
              if (el.classList.contains('table-wrap') && el.scrollWidth > el.clientWidth + 1)
                found.push(`${el.id} ${el.scrollWidth} > ${el.clientWidth}`);
              if (el.shadowRoot) walk(el.shadowRoot);
            }
          };
          walk(document);
          return found;
        });
        assert.deepEqual(
          cut,
          [],
          `${lang}/${colorScheme}: tables wider than their card at ${page.viewportSize().width} px`,
        );
        await scan(page, `${lang}/${colorScheme} report`);
        await page.screenshot({ path: shotPath('dashboard', lang, colorScheme, 'report'), fullPage: true });
        // A bad date and a wrong range shown, with their messages.
        await page.locator('date-field#from input').fill(lang === 'fa' ? '۱۴۰۵/۱۳/۱' : '');
        await page.locator('report-filters button[type="submit"]').click();
        await scan(page, `${lang}/${colorScheme} bad date`);
        await page.close();
        // The empty period.
        const { page: empty } = await open(
          context,
          `/dashboard/?lang=${lang}&survey=home-nps&from=2020-01-01&to=2020-01-31#token=${TOKEN}`,
        );
        await reportOf(empty, 'home-nps');
        await empty.waitForSelector('#empty');
        await scan(empty, `${lang}/${colorScheme} empty`);
        await empty.close();
        // The token form.
        const { page: form } = await open(context, `/dashboard/?lang=${lang}`);
        await form.waitForSelector('#auth');
        await scan(form, `${lang}/${colorScheme} token form`);
        await form.close();
      }
    } finally {
      await context.close();
    }
  }
  assert.deepEqual(problems, []);
});

test('rows no ingest would take (±infinity, BC, year 294276, odd scores), stored straight into the table: every view renders in Persian and English without an error', async () => {
  const times = [
    '-infinity',
    'infinity',
    '4713-01-01 00:00:00+00 BC',
    '0001-01-01 00:00:00+00',
    '1970-01-01 00:00:00+00',
    '9999-12-31 23:59:59-14',
    '294276-12-31 23:59:59+00',
  ];
  let n = 0xe000;
  for (const [surveyId, type, scores] of [
    ['wild-nps', 'nps', [-32768, 0, 10, 32767]],
    ['wild-csat', 'csat', [1, 5, 99]],
    ['wild-ces', 'ces', [-5, 7, 32767]],
  ]) {
    for (const [i, at] of times.entries()) {
      n++;
      await collector.db.query(
        `INSERT INTO responses (id, revision, complete, survey_id, type, score, comment, locale, touchpoint, page_url,
                                metadata, answered_at, sent_at, received_at, first_received_at)
         VALUES ($1, 1, true, $2, $3, $4, $5, $6, $7, '', NULL, $8, $8, $8, $8)`,
        [
          `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
          surveyId,
          type,
          scores[i % scores.length],
          i % 2 ? `=cmd ${XSS}` : PERSIAN_COMMENT,
          i % 2 ? '' : 'not a locale',
          i % 3 ? `tp-${i}` : null,
          at,
        ],
      );
    }
  }
  for (const locale of ['fa-IR', 'en-US']) {
    const context = await newContext({ locale });
    try {
      const { page, log } = await open(context);
      await page.waitForFunction(
        () =>
          document.body.textContent !== null &&
          document.querySelector('survey-list')?.shadowRoot?.textContent.includes('wild-ces'),
      );
      for (const id of ['wild-nps', 'wild-csat', 'wild-ces']) {
        await page.goto(`${collector.url}/dashboard/?survey=${id}&preset=all#token=${TOKEN}`);
        await reportOf(page, id);
        await page.goto(`${collector.url}/dashboard/?survey=${id}&preset=all&bucket=week#token=${TOKEN}`);
        await reportOf(page, id);
      }
      await assertClean(page, log);
    } finally {
      await context.close();
    }
  }
});
