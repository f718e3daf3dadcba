// The dashboard's Alerts page, end to end: the collector runs in this process on a fresh embedded
// database with a loopback webhook receiver, and headless Chromium opens /dashboard/alerts.html
// under the collector's real Content-Security-Policy. By keyboard only, in Persian and in English:
// add a webhook destination, send it a test, add a rule, see an answer raise an alert, open the
// delivery log. Then axe on the page in both languages, light and dark, with a parked alert, an open
// delivery log and a destination whose name is markup (shown as text), with both edit forms open.
// Then, by keyboard: turn a rule off and on, edit a rule and a destination (the secret is never
// shown, and stays when left empty). Builds nothing: run `npm run build` first (the test runner
// does). And no sideways scroll on a 320 px phone, with the forms in edit mode too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startCollector } from '../../collector/dist/collector/main.js';
import { readConfig } from '../../collector/dist/collector/config.js';
import { startReceiver } from '../collector/alert-receivers.mjs';
import { shotPath } from './layout.mjs';

const TOKEN = 'alerts-e2e-token-0123456789-abcdefghij';
const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));
const XSS = '<img src=x onerror=alert(1)>';

let collector;
let receiver;
let refusing;
let browser;
let dataDir;
let serial = 0;

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'csat-alerts-e2e-'));
  receiver = await startReceiver({ signed: false });
  refusing = await startReceiver({ signed: false, respond: () => ({ status: 404 }) });
  collector = await startCollector(
    readConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      CSAT_DATA_DIR: dataDir,
      CSAT_ADMIN_TOKEN: TOKEN,
      CSAT_LOG_LEVEL: 'silent',
      CSAT_ALERT_ALLOW_HTTP_LOOPBACK: 'true',
      CSAT_ALERT_POLL_MS: '50',
    }),
  );
  browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
});

after(async () => {
  await browser?.close();
  await collector?.close();
  await receiver?.close();
  await refusing?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function recordViolations() {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
  });
}

async function open(options, lang) {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 }, ...options });
  await context.addInitScript(recordViolations);
  const page = await context.newPage();
  const log = { console: [], errors: [], dialogs: [] };
  page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && log.console.push(m.text()));
  page.on('pageerror', (error) => log.errors.push(String(error)));
  page.on('dialog', (dialog) => {
    log.dialogs.push(dialog.message());
    dialog.dismiss().catch(() => undefined);
  });
  const response = await page.goto(`${collector.url}/dashboard/alerts.html?lang=${lang}#token=${TOKEN}`);
  assert.match(response.headers()['content-security-policy'] ?? '', /default-src 'self'/);
  await page.waitForSelector('#destinations-heading');
  return { context, page, log };
}

const focused = (page) =>
  page.evaluate(() => ({
    id: document.activeElement?.id ?? '',
    cls: document.activeElement?.className ?? '',
    text: document.activeElement?.textContent?.trim() ?? '',
    li: document.activeElement?.closest('li')?.dataset.id ?? '',
  }));

async function tabTo(page, match, limit = 80) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (match(f)) return f;
  }
  throw new Error('the focus never got there');
}

async function assertClean(page, log) {
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'CSP violations');
  assert.deepEqual(log.errors, [], 'uncaught errors');
  assert.deepEqual(log.console, [], 'console errors and warnings');
  assert.deepEqual(log.dialogs, [], 'dialogs');
}

const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
const listed = () => fetch(`${collector.url}/v1/alerts`, { headers }).then((r) => r.json());

