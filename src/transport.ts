/**
 * Sending batches in wire format v1. No retries here: the delivery loop decides what a status
 * means. A batch holds at most 500 responses and 60 kB, so it also fits a keepalive request.
 */
import type { Batch, SurveyResponse } from './wire.js';

export interface SendResult {
  /** The HTTP status, or 0 for a network error or a timeout. */
  status: number;
  /** Seconds to wait, from a Retry-After header. */
  retryAfter?: number;
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

export function batchBody(responses: SurveyResponse[]): string {
  const batch: Batch = { v: 1, sentAt: new Date().toISOString(), responses };
  return JSON.stringify(batch);
}

const byteLength = (text: string) => encoder.encode(text).length;

/** Cuts responses into batches of at most 500 responses and 60 kB of JSON each, in order. */
export function toBatches(responses: SurveyResponse[]): SurveyResponse[][] {
  const batches: SurveyResponse[][] = [];
  let current: SurveyResponse[] = [];
  let bytes = 0;
  const envelope = byteLength(batchBody([]));
  for (const response of responses) {
    const size = byteLength(JSON.stringify(response)) + 1;
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
  responses: SurveyResponse[],
  headers: Record<string, string> = {},
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<SendResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await fetch(endpoint, {
      method: 'POST',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      headers: { ...headers, 'content-type': 'application/json' },
      body: batchBody(responses),
      signal: controller.signal,
    });
    return { status: res.status, retryAfter: parseRetryAfter(res.headers.get('retry-after')) };
  } catch {
    return { status: 0 };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The best-effort send while the page goes away: `fetch` with `keepalive` while under 60 kB are
 * in flight, else `sendBeacon` as text/plain (which cannot carry headers). Resolves with the
 * status when the page lived to see the answer; nothing is removed otherwise.
 */
export function sendAtPageHide(
  endpoint: string,
  responses: SurveyResponse[],
  headers: Record<string, string> | undefined,
  budget: { bytes: number },
): Promise<SendResult> | undefined {
  const body = batchBody(responses);
  const size = byteLength(body);
  if (size <= budget.bytes) {
    budget.bytes -= size;
    return fetch(endpoint, {
      method: 'POST',
      keepalive: true,
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      headers: { ...headers, 'content-type': 'application/json' },
      body,
    }).then(
      (res) => ({ status: res.status }),
      () => ({ status: 0 }),
    );
  }
  // Beacons share the browser's 64 kB in flight with keepalive requests: once one is refused, the
  // rest waits in the outbox for the next page.
  if (budget.bytes > 0 && (!headers || !Object.keys(headers).length)) {
    if (!navigator.sendBeacon?.(endpoint, new Blob([body], { type: 'text/plain;charset=UTF-8' }))) budget.bytes = 0;
  }
  return undefined;
}
