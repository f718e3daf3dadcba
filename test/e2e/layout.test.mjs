// The scale as visitors see it: every type and display, Persian and English, inline and popover,
// on phones (320–412 px, touch) and desktops, light and dark. Asserted from geometry; every render
// is also kept as a screenshot under .test-results/screenshots/layout/ for a person to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { e2eSuite } from './harness.mjs';
import { logOf } from './browser.mjs';
import {
  PHONES,
  VARIANTS,
  WIDTHS,
  layoutProblems,
  measure,
  servePage,
  shotPath,
  surveyPage,
  waitForSurveys,
} from './layout.mjs';

const run = e2eSuite();

const SUBJECT = { fa: 'فروشگاه ما', en: 'our shop' };

/** The cases: every width in light, and phones' most common width and a desktop in dark too. */
const cases = [];
for (const lang of ['fa', 'en']) {
  for (const mode of ['inline', 'popover']) {
    for (const width of WIDTHS) {
      cases.push({ lang, mode, width, theme: 'light' });
      if (width === 360 || width === 1280) cases.push({ lang, mode, width, theme: 'dark' });
    }
  }
}

const summary = { cases: 0, failures: 0 };

/** Each page is a new visit: the visit's one popover (README, Never nag) is not used up by the page before. */
const newVisit = () => {
  try {
    sessionStorage.removeItem('csat-survey-popovers');
  } catch {
    // A page without storage (about:blank).
  }
};

test(
  'layout: equal cells of at least 24 px, intended rows only, end labels at the ends, nothing overflowing',
  run(
    async ({ rx, context }) => {
      const failures = [];
      for (const { lang, mode, width, theme } of cases) {
        const phone = PHONES.includes(width);
        const page = await context.newPage();
        await page.setViewportSize({ width, height: phone ? 740 : 900 });
        // One popover per page view: one page per popover survey; inline surveys share a page.
        const groups = mode === 'popover' ? VARIANTS.map((v) => [v]) : [VARIANTS];
        for (const [g, group] of groups.entries()) {
          const path = `/layout-${lang}-${mode}-${theme}-${width}-${g}.html`;
          const html = surveyPage({
            lang,
            surveys: group.map((v) => ({
              type: v.type,
              display: v.display,
              'survey-id': `layout-${v.name}`,
              endpoint: '/collect',
              subject: SUBJECT[lang],
              mode,
              theme,
            })),
            css: theme === 'dark' ? 'html { background: #0d1117; color: #e6edf3; }' : '',
          });
          await servePage(context, rx, path, html);
          await page.goto(`${rx.origin}${path}`);
          await waitForSurveys(page, group.length);
          for (const [i, variant] of group.entries()) {
            const m = await measure(page, i);
            const problems = layoutProblems(m, variant);
            if (mode === 'popover' && m.popover) {
              const p = m.popover;
              if (p.left < -0.5 || p.right > width + 0.5 || p.top < -0.5 || p.bottom > m.viewport.height + 0.5)
                problems.push('the popover is outside the viewport');
            }
            summary.cases++;
            const label = `${variant.name} ${lang} ${mode} ${theme} ${width}px`;
            if (problems.length) {
              summary.failures++;
              failures.push(`${label}: ${problems.join('; ')}`);
            }
            const file = shotPath('layout', variant.name, lang, mode, theme, `${width}px`);
            if (mode === 'popover') await page.screenshot({ path: file });
            else await page.locator('csat-survey').nth(i).screenshot({ path: file });
          }
          assert.deepEqual(logOf(page).pageErrors, [], `${path}: uncaught errors`);
        }
        await page.close();
      }
      console.log(`layout matrix: ${summary.cases} cases, ${summary.failures} failures`);
      assert.deepEqual(failures, []);
    },
    { init: [newVisit] },
  ),
);