async function answer(score, locale) {
  serial += 1;
  const response = await fetch(`${collector.url}/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      v: 1,
      sentAt: new Date().toISOString(),
      responses: [
        {
          id: `00000000-0000-4000-8000-${serial.toString(16).padStart(12, '0')}`,
          revision: 1,
          complete: true,
          surveyId: 'home-nps',
          type: 'nps',
          score,
          scale: { min: 0, max: 10 },
          locale,
          page: { url: 'https://shop.example/' },
          answeredAt: new Date().toISOString(),
        },
      ],
    }),
  });
  assert.equal(response.status, 200);
}

for (const lang of ['fa', 'en']) {
  test(`keyboard only, in ${lang === 'fa' ? 'Persian' : 'English'}: add a webhook, send it a test, add a rule, see an alert and the deliveries`, async () => {
    const { context, page, log } = await open({}, lang);
    try {
      assert.equal(await page.evaluate(() => document.documentElement.dir), lang === 'fa' ? 'rtl' : 'ltr');
      const id = `desk-${lang}`;
      await tabTo(page, (f) => f.id === 'd-id');
      await page.keyboard.type(id);
      await page.keyboard.press('Tab');
      await page.keyboard.type(lang === 'fa' ? 'میز پشتیبانی' : 'Support desk');
      await page.keyboard.press('Tab');
      await page.keyboard.type(receiver.url);
      await page.keyboard.press('Enter');
      await page.waitForSelector(`#destinations li[data-id="${id}"]`);
      const name = lang === 'fa' ? 'میز پشتیبانی' : 'Support desk';
      assert.match(await page.locator('#status').textContent(), lang === 'fa' ? /ذخیره شد/ : /is saved/);

      const before = receiver.state.arrivals.length;
      await page.locator('#main').focus();
      await tabTo(page, (f) => f.cls.includes('test') && f.text.includes(name));
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        (pattern) => new RegExp(pattern).test(document.getElementById('status').textContent),
        lang === 'fa' ? 'رسید' : 'reached',
      );
      assert.equal(receiver.state.arrivals.length, before + 1);
      assert.equal(receiver.state.arrivals.at(-1).body.type, 'test');

      await page.locator('#main').focus();
      await tabTo(page, (f) => f.id === 'r-id');
      await page.keyboard.type(`detractors-${lang}`);
      await tabTo(page, (f) => f.id === 'r-condition');
      // The first condition (NPS detractor) is chosen; on to this destination's box.
      for (let i = 0; i < 20; i++) {
        await page.keyboard.press('Tab');
        const value = await page.evaluate(() => document.activeElement?.value);
        if (value === id) break;
      }
      await page.keyboard.press('Space');
      await tabTo(page, (f) => f.id === 'add-rule');
      await page.keyboard.press('Enter');
      await page.waitForSelector(`#rules li[data-id="detractors-${lang}"]`);

      const events = receiver.state.events.length;
      await answer(2, lang);
      await receiver.waitFor(events + 1);
      assert.equal(receiver.state.events.at(-1).rule.id, `detractors-${lang}`);

      await page.locator('#main').focus();
      await tabTo(page, (f) => f.cls.includes('log') && f.text.includes(name));
      await page.keyboard.press('Enter');
      await page.waitForSelector(`#destinations li[data-id="${id}"] table.deliveries`);
      const outcomes = await page
        .locator(`#destinations li[data-id="${id}"] tbody tr td:nth-child(2)`)
        .allTextContents();
      assert.ok(outcomes.includes(lang === 'fa' ? 'آزمایش فرستاده شد' : 'test sent'), outcomes.join());
      await assertClean(page, log);
    } finally {
      await context.close();
    }
  });
}

test('axe finds no violations on the Alerts page in Persian and English, light and dark; configured text stays text', async () => {
  const put = (path, body) => fetch(`${collector.url}${path}`, { method: 'PUT', headers, body: JSON.stringify(body) });
  assert.equal(
    (await put('/v1/alerts/destinations/odd', { kind: 'webhook', name: XSS, url: refusing.url })).status,
    201,
  );
  assert.equal(
    (await put('/v1/alerts/destinations/team', { kind: 'email', name: 'Team', to: 'team@shop.example' })).status,
    201,
  );
  assert.equal(
    (
      await put('/v1/alerts/rules/refused', {
        name: XSS,
        condition: 'comment-words',
        words: ['دیر', 'late'],
        destinations: ['odd', 'team'],
      })
    ).status,
    201,
  );
  serial += 1;
  await fetch(`${collector.url}/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      v: 1,
      sentAt: new Date().toISOString(),
      responses: [
        {
          id: `00000000-0000-4000-8000-${serial.toString(16).padStart(12, '0')}`,
          revision: 1,
          complete: true,
          surveyId: 'home-nps',
          type: 'nps',
          score: 9,
          scale: { min: 0, max: 10 },
          locale: 'fa',
          comment: 'ارسال دیر بود',
          page: { url: 'https://shop.example/' },
          answeredAt: new Date().toISOString(),
        },
      ],
    }),
  });
  // The 404 destination parks its alert; e-mail without CSAT_SMTP_URL parks too.
  for (let i = 0; i < 100; i++) {
    if ((await listed()).parked.length >= 2) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const problems = [];
  for (const colorScheme of ['light', 'dark'])
    for (const lang of ['fa', 'en']) {
      const { context, page, log } = await open({ colorScheme, bypassCSP: true }, lang);
      try {
        await page.waitForSelector('#parked tbody tr');
        await page.locator('#destinations li[data-id="odd"] button.log').click();
        await page.waitForSelector('#destinations li[data-id="odd"] table.deliveries');
        await page.locator('#r-condition').selectOption('csat-at-most');
        await page.locator('#d-kind').selectOption('email');
        await page.locator('#rules li[data-id="refused"] button.edit').click();
        await page.waitForFunction(() => document.getElementById('r-id')?.readOnly);
        await page.locator('#destinations li[data-id="odd"] button.edit').click();
        await page.waitForFunction(() => document.getElementById('d-id')?.readOnly);
        assert.equal(await page.locator('#d-secret').inputValue(), '', 'a secret is never shown in the form');
        assert.equal(await page.locator('img').count(), 0, 'a configured name became markup');
        assert.ok((await page.locator('#destinations').textContent()).includes(XSS));
        assert.match(await page.locator('#parked').textContent(), /answered 404/);
        assert.match(await page.locator('#parked').textContent(), /CSAT_SMTP_URL is not set/);
        await page.addScriptTag({ path: AXE });
        const { violations, passes } = await page.evaluate(() => window.axe.run());
        assert.ok(
          passes.some((rule) => rule.id === 'color-contrast'),
          'axe checked the contrast',
        );
        for (const v of violations)
          problems.push(`${lang}/${colorScheme} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        assert.deepEqual(log.errors, []);
        assert.deepEqual(log.dialogs, []);
      } finally {
        await context.close();
      }
    }
  assert.deepEqual(problems, []);
});

