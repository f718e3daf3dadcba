// How the survey looks as visitors use it: stars that fill as the pointer moves, faces that differ at
// a glance, keyboard focus that never looks like a saved answer, the site's own font, and what an
// answered survey shows later. Asserted from computed styles and boxes; screenshots are kept under
// .test-results/screenshots/ for a person to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { e2eSuite } from './harness.mjs';
import { logOf } from './browser.mjs';
import { servePage, serveVendor, shotPath, surveyPage, waitForSurveys } from './layout.mjs';

const run = e2eSuite();

/** WCAG contrast ratio of two computed `rgb()` colours. */
function contrast(a, b) {
  const lum = (color) => {
    const [r, g, b2] = color
      .match(/[\d.]+/g)
      .slice(0, 3)
      .map((c) => {
        const v = Number(c) / 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b2;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Per option: its box, whether it looks saved, and the computed paint of its picture. */
const options = (page) =>
  page.evaluate(() => {
    const root = document.querySelector('csat-survey').shadowRoot;
    const card = getComputedStyle(root.querySelector('[part~="base"]'));
    return {
      cardBackground: card.backgroundColor,
      options: [...root.querySelectorAll('.option')].map((o) => {
        const mark = o.querySelector('.mark');
        const m = getComputedStyle(mark);
        const star = o.querySelector('.star');
        const disc = o.querySelector('.disc');
        const r = o.getBoundingClientRect();
        return {
          value: Number(o.querySelector('input').value),
          x: r.left + r.width / 2,
          saved: o.classList.contains('saved'),
          background: m.backgroundColor,
          border: m.borderTopColor,
          outline: m.outlineStyle,
          color: m.color,
          fill: star ? getComputedStyle(star).fill : disc ? getComputedStyle(disc).fill : undefined,
          stroke: star ? getComputedStyle(star).stroke : disc ? getComputedStyle(disc).stroke : undefined,
          features: o.querySelector('.features')?.innerHTML,
        };
      }),
    };
  });

const transparent = (c) => c === 'rgba(0, 0, 0, 0)' || c === 'transparent';

async function openSurvey(context, rx, page, name, lang, attributes) {
  const path = `/${name}-${lang}.html`;
  await servePage(
    context,
    rx,
    path,
    surveyPage({ lang, surveys: [{ 'survey-id': `${name}-${lang}`, endpoint: '/collect', lang, ...attributes }] }),
  );
  await page.goto(`${rx.origin}${path}`);
  await waitForSurveys(page, 1);
}

test(
  'stars: hover fills 1..n (mirrored in RTL), the chosen stars are gold with a darker stroke at 3:1, no box around them',
  run(async ({ rx, context }) => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 412, height: 500 });
    for (const lang of ['fa', 'en']) {
      for (const theme of ['light', 'dark']) {
        await openSurvey(context, rx, page, `stars-${theme}`, lang, { type: 'csat', display: 'stars', theme });
        const star = (v) => page.locator('csat-survey .option').nth(v - 1);
        await star(3).hover();
        await page.waitForTimeout(250);
        const hovered = await options(page);
        const lit = hovered.options.filter((o) => o.fill !== 'none').map((o) => o.value);
        assert.deepEqual(lit, [1, 2, 3], `${lang} ${theme}: hovering star 3 fills 1–3`);
        const litX = hovered.options.filter((o) => o.value <= 3).map((o) => o.x);
        const darkX = hovered.options.filter((o) => o.value > 3).map((o) => o.x);
        if (lang === 'fa')
          assert.ok(Math.min(...litX) > Math.max(...darkX), 'in RTL the filled stars are on the right');
        else assert.ok(Math.max(...litX) < Math.min(...darkX), 'in LTR the filled stars are on the left');
        assert.ok(
          hovered.options.every((o) => !o.saved),
          'hovering saves nothing',
        );
        await page.locator('csat-survey').screenshot({ path: shotPath('stars', 'hover-3', lang, theme) });

        await star(4).click();
        await page.waitForFunction(
          () => document.querySelector('csat-survey').shadowRoot.querySelectorAll('.option.saved').length === 4,
        );
        await page.mouse.move(2, 2);
        await page.waitForTimeout(250);
        const chosen = await options(page);
        const gold = chosen.options.filter((o) => o.saved);
        assert.deepEqual(
          gold.map((o) => o.value),
          [1, 2, 3, 4],
        );
        for (const o of gold) {
          assert.equal(o.fill, 'rgb(245, 179, 1)', `${lang} ${theme}: a chosen star is gold`);
          assert.ok(
            contrast(o.stroke, chosen.cardBackground) >= 3,
            `${lang} ${theme}: the stroke has 3:1 (${o.stroke})`,
          );
          assert.ok(transparent(o.background) && transparent(o.border), 'no box around a chosen star');
        }
        const empty = chosen.options.filter((o) => !o.saved);
        for (const o of empty) assert.ok(contrast(o.stroke, chosen.cardBackground) >= 3, 'empty stars have 3:1');
        await page.locator('csat-survey').screenshot({ path: shotPath('stars', 'chosen-4', lang, theme) });
      }
    }
    assert.deepEqual(logOf(page).pageErrors, []);
  }),
);

test(
  'faces: five faces that differ in eyes or brows as well as the mouth, a tint on hover, a solid disc once chosen',
  run(async ({ rx, context }) => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 412, height: 500 });
    for (const lang of ['fa', 'en']) {
      for (const theme of ['light', 'dark']) {
        await openSurvey(context, rx, page, `faces-${theme}`, lang, { type: 'csat', display: 'faces', theme });
        const { options: faces, cardBackground } = await options(page);
        const withoutMouth = (features) => features.replace(/<path[^>]*>(<\/path>)?(<!---->)*$/, '');
        assert.equal(new Set(faces.map((f) => f.features)).size, 5, 'five different faces');
        for (const [a, b] of [
          [0, 1],
          [3, 4],
        ]) {
          assert.notEqual(
            withoutMouth(faces[a].features),
            withoutMouth(faces[b].features),
            `faces ${a + 1} and ${b + 1} differ beyond the mouth`,
          );
        }
        await page.locator('csat-survey').screenshot({ path: shotPath('faces', lang, theme) });
        const tints = [];
        for (let v = 1; v <= 5; v++) {
          await page
            .locator('csat-survey .option')
            .nth(v - 1)
            .hover();
          await page.waitForTimeout(200);
          const now = (await options(page)).options[v - 1];
          assert.notEqual(now.color, faces[v - 1].color, `face ${v} takes a tint on hover`);
          assert.ok(contrast(now.color, cardBackground) >= 3, `face ${v}'s tint has 3:1 on ${theme}`);
          tints.push(now.color);
          if (v === 1)
            await page.locator('csat-survey').screenshot({ path: shotPath('faces', 'hover-1', lang, theme) });
        }
        assert.equal(new Set(tints).size, 5, 'each face has its own tint');
        await page.locator('csat-survey .option').nth(4).click();
        await page.waitForFunction(() =>
          document.querySelector('csat-survey').shadowRoot.querySelector('.option.saved'),
        );
        await page.mouse.move(2, 2);
        await page.waitForTimeout(250);
        const chosen = (await options(page)).options[4];
        assert.equal(chosen.saved, true);
        assert.equal(chosen.fill, tints[4], 'the chosen face is a solid disc in its tint');
        assert.ok(transparent(chosen.background) && transparent(chosen.border), 'no box around the chosen face');
        await page.locator('csat-survey').screenshot({ path: shotPath('faces', 'chosen-5', lang, theme) });
      }
    }
    assert.deepEqual(logOf(page).pageErrors, []);
  }),
);

