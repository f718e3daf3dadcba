// Time from a click on a score to the answer being durable in IndexedDB, measured inside the page:
// `csat-answer` fires once the record is committed, and its time is compared with the click's
// event timestamp (both on the page's performance.now() clock).
import { clickScore, openPage } from '../test/e2e/browser.mjs';

export async function clickToDurable(context, rx, clicks = 50) {
  const page = await openPage(context, rx, { survey: 'bench-click', n: clicks });
  const times = [];
  for (let element = 0; element < clicks; element++) {
    const before = await page.evaluate(() => window.e2e.events.length);
    await clickScore(page, { element, index: element % 11 });
    const handle = await page.waitForFunction(
      (before) => window.e2e.events.slice(before).find((e) => e.type === 'csat-answer')?.sinceClick,
      before,
    );
    times.push(await handle.jsonValue());
  }
  const storage = await page.evaluate(() => window.CsatSurvey.status?.storage);
  await page.close();
  return { times, storage };
}
