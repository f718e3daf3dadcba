/**
 * Delivery (SPEC §4): moves responses from the outbox to their endpoints. A response leaves
 * the outbox only once its endpoint answered 2xx or 409. Network errors, timeouts, 408, 425,
 * 429 and 5xx are retried with exponential backoff and full jitter, across page loads;
 * 401/403 pause the endpoint; 413 splits the batch; any other 4xx splits it until the refused
 * response stands alone, and that one goes to the dead letters. One tab flushes at a time.
 * A redirect is never taken as delivered: it is retried like a network error and reported once,
 * and so is an endpoint the page cannot reach at all (its CSP, or CORS refusing the request).
 *
 * Displays (a survey shown) go in requests of their own, after the answers: an endpoint's displays
 * wait while any of its answers waits, are retried with their own backoff, follow the answers'
 * 401/403 pause, and are dropped (counted, reported once per endpoint) when the endpoint refuses
 * them with any other 4xx: a receiver that does not know displays loses no answer.
 *
 * One delivery per page (`pageDelivery()`), made by `createDelivery()` with what it works with given to it, as
 * idb-keyval takes its store: the outbox, displays and dead letters, `fetch` and `sendBeacon`, and a clock. A test
 * makes its own with a fake endpoint and a fake clock.
 */
import { afterFailure, isDue, isExpired, retryDelay, MAX_WAIT_MS, type RetryState } from './backoff.js';
import {
  DEAD_LETTER_DB,
  pageDeadLetters,
  type DeadLetter,
  type DeadLetterCode,
  type DeadLetterStore,
} from './dead-letters.js';
import {
  MAX_BUFFERED,
  pageOutbox,
  type CorruptRecord,
  type NewEntry,
  type OutboxEntry,
  type OutboxStore,
  type PutResult,
} from './outbox.js';
import {
  MAX_BATCH_BYTES,
  REQUEST_TIMEOUT_MS,
  postBatch,
  reachable,
  requestHeaders,
  sendAtPageHide,
  toBatches,
  type List,
  type SendResult,
} from './transport.js';
import { ownEntries, toJson } from './json.js';
import { WAITING_KEY } from './loader/keys.js';
import { newResponseId } from './response.js';
import type { SurveyDisplay, SurveyResponse } from './wire.js';
import { pageDisplays, type DisplayEntry, type DisplayStore } from './displays.js';
import { keeps, pageStorage, type StorageMode } from './storage-mode.js';
import { forgetBeyond } from './storage-wipe.js';

export type DeliveryErrorCode =
  | DeadLetterCode
  | 'unauthorized'
  | 'origin-refused'
  | 'buffer-full'
  | 'endpoint-redirected'
  | 'endpoint-unreachable'
  | 'displays-refused';

export interface ErrorNotice {
  kind: 'error';
  code: DeliveryErrorCode;
  message: string;
  response?: SurveyResponse;
  status?: number;
  endpoint?: string;
}

export type DeliveryNotice = { kind: 'delivered'; responses: SurveyResponse[] } | ErrorNotice;

/**
 * Who hears the news of a delivery (an element's controller, the document): each notice, and each delivered
 * response, goes to the nearest listener only (the first of equals).
 */
export interface NoticeListener {
  /** How near a response (or, for a notice of no response, its endpoint) is to this listener; 0: not at all. */
  near(response: SurveyResponse | undefined, endpoint: string | undefined): number;
  hear(notice: DeliveryNotice): void;
}

/** What `window.CsatSurvey.status` shows: the outbox now, and counts since this page loaded. */
export interface DeliveryStatus {
  /** Responses waiting in the outbox (as last read). */
  pending: number;
  /** "memory" once IndexedDB failed to keep an answer in this page. */
  storage: 'indexeddb' | 'memory';
  /** Endpoints that answered 401/403, left alone until `flush()` or the next page load. */
  paused: string[];
  /** When the backoff timer flushes next, if it is set. */
  nextAttemptAt?: string;
  delivered: number;
  refused: number;
  expired: number;
  corrupt: number;
  unbuffered: number;
  /** Displays waiting to be sent (as last read). */
  displaysPending: number;
  /** Displays the endpoints confirmed since this page loaded. */
  displaysDelivered: number;
  /** Displays dropped since this page loaded: refused by an endpoint, past the 200 kept, expired or corrupt. */
  displaysDropped: number;
}