test(
  'keyboard: arrows show a focus ring that never looks like the saved answer; Space saves it',
  run(async ({ rx, context }) => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 412, height: 500 });
    for (const lang of ['fa', 'en']) {
      await openSurvey(context, rx, page, 'keyboard', lang, { type: 'nps' });
      const before = rx.requests.length;
      await page.keyboard.press('Tab'); // the close button
      await page.keyboard.press('Tab'); // the scale, on 0
      for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowDown');
      await page.waitForTimeout(250);
      const focused = await options(page);
      const eight = focused.options[8];
      assert.notEqual(eight.outline, 'none', 'a ring on the focused option');
      assert.equal(eight.background, focused.options[3].background, 'and no fill');
      assert.ok(
        focused.options.every((o) => !o.saved),
        'nothing saved',
      );
      assert.equal(rx.requests.length, before, 'nothing sent');
      await page.locator('csat-survey').screenshot({ path: shotPath('keyboard', 'focus-8', lang) });
      await page.keyboard.press('Space');
      await page.waitForFunction(() => document.querySelector('csat-survey').shadowRoot.querySelector('.option.saved'));
      await page.waitForTimeout(250);
      const saved = await options(page);
      assert.equal(saved.options[8].saved, true);
      assert.notEqual(saved.options[8].background, saved.options[3].background, 'the saved answer is filled');
      await page.locator('csat-survey').screenshot({ path: shotPath('keyboard', 'saved-8', lang) });
    }
    assert.deepEqual(logOf(page).pageErrors, []);
  }),
);

/** The platform fonts Chromium used for the text inside `selector` of the survey's shadow root. */
async function platformFonts(context, page, selector) {
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const { result } = await cdp.send('Runtime.evaluate', {
      expression: `document.querySelector('csat-survey').shadowRoot.querySelector(${JSON.stringify(selector)})`,
    });
    const { nodeId } = await cdp.send('DOM.requestNode', { objectId: result.objectId });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts.map((f) => f.familyName);
  } finally {
    await cdp.detach();
  }
}

