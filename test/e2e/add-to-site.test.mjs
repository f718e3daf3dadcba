// A site owner goes live from the dashboard: "Add to your site" says the shop's origin is not allowed
// and what to set, gives the snippet (the script from this collector, with its integrity value) and
// the script to download. Pasted into a shop on another origin, the survey shows; its answer is
// refused with a readable 403 that the widget reports as csat-error origin-refused (the answer kept
// on the device), and the collector logs the refusal once with the fix. One click on Allow, and the
// kept answer arrives. Screenshots of the page are kept under .test-results/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startCollector } from '../../collector/dist/collector/main.js';
import { readConfig } from '../../collector/dist/collector/config.js';
import { shotPath } from './layout.mjs';

const TOKEN = 'add-to-site-e2e-token-0123456789-abcdef';
const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));
const DIST = new URL('../../dist/', import.meta.url);

let collector;
let dataDir;
let browser;
let shop;
let shopOrigin;
let shopPage = '<!doctype html><title>shop</title>';
const logLines = [];

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'csat-add-to-site-'));
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
      done();
    },
  });
  const config = readConfig({ PORT: '0', CSAT_DATA_DIR: dataDir, CSAT_ADMIN_TOKEN: TOKEN, CSAT_LOG_LEVEL: 'warn' });
  collector = await startCollector(config, { logStream });
  // The shop: another origin, serving whatever snippet the test pasted into its page.
  shop = createServer((req, res) => {
    if (req.url === '/favicon.ico') return res.writeHead(204).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(shopPage);
  });
  await new Promise((resolve) => shop.listen(0, '127.0.0.1', resolve));
  shopOrigin = `http://127.0.0.1:${shop.address().port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => shop?.close(resolve));
  await collector?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const refusalLogs = () => logLines.filter((l) => /refused answers from/.test(l.msg ?? ''));

async function count(surveyId) {
  const res = await fetch(`${collector.url}/v1/surveys/${surveyId}/report`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  return res.status === 404 ? 0 : (await res.json()).count;
}

test('Add to your site: refused origin explained, snippet pasted into a shop, Allow, and the kept answer arrives', async () => {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 1000 } });
  try {
    const site = await context.newPage();
    const errors = [];
    site.on('pageerror', (e) => errors.push(String(e)));
    await site.goto(`${collector.url}/dashboard/site.html?lang=en#token=${TOKEN}`);
    await site.waitForSelector('#app:not([hidden])');

    // The snippet: this collector's versioned loader with its integrity value, and the element.
    const { version, integrity, bundle } = await (await fetch(`${collector.url}/csat-survey.json`)).json();
    assert.equal(integrity, (await readFile(new URL('csat-survey.js.sri', DIST), 'utf8')).trim());
    await site.fill('#survey-id', 'shop-nps');
    await site.selectOption('#mode', 'inline');
    const snippet = await site.textContent('#snippet');
    assert.ok(snippet.includes(`src="${collector.url}/csat-survey@${version}.js"`), snippet);
    assert.ok(snippet.includes(`integrity="${integrity}"`));
    assert.ok(snippet.includes(`endpoint="${collector.url}/v1/responses"`));
    assert.ok(snippet.includes('survey-id="shop-nps"'));

    // Download: the one-file build, with its own integrity value in the hint.
    const href = await site.getAttribute('#download', 'href');
    assert.ok((await site.textContent('#download-hint')).includes(bundle.integrity));
    const served = Buffer.from(await (await fetch(new URL(href, collector.url))).arrayBuffer());
    assert.ok(
      served.equals(await readFile(new URL('csat-survey.bundle.js', DIST))),
      'the download is dist/csat-survey.bundle.js',
    );

    // The shop's origin is not allowed yet: said, with what to set.
    await site.fill('#origin', `${shopOrigin}/checkout?x=1`);
    await site.waitForSelector('#allow');
    const state = await site.textContent('#origin-state');
    assert.match(state, /may not send answers yet/);
    assert.ok(state.includes(`CSAT_ALLOWED_ORIGINS=${shopOrigin}`), state);
    await site.screenshot({ path: shotPath('add-to-site', 'en', 'refused', '1280px'), fullPage: true });

    // The snippet pasted into the shop: the survey shows; the answer is refused, kept, and explained.
    shopPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head><body><h1>Shop</h1>${snippet}
<script>window.events = []; addEventListener('csat-error', (e) => events.push(e.detail), true);</script></body></html>`;
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${shopOrigin}/`);
    await page.locator('csat-survey input[type=radio]').nth(9).click({ force: true });
    await page.waitForFunction(() => window.events.some((e) => e.code === 'origin-refused'), undefined, {
      timeout: 15_000,
    });
    const refused = (await page.evaluate(() => window.events)).find((e) => e.code === 'origin-refused');
    assert.equal(refused.status, 403);
    assert.ok(refused.message.includes(shopOrigin), refused.message);
    assert.equal(await page.evaluate(() => window.CsatSurvey.status.pending), 1, 'the answer is kept');
    assert.equal(await count('shop-nps'), 0, 'nothing stored');
    await page.evaluate(() => window.CsatSurvey.flush());
    assert.equal(refusalLogs().length, 1, 'the refusal is logged once a minute, with the fix');
    assert.match(refusalLogs()[0].msg, /CSAT_ALLOWED_ORIGINS/);

    // One click on Allow, and the answer waiting in the shop's browser arrives.
    await site.click('#allow');
    await site.waitForFunction(() => /is allowed now/.test(document.getElementById('status').textContent));
    assert.match(await site.textContent('#origin-state'), /may send answers to this collector/);
    assert.ok((await site.textContent('#origins')).includes(shopOrigin));
    await page.evaluate(() => window.CsatSurvey.flush());
    await page.waitForFunction(() => window.CsatSurvey.status.pending === 0, undefined, { timeout: 15_000 });
    assert.equal(await count('shop-nps'), 1);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('Add to your site in Persian on a 360 px phone: no sideways scroll; axe finds nothing in fa and en, light and dark', async () => {
  for (const [lang, colorScheme, width] of [
    ['fa', 'light', 360],
    ['fa', 'dark', 1280],
    ['en', 'light', 1280],
    ['en', 'dark', 360],
  ]) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme, bypassCSP: true });
    try {
      const page = await context.newPage();
      await page.goto(`${collector.url}/dashboard/site.html?lang=${lang}#token=${TOKEN}`);
      await page.waitForSelector('#app:not([hidden])');
      await page.fill('#origin', 'https://another-shop.example');
      await page.waitForSelector('#allow');
      const scroll = await page.evaluate(() => document.scrollingElement.scrollWidth);
      assert.ok(scroll <= width, `${lang} ${width}px scrolls sideways (${scroll})`);
      await page.addScriptTag({ path: AXE });
      const { violations } = await page.evaluate(() => window.axe.run());
      assert.deepEqual(
        violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
        [],
        `${lang} ${colorScheme}`,
      );
      await page.screenshot({ path: shotPath('add-to-site', lang, colorScheme, `${width}px`), fullPage: true });
    } finally {
      await context.close();
    }
  }
});
