// The page's storage modes: what each one leaves on the device after a survey is shown, answered
// and dismissed (`full`: everything; `answers`: only the outbox of answers and its count; `none`:
// nothing, answers sent from memory), a mode changed in the middle of a page (what a raised mode
// allows is stored, what a lowered one does not allow is deleted), Global Privacy Control as the
// default, a survey's own `storage` attribute, and configure() refusing bad values without throwing.
import { expect, oneEvent } from '@open-wc/testing';
import { promisifyRequest } from 'idb-keyval';
import { configure, deliveryStatus, flush } from '../src/index.js';
import { configureFromScript } from '../src/configure.js';
import { pageDelivery } from '../src/delivery.js';
import { pageDisplays } from '../src/displays.js';
import { pageOutbox } from '../src/outbox.js';
import { hook } from '../src/loader/hook.js';
import { pageSettings, pageStorage, surveyStorage, type StorageMode } from '../src/storage-mode.js';
import { visitorState, type VisitorState } from '../src/visitor-state.js';
import type { CsatSurveyElement, SurveyResponse } from '../src/element.js';
import { clearOutbox, radios, waitFor } from './helpers/fixtures.js';
import { accept, answerDisplays, displayRequests, received, resetEndpoint, startWorker } from './helpers/msw.js';
import { endpoint, idsOf } from './helpers/outbox.js';
import { forget, isOpen, mount, unmountAll } from './helpers/popover.js';
import { newPageView } from './helpers/page-view.js';

/** An endpoint that refuses every answer for good (400): the answer becomes a dead letter. */
const REFUSING = '/api/storage-modes-refuses';
const PREFIX = 'csat-survey';
const OUTBOX = 'csat-survey-outbox';
const DISPLAYS = 'csat-survey-displays';
const DEAD_LETTERS = 'csat-survey-dead-letters';
const VISITOR = 'csat-survey-visitor';

let surveys = 0;
/** The survey ids of this test: their visitor state in this page's memory is forgotten after it. */
const used: string[] = [];
/** A survey id not used yet in this page: no visitor state, display or memory of it from an earlier test. */
function freshId(name: string): string {
  const id = `storage-${name}-${++surveys}`;
  used.push(id);
  return id;
}

/** The ids of the displays waiting (a stored display is keyed by its id), of every survey or of one. */
const displayKeys = (surveyId?: string) =>
  pageDisplays()
    .knownDisplays()
    .filter((e) => !surveyId || e.display.surveyId === surveyId)
    .map((e) => e.display.id)
    .sort();

/** What `full` holds once a popover of survey `id` was shown and answered (response `responseId`), the endpoint down. */
const heldInFull = (id: string, responseId: string) => ({
  databases: {
    [DISPLAYS]: { displays: displayKeys(id) },
    [OUTBOX]: { responses: [responseId] },
    [VISITOR]: { surveys: [id] },
  },
  local: ['csat-survey-cooldown', `csat-survey-visitor:${id}`, 'csat-survey-waiting'],
  session: ['csat-survey-popovers', 'csat-survey-visit'],
});

/** The revision of a response waiting in the outbox (stored or in memory). */
const waitingRevision = (id: string) =>
  pageOutbox()
    .knownEntries()
    .find((e) => e.response.id === id)?.response.revision;

// ---- What the device holds ----

/** The widget's IndexedDB databases that exist now, by name. */
async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases())
    .map((d) => d.name ?? '')
    .filter((name) => name.startsWith(PREFIX))
    .sort();
}

/** Opens a database that exists; never creates one (an open that would create it is undone): undefined then. */
function openExisting(name: string): Promise<IDBDatabase | undefined> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    let creating = false;
    request.onupgradeneeded = () => {
      creating = true;
      request.transaction!.abort();
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => (creating ? resolve(undefined) : reject(request.error));
  });
}

