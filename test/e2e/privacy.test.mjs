// The README's Privacy section against what the widget really keeps on the device. A full visit
// (every survey type, inline and popover, stars and faces, a comment sent and one skipped, a
// dismissal, an answer the endpoint refuses for good, displays it does not take yet) and a visit where IndexedDB is missing list
// every IndexedDB database and store, every localStorage and sessionStorage key, cookies and Cache
// Storage; the list must be exactly the rows of the Privacy table. Then `reset()` and
// `CsatSurvey.clear()` are run, and what each did to each row must be what the table's last two
// columns say (their first word: kept, emptied, renewed, removed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEAD_LETTERS, deadLetters, logOf, watch, without } from './browser.mjs';
import { e2eSuite } from './harness.mjs';
import { faults, isPoison } from './receiver.mjs';

const root = new URL('../..', import.meta.url).pathname;
const run = e2eSuite();

// ---- the table --------------------------------------------------------------------------------------

const VERBS = ['kept', 'emptied', 'renewed', 'removed'];

/** The storage table of the README's Privacy section: [{ kind, name, pattern, store, reset, clear, line }]. */
function privacyTable() {
  const readme = readFileSync(`${root}README.md`, 'utf8');
  const start = readme.indexOf('\n## Privacy\n');
  assert.ok(start >= 0, 'the README has a Privacy section');
  const end = readme.indexOf('\n## ', start + 1);
  const lines = readme.slice(start, end).split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  assert.ok(first >= 0, 'the Privacy section has a table');
  const cells = (line) =>
    line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim());
  const header = cells(lines[first]);
  const column = (re) => {
    const i = header.findIndex((h) => re.test(h));
    assert.ok(i >= 0, `the Privacy table has a column ${re}`);
    return i;
  };
  const [kind, name, reset, clear] = [/^Kept in$/, /^Name$/, /reset\(\)/, /clear\(\)/].map(column);
  const verb = (cell) => {
    const word = cell
      .replace(/[*`_]/g, '')
      .split(/[\s:;,.]/)[0]
      .toLowerCase();
    assert.ok(VERBS.includes(word), `"${cell}" starts with one of ${VERBS.join(', ')}`);
    return word;
  };
  const rows = [];
  for (let i = first + 2; i < lines.length && lines[i].startsWith('|'); i++) {
    const row = cells(lines[i]);
    const ticks = [...row[name].matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    const id = ticks[0];
    const pattern = new RegExp(
      `^${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('<survey-id>', '[a-z0-9_-]{1,64}')}$`,
    );
    rows.push({
      kind: row[kind],
      name: id,
      pattern,
      store: /\bstore\b/.test(row[name]) ? ticks[1] : undefined,
      reset: verb(row[reset]),
      clear: verb(row[clear]),
    });
  }
  return rows;
}

// ---- what is on the device -------------------------------------------------------------------------

/** Everything the page's origin keeps: IndexedDB (every database, store, key and value), both storages, cookies, caches. */
const snapshot = (page) =>
  page.evaluate(async () => {
    const request = (req) =>
      new Promise((resolve, reject) => {
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    const idb = {};
    for (const { name } of await indexedDB.databases()) {
      const db = await request(indexedDB.open(name));
      idb[name] = {};
      for (const store of db.objectStoreNames) {
        const tx = db.transaction(store, 'readonly');
        const keys = await request(tx.objectStore(store).getAllKeys());
        const values = await request(tx.objectStore(store).getAll());
        idb[name][store] = keys.map((key, i) => [String(key), values[i]]);
      }
      db.close();
    }
    const storage = (s) => Object.keys(s).map((key) => [key, s.getItem(key)]);
    return {
      idb,
      local: storage(localStorage),
      session: storage(sessionStorage),
      cookie: document.cookie,
      caches: 'caches' in window ? await caches.keys() : [],
    };
  });

/**
 * The items of a snapshot, each { kind, name, store, entries: [{ key, surveyId, value }] }: one per
 * IndexedDB store, localStorage key and sessionStorage key. The survey an entry belongs to is its
 * response's survey, else its key (the visitor state), and each survey id of the visit list.
 */
function items(snap) {
  const list = [];
  for (const [name, stores] of Object.entries(snap.idb)) {
    for (const [store, entries] of Object.entries(stores)) {
      const rows = entries.map(([key, value]) => ({
        key,
        surveyId: value?.response?.surveyId ?? value?.display?.surveyId ?? key,
        value,
      }));
      list.push({ kind: 'IndexedDB', name, store, entries: rows });
    }
  }
  for (const [key, value] of snap.local) {
    list.push({ kind: 'localStorage', name: key, entries: [{ key, surveyId: key.split(':').pop(), value }] });
  }
  for (const [key, value] of snap.session) {
    const ids = value.split(' ').filter(Boolean);
    list.push({ kind: 'sessionStorage', name: key, entries: ids.map((id) => ({ key: id, surveyId: id, value: id })) });
  }
  return list;
}

const rowOf = (rows, item) =>
  rows.find((r) => r.kind === item.kind && r.pattern.test(item.name) && r.store === item.store);

/** Every item of the snapshot is a row of the table; resolves with the rows seen. */
function assertListed(rows, snap, where) {
  assert.equal(snap.cookie, '', `${where}: no cookie`);
  assert.deepEqual(snap.caches, [], `${where}: no Cache Storage`);
  const seen = new Set();
  for (const item of items(snap)) {
    const row = rowOf(rows, item);
    assert.ok(
      row,
      `${where}: ${item.kind} ${item.name}${item.store ? ` (store ${item.store})` : ''} is not in the Privacy table`,
    );
    seen.add(row);
  }
  return seen;
}

/** The entries of one row in a snapshot. Records that carry a response or a display compare by key (their retry state changes). */
function entriesOf(snap, row) {
  return items(snap)
    .filter((item) => rowOf([row], item))
    .flatMap((item) => item.entries)
    .map((e) => ({ ...e, print: e.value?.response || e.value?.display ? e.key : JSON.stringify(e.value) }));
}

/** What an action did to one row, for the survey it was about: kept, emptied, renewed, removed, or what changed. */
function verbOf(before, after, surveyId) {
  const print = (list) => list.map((e) => `${e.key}=${e.print}`).sort();
  const others = (list) => list.filter((e) => e.surveyId !== surveyId);
  const mine = (list) => list.filter((e) => e.surveyId === surveyId);
  if (!after.length && others(before).length) return 'emptied';
  if (JSON.stringify(print(others(before))) !== JSON.stringify(print(others(after)))) {
    return `changed other surveys' entries: ${print(others(before))} → ${print(others(after))}`;
  }
  const [b, a] = [mine(before), mine(after)];
  if (JSON.stringify(print(b)) === JSON.stringify(print(a))) return 'kept';
  if (b.length && !a.length) return 'removed';
  const state = (e) => (typeof e.value === 'string' ? JSON.parse(e.value) : e.value);
  const fresh = a.every((e, i) => {
    const now = state(e);
    const was = state(b[i] ?? {});
    return (
      typeof now?.draw === 'number' &&
      now.draw !== was?.draw &&
      now.answeredAt === undefined &&
      now.dismissedAt === undefined
    );
  });
  if (b.length && a.length === b.length && fresh) return 'renewed';
  return `changed: ${print(b)} → ${print(a)}`;
}

/** Runs `action` and checks what it did to each row that had entries before it, against the table's `column`. */
async function assertAction(rows, page, { surveyId, column, action, settled, read = snapshot }) {
  const before = await read(page);
  await action();
  let after = await read(page);
  for (const until = Date.now() + 5000; !settled(after) && Date.now() < until; after = await read(page)) {
    await page.waitForTimeout(100);
  }
  const checked = [];
  for (const row of rows) {
    const b = entriesOf(before, row);
    if (!b.length) continue;
    const did = verbOf(b, entriesOf(after, row), surveyId);
    assert.equal(
      did,
      row[column],
      `${column === 'reset' ? 'reset()' : 'CsatSurvey.clear()'} on ${row.kind} ${row.name}`,
    );
    checked.push(row);
  }
  return checked;
}

/** The rows some visit left something for. */
const seenRows = new Set();

/** The two storages alone, as a snapshot (where IndexedDB is missing). */
const storages = (page) =>
  page.evaluate(() => ({
    idb: {},
    local: Object.keys(localStorage).map((key) => [key, localStorage.getItem(key)]),
    session: Object.keys(sessionStorage).map((key) => [key, sessionStorage.getItem(key)]),
    cookie: document.cookie,
    caches: [],
  }));

// ---- the visit ----------------------------------------------------------------------------------------

/** A page with the surveys of a full visit, the script tag, and the endpoint on the receiver. */
const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>A full visit</title></head>
<body>
<main>
<csat-survey type="nps" survey-id="priv-nps" endpoint="/collect"></csat-survey>
<csat-survey type="csat" display="stars" survey-id="priv-stars" endpoint="/collect" lang="fa"></csat-survey>
<csat-survey type="ces" survey-id="priv-ces-inline" endpoint="/collect"></csat-survey>
<csat-survey type="nps" survey-id="priv-poison" touchpoint="poison" comment="off" endpoint="/collect"></csat-survey>
</main>
<csat-survey type="ces" mode="popover" survey-id="priv-ces" endpoint="/collect"></csat-survey>
<csat-survey type="csat" display="faces" mode="popover" comment="off" survey-id="priv-faces" endpoint="/collect"></csat-survey>
<script src="/dist/csat-survey.js"></script>
</body>
</html>`;

async function openVisit(context, rx, page = PAGE) {
  await context.route(`${rx.origin}/visit.html`, (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: page }),
  );
  const tab = await context.newPage();
  watch(tab);
  await tab.goto(`${rx.origin}/visit.html`);
  return tab;
}

const survey = (page, id) => page.locator(`csat-survey[survey-id="${id}"]`);

async function choose(page, id, index) {
  await survey(page, id).locator('input[type=radio]').nth(index).click({ force: true });
}

const complete = (rx, id) =>
  rx.waitFor(() => rx.responses().some((r) => r.surveyId === id && r.complete), 15_000, `the answer of ${id}`);

const visitorEntry = (snap, id) =>
  snap.idb['csat-survey-visitor']?.surveys?.find(([key]) => key === id)?.[1] ??
  JSON.parse(snap.local.find(([key]) => key === `csat-survey-visitor:${id}`)?.[1] ?? 'null');

test(
  'a full visit keeps on the device exactly what the Privacy table lists; reset() and clear() do what it says',
  run(async ({ rx, context }) => {
    const rows = privacyTable();
    rx.fault = faults.poison(422);
    // The endpoint takes no display for now: they wait on the device, as the table says.
    rx.displaysFault = () => ({ status: 503 });
    const page = await openVisit(context, rx);

    // Inline: NPS and CES with a comment, CSAT stars (Persian) with the comment skipped, an answer refused for good.
    await choose(page, 'priv-nps', 9);
    await survey(page, 'priv-nps').locator('textarea').fill('Fast delivery');
    await survey(page, 'priv-nps').locator('[part~="submit"]').click();
    await choose(page, 'priv-stars', 3);
    await survey(page, 'priv-stars').locator('[part~="skip"]').click();
    await choose(page, 'priv-ces-inline', 5);
    await survey(page, 'priv-ces-inline').locator('textarea').fill('آسان بود');
    await survey(page, 'priv-ces-inline').locator('[part~="submit"]').click();
    await choose(page, 'priv-poison', 2);
    // Popovers, one at a time: the CES one is dismissed, then the CSAT faces one is answered.
    await survey(page, 'priv-ces').locator('[part~="close"]').click();
    await survey(page, 'priv-faces').locator('input[type=radio]').first().waitFor();
    await choose(page, 'priv-faces', 4);
    for (const id of ['priv-nps', 'priv-stars', 'priv-ces-inline', 'priv-faces']) await complete(rx, id);
    for (const until = Date.now() + 15_000; ;) {
      const dead = await deadLetters(page);
      if (dead.some((d) => isPoison(d.value.response))) break;
      assert.ok(Date.now() < until, `the refused answer never reached ${DEAD_LETTERS}`);
      await page.waitForTimeout(100);
    }

    const full = await snapshot(page);
    const seen = assertListed(rows, full, 'after a full visit');
    const visitor = full.idb['csat-survey-visitor']?.surveys ?? [];
    assert.ok(visitorEntry(full, 'priv-ces')?.dismissedAt, 'the dismissal is remembered');
    assert.ok(visitorEntry(full, 'priv-nps')?.answeredAt, 'the answer is remembered');
    assert.equal(visitor.length, 6, 'one visitor entry per survey');

    // Answers waiting in the outbox (the endpoint is down), of two surveys, then reset() and clear().
    rx.fault = faults.always(503);
    for (const id of ['priv-nps', 'priv-stars']) {
      await survey(page, id).evaluate((el) => el.reset());
      await choose(page, id, 1);
      await survey(page, id).locator('[part~="skip"]').click();
    }
    await page.waitForFunction(() => window.CsatSurvey.status.pending >= 2);
    const waiting = await snapshot(page);
    assert.ok(
      entriesOf(
        waiting,
        rows.find((r) => r.name === 'csat-survey-outbox'),
      ).length >= 2,
      'answers wait',
    );

    const resetChecked = await assertAction(rows, page, {
      surveyId: 'priv-nps',
      column: 'reset',
      action: () => survey(page, 'priv-nps').evaluate((el) => el.reset()),
      settled: (snap) => !visitorEntry(snap, 'priv-nps')?.answeredAt,
    });
    const clearChecked = await assertAction(rows, page, {
      surveyId: 'priv-nps',
      column: 'clear',
      action: () => page.evaluate(() => window.CsatSurvey.clear()),
      settled: () => true,
    });
    for (const row of rows.filter((r) => seen.has(r))) {
      assert.ok(resetChecked.includes(row), `reset() was checked on ${row.name}`);
      assert.ok(clearChecked.includes(row), `clear() was checked on ${row.name}`);
    }
    seen.forEach((row) => seenRows.add(row.name));
    assert.deepEqual(logOf(page).pageErrors, [], 'uncaught errors');
    console.log(
      `privacy: after a full visit ${items(full)
        .map((i) => `${i.kind} ${i.name}${i.store ? `/${i.store}` : ''} (${i.entries.length})`)
        .join(', ')}`,
    );
  }),
);

test(
  'without IndexedDB, the visitor state goes to the localStorage keys the Privacy table lists, and nothing else is kept',
  run(
    async ({ rx, context }) => {
      const rows = privacyTable();
      const page = await openVisit(
        context,
        rx,
        PAGE.replace(/<csat-survey type="ces" mode="popover"[\s\S]*?<script/, '<script').replace(
          'survey-id="priv-poison" touchpoint="poison"',
          'survey-id="priv-off"',
        ),
      );
      await choose(page, 'priv-off', 8);
      await choose(page, 'priv-nps', 7);
      await survey(page, 'priv-nps').locator('[part~="skip"]').click();
      for (const id of ['priv-off', 'priv-nps']) await complete(rx, id);
      assert.equal(await page.evaluate(() => typeof window.indexedDB), 'undefined');
      const snap = await storages(page);
      const seen = assertListed(rows, snap, 'without IndexedDB');
      seen.forEach((row) => seenRows.add(row.name));
      assert.ok(visitorEntry(snap, 'priv-nps')?.answeredAt, 'the answer is remembered in localStorage');
      console.log(
        `privacy: without IndexedDB ${items(snap)
          .map((i) => `${i.kind} ${i.name}`)
          .join(', ')}`,
      );

      const local = rows.filter((r) => r.kind === 'localStorage');
      const reset = await assertAction(local, page, {
        surveyId: 'priv-nps',
        column: 'reset',
        action: () => survey(page, 'priv-nps').evaluate((el) => el.reset()),
        settled: (after) => !visitorEntry(after, 'priv-nps')?.answeredAt,
        read: storages,
      });
      const clear = await assertAction(local, page, {
        surveyId: 'priv-nps',
        column: 'clear',
        action: () => page.evaluate(() => window.CsatSurvey.clear()),
        settled: () => true,
        read: storages,
      });
      assert.deepEqual([reset.length, clear.length], [local.length, local.length], 'reset() and clear() were checked');
    },
    { init: [without.indexedDB] },
  ),
);

test('every row of the Privacy table is something a visit leaves', () => {
  const rows = privacyTable();
  for (const row of rows) {
    assert.ok(['IndexedDB', 'localStorage', 'sessionStorage'].includes(row.kind), `${row.name}: kept in ${row.kind}`);
    assert.ok(seenRows.has(row.name), `${row.kind} ${row.name} is in the table, and no visit above left it`);
  }
});
