// Drives headless Chromium (the system's, never a downloaded one) for the end-to-end suite:
// launching, logging what each page reports, answering in the shadow DOM, and reading or
// writing the widget's IndexedDB databases from inside a page.
import { chromium } from 'playwright-core';

export const OUTBOX = 'csat-survey-outbox';
export const DEAD_LETTERS = 'csat-survey-dead-letters';
const STORE = 'responses';

const launchOptions = () => ({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox'],
  headless: true,
});

export const launch = () => chromium.launch(launchOptions());

/** A browser whose profile lives in `dir`, so IndexedDB outlives a restart. */
export async function launchPersistent(dir) {
  const context = await chromium.launchPersistentContext(dir, launchOptions());
  watchContext(context);
  return context;
}

const logs = new WeakMap();

/** Starts logging a page's uncaught errors, console errors and console warnings. */
export function watch(page) {
  if (logs.has(page)) return logs.get(page);
  const log = { pageErrors: [], consoleErrors: [], warnings: [] };
  logs.set(page, log);
  page.on('pageerror', (error) => log.pageErrors.push(error?.stack || `${error?.name}: ${error?.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') log.consoleErrors.push(msg.text());
    if (msg.type() === 'warning') log.warnings.push(msg.text());
  });
  return log;
}

export const logOf = (page) => watch(page);

/** Logs every page the context opens, and the ones it already has. */
export function watchContext(context) {
  context.pages().forEach(watch);
  context.on('page', watch);
  return context;
}

/** A fresh context (its own IndexedDB) that logs every page it opens. */
export async function newContext(browser, options) {
  return watchContext(await browser.newContext(options));
}

export const pageUrl = (rx, query = {}) => `${rx.origin}/page.html?${new URLSearchParams(query)}`;

/**
 * Opens the test page (see page.html for the query) and waits for the loader, and for the element to be defined
 * where the page has a survey (a page without one loads no element code).
 */
export async function openPage(context, rx, query = {}) {
  const page = await context.newPage();
  watch(page);
  await page.goto(pageUrl(rx, query));
  await page.waitForFunction(
    () => window.CsatSurvey?.version && (customElements.get('csat-survey') || !document.querySelector('csat-survey')),
  );
  return page;
}

/** A same-origin page without the widget, for touching IndexedDB before the widget runs. */
export async function openBlank(context, rx) {
  const page = await context.newPage();
  watch(page);
  await page.goto(`${rx.origin}/blank.html`);
  return page;
}

const radio = (page, element, index) =>
  page.locator('csat-survey').nth(element).locator('input[type=radio]').nth(index);

/** Clicks the `index`-th score of the `element`-th survey, and does not wait for anything. */
export async function clickScore(page, { element = 0, index = 9 } = {}) {
  await radio(page, element, index).click({ force: true });
}

/** Clicks a score and resolves with the response of the `csat-answer` event (fired once it is stored). */
export async function answer(page, { element = 0, index = 9, timeout = 30_000 } = {}) {
  const surveyId = await page.locator('csat-survey').nth(element).getAttribute('survey-id');
  const before = await page.evaluate(() => window.e2e.events.length);
  await clickScore(page, { element, index });
  const handle = await page.waitForFunction(
    ({ surveyId, before }) =>
      window.e2e.events.slice(before).find((e) => e.type === 'csat-answer' && e.detail?.surveyId === surveyId)?.detail,
    { surveyId, before },
    { timeout },
  );
  return handle.jsonValue();
}

/** The csat-* events the page saw (of one type, if given). */
export const events = (page, type) =>
  page.evaluate((type) => window.e2e.events.filter((e) => !type || e.type === type), type);

/** Runs window.CsatSurvey.flush() in the page. */
export const flush = (page) => page.evaluate(() => window.CsatSurvey.flush());

/** A copy of window.CsatSurvey.status, or undefined where there is none. */
export const status = (page) => page.evaluate(() => window.CsatSurvey?.status && { ...window.CsatSurvey.status });

/** Every [key, value] of a store, or [] when the database or store does not exist (never creates it). */
export function readStore(page, db, store = STORE) {
  return page.evaluate(
    async ({ db, store }) => {
      const known = await indexedDB.databases();
      if (!known.some((d) => d.name === db)) return [];
      return new Promise((resolve, reject) => {
        const req = indexedDB.open(db);
        req.onupgradeneeded = () => req.transaction.abort(); // it vanished meanwhile: do not create it
        req.onerror = () => resolve([]);
        req.onsuccess = () => {
          const conn = req.result;
          conn.onversionchange = () => conn.close();
          if (!conn.objectStoreNames.contains(store)) {
            conn.close();
            resolve([]);
            return;
          }
          const tx = conn.transaction(store, 'readonly');
          const keys = tx.objectStore(store).getAllKeys();
          const values = tx.objectStore(store).getAll();
          tx.oncomplete = () => {
            conn.close();
            resolve(keys.result.map((key, i) => ({ key, value: values.result[i] })));
          };
          tx.onerror = () => {
            conn.close();
            reject(tx.error);
          };
        };
      });
    },
    { db, store },
  );
}

/** Writes `records` ([{ key, value }]) into a store, creating the database or store if needed. */
export function writeStore(page, db, records, store = STORE) {
  return page.evaluate(
    async ({ db, store, records }) => {
      const open = (version) =>
        new Promise((resolve, reject) => {
          const req = version ? indexedDB.open(db, version) : indexedDB.open(db);
          req.onupgradeneeded = () => {
            if (!req.result.objectStoreNames.contains(store)) req.result.createObjectStore(store);
          };
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
      let conn = await open();
      if (!conn.objectStoreNames.contains(store)) {
        const next = conn.version + 1;
        conn.close();
        conn = await open(next);
      }
      conn.onversionchange = () => conn.close();
      await new Promise((resolve, reject) => {
        const tx = conn.transaction(store, 'readwrite');
        const s = tx.objectStore(store);
        for (const { key, value } of records) {
          if (s.keyPath === null) s.put(value, key);
          else s.put(value);
        }
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      conn.close();
    },
    { db, store, records },
  );
}

export const outbox = (page) => readStore(page, OUTBOX);
export const deadLetters = (page) => readStore(page, DEAD_LETTERS);

/** Polls until the outbox is empty; resolves with what is left after `timeout` ms. */
export async function waitForEmptyOutbox(page, timeout = 5000) {
  const until = Date.now() + timeout;
  for (;;) {
    const left = await outbox(page);
    if (!left.length || Date.now() > until) return left;
    await page.waitForTimeout(100);
  }
}

/** Init scripts (context.addInitScript) that take a browser feature away before the widget runs. */
export const without = {
  indexedDB: () => {
    delete window.indexedDB;
    delete Object.getPrototypeOf(window).indexedDB;
  },
  indexedDBOpen: () => {
    IDBFactory.prototype.open = function () {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    };
  },
  /** indexedDB.open() never answers. */
  indexedDBAnswer: () => {
    IDBFactory.prototype.open = function () {
      return { result: undefined, error: null, readyState: 'pending', addEventListener() {}, removeEventListener() {} };
    };
  },
  /** Every write to the widget's databases fails with QuotaExceededError, as on a full disk. */
  storageSpace: () => {
    for (const method of ['put', 'add']) {
      const original = IDBObjectStore.prototype[method];
      IDBObjectStore.prototype[method] = function (...args) {
        if (this.transaction.db.name.startsWith('csat-survey')) {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        }
        return original.apply(this, args);
      };
    }
  },
  webLocks: () => {
    delete Navigator.prototype.locks;
    delete navigator.locks;
  },
};

/** Uses the DevTools protocol to give the page's origin a tiny storage quota. */
export async function tinyQuota(page, origin, quotaSize = 1) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize });
  return cdp;
}