type Records = Record<string, unknown>;
/** Every record of a database: object store → key → value (empty where it does not exist). */
async function contents(name: string): Promise<Record<string, Records>> {
  const db = await openExisting(name);
  if (!db) return {};
  try {
    const stores = [...db.objectStoreNames];
    if (!stores.length) return {};
    const tx = db.transaction(stores, 'readonly');
    const result: Record<string, Records> = {};
    await Promise.all(
      stores.map(async (storeName) => {
        const store = tx.objectStore(storeName);
        const [keys, values] = await Promise.all([
          promisifyRequest(store.getAllKeys()),
          promisifyRequest(store.getAll()),
        ]);
        result[storeName] = Object.fromEntries(keys.map((key, i) => [String(key), values[i]]));
      }),
    );
    return result;
  } finally {
    db.close();
  }
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
}

/** The widget's keys in a Web Storage area, with their values. */
function keysIn(area: Storage): Record<string, string> {
  const found: Record<string, string> = {};
  for (let i = 0; i < area.length; i++) {
    const key = area.key(i);
    if (key?.startsWith(PREFIX)) found[key] = area.getItem(key) as string;
  }
  return found;
}

interface Stored {
  databases: Record<string, Record<string, Records>>;
  local: Record<string, string>;
  session: Record<string, string>;
}

/** Everything the widget holds on this device now: its databases with their records, and its keys. */
async function storedNow(): Promise<Stored> {
  const databases: Stored['databases'] = {};
  for (const name of await databaseNames()) databases[name] = await contents(name);
  return { databases, local: keysIn(localStorage), session: keysIn(sessionStorage) };
}

/** The shape of what is held: database → store → keys, and the keys of both areas (all sorted). */
function shape(stored: Stored) {
  const sorted = (o: object) => Object.keys(o).sort();
  return {
    databases: Object.fromEntries(
      Object.entries(stored.databases).map(([name, stores]) => [
        name,
        Object.fromEntries(Object.entries(stores).map(([store, records]) => [store, sorted(records)])),
      ]),
    ),
    local: sorted(stored.local),
    session: sorted(stored.session),
  };
}

/** Waits until what is held has exactly `expected` shape, and returns it. */
async function heldAs(expected: ReturnType<typeof shape>, what: string): Promise<Stored> {
  let last: Stored | undefined;
  await waitFor(
    async () => JSON.stringify(shape((last = await storedNow()))) === JSON.stringify(expected),
    `${what}: expected ${JSON.stringify(expected)}`,
    { timeout: 5000 },
  ).catch(() => undefined);
  // The deep comparison tells what differs where the wait ran out.
  expect(shape(last!), what).to.deep.equal(expected);
  return last!;
}

/** Nothing of the widget anywhere: no database, no key. */
const NOTHING = { databases: {}, local: [], session: [] };

// ---- The page before each test ----

/** The stores of the page's delivery as the (default) mode says, after a test changed the mode. */
async function defaultMode(): Promise<void> {
  newPageView();
  await pageDelivery().storageChanged();
}

/** Deletes the widget's databases and keys left by earlier tests (or earlier test files). */
async function wipeDevice(): Promise<void> {
  for (const name of await databaseNames()) await deleteDatabase(name);
  for (const area of [localStorage, sessionStorage]) for (const key of Object.keys(keysIn(area))) area.removeItem(key);
}

before(startWorker);
beforeEach(async () => {
  resetEndpoint(accept);
  await defaultMode();
  await clearOutbox();
  await wipeDevice();
});
afterEach(async () => {
  unmountAll();
  resetEndpoint(accept);
  await defaultMode();
  await clearOutbox();
  await forget(...used.splice(0));
});
// The files after this one meet a device with nothing of the widget on it.
after(wipeDevice);

// ---- Driving surveys ----

/** Chooses the highest score; resolves with the response made. */
async function answer(el: CsatSurveyElement): Promise<SurveyResponse> {
  const answered = oneEvent(el, 'csat-answer');
  radios(el)[10]!.click();
  return (await answered).detail;
}