test('phones: no sideways scroll at 320 px, in Persian and English', async () => {
  for (const lang of ['fa', 'en']) {
    const { context, page, log } = await open({ viewport: { width: 320, height: 700 } }, lang);
    try {
      await page.waitForSelector('#rules li');
      for (const mode of ['adding', 'editing']) {
        if (mode === 'editing') {
          await page.locator('#rules li[data-id="refused"] button.edit').click();
          await page.locator('#destinations li[data-id="odd"] button.edit').click();
          await page.waitForFunction(() => document.getElementById('d-id')?.readOnly);
        }
        const { scrollWidth, width } = await page.evaluate(() => ({
          scrollWidth: document.scrollingElement.scrollWidth,
          width: document.documentElement.clientWidth,
        }));
        assert.ok(scrollWidth <= width, `${lang}, ${mode}: ${scrollWidth} px wide in a ${width} px viewport`);
      }
      const { scrollWidth, width } = await page.evaluate(() => ({
        scrollWidth: document.scrollingElement.scrollWidth,
        width: document.documentElement.clientWidth,
      }));
      assert.ok(scrollWidth <= width, `${lang}: ${scrollWidth} px wide in a ${width} px viewport`);
      await assertClean(page, log);
    } finally {
      await context.close();
    }
  }
});

