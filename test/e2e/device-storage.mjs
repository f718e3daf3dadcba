// What the widget keeps on the device, against the README's storage table ("What it keeps", in the Privacy section):
// the table parsed into rows, a snapshot of everything a page's origin holds, and the checks that compare them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const root = new URL('../..', import.meta.url).pathname;

// ---- the table --------------------------------------------------------------------------------------

const VERBS = ['kept', 'emptied', 'renewed', 'removed'];

/** The storage table of the README's Privacy section: [{ kind, name, pattern, store, modes, reset, clear }]. */
export function privacyTable() {
  const readme = readFileSync(`${root}README.md`, 'utf8');
  const start = readme.indexOf('\n### What it keeps\n');
  assert.ok(start >= 0, 'the README has a "What it keeps" section');
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
  const [kind, name, modes, reset, clear] = [/^Kept in$/, /^Name$/, /^Modes$/, /reset\(\)/, /clear\(\)/].map(column);
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
      modes: [...row[modes].matchAll(/`([^`]+)`/g)].map((m) => m[1]),
      reset: verb(row[reset]),
      clear: verb(row[clear]),
    });
  }
  return rows;
}

// ---- what is on the device -------------------------------------------------------------------------

/** Everything the page's origin keeps: IndexedDB (every database, store, key and value), both storages, cookies, caches. */
export const snapshot = (page) =>
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
export function items(snap) {
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

export const rowOf = (rows, item) =>
  rows.find((r) => r.kind === item.kind && r.pattern.test(item.name) && r.store === item.store);

/** Every item of the snapshot is a row of the table; resolves with the rows seen. */
export function assertListed(rows, snap, where) {
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
export function entriesOf(snap, row) {
  return items(snap)
    .filter((item) => rowOf([row], item))
    .flatMap((item) => item.entries)
    .map((e) => ({ ...e, print: e.value?.response || e.value?.display ? e.key : JSON.stringify(e.value) }));
}

/** What an action did to one row, for the survey it was about: kept, emptied, renewed, removed, or what changed. */
export function verbOf(before, after, surveyId) {
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
export async function assertAction(rows, page, { surveyId, column, action, settled, read = snapshot }) {
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

/** The two storages alone, as a snapshot (where IndexedDB is missing). */
export const storages = (page) =>
  page.evaluate(() => ({
    idb: {},
    local: Object.keys(localStorage).map((key) => [key, localStorage.getItem(key)]),
    session: Object.keys(sessionStorage).map((key) => [key, sessionStorage.getItem(key)]),
    cookie: document.cookie,
    caches: [],
  }));