/** Where an entry goes: its endpoint, with its headers. */
type Target = Pick<OutboxEntry, 'endpoint' | 'headers'>;
type Items = SurveyResponse[] | SurveyDisplay[];
type Outcome =
  { kind: 'done' | 'paused' } | { kind: 'retry' | 'refused'; status: number; retryAfter: number | undefined };

const LOCK = 'csat-survey-flush';
/** How long a claim (used where Web Locks are missing) keeps other tabs off a batch. */
const LEASE_MS = REQUEST_TIMEOUT_MS + 15_000;
/** How many failed sends in a row, to a server that answers a probe, are reported as endpoint-unreachable. */
const REFUSED_TIMES = 2;
const KEPT = 'Answers are kept and sent again later.';
/** On a server (server rendering, Node) there is nothing stored and nothing to send. */
const onServer = typeof document === 'undefined';

const keyOf = (e: Target) => toJson([e.endpoint, e.headers ?? {}]);
const accepted = (status: number) => (status >= 200 && status < 300) || status === 409;
const retryable = (status: number) =>
  status === 408 || status === 425 || status === 429 || status >= 500 || status < 400;
const originOf = (url: string) => {
  try {
    return new URL(url, location.href).origin;
  } catch {
    return url;
  }
};

/** Where a delivery reads the time and sets its backoff timer: the page's own clock, or a test's fake one. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

/** The outbox a delivery takes answers from (by default the page's, in IndexedDB "csat-survey-outbox"). */
export type Outbox = Pick<
  OutboxStore,
  | 'putEntry'
  | 'readOutbox'
  | 'removeDelivered'
  | 'removeRecord'
  | 'updateRetry'
  | 'claim'
  | 'inMemoryOnly'
  | 'knownEntries'
  | 'storageMode'
  | 'clearOutbox'
  | 'setStoring'
>;
/** The displays waiting to be sent (by default the page's, in IndexedDB "csat-survey-displays"). */
export type Displays = Pick<
  DisplayStore,
  'putDisplay' | 'readDisplays' | 'updateDisplays' | 'knownDisplays' | 'clearDisplays' | 'setStoring'
>;
/** Where responses that will never be sent are kept (by default the page's, in IndexedDB "csat-survey-dead-letters"). */
export type DeadLetters = Pick<DeadLetterStore, 'putDeadLetter' | 'clearDeadLetters' | 'setStoring'>;

/**
 * What a delivery works with; each one left out is the page's own. A store is made as idb-keyval makes one:
 * `createOutbox(() => closableStore('my-db', 'responses'))`.
 */
export interface DeliveryOptions {
  outbox?: Outbox;
  displays?: Displays;
  deadLetters?: DeadLetters;
  /** The page's `fetch` at the time of each request, by default (a page may wrap it later). */
  fetch?: typeof fetch;
  /** `navigator.sendBeacon`, by default. */
  sendBeacon?: (url: string, data: Blob) => boolean;
  clock?: Clock;
  /** The page's storage mode, read at each use (by default the page's settings: storage-mode.ts). */
  storage?: () => StorageMode;
}

/** The page's clock, read at each use (so a test's fake `Date` or timers apply). */
const pageClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (timer) => clearTimeout(timer as number),
};