for (const lang of ['fa', 'en']) {
  test(`keyboard only, in ${lang === 'fa' ? 'Persian' : 'English'}: turn a rule off and on, edit a rule and a destination`, async () => {
    const headersPut = (path, body) =>
      fetch(`${collector.url}${path}`, { method: 'PUT', headers, body: JSON.stringify(body) });
    const d = `edit-${lang}`;
    const r = `edit-rule-${lang}`;
    assert.equal(
      (await headersPut(`/v1/alerts/destinations/${d}`, { kind: 'webhook', name: `Hook ${lang}`, url: receiver.url }))
        .status,
      201,
    );
    assert.equal(
      (
        await headersPut(`/v1/alerts/rules/${r}`, {
          name: `Rule ${lang}`,
          surveyId: 'edit-survey',
          condition: 'csat-at-most',
          threshold: 2,
          destinations: [d],
        })
      ).status,
      201,
    );
    const before = await listed();
    const secret = before.destinations.find((x) => x.id === d).secret;
    assert.match(secret, /^whsec_/);
    const { context, page, log } = await open({}, lang);
    try {
      await page.waitForSelector(`#rules li[data-id="${r}"]`);
      const status = (pattern) =>
        page.waitForFunction((p) => new RegExp(p).test(document.getElementById('status').textContent), pattern);

      // Off, by the switch (Space): the API says so, and the list marks it.
      await page.locator('#main').focus();
      await tabTo(page, (f) => f.cls.includes('enabled') && f.li === r);
      assert.equal(await page.evaluate(() => document.activeElement.getAttribute('role')), 'switch');
      await page.keyboard.press('Space');
      await status(lang === 'fa' ? 'خاموش شد' : 'is off');
      assert.equal((await listed()).rules.find((x) => x.id === r).enabled, false);
      await page.waitForSelector(`#rules li[data-id="${r}"].off .badge`);
      assert.equal(await page.evaluate(() => document.activeElement.getAttribute('role')), 'switch');
      await page.keyboard.press('Space');
      await status(lang === 'fa' ? 'روشن شد' : 'is on');
      assert.equal((await listed()).rules.find((x) => x.id === r).enabled, true);
      await page.waitForSelector(`#rules li[data-id="${r}"]:not(.off)`);

      // Edit the rule: Enter on Edit fills the form and takes the focus to the name.
      await tabTo(page, (f) => f.cls.includes('edit') && f.text.includes(`Rule ${lang}`));
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'r-name');
      assert.equal(await page.locator('#r-id').inputValue(), r);
      assert.equal(await page.locator('#r-id').getAttribute('readonly'), '');
      assert.equal(await page.locator('#r-survey').inputValue(), 'edit-survey');
      assert.equal(await page.locator('#r-condition').inputValue(), 'csat-at-most');
      assert.equal(await page.locator('#r-threshold').inputValue(), '2');
      assert.match(await page.locator('#rule-form-heading').textContent(), new RegExp(`Rule ${lang}`));
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(lang === 'fa' ? 'ناراضی‌ها' : 'Unhappy');
      await tabTo(page, (f) => f.id === 'r-threshold');
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('3');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => !document.getElementById('r-id').readOnly);
      const edited = (await listed()).rules.find((x) => x.id === r);
      assert.deepEqual(
        [edited.name, edited.threshold, edited.surveyId, edited.destinations, edited.enabled],
        [lang === 'fa' ? 'ناراضی‌ها' : 'Unhappy', 3, 'edit-survey', [d], true],
      );
      // The form is for adding again, and the focus is back on the rule's Edit button.
      await page.waitForFunction((id) => document.activeElement?.closest('li')?.dataset.id === id, r);
      assert.ok((await focused(page)).cls.includes('edit'), 'the focus is on Edit');
      assert.equal(await page.locator('#r-id').inputValue(), '');
      assert.equal(await page.locator('#r-id').getAttribute('readonly'), null);

      // Edit the destination: name and URL; the secret field is empty and the secret stays.
      await page.locator('#main').focus();
      await tabTo(page, (f) => f.cls.includes('edit') && f.text.includes(`Hook ${lang}`));
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'd-name');
      assert.equal(await page.locator('#d-url').inputValue(), receiver.url);
      assert.equal(await page.locator('#d-secret').inputValue(), '');
      assert.ok(
        !(await page.locator('#destination-form').innerHTML()).includes(secret),
        'the secret is not in the form',
      );
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(lang === 'fa' ? 'میز شب' : 'Night desk');
      await page.keyboard.press('Tab');
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(`${receiver.url}night`);
      await page.keyboard.press('Enter');
      const nightDesk = lang === 'fa' ? 'میز شب' : 'Night desk';
      await status(lang === 'fa' ? `${nightDesk}\u2069 ذخیره شد` : `${nightDesk}\u2069 is saved`);
      let hook = (await listed()).destinations.find((x) => x.id === d);
      assert.deepEqual(
        [hook.name, hook.target, hook.secret],
        [lang === 'fa' ? 'میز شب' : 'Night desk', `${receiver.url}night`, secret],
      );

      // Edit again and cancel: nothing changes; a new secret typed replaces the old one.
      await page.waitForFunction((id) => document.activeElement?.closest('li')?.dataset.id === id, d);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'd-name');
      await tabTo(page, (f) => f.id === 'cancel-destination');
      await page.keyboard.press('Enter');
      await page.waitForFunction((id) => document.activeElement?.closest('li')?.dataset.id === id, d);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'd-name');
      await tabTo(page, (f) => f.id === 'd-secret');
      await page.keyboard.type('whsec_typed-by-hand-0123456789');
      await page.keyboard.press('Enter');
      // The status line says the same as after the last save: wait for the form to go back to adding.
      await page.waitForFunction(() => !document.getElementById('d-id').readOnly);
      hook = (await listed()).destinations.find((x) => x.id === d);
      assert.equal(hook.secret, 'whsec_typed-by-hand-0123456789');
      assert.equal(hook.name, lang === 'fa' ? 'میز شب' : 'Night desk');
      await assertClean(page, log);
    } finally {
      await context.close();
    }
  });
}

test('a picture of the Alerts page on a 360 px phone, in Persian, with the rule form in edit mode', async () => {
  const { context, page, log } = await open({ viewport: { width: 360, height: 800 } }, 'fa');
  try {
    await page.waitForSelector('#rules li');
    await page.locator('#rules li button.edit').first().click();
    await page.waitForFunction(() => document.getElementById('r-id')?.readOnly);
    await page.screenshot({ path: shotPath('dashboard-alerts', 'fa', 'light', '360px'), fullPage: true });
    await assertClean(page, log);
  } finally {
    await context.close();
  }
});