/** Closes the survey by its close button; resolves once the dismissal was recorded. */
async function dismiss(el: CsatSurveyElement): Promise<void> {
  const dismissed = oneEvent(el, 'csat-dismiss');
  el.shadowRoot!.querySelector<HTMLButtonElement>('[part=close]')!.click();
  await dismissed;
}

interface Visit {
  popoverId: string;
  inlineId: string;
  /** The popover's answer: waits, since the endpoint is down. */
  kept: SurveyResponse;
  /** The inline survey's answer: refused by its endpoint, a dead letter. */
  refused: SurveyResponse;
}

/**
 * Under `mode`, with the endpoint down (503 for answers and displays): an inline survey whose endpoint refuses
 * its answer (a dead letter), and a popover shown, answered and then dismissed (its answer waits in the outbox).
 */
async function showAnswerDismiss(mode: StorageMode): Promise<Visit> {
  resetEndpoint(
    endpoint(() => 503),
    endpoint(() => 400, REFUSING),
  );
  answerDisplays(() => 503);
  configure({ storage: mode });
  expect(pageStorage()).to.equal(mode);
  const { refused: refusedBefore } = deliveryStatus();

  const inlineId = freshId('inline');
  const inline = await mount({ 'survey-id': inlineId, mode: 'inline', endpoint: REFUSING, comment: 'off' });
  expect(radios(inline), 'the inline survey is shown').to.have.length(11);
  const refused = await answer(inline);
  await waitFor(() => deliveryStatus().refused === refusedBefore + 1, 'the inline answer was refused');

  const popoverId = freshId('popover');
  const popover = await mount({ 'survey-id': popoverId });
  expect(isOpen(popover), 'the popover is shown').to.equal(true);
  await waitFor(() => deliveryStatus().displaysPending === 2, 'both displays are waiting');
  const kept = await answer(popover);
  await dismiss(popover);
  // Dismissed after a score: the answer is kept as final (its second revision).
  await waitFor(() => waitingRevision(kept.id) === 2, 'the final revision waits');
  expect(deliveryStatus().pending).to.equal(1);
  return { popoverId, inlineId, kept, refused };
}