/** One delivery: what it does for the page (the script tag's API, the element's controller, the loader). */
export interface Delivery {
  /** Adds a listener (once) for the news of every delivery and every response that will not be delivered. */
  onNotice(listener: NoticeListener): () => void;
  /** The surveys whose question was shown in this page load: each is counted as one display. */
  readonly shown: Set<string>;
  /** The outbox now, and counts since this delivery started. */
  deliveryStatus(): DeliveryStatus;
  /**
   * Keeps a response durably (or in memory, or only sends it when the outbox is full). `own`: its survey's
   * `storage`, which can only lower the page's mode.
   */
  record(entry: NewEntry, own?: StorageMode): Promise<PutResult>;
  /** Keeps a display to send after the answers (best effort: past 200 waiting, the oldest is dropped). */
  recordDisplay(
    entry: { endpoint: string; headers?: Record<string, string>; display: SurveyDisplay },
    own?: StorageMode,
  ): Promise<void>;
  /**
   * The page's storage mode changed: stores the mode now allows keep what waits in memory; stores it no longer
   * allows move what they hold to memory (to be sent from there), and what the mode does not allow is deleted.
   */
  storageChanged(): Promise<void>;
  /** Tries to deliver everything buffered now, ignoring the backoff wait and any pause. Never rejects. */
  flush(): Promise<void>;
  /** The automatic flush (page load, online, visible, submit, timer): respects backoff and pauses. */
  flushDue(): Promise<void>;
  /** Installs the flush triggers once and flushes what earlier pages left. */
  startDelivery(): void;
  /** Forgets every buffered response, dead letter and display, and any pause. */
  clearStoredResponses(): Promise<void>;
}

