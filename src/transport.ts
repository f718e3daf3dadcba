/**
 * Sending batches in wire format v1. No retries here: the delivery loop decides what a status
 * means. A batch holds at most 500 responses (or displays) and 60 kB, so it also fits a keepalive
 * request. Responses and displays never share a request.
 *
 * Nothing here trusts the page: the body is written by our own serialiser (not the page's
 * `JSON.stringify`), a request that does not settle is given up by our own timer (a page's `fetch`
 * wrapper may drop the abort signal), and a `fetch` or `sendBeacon` that throws is a failed send.
 * Redirects are never followed: a redirected POST may arrive as a GET that nobody keeps.
 * `fetch` (and `sendBeacon`) may be given: by default the page's, as it is at the time of each request.
 */
import type { SurveyDisplay, SurveyResponse } from './wire.js';
import { ownEntries, toJson } from './json.js';

export interface SendResult {
  /** The HTTP status, or 0 for a network error, a timeout or a redirect. */
  status: number;
  /** Seconds to wait, from a Retry-After header. */
  retryAfter?: number;
  /** Why there is no status: "network" (fetch failed), "timeout", or "redirect" (the endpoint redirects). */
  failure?: 'network' | 'timeout' | 'redirect';
}

export const REQUEST_TIMEOUT_MS = 15_000;
export const MAX_BATCH_RESPONSES = 500;
/** Bytes of JSON per request: under the 64 kB browsers allow in flight for keepalive and beacons. */
export const MAX_BATCH_BYTES = 60_000;

const encoder = new TextEncoder();

export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

/** Which list a request carries: the answers, or the displays (in requests of their own). */
export type List = 'responses' | 'displays';
type Items = SurveyResponse[] | SurveyDisplay[];

export function batchBody(items: Items, list: List = 'responses'): string {
  return toJson({ v: 1, sentAt: new Date().toISOString(), [list]: items });
}

export const WIRE_TYPE = 'application/json';

/**
 * The request headers: the page's `headers` with names in lower case (header names are
 * case-insensitive; of two spellings of one name the last wins), and the wire format's
 * content type, which always wins over one given in `headers`.
 */
export function requestHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const merged: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of headers ? ownEntries(headers) : []) {
    if (typeof value === 'string') merged[name.toLowerCase()] = value;
  }
  merged['content-type'] = WIRE_TYPE;
  return merged;
}

/** True when `headers` adds anything to the wire format's content type (a beacon cannot send it). */
export function hasCustomHeaders(headers: Record<string, string> | undefined): boolean {
  return ownEntries(requestHeaders(headers)).length > 1;
}

/**
 * Resolves with what `request` gives, or with undefined after `ms` whether or not it ever settles.
 * A request that throws at once rejects like one that fails later.
 */
function within<T>(request: () => Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return new Promise<T | undefined>((resolve, reject) => {
    timer = setTimeout(() => resolve(undefined), ms);
    Promise.resolve().then(request).then(resolve, reject);
  }).finally(() => clearTimeout(timer));
}

const byteLength = (text: string) => encoder.encode(text).length;

/** Cuts responses (or displays) into batches of at most 500 items and 60 kB of JSON each, in order. */
export function toBatches<T extends SurveyResponse | SurveyDisplay>(items: T[]): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  // The envelope of responses: that of displays is one character shorter.
  const envelope = byteLength(batchBody([]));
  for (const response of items) {
    const size = byteLength(toJson(response)) + 1;
    if (current.length && (current.length >= MAX_BATCH_RESPONSES || envelope + bytes + size > MAX_BATCH_BYTES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(response);
    bytes += size;
  }
  if (current.length) batches.push(current);
  return batches;
}

export async function postBatch(
  endpoint: string,
  items: Items,
  headers: Record<string, string> = {},
  timeoutMs = REQUEST_TIMEOUT_MS,
  list?: List,
  request: typeof fetch = fetch,
): Promise<SendResult> {
  const controller = new AbortController();
  try {
    const res = await within(
      () =>
        request(endpoint, {
          method: 'POST',
          credentials: 'omit',
          referrerPolicy: 'no-referrer',
          redirect: 'manual',
          headers: requestHeaders(headers),
          body: batchBody(items, list),
          signal: controller.signal,
        }),
      timeoutMs,
    );
    if (!res) {
      controller.abort();
      return { status: 0, failure: 'timeout' };
    }
    if (res.type === 'opaqueredirect') return { status: 0, failure: 'redirect' };
    return { status: res.status, retryAfter: parseRetryAfter(res.headers.get('retry-after')) };
  } catch {
    return { status: 0, failure: 'network' };
  }
}

/**
 * Whether the endpoint's server can be reached at all from this page: a GET without CORS (its
 * answer is opaque, so no preflight and no CORS check), which resolves whenever the server
 * answers anything. Used to tell a refused request (CORS, preflight) from a network outage.
 */
export async function reachable(endpoint: string, timeoutMs = 5_000, request: typeof fetch = fetch): Promise<boolean> {
  try {
    const res = await within(
      () =>
        request(endpoint, {
          method: 'GET',
          mode: 'no-cors',
          credentials: 'omit',
          referrerPolicy: 'no-referrer',
          cache: 'no-store',
        }),
      timeoutMs,
    );
    return res !== undefined;
  } catch {
    return false;
  }
}

/**
 * The best-effort send while the page goes away: `fetch` with `keepalive` while under 60 kB are
 * in flight, else `sendBeacon` as text/plain (which cannot carry headers). Resolves with the
 * status when the page lived to see the answer; nothing is removed otherwise.
 */
export function sendAtPageHide(
  endpoint: string,
  items: Items,
  headers: Record<string, string> | undefined,
  budget: { bytes: number },
  list?: List,
  request: typeof fetch = fetch,
  beacon?: (url: string, data: Blob) => boolean,
): Promise<SendResult> | undefined {
  const body = batchBody(items, list);
  const size = byteLength(body);
  if (size <= budget.bytes) {
    budget.bytes -= size;
    try {
      return Promise.resolve(
        request(endpoint, {
          method: 'POST',
          keepalive: true,
          credentials: 'omit',
          referrerPolicy: 'no-referrer',
          redirect: 'manual',
          headers: requestHeaders(headers),
          body,
        }),
      ).then(
        (res) => (res.type === 'opaqueredirect' ? { status: 0, failure: 'redirect' } : { status: res.status }),
        () => ({ status: 0, failure: 'network' }),
      );
    } catch {
      // The page's fetch threw at once: this send is lost, the answers are not (they stay in the outbox).
      return Promise.resolve({ status: 0, failure: 'network' });
    }
  }
  // Beacons share the browser's 64 kB in flight with keepalive requests: once one is refused, the
  // rest waits in the outbox for the next page.
  if (budget.bytes > 0 && !hasCustomHeaders(headers)) {
    let queued = false;
    try {
      const blob = new Blob([body], { type: 'text/plain;charset=UTF-8' });
      queued = !!(beacon ? beacon(endpoint, blob) : navigator.sendBeacon?.(endpoint, blob));
    } catch {
      // A page's sendBeacon that throws counts as refused.
    }
    if (!queued) budget.bytes = 0;
  }
  return undefined;
}