describe('what each storage mode leaves on the device', () => {
  it('full: the outbox, the displays, the dead letters, the visitor state, and the visit and cooldown marks', async () => {
    const { popoverId, inlineId, kept, refused } = await showAnswerDismiss('full');
    const stored = await heldAs(
      {
        databases: {
          [DEAD_LETTERS]: { responses: [`${refused.id}:1`] },
          [DISPLAYS]: { displays: displayKeys() },
          [OUTBOX]: { responses: [kept.id] },
          [VISITOR]: { surveys: [inlineId, popoverId].sort() },
        },
        local: [
          'csat-survey-cooldown',
          `csat-survey-visitor:${inlineId}`,
          `csat-survey-visitor:${popoverId}`,
          'csat-survey-waiting',
        ].sort(),
        session: ['csat-survey-popovers', 'csat-survey-visit'],
      },
      'full',
    );
    const { databases, local, session } = stored;

    const displays = Object.values(databases[DISPLAYS]!.displays!) as Array<{ display: { surveyId: string } }>;
    expect(displays.map((d) => d.display.surveyId).sort(), 'one display per survey shown').to.deep.equal(
      [inlineId, popoverId].sort(),
    );
    const entry = databases[OUTBOX]!.responses![kept.id] as { response: SurveyResponse };
    expect(entry.response).to.include({ id: kept.id, revision: 2, complete: true, score: 10 });
    const letter = databases[DEAD_LETTERS]!.responses![`${refused.id}:1`] as {
      reason: { code: string; status: number };
    };
    expect(letter.reason).to.include({ code: 'refused', status: 400 });

    const popoverState = databases[VISITOR]!.surveys![popoverId] as VisitorState;
    expect(popoverState.answeredAt, 'answered').to.be.a('number');
    expect(popoverState.dismissedAt, 'then dismissed').to.be.a('number');
    expect(JSON.parse(local[`csat-survey-visitor:${popoverId}`]!), 'the synchronous copy').to.deep.equal(popoverState);
    const inlineState = databases[VISITOR]!.surveys![inlineId] as VisitorState;
    expect(inlineState.answeredAt).to.be.a('number');
    expect(inlineState.dismissedAt).to.equal(undefined);

    expect(Number(local['csat-survey-cooldown']), 'the cooldown mark is when the popover was answered').to.equal(
      hook().view!.lastAt,
    );
    expect(Number(local['csat-survey-waiting'])).to.be.greaterThan(0);
    expect(session['csat-survey-popovers'], 'one popover in this visit').to.equal('1');
    expect(session['csat-survey-visit']!.split(' ').sort()).to.deep.equal([inlineId, popoverId].sort());
    expect(deliveryStatus().storage).to.equal('indexeddb');
  });

  it('answers: only the outbox with the answer waiting, and its count; the rest in memory', async () => {
    const { popoverId, kept } = await showAnswerDismiss('answers');
    const { databases, local } = await heldAs(
      { databases: { [OUTBOX]: { responses: [kept.id] } }, local: ['csat-survey-waiting'], session: [] },
      'answers',
    );
    const entry = databases[OUTBOX]!.responses![kept.id] as { response: SurveyResponse };
    expect(entry.response).to.include({ id: kept.id, revision: 2, complete: true });
    expect(Number(local['csat-survey-waiting'])).to.be.greaterThan(0);
    expect(deliveryStatus().storage).to.equal('indexeddb');
    // The visitor's state holds for this page view, in memory.
    const state = await visitorState(popoverId);
    expect(state.answeredAt).to.be.a('number');
    expect(state.dismissedAt).to.be.a('number');
    expect(hook().view!.lastAt, 'the cooldown holds in this page view').to.be.a('number');
  });

  it('none: nothing at all; the answer waits in memory and arrives once the endpoint works', async () => {
    const { kept, popoverId } = await showAnswerDismiss('none');
    await heldAs(NOTHING, 'none');
    const status = deliveryStatus();
    expect(status.storage).to.equal('memory');
    expect(status.pending, 'the answer waits in memory').to.equal(1);
    expect((await visitorState(popoverId)).answeredAt).to.be.a('number');

    resetEndpoint(accept);
    await flush();
    await waitFor(() => idsOf(received).includes(kept.id), 'the answer arrived');
    expect(received.flatMap((b) => b.responses).find((r) => r.id === kept.id)).to.include({ revision: 2 });
    expect(deliveryStatus().pending).to.equal(0);
    await heldAs(NOTHING, 'none, after delivery');
  });
});