/** Makes a delivery over the stores, network and clock given (the page's own for each one left out). */
export function createDelivery({
  outbox = pageOutbox(),
  displays = pageDisplays(),
  deadLetters = pageDeadLetters(),
  fetch: request,
  sendBeacon,
  clock = pageClock,
  storage = pageStorage,
}: DeliveryOptions = {}): Delivery {
  const counts = {
    delivered: 0,
    refused: 0,
    expired: 0,
    corrupt: 0,
    unbuffered: 0,
    displaysDelivered: 0,
    displaysDropped: 0,
  };
  const paused = new Map<string, string>();
  /** Endpoints (with their headers) that refused displays in this page: later ones are dropped unsent. */
  const refusingDisplays = new Set<string>();
  /** `${code} ${endpoint}` of the endpoint problems already reported in this page: each is reported once. */
  const reported = new Set<string>();
  /**
   * Failed sends in a row, per endpoint, that the server answered a probe for: one alone may be a
   * dropped connection; two in a row, with no answer between, is a request this page cannot make.
   */
  const refusedInARow = new Map<string, number>();
  /** Origins (and URLs) the page's Content-Security-Policy refused a connection to. */
  const blockedByPolicy = new Set<string>();
  const listeners = new Set<NoticeListener>();
  const tab = newResponseId();
  let running: Promise<void> | undefined;
  let again: boolean | undefined;
  let timer: unknown;
  let nextAttemptAt: number | undefined;
  let sentAtHide = false;
  /** The clock reading of the last pass: what was not due then may be due by the time the timer is set. */
  let lastPassAt = 0;
  let started = false;
  // The stores as the page's mode says from the start (a page that starts in `none` touches no storage).
  if (!onServer) void applyStorage(false);

  /**
   * `localStorage["csat-survey-waiting"]`: how many answers and displays wait in this browser, as last known,
   * so the loader fetches delivery only on pages where something waits ("0": nothing; absent: unknown, so it loads).
   */
  function noteWaiting(
    count = outbox.knownEntries().length + (keeps(storage(), 'all') ? displays.knownDisplays().length : 0),
  ): void {
    if (!keeps(storage(), 'answers')) return;
    try {
      // Nothing waits and nothing was ever counted: nothing is written (a page with no survey stores nothing).
      if (!count && localStorage.getItem(WAITING_KEY) === null) return;
      if (count < 0) localStorage.removeItem(WAITING_KEY);
      else localStorage.setItem(WAITING_KEY, String(count));
    } catch {
      // No localStorage: the loader always loads delivery.
    }
  }

  /**
   * News that came while nobody listened (the script tag's delivery chunk runs, and may deliver or refuse what
   * earlier pages left, before the element is defined): told once the first listeners are in.
   */
  const unheard: Array<() => void> = [];
  /** Tells now, or keeps it for the first listeners. */
  function tell(news: () => void): void {
    if (listeners.size) news();
    else unheard.push(news);
  }

  function onNotice(listener: NoticeListener): () => void {
    listeners.add(listener);
    // A microtask later, so that listeners added together (an element and the document) are all in.
    if (unheard.length) queueMicrotask(() => unheard.splice(0).forEach(tell));
    return () => listeners.delete(listener);
  }

  function nearest(response?: SurveyResponse, endpoint?: string): NoticeListener | undefined {
    let found: NoticeListener | undefined;
    let most = -1;
    for (const listener of listeners) {
      const near = listener.near(response, endpoint);
      if (near > most) [found, most] = [listener, near];
    }
    return found;
  }

  /** Tells each response's nearest listener that it was delivered. */
  function notifyDelivered(delivered: SurveyResponse[]): void {
    tell(() => {
      const heard = new Map<NoticeListener | undefined, SurveyResponse[]>();
      for (const r of delivered) {
        const listener = nearest(r);
        heard.set(listener, [...(heard.get(listener) ?? []), r]);
      }
      heard.forEach((responses, listener) => listener?.hear({ kind: 'delivered', responses }));
    });
  }

  /** Reports a problem (of a response, or of an endpoint) in the console and to the nearest listener. */
  function warn(code: DeliveryErrorCode, message: string, about: Omit<ErrorNotice, 'kind' | 'code' | 'message'>): void {
    console.warn(`<csat-survey>: ${message}`);
    tell(() => nearest(about.response, about.endpoint)?.hear({ kind: 'error', code, ...about, message }));
  }

  function deliveryStatus(): DeliveryStatus {
    return Object.freeze({
      pending: outbox.knownEntries().length,
      displaysPending: displays.knownDisplays().length,
      storage: outbox.storageMode(),
      paused: [...paused.values()],
      ...(nextAttemptAt !== undefined && { nextAttemptAt: new Date(nextAttemptAt).toISOString() }),
      ...counts,
    });
  }

  /** Keeps a response durably (or in memory, or only sends it when the outbox is full). */
  async function record(entry: NewEntry, own?: StorageMode): Promise<PutResult> {
    const result = await outbox.putEntry(entry, clock.now(), !!own && !keeps(own, 'answers'));
    noteWaiting(Math.max(1, outbox.knownEntries().length));
    if (result === 'unbuffered') {
      counts.unbuffered++;
      warn(
        'buffer-full',
        `the outbox is full (${MAX_BUFFERED} responses): response ${entry.response.id} is sent but not stored, and lost if this send fails.`,
        { response: entry.response },
      );
    }
    return result;
  }

  /** Keeps a display to send after the answers (best effort: past 200 waiting, the oldest is dropped). */
  async function recordDisplay(
    entry: { endpoint: string; headers?: Record<string, string>; display: SurveyDisplay },
    own?: StorageMode,
  ) {
    counts.displaysDropped += await displays.putDisplay(entry, clock.now(), !!own && !keeps(own, 'all'));
    noteWaiting(keeps(storage(), 'all') ? Math.max(1, displays.knownDisplays().length) : undefined);
  }

  /** Tries to deliver everything buffered now, ignoring the backoff wait and any pause. Never rejects. */
  function flush(): Promise<void> {
    return run(true);
  }

  /** The automatic flush (page load, online, visible, submit, timer): respects backoff and pauses. */
  function flushDue(): Promise<void> {
    return run(false);
  }

  function run(force: boolean): Promise<void> {
    if (onServer) return Promise.resolve();
    if (running) {
      again = again || force;
      return running;
    }
    running = (async () => {
      let forced = force;
      for (;;) {
        again = undefined;
        // flush() lifts every pause (each is reported again if the endpoint still refuses).
        if (forced) paused.clear();
        await exclusive((useClaims) => pass(forced, useClaims));
        // Displays after the answers, under the lock again: a tab waiting to send answers goes first.
        await exclusive(() => passDisplays(forced));
        if (again === undefined) break;
        forced = again;
      }
    })()
      .catch(() => undefined)
      .finally(() => {
        running = undefined;
        noteWaiting();
        schedule();
      });
    return running;
  }

  /** One pass under the cross-tab lock; where Web Locks are missing (or refused), claims per batch instead. */
  async function exclusive(task: (useClaims: boolean) => Promise<void>): Promise<void> {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (locks) {
      let ran = false;
      try {
        await locks.request(LOCK, () => {
          ran = true;
          return task(false);
        });
        return;
      } catch {
        if (ran) return;
      }
    }
    await task(true);
  }

  /** Entries by endpoint (with its headers), in order; those of a paused endpoint are left out. */
  function byEndpoint<T extends Target>(entries: T[]): Map<string, T[]> {
    const groups = new Map<string, T[]>();
    for (const entry of entries) {
      const key = keyOf(entry);
      if (!paused.has(key)) groups.set(key, [...(groups.get(key) ?? []), entry]);
    }
    return groups;
  }

  /** The change a failed send makes to these entries: one more attempt, and the backoff wait. */
  function failed<T extends RetryState>(entries: T[], retryAfter?: number): (entry: T) => T {
    const delay = retryDelay(Math.max(...entries.map((e) => e.attempts)) + 1, retryAfter);
    const now = clock.now();
    return (entry) => ({ ...entry, ...afterFailure(entry, delay, now) });
  }

  async function pass(force: boolean, useClaims: boolean): Promise<void> {
    const { entries, corrupt } = await outbox.readOutbox();
    for (const record of corrupt) await moveAside(record);
    if (navigator.onLine === false) return;
    const now = (lastPassAt = clock.now());
    const live: OutboxEntry[] = [];
    for (const entry of entries) {
      if (isExpired(entry, now)) await deadLetter(entry, 'expired', undefined, 'was not delivered within 30 days');
      else live.push(entry);
    }
    for (const [key, entries] of byEndpoint(live)) {
      let group = entries;
      if (!force && !group.every((e) => isDue(e, now))) {
        // Waiting for backoff; a new answer held in memory only cannot wait, so it goes now, alone.
        group = group.filter((e) => !e.attempts && outbox.inMemoryOnly(e.response.id));
        if (!group.length) continue;
      }
      await deliverGroup(key, group, useClaims);
    }
  }

  async function deliverGroup(key: string, group: OutboxEntry[], useClaims: boolean): Promise<void> {
    for (let batch of toBatches(group.map((e) => e.response))) {
      if (useClaims) {
        const claimed = await outbox.claim(
          batch.map((r) => r.id),
          tab,
          clock.now() + LEASE_MS,
          clock.now(),
        );
        batch = batch.filter((r) => claimed.has(r.id));
        if (!batch.length) continue;
      }
      const outcome = await send(key, group, batch);
      if (outcome.kind === 'paused') return;
      if (outcome.kind === 'retry') {
        await outbox.updateRetry(
          group.map((e) => e.response.id),
          failed(group, outcome.retryAfter),
        );
        return;
      }
    }
  }

  /**
   * Posts one batch (of answers or displays) and says what the endpoint's answer means: sent ("done"), "paused"
   * (401/403, reported once), "retry" (no answer, 408, 425, 429, 5xx, a redirect) or "refused" (any other 4xx).
   */
  async function post(key: string, { endpoint, headers }: Target, batch: Items, list?: List): Promise<Outcome> {
    const result = await postBatch(endpoint, batch, headers, undefined, list, request);
    const { status } = result;
    if (result.failure) await diagnose(endpoint, headers, result);
    else refusedInARow.delete(endpoint);
    if (accepted(status)) return { kind: 'done' };
    if (status === 401 || status === 403) {
      pause(key, endpoint, status);
      return { kind: 'paused' };
    }
    return { kind: retryable(status) ? 'retry' : 'refused', status, retryAfter: result.retryAfter };
  }

  /** Sends one batch of answers; a refused batch is halved until the refused response stands alone. */
  async function send(key: string, group: OutboxEntry[], batch: SurveyResponse[]): Promise<Outcome> {
    const outcome = await post(key, group[0] as OutboxEntry, batch);
    if (outcome.kind === 'done') {
      await outbox.removeDelivered(batch);
      counts.delivered += batch.length;
      notifyDelivered(batch);
    }
    if (outcome.kind !== 'refused') return outcome;
    if (batch.length === 1) {
      const refused = batch[0] as SurveyResponse;
      const entry = group.find((e) => e.response.id === refused.id) as OutboxEntry;
      const { status } = outcome;
      await deadLetter(
        { ...entry, response: refused },
        'refused',
        status,
        `was refused by ${entry.endpoint} with ${status}`,
      );
      return { kind: 'done' };
    }
    const middle = Math.ceil(batch.length / 2);
    for (const half of [batch.slice(0, middle), batch.slice(middle)]) {
      const next = await send(key, group, half);
      if (next.kind !== 'done') return next;
    }
    return { kind: 'done' };
  }

  /**
   * The displays, after the answers: those of an endpoint whose answers all went (or that had none),
   * not paused and due, each endpoint's in requests of their own. Expired ones (30 days, 8 attempts)
   * and those for an endpoint that refused displays in this page are dropped.
   */
  async function passDisplays(force: boolean): Promise<void> {
    const { entries, bad } = await displays.readDisplays();
    counts.displaysDropped += bad;
    if (navigator.onLine === false) return;
    const now = clock.now();
    const answersWaiting = new Set(outbox.knownEntries().map(keyOf));
    const due: DisplayEntry[] = [];
    for (const entry of entries) {
      if (isExpired(entry, now) || refusingDisplays.has(keyOf(entry))) await drop([entry]);
      else if (force || isDue(entry, now)) due.push(entry);
    }
    for (const [key, group] of byEndpoint(due)) {
      if (answersWaiting.has(key)) continue;
      let sent = 0;
      for (const batch of toBatches(group.map((e) => e.display))) {
        if (!(await sendDisplays(key, group.slice(sent, (sent += batch.length)), batch))) break;
      }
    }
  }

  async function drop(entries: DisplayEntry[]): Promise<void> {
    counts.displaysDropped += entries.length;
    await displays.updateDisplays(entries, () => undefined);
  }

  /** Sends one batch of displays; resolves false when the endpoint's other displays must wait, or go. */
  async function sendDisplays(key: string, sent: DisplayEntry[], batch: SurveyDisplay[]): Promise<boolean> {
    const endpoint = (sent[0] as DisplayEntry).endpoint;
    const outcome = await post(key, sent[0] as DisplayEntry, batch, 'displays');
    if (outcome.kind === 'done') {
      counts.displaysDelivered += batch.length;
      await displays.updateDisplays(sent, () => undefined);
      return true;
    }
    if (outcome.kind === 'retry') await displays.updateDisplays(sent, failed(sent, outcome.retryAfter));
    if (outcome.kind === 'refused') {
      // A receiver that does not take displays: they are dropped, and so are later ones for it in this page.
      refusingDisplays.add(key);
      await drop(sent);
      reportEndpoint(
        'displays-refused',
        endpoint,
        `${endpoint} refused displays with ${outcome.status}: they are dropped for this page. Answers are not affected.`,
        outcome.status,
      );
    }
    return false;
  }

  /** Leaves an endpoint (with its headers) alone until the next page load or flush(), and says so once. */
  function pause(key: string, endpoint: string, status: number): void {
    if (!paused.has(key)) {
      paused.set(key, endpoint);
      const refused = status === 403;
      warn(
        refused ? 'origin-refused' : 'unauthorized',
        `${endpoint} answered ${status}: ${
          refused
            ? `allow this page's origin, ${location.origin}, on it (on the csat-survey collector: CSAT_ALLOWED_ORIGINS, or its dashboard)`
            : 'check the credentials in its headers'
        }. Answers are kept until the next page load or flush().`,
        { status, endpoint },
      );
    }
  }

  /** Reports a problem of an endpoint once per page. */
  function reportEndpoint(
    code: 'endpoint-redirected' | 'endpoint-unreachable' | 'displays-refused',
    endpoint: string,
    message: string,
    status?: number,
  ) {
    const key = `${code} ${endpoint}`;
    if (reported.has(key)) return;
    reported.add(key);
    warn(code, message, { endpoint, ...(status && { status }) });
  }

  function reportBlockedByPolicy(endpoint: string): void {
    reportEndpoint(
      'endpoint-unreachable',
      endpoint,
      `${endpoint} is blocked by this page's Content-Security-Policy: add ${originOf(endpoint)} to its connect-src. ${KEPT}`,
    );
  }

  /**
   * A send that got no status: a redirect is reported at once; a failed request while the browser
   * is online is told apart from an outage by one request the server answers even without CORS.
   * Refused by the page's CSP, or reachable on two failed sends in a row (one alone may be a dropped
   * connection), means this page can never send there as configured.
   */
  async function diagnose(endpoint: string, headers: Target['headers'], result: SendResult): Promise<void> {
    if (result.failure === 'redirect') {
      reportEndpoint(
        'endpoint-redirected',
        endpoint,
        `${endpoint} redirects, which is never taken as delivered: point \`endpoint\` at the final URL. ${KEPT}`,
      );
      return;
    }
    if (result.failure !== 'network' || navigator.onLine === false) return;
    if (reported.has(`endpoint-unreachable ${endpoint}`)) return;
    const up = await reachable(endpoint, undefined, request);
    if (blockedByPolicy.has(originOf(endpoint))) return reportBlockedByPolicy(endpoint);
    if (!up) {
      refusedInARow.delete(endpoint);
      return;
    }
    const times = (refusedInARow.get(endpoint) ?? 0) + 1;
    refusedInARow.set(endpoint, times);
    if (times < REFUSED_TIMES) return;
    const custom = ownEntries(requestHeaders(headers))
      .map(([name]) => name)
      .filter((name) => name !== 'content-type');
    reportEndpoint(
      'endpoint-unreachable',
      endpoint,
      `${endpoint} answers, but the browser refused the request: its CORS must allow this page's origin (${location.origin})${custom.length ? ` and headers (${custom.join(', ')})` : ''}. ${KEPT}`,
    );
  }

  /** The page's CSP refused a connection: an endpoint of ours there is unreachable from this page. */
  function onPolicyViolation(event: SecurityPolicyViolationEvent): void {
    if (!/^(connect-src|default-src)/.test(event.effectiveDirective || event.violatedDirective || '')) return;
    const blocked = originOf(event.blockedURI);
    blockedByPolicy.add(blocked);
    for (const entry of outbox.knownEntries()) {
      if (originOf(entry.endpoint) === blocked) reportBlockedByPolicy(entry.endpoint);
    }
  }

  /** Moves a response to the dead letters (first), then out of the outbox, and reports it. */
  async function deadLetter(entry: OutboxEntry, code: DeadLetterCode, status: number | undefined, why: string) {
    const { response, endpoint } = entry;
    const letter: DeadLetter = {
      endpoint,
      response,
      reason: { code, message: why, ...(status && { status }) },
      at: clock.now(),
    };
    const kept = await deadLetters.putDeadLetter(letter);
    await outbox.removeDelivered([response]);
    counts[code === 'refused' ? 'refused' : 'expired']++;
    warn(
      code,
      `response ${response.id} (revision ${response.revision}) ${why}; ${kept ? `kept in IndexedDB "${DEAD_LETTER_DB}"` : 'only in this event'}.`,
      { response, ...(status && { status }) },
    );
  }

  async function moveAside(record: CorruptRecord): Promise<void> {
    const kept = await deadLetters.putDeadLetter({
      raw: record.value,
      reason: { code: 'corrupt-record', message: record.problem },
      at: clock.now(),
    });
    await outbox.removeRecord(record.key);
    counts.corrupt++;
    warn(
      'corrupt-record',
      `stored record ${String(record.key)} is not a valid response (${record.problem}); moved ${kept ? `to IndexedDB "${DEAD_LETTER_DB}"` : 'out of the outbox'}.`,
      {},
    );
  }

  /** Sets the backoff timer for the earliest group that is waiting. */
  function schedule(): void {
    if (timer !== undefined) clock.clearTimeout(timer);
    nextAttemptAt = undefined;
    const waits = new Map<string, number>();
    // An endpoint with answers is due when its answers are (its displays go after them, in the same
    // pass): a display's longer backoff never holds an answer back. Without answers, when its displays are.
    for (const e of outbox.knownEntries()) {
      const key = keyOf(e);
      if (!paused.has(key)) waits.set(key, Math.max(waits.get(key) ?? 0, e.notBefore ?? 0));
    }
    const answered = new Set(waits.keys());
    for (const e of displays.knownDisplays()) {
      const key = keyOf(e);
      if (!paused.has(key) && !answered.has(key))
        waits.set(key, Math.min(waits.get(key) ?? Infinity, e.notBefore ?? 0));
    }
    // Offline, the `online` event flushes. Due since the last pass: now. Due at the last pass and still
    // here means another tab holds it: look again later.
    if (!waits.size || navigator.onLine === false) return;
    const now = clock.now();
    const at = Math.min(...waits.values());
    const wait = at > now ? Math.min(at - now, MAX_WAIT_MS) : at > lastPassAt ? 0 : LEASE_MS;
    nextAttemptAt = now + wait;
    timer = clock.setTimeout(() => void flushDue(), wait);
  }

  /** At page hide: one best-effort send of everything pending. Nothing is removed for it. Never throws. */
  function sendBeforeLeaving(): void {
    if (sentAtHide) return;
    sentAtHide = true;
    try {
      sendEverything();
    } catch {
      // Whatever failed here, the answers are still in the outbox for the next page.
    }
  }

  function sendEverything(): void {
    const budget = { bytes: MAX_BATCH_BYTES };
    const answers = outbox.knownEntries();
    const answered = new Set(answers.map(keyOf));
    // Every answer first; then, in what budget is left, the displays of the endpoints with no answer
    // waiting (those requests would race: the others go on the next page, after the answers).
    for (const [list, entries] of [
      ['responses', answers],
      ['displays', displays.knownDisplays().filter((e) => !refusingDisplays.has(keyOf(e)) && !answered.has(keyOf(e)))],
    ] as const) {
      for (const group of byEndpoint<OutboxEntry | DisplayEntry>(entries).values()) {
        const { endpoint, headers } = group[0] as Target;
        const items = group.map((e) => ('response' in e ? e.response : e.display));
        for (const batch of toBatches(items))
          void sendAtPageHide(endpoint, batch as SurveyResponse[], headers, budget, list, request, sendBeacon);
      }
    }
  }

  /** Installs the flush triggers once per page and flushes what earlier pages left. */
  function startDelivery(): void {
    if (started) return;
    started = true;
    addEventListener('online', () => void flushDue());
    addEventListener('pagehide', sendBeforeLeaving);
    addEventListener('pageshow', () => (sentAtHide = false));
    document.addEventListener('securitypolicyviolation', onPolicyViolation);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') return sendBeforeLeaving();
      sentAtHide = false;
      void flushDue();
    });
    void flushDue();
  }

  /**
   * The stores as the mode says. `move`: the mode changed, so answers no longer stored move to memory (and are sent
   * from there); waiting displays and dead letters are deleted with their databases (forgetBeyond).
   */
  async function applyStorage(move: boolean): Promise<void> {
    const mode = storage();
    await Promise.all([
      outbox.setStoring(keeps(mode, 'answers'), move),
      displays.setStoring(keeps(mode, 'all')),
      deadLetters.setStoring(keeps(mode, 'all')),
    ]);
  }

  async function storageChanged(): Promise<void> {
    if (onServer) return;
    await applyStorage(true);
    await forgetBeyond(storage());
    noteWaiting();
    void flushDue();
  }

  /** Forgets every buffered response, dead letter and display, and any pause. */
  async function clearStoredResponses(): Promise<void> {
    if (onServer) return;
    await running;
    await Promise.all([outbox.clearOutbox(), deadLetters.clearDeadLetters(), displays.clearDisplays()]);
    paused.clear();
    // Removed rather than "0": the next page's flush writes it again.
    noteWaiting(-1);
    schedule();
  }

  return {
    onNotice,
    shown: new Set(),
    deliveryStatus,
    record,
    recordDisplay,
    flush,
    flushDue,
    startDelivery,
    clearStoredResponses,
    storageChanged,
  };
}

let page: Delivery | undefined;

/** The page's delivery, made on first use: one outbox, one timer and one set of counts per page. */
export const pageDelivery = (): Delivery => (page ??= createDelivery());
