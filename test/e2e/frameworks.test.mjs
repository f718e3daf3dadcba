// The example apps in demo/react (React 19), demo/vue (Vue 3), demo/angular (Angular 21) and demo/svelte
// (SvelteKit 2 with Svelte 5, rendered on the server per request, then hydrated), built by this test against the
// built package and exercised in Chromium: properties passed through the framework arrive in the POSTed answer
// and on screen, the framework's handlers receive the events, re-renders neither re-create the element nor send
// twice, unmounting leaves no element, no listener and no error behind, and `include-query` bound to a boolean
// through the framework sends the page's query string only when on (the pages are opened with one).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';
import { e2eSuite, settle } from './harness.mjs';
import { logOf } from './browser.mjs';
import { startKitHost } from './kit-host.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = e2eSuite();

/** The query every example page is opened with: the endpoint, and what include-query must leave out when off. */
const QUERY = '?endpoint=/collect&utm_source=review&secret=1';

const viteBuild = (dir) => () => build({ configFile: `${root}demo/${dir}/vite.config.ts`, logLevel: 'error' });
/** A static build, served by the receiver. */
const fromReceiver = (dir) => async (rx) => ({ url: `${rx.origin}/dist/examples/${dir}/index.html`, close() {} });

let kitHandler;
/** SvelteKit reads its config from the working directory: its build runs in demo/svelte. */
function buildSvelteKit() {
  const vite = `${root}node_modules/vite/bin/vite.js`;
  const result = spawnSync(process.execPath, [vite, 'build'], { cwd: `${root}demo/svelte`, encoding: 'utf8' });
  assert.equal(result.status, 0, `the SvelteKit build failed:\n${result.stdout}${result.stderr}`);
}
/** The SvelteKit app's Node server, rendering each request; POST /collect goes on to the receiver. */
async function fromKitHost(rx) {
  kitHandler ??= (await import(pathToFileURL(`${root}dist/examples/svelte/handler.js`).href)).handler;
  const host = await startKitHost({ handler: kitHandler, rx });
  return { url: `${host.origin}/demo/svelte/`, close: host.close };
}

const FRAMEWORKS = [
  {
    name: 'React 19',
    dir: 'react',
    surveyId: 'react-example',
    question: 'How likely are you to recommend our React example to a friend?',
    build: viteBuild('react'),
    serve: fromReceiver('react'),
  },
  {
    name: 'Vue 3',
    dir: 'vue',
    surveyId: 'vue-example',
    question: 'How likely are you to recommend our Vue example to a friend?',
    build: viteBuild('vue'),
    serve: fromReceiver('vue'),
  },
  {
    name: 'Angular 21',
    dir: 'angular',
    surveyId: 'angular-example',
    question: 'How likely are you to recommend our Angular example to a friend?',
    build: viteBuild('angular'),
    serve: fromReceiver('angular'),
  },
  {
    name: 'SvelteKit 2 (Svelte 5, server-rendered)',
    dir: 'svelte',
    surveyId: 'svelte-example',
    question: 'How likely are you to recommend our Svelte example to a friend?',
    build: buildSvelteKit,
    serve: fromKitHost,
    serverRendered: true,
  },
];

// Four production builds (about half a minute here): more than a test's own time limit may allow.
before(
  async () => {
    for (const framework of FRAMEWORKS) await framework.build();
  },
  { timeout: 600_000 },
);

/** Opens the app with QUERY; returns the page and its URL without the query. The app's server closes with the test. */
async function openApp(framework, { rx, context, t }) {
  const server = await framework.serve(rx);
  t.after(() => server.close());
  const page = await context.newPage();
  const log = logOf(page);
  if (framework.serverRendered) {
    // The first <csat-survey> the HTML parser makes: hydration must adopt it, not replace it.
    await page.addInitScript(() => {
      new MutationObserver((records, observer) => {
        const found = records.flatMap((r) => [...r.addedNodes]).find((n) => n.nodeName === 'CSAT-SURVEY');
        if (found) {
          window.parsedSurvey = found;
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
  }
  await page.goto(server.url + QUERY);
  const { origin, pathname } = new URL(page.url());
  return { page, log, pageUrl: origin + pathname };
}

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
    run(async ({ rx, context, pages, t }) => {
      const { page, log, pageUrl } = await openApp(framework, { rx, context, t });

      // `strings` passed as a framework prop is what the survey shows; csat-show reached the app's handler.
      const legend = page.locator('csat-survey [part~="question"]');
      await legend.waitFor();
      assert.equal((await legend.textContent()).trim(), framework.question);
      await page.locator('#events li[data-event="csat-show"]').waitFor();
      if (framework.serverRendered) {
        // The server sent the element with its attributes; hydration kept that element.
        const html = await (await fetch(page.url())).text();
        assert.match(
          html,
          /<csat-survey type="nps" survey-id="svelte-example" endpoint="\/collect"[^>]* include-query="false"/,
        );
        assert.ok(
          await page.evaluate(() => window.parsedSurvey === document.querySelector('csat-survey')),
          'the server-rendered element was hydrated, not replaced',
        );
        await page.evaluate(() => delete window.parsedSurvey);
      }

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
      // include-query is bound to false: the page's query string is not sent.
      assert.equal(await page.evaluate(() => document.querySelector('csat-survey').includeQuery), false);
      assert.equal(sent.page.url, pageUrl, 'include-query off sends no query string');

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

  test(
    `${framework.name}: include-query bound through the framework, off and on`,
    run(async ({ rx, context, pages, t }) => {
      const { page, log, pageUrl } = await openApp(framework, { rx, context, t });
      const includeQuery = () => page.evaluate(() => document.querySelector('csat-survey').includeQuery);
      await page.locator('csat-survey [part~="question"]').waitFor();
      assert.equal(await includeQuery(), false);
      // On, off and on again: each change goes through the framework's binding to the element.
      for (const on of [true, false, true]) {
        await page.click('#include-query');
        await page.waitForFunction((on) => document.querySelector('csat-survey').includeQuery === on, on);
      }
      const attribute = await page.evaluate(() => document.querySelector('csat-survey').getAttribute('include-query'));
      await clickScore(page, 7);
      await page.locator('#events li[data-event="csat-delivered"]').waitFor();
      const [, id] = (await received(page)).find((e) => e.name === 'csat-answer').text.split(' ');
      await rx.waitForIds([id]);
      const sent = rx.responses().find((r) => r.id === id);
      assert.equal(
        sent.page.url,
        pageUrl + QUERY,
        `include-query on (attribute ${JSON.stringify(attribute)}) sends it`,
      );
      assert.deepEqual(log.consoleErrors, [], 'no console errors');
      await settle({ rx, chosen: [id], pages, page });
    }),
  );
}
