/** One POST of one batch in wire format v1. No retries here: the delivery loop decides. */
import type { Batch, SurveyResponse } from './wire.js';

export interface SendResult {
  /** The HTTP status, or 0 for a network error or a timeout. */
  status: number;
  /** Seconds to wait, from a Retry-After header. */
  retryAfter?: number;
}

export const REQUEST_TIMEOUT_MS = 15_000;

export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

export async function postBatch(
  endpoint: string,
  responses: SurveyResponse[],
  headers: Record<string, string> = {},
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<SendResult> {
  const batch: Batch = { v: 1, sentAt: new Date().toISOString(), responses };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await fetch(endpoint, {
      method: 'POST',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(batch),
      signal: controller.signal,
    });
    return { status: res.status, retryAfter: parseRetryAfter(res.headers.get('retry-after')) };
  } catch {
    return { status: 0 };
  } finally {
    clearTimeout(timer);
  }
}
