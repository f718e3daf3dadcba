// End-to-end, displays (issue 13, response rate): a survey shown in a real page reaches the receiver
// once, in a request of its own; a receiver that refuses displays still gets every answer exactly
// once; a display the receiver could not take waits on the device for the next page; and from a real
// page to the real collector, a survey shown is a row in its displays table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { Writable } from 'node:stream';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answer, events, flush, logOf, openPage, readStore, status } from './browser.mjs';
import { e2eSuite, settle } from './harness.mjs';
import { startCollector } from '../../collector/dist/collector/main.js';
import { readConfig } from '../../collector/dist/collector/config.js';

const run = e2eSuite();
const DISPLAYS = 'csat-survey-displays';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every request of answers carries no displays, and every request of displays no answers. */
function assertApart(rx) {
  for (const r of rx.requests)
    assert.ok(!('displays' in (r.batch ?? {})), `request #${r.index} of answers has displays`);
  for (const r of rx.displayRequests)
    assert.ok(!('responses' in (r.batch ?? {})), `displays #${r.index} has responses`);
}

test(
  'each survey shown reaches the receiver once, in a request of displays of its own; hide() and show() add none',
  run(async ({ rx, context }) => {
    const page = await openPage(context, rx, { n: 3, survey: 'shown', touchpoint: 'checkout', extra: 'query' });
    await rx.waitForDisplays(3);
    const displays = rx.displays();
    assert.deepEqual(displays.map((d) => d.surveyId).sort(), ['shown-0', 'shown-1', 'shown-2']);
    for (const d of displays) {
      assert.equal(d.type, 'nps');
      assert.equal(d.touchpoint, 'checkout');
      assert.equal(d.locale, 'en');
      assert.deepEqual(d.page, { url: `${rx.origin}/page.html` }, 'the page URL without its query');
    }
    await page
      .locator('csat-survey')
      .first()
      .evaluate(async (el) => {
        el.hide();
        await el.updateComplete;
        el.show();
        await el.updateComplete;
      });
    await flush(page);
    await sleep(300);
    assert.equal((await events(page, 'csat-show')).length, 4, 'shown again');
    assert.equal(rx.displays().length, 3, 'no display for showing it again in the same page view');
    for (const d of displays) assert.equal(rx.timesDisplayKept(d.id), 1, `display ${d.id} kept once`);
    for (const r of rx.displayRequests) {
      assert.equal(r.status, 200, r.problem);
      assert.match(r.contentType, /^application\/json/);
    }
    assert.equal(rx.requests.length, 0, 'no request of answers');
    assert.deepEqual(await readStore(page, DISPLAYS, 'displays'), []);

    // A new page load is a new page view: each survey shown there counts again.
    await page.reload();
    await page.waitForFunction(() => window.CsatSurvey);
    await rx.waitForDisplays(6);
    assertApart(rx);
    assert.deepEqual(logOf(page).pageErrors, []);
  }),
);

test(
  'a receiver that refuses displays (400) still gets every answer exactly once; the displays are dropped and reported once',
  run(async ({ rx, context, pages }) => {
    rx.displaysFault = () => ({ status: 400 });
    const page = await openPage(context, rx, { n: 4, survey: 'refusing' });
    await rx.waitFor(() => rx.displayRequests.length >= 1, 15_000, 'a request of displays');
    const chosen = [];
    for (let element = 0; element < 4; element++) chosen.push((await answer(page, { element, index: element + 3 })).id);
    await settle({ rx, chosen, pages, page });
    await flush(page);
    const errors = (await events(page, 'csat-error')).map((e) => e.detail);
    assert.deepEqual(
      errors.map((e) => [e.code, e.status, e.endpoint]),
      [['displays-refused', 400, '/collect']],
    );
    const s = await status(page);
    assert.equal(s.displaysDropped, 4, 'each survey shown, dropped');
    assert.equal(s.displaysPending, 0);
    assert.equal(s.refused, 0, 'no answer refused');
    assert.deepEqual(await readStore(page, DISPLAYS, 'displays'), []);
    assert.deepEqual(await readStore(page, 'csat-survey-dead-letters'), [], 'displays are never dead letters');
    assert.equal(rx.displays().length, 0);
    assertApart(rx);
  }),
);

