// The collector's dashboard, end to end: the collector runs in this process on a fresh embedded
// database, gets a fixed batch of answers, and headless Chromium opens /dashboard/ under the
// collector's real Content-Security-Policy. Checks the figures, the margin, Persian digits and
// calendar, comments shown as text, the filters and the CSV, the token form, the keyboard, no
// console errors or CSP violations, and an axe scan in Persian and English, light and dark.
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

const TOKEN = 'dashboard-e2e-token-0123456789-abcdefgh';
const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));
const XSS = '<img src=x onerror=alert(1)>';
const PERSIAN_COMMENT = 'ارسال خیلی سریع بود، ممنون';

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
// Odd positions are at checkout (10, 9, 8, 6, 0: NPS 0), even ones at support (10, 9, 9, 7, 3: NPS 40).
// Two answers a day from 1 to 5 May 2026 (11 to 15 Ordibehesht 1405).
const NPS_SCORES = [10, 10, 9, 9, 9, 8, 7, 6, 3, 0];
const npsAnswers = NPS_SCORES.map((score, i) =>
  answer('home-nps', 'nps', score, `2026-05-0${1 + Math.floor(i / 2)}T${i % 2 ? '14' : '09'}:30:00Z`, {
    touchpoint: i % 2 ? 'checkout' : 'support',
    ...(i === 0 && { comment: PERSIAN_COMMENT }),
    ...(i === 8 && { comment: XSS, locale: 'en' }),
  }),
);
// CSAT: 3 of 5 are 4 or 5 → 60 %. CES: mean (7 + 6 + 5 + 2) / 4 = 5.0, 3 of 4 are 5–7 → 75 %.
const csatAnswers = [5, 4, 4, 2, 1].map((score) => answer('support-csat', 'csat', score, '2026-05-10T08:00:00Z'));
const cesAnswers = [7, 6, 5, 2].map((score) => answer('help-ces', 'ces', score, '2026-05-12T08:00:00Z'));

/** NPS margin of error at 95 %, computed here independently of the collector. */
function npsMargin(scores) {
  const n = scores.length;
  const p = scores.filter((s) => s >= 9).length / n;
  const d = scores.filter((s) => s <= 6).length / n;
  return 1.96 * Math.sqrt((p * (1 - p) + d * (1 - d) + 2 * p * d) / n) * 100;
}

const fa = (n) => new Intl.NumberFormat('fa').format(n);

// ---------------------------------------------------------------------------------------------
// The collector and the browser

