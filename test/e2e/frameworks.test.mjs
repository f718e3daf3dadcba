// The example apps in demo/react (React 19) and demo/vue (Vue 3), built by this test against the built
// package and exercised in Chromium: properties passed through the framework arrive in the POSTed answer
// and on screen, the framework's handlers receive the events, re-renders neither re-create the element
// nor send twice, and unmounting leaves no element, no listener and no error behind.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { e2eSuite, settle } from './harness.mjs';
import { logOf } from './browser.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = e2eSuite();

const FRAMEWORKS = [
  {
    name: 'React 19',
    dir: 'react',
    surveyId: 'react-example',
    question: 'How likely are you to recommend our React example to a friend?',
  },
  {
    name: 'Vue 3',
    dir: 'vue',
    surveyId: 'vue-example',
    question: 'How likely are you to recommend our Vue example to a friend?',
  },
];

before(async () => {
  for (const { dir } of FRAMEWORKS) {
    await build({ configFile: `${root}demo/${dir}/vite.config.ts`, logLevel: 'error' });
  }
});

/** The events the app's own handlers received, in order, as { name, text }. */
const received = (page) =>
  page.$$eval('#events li', (items) =>
    items.map((li) => ({ name: li.dataset.event, text: li.textContent.replace(/^[^:]+: /, '') })),
  );

const surveyCount = (page) => page.evaluate(() => document.querySelectorAll('csat-survey').length);

async function clickScore(page, score) {
  await page.locator('csat-survey input[type=radio]').nth(score).click();
}

for (const framework of FRAMEWORKS) {
  test(
    `${framework.name}: properties, events, re-renders and unmounting`,
    run(async ({ rx, context, pages }) => {
      const page = await context.newPage();
      const log = logOf(page);
      await page.goto(`${rx.origin}/dist/examples/${framework.dir}/index.html?endpoint=/collect`);

      // `strings` passed as a framework prop is what the survey shows; csat-show reached the app's handler.
      const legend = page.locator('csat-survey [part~="question"]');
      await legend.waitFor();
      assert.equal((await legend.textContent()).trim(), framework.question);
      await page.locator('#events li[data-event="csat-show"]').waitFor();

      // Re-render the parent: the same element stays, its metadata follows the framework's state.
      await page.evaluate(() => {
        document.querySelector('csat-survey').dataset.marker = 'first';
      });
      for (let i = 0; i < 3; i++) await page.click('#rerender');
      await page.locator('#rerender', { hasText: '(3)' }).waitFor();
      assert.equal(await surveyCount(page), 1);
      assert.equal(
        await page.evaluate(() => document.querySelector('csat-survey').dataset.marker),
        'first',
        'the element was not re-created by the re-renders',
      );
      assert.deepEqual(await page.evaluate(() => document.querySelector('csat-survey').metadata), {
        framework: framework.dir,
        plan: 'pro',
        renders: 3,
      });

      // An answer: the handler ran once (not once per render), and the POSTed answer carries the metadata.
      await clickScore(page, 9);
      await page.locator('#events li[data-event="csat-delivered"]').waitFor();
      const events = await received(page);
      const answers = events.filter((e) => e.name === 'csat-answer');
      assert.equal(answers.length, 1, `one csat-answer reached the app: ${JSON.stringify(events)}`);
      const [score, id] = answers[0].text.split(' ');
      assert.equal(score, '9');
      assert.equal(events.filter((e) => e.name === 'csat-submit').length, 1);
      assert.ok(
        events
          .find((e) => e.name === 'csat-delivered')
          .text.split(' ')
          .includes(id),
      );
      await rx.waitForIds([id]);
      const sent = rx.responses().find((r) => r.id === id);
      assert.deepEqual(sent.metadata, { framework: framework.dir, plan: 'pro', renders: 3 });
      assert.equal(sent.surveyId, framework.surveyId);
      assert.equal(sent.score, 9);

      // More re-renders after the answer send nothing more.
      for (let i = 0; i < 3; i++) await page.click('#rerender');
      await page.locator('#rerender', { hasText: '(6)' }).waitFor();

      // Unmount: no element is left, and nothing reaches the app's handlers any more.
      const before = (await received(page)).length;
      await page.evaluate(() => {
        window.firstSurvey = new WeakRef(document.querySelector('csat-survey'));
      });
      await page.click('#toggle');
      await page.waitForFunction(() => document.querySelectorAll('csat-survey').length === 0);
      await page.evaluate(() => {
        // An event from a detached survey element must not reach the unmounted handlers.
        document.dispatchEvent(new CustomEvent('csat-answer', { detail: { score: 1, id: 'stray' }, bubbles: true }));
      });
      // Remount: a new element, rendered again, with the framework's current state. The visitor has
      // answered, so an inline survey shows its thank-you rather than asking again.
      await page.click('#toggle');
      await page.locator('csat-survey [part~="status"]', { hasText: 'Thank you' }).waitFor();
      assert.equal(await legend.count(), 0, 'the question is not asked again');
      assert.equal(await surveyCount(page), 1);
      assert.equal(await page.evaluate(() => document.querySelector('csat-survey').dataset.marker), undefined);
      assert.deepEqual(await page.evaluate(() => document.querySelector('csat-survey').metadata), {
        framework: framework.dir,
        plan: 'pro',
        renders: 6,
      });
      const after = await received(page);
      assert.ok(
        after.slice(before).every((e) => e.name === 'csat-show'),
        `at most the remounted survey's csat-show arrived: ${JSON.stringify(after.slice(before))}`,
      );

      // The unmounted element is garbage: nothing (the framework, the survey's own listeners) holds on to it.
      const cdp = await context.newCDPSession(page);
      let collected = false;
      for (let i = 0; i < 10 && !collected; i++) {
        await cdp.send('HeapProfiler.collectGarbage');
        collected = await page.evaluate(() => window.firstSurvey.deref() === undefined);
        if (!collected) await new Promise((r) => setTimeout(r, 200));
      }
      assert.ok(collected, 'the unmounted <csat-survey> was garbage-collected');

      // Nothing is sent again.
      const requestsBefore = rx.requests.length;
      await page.click('#flush');
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(rx.requests.length, requestsBefore, 'nothing was sent again after unmount and remount');
      assert.equal(rx.timesKept(id, 1), 1, 'the answer was kept exactly once');

      assert.deepEqual(log.consoleErrors, [], 'no console errors');
      await settle({ rx, chosen: [id], pages, page });
    }),
  );
}
