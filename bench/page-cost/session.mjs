// One measured page: a fresh browser context (its own cache and IndexedDB) unless one is given, the probe as an
// init script, the CPU throttled through the DevTools protocol before the navigation, and the page's
// `bench:*` console messages and script responses collected on this side.
import { probe } from './probe.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function openSession(browser, { rate = 1, context } = {}) {
  const owned = !context;
  context ??= await browser.newContext();
  if (owned) await context.addInitScript(probe);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (rate !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  /** What the page told (`bench:<what>`, or `response` for a response), and when (this side's clock, ms). */
  const told = new Map();
  const waiters = new Set();
  const note = (what) => {
    if (!told.has(what)) told.set(what, []);
    told.get(what).push(performance.now());
    waiters.forEach((check) => check());
  };
  const scripts = [];
  const errors = [];
  page.on('console', (msg) => {
    const text = msg.text();
    if (text.startsWith('bench:')) note(text.slice('bench:'.length));
  });
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script')
      scripts.push({ url: response.url(), status: response.status() });
    note('response');
  });
  page.on('pageerror', (error) => errors.push(String(error?.stack || error)));

  const session = {
    context,
    page,
    cdp,
    told,
    scripts,
    errors,
    goto: (url) => page.goto(url, { waitUntil: 'commit' }),
    /** Resolves once the page told `what` (or once `check()` is true); rejects after `timeout` ms. */
    waitFor(what, timeout = 60_000) {
      const check = typeof what === 'function' ? what : () => told.has(what);
      return new Promise((resolve, reject) => {
        const done = () => {
          if (!check()) return;
          clearTimeout(timer);
          waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(done);
          const seen = [...told.keys()].join(', ') || 'nothing';
          const problems = errors.length ? `; page errors: ${errors.join(' | ')}` : '';
          reject(new Error(`${page.url()}: waited ${timeout} ms for ${what}, the page told ${seen}${problems}`));
        }, timeout);
        waiters.add(done);
        done();
      });
    },
    /** Waits until `ms` passed with none of `signals` told (counting from now at the earliest). */
    async quiet(ms, signals, most = 20_000) {
      const start = performance.now();
      for (;;) {
        const now = performance.now();
        const last = Math.max(start, ...signals.flatMap((s) => told.get(s) ?? []));
        if (now - last >= ms || now - start >= most) return;
        await sleep(ms - (now - last));
      }
    },
    /** The probe's record (window.__bench); evaluated only once the measuring is over. */
    record: () => page.evaluate(() => window.__bench),
    close: () => (owned ? context.close() : page.close()),
  };
  return session;
}