let collector;
let dataDir;
let browser;

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'csat-dashboard-'));
  const config = readConfig({ PORT: '0', CSAT_DATA_DIR: dataDir, CSAT_ADMIN_TOKEN: TOKEN, CSAT_LOG_LEVEL: 'warn' });
  collector = await startCollector(config);
  const response = await fetch(`${collector.url}/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      v: 1,
      sentAt: '2026-05-12T09:00:00Z',
      responses: [...npsAnswers, ...csatAnswers, ...cesAnswers],
    }),
  });
  assert.equal(response.status, 200, await response.text());
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
async function open(context, path = `/dashboard/#token=${TOKEN}`) {
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

/** Waits for the report of `surveyId` to be shown and no request to be under way. */
async function reportOf(page, surveyId) {
  await page.waitForFunction(
    (id) =>
      document.getElementById('report-heading')?.textContent.includes(id) &&
      !document.getElementById('report').hasAttribute('aria-busy') &&
      document.getElementById('report-body').childElementCount > 0,
    surveyId,
  );
}

const text = (page, selector) => page.locator(selector).first().textContent();
const texts = (page, selector) => page.locator(selector).allTextContents();
/** A table's body as rows of cell texts. */
const cells = (page, selector) =>
  page
    .locator(`${selector} tbody tr`)
    .evaluateAll((rows) => rows.map((row) => [...row.cells].map((cell) => cell.textContent.trim())));

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

// The browser logs a failed request as a console error; these are the ones a case provokes on purpose.
const STATUS_401 = /Failed to load resource: the server responded with a status of 401/;

// ---------------------------------------------------------------------------------------------
// Cases

test('Persian: survey list, NPS with its margin in Persian digits, Persian calendar, comments as text', async () => {
  const context = await newContext();
  try {
    const { page, log } = await open(context);
    await page.waitForSelector('#survey-list button[data-survey]');

    // The token left the address bar and lives in this tab's storage.
    assert.equal(new URL(page.url()).hash, '');
    assert.equal(await page.evaluate(() => sessionStorage.getItem('csat-dashboard-token')), TOKEN);
    assert.equal(await page.getAttribute('html', 'lang'), 'fa');
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');

    // The list: every survey with its type and count (Persian digits); the first one opens by itself.
    const buttons = page.locator('#survey-list button[data-survey]');
    assert.deepEqual(await buttons.evaluateAll((all) => all.map((b) => b.dataset.survey)), [
      'help-ces',
      'home-nps',
      'support-csat',
    ]);
    const home = page.locator('button[data-survey="home-nps"]');
    assert.match(await home.textContent(), /NPS/);
    assert.match(await home.textContent(), new RegExp(`${fa(10)} پاسخ`));
    assert.match(await home.textContent(), /۱۴۰۵/, 'the last answer in the Persian calendar');
    await reportOf(page, 'help-ces');

    await home.click();
    await reportOf(page, 'home-nps');
    assert.equal(await home.getAttribute('aria-current'), 'true');
    assert.equal(new URL(page.url()).searchParams.get('survey'), 'home-nps');

    // The figure, its margin and n, in Persian digits.
    assert.equal(await text(page, '#figure-value'), '۲۰');
    const margin = await text(page, '#figure-margin');
    assert.ok(margin.includes(`± ${fa(Math.round(npsMargin(NPS_SCORES)))}`), margin);
    assert.ok(margin.includes('حاشیهٔ خطا') && margin.includes('۹۵٪'), margin);
    assert.ok((await text(page, '#figure-n')).includes('۱۰'));
    assert.match(await text(page, '#headline-heading'), /شاخص خالص مروجان \(NPS\)/);
    for (const card of ['headline', 'trend', 'distribution', 'groups']) {
      assert.doesNotMatch(await text(page, `.card-${card}`), /[0-9]/, `Latin digits in the Persian ${card}`);
    }

    // Groups with counts and shares; per touchpoint with figure, margin and n.
    assert.deepEqual(await cells(page, '#groups-table'), [
      ['منتقدان', '۰ تا ۶', '۳', '۳۰٪'],
      ['بی\u200cطرف\u200cها', '۷ تا ۸', '۲', '۲۰٪'],
      ['مروجان', '۹ تا ۱۰', '۵', '۵۰٪'],
    ]);
    const touchpoints = await cells(page, '#touchpoints-table');
    assert.deepEqual(touchpoints.map((row) => [row[0], row[1], row[3]]).sort(), [
      ['checkout', '۰', '۵'],
      ['support', '۴۰', '۵'],
    ]);
    assert.ok(touchpoints.every((row) => row[2].startsWith('± ')));

    // The trend: an SVG image with a name and a summary, one point per day, and its table.
    const trend = page.locator('.card-trend svg[role="img"]');
    assert.equal(await trend.locator('circle').count(), 5);
    assert.match(await trend.locator('desc').textContent(), /۵ روز.*۱۱ اردیبهشت ۱۴۰۵.*۱۵ اردیبهشت ۱۴۰۵/);
    assert.equal(await page.locator('#trend-table tbody tr').count(), 5);
    const toggle = page.locator('.card-trend button[aria-pressed]');
    assert.equal(await page.locator('#trend-table').isVisible(), true, 'in the accessibility tree');
    assert.equal(await page.locator('#trend-table').evaluate((e) => e.getBoundingClientRect().width), 1);
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    assert.ok((await page.locator('#trend-table').evaluate((e) => e.getBoundingClientRect().width)) > 100);

    // The distribution: a bar per score, zeros included, and its table.
    assert.equal(await page.locator('.card-distribution svg[role="img"] rect').count(), 11);
    assert.equal(await page.locator('#distribution-table tbody tr').count(), 11);

    // Comments are text: the markup shows literally and makes no element.
    const comments = await texts(page, '.comment-text');
    assert.ok(comments.includes(XSS), `the comment shows as typed: ${comments.join(' | ')}`);
    assert.ok(comments.includes(PERSIAN_COMMENT));
    assert.equal(await page.locator('img').count(), 0, 'a comment became an <img>');
    const times = await texts(page, '.comment time');
    assert.ok(times.length === 2 && times.every((t) => t.includes('۱۴۰۵') && t.includes('اردیبهشت')), times.join());
    const meta = await texts(page, '.comment-meta');
    assert.ok(meta.some((m) => m.includes('امتیاز ۳') && m.includes('support')));

    // The status region says what happened.
    assert.match(await text(page, '#status[role="status"]'), /home-nps.*۱۰ پاسخ/);

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

test('English: Latin digits, Gregorian dates; the language switch and ?lang=fa', async () => {
  const context = await newContext({ locale: 'en-US' });
  try {
    const { page, log } = await open(context, `/dashboard/?survey=home-nps#token=${TOKEN}`);
    await reportOf(page, 'home-nps');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
    assert.equal(await text(page, '#figure-value'), '20');
    assert.match(await text(page, '#figure-margin'), /± 54 points margin of error \(95% confidence\)/);
    assert.equal(await text(page, '#figure-n'), 'n = 10');
    const times = await texts(page, '.comment time');
    assert.ok(
      times.every((t) => /May \d+, 2026/.test(t)),
      times.join(),
    );
    assert.match(await text(page, '.card-trend desc'), /May 1, 2026 to May 5, 2026/);

    // The switch is labelled, says which language is on, and turns the page Persian in place.
    const persian = page.getByRole('button', { name: 'فارسی' });
    assert.equal(await page.getByRole('group', { name: 'Language' }).count(), 1);
    assert.equal(await persian.getAttribute('aria-pressed'), 'false');
    await persian.click();
    assert.equal(await persian.getAttribute('aria-pressed'), 'true');
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    assert.equal(await text(page, '#figure-value'), '۲۰');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.lang), 'fa', 'the focus stays');
    assert.equal(new URL(page.url()).searchParams.get('lang'), 'fa');
    await assertClean(page, log);

    // ?lang=fa wins over an English browser (a new tab: the token comes again in the fragment).
    const { page: second, log: secondLog } = await open(context, `/dashboard/?lang=fa&survey=help-ces#token=${TOKEN}`);
    await reportOf(second, 'help-ces');
    assert.equal(await second.getAttribute('html', 'lang'), 'fa');
    assert.equal(await text(second, '#figure-value'), fa(5).concat('٫', fa(0)));
    assert.match(await text(second, '#figure-share'), /۷۵٪/);
    await assertClean(second, secondLog);
  } finally {
    await context.close();
  }
});

test('filters reach the API, an empty result says so, and the CSV follows the filters', async () => {
  const context = await newContext({ locale: 'en-US', acceptDownloads: true });
  try {
    const { page, log } = await open(context, `/dashboard/?survey=home-nps#token=${TOKEN}`);
    await reportOf(page, 'home-nps');
    // The touchpoint list fills in after the report: wait for it rather than read it at once.
    await page.waitForFunction(() => document.querySelectorAll('#filter-touchpoint option').length > 1);
    const options = await page.locator('#filter-touchpoint option').evaluateAll((all) => all.map((o) => o.value));
    assert.deepEqual(options, ['', 'checkout', 'support']);

    const requests = [];
    page.on('request', (request) => requests.push(new URL(request.url())));
    await page.selectOption('#filter-touchpoint', 'checkout');
    await page.fill('#filter-from', '2026-05-02');
    await page.fill('#filter-to', '2026-05-05');
    assert.match(await text(page, '#filter-hint'), /Showing May 2, 2026 to May 5, 2026/);
    await page.getByRole('button', { name: 'Apply' }).click();
    await reportOf(page, 'home-nps');
    const asked = requests.find((r) => r.pathname.endsWith('/report'));
    assert.equal(asked.search, '?from=2026-05-02&to=2026-05-05&touchpoint=checkout');
    // Checkout answers from the 2nd: 9, 8, 6, 0 (the 10 was on the 1st): 1 promoter, 2 detractors of 4.
    assert.equal(await text(page, '#figure-value'), '-25');
    assert.equal(await text(page, '#figure-n'), 'n = 4');
    assert.deepEqual(
      await page.locator('#filter-touchpoint option').evaluateAll((all) => all.map((o) => o.value)),
      ['', 'checkout', 'support'],
      'the other touchpoints stay choosable',
    );

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /CSV/ }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'home-nps-responses.csv');
    const bytes = await readFile(await download.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the downloaded file keeps its byte order mark');
    const csv = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    assert.equal(csv[0].split(',')[0], 'id');
    assert.equal(csv.length, 1 + 4, csv.join('\n'));
    assert.ok(csv.slice(1).every((line) => line.includes(',"checkout",')));
    assert.match(await text(page, '#status'), /CSV file is downloading/);

    // A range without answers: an empty state, announced.
    await page.fill('#filter-from', '2026-06-01');
    await page.fill('#filter-to', '');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForFunction(() => document.querySelector('#report-body .panel.empty'));
    assert.match(await text(page, '#report-body'), /No answers match these filters/);
    assert.match(await text(page, '#status'), /no answers match these filters/);

    // A start after the end is refused before asking.
    await page.fill('#filter-from', '2026-05-05');
    await page.fill('#filter-to', '2026-05-01');
    await page.getByRole('button', { name: 'Apply' }).click();
    assert.match(await text(page, '#filter-error'), /start date is after the end date/);
    assert.equal(await page.getAttribute('#filter-to', 'aria-invalid'), 'true');

    await page.getByRole('button', { name: 'Clear' }).click();
    await reportOf(page, 'home-nps');
    assert.equal(await text(page, '#figure-value'), '20');
    await assertClean(page, log);
  } finally {
    await context.close();
  }
});

test('keyboard: Tab reaches the surveys with a visible focus, Enter opens a report', async () => {
  const context = await newContext({ locale: 'en-US' });
  try {
    const { page, log } = await open(context);
    await reportOf(page, 'help-ces');
    const seen = [];
    for (let i = 0; i < 12; i += 1) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const e = document.activeElement;
        const style = getComputedStyle(e);
        return {
          survey: e.dataset.survey,
          text: e.textContent.trim(),
          outline: `${style.outlineStyle} ${style.outlineWidth}`,
        };
      });
      seen.push(focused.survey ?? focused.text);
      if (focused.survey) assert.equal(focused.outline, 'solid 3px', 'a visible focus');
      if (focused.survey === 'support-csat') break;
    }
    assert.equal(seen[0], 'Skip to the content');
    assert.equal(seen.at(-1), 'support-csat', seen.join(' → '));
    await page.keyboard.press('Enter');
    await reportOf(page, 'support-csat');
    assert.equal(await text(page, '#figure-value'), '60%');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.survey), 'support-csat');
    await assertClean(page, log);
  } finally {
    await context.close();
  }
});

