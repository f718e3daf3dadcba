// A Persian alert e-mail, as it arrives: the collector sends it through a loopback SMTP server
// (nodemailer, as in production), the test takes the HTML part from the raw message and renders it
// in headless Chromium at 360 px (a phone's mail app) and 1280 px. Screenshots go to
// .test-results/screenshots/ (artefacts, not committed). From the geometry: the body runs right to
// left with the labels at the right of their values, nothing is wider than the window, and the
// page's URL is a left-to-right link. Builds nothing: run `npm run build` first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startCollector } from '../../collector/dist/collector/main.js';
import { readConfig } from '../../collector/dist/collector/config.js';
import { startSmtp } from '../collector/alert-receivers.mjs';
import { shotPath } from './layout.mjs';

const TOKEN = 'alert-email-e2e-token-0123456789-abcdefghij';
const PAGE_URL = 'https://shop.example/checkout/payment?step=3&coupon=SPRING-1405-FREE-SHIPPING&utm_source=newsletter';
const COMMENT =
  'پرداخت دو بار خطا داد و کد تخفیفم اعمال نشد. پشتیبانی هم جواب نداد؛ لطفاً پیگیری کنید، سفارشم فوری است!';

let collector;
let smtp;
let browser;
let dataDir;

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'csat-alert-email-'));
  smtp = await startSmtp();
  collector = await startCollector(
    readConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      CSAT_DATA_DIR: dataDir,
      CSAT_ADMIN_TOKEN: TOKEN,
      CSAT_LOG_LEVEL: 'silent',
      CSAT_SMTP_URL: smtp.url,
      CSAT_PUBLIC_URL: 'https://collect.shop.example',
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
  await smtp?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** The decoded body of the MIME part of a raw message with the given content type. */
function mimePart(raw, type) {
  const boundaries = [...raw.matchAll(/boundary="?([^";\r\n]+)"?/gi)].map((m) => m[1]);
  const parts = boundaries.flatMap((b) => raw.split(`--${b}`));
  const part = parts.find((p) => new RegExp(`^\\s*Content-Type: ${type}`, 'im').test(p.split(/\r?\n\r?\n/)[0]));
  assert.ok(part, `the message has a ${type} part`);
  const split = part.search(/\r?\n\r?\n/);
  const headers = part.slice(0, split);
  const body = part.slice(split).trim();
  const encoding = /Content-Transfer-Encoding:\s*([\w-]+)/i.exec(headers)?.[1]?.toLowerCase() ?? '7bit';
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = [];
    const text = body.replace(/=\r?\n/g, '');
    for (let i = 0; i < text.length; i++) {
      if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
        bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
        i += 2;
      } else bytes.push(...Buffer.from(text[i], 'utf8'));
    }
    return Buffer.from(bytes).toString('utf8');
  }
  return body;
}

test('a Persian alert e-mail reads right to left at 360 px and 1280 px, fits the window, and links the page left to right', async () => {
  const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
  const put = (path, body) => fetch(`${collector.url}${path}`, { method: 'PUT', headers, body: JSON.stringify(body) });
  assert.equal(
    (await put('/v1/alerts/destinations/team', { kind: 'email', name: 'تیم', to: 'team@shop.example' })).status,
    201,
  );
  assert.equal(
    (
      await put('/v1/alerts/rules/unhappy', {
        name: 'مشتری ناراضی',
        condition: 'nps-detractor',
        destinations: ['team'],
      })
    ).status,
    201,
  );
  const answered = await fetch(`${collector.url}/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      v: 1,
      sentAt: new Date().toISOString(),
      responses: [
        {
          id: '00000000-0000-4000-8000-00000000e3a1',
          revision: 1,
          complete: true,
          surveyId: 'checkout-nps',
          type: 'nps',
          score: 3,
          scale: { min: 0, max: 10 },
          locale: 'fa-IR',
          comment: COMMENT,
          touchpoint: 'پرداخت',
          metadata: { plan: 'طلایی', orderId: 'A-14050218-7731' },
          page: { url: PAGE_URL },
          answeredAt: new Date().toISOString(),
        },
      ],
    }),
  });
  assert.equal(answered.status, 200, await answered.text());
  await smtp.waitFor(1);
  const html = mimePart(smtp.messages[0].raw, 'text/html');
  assert.ok(html.includes(COMMENT), 'the comment is in the HTML part');

  for (const width of [360, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 800 }, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      await page.screenshot({ path: shotPath('alert-email', 'fa', 'light', `${width}px`), fullPage: true });
      const g = await page.evaluate((pageUrl) => {
        const box = (el) => {
          const r = el.getBoundingClientRect();
          return { left: r.left, right: r.right, width: r.width };
        };
        const doc = document.documentElement;
        const body = document.body;
        const link = [...document.querySelectorAll('a')].find((a) => a.getAttribute('href') === pageUrl);
        const rows = [...document.querySelectorAll('tr')].map((tr) => ({
          label: tr.querySelector('th').textContent,
          th: box(tr.querySelector('th')),
          td: box(tr.querySelector('td')),
        }));
        const wide = [...document.querySelectorAll('body *')]
          .map((el) => ({ tag: el.tagName, text: el.textContent.slice(0, 40), ...box(el) }))
          .filter((b) => b.width > 0 && (b.left < -0.5 || b.right > doc.clientWidth + 0.5));
        return {
          dir: getComputedStyle(body).direction,
          bodyBox: box(body),
          scrollWidth: document.scrollingElement.scrollWidth,
          clientWidth: doc.clientWidth,
          rows,
          wide,
          link: link && {
            dir: getComputedStyle(link).direction,
            attr: link.getAttribute('dir'),
            text: link.textContent,
            ...box(link),
          },
        };
      }, PAGE_URL);
      const at = `${width} px`;
      assert.equal(g.dir, 'rtl', `${at}: the body is right to left`);
      assert.ok(g.rows.length >= 6, `${at}: a row per field`);
      for (const row of g.rows) {
        assert.ok(row.th.left >= row.td.right - 1, `${at}: the label ${row.label} is at the right of its value`);
        assert.ok(g.bodyBox.right - row.th.right < 24, `${at}: the label ${row.label} starts at the right edge`);
      }
      assert.ok(g.scrollWidth <= g.clientWidth, `${at}: ${g.scrollWidth} px of content in ${g.clientWidth} px`);
      assert.deepEqual(g.wide, [], `${at}: nothing sticks out of the window`);
      assert.ok(g.link, `${at}: the page URL is a link`);
      assert.equal(g.link.dir, 'ltr', `${at}: the page URL reads left to right`);
      assert.equal(g.link.attr, 'ltr');
      assert.equal(g.link.text, PAGE_URL);
      console.log(
        `# ${at}: ${g.rows.length} rows, labels at x ${Math.round(Math.min(...g.rows.map((r) => r.th.left)))}–${Math.round(g.bodyBox.right)} px, content ${g.scrollWidth} px wide in ${g.clientWidth} px`,
      );
    } finally {
      await context.close();
    }
  }
});