describe('the mode changed in the middle of a page', () => {
  it('answers → full stores the visitor state with its draw; full → none deletes everything and sends from memory', async () => {
    resetEndpoint(endpoint(() => 503));
    answerDisplays(() => 503);
    configure({ storage: 'answers' });
    const id = freshId('switch');
    const el = await mount({ 'survey-id': id, comment: 'off' });
    expect(isOpen(el)).to.equal(true);
    const response = await answer(el);
    await waitFor(() => displayKeys(id).length === 1, 'the display waits');
    const { draw } = await visitorState(id);
    await heldAs(
      { databases: { [OUTBOX]: { responses: [response.id] } }, local: ['csat-survey-waiting'], session: [] },
      'in answers',
    );

    configure({ storage: 'full' });
    expect(pageStorage()).to.equal('full');
    const full = await heldAs(heldInFull(id, response.id), 'raised to full');
    const state = full.databases[VISITOR]!.surveys![id] as VisitorState;
    expect(state.draw, 'the draw this page used').to.equal(draw);
    expect(state.answeredAt).to.be.a('number');
    expect(JSON.parse(full.local[`csat-survey-visitor:${id}`]!)).to.deep.equal(state);
    expect(Number(full.local['csat-survey-cooldown'])).to.equal(hook().view!.lastAt);
    expect(full.session['csat-survey-visit']).to.equal(id);

    expect(deliveryStatus().pending, 'the answer waits for the endpoint').to.equal(1);
    configure({ storage: 'none' });
    await waitFor(async () => (await databaseNames()).length === 0, 'the databases are deleted');
    await heldAs(NOTHING, 'lowered to none');
    expect(deliveryStatus().storage).to.equal('memory');
    expect(deliveryStatus().pending, 'the answer moved to memory').to.equal(1);
    expect(deliveryStatus().displaysPending, 'and the display').to.equal(1);
    expect((await visitorState(id)).draw, 'the page view keeps its draw').to.equal(draw);

    resetEndpoint(accept);
    await flush();
    await waitFor(() => idsOf(received).includes(response.id), 'the answer arrived from memory');
    await waitFor(
      () => displayRequests.some((r) => r.batch.displays.some((d) => d.surveyId === id)),
      'the display too',
    );
    expect(deliveryStatus().pending).to.equal(0);
    await heldAs(NOTHING, 'none, after delivery');
  });

  it('full → answers deletes all but the outbox and its count', async () => {
    resetEndpoint(endpoint(() => 503));
    answerDisplays(() => 503);
    const id = freshId('lowered');
    const el = await mount({ 'survey-id': id, comment: 'off' });
    const response = await answer(el);
    await waitFor(() => displayKeys(id).length === 1, 'the display waits');
    await heldAs(heldInFull(id, response.id), 'in full');
    configure({ storage: 'answers' });
    await heldAs(
      { databases: { [OUTBOX]: { responses: [response.id] } }, local: ['csat-survey-waiting'], session: [] },
      'lowered to answers',
    );
    expect(deliveryStatus().storage).to.equal('indexeddb');
    expect(deliveryStatus().pending).to.equal(1);
    expect(deliveryStatus().displaysPending, 'the display moved to memory').to.equal(1);
  });
});