const VAZIRMATN = `@font-face {
  font-family: Vazirmatn;
  src: url('/vendor/vazirmatn/fonts/webfonts/Vazirmatn%5Bwght%5D.woff2') format('woff2');
  font-weight: 100 900;
}`;

test(
  'the site font: a page set in Vazirmatn shows the survey in Vazirmatn; a page with no font gets the language stack',
  run(async ({ rx, context }) => {
    await serveVendor(context, rx);
    const page = await context.newPage();
    await page.setViewportSize({ width: 412, height: 600 });
    const survey = { type: 'nps', 'survey-id': 'font', endpoint: '/collect', subject: 'دیجی‌کالا' };
    await servePage(
      context,
      rx,
      '/font-vazirmatn.html',
      surveyPage({
        lang: 'fa',
        surveys: [survey],
        css: `${VAZIRMATN} body { font-family: Vazirmatn, sans-serif; }`,
        body: '<p>این صفحه با وزیرمتن نوشته شده است.</p>',
      }),
    );
    await page.goto(`${rx.origin}/font-vazirmatn.html`);
    await waitForSurveys(page, 1);
    await page.evaluate(() => document.fonts.ready);
    const family = await page.evaluate(
      () => getComputedStyle(document.querySelector('csat-survey').shadowRoot.querySelector('.base')).fontFamily,
    );
    assert.ok(family.startsWith('Vazirmatn, Vazirmatn, Vazir'), `the page's font first: ${family}`);
    for (const selector of ['legend', '.mark', '#low-label']) {
      assert.deepEqual(
        await platformFonts(context, page, selector),
        ['Vazirmatn'],
        `${selector} is drawn in Vazirmatn`,
      );
    }
    await page.screenshot({ path: shotPath('font', 'vazirmatn', 'nps', 'fa') });

    await servePage(context, rx, '/font-none.html', surveyPage({ lang: 'fa', surveys: [survey] }));
    await page.goto(`${rx.origin}/font-none.html`);
    await waitForSurveys(page, 1);
    const fallback = await page.evaluate(
      () => getComputedStyle(document.querySelector('csat-survey').shadowRoot.querySelector('.base')).fontFamily,
    );
    assert.equal(fallback, 'Vazirmatn, Vazir, IRANSansX, IRANSans, "Noto Sans Arabic", Tahoma, system-ui, sans-serif');
    const used = await platformFonts(context, page, 'legend');
    assert.equal(used.length, 1, `one font draws the question: ${used}`);
    await page.screenshot({ path: shotPath('font', 'none', 'nps', 'fa') });
    assert.deepEqual(logOf(page).pageErrors, []);
  }),
);

test(
  'after the answer: the thank-you for the rest of the visit, then nothing in a new visit; after-answer="thanks" keeps it',
  run(async ({ rx, context }) => {
    const page = await context.newPage();
    for (const [afterAnswer, later] of [
      ['hide', 'nothing'],
      ['thanks', 'thanks'],
    ]) {
      const path = `/after-${afterAnswer}.html`;
      await servePage(
        context,
        rx,
        path,
        surveyPage({
          lang: 'en',
          surveys: [
            {
              type: 'csat',
              'survey-id': `after-${afterAnswer}`,
              endpoint: '/collect',
              comment: 'off',
              'after-answer': afterAnswer,
            },
          ],
        }),
      );
      const shows = (p) =>
        p.evaluate(() => {
          // A survey that will not show is not loaded at all: no element code, no shadow root.
          const root = document.querySelector('csat-survey').shadowRoot;
          if (!root) return 'nothing';
          if (root.querySelector('.option')) return 'scale';
          if (root.querySelector('.status.thanks')) return 'thanks';
          return root.querySelector('.base') ? 'other' : 'nothing';
        });
      await page.goto(`${rx.origin}${path}`);
      await waitForSurveys(page, 1);
      await page.locator('csat-survey .option').nth(4).click();
      await page.waitForFunction(() =>
        document.querySelector('csat-survey').shadowRoot.querySelector('.status.thanks'),
      );
      await page.reload();
      await page.waitForTimeout(500);
      assert.equal(await shows(page), 'thanks', 'the next page view of the same visit says thank you');
      // A new tab is a new visit (its own sessionStorage), with the same IndexedDB.
      const other = await context.newPage();
      await other.goto(`${rx.origin}${path}`);
      await other.waitForTimeout(800);
      assert.equal(await shows(other), later, `a new visit with after-answer="${afterAnswer}"`);
      if (later === 'nothing') {
        const height = await other.evaluate(() => document.querySelector('csat-survey').getBoundingClientRect().height);
        assert.equal(height, 0, 'and takes no room on the page');
      }
      await other.close();
    }
    assert.deepEqual(logOf(page).pageErrors, []);
  }),
);
