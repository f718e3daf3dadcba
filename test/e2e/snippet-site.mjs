// A web site for a README snippet, in Chromium: the browser context answers every request itself
// (playwright routes), so a snippet runs exactly as written, with no URL rewritten:
//   - pages and files come from `https://shop.example` (the README's example shop), with the response
//     headers a check gives the page (a Content-Security-Policy, say);
//   - the script-tag file is served at the path the snippet names (`/assets/csat-survey.js`), from
//     the packed package;
//   - the endpoints the snippet names (`https://collect.example.com/v1/responses`, `/v1/responses`)
//     are answered by the loopback receiver of the end-to-end suite (receiver.mjs), which checks the
//     wire format and keeps the answers; a cross-origin endpoint gets the CORS headers a receiver
//     sends (the browser's preflight is answered by playwright);
//   - any other request is refused and reported: a snippet makes no third-party request.
import { extname } from 'node:path';

export const SITE = 'https://shop.example';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

/** A whole page around an html snippet that is only the part one pastes into a page. */
export const asPage = (html) =>
  /^\s*<(!doctype|html)/i.test(html)
    ? html
    : `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>README snippet</title>\n</head>\n<body>\n${html}</body>\n</html>\n`;

/**
 * Routes every request of `context`. `files` maps a path of the site to { body, headers? };
 * `endpoints` are the endpoint URLs as the snippet writes them (absolute, or paths of the site).
 * Returns { unexpected } (the requests it refused).
 */
export async function serveSite(context, { files, endpoints, rx }) {
  const site = { unexpected: [] };
  const targets = new Set(endpoints.map((e) => new URL(e, SITE).href));
  await context.route('**/*', async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    const bare = `${url.origin}${url.pathname}`;
    if (targets.has(bare)) return forward(route, rx);
    if (url.origin === SITE) {
      const file = files.get(url.pathname.endsWith('/') ? `${url.pathname}index.html` : url.pathname);
      if (file) {
        return route.fulfill({
          status: 200,
          headers: {
            'content-type': TYPES[extname(url.pathname) || '.html'] ?? 'application/octet-stream',
            ...file.headers,
          },
          body: file.body,
        });
      }
      if (url.pathname === '/favicon.ico') return route.fulfill({ status: 204 });
    }
    site.unexpected.push(`${request.method()} ${request.url()}`);
    return route.abort('blockedbyclient');
  });
  return site;
}

/** Passes an endpoint request to the receiver and its answer back to the page. */
async function forward(route, rx) {
  const request = route.request();
  const sent = request.headers();
  const headers = Object.fromEntries(
    Object.entries(sent).filter(([name]) => name === 'content-type' || name.startsWith('x-')),
  );
  const method = request.method();
  let answer;
  try {
    answer = await fetch(rx.url, {
      method,
      headers,
      body: method === 'GET' || method === 'HEAD' ? undefined : (request.postDataBuffer() ?? undefined),
      redirect: 'manual',
    });
  } catch {
    return route.abort('connectionfailed');
  }
  const back = Object.fromEntries(answer.headers);
  delete back['content-length'];
  delete back['transfer-encoding'];
  delete back.connection;
  delete back['keep-alive'];
  if (sent.origin && sent.origin !== new URL(request.url()).origin) {
    back['access-control-allow-origin'] = sent.origin;
    back['access-control-expose-headers'] = 'retry-after';
  }
  return route.fulfill({ status: answer.status, headers: back, body: Buffer.from(await answer.arrayBuffer()) });
}

/** Runs in the page before its own scripts: records CSP and Trusted Types violations and csat-error events. */
export function recordViolations() {
  const seen = { violations: [], errors: [] };
  Object.defineProperty(window, '__snippetCheck', { value: seen });
  document.addEventListener(
    'securitypolicyviolation',
    (e) => seen.violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sample || ''})`),
    true,
  );
  document.addEventListener('csat-error', (e) => seen.errors.push(`${e.detail?.code}: ${e.detail?.message}`), true);
}

/** Console lines that are not a problem of the snippet: lit's notice in a development build. */
const HARMLESS = [/^Lit is in dev mode\. Not recommended for production!/];

/**
 * Watches a page: uncaught errors, console errors and warnings (CSP and Trusted Types violations are
 * console errors too). `problems()` lists them with the page's recorded violations and csat-errors.
 */
export function watchPage(page, site) {
  const log = [];
  page.on('pageerror', (error) => log.push(`uncaught: ${error?.stack || error}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error' && msg.type() !== 'warning') return;
    if (HARMLESS.some((re) => re.test(msg.text()))) return;
    log.push(`console ${msg.type()}: ${msg.text()}`);
  });
  return async () => {
    const seen = page.isClosed()
      ? { violations: [], errors: [] }
      : await page.evaluate(() => window.__snippetCheck ?? { violations: [], errors: [] });
    return [
      ...log,
      ...seen.violations.map((v) => `violation: ${v}`),
      ...seen.errors.map((e) => `csat-error ${e}`),
      ...site.unexpected.map((r) => `request outside the snippet's site and endpoint: ${r}`),
    ];
  };
}

/**
 * Does what a visitor does with every survey on the page: waits for it to render, checks that it
 * shows `shows`, chooses the highest score, writes a comment when asked, sends it, and waits until
 * the receiver has the complete answer (with the comment); then checks that it shows `thanks`.
 * Resolves with the answers the receiver kept.
 */
export async function answerEverySurvey(page, rx, { shows, thanks } = {}) {
  const surveys = page.locator('csat-survey');
  await surveys.locator('input[type=radio]').first().waitFor({ timeout: 15_000 });
  if (shows) await surveys.getByText(shows).first().waitFor({ timeout: 5000 });
  const kept = [];
  const count = await surveys.count();
  for (let i = 0; i < count; i++) {
    const survey = surveys.nth(i);
    const surveyId = await survey.evaluate((el) => el.surveyId);
    await survey.locator('input[type=radio]').last().click({ force: true });
    const comment = survey.locator('textarea');
    const asked = await comment
      .waitFor({ state: 'visible', timeout: 3000 })
      .then(() => true)
      .catch(() => false);
    const text = 'Checked from the README';
    if (asked) {
      await comment.fill(text);
      await survey.locator('[part~="submit"]').click();
    }
    await rx.waitFor(
      () => rx.responses().some((r) => r.surveyId === surveyId && r.complete),
      15_000,
      `the complete answer of ${surveyId}`,
    );
    const answer = rx.responses().find((r) => r.surveyId === surveyId);
    if (answer.score !== answer.scale.max)
      throw new Error(`${surveyId}: score ${answer.score} arrived, not the highest`);
    if (asked && answer.comment !== text) throw new Error(`${surveyId}: comment ${JSON.stringify(answer.comment)}`);
    kept.push(answer);
  }
  if (thanks) await surveys.getByText(thanks).first().waitFor({ timeout: 5000 });
  return kept;
}