describe('Global Privacy Control', () => {
  const withGpc = async (value: boolean, test: () => void | Promise<void>) => {
    Object.defineProperty(navigator, 'globalPrivacyControl', { value, configurable: true });
    try {
      await test();
    } finally {
      delete (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl;
    }
  };

  it('lowers the default to answers; a mode the page set stands', async () => {
    await withGpc(true, () => {
      expect(pageStorage()).to.equal('answers');
      expect(surveyStorage(), 'a survey without its own mode').to.equal('answers');
      expect(surveyStorage('full'), 'a survey cannot raise it').to.equal('answers');
      expect(surveyStorage('none')).to.equal('none');
      configure({ storage: 'full' });
      expect(pageStorage(), 'configure({ storage: "full" })').to.equal('full');
      configure({ storage: 'none' });
      expect(pageStorage()).to.equal('none');
      hook().settings = {};
      expect(pageStorage(), 'settings reset').to.equal('answers');
    });
    expect(pageStorage(), 'without the signal').to.equal('full');
  });

  it('a signal that is not true changes nothing', async () => {
    await withGpc(false, () => {
      expect(pageStorage()).to.equal('full');
    });
  });
});

describe('a survey’s own storage attribute', () => {
  it('storage="none" keeps that survey’s answer and state out of storage; the other survey’s are stored', async () => {
    resetEndpoint(endpoint(() => 503));
    answerDisplays(() => 503);
    const keptId = freshId('kept');
    const memoryId = freshId('memory-only');
    const keptEl = await mount({ 'survey-id': keptId, mode: 'inline', comment: 'off' });
    const memoryEl = await mount({ 'survey-id': memoryId, mode: 'inline', comment: 'off', storage: 'none' });
    const keptAnswer = await answer(keptEl);
    const memoryAnswer = await answer(memoryEl);
    await waitFor(() => deliveryStatus().pending === 2, 'both answers wait');
    await waitFor(() => displayKeys(keptId).length === 1, 'the stored survey’s display waits');

    const { databases, local, session } = await heldAs(
      {
        databases: {
          [DISPLAYS]: { displays: displayKeys(keptId) },
          [OUTBOX]: { responses: [keptAnswer.id] },
          [VISITOR]: { surveys: [keptId] },
        },
        local: [`csat-survey-visitor:${keptId}`, 'csat-survey-waiting'],
        session: ['csat-survey-visit'],
      },
      'page full, one survey storage="none"',
    );
    expect(Object.keys(databases[OUTBOX]!.responses!)).not.to.include(memoryAnswer.id);
    expect(JSON.stringify(databases[DISPLAYS] ?? {}), 'no display of it stored').not.to.include(memoryId);
    expect(local).not.to.have.property(`csat-survey-visitor:${memoryId}`);
    expect(session['csat-survey-visit']).to.equal(keptId);
    expect(deliveryStatus().storage, 'the page still stores').to.equal('indexeddb');

    resetEndpoint(accept);
    await flush();
    await waitFor(
      () => [keptAnswer.id, memoryAnswer.id].every((id) => idsOf(received).includes(id)),
      'both answers arrived',
    );
  });

  // On a page that stores displays, the display of a survey whose own storage keeps it in memory stays known when
  // the stored displays are read again, and is sent.
  it('the display of a storage="none" survey is sent from memory', async () => {
    const keptId = freshId('kept-display');
    const memoryId = freshId('memory-display');
    await mount({ 'survey-id': keptId, mode: 'inline', comment: 'off' });
    await mount({ 'survey-id': memoryId, mode: 'inline', comment: 'off', storage: 'none' });
    await flush();
    const sent = () => displayRequests.flatMap((r) => r.batch.displays.map((d) => d.surveyId));
    await waitFor(() => sent().includes(keptId), 'the stored survey’s display arrived');
    await waitFor(() => sent().includes(memoryId), 'the memory-only survey’s display arrived', { timeout: 5000 }).catch(
      () => undefined,
    );
    expect(sent(), 'displays received').to.include(memoryId);
    expect(deliveryStatus().displaysPending).to.equal(0);
  });

  it('storage="full" on a survey does not raise the page’s "answers"', async () => {
    resetEndpoint(endpoint(() => 503));
    configure({ storage: 'answers' });
    const id = freshId('raise');
    const el = await mount({ 'survey-id': id, mode: 'inline', comment: 'off', storage: 'full' });
    const response = await answer(el);
    await heldAs(
      { databases: { [OUTBOX]: { responses: [response.id] } }, local: ['csat-survey-waiting'], session: [] },
      'page answers, survey full',
    );
  });
});

describe('configure() with bad values', () => {
  /** Runs `body` with console.error recorded (and silenced); resolves with what it was called with. */
  function errorsOf(body: () => void): string[] {
    const errors: string[] = [];
    const real = console.error;
    console.error = (...args: unknown[]) => errors.push(args.map(String).join(' '));
    try {
      expect(body).not.to.throw();
    } finally {
      console.error = real;
    }
    return errors;
  }

  it('says once per bad option what is wrong and what is allowed, and keeps the old value', () => {
    configure({ storage: 'answers', cooldownDays: 5, popoversPerVisit: 2 });
    const before = { ...pageSettings() };
    expect(before).to.deep.equal({ storage: 'answers', cooldownDays: 5, popoversPerVisit: 2 });

    const cases: Array<[Record<string, unknown>, string]> = [
      [{ storage: 'off' }, 'configure({ storage: "off" }) is ignored: expected "full", "answers" or "none".'],
      [{ storage: 'FULL' }, 'configure({ storage: "FULL" }) is ignored: expected "full", "answers" or "none".'],
      [{ storage: null }, 'configure({ storage: null }) is ignored: expected "full", "answers" or "none".'],
      [{ cooldownDays: -1 }, 'configure({ cooldownDays: -1 }) is ignored: expected a number of days from 0 to 3650.'],
      [
        { cooldownDays: 3651 },
        'configure({ cooldownDays: 3651 }) is ignored: expected a number of days from 0 to 3650.',
      ],
      [{ cooldownDays: '3' }, 'configure({ cooldownDays: "3" }) is ignored: expected a number of days from 0 to 3650.'],
      [{ cooldownDays: NaN }, 'configure({ cooldownDays: NaN }) is ignored: expected a number of days from 0 to 3650.'],
      [
        { popoversPerVisit: 0 },
        'configure({ popoversPerVisit: 0 }) is ignored: expected a whole number from 1 to 100.',
      ],
      [
        { popoversPerVisit: 1.5 },
        'configure({ popoversPerVisit: 1.5 }) is ignored: expected a whole number from 1 to 100.',
      ],
      [
        { popoversPerVisit: 101 },
        'configure({ popoversPerVisit: 101 }) is ignored: expected a whole number from 1 to 100.',
      ],
      [
        { cooldown: 3 },
        'configure({ cooldown: 3 }) is ignored: expected an object of storage, cooldownDays, popoversPerVisit.',
      ],
    ];
    for (const [options, message] of cases) {
      const errors = errorsOf(() => configure(options));
      expect(errors, JSON.stringify(options)).to.deep.equal([`<csat-survey>: ${message}`]);
      expect(pageSettings(), `${message}: the value is kept`).to.deep.equal(before);
    }
    expect(pageStorage()).to.equal('answers');
  });

  it('applies the good options given with bad ones: one error per bad one', () => {
    const errors = errorsOf(() => configure({ storage: 'off', cooldownDays: 7, popoversPerVisit: -2 } as never));
    expect(errors).to.have.length(2);
    expect(errors[0]).to.contain('storage: "off"').and.to.contain('"full", "answers" or "none"');
    expect(errors[1]).to.contain('popoversPerVisit: -2').and.to.contain('a whole number from 1 to 100');
    expect(pageSettings()).to.deep.equal({ cooldownDays: 7 });
    expect(pageStorage()).to.equal('full');
  });

  it('never throws, whatever it is given; what is not an object is one error that says so', () => {
    for (const options of [undefined, null, 42, 'full', [], Object.create({ storage: 'none' })]) {
      const errors = errorsOf(() => configure(options as never));
      expect(pageStorage(), String(options)).to.equal('full');
      if (typeof options !== 'object' || !options || Array.isArray(options))
        expect(errors, String(options))
          .to.have.length(1)
          .and.satisfy((e: string[]) => e[0]!.includes('expected an object of'));
    }
  });

  it('the script tag’s data- attributes are checked the same way', () => {
    const script = document.createElement('script');
    script.dataset.storage = 'off';
    script.dataset.cooldownDays = 'soon';
    script.dataset.popoversPerVisit = '';
    const errors = errorsOf(() => configureFromScript(script));
    expect(errors).to.deep.equal([
      '<csat-survey>: data-storage="off" is ignored: expected "full", "answers" or "none".',
      '<csat-survey>: data-cooldown-days="soon" is ignored: expected a number of days from 0 to 3650.',
      '<csat-survey>: data-popovers-per-visit="" is ignored: expected a whole number from 1 to 100.',
    ]);
    expect(pageSettings()).to.deep.equal({});

    script.dataset.storage = 'none';
    script.dataset.cooldownDays = ' 0 ';
    script.dataset.popoversPerVisit = '3';
    expect(errorsOf(() => configureFromScript(script))).to.deep.equal([]);
    expect(pageSettings()).to.deep.equal({ storage: 'none', cooldownDays: 0, popoversPerVisit: 3 });
  });
});