test('a wrong token shows a clear message and the token form; the right one opens the dashboard', async () => {
  const context = await newContext({ locale: 'en-US' });
  try {
    const { page, log } = await open(context, '/dashboard/#token=not-the-right-token-at-all');
    await page.waitForSelector('#auth:not([hidden])');
    assert.equal(await page.isVisible('#app'), false);
    assert.match(await text(page, '#auth-message'), /did not accept this token/);
    assert.match(await text(page, '#status'), /did not accept this token/);
    assert.equal(await page.evaluate(() => sessionStorage.getItem('csat-dashboard-token')), null);
    assert.equal(new URL(page.url()).hash, '');

    assert.equal(await text(page, 'label[for="token"]'), 'Admin token');
    assert.equal(await page.getAttribute('#token', 'type'), 'password');
    await page.locator('#token').fill(TOKEN);
    await page.getByRole('button', { name: 'Open' }).click();
    await reportOf(page, 'help-ces');
    assert.equal(await page.isVisible('#auth'), false);
    assert.equal(await page.locator('#survey-list button[data-survey]').count(), 3);

    // Signing out forgets it.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForSelector('#auth:not([hidden])');
    assert.equal(await page.evaluate(() => sessionStorage.getItem('csat-dashboard-token')), null);
    await assertClean(page, log, [STATUS_401]);
  } finally {
    await context.close();
  }
});

