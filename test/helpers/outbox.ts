// Helpers for the delivery tests: valid responses, the stored outbox and dead letters as the
// browser keeps them, a fake endpoint that answers what a test decides, and recorders for
// events, console warnings and page errors.
import { createStore, get, keys, setMany, type UseStore } from 'idb-keyval';
import type { OutboxEntry } from '../../src/outbox.js';
import type { Batch, SurveyResponse } from '../../src/wire.js';
import { pageDelivery } from '../../src/delivery.js';
import { pageDisplays } from '../../src/displays.js';
import { ENDPOINT, HttpResponse, http, received, requests } from './msw.js';
import { survey, waitFor } from './fixtures.js';

const { flushDue } = pageDelivery();
const { knownDisplays } = pageDisplays();

let outboxStore: UseStore | undefined;
let deadLetterStore: UseStore | undefined;

/** The outbox database the element writes to (opened on first use). */
export const outbox = () => (outboxStore ??= createStore('csat-survey-outbox', 'responses'));
/** The dead-letter database (opened on first use). */
export const deadLetterDb = () => (deadLetterStore ??= createStore('csat-survey-dead-letters', 'responses'));

/**
 * Connects one element and waits for the flush it starts, so that delivery runs and announces
 * its news as on a page with a survey, and that flush cannot race a test's own.
 */
export async function startDelivery(): Promise<void> {
  const el = await survey({ surveyId: 'warm-up' });
  await flushDue();
  el.remove();
}

/**
 * Waits until the displays recorded so far (a survey shown) were sent, and the flush that sent them
 * is over: answers a test buffers afterwards then travel without them in between.
 */
export async function displaysSent(): Promise<void> {
  await waitFor(() => !knownDisplays().length, 'displays still waiting');
  await flushDue();
}

/** A valid wire-format v1 response (NPS 9 by default). */
export function makeResponse(overrides: Partial<SurveyResponse> = {}): SurveyResponse {
  return {
    id: crypto.randomUUID(),
    revision: 1,
    complete: true,
    surveyId: 'seeded',
    type: 'nps',
    score: 9,
    scale: { min: 0, max: 10 },
    locale: 'en',
    page: { url: `${location.origin}/shop` },
    answeredAt: new Date().toISOString(),
    ...overrides,
  };
}

/** An outbox record as a page would have left it. */
export function entryFor(response: SurveyResponse, extra: Partial<OutboxEntry> = {}): OutboxEntry {
  return { endpoint: ENDPOINT, response, storedAt: Date.now(), attempts: 0, ...extra };
}

/** Writes records straight into the outbox database, as an earlier page (or tab) would have. */
export async function seed(...entries: OutboxEntry[]): Promise<void> {
  await setMany(
    entries.map((e) => [e.response.id, e]),
    outbox(),
  );
}

/** The stored outbox record of a response, or undefined. */
export const stored = (id: string) => get<OutboxEntry>(id, outbox());
/** Every key in the outbox database. */
export const storedKeys = () => keys(outbox());

/** The ids in a list of batches, in order. */
export const idsOf = (batches: Batch[]) => batches.flatMap((b) => b.responses.map((r) => r.id));

type Answer = number | Response;

/**
 * The fake endpoint: records every request in `requests` and `received` (refused ones too), then
 * answers what `decide` returns: a status (empty body) or a whole Response.
 */
export function endpoint(
  decide: (batch: Batch, request: Request) => Answer | Promise<Answer>,
  path = ENDPOINT,
): ReturnType<typeof http.post> {
  return http.post(path, async ({ request }) => {
    requests.push(request.clone());
    const batch = (await request.json()) as Batch;
    received.push(batch);
    const answer = await decide(batch, request);
    return typeof answer === 'number' ? new HttpResponse(null, { status: answer }) : answer;
  });
}

/**
 * Makes Math.random return about `value` (distinct values, so ids that other code draws from it
 * stay unique). Returns the function that puts the real one back.
 */
export function fixRandom(value: number): () => void {
  const real = Math.random;
  let n = 0;
  Math.random = () => value - ++n * 1e-9;
  return () => {
    Math.random = real;
  };
}

/** Records every `name` event that reaches `target` (with its original target), until stopped. */
export function collect<T = unknown>(
  target: EventTarget,
  name: string,
): { events: Array<CustomEvent<T>>; stop: () => void } {
  const events: Array<CustomEvent<T>> = [];
  const listener = (event: Event) => events.push(event as CustomEvent<T>);
  target.addEventListener(name, listener);
  return { events, stop: () => target.removeEventListener(name, listener) };
}

/** Records console.warn calls (without printing them) until restored. */
export function recordWarnings(): { warnings: unknown[][]; restore: () => void } {
  const warnings: unknown[][] = [];
  const real = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args);
  return {
    warnings,
    restore: () => {
      console.warn = real;
    },
  };
}

/** The warnings the widget wrote (they start with "<csat-survey>"). */
export const widgetWarnings = (warnings: unknown[][]) =>
  warnings.filter((args) => String(args[0]).startsWith('<csat-survey>'));

/** Records uncaught errors and unhandled rejections that reach the page, until stopped. */
export function recordPageErrors(): { errors: unknown[]; stop: () => void } {
  const errors: unknown[] = [];
  const onError = (event: ErrorEvent) => errors.push(event.error ?? event.message);
  const onRejection = (event: PromiseRejectionEvent) => errors.push(event.reason);
  addEventListener('error', onError);
  addEventListener('unhandledrejection', onRejection);
  return {
    errors,
    stop: () => {
      removeEventListener('error', onError);
      removeEventListener('unhandledrejection', onRejection);
    },
  };
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