test(
  'a display the receiver could not take (503) waits on the device, and arrives from the next page',
  run(async ({ rx, context }) => {
    rx.displaysFault = () => ({ status: 503 });
    const first = await openPage(context, rx, { survey: 'later' });
    await rx.waitFor(() => rx.displayRequests.length >= 1, 15_000, 'a request of displays');
    const [stored] = await readStore(first, DISPLAYS, 'displays');
    assert.equal(stored?.value.display.surveyId, 'later');
    await first.close({ runBeforeUnload: false });
    await sleep(1000); // let the send at page hide meet the 503 too
    rx.displaysFault = undefined;
    // A page without any survey: the script sends what earlier pages left, after its backoff wait.
    const next = await openPage(context, rx, { n: 0 });
    await rx.waitForDisplays(1, 30_000);
    assert.equal(rx.displays()[0].id, stored.key);
    assert.equal(rx.timesDisplayKept(stored.key), 1);
    await next.waitForFunction(() => window.CsatSurvey.status.displaysPending === 0);
  }),
);

test('from a real page to the real collector: a survey shown is a row in its displays table, once', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'csat-displays-e2e-'));
  let shopPage = '';
  const shop = createServer((req, res) => {
    if (req.url === '/favicon.ico') return res.writeHead(204).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(shopPage);
  });
  await new Promise((resolve) => shop.listen(0, '127.0.0.1', resolve));
  const shopOrigin = `http://127.0.0.1:${shop.address().port}`;
  const collector = await startCollector(
    readConfig({
      PORT: '0',
      CSAT_DATA_DIR: dataDir,
      CSAT_ADMIN_TOKEN: 'displays-e2e-admin-token-0123456789-abc',
      CSAT_ALLOWED_ORIGINS: shopOrigin,
      CSAT_LOG_LEVEL: 'warn',
    }),
    { logStream: new Writable({ write: (_chunk, _encoding, done) => done() }) },
  );
  shopPage = `<!doctype html><html lang="fa"><title>shop</title>
<script src="${collector.url}/csat-survey.js"></script>
<csat-survey type="csat" survey-id="shop-displays" touchpoint="checkout" comment="off"
  endpoint="${collector.url}/v1/responses"></csat-survey>`;
  const { launch } = await import('./browser.mjs');
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${shopOrigin}/checkout/done?order=42`);
    const query = () => collector.db.query('SELECT * FROM displays');
    for (const until = Date.now() + 15_000; !(await query()).length;) {
      assert.ok(Date.now() < until, 'no display reached the collector');
      await sleep(100);
    }
    const [row] = await query();
    assert.equal(row.survey_id, 'shop-displays');
    assert.equal(row.type, 'csat');
    assert.equal(row.locale, 'fa');
    assert.equal(row.touchpoint, 'checkout');
    assert.equal(row.page_url, `${shopOrigin}/checkout/done`);
    assert.ok(Math.abs(new Date(row.shown_at).getTime() - Date.now()) < 60_000);

    // Listed before any answer, with count 0; then answered: one answer, and still one display.
    const list = async () =>
      (
        await (
          await fetch(`${collector.url}/v1/surveys`, {
            headers: { authorization: 'Bearer displays-e2e-admin-token-0123456789-abc' },
          })
        ).json()
      ).surveys;
    assert.deepEqual(await list(), [{ surveyId: 'shop-displays', type: 'csat', count: 0, lastAnsweredAt: null }]);
    const delivered = page.evaluate(
      () => new Promise((resolve) => document.addEventListener('csat-delivered', resolve, { once: true })),
    );
    // A click, not check(): with comment="off" the thank-you may replace the radios before check() looks again.
    await page.locator('csat-survey input[type=radio]').nth(4).click({ force: true });
    await delivered;
    await page.evaluate(() => window.CsatSurvey.flush());
    assert.equal((await list())[0].count, 1);
    assert.equal((await query()).length, 1, 'the display is stored once');
    const [answerRow] = await collector.db.query('SELECT * FROM responses');
    assert.notEqual(answerRow.id, row.id, 'the display and the answer share no id');
    assert.equal(await page.evaluate(() => window.CsatSurvey.status.displaysDelivered), 1);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await collector.close();
    await new Promise((resolve) => shop.close(resolve));
    await rm(dataDir, { recursive: true, force: true });
  }
});