test('axe finds no violations in Persian and English, light and dark', async () => {
  const problems = [];
  // Injecting axe is an inline script, which the page's CSP rightly refuses: this context bypasses the CSP.
  for (const colorScheme of ['light', 'dark']) {
    const context = await newContext({ locale: 'en-US', colorScheme, bypassCSP: true });
    try {
      for (const lang of ['fa', 'en']) {
        const { page } = await open(context, `/dashboard/?lang=${lang}&survey=home-nps#token=${TOKEN}`);
        await reportOf(page, 'home-nps');
        for (const toggle of await page.locator('button[aria-pressed][aria-controls]').all()) await toggle.click();
        await page.addScriptTag({ path: AXE });
        const { violations, passes } = await page.evaluate(() => window.axe.run());
        assert.ok(
          passes.some((rule) => rule.id === 'color-contrast'),
          'axe checked the contrast',
        );
        for (const v of violations) {
          problems.push(`${lang}/${colorScheme} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        }
        await page.close();
      }
      // The token form too.
      const { page } = await open(context, '/dashboard/?lang=fa');
      await page.waitForSelector('#auth:not([hidden])');
      await page.addScriptTag({ path: AXE });
      const { violations } = await page.evaluate(() => window.axe.run());
      for (const v of violations) {
        problems.push(`token form/${colorScheme} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
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
      await page.waitForFunction(() => document.body.textContent.includes('wild-ces'));
      for (const id of ['wild-nps', 'wild-csat', 'wild-ces']) {
        await page.goto(`${collector.url}/dashboard/?survey=${id}#token=${TOKEN}`);
        await reportOf(page, id);
        await page.reload();
        await reportOf(page, id);
      }
      await assertClean(page, log);
    } finally {
      await context.close();
    }
  }
});
